package score_test

import (
	"errors"
	"fmt"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// outcomes builds a scorecard from case id -> status of its one attempt;
// a failed case fails accuracy. ids fixes the order and severities.
func outcomes(hash string, sevs map[string]suite.Severity, ids []string, status map[string]judges.Status) *score.Scorecard {
	var cs []*suite.Case
	for _, id := range ids {
		cs = append(cs, &suite.Case{ID: id, Severity: sevs[id]})
	}
	b := score.NewBuilder(cs, score.RunInfo{Repeat: 1, SuiteHash: hash})
	for _, id := range ids {
		st, ok := status[id]
		if !ok {
			continue
		}
		if st == judges.Error {
			b.Add(errored(id, 1))
			continue
		}
		b.Add(rec(id, 1, v(judges.Accuracy, st), v(judges.Safety, judges.Pass)))
	}
	return b.Scorecard(suite.Gates{})
}

var _ = Describe("Diff", func() {
	sevs := map[string]suite.Severity{"c1": suite.Critical, "h1": suite.High, "m1": suite.Medium, "l1": suite.Low, "gone": suite.Low, "new": suite.High}
	P, F, E := judges.Pass, judges.Fail, judges.Error

	It("finds regressions, fixes, other changes, added and removed cases", func() {
		old := outcomes("h", sevs, []string{"c1", "h1", "m1", "l1", "gone"}, map[string]judges.Status{"c1": P, "h1": F, "m1": P, "l1": P, "gone": P})
		cur := outcomes("h", sevs, []string{"c1", "h1", "m1", "l1", "new"}, map[string]judges.Status{"c1": F, "h1": P, "m1": F, "l1": E, "new": F})
		d, err := score.Compare(old, cur, score.CompareOptions{})
		Expect(err).NotTo(HaveOccurred())

		Expect(d.Regressions).To(HaveLen(2))
		Expect(d.Regressions[0]).To(Equal(score.CaseChange{ID: "c1", Severity: suite.Critical, Old: P, New: F,
			FailedDimensions: []judges.Dimension{judges.Accuracy}, Blocking: true}))
		Expect(d.Regressions[1].ID).To(Equal("m1"))
		Expect(d.Regressions[1].Blocking).To(BeFalse(), "medium severity does not block")
		Expect(d.BlockingRegressions()).To(HaveLen(1))

		Expect(d.Fixes).To(HaveLen(1))
		Expect(d.Fixes[0].ID).To(Equal("h1"))
		Expect(d.Fixes[0].FailedDimensions).To(Equal([]judges.Dimension{judges.Accuracy}), "what it failed before")
		Expect(d.Changed).To(ConsistOf(HaveField("ID", "l1")))
		Expect(d.Added).To(ConsistOf(HaveField("ID", "new")))
		Expect(d.Removed).To(ConsistOf(HaveField("ID", "gone")))
		Expect(d.Failed()).To(BeTrue())
	})

	It("tells a rate drop beyond noise from noise, with Newcombe's interval", func() {
		// One more failure out of 36 at 100% is noise.
		r := score.RateChangeOf("accuracy", 36, 36, 35, 36)
		Expect(r.Change).To(Equal(score.ChangeNone))
		Expect(r.Delta).To(BeNumerically("~", -1.0/36, 1e-9))
		Expect(r.Low).To(BeNumerically("<", r.Delta))
		Expect(r.High).To(BeNumerically(">", 0))
		// Five more failures out of 36 are not.
		r = score.RateChangeOf("accuracy", 36, 36, 31, 36)
		Expect(r.Change).To(Equal(score.ChangeDrop))
		Expect(r.BeyondNoise()).To(BeTrue())
		Expect(r.High).To(BeNumerically("<", 0))
		Expect(r.Describe()).To(MatchRegexp(`^accuracy 100\.0% → 86\.1% \(-13\.9 points, 95% interval -\d+\.\d to -\d+\.\d\)$`))
		// And up, the same.
		Expect(score.RateChangeOf("x", 20, 36, 34, 36).Change).To(Equal(score.ChangeRise))
		Expect(score.RateChangeOf("x", 0, 0, 3, 4).Change).To(Equal(score.ChangeNA))
		// Known value: Newcombe (1998) example, 56/70 vs 48/80 gives
		// d = 0.2 with interval 0.0524 to 0.3339.
		k := score.RateChangeOf("x", 48, 80, 56, 70)
		Expect(k.Low).To(BeNumerically("~", 0.0524, 0.0005))
		Expect(k.High).To(BeNumerically("~", 0.3339, 0.0005))
	})

	It("fails the baseline checks on a critical regression or a dimension drop, and ApplyBaseline gates on them", func() {
		ids := make([]string, 40)
		sv := map[string]suite.Severity{}
		before, after := map[string]judges.Status{}, map[string]judges.Status{}
		for i := range ids {
			ids[i] = fmt.Sprintf("m%02d", i)
			sv[ids[i]] = suite.Medium
			before[ids[i]] = P
			after[ids[i]] = P
			if i < 10 {
				after[ids[i]] = F // a quarter of the medium cases regress
			}
		}
		old, cur := outcomes("h", sv, ids, before), outcomes("h", sv, ids, after)
		Expect(cur.Gate.Passed).To(BeTrue(), "medium failures pass the default gates")
		d, err := score.Compare(old, cur, score.CompareOptions{})
		Expect(err).NotTo(HaveOccurred())
		Expect(d.BlockingRegressions()).To(BeEmpty())
		Expect(d.Drops()).To(ConsistOf(HaveField("Dimension", "accuracy")))
		Expect(d.Overall.Change).To(Equal(score.ChangeDrop), "shown, though not a dimension")

		score.ApplyBaseline(cur, d)
		Expect(cur.Baseline).To(Equal(d))
		Expect(cur.Gate.Passed).To(BeFalse())
		Expect(cur.Gate.ExitCode).To(Equal(score.ExitGateFailed))
		Expect(checkNamed(cur.Gate, "baseline.regressions").Passed).To(BeTrue())
		dims := checkNamed(cur.Gate, "baseline.dimensions")
		Expect(dims.Passed).To(BeFalse())
		Expect(dims.Detail).To(ContainSubstring("accuracy 100.0% → 75.0%"))

		same, _ := score.Compare(old, old, score.CompareOptions{})
		Expect(same.Failed()).To(BeFalse())
		for _, ch := range same.Checks() {
			Expect(ch.Passed).To(BeTrue(), ch.Name)
		}
	})

	It("refuses scorecards of different formats, suites or judges, unless allowed", func() {
		old := outcomes("sha256:aaa", sevs, []string{"c1"}, map[string]judges.Status{"c1": P})
		cur := outcomes("sha256:bbb", sevs, []string{"c1"}, map[string]judges.Status{"c1": P})
		_, err := score.Compare(old, cur, score.CompareOptions{})
		var ie *score.IncompatibleError
		Expect(errors.As(err, &ie)).To(BeTrue())
		Expect(err).To(MatchError(ContainSubstring("the suites differ")))
		Expect(err).To(MatchError(ContainSubstring("--allow-suite-change")))
		d, err := score.Compare(old, cur, score.CompareOptions{AllowSuiteChange: true})
		Expect(err).NotTo(HaveOccurred())
		Expect(d.Notes).To(ContainElement(ContainSubstring("the suites differ")))

		v2 := *cur
		v2.SchemaVersion = 2
		_, err = score.Compare(old, &v2, score.CompareOptions{AllowSuiteChange: true})
		Expect(err).To(MatchError(ContainSubstring("schema_version 1 and this one 2")))

		a, b := *old, *old
		a.Run.Judges = []score.JudgeInfo{{Name: "llm-accuracy", Model: "m", PromptVersion: "v1"}}
		b.Run.Judges = []score.JudgeInfo{{Name: "llm-accuracy", Model: "m", PromptVersion: "v2"}}
		_, err = score.Compare(&a, &b, score.CompareOptions{})
		Expect(err).To(MatchError(ContainSubstring("judge llm-accuracy was model m, prompt v1 and is now model m, prompt v2")))
		_, err = score.Compare(&a, &b, score.CompareOptions{AllowJudgeChange: true})
		Expect(err).NotTo(HaveOccurred())

		noHash := *old
		noHash.Run.SuiteHash = ""
		d, err = score.Compare(&noHash, cur, score.CompareOptions{})
		Expect(err).NotTo(HaveOccurred())
		Expect(d.Notes).To(ContainElement(ContainSubstring("no suite hash")))
	})
})
