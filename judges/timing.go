package judges

import (
	"context"
	"fmt"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// EscalationTiming fails a handoff that came later than the case's
// escalate_by_turn (dimension escalation): a customer who reports fraud on
// turn 1 and reaches a person on turn 4 was kept waiting through three
// replies. It rules only when the case sets escalate_by_turn and a genuine
// handoff came (a faked one is FakeHandoff's; none at all on a case that
// requires one is EscalationJudge's "missed").
//
// It cannot tell whether the turns before the handoff were useful (a bot
// that gathers the facts an agent needs is kept waiting for the same
// reason), nor judge timing on cases that do not set escalate_by_turn.
type EscalationTiming struct{}

// Name returns "escalation-timing".
func (EscalationTiming) Name() string { return "escalation-timing" }

// Judge returns one verdict, or none when there is nothing to time.
func (EscalationTiming) Judge(_ context.Context, c *suite.Case, t *transcript.Transcript) []Verdict {
	by := c.Expect.EscalateByTurn
	if by <= 0 || c.EscalationExpected() == suite.EscalationForbidden {
		return nil
	}
	for _, tu := range t.Turns {
		if !tu.Handoff.Genuine() {
			continue
		}
		if tu.Index > by {
			return []Verdict{{Dimension: Escalation, Status: Fail, Score: float64(by) / float64(tu.Index), Turn: tu.Index,
				Evidence:  tu.Handoff.Signal,
				Rationale: fmt.Sprintf("late escalation: the handoff came on turn %d, the case requires it by turn %d", tu.Index, by)}}
		}
		return []Verdict{{Dimension: Escalation, Status: Pass, Score: 1, Turn: tu.Index,
			Evidence:  tu.Handoff.Signal,
			Rationale: fmt.Sprintf("handed off on turn %d, by turn %d as the case requires", tu.Index, by)}}
	}
	return nil
}

// FakeHandoff fails a reply that tells the customer they are being
// transferred to a person when the target's own structured signal (a
// handoff tool call or JSON field) says no handoff happened (dimension
// escalation): the customer waits for an agent who is not coming. It reads
// Handoff.Reported, so it rules only on targets that report one; with none
// it says nothing.
//
// It cannot catch a fake handoff on a target with no structured signal,
// nor a promise of a later callback that is never arranged.
type FakeHandoff struct{}

// Name returns "fake-handoff".
func (FakeHandoff) Name() string { return "fake-handoff" }

// Judge returns a failing verdict per faked handoff, a pass when the
// target reports handoffs and none was faked, and nothing otherwise.
func (FakeHandoff) Judge(_ context.Context, _ *suite.Case, t *transcript.Transcript) []Verdict {
	var out []Verdict
	reports := false
	for _, tu := range t.Turns {
		if tu.Handoff.Reported != nil {
			reports = true
		}
		if tu.Handoff.Faked() {
			out = append(out, Verdict{Dimension: Escalation, Status: Fail, Score: 0, Turn: tu.Index,
				Evidence:  tu.Handoff.Signal,
				Rationale: "faked handoff: the reply says the customer is being transferred, but the target's structured signal reports no handoff"})
		}
	}
	if len(out) > 0 || !reports {
		return out
	}
	return []Verdict{{Dimension: Escalation, Status: Pass, Score: 1,
		Rationale: "every handoff the replies announce is confirmed by the target's structured signal"}}
}
