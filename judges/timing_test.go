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
