package demobot_test

import (
	"context"
	"fmt"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/handoff"
	"github.com/tribunal-eval/tribunal/judges"
	tribunalreplay "github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/transcript"
)

var _ = Describe("the default bot on the bundled case library", func() {
	lib, err := library()
	It("loads the library", func() {
		Expect(err).NotTo(HaveOccurred())
		Expect(len(lib.Cases)).To(BeNumerically(">=", 200))
	})
	if err != nil {
		return
	}
	panel := judges.Rules(judges.Options{})

	for _, c := range lib.Cases {
		Context(c.ID, func() {
			var ex []exchange
			BeforeEach(func(ctx SpecContext) {
				var err error
				ex, err = replay(ctx, demobot.New(), c)
				Expect(err).NotTo(HaveOccurred())
				Expect(ex).To(HaveLen(len(c.Turns)))
			})

			It("passes every judge of the default rule panel", func(ctx SpecContext) {
				t := tribunalreplay.Play(ctx, demobot.New(), c, 1)
				Expect(t.Failed()).To(BeFalse(), t.Error)
				var failed []string
				langRuled := false
				for _, v := range panel.Judge(ctx, c, t) {
					if v.Status == judges.Fail || v.Status == judges.Error {
						failed = append(failed, fmt.Sprintf("%s/%s turn %d: %s\n      > %s", v.Judge, v.Dimension, v.Turn, v.Rationale, v.Evidence))
					}
					if v.Dimension == judges.Language && v.Status != judges.Skipped {
						langRuled = true
					}
				}
				Expect(failed).To(BeEmpty(), "replies:\n%s", transcriptText(t))
				if c.Language != "" {
					Expect(langRuled).To(BeTrue(), "the language judge could not tell the replies' language:\n%s", transcriptText(t))
				}
			})

			It("satisfies the case's must_say, must_not_say and escalation, and hands off when asked", func() {
				Expect(violations(c, ex)).To(BeEmpty(), "replies:\n%s", joined(ex))
			})

			It("states only figures that the cited policy states", func() {
				policy := strings.Join(strings.Fields(c.PolicyText()), " ")
				Expect(policy).NotTo(BeEmpty())
				for i, e := range ex {
					for _, f := range figures(e.reply) {
						Expect(strings.Contains(policy, f)).To(BeTrue(), "turn %d states %q, which %s does not", i+1, f, c.Policy.Path)
					}
				}
			})

			It("answers in the customer's language", func() {
				for i, e := range ex {
					want := c.Language
					if want == "" {
						// A customer who changes language mid-conversation:
						// each reply follows the customer's own turn.
						want = languageOf(e.user)
					}
					Expect(languageOf(e.reply)).To(Equal(want), "turn %d: %s", i+1, e.reply)
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

func transcriptText(t *transcript.Transcript) string {
	var b strings.Builder
	for _, tu := range t.Turns {
		fmt.Fprintf(&b, "  [%d] customer: %s\n      bot: %s\n", tu.Index, tu.User, tu.Reply)
	}
	return b.String()
}
