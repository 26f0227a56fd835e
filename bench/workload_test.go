package bench_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/bench/workload"
	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// overHTTP is the demo bot as both tools reach it over HTTP: no language
// hint (OpenAI chat completions carry none).
var overHTTP = target.Func(func(ctx context.Context, req target.Request) (target.Response, error) {
	req.Language = ""
	return demobot.New().Reply(ctx, req)
})

var _ = Describe("the benchmark workload", func() {
	for _, turns := range []int{1, 2, 3} {
		It(fmt.Sprintf("gives %d-turn cases that load back and whose checks hold against the demo bot", turns), func() {
			cases, err := workload.Generate(80, turns)
			Expect(err).NotTo(HaveOccurred())
			Expect(cases).To(HaveLen(80))
			dir := GinkgoT().TempDir()
			Expect(workload.WriteSuite(dir, cases, 25)).To(Succeed())
			s, err := suite.Load(filepath.Join(dir, "cases"))
			Expect(err).NotTo(HaveOccurred())
			Expect(s.Cases).To(HaveLen(80))
			for _, c := range s.Cases {
				Expect(c.Turns).To(HaveLen(turns), c.ID)
				Expect(c.Policy).NotTo(BeNil(), c.ID)
				t := replay.Play(context.Background(), overHTTP, c, 1)
				Expect(t.Failed()).To(BeFalse())
				said := strings.Join(t.Replies(), "\n")
				for _, m := range c.Expect.MustSay {
					_, ok := m.Find(said)
					Expect(ok).To(BeTrue(), "%s must say %s", c.ID, m)
				}
				for _, m := range c.Expect.MustNotSay {
					_, ok := m.Find(said)
					Expect(ok).To(BeFalse(), "%s must not say %s", c.ID, m)
				}
			}
		})
	}

	It("writes the same single-turn cases as a promptfoo config with icontains and not-icontains", func() {
		cases, err := workload.Generate(40, 1)
		Expect(err).NotTo(HaveOccurred())
		data, err := workload.Promptfoo(cases, "http://127.0.0.1:1/v1/chat/completions")
		Expect(err).NotTo(HaveOccurred())
		var cfg struct {
			Providers []struct {
				ID     string         `json:"id"`
				Config map[string]any `json:"config"`
			} `json:"providers"`
			Tests []struct {
				Description string            `json:"description"`
				Vars        map[string]string `json:"vars"`
				Assert      []struct{ Type, Value string }
			} `json:"tests"`
		}
		Expect(json.Unmarshal(data, &cfg)).To(Succeed())
		Expect(cfg.Providers).To(HaveLen(1))
		Expect(cfg.Providers[0].ID).To(HavePrefix("http://127.0.0.1"))
		Expect(cfg.Tests).To(HaveLen(40))
		for i, t := range cfg.Tests {
			Expect(t.Description).To(Equal(cases[i].ID))
			Expect(t.Vars["message"]).To(Equal(cases[i].Turns[0]))
			var contains, not []string
			for _, a := range t.Assert {
				switch a.Type {
				case "icontains":
					contains = append(contains, a.Value)
				case "not-icontains":
					not = append(not, a.Value)
				default:
					Fail("unexpected assertion " + a.Type)
				}
			}
			Expect(contains).To(Equal(cases[i].MustSay))
			Expect(not).To(Equal(cases[i].MustNotSay))
		}

		multi, err := workload.Generate(2, 2)
		Expect(err).NotTo(HaveOccurred())
		_, err = workload.Promptfoo(multi, "http://127.0.0.1:1/")
		Expect(err).To(MatchError(ContainSubstring("single-turn")))
	})
})
