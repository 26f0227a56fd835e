package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/spf13/cobra"
	"github.com/tribunal-eval/tribunal/reports"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// ReportOptions are `tribunal report`'s inputs.
type ReportOptions struct {
	IO *IOStreams
	// Dir is the report folder holding results.jsonl (or the file itself).
	Dir    string
	Suites []string
	// Out is where the report is written (default: Dir).
	Out              string
	Baseline         string
	AllowSuiteChange bool
	Flaky            string
	Report           reports.Options
}

// NewCmdReport builds `tribunal report`.
func NewCmdReport(ios *IOStreams, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "report RESULTS_DIR [SUITE_DIR...]",
		Short: "Re-render the report folder from results.jsonl, without calling the bot",
		Long: `Rebuild the scorecard from RESULTS_DIR/results.jsonl and write index.html,
scorecard.json, junit.xml and summary.md again, without replaying anything:
after upgrading tribunal, after editing case titles or severities, or to
compare with a baseline after the fact. The cases' metadata (titles,
severities, tags, order) and the gates come from the suite folders (the bundled
library when none is given); the run's details (target, times, repeat) from
the folder's old scorecard.json when there is one.

Exits like tribunal run: 0 every gate held, 1 a gate failed, 2 bad input,
3 too many attempts errored.`,
		Example: `  tribunal report tribunal-report
  tribunal report tribunal-report ./cases --out rerendered --baseline last-release/scorecard.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 {
				return usageErrorf("report needs RESULTS_DIR (a report folder with %s)", results.FileName)
			}
			opts.Dir, opts.Suites = args[0], args[1:]
			if runF != nil {
				return runF(opts)
			}
			return reportRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Out, "out", "", "report folder to write (default: RESULTS_DIR)")
	f.StringVar(&opts.Baseline, "baseline", "", "an earlier scorecard.json to compare with and gate on")
	f.BoolVar(&opts.AllowSuiteChange, "allow-suite-change", false, "compare with a baseline of different cases (matched by id)")
	f.StringVar(&opts.Flaky, "flaky", "", "flaky cases (some attempts pass, some fail): warn (default) or fail the gate")
	addReportFlags(f, &opts.Report)
	return cmd
}

func reportRun(opts *ReportOptions) error {
	if err := checkReport(opts.Report); err != nil {
		return err
	}
	dir, path := opts.Dir, opts.Dir
	if st, err := os.Stat(opts.Dir); err != nil {
		return usageErrorf("%s: %v", opts.Dir, errors.Unwrap(err))
	} else if st.IsDir() {
		path = filepath.Join(opts.Dir, results.FileName)
	} else {
		dir = filepath.Dir(opts.Dir)
	}
	out := opts.Out
	if out == "" {
		out = dir
	}

	// Two passes over results.jsonl, holding positions, not records: the
	// first finds the attempts (a later line for an attempt, a redone one,
	// replaces an earlier one) and the run's span, the second feeds the
	// scorecard once the cases run are known.
	where := map[results.Key]results.Pos{}
	has := map[string]bool{}
	span := newRunSpan()
	err := results.ScanFile(path, func(r *results.Record, pos results.Pos) error {
		where[r.Key()] = pos
		has[r.CaseID] = true
		span.add(r)
		return nil
	})
	if errors.Is(err, os.ErrNotExist) {
		return usageErrorf("%s: no %s (is it a tribunal report folder?)", opts.Dir, results.FileName)
	}
	if err != nil {
		return &UsageError{fmt.Errorf("%s: %w", path, err)}
	}
	if len(where) == 0 {
		return usageErrorf("%s has no finished attempt to report on", path)
	}

	// The cases run are the suite's cases that have results, in suite
	// order. The suites are walked, not held: only each case's description
	// stays, in the scorecard.
	builder := score.NewBuilder(nil, score.RunInfo{})
	known := map[string]bool{}
	walked, err := walkSuites(opts.Suites, nil, func(c *suite.Case) {
		known[c.ID] = true
		if has[c.ID] {
			builder.Declare(c)
		}
	}, 0)
	if err != nil {
		return err
	}
	cfg := walked.suites[0].Config
	var unknown []string
	for id := range has {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		fmt.Fprintf(opts.IO.ErrOut, "tribunal report: warning: %d case(s) in %s are not in %s (e.g. %s); they are reported with medium severity and no title. Pass the suite folders the run used.\n",
			len(unknown), results.FileName, suiteNames(walked.suites), unknown[0])
	}

	info := reportRunInfo(dir, span)
	info.Suite = suiteNames(walked.suites)
	builder.SetRun(info)
	ro := &RunOptions{Flaky: opts.Flaky, Baseline: opts.Baseline, AllowSuiteChange: opts.AllowSuiteChange}
	base, err := prepareRun(ro, &cfg.Gates, builder.SuiteHash, info)
	if err != nil {
		return err
	}

	err = results.ScanFile(path, func(r *results.Record, pos results.Pos) error {
		if where[r.Key()] == pos {
			builder.AddAt(r, path, pos)
		}
		return nil
	})
	if err != nil {
		return &UsageError{fmt.Errorf("%s: %w", path, err)}
	}
	sc := builder.Scorecard(cfg.Gates)
	for i := range sc.Len() {
		if len(sc.Case(i).Attempts) < sc.Run.Repeat {
			sc.Run.Interrupted = true
			break
		}
	}
	if err := applyBaseline(sc, base); err != nil {
		return err
	}

	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("creating report folder: %w", err)
	}
	if abs1, _ := filepath.Abs(out); abs1 != mustAbs(dir) {
		// A report folder holds its results too: the attempts reported,
		// each line as it was, in file order.
		if err := copyLines(path, filepath.Join(out, results.FileName), where); err != nil {
			return err
		}
	}
	if err := deliver(opts.IO, out, sc, opts.Report); err != nil {
		return err
	}
	return gateResult(sc)
}

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// runSpan is what the records say about their run: the target, the first
// start, the last finish and the highest attempt.
type runSpan struct{ info score.RunInfo }

func newRunSpan() *runSpan { return &runSpan{info: score.RunInfo{Tribunal: version()}} }

func (s *runSpan) add(r *results.Record) {
	s.info.Repeat = max(s.info.Repeat, r.Attempt)
	t := r.Transcript
	if t == nil {
		return
	}
	if s.info.Target == "" {
		s.info.Target = t.Target
	}
	if !t.Started.IsZero() && (s.info.Started.IsZero() || t.Started.Before(s.info.Started)) {
		s.info.Started = t.Started
	}
	if end := t.Started.Add(time.Duration(t.DurationMS * float64(time.Millisecond))); end.After(s.info.Finished) {
		s.info.Finished = end
	}
}

// reportRunInfo describes the run behind the records: from the folder's
// scorecard.json when it has one (the run's own record), else from the
// transcripts (target, first start, last finish, highest attempt).
func reportRunInfo(dir string, span *runSpan) score.RunInfo {
	if run := readRunInfo(filepath.Join(dir, "scorecard.json")); run != nil {
		info := *run
		info.SuiteHash = "" // recomputed from the cases, as run does
		info.Repeat = max(info.Repeat, span.info.Repeat)
		return info
	}
	info := span.info
	if info.Repeat < 1 {
		info.Repeat = 1
	}
	return info
}

// readRunInfo is the run section of a scorecard.json, or nil. It reads up
// to that section only: the cases after it can be hundreds of megabytes.
func readRunInfo(path string) *score.RunInfo {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil
		}
		if t == "run" {
			var run score.RunInfo
			if dec.Decode(&run) != nil {
				return nil
			}
			return &run
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return nil
		}
	}
	return nil
}

// copyLines writes the lines of results file src at the positions keep, in
// file order, to a new results file dst.
func copyLines(src, dst string, keep map[results.Key]results.Pos) error {
	pos := make([]results.Pos, 0, len(keep))
	for _, p := range keep {
		pos = append(pos, p)
	}
	sort.Slice(pos, func(i, j int) bool { return pos[i].Off < pos[j].Off })
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	var buf []byte
	for _, p := range pos {
		buf = slices.Grow(buf[:0], p.Len)[:p.Len]
		if _, err := in.ReadAt(buf, p.Off); err != nil {
			out.Close()
			return fmt.Errorf("copying %s: %w", src, err)
		}
		if buf[len(buf)-1] != '\n' {
			buf = append(buf, '\n') // the last line of a file cut short of its newline
		}
		if _, err := w.Write(buf); err != nil {
			out.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// publishCI hands the finished run to the CI it runs in. On GitHub
// Actions: summary.md is appended to $GITHUB_STEP_SUMMARY (the job summary
// page; appended, as GitHub expects several steps to write to it) and the
// failed critical and high cases and failed gate checks are printed as
// ::error annotations (shown on the run and the pull request). Problems are
// warnings: the report folder has everything.
func publishCI(ios *IOStreams, sc *score.Scorecard) {
	if path := ios.Getenv("GITHUB_STEP_SUMMARY"); path != "" {
		var b bytes.Buffer
		err := reports.Markdown(&b, sc)
		if err == nil {
			var f *os.File
			if f, err = os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err == nil {
				_, err = f.Write(append(b.Bytes(), '\n'))
				err = errors.Join(err, f.Close())
			}
		}
		if err != nil {
			fmt.Fprintf(ios.ErrOut, "tribunal: warning: could not write the job summary to $GITHUB_STEP_SUMMARY: %v\n", err)
		}
	}
	if ios.Getenv("GITHUB_ACTIONS") == "true" {
		for _, line := range reports.Annotations(sc) {
			fmt.Fprintln(ios.Out, line)
		}
	}
}
