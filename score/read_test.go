package score_test

import (
	"encoding/json"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

var _ = Describe("ReadSummary", func() {
	It("reads a scorecard.json without its verdicts and transcripts, everything else as written", func() {
		b := score.NewBuilder(cases, score.RunInfo{Repeat: 2, Target: "http://bot"})
		b.Add(rec("med", 1, v(judges.Accuracy, judges.Fail)))
		b.Add(rec("med", 2, v(judges.Accuracy, judges.Pass)))
		b.Add(rec("crit", 1, v(judges.Escalation, judges.Pass)))
		b.Add(errored("high", 1))
		sc := b.Scorecard(suite.Gates{})
		data, err := json.MarshalIndent(sc, "", "  ")
		Expect(err).NotTo(HaveOccurred())

		got, err := score.ReadSummary(strings.NewReader(string(data)))
		Expect(err).NotTo(HaveOccurred())
		Expect(got.Run).To(Equal(sc.Run))
		Expect(got.Totals).To(Equal(sc.Totals))
		Expect(got.Gate).To(Equal(sc.Gate))
		Expect(got.Dimensions).To(Equal(sc.Dimensions))
		Expect(got.Cases).To(HaveLen(3))
		for i, c := range got.Cases {
			want := sc.Cases[i]
			Expect(c.ID).To(Equal(want.ID))
			Expect(c.Status).To(Equal(want.Status))
			Expect(c.Dimensions).To(Equal(want.Dimensions))
			Expect(c.Flaky).To(Equal(want.Flaky))
			Expect(c.Verdicts).To(BeNil())
			Expect(c.Attempts).To(HaveLen(len(want.Attempts)))
			for ai, a := range c.Attempts {
				Expect(a.Status).To(Equal(want.Attempts[ai].Status))
				Expect(a.Error).To(Equal(want.Attempts[ai].Error))
				Expect(a.Transcript).To(BeNil())
				Expect(a.Verdicts).To(BeNil())
			}
		}

		d, err := score.Compare(got, sc, score.CompareOptions{})
		Expect(err).NotTo(HaveOccurred())
		Expect(d.Regressions).To(BeEmpty(), "a scorecard compared with its own summary has not changed")
	})

	It("says what is wrong with a file that is not a scorecard", func() {
		for in, want := range map[string]string{
			"":                         "empty file",
			"[1]":                      "expected",
			`{"cases": {}}`:            "cases: expected a list",
			`{"cases": [{"id": 3}]}`:   "cases[0]",
			`{"schema_version": 1`:     "EOF",
			`{"cases": null, "x": 1}`:  "",
			`{"run": {"repeat": "x"}}`: "repeat",
		} {
			_, err := score.ReadSummary(strings.NewReader(in))
			if want == "" {
				Expect(err).NotTo(HaveOccurred(), in)
				continue
			}
			Expect(err).To(MatchError(ContainSubstring(want)), in)
		}
	})
})
