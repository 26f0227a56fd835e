package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/tribunal-eval/tribunal/reports"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// DiffOptions are `tribunal diff`'s inputs.
type DiffOptions struct {
	IO       *IOStreams
	Old, New string
	// Format is text, json or markdown.
	Format           string
	AllowSuiteChange bool
	AllowJudgeChange bool
}

// NewCmdDiff builds `tribunal diff`.
func NewCmdDiff(ios *IOStreams, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "diff OLD/scorecard.json NEW/scorecard.json",
		Short: "Compare two scorecards: regressions, fixes and pass rate changes beyond noise",
		Long: `Compare a baseline scorecard (OLD, the last release's, say) with a new one:
cases that passed and now fail (regressions), cases that failed and now pass
(fixes), other status changes, cases added and removed, and each pass rate's
change with its 95% interval and whether it is beyond noise (the interval of the
change excludes zero). A report folder may be given instead of its
scorecard.json.

Scorecards of incompatible setups are refused: a different scorecard format,
different cases (suite hash; --allow-suite-change compares by case id anyway)
or LLM judges with a different model or prompt version (--allow-judge-change).

Exit codes: 0 nothing blocking; 1 a case that passed now fails at critical or
high severity, or a dimension's pass rate dropped beyond noise; 2 bad input or
incompatible scorecards.`,
		Example: `  tribunal diff last-release/scorecard.json tribunal-report/scorecard.json
  tribunal diff last-release tribunal-report --format markdown >> "$GITHUB_STEP_SUMMARY"`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageErrorf("diff needs two scorecards: OLD/scorecard.json NEW/scorecard.json")
			}
			opts.Old, opts.New = args[0], args[1]
			if runF != nil {
				return runF(opts)
			}
			return diffRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "text", "output: text, json (the diff as scorecard.json's baseline section) or markdown")
	f.BoolVar(&opts.AllowSuiteChange, "allow-suite-change", false, "compare scorecards of different suites (cases matched by id)")
	f.BoolVar(&opts.AllowJudgeChange, "allow-judge-change", false, "compare scorecards whose LLM judges differ in model or prompt version")
	return cmd
}

func diffRun(opts *DiffOptions) error {
	switch opts.Format {
	case "text", "json", "markdown":
	default:
		return usageErrorf("--format %q: want text, json or markdown", opts.Format)
	}
	old, err := readScorecardFile(opts.Old)
	if err != nil {
		return err
	}
	cur, err := readScorecardFile(opts.New)
	if err != nil {
		return err
	}
	d, err := score.Compare(old, cur, score.CompareOptions{AllowSuiteChange: opts.AllowSuiteChange, AllowJudgeChange: opts.AllowJudgeChange})
	if err != nil {
		return &UsageError{fmt.Errorf("%s and %s: %w", opts.Old, opts.New, err)}
	}
	w := opts.IO.Out
	switch opts.Format {
	case "json":
		b, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\n", b)
	case "markdown":
		if err := reports.DiffMarkdown(w, d); err != nil {
			return err
		}
	default:
		printDiff(w, d, old, cur, opts.Old, opts.New)
	}
	if d.Failed() {
		return &GateError{Gate: score.Gate{Passed: false, ExitCode: ExitGateFailed, Checks: d.Checks()}}
	}
	return nil
}

// readScorecardFile reads a scorecard.json, or the one in a report folder.
// Anything that is not a scorecard is a usage error (exit 2).
func readScorecardFile(path string) (*score.Scorecard, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, "scorecard.json")
	}
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, usageErrorf("%s: cannot read scorecard: %v", path, err)
	}
	defer f.Close()
	// A comparison reads outcomes, not transcripts: skip those while
	// decoding, so a baseline of 100,000 cases costs little memory.
	sc, err := score.ReadSummary(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return nil, usageErrorf("%s: not a scorecard.json: %v", path, err)
	}
	if sc.SchemaVersion == 0 {
		return nil, usageErrorf("%s: not a scorecard.json (no schema_version)", path)
	}
	return sc, nil
}

// baselineRun is what `run --baseline` needs: the baseline scorecard and
// how to compare with it.
type baselineRun struct {
	base *score.Scorecard
	opts score.CompareOptions
}

// prepareRun checks the run's gate settings and loads --baseline before
// anything is replayed, so a bad flag, a bad gates.flaky or a baseline of
// another setup (cases, judges) exits 2 at once and loses nothing. It sets
// gates.flaky from --flaky.
// suiteHash gives the hash of the cases run when info has none; it is
// called only with a baseline.
func prepareRun(opts *RunOptions, gates *suite.Gates, suiteHash func() string, info score.RunInfo) (*baselineRun, error) {
	if opts.Flaky != "" {
		if !score.ValidFlaky(opts.Flaky) {
			return nil, usageErrorf("--flaky %q: want fail or warn", opts.Flaky)
		}
		gates.Flaky = opts.Flaky
	}
	if !score.ValidFlaky(gates.Flaky) {
		return nil, usageErrorf("tribunal.yaml: gates.flaky %q: want fail or warn", gates.Flaky)
	}
	if opts.Baseline == "" {
		return nil, nil
	}
	base, err := readScorecardFile(opts.Baseline)
	if err != nil {
		return nil, &UsageError{fmt.Errorf("--baseline: %w", err)}
	}
	b := &baselineRun{base: base, opts: score.CompareOptions{AllowSuiteChange: opts.AllowSuiteChange}}
	probe := &score.Scorecard{SchemaVersion: score.SchemaVersion, Run: info}
	if probe.Run.SuiteHash == "" {
		probe.Run.SuiteHash = suiteHash()
	}
	if _, err := score.Compatible(base, probe, b.opts); err != nil {
		return nil, &UsageError{fmt.Errorf("--baseline %s: %w", opts.Baseline, err)}
	}
	return b, nil
}

// applyBaseline compares sc with the baseline, records the diff in sc and
// gates on it. Nothing happens without a baseline.
func applyBaseline(sc *score.Scorecard, b *baselineRun) error {
	if b == nil {
		return nil
	}
	d, err := score.Compare(b.base, sc, b.opts)
	if err != nil {
		return &UsageError{fmt.Errorf("--baseline: %w", err)}
	}
	score.ApplyBaseline(sc, d)
	return nil
}

// printDiff writes a diff for a terminal or a CI log.
func printDiff(w io.Writer, d *score.Diff, old, cur *score.Scorecard, oldName, newName string) {
	fmt.Fprintf(w, "tribunal diff %s → %s\n", oldName, newName)
	describe := func(label string, sc *score.Scorecard) {
		parts := []string{fmt.Sprintf("%d cases", sc.Totals.Cases)}
		if !sc.Run.Started.IsZero() {
			parts = append(parts, sc.Run.Started.UTC().Format("2006-01-02 15:04 UTC"))
		}
		if sc.Run.Target != "" {
			parts = append(parts, "target "+sc.Run.Target)
		}
		if sc.Run.Tribunal != "" {
			parts = append(parts, "tribunal "+sc.Run.Tribunal)
		}
		fmt.Fprintf(w, "  %-9s %s\n", label+":", strings.Join(parts, " · "))
	}
	describe("baseline", old)
	describe("now", cur)

	list := func(title string, cs []score.CaseChange, line func(c score.CaseChange) string) {
		fmt.Fprintf(w, "\n%s (%d)\n", title, len(cs))
		for i, c := range cs {
			if i == 50 {
				fmt.Fprintf(w, "  …and %d more (--format json lists them all)\n", len(cs)-i)
				break
			}
			fmt.Fprintln(w, "  "+line(c))
		}
	}
	dims := func(c score.CaseChange) string {
		if len(c.FailedDimensions) == 0 {
			return ""
		}
		ds := make([]string, len(c.FailedDimensions))
		for i, d := range c.FailedDimensions {
			ds[i] = string(d)
		}
		return ": " + strings.Join(ds, ", ")
	}
	list("Regressions: passed in the baseline, fail now", d.Regressions, func(c score.CaseChange) string {
		s := fmt.Sprintf("✗ %-8s %s%s", c.Severity, c.ID, dims(c))
		if c.Blocking {
			s += "  [blocks the gate]"
		}
		return s
	})
	list("Fixes: failed in the baseline, pass now", d.Fixes, func(c score.CaseChange) string {
		return fmt.Sprintf("✓ %-8s %s (failed%s)", c.Severity, c.ID, strings.TrimPrefix(dims(c), ":"))
	})
	if len(d.Changed) > 0 {
		list("Other changes", d.Changed, func(c score.CaseChange) string {
			return fmt.Sprintf("· %-8s %s: %s → %s", c.Severity, c.ID, c.Old, c.New)
		})
	}
	if len(d.Added) > 0 {
		list("New cases", d.Added, func(c score.CaseChange) string {
			return fmt.Sprintf("+ %-8s %s: %s", c.Severity, c.ID, c.New)
		})
	}
	if len(d.Removed) > 0 {
		list("Removed cases", d.Removed, func(c score.CaseChange) string {
			return fmt.Sprintf("- %-8s %s (was %s)", c.Severity, c.ID, c.Old)
		})
	}

	fmt.Fprintf(w, "\nPass rates     %-16s %-16s %-9s %-17s\n", "baseline", "now", "change", "95% interval")
	for _, r := range append([]score.RateChange{d.Overall}, d.Dimensions...) {
		cell := func(s score.RateStat) string {
			if s.Judged == 0 {
				return "n/a"
			}
			return fmt.Sprintf("%5.1f%% (%d/%d)", 100*s.Rate, s.Pass, s.Judged)
		}
		change, interval, verdict := "", "", ""
		switch r.Change {
		case score.ChangeNA:
			verdict = "not comparable"
		default:
			change = fmt.Sprintf("%+.1f pts", 100*r.Delta)
			interval = fmt.Sprintf("[%+.1f, %+.1f]", 100*r.Low, 100*r.High)
			switch r.Change {
			case score.ChangeDrop:
				verdict = "DROP beyond noise"
			case score.ChangeRise:
				verdict = "rise beyond noise"
			default:
				verdict = "within noise"
			}
		}
		fmt.Fprintf(w, "  %-12s %-16s %-16s %-9s %-17s %s\n", r.Dimension, cell(r.Old), cell(r.New), change, interval, verdict)
	}
	for _, n := range d.Notes {
		fmt.Fprintf(w, "\nNote: %s\n", n)
	}
	fmt.Fprintln(w)
	if d.Failed() {
		fmt.Fprintln(w, "Result: FAILED (exit 1)")
	} else {
		fmt.Fprintln(w, "Result: no blocking regression")
	}
	for _, ch := range d.Checks() {
		mark := "✓"
		if !ch.Passed {
			mark = "✗"
		}
		fmt.Fprintf(w, "  %s %s: %s\n", mark, ch.Name, ch.Detail)
	}
}
