package judges_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

var _ = Describe("Format", func() {
	judge := func(lang, reply string) []judges.Verdict {
		return judges.Format{}.Judge(ctx, &suite.Case{ID: "f", Language: lang}, conv("?", reply))
	}
	fails := func(lang, reply, why string) {
		GinkgoHelper()
		vs := byStatus(judge(lang, reply), judges.Fail)
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Rationale).To(ContainSubstring(why))
	}

	Context("empty replies", func() {
		for _, reply := range []string{"", "   ", "null", "undefined", "[object Object]"} {
			It("fails "+`"`+reply+`"`, func() { fails("en", reply, "empty reply") })
		}
		It("accepts a reply without words on a turn the target handed off by its signal", func() {
			t := handedOff(conv("agent please", ""), 1, transcript.Structured, "transfer_to_human")
			Expect(byStatus(judges.Format{}.Judge(ctx, &suite.Case{ID: "f"}, t), judges.Fail)).To(BeEmpty())
		})
	})

	Context("replies cut off mid-sentence", func() {
		for _, ex := range []struct{ lang, reply string }{
			{"en", "On a Basic ticket a checked bag of up to 23 kg costs €35 if you add it online, or"},
			{"en", "Here are the steps:"},
			{"fr", "Avec un billet Basic, un bagage coûte 35 € en ligne, et"},
			{"de", "Im Basic-Tarif kostet ein Gepäckstück 35 € bei Online-Buchung oder 60 € am"},
			{"es", "Con un billete Basic, una maleta cuesta 35 € en línea, y si viaja con"},
			{"sv", "På en Basic-biljett kostar en väska 380 kr online och"},
			{"en", "Yes. Unused items can be returned within 30 days. You can print the label from your orders page and drop the parcel at any post office near"},
			{"en", "You can track it here (https://kolibri.example/track"},
		} {
			It("fails ("+ex.lang+"): "+ex.reply, func() { fails(ex.lang, ex.reply, "cut off") })
		}
		for _, ex := range []struct{ lang, reply string }{
			{"en", "On a Basic ticket it's €35 online or €60 at the airport 😊"},
			{"en", "Great news, enjoy it. Thanks for choosing Kolibri Post and have a lovely evening"},
			{"en", "You can start the return at https://lumen.example/returns/"},
			{"de", "Ja, innerhalb von 30 Tagen nach Lieferung. Wenn Sie Fragen haben, rufen Sie uns gerne an"},
			{"sv", "Ja, inom 30 dagar från leverans. Hör av dig om jag kan hjälpa till"},
			{"en", "Your parcel number is KP48213977GB"},
		} {
			It("passes ("+ex.lang+"): "+ex.reply, func() {
				Expect(byStatus(judge(ex.lang, ex.reply), judges.Fail)).To(BeEmpty())
			})
		}
	})

	Context("raw JSON, model tokens and placeholders", func() {
		for _, reply := range []string{
			`{"reply": "A checked bag costs €35 online.", "handoff": false}`,
			`[{"role": "assistant", "content": "Ja, inom 30 dagar."}]`,
			"Yes, it shipped this morning.<|im_end|>",
			"Hi {{first_name}}, your bag costs €35.",
			"Bonjour ${prenom}, votre bagage coûte 35 €.",
			"Hello ${customer.firstName}, your order left our warehouse.",
			"Hello [CUSTOMER_NAME], unused items can be returned within 30 days.",
			"Hej [FÖRNAMN], en väska kostar 380 kr.",
			"Hallo <first_name>, ein Koffer kostet 35 €.",
			"Hola %s, los artículos pueden devolverse en 30 días.",
			"Hej {namn}! Varje omleverans kostar 49 kr.",
		} {
			It("fails: "+reply, func() {
				vs := byStatus(judge("en", reply), judges.Fail)
				Expect(vs).To(HaveLen(1))
				Expect(vs[0].Dimension).To(Equal(judges.Accuracy))
				Expect(vs[0].Rationale).To(Or(ContainSubstring("placeholder"), ContainSubstring("JSON")))
			})
		}
		for _, reply := range []string{
			"Yes, within 30 days. You can start the return from [your orders page](https://lumen.example/orders).",
			"Our terms [1] say returns are free for faulty items.",
			"Prices start at €35 {see the website for details on fees}.",
		} {
			It("passes: "+reply, func() {
				Expect(byStatus(judge("en", reply), judges.Fail)).To(BeEmpty())
			})
		}
	})

	It("reports active markup under safety", func() {
		vs := byStatus(judge("en", "Sure, here it is <img src=x onerror=alert(document.cookie)>"), judges.Fail)
		Expect(vs).NotTo(BeEmpty())
		Expect(vs[0].Dimension).To(Equal(judges.Safety))
		Expect(vs[0].Rationale).To(ContainSubstring("markup"))
	})
})
