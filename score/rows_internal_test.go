package score

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"

	g "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// Large tables move their rows to a file and keep a few blocks in memory;
// these specs make a table of a few thousand rows spill and check it gives
// back what a table held in memory gives.
var _ = g.Describe("the case table's rows", func() {
	const n = 3000

	// build declares n cases and adds one or two attempts to each, in an
	// order that jumps between blocks, then returns the scorecard and the
	// builder's table.
	build := func() (*Scorecard, *caseTable) {
		var cases []*suite.Case
		for i := range n {
			cases = append(cases, &suite.Case{ID: fmt.Sprintf("domain/case-%05d", i), Title: fmt.Sprintf("title %d", i%7),
				Severity: []suite.Severity{suite.Critical, suite.High, suite.Medium, suite.Low}[i%4],
				Tags:     []string{fmt.Sprintf("tag-%d", i%3)}, Language: "en", File: fmt.Sprintf("cases/f%d.yaml", i/1000), Line: 3 + i%1000})
		}
		b := NewBuilder(cases, RunInfo{})
		for k := range n {
			i := (k * 7919) % n // every case once, far from the one before
			id := cases[i].ID
			for a := 1; a <= 1+i%2; a++ {
				st := judges.Pass
				if (i+a)%5 == 0 {
					st = judges.Fail
				}
				r := &results.Record{CaseID: id, Attempt: a, Transcript: &transcript.Transcript{CaseID: id, Attempt: a, DurationMS: float64(i) / 3},
					Verdicts: []judges.Verdict{{Judge: "expect", Dimension: judges.Accuracy, Status: st}}}
				b.AddAt(r, "results.jsonl", results.Pos{Off: int64(i*1000 + a), Len: 100 + i})
			}
		}
		b.AddAt(&results.Record{CaseID: "unknown/late", Attempt: 1, Transcript: &transcript.Transcript{CaseID: "unknown/late", Attempt: 1}},
			"results.jsonl", results.Pos{Off: 1})
		return b.Scorecard(suite.Gates{}), b.t
	}
	cases := func(sc *Scorecard) []*Case {
		var out []*Case
		for i := range sc.Len() {
			out = append(out, sc.Case(i))
		}
		return out
	}
	spill := func(rows int32, resident int) {
		oldRows, oldResident := spillRows, residentBlocks
		g.DeferCleanup(func() { spillRows, residentBlocks = oldRows, oldResident })
		spillRows, residentBlocks = rows, resident
	}

	var held *Scorecard
	g.BeforeEach(func() {
		held, _ = build()
		Expect(held.Len()).To(Equal(n + 1))
	})

	g.It("are given back from a file as a table held in memory gives them", func() {
		spill(600, 2)
		sc, t := build()
		Expect(t.rows.file).NotTo(BeNil(), "the table spilled")
		Expect(len(t.rows.resident)).To(BeNumerically("<=", 2))
		Expect(cases(sc)).To(Equal(cases(held)))
		Expect(sc.Totals).To(Equal(held.Totals))
	})

	g.It("are read side by side by reporters", func() {
		spill(600, 2)
		sc, _ := build()
		want := cases(held)
		var wg sync.WaitGroup
		got := make([][]*Case, 4)
		for k := range got {
			wg.Go(func() { got[k] = cases(sc) })
		}
		wg.Wait()
		for _, cs := range got {
			Expect(cs).To(Equal(want))
		}
	})

	g.It("stay in memory when no file can be made", func() {
		spill(600, 2)
		old := newSpillFile
		g.DeferCleanup(func() { newSpillFile = old })
		newSpillFile = func() (*os.File, error) { return nil, errors.New("no space") }
		sc, t := build()
		Expect(t.rows.file).To(BeNil())
		Expect(cases(sc)).To(Equal(cases(held)))
	})

	g.It("stay in memory from a failed write on, losing none", func() {
		spill(600, 2)
		old := newSpillFile
		g.DeferCleanup(func() { newSpillFile = old })
		newSpillFile = func() (*os.File, error) {
			// Read-only: every write fails, as on a full disk.
			p := filepath.Join(g.GinkgoT().TempDir(), "rows")
			Expect(os.WriteFile(p, nil, 0o600)).To(Succeed())
			return os.Open(p)
		}
		sc, t := build()
		Expect(t.rows.keep).To(BeTrue())
		Expect(cases(sc)).To(Equal(cases(held)))
	})

	g.It("are copied when a builder changes after its scorecard", func() {
		spill(600, 2)
		var cs []*suite.Case
		for i := range 2000 {
			cs = append(cs, &suite.Case{ID: fmt.Sprintf("c%d", i), Severity: suite.High})
		}
		b := NewBuilder(cs, RunInfo{})
		rec := func(id string, st judges.Status) *results.Record {
			return &results.Record{CaseID: id, Attempt: 1, Transcript: &transcript.Transcript{CaseID: id, Attempt: 1},
				Verdicts: []judges.Verdict{{Judge: "expect", Dimension: judges.Accuracy, Status: st}}}
		}
		for _, c := range cs {
			b.AddAt(rec(c.ID, judges.Pass), "results.jsonl", results.Pos{})
		}
		first := b.Scorecard(suite.Gates{})
		b.AddAt(rec("c1500", judges.Fail), "results.jsonl", results.Pos{})
		second := b.Scorecard(suite.Gates{})
		Expect(first.Case(1500).Status).To(Equal(judges.Pass), "the first scorecard is unchanged")
		Expect(second.Case(1500).Status).To(Equal(judges.Fail))
		Expect(second.Totals.Fail).To(Equal(1))
	})

	g.It("hold no pointer, so their bytes are all of them", func() {
		var pointers func(t reflect.Type) []string
		pointers = func(t reflect.Type) []string {
			switch t.Kind() {
			case reflect.Struct:
				var out []string
				for i := range t.NumField() {
					for _, p := range pointers(t.Field(i).Type) {
						out = append(out, t.Field(i).Name+"."+p)
					}
				}
				return out
			case reflect.Array:
				return pointers(t.Elem())
			case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
				reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
				return nil
			default:
				return []string{t.Kind().String()}
			}
		}
		Expect(pointers(reflect.TypeOf(caseRow{}))).To(BeEmpty())
	})
})
