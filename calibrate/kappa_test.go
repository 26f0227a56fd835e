package calibrate_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/calibrate"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

var _ = Describe("Cohen's kappa", func() {
	It("matches a hand-computed table", func() {
		// 20 items: TP 8, FN 2, FP 1, TN 9.
		// p_o = (8+9)/20 = 0.85.
		// The judge flags 8+1 = 9 and passes 2+9 = 11; the human flags
		// 8+2 = 10 and passes 1+9 = 10.
		// p_e = (9·10 + 11·10)/20² = 200/400 = 0.5.
		// kappa = (0.85 - 0.5)/(1 - 0.5) = 0.35/0.5 = 0.7.
		k, ok := calibrate.Kappa(8, 2, 1, 9)
		Expect(ok).To(BeTrue())
		Expect(k).To(BeNumerically("~", 0.7, 1e-12))
		k, ok = calibrate.Stats{TP: 8, FN: 2, FP: 1, TN: 9}.Kappa()
		Expect(ok).To(BeTrue())
		Expect(k).To(BeNumerically("~", 0.7, 1e-12))
	})

	It("is 1 for perfect agreement on both classes, 0 at chance, negative below it", func() {
		k, ok := calibrate.Kappa(5, 0, 0, 5)
		Expect(ok).To(BeTrue())
		Expect(k).To(BeNumerically("~", 1, 1e-12))
		// Judge flags half of each class: p_o = 0.5, p_e = (5·5+5·5)/100 = 0.5.
		k, ok = calibrate.Kappa(3, 3, 2, 2)
		Expect(ok).To(BeTrue())
		// p_o = 5/10; judge yes 5, human yes 6: p_e = (5·6 + 5·4)/100 = 0.5.
		Expect(k).To(BeNumerically("~", 0, 1e-12))
		// Always wrong: p_o = 0, p_e = (5·5+5·5)/100 = 0.5, kappa = -1.
		k, ok = calibrate.Kappa(0, 5, 5, 0)
		Expect(ok).To(BeTrue())
		Expect(k).To(BeNumerically("~", -1, 1e-12))
		// A judge that flags everything on a mixed set agrees by chance only:
		// TP 4, FP 6: p_o = 0.4, p_e = (10·4 + 0·6)/100 = 0.4, kappa = 0.
		k, ok = calibrate.Kappa(4, 0, 6, 0)
		Expect(ok).To(BeTrue())
		Expect(k).To(BeNumerically("~", 0, 1e-12))
	})

	It("is undefined with nothing scored, and when judge and human both put every item in one class (p_e = 1)", func() {
		_, ok := calibrate.Kappa(0, 0, 0, 0)
		Expect(ok).To(BeFalse())
		_, ok = calibrate.Kappa(7, 0, 0, 0)
		Expect(ok).To(BeFalse(), "all flagged by both")
		_, ok = calibrate.Kappa(0, 0, 0, 7)
		Expect(ok).To(BeFalse(), "all passed by both")
		// One class for the human, but the judge disagrees once: p_e < 1.
		// TN 6, FP 1: p_o = 6/7, p_e = (1·0 + 6·7)/49 = 6/7, kappa = 0.
		k, ok := calibrate.Kappa(0, 0, 1, 6)
		Expect(ok).To(BeTrue())
		Expect(k).To(BeNumerically("~", 0, 1e-12))
	})

	It("names the judges below a kappa floor, never one whose kappa is undefined", func() {
		r := calibrate.Report{Judges: []calibrate.Stats{
			{Judge: "good", TP: 8, FN: 2, FP: 1, TN: 9},
			{Judge: "chance", TP: 3, FN: 3, FP: 2, TN: 2},
			{Judge: "one-class", TN: 7},
		}}
		Expect(r.BelowKappa(0.6)).To(ConsistOf(ContainSubstring("chance: kappa 0.000 is below 0.600")))
	})
})

// scripted is an LLM-named judge whose status per reply is scripted by a
// word in the reply: FAIL fails, ERR errors, SKIP skips, anything else passes.
type scripted struct{ name string }

func (s scripted) Name() string { return s.name }
func (s scripted) Judge(_ context.Context, _ *suite.Case, t *transcript.Transcript) []judges.Verdict {
	reply := t.Turns[0].Reply
	st := judges.Pass
	switch {
	case strings.Contains(reply, "FAIL"):
		st = judges.Fail
	case strings.Contains(reply, "ERR"):
		st = judges.Error
	case strings.Contains(reply, "SKIP"):
		st = judges.Skipped
	}
	return []judges.Verdict{{Judge: s.name, Status: st, Rationale: "scripted " + string(st)}}
}

// rubrics answers per rubric: "rubric:tone" fails replies with FAIL, the
// other rubric passes everything.
type rubrics struct{}

func (rubrics) Name() string { return "llm-rubric" }
func (rubrics) Judge(_ context.Context, c *suite.Case, t *transcript.Transcript) []judges.Verdict {
	var out []judges.Verdict
	for _, r := range c.Judges {
		v := judges.Verdict{Judge: "rubric:" + r.Name, Status: judges.Pass}
		if r.Name == "tone" && strings.Contains(t.Turns[0].Reply, "FAIL") {
			v.Status = judges.Fail
		}
		out = append(out, v)
	}
	return out
}

const llmSet = `cases:
  - id: l/one
    language: en
    rubrics:
      - {name: tone, rubric: "Is the reply kind?", dimension: empathy}
      - {name: other, rubric: "Anything?", dimension: accuracy}
    customer: [Hello]
    replies:
      - id: tp
        bot: FAIL here
        flags: [llm-accuracy, rubric:tone]
      - id: fn
        bot: fine
        flags: [llm-accuracy]
      - id: fp
        bot: FAIL again
        labelled: [llm-accuracy]
      - id: tn
        bot: fine too
        labelled: [llm-accuracy, rubric:tone]
      - id: never-labelled
        bot: FAIL but nobody asked the LLM judges
        flags: [format]
      - id: skipped
        bot: SKIP
        labelled: [llm-accuracy]
      - id: errored
        bot: ERR
        flags: [llm-accuracy]
  - id: l/case-wide
    language: en
    labelled: [llm-empathy]
    customer: [Hi]
    replies:
      - id: a
        bot: FAIL
        flags: [llm-empathy]
      - id: b
        bot: fine
`

var _ = Describe("Run with LLM judges", func() {
	set, err := calibrate.Load(tinyFS(map[string]string{"llm.yaml": llmSet}), ".")
	It("loads labelled lists and case rubrics", func() {
		Expect(err).NotTo(HaveOccurred())
		Expect(set.Items[2].Labelled).To(HaveKey("llm-accuracy"))
		Expect(set.Items[7].Labelled).To(HaveKey("llm-empathy"), "a case's labelled list applies to every reply")
		Expect(set.Items[0].Case.Judges).To(HaveLen(2))
	})
	if err != nil {
		return
	}
	run := func() calibrate.Report {
		return calibrate.Run(set, flagger{"format", "nobody"}, scripted{"llm-accuracy"}, scripted{"llm-empathy"},
			scripted{"llm-escalation"}, rubrics{})
	}

	It("scores an LLM judge only on the items labelled for it, and counts skips and errors apart", func() {
		r := run()
		Expect(r.Unknown).To(BeEmpty())
		acc, ok := r.Stats("llm-accuracy")
		Expect(ok).To(BeTrue())
		Expect(acc.LabelledOnly).To(BeTrue())
		Expect([]int{acc.TP, acc.FN, acc.FP, acc.TN}).To(Equal([]int{1, 1, 1, 1}), "never-labelled is not a negative")
		Expect(acc.Skipped).To(Equal(1))
		Expect(acc.Errored).To(Equal(1))
		Expect(acc.Unruled).To(ConsistOf(
			calibrate.Outcome{Item: "l/one/skipped", Why: "skipped: scripted skipped"},
			calibrate.Outcome{Item: "l/one/errored", Why: "error: scripted error"},
		))
		// p_o = 0.5, p_e = (2·2 + 2·2)/16 = 0.5: kappa 0.
		k, ok := acc.Kappa()
		Expect(ok).To(BeTrue())
		Expect(k).To(BeNumerically("~", 0, 1e-12))

		emp, _ := r.Stats("llm-empathy")
		Expect([]int{emp.TP, emp.FN, emp.FP, emp.TN}).To(Equal([]int{1, 0, 0, 1}))
		k, _ = emp.Kappa()
		Expect(k).To(BeNumerically("~", 1, 1e-12))

		esc, _ := r.Stats("llm-escalation")
		Expect(esc.Scored()).To(Equal(0), "nothing labelled for it")
		_, ok = esc.Kappa()
		Expect(ok).To(BeFalse())

		format, _ := r.Stats("format")
		Expect(format.Scored()).To(Equal(9), "rule judges are scored on every item")
	})

	It("scores each case rubric as rubric:NAME", func() {
		r := run()
		tone, ok := r.Stats("rubric:tone")
		Expect(ok).To(BeTrue())
		Expect([]int{tone.TP, tone.FN, tone.FP, tone.TN}).To(Equal([]int{1, 0, 0, 1}))
		other, ok := r.Stats("rubric:other")
		Expect(ok).To(BeTrue())
		Expect(other.Scored()).To(Equal(0))
		_, ok = r.Stats("llm-rubric")
		Expect(ok).To(BeFalse())
	})

	It("prints kappa, skips and errors in the table and the details", func() {
		r := run()
		var out bytes.Buffer
		Expect(r.WriteTable(&out)).To(Succeed())
		Expect(out.String()).To(MatchRegexp(`kappa\s+skipped\s+errors`))
		Expect(out.String()).To(MatchRegexp(`llm-accuracy\s+2\s+1\s+1\s+1\s+1\s+0\.500\s+0\.500\s+0\.500\s+0\.000\s+1\s+1`))
		Expect(out.String()).To(MatchRegexp(`llm-empathy\s+1\s+1\s+0\s+0\s+1\s+1\.000\s+1\.000\s+0\.000\s+1\.000\s+0\s+0`))
		Expect(out.String()).To(MatchRegexp(`llm-escalation\s+0\s+0\s+0\s+0\s+0\s+—\s+—\s+—\s+—\s+0\s+0`))
		out.Reset()
		Expect(r.WriteDetails(&out)).To(Succeed())
		Expect(out.String()).To(ContainSubstring("not ruled    llm-accuracy       l/one/skipped  skipped: scripted skipped"))
	})

	It("lists judges that did not run as skipped, not scored", func() {
		r := run()
		r.MarkSkipped("no judge model configured (--judge-model)", "llm-accuracy", "llm-empathy")
		acc, _ := r.Stats("llm-accuracy")
		Expect(acc.Scored()).To(Equal(0))
		Expect(acc.SkipReason).To(ContainSubstring("--judge-model"))
		var out bytes.Buffer
		Expect(r.WriteTable(&out)).To(Succeed())
		Expect(out.String()).To(MatchRegexp(`llm-accuracy\s+skipped\s+6`))
		Expect(out.String()).To(ContainSubstring("skipped, not scored (no judge model configured (--judge-model)): llm-accuracy, llm-empathy"))
		Expect(r.BelowKappa(0.9)).NotTo(ContainElement(ContainSubstring("llm-accuracy")))
	})

	It("writes a machine-readable report with null where there is nothing to measure", func() {
		r := run()
		r.MarkSkipped("no model", "llm-empathy")
		var out bytes.Buffer
		Expect(r.WriteJSON(&out)).To(Succeed())
		var got map[string]any
		Expect(json.Unmarshal(out.Bytes(), &got)).To(Succeed())
		Expect(got["items"]).To(BeNumerically("==", 9))
		byName := map[string]map[string]any{}
		for _, j := range got["judges"].([]any) {
			m := j.(map[string]any)
			byName[m["judge"].(string)] = m
		}
		acc := byName["llm-accuracy"]
		Expect(acc).To(HaveKeyWithValue("kind", "llm"))
		Expect(acc).To(HaveKeyWithValue("status", "scored"))
		Expect(acc["kappa"]).To(BeNumerically("~", 0, 1e-12))
		Expect(acc["precision"]).To(BeNumerically("==", 0.5))
		Expect(acc["skipped"]).To(BeNumerically("==", 1))
		Expect(acc["errored"]).To(BeNumerically("==", 1))
		Expect(acc["unruled"]).To(ContainElement(HaveKeyWithValue("item", "l/one/errored")))
		Expect(byName["llm-escalation"]).To(HaveKeyWithValue("kappa", BeNil()))
		Expect(byName["llm-empathy"]).To(HaveKeyWithValue("status", "skipped"))
		Expect(byName["llm-empathy"]).To(HaveKeyWithValue("skip_reason", "no model"))
		Expect(byName["format"]).To(HaveKeyWithValue("kind", "rule"))
	})
})
