package score_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// jsonFields lists the JSON names of a struct type's fields.
func jsonFields(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

var _ = Describe("The scorecard.json schema", func() {
	var defs map[string]struct {
		Properties map[string]any `json:"properties"`
	}
	var root struct {
		Properties map[string]any `json:"properties"`
	}
	BeforeEach(func() {
		var doc struct {
			Defs map[string]struct {
				Properties map[string]any `json:"properties"`
			} `json:"$defs"`
		}
		Expect(json.Unmarshal(score.ScorecardSchema, &doc)).To(Succeed())
		Expect(json.Unmarshal(score.ScorecardSchema, &root)).To(Succeed())
		defs = doc.Defs
	})
	keys := func(m map[string]any) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}

	It("is a valid draft 2020-12 schema", func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(score.ScorecardSchema))
		Expect(err).NotTo(HaveOccurred())
		c := jsonschema.NewCompiler()
		Expect(c.AddResource("scorecard.schema.json", doc)).To(Succeed())
		_, err = c.Compile("scorecard.schema.json")
		Expect(err).NotTo(HaveOccurred())
	})

	It("has exactly the fields of the score types, so the contract and the code agree", func() {
		Expect(keys(root.Properties)).To(Equal(jsonFields(reflect.TypeOf(score.Scorecard{}))), "scorecard")
		for def, v := range map[string]any{
			"run": score.RunInfo{}, "judge": score.JudgeInfo{}, "gate": score.Gate{}, "check": score.GateCheck{},
			"totals": score.Totals{}, "dimension_stats": score.DimensionStats{}, "severity_stats": score.SeverityStats{},
			"case": score.Case{}, "attempt": score.Attempt{}, "diff": score.Diff{}, "case_change": score.CaseChange{},
			"rate_stat": score.RateStat{}, "rate_change": score.RateChange{},
		} {
			Expect(keys(defs[def].Properties)).To(Equal(jsonFields(reflect.TypeOf(v))), "$defs/%s in score/scorecard.schema.json", def)
		}
	})

	It("documents every field of the verdicts and transcripts it carries", func() {
		for def, v := range map[string]any{
			"verdict": judges.Verdict{}, "transcript": transcript.Transcript{}, "turn": transcript.Turn{},
		} {
			for _, f := range jsonFields(reflect.TypeOf(v)) {
				Expect(defs[def].Properties).To(HaveKey(f), "add %s to $defs/%s in score/scorecard.schema.json", f, def)
			}
		}
		handoff := defs["turn"].Properties["handoff"].(map[string]any)["properties"].(map[string]any)
		Expect(keys(handoff)).To(Equal(jsonFields(reflect.TypeOf(transcript.Handoff{}))))
	})

	It("validates a scorecard the builder makes, with repeats and a baseline", func() {
		doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(score.ScorecardSchema))
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		Expect(c.AddResource("scorecard.schema.json", doc)).To(Succeed())
		sch, err := c.Compile("scorecard.schema.json")
		Expect(err).NotTo(HaveOccurred())

		cur := repeated(suite.Gates{})
		old := repeated(suite.Gates{})
		d, err := score.Compare(old, cur, score.CompareOptions{})
		Expect(err).NotTo(HaveOccurred())
		score.ApplyBaseline(cur, d)
		b, err := json.Marshal(cur)
		Expect(err).NotTo(HaveOccurred())
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		Expect(err).NotTo(HaveOccurred())
		Expect(sch.Validate(inst)).To(Succeed())
	})
})
