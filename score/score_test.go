package score_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

func rec(id string, attempt int, vs ...judges.Verdict) *results.Record {
	return &results.Record{CaseID: id, Attempt: attempt,
		Transcript: &transcript.Transcript{CaseID: id, Attempt: attempt, DurationMS: 120, Turns: []transcript.Turn{{Index: 1, User: "u", Reply: "r", LatencyMS: 80 + float64(attempt), Raw: []byte(`{"x":1}`)}}},
		Verdicts:   vs}
}

func errored(id string, attempt int) *results.Record {
	r := rec(id, attempt)
	r.Transcript.Error = "turn 1: connection refused"
	return r
}

func v(d judges.Dimension, st judges.Status) judges.Verdict {
	return judges.Verdict{Judge: "j", Dimension: d, Status: st}
}

var cases = []*suite.Case{
	{ID: "crit", Severity: suite.Critical},
	{ID: "high", Severity: suite.High},
	{ID: "med", Severity: suite.Medium},
}

var _ = Describe("Builder", func() {
	It("derives case, dimension and severity outcomes", func() {
		b := score.NewBuilder(cases, score.RunInfo{Repeat: 1})
		b.Add(rec("med", 1, v(judges.Accuracy, judges.Fail), v(judges.Escalation, judges.Pass)))
		b.Add(rec("crit", 1, v(judges.Accuracy, judges.Pass), v(judges.Empathy, judges.Skipped)))
		b.Add(errored("high", 1))
		sc := b.Scorecard(suite.Gates{})

		Expect(sc.SchemaVersion).To(Equal(1))
		Expect(sc.Cases).To(HaveLen(3))
		Expect(sc.Cases[0].ID).To(Equal("crit"), "cases keep the suite's order")
		Expect(sc.Cases[0].Status).To(Equal(judges.Pass))
		Expect(sc.Cases[0].Dimensions).To(Equal(map[judges.Dimension]judges.Status{judges.Accuracy: judges.Pass, judges.Empathy: judges.Skipped}))
		Expect(sc.Cases[1].Status).To(Equal(judges.Error))
		Expect(sc.Cases[1].Attempts[0].Error).To(ContainSubstring("connection refused"))
		Expect(sc.Cases[2].Status).To(Equal(judges.Fail))
		Expect(sc.Cases[2].FailedDimensions()).To(Equal([]judges.Dimension{judges.Accuracy}))

		Expect(sc.Totals).To(Equal(score.Totals{Cases: 3, Attempts: 3, Pass: 1, Fail: 1, Error: 1, PassRate: 0.5, ErroredAttempts: 1, PassAt1: 0.5, PassAllK: 0.5}))
		Expect(sc.Dimensions[0].Dimension).To(Equal(judges.Accuracy))
		Expect(sc.Dimensions[0].Pass).To(Equal(1))
		Expect(sc.Dimensions[0].Fail).To(Equal(1))
		Expect(sc.Dimensions[0].Rate).To(BeNumerically("~", 0.5))
		Expect(sc.Severities[0]).To(Equal(score.SeverityStats{Severity: suite.Critical, Cases: 1, Pass: 1}))
		Expect(sc.Cases[0].Attempts[0].Transcript.Turns[0].Raw).To(BeNil(), "raw bodies stay in results.jsonl")
	})

	It("fails a case on any failed attempt and counts a redone attempt once", func() {
		b := score.NewBuilder(cases, score.RunInfo{Repeat: 2})
		b.Add(rec("crit", 2, v(judges.Accuracy, judges.Fail)))
		b.Add(rec("crit", 1, v(judges.Accuracy, judges.Pass)))
		b.Add(rec("crit", 2, v(judges.Accuracy, judges.Fail)))
		sc := b.Scorecard(suite.Gates{})
		Expect(sc.Cases[0].Attempts).To(HaveLen(2))
		Expect(sc.Cases[0].Attempts[0].Attempt).To(Equal(1))
		Expect(sc.Cases[0].Status).To(Equal(judges.Fail))
		Expect(sc.Totals.Attempts).To(Equal(2))
	})

	It("treats a judge error as an error, never a pass", func() {
		b := score.NewBuilder(cases, score.RunInfo{})
		b.Add(rec("med", 1, v(judges.Accuracy, judges.Pass), v(judges.Empathy, judges.Error)))
		sc := b.Scorecard(suite.Gates{})
		Expect(sc.Cases[0].Status).To(Equal(judges.Error))
		Expect(sc.Cases[0].Dimensions[judges.Empathy]).To(Equal(judges.Error))
	})
})

var _ = Describe("gates", func() {
	build := func(g suite.Gates, recs ...*results.Record) score.Gate {
		b := score.NewBuilder(cases, score.RunInfo{})
		for _, r := range recs {
			b.Add(r)
		}
		return b.Scorecard(g).Gate
	}
	pass := func(id string) *results.Record { return rec(id, 1, v(judges.Accuracy, judges.Pass)) }
	fail := func(id string) *results.Record { return rec(id, 1, v(judges.Accuracy, judges.Fail)) }

	It("passes when nothing critical or high failed and nothing errored", func() {
		g := build(suite.Gates{}, pass("crit"), pass("high"), fail("med"))
		Expect(g.Passed).To(BeTrue())
		Expect(g.ExitCode).To(Equal(0))
	})

	It("fails with exit 1 on a failed critical case, whatever the pass rate", func() {
		g := build(suite.Gates{}, fail("crit"), pass("high"), pass("med"))
		Expect(g.Passed).To(BeFalse())
		Expect(g.ExitCode).To(Equal(score.ExitGateFailed))
		Expect(g.Failed()[0].Name).To(Equal("max_failed.critical"))
		Expect(g.Failed()[0].Detail).To(Equal("1 critical case(s) failed, 0 allowed"))
	})

	It("exits 3 when attempts errored beyond tolerance and no quality gate failed", func() {
		g := build(suite.Gates{}, pass("crit"), errored("high", 1))
		Expect(g.ExitCode).To(Equal(score.ExitUnreachable))
		tolerant := 0.5
		Expect(build(suite.Gates{MaxErrorRate: &tolerant}, pass("crit"), errored("high", 1)).ExitCode).To(Equal(0))
	})

	It("prefers exit 1 when the bot demonstrably failed, even with errors", func() {
		Expect(build(suite.Gates{}, fail("crit"), errored("high", 1)).ExitCode).To(Equal(1))
	})

	It("applies configured limits and pass-rate floors", func() {
		g := suite.Gates{MaxFailed: map[suite.Severity]int{suite.Critical: 1}, MinPassRate: map[string]float64{"overall": 0.9, "accuracy": 0.5}}
		res := build(g, fail("crit"), pass("high"), pass("med"))
		Expect(res.Checks).To(ContainElement(And(HaveField("Name", "max_failed.critical"), HaveField("Passed", true))))
		Expect(res.Checks).To(ContainElement(And(HaveField("Name", "min_pass_rate.overall"), HaveField("Passed", false))))
		Expect(res.Checks).To(ContainElement(And(HaveField("Name", "min_pass_rate.accuracy"), HaveField("Passed", true))))
		Expect(res.ExitCode).To(Equal(1))
	})
})

var _ = Describe("Wilson", func() {
	It("bounds the rate inside [0,1] and narrows with more data", func() {
		lo, hi := score.Wilson(10, 10)
		Expect(hi).To(Equal(1.0))
		Expect(lo).To(BeNumerically("~", 0.722, 0.001))
		lo, hi = score.Wilson(0, 10)
		Expect(lo).To(Equal(0.0))
		Expect(hi).To(BeNumerically("~", 0.278, 0.001))
		lo, hi = score.Wilson(500, 1000)
		Expect(lo).To(BeNumerically("~", 0.469, 0.001))
		Expect(hi).To(BeNumerically("~", 0.531, 0.001))
		lo, hi = score.Wilson(0, 0)
		Expect([]float64{lo, hi}).To(Equal([]float64{0, 1}))
	})
})
