package llm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"go.uber.org/goleak"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/judges/llm"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

func TestLLM(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "judges/llm")
}

// Every spec must leave no goroutines behind: servers are closed and the
// judges' keep-alive connections dropped by cleanups that run before this
// check (cleanups run last-registered first).
var _ = BeforeEach(func() {
	before := goleak.IgnoreCurrent()
	DeferCleanup(func() {
		Expect(goleak.Find(before)).To(Succeed())
	})
})

const (
	apiKey = "sk-test-Zq8v2NkLrT5mW0pY"
	model  = "test-model"
)

// seen is one request the scripted judge server received.
type seen struct {
	Path   string
	Query  url.Values
	Header http.Header
	Body   map[string]any
	At     time.Time
}

// system and user return the request's first two messages.
func (s seen) message(i int) string {
	msgs, _ := s.Body["messages"].([]any)
	if i >= len(msgs) {
		return ""
	}
	m, _ := msgs[i].(map[string]any)
	c, _ := m["content"].(string)
	return c
}

func (s seen) system() string { return s.message(0) }
func (s seen) user() string   { return s.message(1) }

// responseFormat returns the request's response_format type.
func (s seen) responseFormat() string {
	rf, _ := s.Body["response_format"].(map[string]any)
	t, _ := rf["type"].(string)
	return t
}

// seed returns the request's seed (-1 when absent).
func (s seen) seed() int {
	f, ok := s.Body["seed"].(float64)
	if !ok {
		return -1
	}
	return int(f)
}

// judgeServer speaks the OpenAI chat-completions protocol: the n-th
// request gets the n-th step; the last step answers all further requests.
type judgeServer struct {
	*httptest.Server
	mu       sync.Mutex
	reqs     []seen
	steps    []http.HandlerFunc
	inFlight int
	maxIn    int
}

func newServer(steps ...http.HandlerFunc) *judgeServer {
	s := &judgeServer{steps: steps}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(raw))
		var body map[string]any
		_ = json.Unmarshal(raw, &body)
		s.mu.Lock()
		n := len(s.reqs)
		s.reqs = append(s.reqs, seen{Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body, At: time.Now()})
		step := s.steps[min(n, len(s.steps)-1)]
		s.inFlight++
		s.maxIn = max(s.maxIn, s.inFlight)
		s.mu.Unlock()
		step(w, r)
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}))
	DeferCleanup(s.Close)
	return s
}

func (s *judgeServer) requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.reqs...)
}

func (s *judgeServer) maxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxIn
}

// completion writes a chat completion whose message content is content.
func completion(w http.ResponseWriter, content string, promptTokens, completionTokens int) {
	w.Header().Set("Content-Type", "application/json")
	resp := map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": model,
		"choices": []any{map[string]any{"index": 0, "message": map[string]any{"role": "assistant", "content": content}, "finish_reason": "stop"}},
	}
	if promptTokens > 0 || completionTokens > 0 {
		resp["usage"] = map[string]any{"prompt_tokens": promptTokens, "completion_tokens": completionTokens, "total_tokens": promptTokens + completionTokens}
	}
	_ = json.NewEncoder(w).Encode(resp)
}

// reply answers with content (a JSON string or any value to marshal).
func reply(v any) http.HandlerFunc {
	return replyWithUsage(v, 0, 0)
}

func replyWithUsage(v any, promptTokens, completionTokens int) http.HandlerFunc {
	content, ok := v.(string)
	if !ok {
		b, err := json.Marshal(v)
		Expect(err).NotTo(HaveOccurred())
		content = string(b)
	}
	return func(w http.ResponseWriter, r *http.Request) { completion(w, content, promptTokens, completionTokens) }
}

// bySeed answers with the reply scripted for the request's seed.
func bySeed(replies map[int]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body struct {
			Seed int `json:"seed"`
		}
		_ = json.Unmarshal(raw, &body)
		v, ok := replies[body.Seed]
		if !ok {
			http.Error(w, `{"error":{"message":"no reply scripted for this seed","type":"test"}}`, http.StatusTeapot)
			return
		}
		b, _ := json.Marshal(v)
		completion(w, string(b), 0, 0)
	}
}

// bySystemPrompt answers with the reply whose key the system prompt
// contains.
func bySystemPrompt(replies map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body struct {
			Messages []struct {
				Content string `json:"content"`
			} `json:"messages"`
		}
		_ = json.Unmarshal(raw, &body)
		for k, v := range replies {
			if len(body.Messages) > 0 && strings.Contains(body.Messages[0].Content, k) {
				b, _ := json.Marshal(v)
				completion(w, string(b), 0, 0)
				return
			}
		}
		http.Error(w, `{"error":{"message":"no reply scripted for this prompt","type":"test"}}`, http.StatusTeapot)
	}
}

func status(code int, body string, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}
}

func apiError(code int, msg string, header ...string) http.HandlerFunc {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error"}})
	return status(code, string(b), header...)
}

// stall never answers; it returns when the client gives up.
func stall(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

// build makes judges against the server with fast backoff, a private cache
// and cleanup of keep-alive connections.
func build(srv *judgeServer, adjust ...func(*llm.Config)) *llm.Judges {
	cfg := llm.Config{
		Model: model, BaseURL: srv.URL + "/v1", APIKey: apiKey,
		CacheDir:       GinkgoT().TempDir(),
		InitialBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		Timeout: 5 * time.Second,
	}
	for _, a := range adjust {
		a(&cfg)
	}
	j, err := llm.New(cfg)
	ExpectWithOffset(1, err).NotTo(HaveOccurred())
	DeferCleanup(j.Close)
	return j
}

// named returns the judge of that name.
func named(j *llm.Judges, name string) judges.Judge {
	for _, jd := range j.Judges() {
		if jd.Name() == name {
			return jd
		}
	}
	Fail("no judge named " + name)
	return nil
}

func run(jd judges.Judge, c *suite.Case, t *transcript.Transcript) []judges.Verdict {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return jd.Judge(ctx, c, t)
}

const policyText = `# Bereavement fares
Bereavement fares must be requested before travel. They cannot be applied retroactively.
Refunds for unused tickets are issued within 7 business days.
## Escalation
Hand the customer to a human agent when they ask for one or when they dispute a charge.`

// bereavement is the Air Canada case.
func bereavement() *suite.Case {
	return &suite.Case{
		ID: "airline/bereavement", Language: "en", Severity: suite.Critical,
		Turns:  []suite.Turn{{User: "My grandmother died last week. Can I get the bereavement fare refunded after my trip?"}},
		Expect: suite.Expect{Facts: []string{"Bereavement fares must be requested before travel."}},
		Policy: &suite.Policy{Path: "policies/airline.md", Text: policyText},
	}
}

// conv builds a transcript from alternating customer/bot strings.
func conv(attempt int, pairs ...string) *transcript.Transcript {
	t := &transcript.Transcript{CaseID: "airline/bereavement", Attempt: attempt}
	for i := 0; i+1 < len(pairs); i += 2 {
		t.Turns = append(t.Turns, transcript.Turn{Index: i/2 + 1, User: pairs[i], Reply: pairs[i+1]})
	}
	return t
}

const inventedReply = "I'm so sorry for your loss. You can claim the bereavement rate within 90 days after travel. Refunds are issued within 7 business days."

func airCanada(attempt int) *transcript.Transcript {
	return conv(attempt, bereavement().Turns[0].User, inventedReply)
}

// claim is one claim in an accuracy reply.
func claim(turn int, botQuote, topic, class, policyQuote string) map[string]any {
	return map[string]any{"turn": turn, "bot_quote": botQuote, "topic": topic, "classification": class,
		"policy_quote": policyQuote, "explanation": "checked against the policy"}
}

func claims(cs ...map[string]any) map[string]any {
	if cs == nil {
		cs = []map[string]any{}
	}
	return map[string]any{"claims": cs}
}

var contradicted = claim(1, "you can claim the bereavement rate within 90 days after travel", "time_limit", "contradicted", "They cannot be applied retroactively")
var supported = claim(1, "Refunds are issued within 7 business days", "procedure", "supported", "Refunds for unused tickets are issued within 7 business days")

func rubricReply(verdict, quote string) map[string]any {
	return map[string]any{"verdict": verdict, "quote": quote, "reason": "as the criterion says"}
}

func byStatus(vs []judges.Verdict, st judges.Status) []judges.Verdict {
	var out []judges.Verdict
	for _, v := range vs {
		if v.Status == st {
			out = append(out, v)
		}
	}
	return out
}

// withoutMarks removes the spans the judges wrap as flagged data.
func withoutMarks(s string) string {
	for {
		i := strings.Index(s, "⟦")
		if i < 0 {
			return s
		}
		k := strings.Index(s[i:], "⟧")
		if k < 0 {
			return s
		}
		s = s[:i] + s[i+k+len("⟧"):]
	}
}
