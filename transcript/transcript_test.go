package transcript_test

import (
	"encoding/json"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/transcript"
)

var _ = Describe("Transcript", func() {
	t := &transcript.Transcript{CaseID: "c", Attempt: 1, Turns: []transcript.Turn{
		{Index: 1, User: "hi", Reply: "hello"},
		{Index: 2, User: "a person please", Reply: "Transferring you.", Handoff: transcript.Handoff{Detected: true, Source: transcript.Structured, Signal: "transfer_to_human"}},
		{Index: 3, User: "thanks", Reply: "bye", Handoff: transcript.Handoff{Detected: true, Source: transcript.Textual}},
	}}

	It("lists the replies in order and finds the first handoff", func() {
		Expect(t.Replies()).To(Equal([]string{"hello", "Transferring you.", "bye"}))
		Expect(t.HandoffTurn()).To(Equal(2))
		Expect((&transcript.Transcript{}).HandoffTurn()).To(Equal(0))
	})

	It("is failed only when it carries an error", func() {
		Expect(t.Failed()).To(BeFalse())
		Expect((&transcript.Transcript{Error: "turn 1: refused"}).Failed()).To(BeTrue())
	})

	It("keeps the handoff's source and the target's own answer in JSON", func() {
		no := false
		tr := transcript.Transcript{Turns: []transcript.Turn{{Index: 1, Handoff: transcript.Handoff{Detected: true, Source: transcript.Textual, Signal: "I'm transferring you", Reported: &no}}}}
		b, err := json.Marshal(tr)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(b)).To(ContainSubstring(`"handoff":{"detected":true,"source":"text","signal":"I'm transferring you","reported":false}`))
		var back transcript.Transcript
		Expect(json.Unmarshal(b, &back)).To(Succeed())
		Expect(*back.Turns[0].Handoff.Reported).To(BeFalse())
	})
})
