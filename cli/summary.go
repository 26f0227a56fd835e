package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/reports"
	"github.com/tribunal-eval/tribunal/score"
)

// maxListed bounds the failures a summary prints; the report has them all.
const maxListed = 15

// addReportFlags adds the flags that shape the report files, shared by
// every command that writes a report folder.
func addReportFlags(f *pflag.FlagSet, o *reports.Options) {
	f.IntVar(&o.Conversations, "html-conversations", reports.DefaultConversations,
		"conversations index.html shows, failures first (0: every case); every case keeps its row, and scorecard.json and junit.xml hold them all")
}

// checkReport rejects report options before any work is done, so a typo
// never costs a run.
func checkReport(o reports.Options) error {
	if o.Conversations < 0 {
		return usageErrorf("--html-conversations %d: want 0 (every case) or more", o.Conversations)
	}
	return nil
}

// deliver writes the report folder, prints the summary and hands the run to
// the CI it runs in: the end of every command that produces a scorecard.
func deliver(ios *IOStreams, out string, sc *score.Scorecard, o reports.Options) error {
	if err := reports.WriteAllWith(out, sc, o); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	printSummary(ios, sc, out)
	publishCI(ios, sc)
	return nil
}

// gateResult is the scorecard's gate decision as a command's error.
func gateResult(sc *score.Scorecard) error {
	if !sc.Gate.Passed {
		return &GateError{Gate: sc.Gate}
	}
	return nil
}

// printSummary writes the end-of-run summary: totals, dimensions, the worst
// failures with their evidence, the gate and where the report is.
func printSummary(ios *IOStreams, sc *score.Scorecard, out string) {
	w := ios.Out
	t := sc.Totals
	fmt.Fprintf(w, "\n%d cases, %d attempts: %d passed, %d failed, %d errored",
		t.Cases, t.Attempts, t.Pass, t.Fail, t.Error)
	if sc.Run.Interrupted {
		fmt.Fprint(w, " (run incomplete)")
	}
	fmt.Fprintln(w)
	for _, d := range sc.Dimensions {
		fmt.Fprintf(w, "  %-11s %4d pass %4d fail", d.Dimension, d.Pass, d.Fail)
		if d.Skipped > 0 {
			fmt.Fprintf(w, " %4d skipped", d.Skipped)
		}
		if d.Error > 0 {
			fmt.Fprintf(w, " %4d error", d.Error)
		}
		if d.Pass+d.Fail > 0 {
			fmt.Fprintf(w, "  %5.1f%% [%.0f–%.0f%%]", 100*d.Rate, 100*d.Low, 100*d.High)
		}
		fmt.Fprintln(w)
	}

	if j := sc.Judging; j != nil {
		fmt.Fprintf(w, "  LLM judging (%s): %d calls, %d from cache, %d+%d tokens, about $%.4f",
			j.Model, j.Calls, j.CacheHits, j.PromptTokens, j.CompletionTokens, j.CostUSD)
		if j.Discarded > 0 {
			fmt.Fprintf(w, ", %d findings with made-up quotes discarded", j.Discarded)
		}
		if j.BudgetReached {
			fmt.Fprint(w, "; budget reached, the rest skipped")
		}
		fmt.Fprintln(w)
	}

	listed := 0
	for _, sev := range []string{"critical", "high", "medium", "low"} {
		for i := range sc.Len() {
			if listed >= maxListed {
				break
			}
			c := sc.Case(i)
			if string(c.Severity) != sev || c.Status == judges.Pass {
				continue
			}
			if listed == 0 {
				fmt.Fprintln(w, "\nNot passing:")
			}
			listed++
			if c.Status == judges.Error {
				msg := ""
				for _, a := range c.Attempts {
					if a.Error != "" {
						msg = a.Error
						break
					}
				}
				fmt.Fprintf(w, "  ERROR %s (%s): %s\n", c.ID, c.Severity, oneLine(msg, 160))
				continue
			}
			fmt.Fprintf(w, "  FAIL  %s (%s): %s\n", c.ID, c.Severity, dimList(c.FailedDimensions()))
			if d, err := sc.Detail(i); err == nil {
				c = d
			}
			shown := 0
			for _, v := range c.Verdicts {
				if v.Status != judges.Fail || shown >= 3 {
					continue
				}
				shown++
				turn := "conversation"
				if v.Turn > 0 {
					turn = fmt.Sprintf("turn %d", v.Turn)
				}
				fmt.Fprintf(w, "        %s, %s: %s\n", v.Dimension, turn, v.Rationale)
				if v.Evidence != "" {
					fmt.Fprintf(w, "          > %s\n", oneLine(v.Evidence, 200))
				}
			}
		}
	}
	if notListed := t.Fail + t.Error - listed; notListed > 0 {
		fmt.Fprintf(w, "  …and %d more in the report\n", notListed)
	}

	fmt.Fprintln(w)
	if sc.Gate.Passed {
		fmt.Fprintln(w, "Gate: PASSED")
	} else {
		fmt.Fprintf(w, "Gate: FAILED (exit %d)\n", sc.Gate.ExitCode)
		for _, c := range sc.Gate.Failed() {
			fmt.Fprintf(w, "  ✗ %s: %s\n", c.Name, c.Detail)
		}
	}
	fmt.Fprintf(w, "Report: %s\n", filepath.Join(out, "index.html"))
}

func dimList(ds []judges.Dimension) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = string(d)
	}
	return strings.Join(s, ", ")
}

// oneLine folds text onto one line and cuts it to n runes, so a bot's reply
// cannot break the layout of a log.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
