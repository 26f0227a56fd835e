package cli_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/cli"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
)

// judgeServer is a fake OpenAI-compatible judge model. It answers each LLM
// judge with a valid, empty-handed ruling (no claims, no distressed turns)
// and counts requests and the keys it was sent.
func judgeServer() (*httptest.Server, *atomic.Int32, *atomic.Value) {
	var calls atomic.Int32
	var auth atomic.Value
	auth.Store("")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		auth.Store(r.Header.Get("Authorization"))
		var req struct {
			Model    string `json:"model"`
			Messages []struct {
				Content string `json:"content"`
			} `json:"messages"`
			ResponseFormat struct {
				JSONSchema struct {
					Name string `json:"name"`
				} `json:"json_schema"`
			} `json:"response_format"`
		}
		_ = json.NewDecoder(r.Body).Decode(&req)
		// The transcript comes one JSON line per message; rule on every
		// bot turn, agreeing with the handoffs the bot made.
		var empathy, escalation []any
		for _, m := range req.Messages {
			for _, line := range strings.Split(m.Content, "\n") {
				var msg struct {
					Turn      int    `json:"turn"`
					Role      string `json:"role"`
					HandedOff bool   `json:"handed_off"`
				}
				if json.Unmarshal([]byte(line), &msg) != nil || msg.Role != "bot" {
					continue
				}
				empathy = append(empathy, map[string]any{"turn": msg.Turn, "customer_distressed": false, "level": 5, "reason": "kind", "quotes": []string{}})
				escalation = append(escalation, map[string]any{"turn": msg.Turn, "should_hand_off": msg.HandedOff, "quote": "", "reason": "as the policy says"})
			}
		}
		var content any
		switch req.ResponseFormat.JSONSchema.Name {
		case "accuracy_claims":
			content = map[string]any{"claims": []any{}}
		case "empathy_levels":
			content = map[string]any{"turns": empathy}
		case "escalation_review":
			content = map[string]any{"turns": escalation, "handoff_summary": map[string]any{"useful": true, "quote": "", "reason": "fine"}}
		default:
			content = map[string]any{"verdict": "pass", "quote": "", "reason": "fine"}
		}
		body, _ := json.Marshal(content)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"id": "j", "object": "chat.completion", "model": req.Model,
			"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": string(body)}}},
			"usage":   map[string]any{"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}})
	}))
	return srv, &calls, &auth
}

func verdictsBy(sc *score.Scorecard, judge string) []judges.Verdict {
	var out []judges.Verdict
	for _, c := range sc.Cases {
		for _, v := range c.Verdicts {
			if v.Judge == judge {
				out = append(out, v)
			}
		}
	}
	return out
}

var _ = Describe("LLM judges in a run", func() {
	var out string
	BeforeEach(func() { out = filepath.Join(GinkgoT().TempDir(), "report") })

	It("are skipped, visibly, without a judge model, and the run still gates on the rules", func() {
		r := run("run", "--out", out)
		Expect(r.code).To(Equal(0))
		sc := readScorecard(out)
		skipped := verdictsBy(sc, "llm-accuracy")
		Expect(skipped).To(HaveLen(len(sc.Cases)))
		for _, v := range skipped {
			Expect(v.Status).To(Equal(judges.Skipped))
			Expect(v.Rationale).To(ContainSubstring("--judge-model"))
		}
	})

	It("rule beside the rule judges when a model is configured, with the key from the environment", func() {
		srv, calls, auth := judgeServer()
		defer srv.Close()
		env := map[string]string{"TRIBUNAL_JUDGE_API_KEY": "sk-judge-secret"}
		r := tribunal(context.Background(), env, false, "run", "--out", out, "--judge-model", "judge-1",
			"--judge-base-url", srv.URL+"/v1", "--judge-cache", filepath.Join(GinkgoT().TempDir(), "cache"))
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		Expect(calls.Load()).To(BeNumerically(">", 0))
		Expect(auth.Load()).To(Equal("Bearer sk-judge-secret"))
		sc := readScorecard(out)
		for _, v := range verdictsBy(sc, "llm-accuracy") {
			Expect(v.Status).To(Equal(judges.Pass))
		}
		Expect(sc.Run.Judges).To(ContainElement(And(HaveField("Name", "llm-accuracy"), HaveField("Model", "judge-1"), HaveField("PromptVersion", Not(BeEmpty())))))
		Expect(sc.Judging).NotTo(BeNil(), "cost and cache statistics are in the scorecard")
		Expect(sc.Judging.Model).To(Equal("judge-1"))
		Expect(sc.Judging.Calls).To(BeNumerically(">", 0))
		Expect(sc.Judging.CacheMisses).To(Equal(sc.Judging.Calls))
		Expect(sc.Judging.PromptTokens).To(BeNumerically(">", 0))
		Expect(sc.Judging.Judges).To(HaveKey("llm-accuracy"))
		Expect(r.out).To(ContainSubstring("LLM judging (judge-1):"))
		Expect(readFile(filepath.Join(out, "summary.md"))).To(ContainSubstring("LLM judging with"))
		Expect(readFile(filepath.Join(out, "index.html"))).To(ContainSubstring("LLM judging"))
		for _, f := range []string{"scorecard.json", "summary.md", "index.html", "junit.xml", "results.jsonl"} {
			Expect(readFile(filepath.Join(out, f))).NotTo(ContainSubstring("sk-judge-secret"), f)
		}
		Expect(r.out + r.errOut).NotTo(ContainSubstring("sk-judge-secret"))
	})
})

var _ = Describe("the LLM verdict cache", func() {
	It("serves an unchanged re-run from disk without asking the model again", func() {
		srv, calls, _ := judgeServer()
		defer srv.Close()
		cache := filepath.Join(GinkgoT().TempDir(), "cache")
		args := func(out string) []string {
			return []string{"run", "--out", out, "--judge-model", "judge-1", "--judge-base-url", srv.URL + "/v1", "--judge-cache", cache}
		}
		first := filepath.Join(GinkgoT().TempDir(), "first")
		Expect(run(args(first)...).code).To(Equal(0))
		asked := calls.Load()
		second := filepath.Join(GinkgoT().TempDir(), "second")
		Expect(run(args(second)...).code).To(Equal(0))
		Expect(calls.Load()).To(Equal(asked), "the second run asked the model nothing")
		sc := readScorecard(second)
		Expect(sc.Judging.CacheHits).To(Equal(sc.Judging.Calls))
	})
})

var _ = Describe("tribunal judge", func() {
	It("re-judges saved transcripts without calling the bot", func() {
		first := filepath.Join(GinkgoT().TempDir(), "first")
		Expect(run("run", "--out", first).code).To(Equal(0))

		srv, calls, _ := judgeServer()
		defer srv.Close()
		again := filepath.Join(GinkgoT().TempDir(), "again")
		r := run("judge", first, "--out", again, "--judge-model", "judge-2", "--judge-base-url", srv.URL+"/v1",
			"--judge-cache", filepath.Join(GinkgoT().TempDir(), "cache"))
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		Expect(calls.Load()).To(BeNumerically(">", 0))

		a, b := readScorecard(first), readScorecard(again)
		Expect(b.Totals.Cases).To(Equal(a.Totals.Cases))
		Expect(verdictsBy(a, "llm-accuracy")[0].Status).To(Equal(judges.Skipped))
		Expect(verdictsBy(b, "llm-accuracy")[0].Status).To(Equal(judges.Pass))
		// The transcripts are the saved ones, not new replies.
		Expect(b.Cases[0].Attempts[0].Transcript.SessionID).To(Equal(a.Cases[0].Attempts[0].Transcript.SessionID))
		Expect(countLines(filepath.Join(again, "results.jsonl"))).To(Equal(a.Totals.Attempts))
	})

	It("turns a failing bot's saved run into the same failure when re-judged by the rules", func() {
		first := filepath.Join(GinkgoT().TempDir(), "first")
		Expect(run("run", "--out", first, "--demo-flaws", "air-canada").code).To(Equal(1))
		r := run("judge", first, "--out", filepath.Join(GinkgoT().TempDir(), "again"))
		Expect(r.code).To(Equal(1))
		Expect(r.out).To(ContainSubstring("airline/bereavement-retroactive"))
	})

	It("re-judges a run larger than one batch in suite order, every attempt once", func() {
		first := filepath.Join(GinkgoT().TempDir(), "first")
		Expect(run("run", "--out", first, "--repeat", "5").code).To(Equal(0)) // 216 cases × 5 > 1,024
		again := filepath.Join(GinkgoT().TempDir(), "again")
		r := run("judge", first, "--out", again)
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		keys := func(dir string) []results.Key {
			var ks []results.Key
			Expect(results.ReadFile(filepath.Join(dir, results.FileName), func(r *results.Record) error {
				ks = append(ks, r.Key())
				return nil
			})).To(Succeed())
			return ks
		}
		a, b := readScorecard(first), readScorecard(again)
		order := map[string]int{}
		for i, c := range a.Cases {
			order[c.ID] = i
		}
		// The run wrote attempts as they finished; judge walks the suite.
		want := keys(first)
		slices.SortFunc(want, func(x, y results.Key) int {
			return cmp.Or(cmp.Compare(order[x.CaseID], order[y.CaseID]), cmp.Compare(x.Attempt, y.Attempt))
		})
		Expect(len(want)).To(BeNumerically(">", 1024))
		Expect(keys(again)).To(Equal(want))
		Expect(b.Totals).To(Equal(a.Totals))
	})

	It("re-judges a suite it does not hold, reading it again case by case, as it re-judges one it holds", func() {
		first := filepath.Join(GinkgoT().TempDir(), "first")
		Expect(run("run", "--out", first, "--demo-flaws", "air-canada", "--repeat", "2").code).To(Equal(1))
		held := filepath.Join(GinkgoT().TempDir(), "held")
		Expect(run("judge", first, "--out", held).code).To(Equal(1))
		DeferCleanup(cli.HoldCases(3))
		walked := filepath.Join(GinkgoT().TempDir(), "walked")
		r := run("judge", first, "--out", walked)
		Expect(r.code).To(Equal(1), r.out+r.errOut)
		a, b := readScorecard(held), readScorecard(walked)
		Expect(b.Totals).To(Equal(a.Totals))
		Expect(b.Cases).To(HaveLen(len(a.Cases)))
		for i := range a.Cases {
			Expect(b.Cases[i].ID).To(Equal(a.Cases[i].ID))
			Expect(b.Cases[i].Status).To(Equal(a.Cases[i].Status), a.Cases[i].ID)
		}
	})

	It("refuses transcripts of cases the suites do not have, naming the first in the file", func() {
		first := filepath.Join(GinkgoT().TempDir(), "first")
		Expect(run("run", "--out", first).code).To(Equal(0))
		var ids []string
		Expect(results.ReadFile(filepath.Join(first, results.FileName), func(r *results.Record) error {
			ids = append(ids, r.CaseID)
			return nil
		})).To(Succeed())
		dir := GinkgoT().TempDir()
		kept := ids[0] // the one case this suite has
		Expect(os.WriteFile(filepath.Join(dir, "one.yaml"), []byte("version: 1\ncases:\n  - id: "+kept+"\n    turns: [{user: hi}]\n"), 0o644)).To(Succeed())
		r := run("judge", first, dir, "--out", filepath.Join(GinkgoT().TempDir(), "again"))
		Expect(r.code).To(Equal(2))
		Expect(r.errOut).To(ContainSubstring(fmt.Sprintf("%d transcript(s) belong to cases not in the suites (first: %s)", len(ids)-1, ids[1])))
	})

	It("refuses to overwrite the transcripts it reads, and a folder without results", func() {
		dir := GinkgoT().TempDir()
		Expect(run("judge", dir, "--out", dir).code).To(Equal(2))
		r := run("judge", dir, "--out", filepath.Join(dir, "x"))
		Expect(r.code).To(Equal(2))
		Expect(r.errOut).To(ContainSubstring("no results.jsonl"))
	})
})

func readFile(path string) string {
	data, err := readBytes(path)
	Expect(err).NotTo(HaveOccurred())
	return strings.ToValidUTF8(string(data), "")
}

var _ = Describe("A judging budget", func() {
	suiteWith := func(config string) string {
		dir := GinkgoT().TempDir()
		var b strings.Builder
		b.WriteString("version: 1\ncases:\n")
		for i := range 6 {
			fmt.Fprintf(&b, "  - id: budget-%d\n    turns: [{user: \"What is the baggage allowance on Economy Classic?\"}]\n", i)
		}
		Expect(os.WriteFile(filepath.Join(dir, "cases.yaml"), []byte(b.String()), 0o644)).To(Succeed())
		if config != "" {
			Expect(os.WriteFile(filepath.Join(dir, "tribunal.yaml"), []byte(config), 0o644)).To(Succeed())
		}
		return dir
	}

	It("is refused for a judge model with no known price, before anything is judged", func() {
		srv, calls, _ := judgeServer()
		defer srv.Close()
		r := run("run", suiteWith(""), "--out", filepath.Join(GinkgoT().TempDir(), "out"), "--judge-model", "my-azure-deployment",
			"--judge-base-url", srv.URL+"/v1", "--no-judge-cache", "--max-judge-cost", "5")
		Expect(r.code).To(Equal(2))
		Expect(r.errOut).To(ContainSubstring(`tribunal knows no price for the judge model "my-azure-deployment"`))
		Expect(r.errOut).To(ContainSubstring("my-azure-deployment: {input_per_1k:"))
		Expect(calls.Load()).To(BeZero())
	})

	It("counts the prices tribunal.yaml gives and stops judging at the cap", func() {
		srv, calls, _ := judgeServer()
		defer srv.Close()
		// Each call of the fake judge is 100 prompt and 10 completion
		// tokens: 0.12 USD at these prices.
		dir := suiteWith("judge:\n  prices:\n    my-azure-deployment: {input_per_1k: 1.0, output_per_1k: 2.0}\n")
		out := filepath.Join(GinkgoT().TempDir(), "out")
		r := run("run", dir, "--out", out, "--judge-model", "my-azure-deployment", "--judge-base-url", srv.URL+"/v1",
			"--no-judge-cache", "--concurrency", "1", "--max-judge-cost", "0.5")
		Expect(r.code).To(BeElementOf(0, 1), r.out+r.errOut)
		sc := readScorecard(out)
		Expect(sc.Judging).NotTo(BeNil())
		Expect(sc.Judging.BudgetReached).To(BeTrue())
		sent := float64(calls.Load())
		Expect(sc.Judging.CostUSD).To(BeNumerically("~", 0.12*sent, 1e-9), "every call priced as tribunal.yaml says")
		Expect(sc.Judging.CostUSD).To(BeNumerically(">=", 0.5))
		Expect(sc.Judging.CostUSD).To(BeNumerically("<", 0.5+0.12+1e-9), "one call at a time: none after the cap")
		Expect(sc.Judging.Skipped).To(BeNumerically(">", 0), "the judgements past the cap are skipped")
	})

	It("refuses a negative price", func() {
		r := run("run", suiteWith("judge:\n  prices:\n    m: {input_per_1k: -1, output_per_1k: 0}\n"), "--out", filepath.Join(GinkgoT().TempDir(), "out"))
		Expect(r.code).To(Equal(2))
		Expect(r.errOut).To(ContainSubstring("judge.prices.m in tribunal.yaml: a price must not be negative"))
	})
})
