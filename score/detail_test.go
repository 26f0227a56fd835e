package score_test

import (
	"encoding/json"
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

var _ = Describe("Lean scorecards (Builder.AddAt)", func() {
	var (
		path string
		recs []*results.Record
		pos  []results.Pos
	)

	BeforeEach(func() {
		path = filepath.Join(GinkgoT().TempDir(), results.FileName)
		custom := judges.Verdict{Judge: "tone", Dimension: "brand-voice", Status: judges.Fail, Evidence: "meh", Rationale: "off brand"}
		recs = []*results.Record{
			rec("med", 1, v(judges.Accuracy, judges.Fail), v(judges.Escalation, judges.Pass), custom),
			rec("crit", 1, v(judges.Accuracy, judges.Pass), v(judges.Empathy, judges.Skipped)),
			errored("high", 1),
			rec("med", 2, v(judges.Accuracy, judges.Pass), v(judges.Escalation, judges.Error)),
			rec("crit", 2, v(judges.Accuracy, judges.Pass), v(judges.Accuracy, judges.Fail)),
		}
		w, err := results.Create(path)
		Expect(err).NotTo(HaveOccurred())
		pos = nil
		for _, r := range recs {
			p, err := w.Put(r)
			Expect(err).NotTo(HaveOccurred())
			pos = append(pos, p)
		}
		Expect(w.Close()).To(Succeed())
	})

	build := func(lean bool) *score.Scorecard {
		b := score.NewBuilder(cases, score.RunInfo{Repeat: 2})
		for i, r := range recs {
			if lean {
				b.AddAt(r, path, pos[i])
			} else {
				b.Add(r)
			}
		}
		return b.Scorecard(suite.Gates{})
	}

	It("has the same totals, gates and case outcomes as one kept in memory, without the transcripts", func() {
		lean, full := build(true), build(false)
		Expect(lean.Totals).To(Equal(full.Totals))
		Expect(lean.Dimensions).To(Equal(full.Dimensions))
		Expect(lean.Severities).To(Equal(full.Severities))
		Expect(lean.Gate).To(Equal(full.Gate))
		Expect(lean.Run.Judges).To(Equal(full.Run.Judges))
		Expect(lean.Cases).To(BeNil(), "a lean scorecard keeps its cases compact")
		Expect(lean.Len()).To(Equal(len(full.Cases)))
		Expect(full.Len()).To(Equal(len(full.Cases)))
		for i := range lean.Len() {
			l, f := lean.Case(i), full.Case(i)
			Expect(l.ID).To(Equal(f.ID))
			Expect(l.Title).To(Equal(f.Title), l.ID)
			Expect(l.Severity).To(Equal(f.Severity), l.ID)
			Expect(l.PassAt1).To(Equal(f.PassAt1), l.ID)
			Expect(l.PassAllK).To(Equal(f.PassAllK), l.ID)
			Expect(l.Status).To(Equal(f.Status), l.ID)
			Expect(l.Dimensions).To(Equal(f.Dimensions), l.ID)
			Expect(l.Flaky).To(Equal(f.Flaky), l.ID)
			Expect(l.Lean()).To(BeTrue())
			Expect(f.Lean()).To(BeFalse())
			for ai, a := range l.Attempts {
				Expect(a.Transcript).To(BeNil(), "a lean case holds no transcript")
				ld, lm, lok := a.Timing()
				fd, fm, fok := f.Attempts[ai].Timing()
				Expect([]any{ld, lm, lok}).To(Equal([]any{fd, fm, fok}), "a lean attempt keeps its timing")
			}
		}
	})

	It("reads each case back complete, equal to the one kept in memory", func() {
		lean, full := build(true), build(false)
		for i := range lean.Len() {
			l, err := lean.Detail(i)
			Expect(err).NotTo(HaveOccurred())
			f, err := full.Detail(i)
			Expect(err).NotTo(HaveOccurred())
			Expect(f).To(BeIdenticalTo(&full.Cases[i]), "a complete case is returned as it is")
			lj, _ := json.Marshal(l)
			fj, _ := json.Marshal(f)
			Expect(string(lj)).To(Equal(string(fj)))
		}
		med, _ := lean.Detail(2)
		Expect(med.Attempts[0].Transcript.Turns[0].Raw).To(BeNil(), "raw bodies stay in results.jsonl")
		Expect(lean.Case(2).Attempts[0].Verdicts).To(BeNil(), "reading back does not fill the scorecard")
	})

	It("keeps the scorecard's cases when the builder goes on", func() {
		b := score.NewBuilder(cases, score.RunInfo{Repeat: 2})
		b.AddAt(recs[0], path, pos[0])
		first := b.Scorecard(suite.Gates{})
		Expect(first.Len()).To(Equal(1))
		Expect(first.Case(0).Status).To(Equal(judges.Fail))
		for i, r := range recs[1:] {
			b.AddAt(r, path, pos[i+1])
		}
		second := b.Scorecard(suite.Gates{})
		Expect(second.Len()).To(Equal(3))
		Expect(first.Len()).To(Equal(1), "a scorecard does not change as the builder goes on")
		Expect(first.Case(0).Attempts).To(HaveLen(1))
		Expect(first.Totals.Attempts).To(Equal(1))

		second.SetJudgeCost(1, 0.25)
		Expect(second.Case(1).JudgeCostUSD).To(Equal(0.25))
		Expect(b.Scorecard(suite.Gates{}).Case(1).JudgeCostUSD).To(BeZero(), "costs are set on a scorecard, not the builder")
	})

	It("keeps attempts in order and counts a redone attempt once, whichever way each was added", func() {
		b := score.NewBuilder(cases, score.RunInfo{Repeat: 3})
		third := rec("med", 3, v(judges.Accuracy, judges.Pass))
		first := rec("med", 1, v(judges.Accuracy, judges.Fail))
		redone := rec("med", 1, v(judges.Accuracy, judges.Pass))
		second := rec("med", 2, v(judges.Accuracy, judges.Pass))
		b.AddAt(third, path, pos[0])
		b.AddAt(first, path, pos[0])
		b.Add(second)
		b.AddAt(redone, path, pos[0]) // a resumed run redid attempt 1: the later record wins
		sc := b.Scorecard(suite.Gates{})
		Expect(sc.Len()).To(Equal(1))
		c := sc.Case(0)
		Expect(c.ID).To(Equal("med"))
		var got []int
		for _, a := range c.Attempts {
			got = append(got, a.Attempt)
		}
		Expect(got).To(Equal([]int{1, 2, 3}))
		Expect(c.Status).To(Equal(judges.Pass), "attempt 1 was redone and passed")
		Expect(sc.Totals.Attempts).To(Equal(3))

		// And back: a complete record of attempt 2 replaced by a lean one.
		b.AddAt(rec("med", 2, v(judges.Accuracy, judges.Fail)), path, pos[0])
		sc = b.Scorecard(suite.Gates{})
		Expect(sc.Case(0).Attempts).To(HaveLen(3))
		Expect(sc.Case(0).Status).To(Equal(judges.Fail))
		Expect(sc.Totals.Attempts).To(Equal(3))
	})

	It("refuses to report another case's transcript when the file changed under it", func() {
		lean := build(true)
		Expect(os.WriteFile(path, []byte(`{"case_id":"other","attempt":1}`+"\n"), 0o644)).To(Succeed())
		_, err := lean.Detail(0)
		Expect(err).To(HaveOccurred())
		Expect(os.Remove(path)).To(Succeed())
		_, err = lean.Detail(0)
		Expect(err).To(MatchError(ContainSubstring("reading case crit back")))
	})
})
