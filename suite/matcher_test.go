package suite_test

import (
	"encoding/json"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suite"
)

var _ = Describe("Matcher", func() {
	found := func(m suite.Matcher, text string) string {
		spans, ok := m.Find(text)
		if !ok {
			return "<no match>"
		}
		return text[spans[0].Start:spans[0].End]
	}

	It("matches plain text case-insensitively across any whitespace", func() {
		m := suite.Text("before  travel")
		Expect(found(m, "Fares must be requested BEFORE\ntravel.")).To(Equal("BEFORE\ntravel"))
		Expect(found(m, "after travel")).To(Equal("<no match>"))
	})

	It("treats regex metacharacters in plain text literally", func() {
		Expect(found(suite.Text("$1.00 (final)"), "Price: $1.00 (final)")).To(Equal("$1.00 (final)"))
		Expect(found(suite.Text("$1.00"), "Price: $1x00")).To(Equal("<no match>"))
	})

	It("matches regexes as written", func() {
		m, err := suite.Regex(`within \d+ days`)
		Expect(err).NotTo(HaveOccurred())
		Expect(found(m, "Claim within 90 days of issue")).To(Equal("within 90 days"))
		Expect(found(m, "Claim WITHIN 90 DAYS")).To(Equal("<no match>"))
		_, err = suite.Regex("(")
		Expect(err).To(HaveOccurred())
	})

	It("combines with any and all", func() {
		anyM := suite.Any(suite.Text("before travel"), suite.Text("not retroactive"))
		Expect(found(anyM, "this is not retroactive")).To(Equal("not retroactive"))
		allM := suite.All(suite.Text("sorry"), suite.Text("before travel"))
		spans, ok := allM.Find("I'm sorry. It must be requested before travel.")
		Expect(ok).To(BeTrue())
		Expect(spans).To(HaveLen(2))
		_, ok = allM.Find("I'm sorry.")
		Expect(ok).To(BeFalse())
	})

	It("prints itself as a reader wrote it and round-trips plain text to JSON", func() {
		re, _ := suite.Regex("a+")
		Expect(suite.Any(suite.Text("x"), re).String()).To(Equal(`any of ["x", /a+/]`))
		b, err := json.Marshal(suite.Text("hello"))
		Expect(err).NotTo(HaveOccurred())
		Expect(string(b)).To(Equal(`"hello"`))
		b, _ = json.Marshal(re)
		Expect(string(b)).To(Equal(`{"regex":"a+"}`))
	})
})

var _ = Describe("plain matchers on awkward text", func() {
	It("finds a later occurrence when an earlier one is incomplete", func() {
		spans, ok := suite.Text("before travel").Find("Before you go: requests made before   travel count.")
		Expect(ok).To(BeTrue())
		Expect(spans[0].Start).To(Equal(len("Before you go: requests made ")))
	})
	It("needs whitespace between the words and reports the original text's offsets", func() {
		_, ok := suite.Text("before travel").Find("beforetravel")
		Expect(ok).To(BeFalse())
		text := "Déjà: AVANT LE VOYAGE."
		spans, ok := suite.Text("avant le voyage").Find(text)
		Expect(ok).To(BeTrue())
		Expect(text[spans[0].Start:spans[0].End]).To(Equal("AVANT LE VOYAGE"))
	})
	It("never matches an empty plain text", func() {
		_, ok := suite.Matcher{Text: "   "}.Find("anything")
		Expect(ok).To(BeFalse())
	})
})
