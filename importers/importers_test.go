package importers_test

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/importers"
	"github.com/tribunal-eval/tribunal/suite"
)

// load writes a result's files to a folder and loads them with the strict
// loader, as `tribunal validate` would.
func load(r *importers.Result) *suite.Suite {
	GinkgoHelper()
	dir := GinkgoT().TempDir()
	for _, f := range r.Files {
		data, err := f.Output()
		Expect(err).NotTo(HaveOccurred())
		Expect(os.WriteFile(filepath.Join(dir, f.Name), data, 0o644)).To(Succeed())
	}
	s, err := suite.Load(dir)
	Expect(err).NotTo(HaveOccurred())
	return s
}

func notes(r *importers.Result) string {
	var out []string
	for _, n := range r.Notes {
		out = append(out, n.String())
	}
	return strings.Join(out, "\n")
}

func says(ms []suite.Matcher, text string) bool {
	for _, m := range ms {
		if _, ok := m.Find(text); ok {
			return true
		}
	}
	return false
}

var _ = Describe("Botium", func() {
	r, err := importers.Botium([]string{"testdata/botium"}, importers.Options{})
	It("reads the folder", func() { Expect(err).NotTo(HaveOccurred()) })
	if err != nil {
		return
	}

	It("converts every convo with a customer message into a case file that loads", func() {
		Expect(r.Items).To(Equal(6))
		Expect(r.Converted()).To(Equal(4))
		s := load(r)
		Expect(s.Cases).To(HaveLen(4))
		for _, c := range s.Cases {
			Expect(c.ID).To(HavePrefix("botium/"))
			Expect(c.HasTag("botium")).To(BeTrue())
			Expect(c.Source).To(HavePrefix("BotiumScript "))
		}
		Expect(r.Summary()).To(Equal("botium: converted 4 of 6 convos into 4 file(s); 2 skipped, 13 note(s)"))
	})

	It("turns #me into turns and #bot text and TEXT_ asserters into per-turn checks", func() {
		s := load(r)
		c := s.Case("botium/tc02-ask-for-a-human")
		Expect(c).NotTo(BeNil())
		Expect(c.Title).To(Equal("TC02 - Ask for a human (The customer asks for a person after an answer that did not help.)"))
		Expect(c.Turns).To(HaveLen(2))
		Expect(c.Turns[0].User).To(Equal("where is my order 12345"))
		Expect(says(c.Turns[0].Expect.MustSay, "Your order is out for delivery")).To(BeTrue())
		Expect(says(c.Turns[0].Expect.MustSay, "Your ORDER is out")).To(BeFalse(), "TEXT_CONTAINS_ANY is case-sensitive")
		Expect(says(c.Turns[1].Expect.MustSay, "I'm transferring you to an AGENT now")).To(BeTrue(), "the _IC asserter ignores case")
		Expect(says(c.Turns[1].Expect.MustNotSay, "sorry, i can't do that right now")).To(BeTrue(), "!text becomes must_not_say")
	})

	It("uses a referenced utterance list and turns * wildcards into a regex", func() {
		c := load(r).Case("botium/tc03-refund-window")
		Expect(c.Turns[0].User).To(Equal("how long do I have to return something?"))
		Expect(says(c.Turns[0].Expect.MustSay, "You can return items within 30 days of delivery.")).To(BeTrue())
		Expect(says(c.Turns[0].Expect.MustNotSay, "We always refund")).To(BeTrue())
	})

	It("reports what did not map, item by item, and skips convos it cannot replay", func() {
		n := notes(r)
		Expect(n).To(ContainSubstring("greeting.convo.txt: TC01 - Greeting: #bot BUTTONS: not mapped (tribunal judges the reply's text, not its buttons)"))
		Expect(n).To(ContainSubstring("TC02 - Ask for a human: #bot PAUSE: not mapped"))
		Expect(n).To(ContainSubstring("TC03 - Refund window: #bot INTENT: not mapped"))
		Expect(n).To(ContainSubstring("used the first of its 3 utterances"))
		Expect(n).To(ContainSubstring("#begin section (SET_SCRIPTING_MEMORY orderid|ORD-555) not mapped"))
		Expect(n).To(ContainSubstring("the bot's opening message (before the first #me) is not checked"))
		Expect(n).To(ContainSubstring(`TEXT_REGEX_ANY: not mapped ("(?<=order )\\d+" is not a Go RE2 expression`))
		Expect(n).To(ContainSubstring("TC05 - Bot greeting only: skipped: no #me message to replay"))
		Expect(n).To(ContainSubstring("TC06 - Refers to an utterance file we were not given: skipped: #me refers to the utterance list UTT_CANCEL_ORDER"))
	})

	It("keeps a scripting memory variable as a wildcard in the expected reply", func() {
		c := load(r).Case("botium/tc04-order-status-with-scripting-memory")
		Expect(says(c.Turns[0].Expect.MustSay, "Your order ORD-555 is on its way!")).To(BeTrue())
	})

	It("applies the options to every case", func() {
		r, err := importers.Botium([]string{"testdata/botium/greeting.convo.txt"}, importers.Options{Prefix: "acme/", Language: "en", Tags: []string{"imported"}})
		Expect(err).NotTo(HaveOccurred())
		c := load(r).Cases[0]
		Expect(c.ID).To(Equal("acme/tc01-greeting"))
		Expect(c.Language).To(Equal("en"))
		Expect(c.Tags).To(ConsistOf("botium", "imported"))
	})

	It("reports a missing file as an error", func() {
		_, err := importers.Botium([]string{"testdata/botium/nope.convo.txt"}, importers.Options{})
		Expect(err).To(HaveOccurred())
	})
})

var _ = Describe("Promptfoo", func() {
	r, err := importers.Promptfoo("testdata/promptfoo/promptfooconfig.yaml", importers.PromptfooOptions{})
	It("reads the config and the tests files it references", func() { Expect(err).NotTo(HaveOccurred()) })
	if err != nil {
		return
	}

	It("converts every test with a customer message into one case file that loads", func() {
		Expect(r.Items).To(Equal(7))
		Expect(r.Converted()).To(Equal(6))
		Expect(r.Files).To(HaveLen(1))
		Expect(r.Files[0].Name).To(Equal("promptfooconfig.yaml"))
		s := load(r)
		Expect(s.Cases).To(HaveLen(6))
	})

	It("maps contains-style asserts, defaultTest, rubrics, facts and latency", func() {
		s := load(r)
		c := s.Case("promptfoo/return-window")
		Expect(c.Turns).To(HaveLen(1))
		Expect(c.Turns[0].User).To(Equal("How long do I have to return shoes?"))
		e := c.Turns[0].Expect
		Expect(says(e.MustSay, "You have 30 DAYS to return them.")).To(BeTrue(), "icontains ignores case")
		Expect(says(e.MustNotSay, "within 90 days")).To(BeTrue())
		Expect(says(e.MustNotSay, "As an AI language model, I")).To(BeTrue(), "defaultTest applies to every test")
		Expect(c.Judges).To(ConsistOf(suite.Rubric{Rubric: "Does not promise a refund the policy does not give", Dimension: "accuracy"}))

		human := s.Case("promptfoo/asks-for-a-human")
		Expect(says(human.Turns[0].Expect.MustSay, "I'll connect you with a colleague")).To(BeTrue())
		Expect(human.Context).To(HaveKeyWithValue("customer_tier", "gold"))
		Expect(time.Duration(human.Expect.MaxLatency)).To(Equal(3 * time.Second))

		phone := s.Case("promptfoo/what-s-your-phone-number")
		Expect(says(phone.Turns[0].Expect.MustSay, "Call us on +1 555 0100.")).To(BeTrue())
		Expect(says(phone.Turns[0].Expect.MustSay, "Call us on +1 555 0100. Or write to us.")).To(BeTrue(), "contains matches, equals does not")

		late := s.Case("promptfoo/late-parcel-two-customer-turns")
		Expect(late.Turns).To(HaveLen(2))
		Expect(late.Turns[1].User).To(Equal("Can I get my money back?"))
		Expect(late.Expect.Facts).To(ConsistOf("Late Standard deliveries are not compensated."))
	})

	It("reports each assert that did not map, with why", func() {
		n := notes(r)
		Expect(n).To(ContainSubstring("Asks for a human: assert javascript not mapped (tribunal does not run code)"))
		Expect(n).To(ContainSubstring("Discount demand: assert similar not mapped (no embedding similarity judge)"))
		Expect(n).To(ContainSubstring(`Discount demand: assert not-icontains-all not mapped ("not all of them" has no equivalent`))
		Expect(n).To(ContainSubstring("Late parcel, two customer turns: assert is-json not mapped"))
		Expect(n).To(ContainSubstring(`1 assistant message(s) left out`))
		Expect(n).To(ContainSubstring(`Lookahead is not RE2: assert regex not mapped ("(?=.*order).*track" is not a Go RE2 expression`))
		Expect(n).To(ContainSubstring("No message var: skipped: which var is the customer's message?"))
	})

	It("takes the message var by name", func() {
		r, err := importers.Promptfoo("testdata/promptfoo/nothing_maps.yaml", importers.PromptfooOptions{Var: "topic"})
		Expect(err).NotTo(HaveOccurred())
		Expect(r.Converted()).To(Equal(1))
		c := load(r).Cases[0]
		Expect(c.Turns[0].User).To(Equal("refunds"))
		Expect(notes(r)).To(ContainSubstring("no assert mapped; the case runs under tribunal's built-in judges only"))
	})

	It("reads a bare list of tests", func() {
		r, err := importers.Promptfoo("testdata/promptfoo/tests_only.yaml", importers.PromptfooOptions{})
		Expect(err).NotTo(HaveOccurred())
		c := load(r).Cases[0]
		Expect(c.ID).To(Equal("promptfoo/do-you-deliver-on-sundays"))
	})

	It("rejects a file that is not promptfoo YAML", func() {
		_, err := importers.Promptfoo("testdata/botium/greeting.convo.txt", importers.PromptfooOptions{})
		Expect(err).To(HaveOccurred())
	})
})
