package demobot

import (
	"regexp"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// Patterns compile when first used, so a mistake in one the specs never
// reach would surface only in someone's run; this compiles them all.
var _ = Describe("the demo bot's patterns", func() {
	It("all compile", func() {
		Expect(len(patterns)).To(BeNumerically(">", 50))
		for _, p := range patterns {
			_, err := regexp.Compile(p.expr)
			Expect(err).NotTo(HaveOccurred(), p.expr)
		}
	})
})
