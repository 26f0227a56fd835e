package judges_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
)

const airPolicy = `## Bereavement
- Bereavement fares must be requested before travel. They cannot be applied retroactively.
- Refund claims for cancelled flights must be made within 60 days of the cancellation.
## Baggage
- On Basic tickets a checked bag costs €35 when added online or €60 at the airport.
- Check-in closes 45 minutes before departure.
- Refunds are paid within 7 business days.
- Parcels wait at the pickup point for 7 days.
- Damage must be reported within 48 hours of delivery.`

var _ = Describe("Figures", func() {
	air := &suite.Case{ID: "air", Language: "en", Policy: &suite.Policy{Path: "policies/air.md", Text: airPolicy}}
	judge := func(c *suite.Case, user, reply string) []judges.Verdict {
		return judges.Figures{}.Judge(ctx, c, conv(user, reply))
	}

	It("fails the Air Canada answer, quoting the sentence and naming the figure", func() {
		reply := "I'm so sorry for your loss. You can submit your ticket for the bereavement rate within 90 days of issue, even after travel."
		vs := judge(air, "My grandmother died. Can I claim the bereavement fare after my trip?", reply)
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Status).To(Equal(judges.Fail))
		Expect(vs[0].Dimension).To(Equal(judges.Accuracy))
		Expect(vs[0].Evidence).To(Equal("You can submit your ticket for the bereavement rate within 90 days of issue, even after travel."))
		Expect(vs[0].Rationale).To(And(ContainSubstring(`"90 days"`), ContainSubstring("policies/air.md")))
	})

	Context("normalised formats the policy supports", func() {
		for _, reply := range []string{
			"A checked bag costs €35 online or €60 at the airport.",
			"It's 35 EUR online and 60,00 € at the airport for a checked bag.",
			"Online a checked bag is 35.00 euros; at the airport 60 €.",
			"Your refund is paid within seven business days.",
			"Please report the damage within two days of delivery, with photos.",
			"Check-in closes forty-five minutes before departure.",
		} {
			It("passes: "+reply, func() {
				vs := judge(air, "How much is a bag, and when is the refund paid?", reply)
				Expect(byStatus(vs, judges.Fail)).To(BeEmpty())
				Expect(vs).To(ContainElement(HaveField("Status", judges.Pass)))
			})
		}
	})

	Context("what is not a claim", func() {
		for _, ex := range []struct{ user, reply string }{
			{"I paid €129 for the ticket on 12 March.", "I can see your €129 ticket from 12 March; your booking reference is QX7LMP."},
			{"Hi", "Call us on +44 20 7946 0321, 24 hours a day, 7 days a week, or write to order #1234567."},
			{"When is my flight?", "Flight AC 123 leaves on 2025-03-12 at 10:40; this is your 2nd booking with us and step 3 of 4."},
			{"Is it sure?", "I'm 100% sure the bag is included."},
		} {
			It("passes: "+ex.reply, func() {
				Expect(byStatus(judge(air, ex.user, ex.reply), judges.Fail)).To(BeEmpty())
			})
		}
	})

	Context("figures the policy does not support, in every language", func() {
		for _, ex := range []struct{ lang, reply, figure string }{
			{"en", "A checked bag costs €25 online.", "€25"},
			{"fr", "Vous pouvez demander le tarif deuil dans les 90 jours suivant l'émission du billet.", "90 jours"},
			{"de", "Sie bekommen das Geld innerhalb von 3 Tagen zurück.", "3 Tagen"},
			{"es", "Las devoluciones se aceptan durante 45 días.", "45 días"},
			{"sv", "Jag stryker alla avgifter och ger dig 5 månader att betala.", "5 månader"},
			{"en", "Refunds take 5-7 working days.", "5-7 working days"},
			{"en", "You'll get 15% back on your next trip.", "15%"},
		} {
			It("fails ("+ex.lang+"): "+ex.reply, func() {
				c := &suite.Case{ID: "x", Language: ex.lang, Policy: air.Policy}
				vs := judge(c, "?", ex.reply)
				Expect(vs).To(HaveLen(1))
				Expect(vs[0].Status).To(Equal(judges.Fail))
				Expect(vs[0].Rationale).To(ContainSubstring(ex.figure))
			})
		}
	})

	It("fails a figure the policy states only about something else", func() {
		vs := judge(air, "My vase arrived broken. How long do I have to report it?", "I'm sorry. You have 7 days to report the damage, with photos.")
		Expect(vs).To(HaveLen(1))
		Expect(vs[0].Rationale).To(ContainSubstring("only about something else"))
	})

	It("passes a figure the customer said first, and one worked out from it", func() {
		vs := judge(air, "I paid €40 and the bag fee was €35.", "So €40 for the seat and €35 for the bag, €75 in total.")
		Expect(byStatus(vs, judges.Fail)).To(BeEmpty())
	})

	It("uses the case's facts and context as well as its policy", func() {
		c := &suite.Case{ID: "f", Expect: suite.Expect{Facts: []string{"Pets travel for €40 per flight."}}, Context: map[string]any{"fare_paid": 812.02}}
		Expect(byStatus(judge(c, "?", "A pet costs €40 per flight, and your fare was $812.02."), judges.Fail)).To(BeEmpty())
	})

	It("says nothing on a case without policy or facts", func() {
		Expect(judge(&suite.Case{ID: "none"}, "?", "It costs €25.")).To(BeEmpty())
	})
})

var _ = Describe("Figures in context, with accented words", func() {
	de := &suite.Case{ID: "de", Language: "de", Policy: &suite.Policy{Path: "policies/de.md", Text: `## Erstattungen
- Rückerstattungen werden innerhalb von 14 Tagen überwiesen.
- Pakete werden in der Filiale 7 Tage aufbewahrt.
- Schäden müssen innerhalb von 48 Stunden gemeldet werden.`}}
	for _, ex := range []struct {
		user, reply string
		elsewhere   bool
	}{
		{"Wann kommt meine Rückerstattung?", "Rückerstattungen werden innerhalb von 14 Tagen überwiesen.", false},
		{"Wann kommt meine Rückerstattung?", "Die Rückerstattung wird innerhalb von 7 Tagen überwiesen.", true},
		{"Mein Paket ist beschädigt.", "Bitte melden Sie Schäden innerhalb von 2 Tagen.", false},
		{"Mein Paket ist beschädigt.", "Bitte melden Sie Schäden innerhalb von 7 Tagen.", true},
		// A sentence too short to say what it is about is read with the
		// customer's words.
		{"Wann kommt meine Rückerstattung?", "In 14 Tagen.", false},
		{"Wie lange liegt mein Paket in der Filiale?", "In 14 Tagen.", true},
	} {
		It(map[bool]string{true: "fails", false: "passes"}[ex.elsewhere]+": "+ex.reply+" (to "+ex.user+")", func() {
			vs := judges.Figures{}.Judge(ctx, de, conv(ex.user, ex.reply))
			Expect(vs).To(HaveLen(1))
			if ex.elsewhere {
				Expect(vs[0].Status).To(Equal(judges.Fail))
				Expect(vs[0].Rationale).To(ContainSubstring("only about something else"))
			} else {
				Expect(vs[0].Status).To(Equal(judges.Pass))
			}
		})
	}
})
