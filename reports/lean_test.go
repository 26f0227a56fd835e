package reports_test

import (
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/reports"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// A run's scorecard keeps outcomes only and its reports read transcripts
// back from results.jsonl; the files must be those of a scorecard that held
// everything in memory.
var _ = Describe("Reports of a lean scorecard", func() {
	var full, lean *score.Scorecard
	var path string

	BeforeEach(func() {
		src := fixture()
		var cases []*suite.Case
		var recs []*results.Record
		for _, c := range src.Cases {
			cases = append(cases, &suite.Case{ID: c.ID, Title: c.Title, Severity: c.Severity, Tags: c.Tags, Language: c.Language, Source: c.Source, File: c.File, Line: c.Line})
			for _, a := range c.Attempts {
				// Scorecards hold no raw bodies (they stay in results.jsonl).
				tr := a.Transcript
				if tr != nil {
					t := *tr
					t.Turns = append(t.Turns[:0:0], t.Turns...)
					for i := range t.Turns {
						t.Turns[i].Raw = nil
					}
					tr = &t
				}
				recs = append(recs, &results.Record{CaseID: c.ID, Attempt: a.Attempt, Transcript: tr, Verdicts: a.Verdicts})
			}
		}
		path = filepath.Join(GinkgoT().TempDir(), results.FileName)
		w, err := results.Create(path)
		Expect(err).NotTo(HaveOccurred())
		fb, lb := score.NewBuilder(cases, src.Run), score.NewBuilder(cases, src.Run)
		for _, r := range recs {
			pos, err := w.Put(r)
			Expect(err).NotTo(HaveOccurred())
			fb.Add(r)
			lb.AddAt(r, path, pos)
		}
		Expect(w.Close()).To(Succeed())
		full, lean = fb.Scorecard(suite.Gates{}), lb.Scorecard(suite.Gates{})
		Expect(full.Totals.Fail).To(BeNumerically(">", 0), "the fixture has failures to quote")
	})

	It("writes every file byte for byte as a scorecard held in memory", func() {
		for _, f := range reports.Files {
			Expect(render(f.Report, lean)).To(Equal(render(f.Report, full)), f.Name)
		}
		Expect(reports.Annotations(lean)).To(Equal(reports.Annotations(full)))
	})

	It("fails the report, naming the file, when results.jsonl is gone", func() {
		Expect(os.Remove(path)).To(Succeed())
		for _, f := range reports.Files {
			if f.Name == "summary.md" {
				continue // passing cases need no transcript there, failing ones do
			}
			err := reports.WriteFile(filepath.Join(GinkgoT().TempDir(), f.Name), lean, f.Report)
			Expect(err).To(MatchError(ContainSubstring(results.FileName)), f.Name)
		}
		Expect(reports.WriteFile(filepath.Join(GinkgoT().TempDir(), "summary.md"), lean, reports.Markdown)).NotTo(Succeed())
	})
})
