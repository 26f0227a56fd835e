package suite_test

import (
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suite"
)

var _ = Describe("What the cases of a suite share", func() {
	const twoCases = `version: 1
cases:
  - id: one
    turns:
      - user: Can I get a refund?
        expect: {must_not_say: ["a.c", {regex: "a.c"}]}
    expect:
      must_say: [{any: ["refund", {regex: "(?i)money back"}]}]
      must_not_say: ["within 90 days", {regex: "a.c"}]
  - id: two
    turns:
      - user: Can I get a refund?
        expect: {must_not_say: ["a.c", {regex: "a.c"}]}
    expect:
      must_say: [{any: ["refund", {regex: "(?i)money back"}]}]
      must_not_say: ["within 90 days", {regex: "a.c"}]
      facts: ["Refunds take 7 days."]
  - id: three
    turns: [{user: Can I get a refund?}]
    expect:
      must_say: [{all: ["refund", {regex: "(?i)money back"}]}]
      must_not_say: ["within  90 DAYS", {regex: "a.c"}]
  - id: text
    turns: [{user: hi}]
    expect: {must_say: ["a.c"]}
  - id: regex
    turns: [{user: hi}]
    expect: {must_say: [{regex: "a.c"}]}
`
	found := func(m suite.Matcher, text string) bool {
		_, ok := m.Find(text)
		return ok
	}

	It("gives cases with the same patterns matchers that behave the same, and keeps different ones apart", func() {
		s, err := suite.Load(write(map[string]string{"a.yaml": twoCases}))
		Expect(err).NotTo(HaveOccurred())
		one, two, three := s.Cases[0], s.Cases[1], s.Cases[2]

		for _, c := range []*suite.Case{one, two} {
			turn := c.Turns[0].Expect.MustNotSay
			// The same pattern as plain text and as a regex stay different.
			Expect(found(turn[0], "abc")).To(BeFalse(), c.ID)
			Expect(found(turn[0], "A.C")).To(BeTrue(), c.ID)
			Expect(found(turn[1], "abc")).To(BeTrue(), c.ID)
			Expect(found(c.Expect.MustSay[0], "Money back, guaranteed")).To(BeTrue(), c.ID)
			Expect(found(c.Expect.MustNotSay[0], "within 90\ndays")).To(BeTrue(), c.ID)
		}
		// Equal lists are stored once.
		Expect(&one.Expect.MustNotSay[0]).To(BeIdenticalTo(&two.Expect.MustNotSay[0]))
		Expect(&one.Turns[0].Expect.MustNotSay[0]).To(BeIdenticalTo(&two.Turns[0].Expect.MustNotSay[0]))
		Expect(one.Turns[0].User).To(Equal(two.Turns[0].User))

		// any and all of the same matchers are not the same matcher.
		Expect(three.Expect.MustSay[0].String()).To(Equal(`all of ["refund", /(?i)money back/]`))
		Expect(found(three.Expect.MustSay[0], "a refund")).To(BeFalse())
		Expect(found(one.Expect.MustSay[0], "a refund")).To(BeTrue())
		// A differently written phrase is its own list, matching the same.
		Expect(&three.Expect.MustNotSay[0]).NotTo(BeIdenticalTo(&one.Expect.MustNotSay[0]))
		Expect(three.Expect.MustNotSay[0].Text).To(Equal("within  90 DAYS"))
		Expect(found(three.Expect.MustNotSay[0], "Within 90 days")).To(BeTrue())
		// Lists that differ only in a matcher's form are not shared.
		text, regex := s.Cases[3].Expect.MustSay[0], s.Cases[4].Expect.MustSay[0]
		Expect(found(text, "abc")).To(BeFalse())
		Expect(found(text, "A.C")).To(BeTrue())
		Expect(found(regex, "abc")).To(BeTrue())
		Expect(found(regex, "A.C")).To(BeFalse())
		Expect(one.Expect.Facts).To(BeNil())
		Expect(two.Expect.Facts).To(ConsistOf("Refunds take 7 days."))
	})

	It("lets a case append to a shared list without changing the others", func() {
		s, err := suite.Load(write(map[string]string{"a.yaml": twoCases}))
		Expect(err).NotTo(HaveOccurred())
		one, two := s.Cases[0], s.Cases[1]
		one.Expect.MustNotSay = append(one.Expect.MustNotSay, suite.Text("I guarantee"))
		Expect(one.Expect.MustNotSay).To(HaveLen(3))
		Expect(two.Expect.MustNotSay).To(HaveLen(2))
		Expect(found(two.Expect.MustNotSay[1], "abc")).To(BeTrue())
	})

	It("shares nothing between loads, even concurrent ones of suites that use a pattern differently", func() {
		textDir := write(map[string]string{"a.yaml": "version: 1\ncases:\n  - id: x\n    turns: [{user: hi}]\n    expect: {must_say: [\"a.c\"]}\n"})
		regexDir := write(map[string]string{"a.yaml": "version: 1\ncases:\n  - id: x\n    turns: [{user: hi}]\n    expect: {must_say: [{regex: \"a.c\"}]}\n"})
		const loads = 8
		suites := make([]*suite.Suite, loads)
		errs := make([]error, loads)
		var wg sync.WaitGroup
		for i := range loads {
			dir := textDir
			if i%2 == 1 {
				dir = regexDir
			}
			wg.Go(func() { suites[i], errs[i] = suite.Load(dir) })
		}
		wg.Wait()
		for i, s := range suites {
			Expect(errs[i]).NotTo(HaveOccurred())
			m := s.Cases[0].Expect.MustSay[0]
			Expect(found(m, "abc")).To(Equal(i%2 == 1), "load %d: %s", i, m)
			Expect(found(m, "A.C")).To(Equal(i%2 == 0), "load %d: %s", i, m)
			if i >= 2 {
				Expect(&s.Cases[0].Expect.MustSay[0]).NotTo(BeIdenticalTo(&suites[i-2].Cases[0].Expect.MustSay[0]), "load %d", i)
			}
		}
	})
})
