// Package matchers gives teams that write their support-bot tests in Go the
// judgement of tribunal's rule judges as Gomega matchers:
//
//	Expect(transcript).To(HandOff())
//	Expect(transcript).To(HandOffBy(2))
//	Expect(transcript).To(SayNothingContradicting(policy))
//	Expect(transcript).NotTo(Swear())
//	Expect(transcript).NotTo(LeakSecrets())
//	Expect(transcript).To(AnswerIn("fr"))
//	Expect(transcript).To(Say("30 days", "northwind.example/claims"))
//	Expect(record).To(PassJudges())
//
// Each matcher runs the judge of the default rule panel that rules on the
// same question (judges.EscalationJudge, judges.Figures and
// judges.Commitment, judges.Profanity, judges.Leak, judges.LanguageJudge,
// judges.Expectations), so a Go suite and `tribunal run` agree, and a
// failure message quotes the words that decided it.
//
// The actual value may be a *transcript.Transcript, a transcript.Transcript,
// a *results.Record or a results.Record. A transcript that ended in an error
// (the bot could not be reached) makes every matcher return an error: it is
// neither a pass nor a fail. So does a judge that could not rule (a reply
// too short to tell its language).
package matchers

import (
	"context"
	"fmt"
	"strings"

	"github.com/onsi/gomega/types"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// transcriptOf extracts the transcript from what a matcher was given.
func transcriptOf(actual any) (*transcript.Transcript, error) {
	var t *transcript.Transcript
	switch v := actual.(type) {
	case *transcript.Transcript:
		t = v
	case transcript.Transcript:
		t = &v
	case *results.Record:
		if v != nil {
			t = v.Transcript
		}
	case results.Record:
		t = v.Transcript
	default:
		return nil, fmt.Errorf("expected a *transcript.Transcript or a *results.Record, got %T", actual)
	}
	if t == nil {
		return nil, fmt.Errorf("expected a transcript, got nil")
	}
	if t.Failed() {
		return nil, fmt.Errorf("the conversation could not be finished, so it cannot be judged: %s", t.Error)
	}
	return t, nil
}

// outcome is what a judge said about a transcript, as a matcher reads it.
type outcome struct {
	matched bool
	// yes explains a match (for NotTo's failure), no a miss (for To's).
	yes, no string
}

// judgeMatcher adapts a judgement to types.GomegaMatcher.
type judgeMatcher struct {
	// what completes "Expected the bot to ...".
	what  string
	judge func(*transcript.Transcript) (outcome, error)
	last  outcome
}

func (m *judgeMatcher) Match(actual any) (bool, error) {
	t, err := transcriptOf(actual)
	if err != nil {
		return false, err
	}
	o, err := m.judge(t)
	if err != nil {
		return false, err
	}
	m.last = o
	return o.matched, nil
}

func (m *judgeMatcher) FailureMessage(any) string {
	return "Expected the bot to " + m.what + ", but " + m.last.no
}

func (m *judgeMatcher) NegatedFailureMessage(any) string {
	return "Expected the bot not to " + m.what + ", but " + m.last.yes
}

// verdicts runs judge on t against c, with the panel's defaults (an empty
// judge name is filled from the judge, as judges.Panel does).
func verdicts(j judges.Judge, c *suite.Case, t *transcript.Transcript) []judges.Verdict {
	vs := judges.Panel{j}.Judge(context.Background(), c, t)
	return vs
}

// describe renders verdicts as "turn N: rationale" lines with the evidence
// quoted under each.
func describe(vs []judges.Verdict) string {
	var b strings.Builder
	for _, v := range vs {
		where := "the conversation"
		if v.Turn > 0 {
			where = fmt.Sprintf("turn %d", v.Turn)
		}
		fmt.Fprintf(&b, "\n  %s: %s", where, v.Rationale)
		if ev := strings.TrimSpace(v.Evidence); ev != "" {
			fmt.Fprintf(&b, "\n    > %s", quoteLines(ev))
		}
	}
	return b.String()
}

func quoteLines(s string) string { return strings.ReplaceAll(s, "\n", "\n    > ") }

func byStatus(vs []judges.Verdict, st judges.Status) []judges.Verdict {
	var out []judges.Verdict
	for _, v := range vs {
		if v.Status == st {
			out = append(out, v)
		}
	}
	return out
}

// lastReply quotes the last reply, for messages about something missing.
func lastReply(t *transcript.Transcript) string {
	if len(t.Turns) == 0 {
		return "there are no replies"
	}
	tu := t.Turns[len(t.Turns)-1]
	return fmt.Sprintf("the last reply (turn %d) was:\n    > %s", tu.Index, quoteLines(tu.Reply))
}

// HandOff succeeds when the bot handed the customer to a human on some
// turn, by its structured signal or in words (judges.EscalationJudge);
// words the target's structured signal denies are no handoff.
func HandOff() types.GomegaMatcher {
	return &judgeMatcher{what: "hand off to a human", judge: func(t *transcript.Transcript) (outcome, error) {
		req := verdicts(judges.EscalationJudge{}, &suite.Case{Expect: suite.Expect{Escalation: suite.EscalationRequired}}, t)
		if fails := byStatus(req, judges.Fail); len(fails) > 0 {
			return outcome{no: "no reply handed off; " + lastReply(t)}, nil
		}
		forb := verdicts(judges.EscalationJudge{}, &suite.Case{Expect: suite.Expect{Escalation: suite.EscalationForbidden}}, t)
		return outcome{matched: true, yes: "it did:" + handoffEvidence(t, forb)}, nil
	}}
}

// handoffEvidence quotes the turn that handed off, its signal and words.
func handoffEvidence(t *transcript.Transcript, vs []judges.Verdict) string {
	turn := t.GenuineHandoffTurn()
	if turn == 0 {
		return describe(vs)
	}
	h := t.Turns[turn-1].Handoff
	return fmt.Sprintf("\n  turn %d: handed off (%s signal %q)\n    > %s", turn, h.Source, h.Signal, quoteLines(t.Turns[turn-1].Reply))
}

// HandOffBy succeeds when the bot handed off on turn n (1-based) or
// earlier (judges.EscalationTiming, as a case's escalate_by_turn).
func HandOffBy(n int) types.GomegaMatcher {
	return &judgeMatcher{what: fmt.Sprintf("hand off to a human by turn %d", n), judge: func(t *transcript.Transcript) (outcome, error) {
		if n < 1 {
			return outcome{}, fmt.Errorf("HandOffBy: turn %d is not a turn (they count from 1)", n)
		}
		c := &suite.Case{Expect: suite.Expect{Escalation: suite.EscalationRequired, EscalateByTurn: n}}
		if len(byStatus(verdicts(judges.EscalationJudge{}, c, t), judges.Fail)) > 0 {
			return outcome{no: "no reply handed off; " + lastReply(t)}, nil
		}
		timing := verdicts(judges.EscalationTiming{}, c, t)
		if late := byStatus(timing, judges.Fail); len(late) > 0 {
			return outcome{no: "it was late:" + describe(late)}, nil
		}
		return outcome{matched: true, yes: "it did:" + handoffEvidence(t, timing)}, nil
	}}
}

// policyCase builds the case a policy judge reads: policy may be the
// policy's text (string), a *suite.Policy, a suite.Policy, or a *suite.Case
// (its policy, facts and context count).
func policyCase(policy any) (*suite.Case, error) {
	switch p := policy.(type) {
	case string:
		if strings.TrimSpace(p) == "" {
			return nil, fmt.Errorf("SayNothingContradicting: the policy text is empty")
		}
		return &suite.Case{Policy: &suite.Policy{Path: "the policy", Text: p}}, nil
	case *suite.Policy:
		if p == nil {
			return nil, fmt.Errorf("SayNothingContradicting: the policy is nil")
		}
		return &suite.Case{Policy: p}, nil
	case suite.Policy:
		return &suite.Case{Policy: &p}, nil
	case *suite.Case:
		if p == nil || p.PolicyText() == "" && len(p.Expect.Facts) == 0 {
			return nil, fmt.Errorf("SayNothingContradicting: the case cites no policy and states no facts")
		}
		return p, nil
	}
	return nil, fmt.Errorf("SayNothingContradicting: give the policy as its text, a *suite.Policy or a *suite.Case, not %T", policy)
}

// SayNothingContradicting succeeds when every money amount, percentage
// and time window the replies state appears in the policy (or the
// customer said it first), and no reply commits the company to something
// the policy does not grant: a "legally binding" deal, a discount, a refund
// or compensation of an amount the policy does not give (judges.Figures
// and judges.Commitment). policy is the policy's text, a *suite.Policy or
// a *suite.Case.
//
// It catches invented figures and commitments, not every paraphrase of a
// wrong rule: "you can claim it after your trip" with no figure passes. For
// those, write the forbidden claim down with Say's opposite,
// NotTo(Say(...)).
func SayNothingContradicting(policy any) types.GomegaMatcher {
	return &judgeMatcher{what: "say nothing the policy does not support", judge: func(t *transcript.Transcript) (outcome, error) {
		c, err := policyCase(policy)
		if err != nil {
			return outcome{}, err
		}
		vs := append(verdicts(judges.Figures{}, c, t), verdicts(judges.Commitment{}, c, t)...)
		if fails := byStatus(vs, judges.Fail); len(fails) > 0 {
			return outcome{no: "it did:" + describe(fails)}, nil
		}
		return outcome{matched: true, yes: "every figure and commitment in the replies is supported:" + describe(byStatus(vs, judges.Pass))}, nil
	}}
}

// Swear succeeds when a reply swears, insults the customer or runs down a
// company (judges.Profanity). Use it negated: NotTo(Swear()).
func Swear() types.GomegaMatcher {
	return &judgeMatcher{what: "swear, insult or disparage", judge: func(t *transcript.Transcript) (outcome, error) {
		vs := verdicts(judges.Profanity{}, &suite.Case{}, t)
		if fails := byStatus(vs, judges.Fail); len(fails) > 0 {
			return outcome{matched: true, yes: "it did:" + describe(fails)}, nil
		}
		return outcome{no: "every reply stayed civil"}, nil
	}}
}

// LeakSecrets succeeds when a reply gives away a card number, an IBAN, or
// its own instructions (judges.Leak); canary, when given, is the secret
// planted in the bot's system prompt. Use it negated: NotTo(LeakSecrets()).
func LeakSecrets(canary ...string) types.GomegaMatcher {
	j := judges.Leak{}
	if len(canary) > 0 {
		j.Canary = canary[0]
	}
	return &judgeMatcher{what: "leak a secret", judge: func(t *transcript.Transcript) (outcome, error) {
		vs := verdicts(j, &suite.Case{}, t)
		if fails := byStatus(vs, judges.Fail); len(fails) > 0 {
			return outcome{matched: true, yes: "it did:" + describe(fails)}, nil
		}
		return outcome{no: "no reply gave away a card number, an IBAN or its instructions"}, nil
	}}
}

// AnswerIn succeeds when every reply the language judge can rule on is in
// lang (an ISO 639-1 code such as "fr"; judges.LanguageJudge). Replies too
// short to tell are not held against the bot, but if no reply can be told
// the matcher returns an error rather than pass.
func AnswerIn(lang string) types.GomegaMatcher {
	return &judgeMatcher{what: "answer in " + lang, judge: func(t *transcript.Transcript) (outcome, error) {
		vs := verdicts(judges.LanguageJudge{}, &suite.Case{Language: lang}, t)
		if fails := byStatus(vs, judges.Fail); len(fails) > 0 {
			return outcome{no: "it did not:" + describe(fails)}, nil
		}
		if len(byStatus(vs, judges.Pass)) == 0 {
			return outcome{}, fmt.Errorf("AnswerIn(%q): the language of the replies could not be told:%s", lang, describe(vs))
		}
		return outcome{matched: true, yes: "it did:" + describe(byStatus(vs, judges.Pass))}, nil
	}}
}

// Say succeeds when, for each of want, some reply says it: a plain string
// matches case-insensitively ignoring extra whitespace, as in a case file;
// a suite.Matcher (suite.Regex, suite.Any, suite.All) matches as it does
// there (judges.Expectations).
func Say(want ...any) types.GomegaMatcher {
	var ms []suite.Matcher
	var bad error
	for _, w := range want {
		switch v := w.(type) {
		case string:
			ms = append(ms, suite.Text(v))
		case suite.Matcher:
			ms = append(ms, v)
		default:
			bad = fmt.Errorf("Say: give strings or suite.Matchers, not %T", w)
		}
	}
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.String()
	}
	return &judgeMatcher{what: "say " + strings.Join(names, " and "), judge: func(t *transcript.Transcript) (outcome, error) {
		if bad != nil {
			return outcome{}, bad
		}
		if len(ms) == 0 {
			return outcome{}, fmt.Errorf("Say: give at least one thing the bot must say")
		}
		vs := verdicts(judges.Expectations{}, &suite.Case{Expect: suite.Expect{MustSay: ms}}, t)
		if fails := byStatus(vs, judges.Fail); len(fails) > 0 {
			var missing []string
			for _, v := range fails {
				missing = append(missing, strings.TrimSuffix(strings.TrimPrefix(v.Rationale, "no reply says "), ", which the case requires"))
			}
			return outcome{no: "no reply says " + strings.Join(missing, " or ") + "; " + lastReply(t)}, nil
		}
		return outcome{matched: true, yes: "it did:" + describe(vs)}, nil
	}}
}

// PassJudges succeeds when a record's verdicts (as `tribunal run` or a
// replay.Engine judged them) hold no failure and no error. It reads the
// verdicts already on the record; give it a *results.Record.
func PassJudges() types.GomegaMatcher { return &passMatcher{} }

type passMatcher struct {
	bad []judges.Verdict
	all []judges.Verdict
}

func (m *passMatcher) Match(actual any) (bool, error) {
	var r *results.Record
	switch v := actual.(type) {
	case *results.Record:
		r = v
	case results.Record:
		r = &v
	default:
		return false, fmt.Errorf("PassJudges expects a *results.Record, got %T", actual)
	}
	if r == nil || r.Transcript == nil {
		return false, fmt.Errorf("PassJudges: the record has no transcript")
	}
	if r.Transcript.Failed() {
		return false, fmt.Errorf("the conversation could not be finished, so it cannot be judged: %s", r.Transcript.Error)
	}
	m.all, m.bad = r.Verdicts, nil
	for _, v := range r.Verdicts {
		if v.Status == judges.Fail || v.Status == judges.Error {
			m.bad = append(m.bad, v)
		}
	}
	return len(m.bad) == 0, nil
}

func (m *passMatcher) FailureMessage(any) string {
	var b strings.Builder
	b.WriteString("Expected every judge to pass, but:")
	for _, v := range m.bad {
		where := ""
		if v.Turn > 0 {
			where = fmt.Sprintf(", turn %d", v.Turn)
		}
		fmt.Fprintf(&b, "\n  %s (%s%s) %s: %s", v.Judge, v.Dimension, where, v.Status, v.Rationale)
		if ev := strings.TrimSpace(v.Evidence); ev != "" {
			fmt.Fprintf(&b, "\n    > %s", quoteLines(ev))
		}
	}
	return b.String()
}

func (m *passMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("Expected some judge to fail, but all %d verdicts passed or were skipped", len(m.all))
}
