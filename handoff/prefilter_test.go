package handoff

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/fold"
)

// corpus returns every string of the bundled cases and calibration set,
// with upper-cased copies: what customers and bots write.
func corpus() []string {
	texts, err := fixtures.Texts(false)
	Expect(err).NotTo(HaveOccurred())
	out := make([]string, 0, 2*len(texts))
	for _, t := range texts {
		out = append(out, t, strings.ToUpper(t))
	}
	return out
}

var _ = Describe("the required literals of a pattern", func() {
	DescribeTable("are read off the expression",
		func(expr string, want []string) {
			got, ok := required(expr)
			Expect(ok).To(Equal(want != nil))
			Expect(got).To(ConsistOf(want))
		},
		Entry("an alternation", `\b(?:transfer|connect)\w*\b`, []string{"connect", "transfer"}),
		Entry("a product of small parts", `(?:ab|cd)e`, []string{"abe", "cde"}),
		Entry("an optional part", `colou?r`, []string{"color", "colour"}),
		Entry("the most selective part", `\b(?:a|an)\s+(?:expert|specialist)\b`, []string{"expert", "specialist"}),
		Entry("a small class", `[åa]ngra`, []string{"angra", "ångra"}),
		Entry("digits", `\d+`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}),
		Entry("a repeated word", `(?:ha)+`, []string{"ha"}),
		Entry("nothing required", `x*|y`, nil),
		Entry("any character", `.+`, nil),
	)

	It("are in every sentence of the corpus that a pattern matches", func() {
		var all []pattern
		for _, lx := range []lexicon{announceLex, pathLex, requestLex} {
			all = append(all, lx.patterns...)
		}
		all = append(all, pattern{re: negation}, pattern{re: personWord})
		sets := make([][]string, len(all))
		for i, pt := range all {
			set, ok := required(pt.re.String())
			Expect(ok).To(BeTrue(), pt.re.String())
			sets[i] = set
		}
		matched := 0
		for _, text := range corpus() {
			low := fold.Lower(text)
			for from := 0; from < len(low); {
				to := from + 1
				for to < len(low) && !endsSentence(low, to-1) {
					to++
				}
				sent := low[from:to]
				for i, pt := range all {
					if !pt.re.MatchString(sent) {
						continue
					}
					matched++
					Expect(containsAny(sent, sets[i])).To(BeTrue(),
						"%q matches %q but holds none of %q", pt.re, sent, sets[i])
				}
				from = to
			}
		}
		Expect(matched).To(BeNumerically(">", 500))
	})
})

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

var _ = Describe("the literal matcher", func() {
	It("finds every occurrence of every literal, overlapping or not", func() {
		lits := []string{"he", "she", "his", "hers", "s", "ä", "häns", "hä"}
		m := newMatcher(lits)
		for _, text := range []string{"ushers", "she sells his hers", "shähänsä", "", "xyz", "hhhhe"} {
			type hit struct{ lit, end int }
			var got, want []hit
			s := int32(0)
			for i := 0; i < len(text); i++ {
				s = m.next[int(s)*m.classes+int(m.class[text[i]])]
				for _, id := range m.out[s] {
					got = append(got, hit{int(id), i + 1})
				}
			}
			for id, l := range lits {
				for i := 0; i+len(l) <= len(text); i++ {
					if text[i:i+len(l)] == l {
						want = append(want, hit{id, i + len(l)})
					}
				}
			}
			Expect(got).To(ConsistOf(want), text)
		}
	})
})

var _ = Describe("the sentences find searches", func() {
	It("are the sentences Sentence quotes", func() {
		for _, text := range []string{"Hi! Is 3.5 ok? Yes.Sure. Fine\nnext... end", "One.", "no end", "a.b. c", "?!", ""} {
			for from := 0; from < len(text); {
				to := from + 1
				for to < len(text) && !endsSentence(text, to-1) {
					to++
				}
				for p := from; p < to; p++ {
					s, _ := Sentence(text, p, p)
					Expect(s).To(Equal(strings.TrimSpace(text[from:to])), "%q at %d", text, p)
				}
				from = to
			}
		}
	})
})
