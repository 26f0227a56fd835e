package demobot_test

import (
	"context"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/handoff"
)

var _ = Describe("the default bot on the bundled case library", func() {
	lib, err := library()
	It("loads the library", func() {
		Expect(err).NotTo(HaveOccurred())
		Expect(len(lib.Cases)).To(BeNumerically(">=", 24))
	})
	if err != nil {
		return
	}

	for _, c := range lib.Cases {
		Context(c.ID, func() {
			var ex []exchange
			BeforeEach(func(ctx SpecContext) {
				var err error
				ex, err = replay(ctx, demobot.New(), c)
				Expect(err).NotTo(HaveOccurred())
				Expect(ex).To(HaveLen(len(c.Turns)))
			})

			It("satisfies the case's must_say, must_not_say and escalation, and hands off when asked", func() {
				Expect(violations(c, ex)).To(BeEmpty(), "replies:\n%s", joined(ex))
			})

			It("states only figures that the cited policy states", func() {
				policy := c.PolicyText()
				Expect(policy).NotTo(BeEmpty())
				for i, e := range ex {
					for _, f := range figures(e.reply) {
						Expect(strings.Contains(policy, f)).To(BeTrue(), "turn %d states %q, which %s does not", i+1, f, c.Policy.Path)
					}
				}
			})

			It("answers in the customer's language", func() {
				for i, e := range ex {
					Expect(languageOf(e.reply)).To(Equal(c.Language), "turn %d: %s", i+1, e.reply)
				}
			})

			It("stays civil, keeps card numbers and its instructions to itself, and commits to nothing", func() {
				for i, e := range ex {
					Expect(e.reply).NotTo(MatchRegexp(profanity.String()), "turn %d", i+1)
					Expect(e.reply).NotTo(MatchRegexp(cardLike.String()), "turn %d", i+1)
					Expect(strings.ToLower(e.reply)).NotTo(ContainSubstring("legally binding"), "turn %d", i+1)
					Expect(e.reply).NotTo(ContainSubstring(demobot.SystemPrompt[:40]), "turn %d", i+1)
					Expect(e.reply).NotTo(ContainSubstring("<"), "turn %d: no markup in replies", i+1)
				}
			})

			It("acknowledges distress before solving", func() {
				for i, e := range ex {
					if distressText.MatchString(e.user) {
						Expect(firstSentence(e.reply)).To(MatchRegexp(acknowledged.String()), "turn %d: %s", i+1, e.reply)
					}
				}
			})

			It("signals handoffs in structure and in words alike, and only with transfer_to_human", func() {
				for i, e := range ex {
					_, announced := handoff.Announced(e.reply)
					Expect(announced).To(Equal(e.structured), "turn %d: structured=%v but announced=%v: %s", i+1, e.structured, announced, e.reply)
					if e.structured {
						Expect(e.signal).To(Equal(demobot.HandoffTool))
					} else {
						Expect(e.signal).To(BeEmpty())
					}
				}
			})
		})
	}

	It("gives the same replies on every run and under concurrency", func(ctx SpecContext) {
		b := demobot.New()
		want := map[string]string{}
		for _, c := range lib.Cases {
			ex, err := replay(ctx, b, c)
			Expect(err).NotTo(HaveOccurred())
			want[c.ID] = joined(ex)
		}
		type result struct{ id, got string }
		results := make(chan result, len(lib.Cases)*4)
		for w := 0; w < 4; w++ {
			go func() {
				defer GinkgoRecover()
				for _, c := range lib.Cases {
					ex, err := replay(context.Background(), b, c)
					Expect(err).NotTo(HaveOccurred())
					results <- result{c.ID, joined(ex)}
				}
			}()
		}
		for i := 0; i < len(lib.Cases)*4; i++ {
			r := <-results
			Expect(r.got).To(Equal(want[r.id]), r.id)
		}
	})
})
