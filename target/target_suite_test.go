package target_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"go.uber.org/goleak"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

func TestTarget(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "target")
}

// Every spec must leave no goroutines behind: servers are closed and
// client keep-alive connections dropped by the cleanups below, which run
// before this check (cleanups run last-registered first).
var _ = BeforeEach(func() {
	before := goleak.IgnoreCurrent()
	DeferCleanup(func() {
		Expect(goleak.Find(before)).To(Succeed())
	})
})

// seen is one request the scripted server received.
type seen struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   []byte
	At     time.Time
}

// bot is a scripted httptest server: the n-th request gets the n-th
// handler; the last handler answers all further requests.
type bot struct {
	*httptest.Server
	mu    sync.Mutex
	reqs  []seen
	steps []http.HandlerFunc
}

func newBot(steps ...http.HandlerFunc) *bot {
	b := &bot{steps: steps}
	b.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		b.mu.Lock()
		n := len(b.reqs)
		b.reqs = append(b.reqs, seen{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body, At: time.Now()})
		step := b.steps[min(n, len(b.steps)-1)]
		b.mu.Unlock()
		step(w, r)
	}))
	DeferCleanup(b.Close)
	return b
}

func (b *bot) requests() []seen {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]seen(nil), b.reqs...)
}

// bodyOf decodes the i-th request body.
func (b *bot) bodyOf(i int) map[string]any {
	reqs := b.requests()
	ExpectWithOffset(1, len(reqs)).To(BeNumerically(">", i))
	var m map[string]any
	ExpectWithOffset(1, json.Unmarshal(reqs[i].Body, &m)).To(Succeed(), string(reqs[i].Body))
	return m
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// chat answers like an OpenAI-compatible server.
func chat(content string, toolCalls ...map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		msg := map[string]any{"role": "assistant", "content": content}
		if len(toolCalls) > 0 {
			msg["tool_calls"] = toolCalls
		}
		writeJSON(w, map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "demo",
			"choices": []any{map[string]any{"index": 0, "message": msg, "finish_reason": "stop"}},
		})
	}
}

func toolCall(name, args string) map[string]any {
	return map[string]any{"id": "call_1", "type": "function", "function": map[string]any{"name": name, "arguments": args}}
}

func status(code int, body string, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}
}

func raw(body string) http.HandlerFunc { return status(http.StatusOK, body) }

// stall never answers; it returns when the client gives up.
func stall(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

// hangUp closes the connection without a word.
func hangUp(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err)
	}
	_ = conn.Close()
}

// halfReply promises a body and hangs up halfway through it.
func halfReply(w http.ResponseWriter, r *http.Request) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err)
	}
	defer conn.Close()
	_, _ = io.WriteString(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"choices\":")
	_ = buf.Flush()
}

// env is a getenv over a fixed map.
func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

// fast shortens backoff so retry specs take milliseconds.
func fast(o *target.RetryOptions) {
	o.InitialInterval = time.Millisecond
	o.MaxInterval = 5 * time.Millisecond
}

// build is target.New with fast backoff and keep-alive cleanup.
func build(cfg suite.TargetConfig, getenv func(string) string, adjust ...func(*target.RetryOptions)) target.Target {
	t, err := target.New(cfg, getenv, append([]func(*target.RetryOptions){fast}, adjust...)...)
	ExpectWithOffset(1, err).NotTo(HaveOccurred())
	c, ok := t.(interface{ CloseIdleConnections() })
	ExpectWithOffset(1, ok).To(BeTrue(), "targets from New can drop idle connections")
	DeferCleanup(c.CloseIdleConnections)
	return t
}

func turn(msg string, history ...target.Message) target.Request {
	return target.Request{CaseID: "airline/x", Attempt: 1, SessionID: "s-1", Turn: len(history)/2 + 1, Message: msg, History: history}
}

func ask(t target.Target, req target.Request) (target.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return t.Reply(ctx, req)
}
