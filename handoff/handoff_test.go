package handoff_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/handoff"
)

var _ = Describe("handoff lexicons", func() {
	Describe("Announced", func() {
		for _, reply := range []string{
			"I'm sorry for the trouble. I'm transferring you to a human agent now.",
			"Let me connect you with one of our specialists.",
			"I have escalated your case; a member of our team will contact you within a day.",
			"Je vous mets en relation avec un conseiller.",
			"Je transfère votre demande à un conseiller.",
			"Ich verbinde Sie mit einem Mitarbeiter.",
			"Ich leite Ihr Anliegen an einen Kollegen weiter.",
			"Le paso con un agente ahora mismo.",
			"Voy a transferirle con un asesor.",
			"Jag kopplar dig vidare till en handläggare.",
		} {
			It("sees a handoff in: "+reply, func() {
				words, ok := handoff.Announced(reply)
				Expect(ok).To(BeTrue())
				Expect(reply).To(ContainSubstring(words), "the evidence is quoted from the reply")
			})
		}
		for _, reply := range []string{
			"I'm sorry, I can't transfer you to an agent.",
			"Je ne peux pas vous mettre en relation avec un conseiller.",
			"Your parcel will arrive tomorrow between 9 and 12.",
			"Our agents are trained to help with refunds.",
			"",
		} {
			It("sees no handoff in: "+reply, func() {
				_, ok := handoff.Announced(reply)
				Expect(ok).To(BeFalse())
			})
		}
	})

	Describe("Path", func() {
		It("accepts a phone number or contact route as a path to a person", func() {
			for _, reply := range []string{
				"You can call our support team at +44 20 7946 0000.",
				"Please contact our hardship team on 0800 123 4567.",
				"Appelez-nous au 01 23 45 67 89.",
			} {
				_, ok := handoff.Path(reply)
				Expect(ok).To(BeTrue(), reply)
			}
		})
		It("does not take a plain answer for a path", func() {
			_, ok := handoff.Path("Your refund was processed on 3 May.")
			Expect(ok).To(BeFalse())
		})
	})

	Describe("Requested", func() {
		for _, text := range []string{
			"I need to speak with somebody",
			"can I talk to a real person",
			"Agent.",
			"human pls",
			"un humain svp",
			"Je veux parler à un conseiller",
			"Ich will mit einem echten Menschen sprechen",
			"echter Mensch bitte",
			"Quiero hablar con una persona",
			"Kan jag prata med en människa?",
			"Am I talking to a bot?",
		} {
			It("hears a request for a human in: "+text, func() {
				_, ok := handoff.Requested(text)
				Expect(ok).To(BeTrue())
			})
		}
		for _, text := range []string{
			"The people at the airport were rude",
			"My sister talked to someone yesterday",
			"The agent at the counter said my bag was too big",
			"Where is my parcel?",
		} {
			It("does not mistake a mention of people for a request in: "+text, func() {
				_, ok := handoff.Requested(text)
				Expect(ok).To(BeFalse())
			})
		}
	})

	Describe("Sentence", func() {
		It("returns the sentence around a span, keeping decimals whole", func() {
			text := "Hello there. The fee is 3.50 euros per bag! Bye."
			i := len("Hello there. The fee is ")
			s, start := handoff.Sentence(text, i, i+4)
			Expect(s).To(Equal("The fee is 3.50 euros per bag!"))
			Expect(text[start:]).To(HavePrefix("The fee"))
		})
	})
})

var _ = Describe("Path in other languages and number layouts", func() {
	for _, reply := range []string{
		"Bien sûr. Vous pouvez joindre nos conseillers au +33 1 99 00 12 34, 24 heures sur 24.",
		"Natürlich. Unsere Mitarbeiter erreichen Sie rund um die Uhr unter +49 30 99 99 12 34.",
		"Självklart. Du kan ringa våra handläggare dygnet runt på +46 8 123 456 78.",
		"Puede llamar a nuestros agentes cuando quiera.",
		"Appelez le 01 23 45 67 89.",
	} {
		It("sees a way to reach a person in: "+reply, func() {
			_, ok := handoff.Path(reply)
			Expect(ok).To(BeTrue())
		})
	}
	It("does not take a date or an amount for a phone number", func() {
		for _, reply := range []string{"Your refund of 1 299 kr was paid on 2024-05-01.", "Le colis arrive le 12/05."} {
			_, ok := handoff.Path(reply)
			Expect(ok).To(BeFalse(), reply)
		}
	})
})

var _ = Describe("the lexicons on any letter case and across sentences", func() {
	It("hear requests in capitals and with accented letters", func() {
		for _, text := range []string{
			"JE VEUX PARLER À UN CONSEILLER",
			"Kan jag PRATA med en MÄNNISKA?",
			"Ich möchte mit einem echten MENSCHEN sprechen.",
			"Quiero hablar con una PERSONA, por favor.",
			"STRAßE talk to SOMEONE",
			"prata med någon",
		} {
			words, ok := handoff.Requested(text)
			Expect(ok).To(BeTrue(), text)
			Expect(text).To(ContainSubstring(words))
		}
	})

	It("read whole words only", func() {
		_, ok := handoff.Requested("can i talk to a reps office")
		Expect(ok).To(BeFalse())
		_, ok = handoff.Requested("Can I talk to a representative")
		Expect(ok).To(BeTrue())
	})

	It("quote the sentence that matched, and match within one sentence", func() {
		words, ok := handoff.Requested("Version 2.5 is out. talk to a person")
		Expect(ok).To(BeTrue())
		Expect(words).To(Equal("talk to a person"))
		words, ok = handoff.Announced("I can't transfer you to an agent. But I'm transferring your case to a specialist.")
		Expect(ok).To(BeTrue())
		Expect(words).To(Equal("But I'm transferring your case to a specialist."))
		_, ok = handoff.Announced("I'm transferring you. Please hold for an agent.")
		Expect(ok).To(BeFalse(), "the person must follow in the same sentence")
		words, ok = handoff.Announced("ICH VERBINDE SIE JETZT MIT EINEM MITARBEITER.")
		Expect(ok).To(BeTrue())
		Expect(words).To(Equal("ICH VERBINDE SIE JETZT MIT EINEM MITARBEITER."))
		words, ok = handoff.Path("Vous pouvez APPELER NOS CONSEILLERS au 01 23 45 67 89.")
		Expect(ok).To(BeTrue())
		Expect(words).To(HavePrefix("Vous pouvez"))
		_, ok = handoff.Path("Our version is 3.14159265 today.")
		Expect(ok).To(BeFalse())
	})

	It("quote from the text as written when it has bytes that are not UTF-8", func() {
		text := strings.Repeat("\xff", 12) + " Talk to a human. Thanks."
		words, ok := handoff.Requested(text)
		Expect(ok).To(BeTrue())
		Expect(words).To(Equal(strings.Repeat("\xff", 12) + " Talk to a human."))
	})
})
