package calibrate_test

import (
	"bytes"
	"context"
	"testing/fstest"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/calibrate"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

const tinySet = `canary: TINY-CANARY-1
cases:
  - id: t/bag
    language: en
    policy: policies/p.md
    escalation: forbidden
    customer: [How much is a bag?]
    replies:
      - id: good
        bot: A bag costs €35.
      - id: wrong
        bot: A bag costs €25.
        flags: [figures]
      - id: missed
        bot: A bag costs €35, no takesies backsies.
        flags: [figures]
        note: labelled for the wrong judge on purpose
      - id: handoff
        bot: Let me check.
        handoff: [true]
        flags: [escalation]
  - id: t/two
    language: fr
    detect_language: true
    customer: ["Bonjour, où est mon colis ?", "Et maintenant ?"]
    replies:
      - id: both
        bot: [Il arrive demain., Toujours demain.]
        latency_ms: [100, 200]
        ignore: [figures]
`

func tinyFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{"policies/p.md": {Data: []byte("A checked bag costs €35.")}}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// flagger is a judge that fails every reply containing a word.
type flagger struct{ name, word string }

func (f flagger) Name() string { return f.name }
func (f flagger) Judge(_ context.Context, _ *suite.Case, t *transcript.Transcript) []judges.Verdict {
	for _, tu := range t.Turns {
		if bytes.Contains([]byte(tu.Reply), []byte(f.word)) {
			return []judges.Verdict{{Status: judges.Fail}}
		}
	}
	return []judges.Verdict{{Status: judges.Pass}}
}

var _ = Describe("Load", func() {
	It("builds one item per reply, with its case and transcript", func() {
		set, err := calibrate.Load(tinyFS(map[string]string{"tiny.yaml": tinySet}), ".")
		Expect(err).NotTo(HaveOccurred())
		Expect(set.Canary).To(Equal("TINY-CANARY-1"))
		Expect(set.Items).To(HaveLen(5))
		Expect(set.Replies()).To(Equal(6))
		Expect(set.Languages()).To(Equal(map[string]int{"en": 4, "fr": 1}))

		bag := set.Items[1]
		Expect(bag.ID).To(Equal("t/bag/wrong"))
		Expect(bag.Case.Policy.Text).To(Equal("A checked bag costs €35."))
		Expect(bag.Case.Expect.Escalation).To(Equal(suite.EscalationForbidden))
		Expect(bag.Flags).To(HaveKey("figures"))
		Expect(bag.Transcript.Turns[0].Reply).To(Equal("A bag costs €25."))

		handoff := set.Items[3].Transcript.Turns[0].Handoff
		Expect(handoff.Detected).To(BeTrue())
		Expect(handoff.Source).To(Equal(transcript.Structured))

		two := set.Items[4]
		Expect(two.Case.Language).To(BeEmpty(), "detect_language leaves the case's language unset")
		Expect(two.Language).To(Equal("fr"))
		Expect(two.Transcript.Turns).To(HaveLen(2))
		Expect(two.Transcript.Turns[1].LatencyMS).To(Equal(200.0))
		Expect(two.Ignore).To(HaveKey("figures"))
	})

	It("reads a handoff from the words when the reply has no structured signal, as the replay engine does", func() {
		set, err := calibrate.Load(tinyFS(map[string]string{"a.yaml": `cases:
  - id: h
    language: en
    customer: [agent please]
    replies:
      - id: words
        bot: I'm transferring you to an agent now.
      - id: denied
        bot: I'm transferring you to an agent now.
        handoff: [false]
`}), ".")
		Expect(err).NotTo(HaveOccurred())
		words, denied := set.Items[0].Transcript.Turns[0].Handoff, set.Items[1].Transcript.Turns[0].Handoff
		Expect(words.Detected).To(BeTrue())
		Expect(words.Source).To(Equal(transcript.Textual))
		Expect(words.Reported).To(BeNil())
		Expect(denied.Detected).To(BeTrue())
		Expect(*denied.Reported).To(BeFalse())
	})

	for _, bad := range []struct{ name, file, msg string }{
		{"an unknown field", "cases:\n  - id: x\n    language: en\n    custumer: [hi]\n", "custumer"},
		{"fewer replies than turns", "cases:\n  - id: x\n    language: en\n    customer: [a, b]\n    replies:\n      - id: r\n        bot: only one\n", "1 replies for 2 customer turns"},
		{"a missing policy", "cases:\n  - id: x\n    language: en\n    policy: policies/nope.md\n    customer: [a]\n    replies: [{id: r, bot: b}]\n", "policies/nope.md"},
		{"a bad language", "cases:\n  - id: x\n    language: English\n    customer: [a]\n", "not a language code"},
		{"a duplicate reply id", "cases:\n  - id: x\n    language: en\n    customer: [a]\n    replies: [{id: r, bot: b}, {id: r, bot: c}]\n", "missing or repeated"},
		{"an escalate_by_turn past the turns", "cases:\n  - id: x\n    language: en\n    escalate_by_turn: 3\n    customer: [a]\n", "escalate_by_turn 3"},
	} {
		It("rejects "+bad.name+", naming the file and line", func() {
			_, err := calibrate.Load(tinyFS(map[string]string{"bad.yaml": bad.file}), ".")
			Expect(err).To(HaveOccurred())
			Expect(err).To(BeAssignableToTypeOf(suite.Errors{}))
			Expect(err.Error()).To(And(ContainSubstring("bad.yaml"), ContainSubstring(bad.msg)))
		})
	}

	It("rejects two files with different canaries, and a folder without labelled replies", func() {
		_, err := calibrate.Load(tinyFS(map[string]string{"a.yaml": tinySet, "b.yaml": "canary: OTHER\ncases: []\n"}), ".")
		Expect(err).To(MatchError(ContainSubstring("one canary")))
		_, err = calibrate.Load(tinyFS(nil), ".")
		Expect(err).To(MatchError(ContainSubstring("no labelled replies")))
	})
})

var _ = Describe("Run", func() {
	set, err := calibrate.Load(tinyFS(map[string]string{"tiny.yaml": tinySet}), ".")
	It("loads", func() { Expect(err).NotTo(HaveOccurred()) })
	if err != nil {
		return
	}

	It("counts hits, misses, false alarms and good replies passed, per judge", func() {
		r := calibrate.Run(set, flagger{"figures", "€25"}, flagger{"escalation", "check"}, flagger{"format", "demain"})
		Expect(r.Items).To(Equal(5))
		figs, _ := r.Stats("figures")
		// good: TN; wrong: TP; missed: FN; handoff: TN; both: ignored.
		Expect([]int{figs.TP, figs.FN, figs.FP, figs.TN}).To(Equal([]int{1, 1, 0, 2}))
		Expect(figs.Recall()).To(Equal(0.5))
		Expect(figs.Precision()).To(Equal(1.0))
		Expect(figs.Misses).To(ConsistOf(calibrate.Outcome{Item: "t/bag/missed", Why: "labelled for the wrong judge on purpose"}))

		format, _ := r.Stats("format")
		Expect([]int{format.TP, format.FN, format.FP, format.TN}).To(Equal([]int{0, 0, 1, 4}))
		Expect(format.FalseAlarmRate()).To(Equal(0.2))
		Expect(format.FalseAlarms[0].Item).To(Equal("t/two/both"))
	})

	It("lists labels that name no judge that ran", func() {
		r := calibrate.Run(set, flagger{"figures", "€25"})
		Expect(r.Unknown).To(Equal([]string{"escalation"}))
	})

	It("names the judges below a recall floor or above a false-alarm ceiling", func() {
		r := calibrate.Run(set, flagger{"figures", "€25"}, flagger{"escalation", "check"}, flagger{"format", "demain"})
		Expect(r.Below(0.9, 0.05)).To(ConsistOf(
			ContainSubstring("figures: recall 0.500 is below 0.900 (1 of 2 caught)"),
			ContainSubstring("format: false-alarm rate 0.200 is above 0.050"),
		))
		Expect(r.Below(0, 1)).To(BeEmpty())
	})

	It("prints a table with a row per judge and a dash where there is nothing to measure", func() {
		r := calibrate.Run(set, flagger{"figures", "€25"}, flagger{"format", "demain"})
		var out bytes.Buffer
		Expect(r.WriteTable(&out)).To(Succeed())
		Expect(out.String()).To(ContainSubstring("5 labelled replies (6 bot turns) in 2 languages (en 4, fr 1)"))
		Expect(out.String()).To(MatchRegexp(`figures\s+2\s+1\s+1\s+0\s+2\s+1\.000\s+0\.500\s+0\.000`))
		Expect(out.String()).To(MatchRegexp(`format\s+0\s+0\s+0\s+1\s+4\s+0\.000\s+—\s+0\.200`))
		Expect(out.String()).To(ContainSubstring("labels naming no judge that ran: escalation"))
		out.Reset()
		Expect(r.WriteDetails(&out)).To(Succeed())
		Expect(out.String()).To(ContainSubstring("miss         figures            t/bag/missed"))
		Expect(out.String()).To(ContainSubstring("false alarm  format             t/two/both"))
	})
})
