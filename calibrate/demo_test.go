package calibrate_test

import (
	"context"
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/suite"
)

// flawJudges names, for each of the demo bot's flaws, the rule judge that
// must catch it.
var flawJudges = map[demobot.Flaw]string{
	demobot.AirCanada:      "figures",
	demobot.NeverEscalate:  "escalation",
	demobot.AlwaysEscalate: "escalation",
	demobot.Rude:           "profanity",
	demobot.WrongLanguage:  "language",
	demobot.Leaky:          "leak",
	demobot.Pushover:       "commitment",
}

// newJudges are the rule judges issue 3 added; the well-behaved demo bot
// must give none of them a reason to fail a bundled case.
var newJudges = []string{"escalation-timing", "fake-handoff", "doom-loop", "profanity", "leak", "commitment", "figures",
	"language", "empathy", "format"}

// failures replays cases of the bundled library against the demo bot with
// the given flaws, as `tribunal run` does, and returns the failing verdicts
// by case.
func failures(lib *suite.Suite, cases []*suite.Case, flaws ...demobot.Flaw) map[string][]judges.Verdict {
	GinkgoHelper()
	var mu sync.Mutex
	out := map[string][]judges.Verdict{}
	e := &replay.Engine{Target: demobot.New(flaws...), TargetName: "demobot",
		Judge: judges.Rules(judges.Options{MaxLatency: lib.Config.MaxLatency, Canary: lib.Config.Canary}), Concurrency: 4}
	err := e.Run(context.Background(), cases, func(r *results.Record) error {
		mu.Lock()
		defer mu.Unlock()
		Expect(r.Transcript.Error).To(BeEmpty(), r.CaseID)
		for _, v := range r.Verdicts {
			if v.Status == judges.Fail {
				out[r.CaseID] = append(out[r.CaseID], v)
			}
		}
		return nil
	})
	Expect(err).NotTo(HaveOccurred())
	return out
}

var _ = Describe("the demo bot under the rule judges", func() {
	lib, err := suite.LoadFS(fixtures.FS, fixtures.Dir)
	It("loads the bundled library", func() { Expect(err).NotTo(HaveOccurred()) })
	if err != nil {
		return
	}

	It("gives the judges issue 3 added no reason to fail a bundled case when it behaves", func() {
		for id, vs := range failures(lib, lib.Cases) {
			for _, v := range vs {
				Expect(newJudges).NotTo(ContainElement(v.Judge), "%s: %s failed it: %s (%s)", id, v.Judge, v.Rationale, v.Evidence)
			}
		}
	})

	for _, fi := range demobot.Flaws() {
		It("catches the "+string(fi.Name)+" flaw with the judge named for it, on "+fi.Fails, func() {
			judge, ok := flawJudges[fi.Name]
			Expect(ok).To(BeTrue(), "no judge is named for the demo bot's %s flaw", fi.Name)
			c := lib.Case(fi.Fails)
			Expect(c).NotTo(BeNil(), "the bundled library has no case %s", fi.Fails)
			Expect(failures(lib, []*suite.Case{c}, fi.Name)[fi.Fails]).To(ContainElement(HaveField("Judge", judge)))
		})
	}
})
