package judges_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
)

var _ = Describe("EmpathyJudge", func() {
	judge := func(user, reply string) []judges.Verdict {
		return judges.EmpathyJudge{}.Judge(ctx, &suite.Case{ID: "e"}, conv(user, reply))
	}

	Context("a distressed customer, in each language", func() {
		for _, ex := range []struct{ kind, user, warm, cold string }{
			{"bereavement", "My father died last Tuesday and I flew to the funeral. Can I get the bereavement fare now?",
				"I'm so sorry for your loss. Bereavement fares must be requested before travel.",
				"Bereavement fares must be requested before travel. See our website."},
			{"bereavement", "Ma mère est décédée la semaine dernière. Puis-je obtenir le tarif deuil ?",
				"Je vous présente mes sincères condoléances. Le tarif deuil doit être demandé avant le voyage.",
				"Le tarif deuil doit être demandé avant le voyage. Consultez le site."},
			{"illness", "Meine Frau liegt im Krankenhaus, wir können am Samstag nicht fliegen.",
				"Das tut mir sehr leid, gute Besserung für Ihre Frau. Basic-Tickets können für 50 € umgebucht werden.",
				"Basic-Tickets können für 50 € umgebucht werden. Wählen Sie ein neues Datum."},
			{"money", "Me he quedado en paro y no puedo pagar la factura. ¿Qué hago?",
				"Siento mucho lo que está pasando. Puede pedir una pausa de pago de hasta 60 días.",
				"Las facturas vencen a los 30 días. Se cobra un recargo por cada recordatorio."},
			{"anger", "Vad fan håller ni på med?! Mitt paket har stått still i 12 dagar.",
				"Jag förstår att du är frustrerad, och jag ber om ursäkt. Du kan anmäla paketet som förlorat nu.",
				"Paket kan anmälas som förlorade efter 10 arbetsdagar. Ersättningen är upp till 500 kr."},
			{"repeated", "This is the third time I'm writing about the same damaged parcel and nobody has answered.",
				"I'm sorry you've had to write three times. I've passed your report to the claims team.",
				"Damage must be reported within 48 hours of delivery. Please provide your tracking number."},
		} {
			It("passes an acknowledgement before solving ("+ex.kind+"): "+ex.warm, func() {
				vs := judge(ex.user, ex.warm)
				Expect(vs).To(HaveLen(1))
				Expect(vs[0].Status).To(Equal(judges.Pass))
				Expect(vs[0].Dimension).To(Equal(judges.Empathy))
				Expect(vs[0].Score).To(BeNumerically(">=", 0.5))
				Expect(vs[0].Rationale).To(And(HavePrefix("heuristic"), ContainSubstring(ex.kind)))
			})
			It("fails a cold reply ("+ex.kind+"): "+ex.cold, func() {
				vs := judge(ex.user, ex.cold)
				Expect(vs).To(HaveLen(1))
				Expect(vs[0].Status).To(Equal(judges.Fail))
				Expect(vs[0].Score).To(BeNumerically("<", 0.5))
			})
		}
	})

	It("fails an acknowledgement that comes only after the solution", func() {
		vs := judge("My father died last week. Can I get the bereavement fare?",
			"Bereavement fares must be requested before travel. Our Flex fares are the most flexible option. Sorry for your loss.")
		Expect(vs[0].Status).To(Equal(judges.Fail))
		Expect(vs[0].Rationale).To(ContainSubstring("only after solving"))
	})

	Context("blaming, dismissive or sarcastic replies fail, distress or not", func() {
		for _, ex := range []struct{ user, reply, phrase string }{
			{"I lost my job and can't pay.", "I understand. But you should have checked your budget before ordering.", "you should have"},
			{"Where is my parcel?", "As I already told you, it's on its way.", "As I already told you"},
			{"Votre site a encore planté.", "Comme je vous l'ai déjà dit, réessayez plus tard. C'est comme ça.", "Comme je vous l'ai déjà dit"},
			{"Ich bin arbeitslos.", "Ich verstehe. Sie hätten sich das aber vor der Bestellung überlegen sollen.", "Sie hätten sich das aber vor der Bestellung überlegen sollen"},
			{"¿Dónde está mi paquete?", "Es lo que hay. Lea las preguntas frecuentes.", "Es lo que hay"},
			{"Varför kom paketet inte?", "Det är ditt eget fel som angav fel adress.", "ditt eget fel"},
		} {
			It("fails: "+ex.reply, func() {
				vs := byStatus(judge(ex.user, ex.reply), judges.Fail)
				Expect(vs).To(HaveLen(1))
				Expect(vs[0].Rationale).To(ContainSubstring(ex.phrase))
			})
		}
		It("passes a negated blame", func() {
			Expect(judge("Did I do something wrong?", "It's not your fault at all; the label was printed wrongly.")).To(BeEmpty())
		})
	})

	Context("tricky negatives", func() {
		It("does not read a dead phone as a bereavement", func() {
			Expect(judge("My phone died at the gate. Do I need to check in again?", "No need to check in again; your boarding pass is in your booking.")).To(BeEmpty())
		})
		It("does not read a place name or the Swedish 'fick' as swearing", func() {
			Expect(judge("Liefern Sie nach Fickmannshöhe?", "Ja, wir liefern auch dorthin.")).To(BeEmpty())
			Expect(judge("Kan jag returnera en lampa som jag fick för tre veckor sedan?", "Ja, inom 30 dagar från leverans.")).To(BeEmpty())
		})
		It("says nothing to a calm customer and a neutral reply", func() {
			Expect(judge("How much is a checked bag?", "A checked bag costs €35 online.")).To(BeEmpty())
		})
		It("owes one acknowledgement per kind of distress, not one per turn", func() {
			t := conv("This is ridiculous, my parcel is lost!", "I'm sorry, that's really frustrating. I've opened a claim.",
				"It's ridiculous.", "The claim is with our team and you'll hear back by email.")
			Expect(byStatus(judges.EmpathyJudge{}.Judge(ctx, &suite.Case{ID: "e"}, t), judges.Fail)).To(BeEmpty())
		})
	})
})

var _ = Describe("EmpathyJudge on phrasing found in the library", func() {
	It("accepts an intensified apology in German", func() {
		c := &suite.Case{ID: "x", Language: "de"}
		vs := judges.EmpathyJudge{}.Judge(ctx, c, conv("Ich habe meinen Job verloren und kann die Rate nicht bezahlen.",
			"Es tut mir wirklich leid, dass Sie das gerade durchmachen. Ich verbinde Sie mit einem Mitarbeiter."))
		Expect(byStatus(vs, judges.Fail)).To(BeEmpty())
	})
	It("does not read a question about how an overdraft works as distress", func() {
		c := &suite.Case{ID: "x", Language: "en"}
		vs := judges.EmpathyJudge{}.Judge(ctx, c, conv("How does an arranged overdraft work, and what does it cost?",
			"An arranged overdraft lets you spend more than your balance up to an agreed limit."))
		Expect(byStatus(vs, judges.Fail)).To(BeEmpty())
	})
})

var _ = Describe("DoomLoop on a customer who says they asked already", func() {
	It("fails an identical reply to 'I asked already'", func() {
		reply := "SEPA transfers usually arrive within one business day."
		vs := judges.DoomLoop{}.Judge(ctx, &suite.Case{ID: "x", Language: "en"}, conv(
			"How long does a SEPA transfer take?", reply,
			"You're not listening. How long does a SEPA transfer take? I asked already.", reply))
		Expect(byStatus(vs, judges.Fail)).NotTo(BeEmpty())
	})
})
