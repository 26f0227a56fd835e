// Package reports turns a scorecard into the files of the output folder:
// index.html for product, junit.xml for CI, summary.md for pull requests and
// job summaries, and scorecard.json for machines. Each format is a pure
// function of the scorecard (a Reporter); WriteAll writes them all, each
// atomically.
//
// A bot reply is untrusted text: every reporter escapes it for its format
// and strips characters that format cannot carry.
package reports

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// Reporter writes one report of a scorecard to w. It reads the scorecard and
// never changes it.
type Reporter func(w io.Writer, sc *score.Scorecard) error

// File is one standard output file and the reporter that writes it.
type File struct {
	Name   string
	Report Reporter
}

// Files lists the standard output files, in the order WriteAll writes them.
// results.jsonl is not here: the replay engine appends it as it goes.
var Files = []File{
	{Name: "scorecard.json", Report: JSON},
	{Name: "junit.xml", Report: JUnit},
	{Name: "summary.md", Report: Markdown},
	{Name: "index.html", Report: HTML},
}

// Options tune the standard files.
type Options struct {
	// Conversations bounds the cases whose conversation index.html shows,
	// failures first; 0 shows every one. The other files always hold
	// every case.
	Conversations int
}

// DefaultConversations is how many conversations index.html shows by
// default: every one for suites up to this size, and a page that still
// opens in a browser and attaches to a mail for larger ones.
const DefaultConversations = 2000

// DefaultOptions are the options WriteAll writes with.
var DefaultOptions = Options{Conversations: DefaultConversations}

// FilesWith is Files written with o.
func FilesWith(o Options) []File {
	out := slices.Clone(Files)
	for i := range out {
		if out[i].Name == "index.html" {
			out[i].Report = HTMLWith(o)
		}
	}
	return out
}

// WriteAll writes every file of Files into dir (created when missing), each
// atomically: a reader or a crash sees the old file or the new one, never a
// half-written one. The files are written concurrently. One failing
// reporter does not stop the others; the errors are joined, in Files order.
func WriteAll(dir string, sc *score.Scorecard) error {
	return WriteAllWith(dir, sc, DefaultOptions)
}

// WriteAllWith is WriteAll with the files written with o.
func WriteAllWith(dir string, sc *score.Scorecard, o Options) error {
	if sc == nil {
		return errNilScorecard
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	// Reporters only read the scorecard, so they run side by side: the
	// report of a large run is ready in the time of its slowest file.
	files := FilesWith(o)
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() { errs[i] = WriteFile(filepath.Join(dir, f.Name), sc, f.Report) })
	}
	wg.Wait()
	syncDir(dir)
	return errors.Join(errs...)
}

// WriteFile writes one report to path atomically: it renders into a
// temporary file next to path, syncs it and renames it over path. On any
// error the temporary file is removed and path is left as it was.
func WriteFile(path string, sc *score.Scorecard, r Reporter) (err error) {
	if sc == nil {
		return errNilScorecard
	}
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return fmt.Errorf("reports: writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("reports: writing %s: %w", path, err)
		}
	}()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err = r(bw, sc); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// syncDir makes the renames durable where the platform allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

var errNilScorecard = errors.New("reports: nil scorecard")

// statusRank orders cases and attempts for reading: failures first, then
// errors, then passes.
func statusRank(s score.Status) int {
	switch s {
	case judges.Fail:
		return 0
	case judges.Error:
		return 1
	case judges.Pass:
		return 3
	default:
		return 2
	}
}

// severityRank orders severities from most to least severe; unknown ones
// come last.
func severityRank(s suite.Severity) int {
	if i := slices.Index(suite.Severities, s); i >= 0 {
		return i
	}
	return len(suite.Severities)
}

// readingOrder returns the indexes of sc's cases with failures first, then
// errors, then passes, by severity within each, keeping the scorecard's
// order among equals.
func readingOrder(sc *score.Scorecard) []int {
	n := sc.Len()
	order := make([]int, n)
	// One key per case, so sorting does not make cases again.
	keys := make([]int32, n)
	for i := range order {
		order[i] = i
		c := sc.Case(i)
		keys[i] = int32(statusRank(c.Status)<<16 | severityRank(c.Severity))
	}
	sort.SliceStable(order, func(a, b int) bool { return keys[order[a]] < keys[order[b]] })
	return order
}

// dimensionOrder sorts dimensions in report order (judges.Dimensions), any
// unknown dimension after them by name.
func dimensionOrder(ds []judges.Dimension) {
	sort.SliceStable(ds, func(a, b int) bool {
		ia, ib := slices.Index(judges.Dimensions, ds[a]), slices.Index(judges.Dimensions, ds[b])
		if ia < 0 {
			ia = len(judges.Dimensions)
		}
		if ib < 0 {
			ib = len(judges.Dimensions)
		}
		if ia != ib {
			return ia < ib
		}
		return ds[a] < ds[b]
	})
}

// caseFailedDimensions lists the dimensions a case failed in report order,
// including dimensions the judges package does not list yet.
func caseFailedDimensions(c *score.Case) []judges.Dimension {
	var out []judges.Dimension
	for d, s := range c.Dimensions {
		if s == judges.Fail {
			out = append(out, d)
		}
	}
	dimensionOrder(out)
	return out
}

// verdictDimensions lists, in report order and once each, the dimensions of
// the verdicts with status st.
func verdictDimensions(vs []judges.Verdict, st judges.Status) []judges.Dimension {
	var out []judges.Dimension
	for _, v := range vs {
		if v.Status == st && !slices.Contains(out, v.Dimension) {
			out = append(out, v.Dimension)
		}
	}
	dimensionOrder(out)
	return out
}

func joinDimensions(ds []judges.Dimension) string {
	s := ""
	for i, d := range ds {
		if i > 0 {
			s += ", "
		}
		s += string(d)
	}
	return s
}

// attemptNumber is the attempt's 1-based number as reports show it.
func attemptNumber(a *score.Attempt, i int) int {
	if a.Attempt > 0 {
		return a.Attempt
	}
	if a.Transcript != nil && a.Transcript.Attempt > 0 {
		return a.Transcript.Attempt
	}
	return i + 1
}

// attemptError is why an errored attempt errored: the transport error, or
// the first judge error.
func attemptError(a *score.Attempt) string {
	if a.Error != "" {
		return a.Error
	}
	if a.Transcript != nil && a.Transcript.Error != "" {
		return a.Transcript.Error
	}
	for _, v := range a.Verdicts {
		if v.Status == judges.Error {
			msg := "judge " + v.Judge + " errored on " + string(v.Dimension)
			if v.Rationale != "" {
				msg += ": " + v.Rationale
			}
			return msg
		}
	}
	return "the attempt ended in error"
}

// maxLatencyMS is the slowest reply over every attempt of a case; ok is
// false when no turn has a latency.
func maxLatencyMS(c *score.Case) (ms float64, ok bool) {
	for ai := range c.Attempts {
		if _, m, timed := c.Attempts[ai].Timing(); timed && m > 0 && (!ok || m > ms) {
			ms, ok = m, true
		}
	}
	return ms, ok
}

// caseGroup is how CI groups a case: its first tag, else the id's prefix
// before "/", else the suite's name.
func caseGroup(c *score.Case, suiteName string) string {
	if len(c.Tags) > 0 && c.Tags[0] != "" {
		return c.Tags[0]
	}
	for i := 0; i < len(c.ID); i++ {
		if c.ID[i] == '/' && i > 0 {
			return c.ID[:i]
		}
	}
	if suiteName != "" {
		return suiteName
	}
	return "tribunal"
}
