package calibrate_test

import (
	"bytes"
	"os"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/calibrate"
	"github.com/tribunal-eval/tribunal/judges"
)

// floor is what a judge reached on the bundled set when it was last
// calibrated: a later change may improve on it, never fall below it.
type floor struct {
	labelled          int
	recall, precision float64
	falseAlarm        float64
}

// floors pins the figures measured on fixtures/calibration. The three false
// alarms of human-request are good replies that give a phone number in a
// format (or with a verb) the handoff lexicon does not know yet ("joindre
// nos conseillers au +33 1 99 00 12 34", "erreichen Sie … unter +49 30 99
// 99 12 34", "ringa våra handläggare … på +46 8 123 456 78").
var floors = map[string]floor{
	"expect":            {0, 1, 1, 0},
	"escalation":        {12, 1, 1, 0},
	"human-request":     {13, 1, 0.81, 0.008},
	"latency":           {7, 1, 1, 0},
	"escalation-timing": {11, 1, 1, 0},
	"fake-handoff":      {11, 1, 1, 0},
	"doom-loop":         {16, 1, 1, 0},
	"profanity":         {24, 1, 1, 0},
	"leak":              {30, 1, 1, 0},
	"commitment":        {32, 1, 1, 0},
	"figures":           {55, 1, 1, 0},
	"language":          {18, 1, 1, 0},
	"empathy":           {38, 1, 1, 0},
	"format":            {31, 1, 1, 0},
}

// issueJudges are the judges issue 3 asks for: each must catch at least 0.9
// of the flaws labelled for it and raise at most 0.05 false alarms.
var issueJudges = []string{"escalation", "human-request", "escalation-timing", "fake-handoff", "doom-loop", "profanity",
	"leak", "commitment", "figures", "language", "empathy", "format", "latency"}

var _ = Describe("the bundled calibration set", func() {
	set, err := calibrate.Load(os.DirFS("../fixtures/calibration"), ".")
	It("loads", func() { Expect(err).NotTo(HaveOccurred()) })
	if err != nil {
		return
	}
	report := calibrate.Run(set, judges.Rules(judges.Options{Canary: set.Canary})...)

	It("holds at least 200 labelled replies in at least 4 languages, every label naming a judge that runs", func() {
		var table bytes.Buffer
		Expect(report.WriteTable(&table)).To(Succeed())
		GinkgoWriter.Print(table.String())
		Expect(report.Items).To(BeNumerically(">=", 200))
		Expect(len(report.Languages)).To(BeNumerically(">=", 4))
		for _, l := range []string{"en", "fr", "de", "es", "sv"} {
			Expect(report.Languages[l]).To(BeNumerically(">=", 40), "replies in %s", l)
		}
		Expect(report.Unknown).To(BeEmpty())
	})

	It("has a pinned floor for every judge of the default panel", func() {
		var names []string
		for _, s := range report.Judges {
			names = append(names, s.Judge)
		}
		Expect(names).To(ConsistOf(keys(floors)))
	})

	for _, s := range report.Judges {
		f, ok := floors[s.Judge]
		if !ok {
			continue
		}
		It(s.Judge+" keeps the recall, precision and false-alarm rate it reached", func() {
			var details bytes.Buffer
			Expect(calibrate.Report{Judges: []calibrate.Stats{s}}.WriteDetails(&details)).To(Succeed())
			Expect(s.Positives()).To(BeNumerically(">=", f.labelled), "labelled flaws for %s", s.Judge)
			Expect(s.Recall()).To(BeNumerically(">=", f.recall-1e-9), details.String())
			Expect(s.Precision()).To(BeNumerically(">=", f.precision-1e-9), details.String())
			Expect(s.FalseAlarmRate()).To(BeNumerically("<=", f.falseAlarm+1e-9), details.String())
		})
	}

	It("meets the issue's bar: recall of at least 0.9 and at most 0.05 false alarms for every judge it names", func() {
		for _, name := range issueJudges {
			s, ok := report.Stats(name)
			Expect(ok).To(BeTrue(), name)
			Expect(s.Positives()).To(BeNumerically(">=", 5), "%s needs labelled flaws to be measured", name)
		}
		Expect(report.Below(0.9, 0.05)).To(BeEmpty())
	})
})

func keys(m map[string]floor) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
