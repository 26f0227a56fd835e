package cli_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// calibrationJudge is a fake OpenAI-compatible judge model for calibrate:
// the accuracy judge finds an unsupported claim in every bot reply that
// contains "CLAIM:", none elsewhere, and answers a reply containing
// "GARBLED" with text that does not parse (an error verdict after the
// retry). The other judges pass everything.
func calibrationJudge() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
		var claims, empathy, escalation []any
		garbled := false
		for _, m := range req.Messages {
			for _, line := range strings.Split(m.Content, "\n") {
				var msg struct {
					Turn      int    `json:"turn"`
					Role      string `json:"role"`
					Content   string `json:"content"`
					HandedOff bool   `json:"handed_off"`
				}
				if json.Unmarshal([]byte(line), &msg) != nil || msg.Role != "bot" {
					continue
				}
				if strings.Contains(msg.Content, "GARBLED") {
					garbled = true
				}
				if strings.Contains(msg.Content, "CLAIM:") {
					claims = append(claims, map[string]any{"turn": msg.Turn, "bot_quote": msg.Content, "topic": "policy",
						"classification": "unsupported", "policy_quote": "", "explanation": "the policy says nothing of it"})
				}
				empathy = append(empathy, map[string]any{"turn": msg.Turn, "customer_distressed": false, "level": 5, "reason": "kind", "quotes": []string{}})
				escalation = append(escalation, map[string]any{"turn": msg.Turn, "should_hand_off": msg.HandedOff, "quote": "", "reason": "as the policy says"})
			}
		}
		var content any
		switch req.ResponseFormat.JSONSchema.Name {
		case "accuracy_claims":
			if claims == nil {
				claims = []any{}
			}
			content = map[string]any{"claims": claims}
		case "empathy_levels":
			content = map[string]any{"turns": empathy}
		case "escalation_review":
			content = map[string]any{"turns": escalation, "handoff_summary": map[string]any{"useful": true, "quote": "", "reason": "fine"}}
		default:
			content = map[string]any{"verdict": "pass", "quote": "", "reason": "fine"}
		}
		body, _ := json.Marshal(content)
		if garbled {
			body = []byte("I think the bot did fine, honestly.")
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"id": "j", "object": "chat.completion", "model": req.Model,
			"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": string(body)}}},
			"usage":   map[string]any{"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}})
	}))
}

// llmCalibrationSet labels seven replies for llm-accuracy against the fake
// judge above: it agrees on a, b (flagged) and e, f (passed), misses c,
// raises a false alarm on d, and errs on g; h is labelled for no LLM judge.
const llmCalibrationSet = `cases:
  - id: en/refund
    language: en
    facts: ["Refunds are possible within 24 hours of booking."]
    customer: [Can I get a refund?]
    replies:
      - id: a
        bot: "CLAIM: refunds are possible at any time."
        flags: [llm-accuracy]
      - id: b
        bot: "CLAIM: every fare includes a free checked bag."
        flags: [llm-accuracy]
      - id: c
        bot: Refunds are possible for 30 days.
        flags: [llm-accuracy]
        note: an invented time limit the judge does not catch
      - id: d
        bot: "CLAIM: refunds are possible within 24 hours of booking."
        labelled: [llm-accuracy]
      - id: e
        bot: Thanks for waiting, let me look at your booking.
        labelled: [llm-accuracy]
      - id: f
        bot: Could you tell me your booking reference?
        labelled: [llm-accuracy]
      - id: g
        bot: GARBLED reply for the judge.
        labelled: [llm-accuracy]
      - id: h
        bot: "CLAIM: nobody labelled this for an LLM judge."
`

var _ = Describe("tribunal calibrate with LLM judges", func() {
	var dir string
	BeforeEach(func() { dir = writeSuite(map[string]string{"set.yaml": llmCalibrationSet}) })

	It("scores the LLM judges against the human labels, with kappa beside precision and recall", func() {
		srv := calibrationJudge()
		defer srv.Close()
		env := map[string]string{"TRIBUNAL_JUDGE_API_KEY": "sk-test"}
		r := tribunal(context.Background(), env, false, "calibrate", dir, "-v", "--judge-model", "fake",
			"--judge-base-url", srv.URL+"/v1", "--judge-cache", filepath.Join(GinkgoT().TempDir(), "cache"))
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		// TP 2 (a, b), FN 1 (c), FP 1 (d), TN 2 (e, f); g errored; h not scored.
		// precision 2/3, recall 2/3, false-alarm rate 1/3.
		// p_o = 4/6; judge flags 3 of 6, human 3 of 6: p_e = (3·3 + 3·3)/36 = 0.5;
		// kappa = (0.667 - 0.5)/0.5 = 0.333.
		Expect(r.out).To(MatchRegexp(`llm-accuracy\s+3\s+2\s+1\s+1\s+2\s+0\.667\s+0\.667\s+0\.333\s+0\.333\s+0\s+1`))
		Expect(r.out).To(MatchRegexp(`kappa\s+skipped\s+errors`))
		Expect(r.out).To(ContainSubstring("not ruled    llm-accuracy       en/refund/g  error:"))
		Expect(r.out).To(ContainSubstring("miss         llm-accuracy       en/refund/c  an invented time limit"))
		Expect(r.out).NotTo(ContainSubstring("en/refund/h  "))
		Expect(r.out).To(ContainSubstring("LLM judging (fake):"))
		Expect(r.out).NotTo(ContainSubstring("skipped, not scored"))
	})

	It("takes the judge settings of a suite's tribunal.yaml with --suite, flags over them", func() {
		srv := calibrationJudge()
		defer srv.Close()
		suiteDir := writeSuite(map[string]string{
			"a.yaml":        "version: 1\ncases:\n  - id: one\n    turns: [{user: hello}]\n",
			"tribunal.yaml": "judge:\n  model: fake\n  base_url: " + srv.URL + "/v1\n  api_key_env: TEAM_JUDGE_KEY\n",
		})
		env := map[string]string{"TEAM_JUDGE_KEY": "sk-team"}
		r := tribunal(context.Background(), env, false, "calibrate", dir, "--suite", suiteDir, "--no-judge-cache")
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		Expect(r.out).To(MatchRegexp(`llm-accuracy\s+3\s+2\s+1\s+1\s+2\s+0\.667`))
		Expect(r.out).To(ContainSubstring("LLM judging (fake):"))
		Expect(r.out).NotTo(ContainSubstring("sk-team"))

		// A flag overrides the file.
		r = tribunal(context.Background(), env, false, "calibrate", dir, "--suite", suiteDir, "--no-judge-cache",
			"--judge-model", "other")
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		Expect(r.out).To(ContainSubstring("LLM judging (other):"))

		bad := writeSuite(map[string]string{"a.yaml": "version: 1\ncases:\n  - id: one\n    turns: oops\n"})
		r = run("calibrate", dir, "--suite", bad)
		Expect(r.code).To(Equal(2))
		Expect(r.errOut).To(ContainSubstring("a.yaml:4"))
	})

	It("gates on agreement with --min-kappa", func() {
		srv := calibrationJudge()
		defer srv.Close()
		r := run("calibrate", dir, "--judge-model", "fake", "--judge-base-url", srv.URL+"/v1", "--no-judge-cache", "--min-kappa", "0.6")
		Expect(r.code).To(Equal(1), r.out+r.errOut)
		Expect(r.errOut).To(ContainSubstring("llm-accuracy: kappa 0.333 is below 0.600"))
	})

	It("writes the report as JSON with --json", func() {
		srv := calibrationJudge()
		defer srv.Close()
		r := run("calibrate", dir, "--json", "--judge-model", "fake", "--judge-base-url", srv.URL+"/v1", "--no-judge-cache")
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		var rep struct {
			Items  int `json:"items"`
			Judges []struct {
				Judge     string   `json:"judge"`
				Kind      string   `json:"kind"`
				Status    string   `json:"status"`
				TP        int      `json:"tp"`
				Errored   int      `json:"errored"`
				Precision *float64 `json:"precision"`
				Recall    *float64 `json:"recall"`
				Kappa     *float64 `json:"kappa"`
			} `json:"judges"`
		}
		Expect(json.Unmarshal([]byte(r.out), &rep)).To(Succeed(), r.out)
		Expect(rep.Items).To(Equal(8))
		found := false
		for _, j := range rep.Judges {
			if j.Judge == "llm-accuracy" {
				found = true
				Expect(j.Kind).To(Equal("llm"))
				Expect(j.Status).To(Equal("scored"))
				Expect(j.TP).To(Equal(2))
				Expect(j.Errored).To(Equal(1))
				Expect(*j.Precision).To(BeNumerically("~", 2.0/3, 1e-9))
				Expect(*j.Recall).To(BeNumerically("~", 2.0/3, 1e-9))
				Expect(*j.Kappa).To(BeNumerically("~", 1.0/3, 1e-9))
			}
		}
		Expect(found).To(BeTrue())
	})

	It("lists the LLM judges as skipped, not scored, without a judge model", func() {
		r := run("calibrate", dir)
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		Expect(r.out).To(MatchRegexp(`llm-accuracy\s+skipped\s+7`))
		Expect(r.out).To(MatchRegexp(`llm-empathy\s+skipped`))
		Expect(r.out).To(MatchRegexp(`skipped, not scored \(no judge model configured \(--judge-model\)\): llm-accuracy, llm-empathy, llm-escalation, llm-rubric`))
		Expect(r.out).NotTo(ContainSubstring("labels naming no judge"))
	})

	It("lists them as skipped on the bundled set too, which the rule judges still pass", func() {
		r := run("calibrate")
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		Expect(r.out).To(ContainSubstring("skipped, not scored (no judge model configured (--judge-model)): llm-accuracy"))
		Expect(r.out).To(MatchRegexp(`figures\s+\d+`))
	})
})
