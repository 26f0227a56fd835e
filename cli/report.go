package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
	return cmd
}

func reportRun(opts *ReportOptions) error {
	suites, err := loadSuites(opts.Suites)
	if err != nil {
		return err
	}
	cfg := suites[0].Config
	var all []*suite.Case
	for _, s := range suites {
		all = append(all, s.Cases...)
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

	var recs []*results.Record
	var where []results.Pos
	seen := map[results.Key]int{}
	err = results.ScanFile(path, func(r *results.Record, pos results.Pos) error {
		if i, dup := seen[r.Key()]; dup {
			recs[i], where[i] = r, pos // a later line (a redone attempt) replaces an earlier one
			return nil
		}
		seen[r.Key()] = len(recs)
		recs = append(recs, r)
		where = append(where, pos)
		return nil
	})
	if errors.Is(err, os.ErrNotExist) {
		return usageErrorf("%s: no %s (is it a tribunal report folder?)", opts.Dir, results.FileName)
	}
	if err != nil {
		return &UsageError{fmt.Errorf("%s: %w", path, err)}
	}
	if len(recs) == 0 {
		return usageErrorf("%s has no finished attempt to report on", path)
	}

	// The cases run are the suite's cases that have results, in suite order.
	has := map[string]bool{}
	for _, r := range recs {
		has[r.CaseID] = true
	}
	var cases []*suite.Case
	known := map[string]bool{}
	for _, c := range all {
		known[c.ID] = true
		if has[c.ID] {
			cases = append(cases, c)
		}
	}
	var unknown []string
	for id := range has {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		fmt.Fprintf(opts.IO.ErrOut, "tribunal report: warning: %d case(s) in %s are not in %s (e.g. %s); they are reported with medium severity and no title. Pass the suite folders the run used.\n",
			len(unknown), results.FileName, suiteNames(suites), unknown[0])
	}

	info := reportRunInfo(dir, recs)
	info.Suite = suiteNames(suites)
	ro := &RunOptions{Flaky: opts.Flaky, Baseline: opts.Baseline, AllowSuiteChange: opts.AllowSuiteChange}
	base, err := prepareRun(ro, &cfg.Gates, cases, info)
	if err != nil {
		return err
	}

	builder := score.NewBuilder(cases, info)
	for i, r := range recs {
		builder.AddAt(r, path, where[i])
	}
	sc := builder.Scorecard(cfg.Gates)
	for i := range sc.Cases {
		if len(sc.Cases[i].Attempts) < sc.Run.Repeat {
			sc.Run.Interrupted = true
		}
	}
	if err := applyBaseline(sc, base); err != nil {
		return err
	}

	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("creating report folder: %w", err)
	}
	if abs1, _ := filepath.Abs(out); abs1 != mustAbs(dir) {
		// A report folder holds its results too.
		w, err := results.Create(filepath.Join(out, results.FileName))
		if err != nil {
			return err
		}
		for _, r := range recs {
			if err := w.Write(r); err != nil {
				_ = w.Close()
				return err
			}
		}
		if err := w.Close(); err != nil {
			return err
		}
	}
	if err := deliver(opts.IO, out, sc); err != nil {
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

// reportRunInfo describes the run behind recs: from the folder's
// scorecard.json when it has one (the run's own record), else from the
// transcripts (target, first start, last finish, highest attempt).
func reportRunInfo(dir string, recs []*results.Record) score.RunInfo {
	if data, err := os.ReadFile(filepath.Join(dir, "scorecard.json")); err == nil {
		var sc struct {
			Run *score.RunInfo `json:"run"`
		}
		if json.Unmarshal(bytes.TrimSpace(data), &sc) == nil && sc.Run != nil {
			info := *sc.Run
			info.SuiteHash = "" // recomputed from the cases, as run does
			for _, r := range recs {
				info.Repeat = max(info.Repeat, r.Attempt)
			}
			return info
		}
	}
	info := score.RunInfo{Tribunal: version()}
	for _, r := range recs {
		info.Repeat = max(info.Repeat, r.Attempt)
		t := r.Transcript
		if t == nil {
			continue
		}
		if info.Target == "" {
			info.Target = t.Target
		}
		if !t.Started.IsZero() && (info.Started.IsZero() || t.Started.Before(info.Started)) {
			info.Started = t.Started
		}
		if end := t.Started.Add(time.Duration(t.DurationMS * float64(time.Millisecond))); end.After(info.Finished) {
			info.Finished = end
		}
	}
	if info.Repeat < 1 {
		info.Repeat = 1
	}
	return info
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
