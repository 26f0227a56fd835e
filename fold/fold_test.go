package fold_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/fold"
)

var _ = Describe("Lower", func() {
	It("lower-cases ASCII and accented text", func() {
		Expect(fold.Lower("Hello WORLD")).To(Equal("hello world"))
		Expect(fold.Lower("ÉTÉ À Öland")).To(Equal("été à öland"))
	})

	It("keeps every byte offset, even for runes whose lower case is longer", func() {
		for _, s := range []string{"İstanbul Office", "KELVİN K", "Ⱥ and Ⱦ", "plain"} {
			low := fold.Lower(s)
			Expect(len(low)).To(Equal(len(s)), s)
			i := strings.Index(low, "o")
			if j := strings.Index(s, "O"); j >= 0 && (i < 0 || j < i) {
				i = j
			}
			if i >= 0 {
				Expect(strings.ToLower(s[i : i+1])).To(Equal(low[i : i+1]))
			}
		}
	})
})

var _ = Describe("Lower on every kind of letter", func() {
	It("lower-cases é, ü, å and keeps ß, ẞ and text already in lower case", func() {
		Expect(fold.Lower("Été")).To(Equal("été"))
		Expect(fold.Lower("ÜBER")).To(Equal("über"))
		Expect(fold.Lower("Åsa ÄR HÄR")).To(Equal("åsa är här"))
		Expect(fold.Lower("STRAßE")).To(Equal("straße"))
		// ẞ lower-cases to ß, one byte shorter: it is kept.
		Expect(fold.Lower("GROẞ")).To(Equal("groẞ"))
		plain := "already lower, with digits 123 and ümlauts"
		Expect(fold.Lower(plain)).To(Equal(plain))
	})

	It("agrees with strings.ToLower wherever the lengths agree", func() {
		for _, s := range []string{"Hello WORLD", "ÉTÉ À Öland", "Ñandú", "ÆØÅ æøå", "ΣΊΣΥΦΟΣ", "Привет МИР", "ǅ ǈ ǋ", ""} {
			if len(strings.ToLower(s)) == len(s) {
				Expect(fold.Lower(s)).To(Equal(strings.ToLower(s)), s)
			}
		}
	})

	It("keeps bytes that are not UTF-8 as they are, and so every offset", func() {
		for s, want := range map[string]string{
			"\xffHELLO":       "\xffhello",
			"AB\xc3":          "ab\xc3",
			"\xe2\x82 Ü \xff": "\xe2\x82 ü \xff",
			"É\x80É":          "é\x80é",
		} {
			Expect(fold.Lower(s)).To(Equal(want), "%q", s)
		}
	})
})
