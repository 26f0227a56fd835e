package score_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// repeated builds a repeat-3 scorecard: crit passes 3 of 3, high passes 2
// of 3 (flaky), med fails 3 of 3, low passes 1 and errors twice.
func repeated(gates suite.Gates) *score.Scorecard {
	cs := append(append([]*suite.Case{}, cases...), &suite.Case{ID: "low", Severity: suite.Low})
	b := score.NewBuilder(cs, score.RunInfo{Repeat: 3})
	for k := 1; k <= 3; k++ {
		b.Add(rec("crit", k, v(judges.Accuracy, judges.Pass)))
		st := judges.Pass
		if k == 2 {
			st = judges.Fail
		}
		b.Add(rec("high", k, v(judges.Accuracy, st)))
		b.Add(rec("med", k, v(judges.Accuracy, judges.Fail)))
		if k == 1 {
			b.Add(rec("low", k, v(judges.Accuracy, judges.Pass)))
		} else {
			b.Add(errored("low", k))
		}
	}
	return b.Scorecard(gates)
}

func checkNamed(g score.Gate, name string) *score.GateCheck {
	for i := range g.Checks {
		if g.Checks[i].Name == name {
			return &g.Checks[i]
		}
	}
	return nil
}

var _ = Describe("Repeats", func() {
	It("computes pass@1 and pass^k per case and overall and marks flaky cases", func() {
		sc := repeated(suite.Gates{})
		byID := map[string]*score.Case{}
		for i := range sc.Cases {
			byID[sc.Cases[i].ID] = &sc.Cases[i]
		}
		Expect(*byID["crit"].PassAt1).To(BeNumerically("~", 1.0))
		Expect(byID["crit"].PassAllK).To(BeTrue())
		Expect(byID["crit"].Flaky).To(BeFalse())

		Expect(*byID["high"].PassAt1).To(BeNumerically("~", 2.0/3))
		Expect(byID["high"].PassAllK).To(BeFalse())
		Expect(byID["high"].Flaky).To(BeTrue())
		Expect(byID["high"].Status).To(Equal(judges.Fail), "a flaky case is a failed case")

		Expect(*byID["med"].PassAt1).To(BeNumerically("~", 0.0))
		Expect(byID["med"].Flaky).To(BeFalse(), "failing every time is not flaky")

		// Errored attempts are neither passes nor fails.
		Expect(*byID["low"].PassAt1).To(BeNumerically("~", 1.0))
		Expect(byID["low"].PassAllK).To(BeFalse())
		Expect(byID["low"].Status).To(Equal(judges.Error))
		Expect(byID["low"].CountAttempts()).To(Equal(score.AttemptCounts{Pass: 1, Error: 2}))

		// pass@1 is the mean of the cases' pass@1: (1 + 2/3 + 0 + 1) / 4.
		Expect(sc.Totals.PassAt1).To(BeNumerically("~", (1+2.0/3+0+1)/4))
		// pass^k is the share of judged cases that passed every attempt:
		// crit of crit, high, med (low errored).
		Expect(sc.Totals.PassAllK).To(BeNumerically("~", 1.0/3))
		Expect(sc.Totals.PassAllK).To(Equal(sc.Totals.PassRate))
		Expect(sc.Totals.Flaky).To(Equal(1))
	})

	It("leaves pass@1 out of a case with no judged attempt", func() {
		b := score.NewBuilder(cases, score.RunInfo{Repeat: 1})
		b.Add(errored("crit", 1))
		sc := b.Scorecard(suite.Gates{})
		Expect(sc.Cases[0].PassAt1).To(BeNil())
		Expect(sc.Totals.PassAt1).To(BeZero())
	})

	It("warns about flaky cases by default, without failing the gate for them", func() {
		sc := repeated(suite.Gates{MaxFailed: map[suite.Severity]int{suite.Critical: 0, suite.High: 5, suite.Medium: 5}})
		ch := checkNamed(sc.Gate, "flaky")
		Expect(ch).NotTo(BeNil())
		Expect(ch.Passed).To(BeTrue())
		Expect(ch.Warning).To(BeTrue())
		Expect(ch.Detail).To(ContainSubstring("1 flaky case(s)"))
		Expect(ch.Detail).To(ContainSubstring("high"))
		Expect(ch.Detail).To(ContainSubstring("flaky: warn"))
		Expect(checkNamed(sc.Gate, "max_error_rate").Passed).To(BeFalse())
		Expect(sc.Gate.ExitCode).To(Equal(score.ExitUnreachable), "no quality check failed")
	})

	It("still fails max_failed on a flaky high case under flaky: warn", func() {
		sc := repeated(suite.Gates{})
		Expect(checkNamed(sc.Gate, "max_failed.high").Passed).To(BeFalse())
		Expect(sc.Gate.ExitCode).To(Equal(score.ExitGateFailed))
	})

	It("fails the gate on any flaky case with flaky: fail", func() {
		loose := map[suite.Severity]int{suite.Critical: 0, suite.High: 5, suite.Medium: 5}
		one := 1.0
		sc := repeated(suite.Gates{MaxFailed: loose, MaxErrorRate: &one, Flaky: score.FlakyFail})
		ch := checkNamed(sc.Gate, "flaky")
		Expect(ch.Passed).To(BeFalse())
		Expect(ch.Warning).To(BeFalse())
		Expect(sc.Gate.Passed).To(BeFalse())
		Expect(sc.Gate.ExitCode).To(Equal(score.ExitGateFailed))

		sc = repeated(suite.Gates{MaxFailed: loose, MaxErrorRate: &one, Flaky: score.FlakyWarn})
		Expect(sc.Gate.Passed).To(BeTrue())
	})

	It("has no flaky check when nothing was repeated", func() {
		b := score.NewBuilder(cases, score.RunInfo{Repeat: 1})
		b.Add(rec("crit", 1, v(judges.Accuracy, judges.Pass)))
		Expect(checkNamed(b.Scorecard(suite.Gates{Flaky: score.FlakyFail}).Gate, "flaky")).To(BeNil())
	})

	It("knows the flaky settings", func() {
		Expect(score.ValidFlaky("")).To(BeTrue())
		Expect(score.ValidFlaky("warn")).To(BeTrue())
		Expect(score.ValidFlaky("fail")).To(BeTrue())
		Expect(score.ValidFlaky("ignore")).To(BeFalse())
	})
})

var _ = Describe("Run metadata", func() {
	It("lists the judges that ruled, keeping the models and prompt versions it was given", func() {
		b := score.NewBuilder(cases, score.RunInfo{Judges: []score.JudgeInfo{{Name: "llm-accuracy", Model: "m1", PromptVersion: "v2"}}})
		b.Add(rec("crit", 1, judges.Verdict{Judge: "expect", Dimension: judges.Accuracy, Status: judges.Pass},
			judges.Verdict{Judge: "llm-accuracy", Dimension: judges.Accuracy, Status: judges.Pass}))
		Expect(b.Scorecard(suite.Gates{}).Run.Judges).To(Equal([]score.JudgeInfo{
			{Name: "expect"}, {Name: "llm-accuracy", Model: "m1", PromptVersion: "v2"},
		}))
	})

	It("hashes the cases' content, not where they are written", func() {
		a := []*suite.Case{{ID: "a", Severity: suite.High, Turns: []suite.Turn{{User: "hi"}}, File: "x.yaml", Line: 3}}
		moved := []*suite.Case{{ID: "a", Severity: suite.High, Turns: []suite.Turn{{User: "hi"}}, File: "y/z.yaml", Line: 40}}
		edited := []*suite.Case{{ID: "a", Severity: suite.High, Turns: []suite.Turn{{User: "hello"}}, File: "x.yaml", Line: 3}}
		withPolicy := []*suite.Case{{ID: "a", Severity: suite.High, Turns: []suite.Turn{{User: "hi"}}, Policy: &suite.Policy{Path: "p.md", Text: "v1"}}}
		policyEdited := []*suite.Case{{ID: "a", Severity: suite.High, Turns: []suite.Turn{{User: "hi"}}, Policy: &suite.Policy{Path: "other/p.md", Text: "v2"}}}
		Expect(score.SuiteHash(a)).To(MatchRegexp(`^sha256:[0-9a-f]{64}$`))
		Expect(score.SuiteHash(moved)).To(Equal(score.SuiteHash(a)))
		Expect(score.SuiteHash(edited)).NotTo(Equal(score.SuiteHash(a)))
		Expect(score.SuiteHash(withPolicy)).NotTo(Equal(score.SuiteHash(a)))
		Expect(score.SuiteHash(policyEdited)).NotTo(Equal(score.SuiteHash(withPolicy)))
		Expect(score.SuiteHash(append(a, edited...))).NotTo(Equal(score.SuiteHash(append(edited, a...))), "order counts")
	})
})
