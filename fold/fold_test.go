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
