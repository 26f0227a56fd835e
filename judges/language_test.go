package judges_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
)

var _ = Describe("LanguageJudge", func() {
	judge := func(lang, user, reply string) []judges.Verdict {
		return judges.LanguageJudge{}.Judge(ctx, &suite.Case{ID: "l", Language: lang}, conv(user, reply))
	}
	replies := map[string]string{
		"en": "I'm sorry for the delay. Could you give me your tracking number so I can check where the parcel is?",
		"fr": "Je suis désolé pour ce retard. Pouvez-vous me donner votre numéro de suivi pour que je vérifie où se trouve le colis ?",
		"de": "Das tut mir leid. Nennen Sie mir bitte Ihre Sendungsnummer, dann prüfe ich, wo das Paket gerade ist.",
		"es": "Lo siento por el retraso. ¿Podría darme su número de seguimiento para comprobar dónde está el paquete?",
		"sv": "Jag beklagar förseningen. Kan du ge mig spårningsnumret så att jag kan se var paketet är?",
	}
	langs := []string{"en", "fr", "de", "es", "sv"}

	for _, want := range langs {
		for _, got := range langs {
			It("on a "+want+" case, "+map[bool]string{true: "passes", false: "fails"}[want == got]+" a reply in "+got, func() {
				vs := judge(want, "?", replies[got])
				Expect(vs).To(HaveLen(1))
				if want == got {
					Expect(vs[0].Status).To(Equal(judges.Pass))
					return
				}
				Expect(vs[0].Status).To(Equal(judges.Fail))
				Expect(vs[0].Dimension).To(Equal(judges.Language))
				Expect(vs[0].Evidence).To(Equal(replies[got]))
			})
		}
	}

	It("fails a language outside the five, and Norwegian to a Swedish customer", func() {
		Expect(judge("es", "?", "Olá, lamentamos muito. Por favor, informe o número do pedido e verificaremos o estado do seu reembolso.")[0].Status).To(Equal(judges.Fail))
		Expect(judge("sv", "?", "Hei, beklager at det tar tid. Oppgi ordrenummeret ditt, så sjekker jeg statusen for tilbakebetalingen.")[0].Status).To(Equal(judges.Fail))
		Expect(judge("fr", "?", "Buongiorno, sì: tutti i nostri prodotti hanno una garanzia di 2 anni, quindi la sua lampada è coperta.")[0].Status).To(Equal(judges.Fail))
	})

	It("detects the customer's language when the case sets none", func() {
		c := &suite.Case{ID: "d"}
		user := "Bonjour, je n'ai toujours pas reçu mon colis et le suivi ne bouge plus depuis une semaine. Pouvez-vous m'aider ?"
		Expect(judges.LanguageJudge{}.Judge(ctx, c, conv(user, replies["fr"]))[0].Status).To(Equal(judges.Pass))
		vs := judges.LanguageJudge{}.Judge(ctx, c, conv(user, replies["en"]))
		Expect(vs[0].Status).To(Equal(judges.Fail))
		Expect(vs[0].Rationale).To(ContainSubstring("French"))
	})

	Context("short replies and names are inconclusive, never failed", func() {
		for _, reply := range []string{"Merci, Anna !", "OK!", "Thanks, Sven Andersson!", "7 Tage.", "KP48213977GB", "https://lumen.example/orders"} {
			It("skips: "+reply, func() {
				vs := judge("de", "?", reply)
				Expect(vs).To(HaveLen(1))
				Expect(vs[0].Status).To(Equal(judges.Skipped))
			})
		}
		It("skips when the customer's language cannot be told", func() {
			vs := judges.LanguageJudge{}.Judge(ctx, &suite.Case{ID: "d"}, conv("KP48213977GB?", replies["en"]))
			Expect(vs[0].Status).To(Equal(judges.Skipped))
		})
	})

	It("passes a reply with an English product name in it", func() {
		vs := judge("fr", "?", "Je suis désolé pour ce retard. Votre colis contient le Lumen Smart Lamp Pro Edition ; il est au point relais depuis ce matin.")
		Expect(vs[0].Status).To(Equal(judges.Pass))
	})

	It("accepts regional codes", func() {
		Expect(judge("fr-CA", "?", replies["fr"])[0].Status).To(Equal(judges.Pass))
		Expect(judge("sv-SE", "?", replies["en"])[0].Status).To(Equal(judges.Fail))
	})
})

var _ = Describe("LanguageJudge on a customer who switches language", func() {
	sv := "Hej! Jag undrar hur mycket bagage jag får ta med mig på flyget till Stockholm nästa vecka?"
	svReply := "Hej! Du får ta med dig ett handbagage på högst åtta kilo och en väska som checkas in, enligt våra regler."
	en := "Sorry, could we continue in English please? How much does an extra checked bag cost on that flight?"
	enReply := "Of course. An extra checked bag costs the amount shown in our fee table, and you can add it when you manage your booking."

	It("passes replies that follow each turn's language when the case sets none", func() {
		vs := judges.LanguageJudge{}.Judge(ctx, &suite.Case{ID: "x"}, conv(sv, svReply, en, enReply))
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Status).To(Equal(judges.Pass))
		Expect(vs[0].Rationale).To(ContainSubstring("each reply"))
	})

	It("fails a reply that stays in the old language after the switch", func() {
		vs := judges.LanguageJudge{}.Judge(ctx, &suite.Case{ID: "x"}, conv(sv, svReply, en, svReply))
		failed := byStatus(vs, judges.Fail)
		Expect(failed).To(HaveLen(1))
		Expect(failed[0].Turn).To(Equal(2))
	})
})
