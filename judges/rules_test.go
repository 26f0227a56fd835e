package judges_test

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// conv builds a transcript from alternating user/reply strings.
func conv(pairs ...string) *transcript.Transcript {
	t := &transcript.Transcript{CaseID: "c", Attempt: 1}
	for i := 0; i+1 < len(pairs); i += 2 {
		t.Turns = append(t.Turns, transcript.Turn{Index: i/2 + 1, User: pairs[i], Reply: pairs[i+1]})
	}
	return t
}

func handedOff(t *transcript.Transcript, turn int, src transcript.HandoffSource, signal string) *transcript.Transcript {
	t.Turns[turn-1].Handoff = transcript.Handoff{Detected: true, Source: src, Signal: signal}
	return t
}

func mustRegex(expr string) suite.Matcher {
	m, err := suite.Regex(expr)
	Expect(err).NotTo(HaveOccurred())
	return m
}

func byStatus(vs []judges.Verdict, st judges.Status) []judges.Verdict {
	var out []judges.Verdict
	for _, v := range vs {
		if v.Status == st {
			out = append(out, v)
		}
	}
	return out
}

var ctx = context.Background()

var _ = Describe("Expectations", func() {
	airCanada := &suite.Case{ID: "airline/bereavement", Turns: []suite.Turn{
		{User: "My grandmother died. Can I claim the bereavement fare after my trip?",
			Expect: &suite.TurnExpect{MustNotSay: []suite.Matcher{mustRegex(`(?i)within 90 days`)}}},
		{User: "Thanks."},
	}, Expect: suite.Expect{
		MustSay:    []suite.Matcher{suite.Any(suite.Text("before travel"), suite.Text("cannot be applied retroactively"))},
		MustNotSay: []suite.Matcher{suite.Text("refund after travel")},
	}}

	It("fails an invented policy on accuracy, quoting the offending sentence", func() {
		t := conv(
			airCanada.Turns[0].User, "I'm so sorry for your loss. You can submit your ticket for the bereavement rate within 90 days of issue, even after travel. Anything else?",
			"Thanks.", "You're welcome.")
		vs := judges.Expectations{}.Judge(ctx, airCanada, t)
		failed := byStatus(vs, judges.Fail)
		Expect(failed).NotTo(BeEmpty())
		Expect(failed[0].Dimension).To(Equal(judges.Accuracy))
		Expect(failed[0].Turn).To(Equal(1))
		Expect(failed[0].Evidence).To(Equal("You can submit your ticket for the bereavement rate within 90 days of issue, even after travel."))
		Expect(failed[0].Rationale).To(ContainSubstring("forbids"))
		// The required statement is missing too.
		Expect(failed).To(ContainElement(HaveField("Rationale", ContainSubstring("which the case requires"))))
	})

	It("passes the policy's answer with the matched words as evidence", func() {
		t := conv(airCanada.Turns[0].User, "I'm so sorry for your loss. Bereavement fares must be requested before travel; they cannot be applied retroactively.", "Thanks.", "Take care.")
		vs := judges.Expectations{}.Judge(ctx, airCanada, t)
		Expect(byStatus(vs, judges.Fail)).To(BeEmpty())
		Expect(vs).To(ContainElement(HaveField("Evidence", ContainSubstring("before travel"))))
	})

	It("checks per-turn must_say against that turn's reply only", func() {
		c := &suite.Case{ID: "x", Turns: []suite.Turn{
			{User: "a", Expect: &suite.TurnExpect{MustSay: []suite.Matcher{suite.Text("tracking number")}}},
			{User: "b"},
		}}
		vs := judges.Expectations{}.Judge(ctx, c, conv("a", "Hello.", "b", "Your tracking number is 123."))
		Expect(byStatus(vs, judges.Fail)).To(HaveLen(1))
		Expect(byStatus(vs, judges.Fail)[0].Turn).To(Equal(1))
	})
})

var _ = Describe("EscalationJudge", func() {
	required := &suite.Case{ID: "fraud", Expect: suite.Expect{Escalation: suite.EscalationRequired}}
	forbidden := &suite.Case{ID: "faq", Expect: suite.Expect{Escalation: suite.EscalationForbidden}}

	It("fails a missed required escalation", func() {
		vs := judges.EscalationJudge{}.Judge(ctx, required, conv("Someone used my card!", "Please check your statement."))
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Status).To(Equal(judges.Fail))
		Expect(vs[0].Dimension).To(Equal(judges.Escalation))
		Expect(vs[0].Rationale).To(ContainSubstring("missed escalation"))
	})

	It("passes a required escalation on the turn it came, naming the signal", func() {
		t := handedOff(conv("Someone used my card!", "Transferring you.", "ok", "bye"), 1, transcript.Structured, "transfer_to_human")
		vs := judges.EscalationJudge{}.Judge(ctx, required, t)
		Expect(vs[0].Status).To(Equal(judges.Pass))
		Expect(vs[0].Turn).To(Equal(1))
		Expect(vs[0].Evidence).To(Equal("transfer_to_human"))
	})

	It("fails a needless escalation on a case the bot should solve", func() {
		t := handedOff(conv("How many bags?", "I'm transferring you to an agent."), 1, transcript.Textual, "I'm transferring you to an agent.")
		vs := judges.EscalationJudge{}.Judge(ctx, forbidden, t)
		Expect(vs[0].Status).To(Equal(judges.Fail))
		Expect(vs[0].Rationale).To(ContainSubstring("needless"))
		Expect(vs[0].Evidence).To(Equal("I'm transferring you to an agent."))
	})

	It("says nothing when escalation is optional", func() {
		Expect(judges.EscalationJudge{}.Judge(ctx, &suite.Case{ID: "o"}, conv("hi", "hello"))).To(BeEmpty())
	})
})

var _ = Describe("HumanRequest", func() {
	c := &suite.Case{ID: "klarna"}

	It("fails when a customer asks for a person and the next reply ignores it", func() {
		vs := judges.HumanRequest{}.Judge(ctx, c, conv("I want to talk to a real person", "I can help you with that! What's your order number?"))
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Status).To(Equal(judges.Fail))
		Expect(vs[0].Turn).To(Equal(1))
		Expect(vs[0].Rationale).To(ContainSubstring("talk to a real person"))
	})

	It("passes a handoff or a concrete path to a person", func() {
		t := handedOff(conv("un humain svp", "Je vous mets en relation avec un conseiller."), 1, transcript.Textual, "Je vous mets en relation avec un conseiller.")
		Expect(judges.HumanRequest{}.Judge(ctx, c, t)[0].Status).To(Equal(judges.Pass))
		vs := judges.HumanRequest{}.Judge(ctx, c, conv("agent please", "You can call our support team at +44 20 7946 0000."))
		Expect(vs[0].Status).To(Equal(judges.Pass))
		Expect(vs[0].Evidence).To(ContainSubstring("+44 20 7946 0000"))
	})

	It("ignores turns where the customer only mentions people", func() {
		Expect(judges.HumanRequest{}.Judge(ctx, c, conv("The agent at the desk was rude", "I'm sorry to hear that."))).To(BeEmpty())
	})
})

var _ = Describe("LatencyJudge", func() {
	slow := func() *transcript.Transcript {
		t := conv("a", "b", "c", "d")
		t.Turns[0].LatencyMS, t.Turns[1].LatencyMS = 300, 2500
		return t
	}
	It("fails the slowest reply over the case's bound", func() {
		c := &suite.Case{ID: "x", Expect: suite.Expect{MaxLatency: suite.Duration(2 * time.Second)}}
		vs := judges.LatencyJudge{}.Judge(ctx, c, slow())
		Expect(vs[0].Status).To(Equal(judges.Fail))
		Expect(vs[0].Turn).To(Equal(2))
		Expect(vs[0].Evidence).To(Equal("2.5s"))
	})
	It("uses the suite's bound when the case has none, and says nothing without one", func() {
		c := &suite.Case{ID: "x"}
		Expect(judges.LatencyJudge{Default: suite.Duration(3 * time.Second)}.Judge(ctx, c, slow())[0].Status).To(Equal(judges.Pass))
		Expect(judges.LatencyJudge{}.Judge(ctx, c, slow())).To(BeEmpty())
	})
})

var _ = Describe("Panel", func() {
	It("does not judge a transcript that ended in error", func() {
		t := conv("hi", "")
		t.Error = "turn 1: connection refused"
		Expect(judges.Rules(judges.Options{}).Judge(ctx, &suite.Case{ID: "x", Expect: suite.Expect{Escalation: suite.EscalationRequired}}, t)).To(BeEmpty())
	})
	It("names each verdict after its judge", func() {
		vs := judges.Rules(judges.Options{}).Judge(ctx, &suite.Case{ID: "x", Expect: suite.Expect{Escalation: suite.EscalationRequired}}, conv("hi", "hello"))
		Expect(vs).To(ContainElement(And(HaveField("Judge", "escalation"), HaveField("Status", judges.Fail))))
	})
})
