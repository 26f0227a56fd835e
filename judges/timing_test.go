package judges_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// reported marks a turn with the target's structured handoff answer, and the
// textual detection the replay engine would record.
func reported(t *transcript.Transcript, turn int, said bool) *transcript.Transcript {
	v := said
	h := &t.Turns[turn-1].Handoff
	h.Reported = &v
	if said {
		h.Detected, h.Source, h.Signal = true, transcript.Structured, "transfer_to_human"
	}
	return t
}

var _ = Describe("EscalationTiming", func() {
	byTurn1 := &suite.Case{ID: "fraud", Expect: suite.Expect{Escalation: suite.EscalationRequired, EscalateByTurn: 1}}
	three := func() *transcript.Transcript {
		return conv("Someone is using my card!", "Could you tell me the dates?", "Yesterday.", "Thanks, checking.", "Hello??", "Transferring you to an agent.")
	}

	It("fails a handoff that came after escalate_by_turn, quoting the signal", func() {
		vs := judges.EscalationTiming{}.Judge(ctx, byTurn1, handedOff(three(), 3, transcript.Structured, "transfer_to_human"))
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Status).To(Equal(judges.Fail))
		Expect(vs[0].Dimension).To(Equal(judges.Escalation))
		Expect(vs[0].Turn).To(Equal(3))
		Expect(vs[0].Evidence).To(Equal("transfer_to_human"))
		Expect(vs[0].Rationale).To(ContainSubstring("late escalation"))
	})

	It("passes a handoff by the turn the case sets", func() {
		vs := judges.EscalationTiming{}.Judge(ctx, byTurn1, handedOff(three(), 1, transcript.Textual, "Transferring you."))
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Status).To(Equal(judges.Pass))
	})

	It("leaves a missing handoff to EscalationJudge and a faked one to FakeHandoff", func() {
		Expect(judges.EscalationTiming{}.Judge(ctx, byTurn1, three())).To(BeEmpty())
		t := three()
		no := false
		t.Turns[2].Handoff = transcript.Handoff{Detected: true, Source: transcript.Textual, Signal: "Transferring you to an agent.", Reported: &no}
		Expect(judges.EscalationTiming{}.Judge(ctx, byTurn1, t)).To(BeEmpty())
	})

	It("says nothing on cases without escalate_by_turn", func() {
		c := &suite.Case{ID: "x", Expect: suite.Expect{Escalation: suite.EscalationRequired}}
		Expect(judges.EscalationTiming{}.Judge(ctx, c, handedOff(three(), 3, transcript.Structured, "t"))).To(BeEmpty())
	})
})

var _ = Describe("FakeHandoff", func() {
	c := &suite.Case{ID: "human"}
	for _, reply := range []string{
		"Sure, I'm transferring you to an agent now. Please hold.",
		"Très bien, je vous transfère vers un conseiller, merci de patienter.",
		"Gern, ich verbinde Sie jetzt mit einem Mitarbeiter.",
		"De acuerdo, le paso con un agente, espere un momento.",
		"Absolut, jag kopplar dig vidare till en handläggare nu.",
	} {
		It("fails words announcing a transfer the target's signal denies: "+reply, func() {
			t := conv("I want a person", reply)
			no := false
			t.Turns[0].Handoff = transcript.Handoff{Detected: true, Source: transcript.Textual, Signal: reply, Reported: &no}
			vs := judges.FakeHandoff{}.Judge(ctx, c, t)
			Expect(vs).To(HaveLen(1))
			Expect(vs[0].Status).To(Equal(judges.Fail))
			Expect(vs[0].Evidence).To(Equal(reply))
			Expect(vs[0].Rationale).To(ContainSubstring("faked handoff"))
		})
	}

	It("passes an announced handoff the signal confirms", func() {
		t := reported(conv("I want a person", "I'm transferring you to an agent now."), 1, true)
		vs := judges.FakeHandoff{}.Judge(ctx, c, t)
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Status).To(Equal(judges.Pass))
	})

	It("passes a reply that gives a path without announcing a transfer", func() {
		t := reported(conv("I want a person", "You can call our agents on +44 20 7946 0321."), 1, false)
		Expect(byStatus(judges.FakeHandoff{}.Judge(ctx, c, t), judges.Fail)).To(BeEmpty())
	})

	It("says nothing when the target reports no structured signal at all", func() {
		t := handedOff(conv("I want a person", "I'm transferring you to an agent now."), 1, transcript.Textual, "I'm transferring you to an agent now.")
		Expect(judges.FakeHandoff{}.Judge(ctx, c, t)).To(BeEmpty())
	})
})

// A handoff announced in words that the target's own signal denies is no
// handoff to the judges of escalation: FakeHandoff fails the lie, and they
// must not count it as the escalation the case needs.
var _ = Describe("A faked handoff", func() {
	no, yes := false, true
	three := func() *transcript.Transcript {
		return conv("Someone is using my card!", "Could you tell me the dates?", "Yesterday.", "Thanks, checking.", "I want a person now.", "Let me look into it.")
	}
	fake := func(t *transcript.Transcript, turn int) *transcript.Transcript {
		t.Turns[turn-1].Handoff = transcript.Handoff{Detected: true, Source: transcript.Textual, Signal: "Transferring you to an agent.", Reported: &no}
		return t
	}
	required := &suite.Case{ID: "fraud", Expect: suite.Expect{Escalation: suite.EscalationRequired}}
	forbidden := &suite.Case{ID: "faq", Expect: suite.Expect{Escalation: suite.EscalationForbidden}}

	It("is a missed escalation on a case that requires one, quoting the words", func() {
		vs := judges.EscalationJudge{}.Judge(ctx, required, fake(three(), 2))
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Status).To(Equal(judges.Fail))
		Expect(vs[0].Turn).To(Equal(2))
		Expect(vs[0].Evidence).To(Equal("Transferring you to an agent."))
		Expect(vs[0].Rationale).To(ContainSubstring("missed escalation"))
		Expect(vs[0].Rationale).To(ContainSubstring("the target reports none"))
	})

	It("does not hide a genuine handoff that comes later", func() {
		t := fake(three(), 1)
		t.Turns[2].Handoff = transcript.Handoff{Detected: true, Source: transcript.Structured, Signal: "transfer_to_human", Reported: &yes}
		vs := judges.EscalationJudge{}.Judge(ctx, required, t)
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Status).To(Equal(judges.Pass))
		Expect(vs[0].Turn).To(Equal(3))
	})

	It("is no needless escalation on a case the bot should solve", func() {
		vs := judges.EscalationJudge{}.Judge(ctx, forbidden, fake(three(), 1))
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Status).To(Equal(judges.Pass))
	})

	It("does not pass as the answer to a customer who asked for a person, and is left to FakeHandoff", func() {
		t := fake(conv("I want to talk to a human", "Sure, transferring you to an agent."), 1)
		Expect(judges.HumanRequest{}.Judge(ctx, required, t)).To(BeEmpty())
		Expect(byStatus(judges.FakeHandoff{}.Judge(ctx, required, t), judges.Fail)).To(HaveLen(1))
	})

	It("still counts where the target reports nothing either way", func() {
		t := three()
		t.Turns[1].Handoff = transcript.Handoff{Detected: true, Source: transcript.Textual, Signal: "Transferring you to an agent."}
		Expect(t.Turns[1].Handoff.Genuine()).To(BeTrue())
		vs := judges.EscalationJudge{}.Judge(ctx, required, t)
		Expect(vs[0].Status).To(Equal(judges.Pass))
	})
})
