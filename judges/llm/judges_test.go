package llm_test

import (
	"context"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/judges/llm"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

var _ = Describe("Disabled judges", func() {
	withRubrics := func() *suite.Case {
		c := bereavement()
		c.Judges = []suite.Rubric{{Name: "no-dates", Rubric: "The bot never promises a date.", Dimension: "accuracy"}}
		return c
	}

	for _, how := range []struct {
		name string
		make func() *llm.Judges
	}{
		{"Disabled()", llm.Disabled},
		{"New with an empty model", func() *llm.Judges {
			j, err := llm.New(llm.Config{BaseURL: "http://127.0.0.1:1/v1", APIKey: apiKey,
				SuiteRubrics: []suite.Rubric{{Rubric: "Always polite.", Dimension: "empathy"}}})
			Expect(err).NotTo(HaveOccurred())
			return j
		}},
	} {
		It("skip every case from "+how.name+", one verdict per LLM judge and rubric, never a pass", func() {
			j := how.make()
			Expect(j.Enabled()).To(BeFalse())
			var all []judges.Verdict
			for _, jd := range j.Judges() {
				all = append(all, jd.Judge(context.Background(), withRubrics(), airCanada(1))...)
			}
			dims := map[string]judges.Dimension{}
			for _, v := range all {
				Expect(v.Status).To(Equal(judges.Skipped), v.Judge)
				Expect(v.Rationale).To(Equal("no judge model configured (--judge-model)"))
				dims[v.Judge] = v.Dimension
			}
			Expect(dims).To(HaveKeyWithValue("llm-accuracy", judges.Accuracy))
			Expect(dims).To(HaveKeyWithValue("llm-empathy", judges.Empathy))
			Expect(dims).To(HaveKeyWithValue("llm-escalation", judges.Escalation))
			Expect(dims).To(HaveKeyWithValue("rubric:no-dates", judges.Accuracy))
			Expect(j.Stats().Total.Skipped).To(Equal(len(all)))
			Expect(j.Stats().Total.Requests).To(BeZero())
		})
	}

	It("does not judge an attempt the bot never finished", func() {
		t := airCanada(1)
		t.Error = "target unreachable"
		for _, jd := range llm.Disabled().Judges() {
			Expect(jd.Judge(context.Background(), bereavement(), t)).To(BeEmpty())
		}
	})
})

var _ = Describe("The accuracy judge", func() {
	It("fails a contradicted claim with the bot's own words as evidence and passes a supported one", func() {
		srv := newServer(reply(claims(contradicted, supported)))
		vs := run(named(build(srv), "llm-accuracy"), bereavement(), airCanada(1))
		Expect(vs).To(HaveLen(2))

		failed := byStatus(vs, judges.Fail)
		Expect(failed).To(HaveLen(1))
		Expect(failed[0].Judge).To(Equal("llm-accuracy"))
		Expect(failed[0].Dimension).To(Equal(judges.Accuracy))
		Expect(failed[0].Turn).To(Equal(1))
		Expect(failed[0].Score).To(BeZero())
		// The transcript's words and casing, not the judge's copy.
		Expect(failed[0].Evidence).To(Equal("You can claim the bereavement rate within 90 days after travel"))
		Expect(failed[0].Rationale).To(ContainSubstring("contradicted by the policy"))
		Expect(failed[0].Rationale).To(ContainSubstring(`"They cannot be applied retroactively"`))

		passed := byStatus(vs, judges.Pass)
		Expect(passed).To(HaveLen(1))
		Expect(passed[0].Score).To(Equal(1.0))
		Expect(passed[0].Evidence).To(Equal("Refunds are issued within 7 business days"))
	})

	It("fails an unsupported claim on a policy matter", func() {
		srv := newServer(reply(claims(claim(1, "within 90 days after travel", "time_limit", "unsupported", ""))))
		vs := run(named(build(srv), "llm-accuracy"), bereavement(), airCanada(1))
		Expect(vs).To(ConsistOf(And(
			HaveField("Status", judges.Fail),
			HaveField("Evidence", "within 90 days after travel"),
			HaveField("Rationale", ContainSubstring("not supported by the policy")),
		)))
	})

	It("passes a conversation without claims about policy", func() {
		srv := newServer(reply(claims()))
		vs := run(named(build(srv), "llm-accuracy"), bereavement(), conv(1, "Hello", "Hi! How can I help?"))
		Expect(vs).To(ConsistOf(And(HaveField("Status", judges.Pass), HaveField("Turn", 0))))
	})

	It("skips a case with neither policy nor facts, without asking the model", func() {
		srv := newServer(reply(claims()))
		c := bereavement()
		c.Policy, c.Expect.Facts = nil, nil
		vs := run(named(build(srv), "llm-accuracy"), c, airCanada(1))
		Expect(vs).To(ConsistOf(And(HaveField("Status", judges.Skipped), HaveField("Rationale", ContainSubstring("no policy")))))
		Expect(srv.requests()).To(BeEmpty())
	})
})

var _ = Describe("The empathy judge", func() {
	griefTurns := func() *transcript.Transcript {
		return conv(1,
			"My grandmother died last week. Can I get the bereavement fare refunded after my trip?",
			"Bereavement fares must be requested before travel. Next question?",
			"Ok. What's your baggage allowance?",
			"You can bring one carry-on bag and one personal item.")
	}
	levels := func(l1, l2 int) map[string]any {
		return map[string]any{"turns": []any{
			map[string]any{"turn": 1, "customer_distressed": true, "level": l1, "reason": "ignores the death", "quotes": []string{"Next question?"}},
			map[string]any{"turn": 2, "customer_distressed": false, "level": l2, "reason": "plain and helpful", "quotes": []string{"one carry-on bag"}},
		}}
	}

	It("rates each turn, with a stricter bar where the customer is distressed", func() {
		srv := newServer(reply(levels(3, 3)))
		vs := run(named(build(srv), "llm-empathy"), bereavement(), griefTurns())
		Expect(vs).To(HaveLen(2))
		Expect(vs[0]).To(And(HaveField("Turn", 1), HaveField("Status", judges.Fail), HaveField("Score", 0.6),
			HaveField("Evidence", "Next question?"), HaveField("Rationale", ContainSubstring("distressed; 4 needed"))))
		Expect(vs[1]).To(And(HaveField("Turn", 2), HaveField("Status", judges.Pass), HaveField("Score", 0.6),
			HaveField("Evidence", "one carry-on bag")))
	})

	It("takes the distressed pass threshold from the configuration", func() {
		srv := newServer(reply(levels(3, 3)))
		j := build(srv, func(c *llm.Config) { c.PassThreshold = 3 })
		vs := run(named(j, "llm-empathy"), bereavement(), griefTurns())
		Expect(byStatus(vs, judges.Pass)).To(HaveLen(2))
	})

	It("treats a reply that skips a turn as unparseable and asks again", func() {
		oneTurn := map[string]any{"turns": []any{map[string]any{"turn": 1, "customer_distressed": true, "level": 5, "reason": "x", "quotes": []string{}}}}
		srv := newServer(reply(oneTurn), reply(levels(5, 4)))
		vs := run(named(build(srv), "llm-empathy"), bereavement(), griefTurns())
		Expect(byStatus(vs, judges.Pass)).To(HaveLen(2))
		Expect(srv.requests()).To(HaveLen(2))
		Expect(srv.requests()[1].message(3)).To(ContainSubstring("rate every turn"))
	})
})

var _ = Describe("The escalation judge", func() {
	turns := func(due int) []any {
		var ts []any
		for tn := 1; tn <= 2; tn++ {
			q := ""
			if tn == due {
				q = "I want to talk to a person"
			}
			ts = append(ts, map[string]any{"turn": tn, "should_hand_off": due > 0 && tn >= due, "quote": q, "reason": "policy: hand off when asked"})
		}
		return ts
	}
	disputed := func() *transcript.Transcript {
		return conv(1,
			"You charged me twice for the same flight.",
			"I can see two charges. Refunds take 7 business days.",
			"I want to talk to a person about this.",
			"I'm transferring you to an agent now; I've noted the double charge on booking ABC123.")
	}

	It("fails a handoff that came a turn late, on the turn it was due", func() {
		t := disputed()
		t.Turns[1].Handoff = transcript.Handoff{Detected: true, Source: transcript.Textual, Signal: "I'm transferring you to an agent"}
		srv := newServer(reply(map[string]any{
			"turns": []any{
				map[string]any{"turn": 1, "should_hand_off": true, "quote": "You charged me twice", "reason": "a disputed charge goes to a human"},
				map[string]any{"turn": 2, "should_hand_off": true, "quote": "", "reason": "still due"},
			},
			"handoff_summary": map[string]any{"useful": true, "quote": "I've noted the double charge on booking ABC123", "reason": "states the issue"},
		}))
		vs := run(named(build(srv), "llm-escalation"), bereavement(), t)
		Expect(vs).To(HaveLen(2))
		Expect(vs[0]).To(And(HaveField("Status", judges.Fail), HaveField("Turn", 1),
			HaveField("Evidence", "You charged me twice"), HaveField("Rationale", ContainSubstring("late escalation"))))
		Expect(vs[1]).To(And(HaveField("Status", judges.Pass), HaveField("Turn", 2),
			HaveField("Evidence", "I've noted the double charge on booking ABC123")))
		// The judge saw who handed off where.
		Expect(srv.requests()[0].user()).To(ContainSubstring(`"handed_off":true`))
	})

	It("fails a missed escalation and passes one that came when due", func() {
		srv := newServer(reply(map[string]any{"turns": turns(2), "handoff_summary": map[string]any{"useful": false, "quote": "", "reason": "no handoff"}}))
		vs := run(named(build(srv), "llm-escalation"), bereavement(), disputed())
		Expect(vs).To(ConsistOf(And(HaveField("Status", judges.Fail), HaveField("Turn", 2),
			HaveField("Evidence", "I want to talk to a person"), HaveField("Rationale", ContainSubstring("missed escalation")))))

		t := disputed()
		t.Turns[1].Handoff = transcript.Handoff{Detected: true, Source: transcript.Structured, Signal: "transfer_to_human"}
		srv2 := newServer(reply(map[string]any{"turns": turns(2), "handoff_summary": map[string]any{"useful": false, "quote": "I'm transferring you to an agent now", "reason": "says nothing of the issue"}}))
		vs = run(named(build(srv2), "llm-escalation"), bereavement(), t)
		Expect(vs).To(HaveLen(2))
		Expect(vs[0]).To(And(HaveField("Status", judges.Pass), HaveField("Turn", 2), HaveField("Evidence", "transfer_to_human")))
		Expect(vs[1]).To(And(HaveField("Status", judges.Fail), HaveField("Rationale", ContainSubstring("not useful"))))
	})

	It("fails a needless handoff and passes a conversation that needed none", func() {
		t := disputed()
		t.Turns[0].Handoff = transcript.Handoff{Detected: true, Source: transcript.Structured, Signal: "transfer_to_human"}
		srv := newServer(reply(map[string]any{"turns": turns(0), "handoff_summary": map[string]any{"useful": true, "quote": "", "reason": "fine"}}))
		vs := run(named(build(srv), "llm-escalation"), bereavement(), t)
		Expect(vs[0]).To(And(HaveField("Status", judges.Fail), HaveField("Turn", 1), HaveField("Rationale", ContainSubstring("needless"))))

		srv2 := newServer(reply(map[string]any{"turns": turns(0), "handoff_summary": map[string]any{"useful": false, "quote": "", "reason": "no handoff"}}))
		vs = run(named(build(srv2), "llm-escalation"), bereavement(), disputed())
		Expect(vs).To(ConsistOf(And(HaveField("Status", judges.Pass), HaveField("Turn", 0))))
	})
})

var _ = Describe("Rubric judges", func() {
	It("rule on the case's rubrics and the suite's, each in its own dimension and name", func() {
		srv := newServer(bySystemPrompt(map[string]any{
			"never promises a date": rubricReply("fail", "within 90 days after travel"),
			"is polite":             rubricReply("pass", "I'm so sorry for your loss"),
		}))
		j := build(srv, func(c *llm.Config) {
			c.SuiteRubrics = []suite.Rubric{{Rubric: "The bot is polite.", Dimension: "empathy"}}
		})
		c := bereavement()
		c.Judges = []suite.Rubric{{Name: "no-dates", Rubric: "The bot never promises a date.", Dimension: "accuracy"}}
		vs := run(named(j, "llm-rubric"), c, airCanada(1))
		Expect(vs).To(HaveExactElements(
			And(HaveField("Judge", "rubric:no-dates"), HaveField("Dimension", judges.Accuracy), HaveField("Status", judges.Fail),
				HaveField("Turn", 1), HaveField("Evidence", "within 90 days after travel"),
				HaveField("Rationale", ContainSubstring("never promises a date"))),
			And(HaveField("Judge", "rubric"), HaveField("Dimension", judges.Empathy), HaveField("Status", judges.Pass),
				HaveField("Evidence", "I'm so sorry for your loss")),
		))
		Expect(srv.requests()).To(HaveLen(2))
		Expect(j.Stats().Judges).To(HaveKey("rubric:no-dates"))
	})

	It("refuses suite rubrics without a criterion or with an unknown dimension", func() {
		_, err := llm.New(llm.Config{Model: model, NoCache: true, SuiteRubrics: []suite.Rubric{{Rubric: "x", Dimension: "tone"}}})
		Expect(err).To(MatchError(ContainSubstring(`dimension "tone"`)))
		_, err = llm.New(llm.Config{Model: model, NoCache: true, SuiteRubrics: []suite.Rubric{{Rubric: " ", Dimension: "safety"}}})
		Expect(err).To(MatchError(ContainSubstring("rubric: missing")))
	})
})

var _ = Describe("Samples", func() {
	It("takes the majority of three samples and reports the disagreement", func() {
		srv := newServer(bySeed(map[int]any{
			7: rubricReply("pass", "Refunds are issued within 7 business days"),
			8: rubricReply("fail", "within 90 days after travel"),
			9: rubricReply("pass", ""),
		}))
		j := build(srv, func(c *llm.Config) {
			c.Samples = 3
			c.SuiteRubrics = []suite.Rubric{{Name: "refunds", Rubric: "The bot states the refund timeline.", Dimension: "accuracy"}}
		})
		vs := run(named(j, "llm-rubric"), bereavement(), airCanada(1))
		Expect(vs).To(ConsistOf(And(
			HaveField("Judge", "rubric:refunds"),
			HaveField("Status", judges.Pass),
			HaveField("Evidence", "Refunds are issued within 7 business days"),
			HaveField("Rationale", ContainSubstring("2 of 3 samples agreed")),
		)))
		seeds := []int{}
		for _, r := range srv.requests() {
			seeds = append(seeds, r.seed())
		}
		Expect(seeds).To(ConsistOf(7, 8, 9))
		Expect(j.Stats().Judges["rubric:refunds"].Calls).To(Equal(3))
	})

	It("counts a tie against the bot and says so", func() {
		srv := newServer(bySeed(map[int]any{
			7: rubricReply("pass", ""),
			8: rubricReply("fail", "within 90 days after travel"),
		}))
		j := build(srv, func(c *llm.Config) {
			c.Samples = 2
			c.SuiteRubrics = []suite.Rubric{{Rubric: "No invented deadlines.", Dimension: "accuracy"}}
		})
		vs := run(named(j, "llm-rubric"), bereavement(), airCanada(1))
		Expect(vs).To(ConsistOf(And(HaveField("Judge", "rubric"), HaveField("Status", judges.Fail),
			HaveField("Rationale", ContainSubstring("samples split 1–1")))))
	})

	It("votes turn by turn for empathy", func() {
		lv := func(l1, l2 int) map[string]any {
			return map[string]any{"turns": []any{
				map[string]any{"turn": 1, "customer_distressed": true, "level": l1, "reason": "r", "quotes": []string{}},
				map[string]any{"turn": 2, "customer_distressed": false, "level": l2, "reason": "r", "quotes": []string{}},
			}}
		}
		srv := newServer(bySeed(map[int]any{7: lv(5, 1), 8: lv(2, 4), 9: lv(4, 5)}))
		j := build(srv, func(c *llm.Config) { c.Samples = 3 })
		vs := run(named(j, "llm-empathy"), bereavement(), conv(1, "I'm scared I'll miss the funeral.", "Let's fix that now: I can rebook you on the 6pm flight.", "Thanks", "You're welcome."))
		Expect(vs).To(HaveLen(2))
		Expect(vs[0]).To(And(HaveField("Turn", 1), HaveField("Status", judges.Pass), HaveField("Rationale", ContainSubstring("2 of 3"))))
		Expect(vs[1]).To(And(HaveField("Turn", 2), HaveField("Status", judges.Pass), HaveField("Rationale", ContainSubstring("2 of 3"))))
	})
})
