package target_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// The connector benchmarks measure one turn through the whole stack New
// builds (retry wrapper, connector, HTTP client) against a loopback server
// that answers with fixed bytes, so what they count is the client's cost
// plus a minimal server's. Run them with
//
//	go test -run='^$' -bench='Target' -benchmem ./target/
//
// Besides wall time per turn they report cpu-µs/op, the process's CPU time
// per turn. "serial" is one caller; "parallel" is 64 callers sharing the target, as
// a replay at --concurrency 64 does (this is where a connection pool too
// small for the callers shows up as new connections).

// benchChat is a chat completion the size of a support bot's reply.
var benchChat = []byte(`{"id":"chatcmpl-bench","object":"chat.completion","created":1735689600,"model":"demo","choices":[{"index":0,"message":{"role":"assistant","content":"I'm sorry to hear your bag didn't arrive. I've opened a delayed-baggage report for you: reference BAG-4821. We'll deliver it to your address within 48 hours of it being found, and you can claim reasonable expenses for essentials in the meantime — keep the receipts."},"finish_reason":"stop"}],"usage":{"prompt_tokens":61,"completion_tokens":52,"total_tokens":113}}`)

// benchReply is the http connector's answer, in its default shape.
var benchReply = []byte(`{"reply":"I'm sorry to hear your bag didn't arrive. I've opened a delayed-baggage report for you: reference BAG-4821. We'll deliver it within 48 hours of it being found.","session_id":"s-42","handoff":false}`)

// benchTurn is the third turn of a conversation: two earlier exchanges.
var benchTurn = target.Request{
	CaseID: "airline/lost-bag", Attempt: 1, SessionID: "tribunal-0123456789abcdef", Turn: 3,
	Message: "And can I claim for the toiletries I had to buy?",
	History: []target.Message{
		{Role: "user", Content: "My bag didn't arrive on flight AC 872 from Frankfurt."},
		{Role: "assistant", Content: "I'm sorry to hear that. Could you give me your booking reference so I can look into it?"},
		{Role: "user", Content: "It's QX7P2L. The bag is a black Samsonite."},
		{Role: "assistant", Content: "Thank you. I've opened a delayed-baggage report for you: reference BAG-4821."},
	},
	Language: "en",
}

func fixedServer(b *testing.B, body []byte) *httptest.Server {
	length := strconv.Itoa(len(body))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var buf [4096]byte
		for {
			if _, err := r.Body.Read(buf[:]); err != nil {
				break
			}
		}
		h := w.Header()
		h["Content-Type"] = []string{"application/json"}
		h["Content-Length"] = []string{length}
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

func benchTarget(b *testing.B, cfg suite.TargetConfig) {
	t, err := target.New(cfg, func(string) string { return "sk-bench-0123456789" })
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(t.(interface{ CloseIdleConnections() }).CloseIdleConnections)
	ctx := context.Background()
	if _, err := t.Reply(ctx, benchTurn); err != nil { // warm the connection
		b.Fatal(err)
	}
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			if _, err := t.Reply(ctx, benchTurn); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu)
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0))) // 64 callers in all
		cpu := cpuTime()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := t.Reply(ctx, benchTurn); err != nil {
					b.Error(err)
					return
				}
			}
		})
		reportCPU(b, cpu)
	})
}

// reportCPU adds the process's CPU time per turn (client and server
// together, every goroutine and the GC): on a machine with few cores this,
// more than wall time per turn, bounds how many turns a second fit.
func reportCPU(b *testing.B, since time.Duration) {
	b.ReportMetric(float64((cpuTime()-since).Microseconds())/float64(b.N), "cpu-µs/op")
}

func BenchmarkOpenAITarget(b *testing.B) {
	srv := fixedServer(b, benchChat)
	benchTarget(b, suite.TargetConfig{Kind: "openai", URL: srv.URL + "/v1", Model: "demo",
		SystemPrompt: "You are Ava, the airline's support assistant."})
}

func BenchmarkHTTPTarget(b *testing.B) {
	srv := fixedServer(b, benchReply)
	benchTarget(b, suite.TargetConfig{Kind: "http", URL: srv.URL + "/chat", SessionPath: "$.session_id", HandoffPath: "$.handoff"})
}
