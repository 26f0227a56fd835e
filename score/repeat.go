package score

import (
	"fmt"
	"strings"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
)

// How a gate treats flaky cases (suite.Gates.Flaky, `run --flaky`).
const (
	// FlakyWarn (the default) lists flaky cases in a "flaky" check that
	// holds with a warning. A flaky case still has status fail, so
	// max_failed already fails the gate on a flaky critical or high case.
	FlakyWarn = "warn"
	// FlakyFail fails the gate on any flaky case, whatever its severity:
	// for teams that want the bot consistent, not only right on average.
	FlakyFail = "fail"
)

// ValidFlaky reports whether s is a setting of gates.flaky ("" is the
// default, warn).
func ValidFlaky(s string) bool {
	return s == "" || s == FlakyWarn || s == FlakyFail
}

// AttemptCounts counts a case's attempts by status.
type AttemptCounts struct {
	Pass, Fail, Error int
}

// Judged is the number of attempts that passed or failed.
func (n AttemptCounts) Judged() int { return n.Pass + n.Fail }

// CountAttempts counts c's attempts by status.
func (c *Case) CountAttempts() AttemptCounts {
	var n AttemptCounts
	for _, a := range c.Attempts {
		switch a.Status {
		case judges.Pass:
			n.Pass++
		case judges.Fail:
			n.Fail++
		default:
			n.Error++
		}
	}
	return n
}

// FillRepeats sets the case's PassAt1, PassAllK and Flaky from its
// attempts and Status.
func FillRepeats(c *Case) {
	n := c.CountAttempts()
	c.PassAt1 = nil
	if n.Judged() > 0 {
		r := float64(n.Pass) / float64(n.Judged())
		c.PassAt1 = &r
	}
	c.PassAllK = len(c.Attempts) > 0 && c.Status == judges.Pass
	c.Flaky = n.Pass > 0 && n.Fail > 0
}

// FillRepeatTotals sets the totals' PassAt1, PassAllK and Flaky from the
// cases (whose own repeat fields must be filled).
func FillRepeatTotals(sc *Scorecard) {
	var sum float64
	var judged, flaky int
	for i := range sc.Len() {
		c := sc.Case(i)
		if c.PassAt1 != nil {
			sum += *c.PassAt1
			judged++
		}
		if c.Flaky {
			flaky++
		}
	}
	sc.Totals.PassAt1 = 0
	if judged > 0 {
		sc.Totals.PassAt1 = sum / float64(judged)
	}
	sc.Totals.PassAllK = rate(sc.Totals.Pass, sc.Totals.Fail)
	sc.Totals.Flaky = flaky
}

// flakyCheck is the "flaky" gate check, or nil when no case was attempted
// more than once (a single attempt cannot be flaky).
func flakyCheck(sc *Scorecard, g suite.Gates) *GateCheck {
	repeated := sc.Run.Repeat > 1
	for i := range sc.Len() {
		if repeated {
			break
		}
		repeated = len(sc.Case(i).Attempts) > 1
	}
	if !repeated {
		return nil
	}
	mode := g.Flaky
	if mode == "" {
		mode = FlakyWarn
	}
	var ids []string
	for i := range sc.Len() {
		if c := sc.Case(i); c.Flaky {
			ids = append(ids, c.ID)
		}
	}
	ch := &GateCheck{Name: "flaky", Passed: true}
	if len(ids) == 0 {
		ch.Detail = fmt.Sprintf("no case is flaky (flaky: %s)", mode)
		return ch
	}
	listed := ids
	more := ""
	if len(listed) > 5 {
		listed, more = listed[:5], fmt.Sprintf(" and %d more", len(ids)-5)
	}
	ch.Detail = fmt.Sprintf("%d flaky case(s), some attempts passed and some failed: %s%s (flaky: %s)",
		len(ids), strings.Join(listed, ", "), more, mode)
	if mode != FlakyWarn { // fail, or a value the CLI would have refused
		ch.Passed = false
	} else {
		ch.Warning = true
	}
	return ch
}
