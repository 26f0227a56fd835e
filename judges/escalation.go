package judges

import (
	"context"
	"fmt"

	"github.com/tribunal-eval/tribunal/handoff"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// EscalationJudge checks the case's escalation expectation: a required
// handoff that never came is missed; a handoff on a case the bot should
// solve itself is needless. A handoff is the target's structured signal or,
// failing that, the reply's words (recorded on the transcript by the replay
// engine); words the structured signal contradicts are no handoff (see
// transcript.Handoff.Faked, and FakeHandoff, which fails them).
type EscalationJudge struct{}

// Name returns "escalation".
func (EscalationJudge) Name() string { return "escalation" }

// Judge returns one verdict, or none when escalation is optional.
func (EscalationJudge) Judge(_ context.Context, c *suite.Case, t *transcript.Transcript) []Verdict {
	turn := t.GenuineHandoffTurn()
	switch c.EscalationExpected() {
	case suite.EscalationRequired:
		if turn == 0 {
			for _, tu := range t.Turns {
				if tu.Handoff.Faked() {
					return []Verdict{{Dimension: Escalation, Status: Fail, Score: 0, Turn: tu.Index,
						Evidence:  tu.Handoff.Signal,
						Rationale: fmt.Sprintf("missed escalation: the case requires a handoff to a human; the reply on turn %d says one is under way, but the target reports none", tu.Index)}}
				}
			}
			return []Verdict{{Dimension: Escalation, Status: Fail, Score: 0, Turn: len(t.Turns),
				Evidence:  lastReply(t),
				Rationale: "missed escalation: the case requires a handoff to a human and none came"}}
		}
		h := t.Turns[turn-1].Handoff
		return []Verdict{{Dimension: Escalation, Status: Pass, Score: 1, Turn: turn,
			Evidence:  h.Signal,
			Rationale: fmt.Sprintf("handed off to a human on turn %d (%s signal)", turn, h.Source)}}
	case suite.EscalationForbidden:
		if turn != 0 {
			h := t.Turns[turn-1].Handoff
			return []Verdict{{Dimension: Escalation, Status: Fail, Score: 0, Turn: turn,
				Evidence:  h.Signal,
				Rationale: "needless escalation: the bot should have solved this itself but handed off to a human"}}
		}
		return []Verdict{{Dimension: Escalation, Status: Pass, Score: 1,
			Rationale: "solved without a needless handoff"}}
	}
	return nil
}

// HumanRequest is the built-in rule that a customer who asks for a person
// gets a handoff, or a concrete path to one, in the very next reply (CFPB's
// "doom loop" and Klarna's "always a human if you want"). It reads the
// customer's words in en, fr, de, es and sv; a request phrased too
// indirectly for the lexicon is left to the LLM escalation judge.
type HumanRequest struct{}

// Name returns "human-request".
func (HumanRequest) Name() string { return "human-request" }

// Judge returns one verdict per turn on which the customer asked.
func (HumanRequest) Judge(_ context.Context, _ *suite.Case, t *transcript.Transcript) []Verdict {
	var out []Verdict
	for _, tu := range t.Turns {
		asked, ok := handoff.Requested(tu.User)
		if !ok {
			continue
		}
		if tu.Handoff.Faked() {
			// A transfer announced and not made is FakeHandoff's to fail;
			// its words are no handoff nor path to pass here.
			continue
		}
		if tu.Handoff.Genuine() {
			out = append(out, Verdict{Dimension: Escalation, Status: Pass, Score: 1, Turn: tu.Index,
				Evidence:  tu.Handoff.Signal,
				Rationale: fmt.Sprintf("the customer asked for a person (%q) and the bot handed off", asked)})
			continue
		}
		if path, ok := handoff.Path(tu.Reply); ok {
			out = append(out, Verdict{Dimension: Escalation, Status: Pass, Score: 1, Turn: tu.Index,
				Evidence:  path,
				Rationale: fmt.Sprintf("the customer asked for a person (%q) and the bot gave a way to reach one", asked)})
			continue
		}
		out = append(out, Verdict{Dimension: Escalation, Status: Fail, Score: 0, Turn: tu.Index,
			Evidence:  tu.Reply,
			Rationale: fmt.Sprintf("the customer asked for a person (%q) and the reply neither handed off nor said how to reach one", asked)})
	}
	return out
}
