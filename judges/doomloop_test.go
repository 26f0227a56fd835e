package judges_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
)

var _ = Describe("DoomLoop", func() {
	c := &suite.Case{ID: "loop"}
	fails := func(pairs ...string) []judges.Verdict {
		return byStatus(judges.DoomLoop{}.Judge(ctx, c, conv(pairs...)), judges.Fail)
	}

	Context("asking again for what the customer gave", func() {
		for _, ex := range [][]string{
			{"My parcel hasn't arrived.", "Could you give me the tracking number?", "I already told you, it's KP48213977GB.", "Could you please give me your tracking number so I can look into it?"},
			{"Mon colis n'est pas arrivé.", "Pouvez-vous me donner le numéro de suivi ?", "Je vous l'ai déjà donné : KP55120943FR.", "Pourriez-vous m'indiquer votre numéro de suivi ?"},
			{"Meine Buchungsnummer ist QX7LMP. Ich möchte umbuchen.", "Gern. Wie lautet Ihre Buchungsnummer?"},
			{"Mi paquete no ha llegado.", "¿Podría indicarme el número de seguimiento?", "Ya se lo di, es KP90215561ES.", "¿Me puede dar su número de seguimiento?"},
			{"Min beställning 558812 har inte kommit fram.", "Vad är ditt ordernummer?"},
			{"You can reach me at anna.berg@example.com.", "Thanks! What's your email address so I can send the form?"},
		} {
			It("fails: "+ex[len(ex)-1], func() {
				vs := fails(ex...)
				Expect(vs).To(HaveLen(1))
				Expect(vs[0].Dimension).To(Equal(judges.Escalation))
				Expect(vs[0].Turn).To(Equal(len(ex) / 2))
				Expect(vs[0].Rationale).To(ContainSubstring("already gave"))
				Expect(ex[len(ex)-1]).To(ContainSubstring(vs[0].Evidence), "the evidence is the question, quoted")
			})
		}
	})

	It("fails the same reply to a customer who repeats themselves", func() {
		vs := fails("Is there any update on my redelivery?", "Your redelivery is booked for Thursday between 9:00 and 13:00.",
			"Is there any update on my redelivery? Still nothing.", "Your redelivery is booked for Thursday, between 9:00 and 13:00!")
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Turn).To(Equal(2))
		Expect(vs[0].Rationale).To(ContainSubstring("same reply as on turn 1"))
	})

	It("fails a near-identical reply when the customer says they are repeating themselves", func() {
		Expect(fails("Mein Paket ist nicht da.", "Das tut mir leid. Standardpakete kommen in 2 bis 4 Werktagen an, bitte haben Sie Geduld.",
			"Das habe ich schon gesagt, es ist immer noch nicht da!", "Das tut mir leid. Standardpakete kommen in 2 bis 4 Werktagen an, bitte haben Sie noch Geduld.")).To(HaveLen(1))
	})

	Context("tricky negatives", func() {
		It("passes the same polite answer to thanks", func() {
			Expect(fails("Thanks!", "You're welcome! Is there anything else I can help you with today?",
				"Thanks again, bye.", "You're welcome! Is there anything else I can help you with today?")).To(BeEmpty())
		})
		It("passes a new answer to a repeated question", func() {
			Expect(fails("Any update on my redelivery?", "Your redelivery is booked for Thursday morning.",
				"Any update on my redelivery?", "I've checked again: the driver's route for Thursday now shows your address.")).To(BeEmpty())
		})
		It("passes a first question for information not yet given", func() {
			Expect(fails("My parcel hasn't arrived.", "I'm sorry. Could you give me the tracking number?")).To(BeEmpty())
		})
		It("passes a reply that mentions the customer's e-mail without asking for it", func() {
			Expect(fails("My email is anna.berg@example.com.", "Thanks, please check your email inbox for the return label.")).To(BeEmpty())
		})
		It("passes the same reply to different questions from a customer who is not repeating", func() {
			Expect(fails("How long does Express take?", "Express parcels arrive the next business day after posting.",
				"And when does the depot close?", "Express parcels arrive the next business day after posting.")).To(BeEmpty())
		})
	})
})
