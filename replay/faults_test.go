package replay_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// completion writes an OpenAI chat-completions reply.
func completion(w http.ResponseWriter, content string) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": "x", "object": "chat.completion", "created": 1, "model": "m",
		"choices": []map[string]any{{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}},
	})
}

// lastUser returns the last user message of a chat-completions request.
func lastUser(r *http.Request) string {
	var req struct {
		Messages []struct{ Role, Content string } `json:"messages"`
	}
	_ = json.NewDecoder(r.Body).Decode(&req)
	for i := len(req.Messages) - 1; i >= 0; i-- {
		if req.Messages[i].Role == "user" {
			return req.Messages[i].Content
		}
	}
	return ""
}

var _ = Describe("Engine against an HTTP bot that misbehaves", func() {
	var (
		srv   *httptest.Server
		mu    sync.Mutex
		tries map[string]int
		stop  chan struct{}
	)
	BeforeEach(func() {
		tries = map[string]int{}
		stop = make(chan struct{})
		srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			msg := lastUser(r)
			mu.Lock()
			tries[msg]++
			n := tries[msg]
			mu.Unlock()
			switch {
			case strings.HasPrefix(msg, "ok"):
				completion(w, "Happy to help with "+msg+".")
			case strings.HasPrefix(msg, "flaky"):
				if n <= 2 {
					http.Error(w, "overloaded", http.StatusInternalServerError)
					return
				}
				completion(w, "Recovered.")
			case strings.HasPrefix(msg, "throttled"):
				if n == 1 {
					w.Header().Set("Retry-After", "0")
					http.Error(w, "slow down", http.StatusTooManyRequests)
					return
				}
				completion(w, "After the wait.")
			case strings.HasPrefix(msg, "down"):
				http.Error(w, "boom", http.StatusInternalServerError)
			case strings.HasPrefix(msg, "stall"):
				select {
				case <-stop:
				case <-r.Context().Done():
				}
			case strings.HasPrefix(msg, "garbage"):
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"choices": [ this is not json`))
			case strings.HasPrefix(msg, "empty"):
				w.WriteHeader(http.StatusOK)
			case strings.HasPrefix(msg, "hangup"):
				hj, _ := w.(http.Hijacker)
				conn, _, _ := hj.Hijack()
				_ = conn.Close()
			}
		}))
	})
	AfterEach(func() {
		close(stop)
		srv.CloseClientConnections()
		srv.Close()
	})

	run := func(messages ...string) map[string]*results.Record {
		retries := 3
		tgt, err := target.New(suite.TargetConfig{Kind: "openai", URL: srv.URL + "/v1", Retries: &retries, Timeout: suite.Duration(300 * time.Millisecond)}, func(string) string { return "" },
			func(o *target.RetryOptions) { o.InitialInterval, o.MaxInterval = time.Millisecond, 5*time.Millisecond })
		Expect(err).NotTo(HaveOccurred())
		var cases []*suite.Case
		for _, m := range messages {
			cases = append(cases, &suite.Case{ID: m, Turns: []suite.Turn{{User: "ok first"}, {User: m}}})
		}
		e := &replay.Engine{Target: tgt, Judge: judges.Rules(judges.Options{}), Concurrency: 4}
		out := map[string]*results.Record{}
		Expect(e.Run(context.Background(), cases, func(r *results.Record) error { out[r.CaseID] = r; return nil })).To(Succeed())
		if c, ok := tgt.(interface{ CloseIdleConnections() }); ok {
			c.CloseIdleConnections()
		}
		return out
	}

	It("ends every case as a finished transcript or an error transcript, none lost", func() {
		msgs := []string{"ok a", "flaky b", "throttled c", "down d", "stall e", "garbage f", "empty g", "hangup h"}
		recs := run(msgs...)
		Expect(recs).To(HaveLen(len(msgs)))

		for _, m := range []string{"ok a", "flaky b", "throttled c"} {
			Expect(recs[m].Transcript.Failed()).To(BeFalse(), m)
			Expect(recs[m].Transcript.Turns).To(HaveLen(2))
		}
		Expect(recs["flaky b"].Transcript.Turns[1].Reply).To(Equal("Recovered."))
		Expect(recs["flaky b"].Transcript.Turns[1].Attempts).To(Equal(3), "two 500s retried into a pass")
		Expect(recs["throttled c"].Transcript.Turns[1].Attempts).To(Equal(2))

		errs := map[string]string{
			"down d":    "gave up after 4 tries",
			"stall e":   "no reply within",
			"garbage f": "turn 2",
			"empty g":   "turn 2",
			"hangup h":  "turn 2",
		}
		for m, want := range errs {
			t := recs[m].Transcript
			Expect(t.Failed()).To(BeTrue(), m)
			Expect(t.Error).To(ContainSubstring(want), m)
			Expect(recs[m].Verdicts).To(BeEmpty(), "an errored attempt is neither pass nor fail: "+m)
		}
		Expect(recs["down d"].Transcript.Turns[1].Attempts).To(Equal(4))
		Expect(fmt.Sprint(recs["garbage f"].Transcript.Error)).NotTo(BeEmpty())
	})
})
