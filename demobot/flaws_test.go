package demobot_test

import (
	"context"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/judges"
	tribunalreplay "github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/suite"
)

var _ = Describe("flaws", func() {
	lib, err := library()
	It("has a library to misbehave on", func() { Expect(err).NotTo(HaveOccurred()) })
	if err != nil {
		return
	}
	run := func(c *suite.Case, flaws ...demobot.Flaw) []exchange {
		GinkgoHelper()
		Expect(c).NotTo(BeNil())
		ex, err := replay(context.Background(), demobot.New(flaws...), c)
		Expect(err).NotTo(HaveOccurred())
		return ex
	}
	byID := func(id string) *suite.Case {
		GinkgoHelper()
		c := lib.Case(id)
		Expect(c).NotTo(BeNil(), "no bundled case %s", id)
		return c
	}
	casesWhere := func(keep func(*suite.Case) bool) []*suite.Case {
		var out []*suite.Case
		for _, c := range lib.Cases {
			if keep(c) {
				out = append(out, c)
			}
		}
		return out
	}

	for _, fi := range demobot.Flaws() {
		It(string(fi.Name)+" makes the case it documents fail: "+fi.Fails, func() {
			Expect(fi.Description).NotTo(BeEmpty())
			c := byID(fi.Fails)
			Expect(violations(c, run(c))).To(BeEmpty(), "the default bot passes it")
			Expect(violations(c, run(c, fi.Name))).NotTo(BeEmpty(), "the flawed bot passes it too")
		})
	}

	Describe("air-canada", func() {
		It(`invents the "within 90 days" retroactive refund on the Air Canada case`, func() {
			c := byID("airline/bereavement-retroactive")
			ex := run(c, demobot.AirCanada)
			Expect(joined(ex)).To(ContainSubstring("within 90 days"))
			Expect(violations(c, ex)).To(ContainElement(ContainSubstring("within 90 days")))
		})
		It("does it in French too", func() {
			c := byID("airline/deuil-avant-voyage")
			ex := run(c, demobot.AirCanada)
			Expect(joined(ex)).To(ContainSubstring("dans les 90 jours"))
			Expect(violations(c, ex)).NotTo(BeEmpty())
		})
		It("states a figure the policy does not", func() {
			c := byID("airline/bereavement-retroactive")
			var stray []string
			for _, e := range run(c, demobot.AirCanada) {
				for _, f := range figures(e.reply) {
					if !strings.Contains(c.PolicyText(), f) {
						stray = append(stray, f)
					}
				}
			}
			Expect(stray).To(ContainElement("90 days"))
		})
		It("leaves other cases alone", func() {
			c := byID("airline/baggage-allowance")
			Expect(violations(c, run(c, demobot.AirCanada))).To(BeEmpty())
		})
	})

	Describe("never-escalate", func() {
		required := casesWhere(func(c *suite.Case) bool { return c.EscalationExpected() == suite.EscalationRequired })
		It("never hands off, so every case that requires a handoff fails", func() {
			Expect(required).NotTo(BeEmpty())
			for _, c := range required {
				ex := run(c, demobot.NeverEscalate)
				for _, e := range ex {
					Expect(e.handedOff()).To(BeFalse(), "%s: %s", c.ID, e.reply)
				}
				Expect(violations(c, ex)).To(ContainElement(ContainSubstring("escalation: required")), c.ID)
			}
		})
		It("ignores an explicit request for a person (Klarna case)", func() {
			c := byID("bnpl/human-after-decline")
			Expect(violations(c, run(c, demobot.NeverEscalate))).To(ContainElement(ContainSubstring("asked for a human")))
		})
	})

	Describe("always-escalate", func() {
		forbidden := casesWhere(func(c *suite.Case) bool { return c.EscalationExpected() == suite.EscalationForbidden })
		It("hands off even on simple questions, so every no-handoff case fails", func() {
			Expect(forbidden).NotTo(BeEmpty())
			for _, c := range forbidden {
				ex := run(c, demobot.AlwaysEscalate)
				Expect(ex[0].structured).To(BeTrue(), c.ID)
				Expect(violations(c, ex)).To(ContainElement(ContainSubstring("escalation: forbidden")), c.ID)
			}
		})
	})

	Describe("rude", func() {
		It("swears at the customer in every reply", func() {
			for _, c := range lib.Cases {
				for _, e := range run(c, demobot.Rude) {
					Expect(e.reply).To(MatchRegexp(profanity.String()), c.ID)
				}
			}
		})
		It("writes the DPD poem when told to disregard the rules", func() {
			c := byID("parcels/dpd-jailbreak")
			ex := run(c, demobot.Rude)
			Expect(ex[1].reply).To(ContainSubstring("worst delivery firm"))
			Expect(violations(c, ex)).To(ContainElement(ContainSubstring("must_not_say")))
		})
	})

	Describe("wrong-language", func() {
		foreign := casesWhere(func(c *suite.Case) bool { return c.Language != "" && c.Language != "en" })
		It("answers French, German, Spanish and Swedish customers in English", func() {
			Expect(len(foreign)).To(BeNumerically(">=", 60))
			for _, c := range foreign {
				for i, e := range run(c, demobot.WrongLanguage) {
					Expect(languageOf(e.reply)).To(Equal("en"), "%s turn %d: %s", c.ID, i+1, e.reply)
				}
			}
		})
		It("misses the French wording the French cases require", func() {
			for _, id := range []string{"parcels/suivi-colis", "parcels/avis-de-passage", "bnpl/retour-pause", "airline/bagages-economy-light"} {
				c := byID(id)
				Expect(violations(c, run(c, demobot.WrongLanguage))).To(ContainElement(ContainSubstring("must_say")), id)
			}
		})
		It("leaves English cases alone", func() {
			c := byID("parcels/track-faq")
			Expect(violations(c, run(c, demobot.WrongLanguage))).To(BeEmpty())
		})
	})

	Describe("leaky", func() {
		It("reads the card number back", func() {
			c := byID("bnpl/card-number-echo")
			ex := run(c, demobot.Leaky)
			Expect(ex[0].reply).To(ContainSubstring("4539 1488 0343 6467"))
			Expect(violations(c, ex)).NotTo(BeEmpty())
		})
		It("recites its system prompt when asked", func() {
			c := byID("parcels/prompt-leak")
			ex := run(c, demobot.Leaky)
			Expect(ex[0].reply).To(ContainSubstring(demobot.SystemPrompt))
			Expect(violations(c, ex)).To(ContainElement(ContainSubstring("must_not_say")))
		})
	})

	Describe("pushover", func() {
		It(`agrees to a "legally binding" free upgrade`, func() {
			c := byID("airline/free-upgrade-legally-binding")
			ex := run(c, demobot.Pushover)
			Expect(joined(ex)).To(ContainSubstring("legally binding"))
			Expect(violations(c, ex)).To(ContainElement(ContainSubstring("legally binding")))
		})
		It("invents the discount the customer asks for", func() {
			c := byID("bnpl/discount-demand")
			ex := run(c, demobot.Pushover)
			Expect(ex[0].reply).To(ContainSubstring("50% discount"))
			Expect(violations(c, ex)).NotTo(BeEmpty())
		})
	})

	It("combines flaws", func() {
		c := byID("parcels/suivi-colis")
		ex := run(c, demobot.Rude, demobot.WrongLanguage, demobot.AlwaysEscalate)
		Expect(ex[0].structured).To(BeTrue())
		Expect(ex[0].reply).To(HavePrefix("That's a stupid question."))
	})
})

// Under the default rule panel (what `tribunal run` uses), each flaw fails
// every bundled case of its kind, with the judge named for it.
var _ = Describe("flaws under the default judges", func() {
	lib, err := library()
	It("has a library to misbehave on", func() { Expect(err).NotTo(HaveOccurred()) })
	if err != nil {
		return
	}
	panel := judges.Rules(judges.Options{})
	failedBy := func(ctx context.Context, c *suite.Case, f demobot.Flaw) map[string]bool {
		GinkgoHelper()
		t := tribunalreplay.Play(ctx, demobot.New(f), c, 1)
		Expect(t.Failed()).To(BeFalse(), t.Error)
		out := map[string]bool{}
		for _, v := range panel.Judge(ctx, c, t) {
			if v.Status == judges.Fail {
				out[v.Judge] = true
			}
		}
		return out
	}
	hasTag := func(tags ...string) func(*suite.Case) bool {
		return func(c *suite.Case) bool {
			for _, t := range tags {
				if c.HasTag(t) {
					return true
				}
			}
			return false
		}
	}
	for _, tc := range []struct {
		flaw  demobot.Flaw
		judge string
		what  string
		keep  func(*suite.Case) bool
	}{
		{demobot.AirCanada, "figures", "every bereavement-fare case", func(c *suite.Case) bool {
			return strings.HasPrefix(c.ID, "airline/") && c.HasTag("bereavement")
		}},
		{demobot.NeverEscalate, "escalation", "every case that requires a handoff", func(c *suite.Case) bool {
			return c.EscalationExpected() == suite.EscalationRequired
		}},
		{demobot.AlwaysEscalate, "escalation", "every case where a handoff is needless", func(c *suite.Case) bool {
			return c.EscalationExpected() == suite.EscalationForbidden
		}},
		{demobot.Rude, "profanity", "every case", func(*suite.Case) bool { return true }},
		{demobot.WrongLanguage, "language", "every case in French, German, Spanish or Swedish", func(c *suite.Case) bool {
			return c.Language != "" && c.Language != "en"
		}},
		{demobot.Leaky, "leak", "every case with a pasted card number or a system-prompt request", hasTag("card-number", "prompt-extraction")},
		{demobot.Pushover, "commitment", `every "legally binding" case`, hasTag("legally-binding")},
	} {
		It(string(tc.flaw)+" fails "+tc.what+" on the "+tc.judge+" judge", func(ctx SpecContext) {
			var cases []*suite.Case
			for _, c := range lib.Cases {
				if tc.keep(c) {
					cases = append(cases, c)
				}
			}
			Expect(len(cases)).To(BeNumerically(">=", 4))
			for _, c := range cases {
				Expect(failedBy(ctx, c, tc.flaw)).To(HaveKey(tc.judge), c.ID)
			}
		})
	}
})

var _ = Describe("ParseFlaws", func() {
	It("parses a comma-separated list, trimming blanks and dropping duplicates", func() {
		fs, err := demobot.ParseFlaws(" air-canada , rude,,air-canada ")
		Expect(err).NotTo(HaveOccurred())
		Expect(fs).To(Equal([]demobot.Flaw{demobot.AirCanada, demobot.Rude}))
	})
	It("treats an empty list as no flaws", func() {
		fs, err := demobot.ParseFlaws("")
		Expect(err).NotTo(HaveOccurred())
		Expect(fs).To(BeEmpty())
	})
	It("knows every flaw it documents", func() {
		names := demobot.FlawNames()
		Expect(names).To(ConsistOf("air-canada", "never-escalate", "always-escalate", "rude", "wrong-language", "leaky", "pushover"))
		fs, err := demobot.ParseFlaws(strings.Join(names, ","))
		Expect(err).NotTo(HaveOccurred())
		Expect(fs).To(HaveLen(len(names)))
	})
	It("rejects unknown names and lists the known flaws", func() {
		_, err := demobot.ParseFlaws("air-canada,sarcastic,rudee")
		Expect(err).To(MatchError(And(
			ContainSubstring(`"sarcastic"`), ContainSubstring(`"rudee"`),
			ContainSubstring("known flaws: air-canada, never-escalate, always-escalate, rude, wrong-language, leaky, pushover"))))
	})
})
