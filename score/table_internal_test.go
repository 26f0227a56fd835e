package score

// Rows find their case by the id's hash; ids whose hashes meet are found
// by the id itself. Real 64-bit collisions are too rare to meet in a spec,
// so this one makes every id collide.

import (
	g "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

var _ = g.Describe("the case table's lookup by id", func() {
	g.It("finds every case when ids' hashes collide", func() {
		old := idHash
		g.DeferCleanup(func() { idHash = old })
		idHash = func(string) uint64 { return 42 }

		ids := []string{"airline/one", "airline/two", "bank/three"}
		var cases []*suite.Case
		for _, id := range ids {
			cases = append(cases, &suite.Case{ID: id, Title: "title of " + id, Severity: suite.High})
		}
		b := NewBuilder(cases, RunInfo{})
		b.Declare(cases[1]) // a repeated id keeps one row
		for i, id := range append(ids, "unknown/four") {
			st := judges.Pass
			if i == 1 {
				st = judges.Fail
			}
			r := &results.Record{CaseID: id, Attempt: 1, Transcript: &transcript.Transcript{CaseID: id, Attempt: 1},
				Verdicts: []judges.Verdict{{Judge: "expect", Dimension: judges.Accuracy, Status: st}}}
			b.AddAt(r, "results.jsonl", results.Pos{Off: int64(i)})
		}
		sc := b.Scorecard(suite.Gates{})
		Expect(sc.Len()).To(Equal(4))
		var got []string
		for i := range sc.Len() {
			c := sc.Case(i)
			got = append(got, c.ID)
			if i < 3 {
				Expect(c.Title).To(Equal("title of "+c.ID), "each case keeps its own description")
				Expect(c.Severity).To(Equal(suite.High))
			} else {
				Expect(c.Severity).To(Equal(suite.Medium), "a case the suite lacks")
			}
		}
		Expect(got).To(Equal([]string{"airline/one", "airline/two", "bank/three", "unknown/four"}))
		Expect(sc.Case(1).Status).To(Equal(judges.Fail))
		Expect(sc.Totals.Fail).To(Equal(1))
	})
})
