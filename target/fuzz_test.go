package target_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// fuzzSecret is sent as a header; an echoing bot must never get it into an
// error message (errors reach logs and reports).
const fuzzSecret = "sk-fuzz-Secret-0123456789"

// FuzzHTTPReply serves arbitrary bodies and statuses to the http connector
// with arbitrary reply/handoff/session JSONPaths. Whatever comes back,
// Reply returns a response or an error and never panics; a response comes
// only from a 2xx reply and keeps the body as Raw; no error quotes the
// secret header value.
//
// Seeds: the f.Add calls below and testdata/fuzz/FuzzHTTPReply. Run it with
//
//	go test -run='^$' -fuzz=FuzzHTTPReply -fuzztime=60s ./target/
func FuzzHTTPReply(f *testing.F) {
	f.Add([]byte(`{"reply":"Your booking is confirmed.","handoff":false,"session":"s-9"}`), uint16(200), "$.reply", "$.handoff", "$.session")
	f.Add([]byte(`{"answer":{"text":"Je vous mets en relation.","agent":"queue-fr"}}`), uint16(200), "$.answer.text", "$.answer.agent", "")
	f.Add([]byte(`{"messages":[{"text":"one"},{"text":"two"}],"escalate":"yes"}`), uint16(200), "$.messages[-1].text", "$.escalate", "$..id")
	f.Add([]byte(`{"reply": 42, "handoff": 1}`), uint16(201), "$.reply", "$.handoff", "")
	f.Add([]byte(`{"reply": {"nested": true}}`), uint16(200), "$.reply", "", "")
	f.Add([]byte(`{"reply":null}`), uint16(200), "$.reply", "$.missing", "$.s")
	f.Add([]byte(`{"reply":"echo `+fuzzSecret+`"`), uint16(200), "$.reply", "", "")
	f.Add([]byte(`<html><body>502 Bad Gateway `+fuzzSecret+`</body></html>`), uint16(502), "$.reply", "", "")
	f.Add([]byte(``), uint16(200), "$.reply", "", "")
	f.Add([]byte(`{"reply":"a"} {"reply":"b"}`), uint16(200), "$.reply", "", "")
	f.Add([]byte("\xff\xfe{\"reply\":\"\xc3\x28\"}"), uint16(200), "$['reply']", "$[0]", "$.*")
	f.Add([]byte(`[{"reply":"in a list"}]`), uint16(200), "$[0].reply", "$[?(@.handoff == true)]", "")
	f.Add([]byte(`{"error":"slow down"}`), uint16(429), "$.reply", "", "")
	f.Add([]byte(`{"reply":"moved"}`), uint16(102), "$.reply", "", "") // 302, no Location

	var mu sync.Mutex
	var status int
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		code, b := status, body
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(code)
		_, _ = w.Write(b)
	}))
	defer srv.Close()
	getenv := func(k string) string {
		if k == "BOT_KEY" {
			return fuzzSecret
		}
		return ""
	}

	f.Fuzz(func(t *testing.T, reply []byte, code uint16, replyPath, handoffPath, sessionPath string) {
		cfg := suite.TargetConfig{
			Kind: "http", URL: srv.URL + "/chat",
			Headers:   map[string]string{"X-Api-Key": "${BOT_KEY}"},
			ReplyPath: replyPath, HandoffPath: handoffPath, SessionPath: sessionPath,
			Retries: new(0), Timeout: suite.Duration(5 * time.Second),
		}
		tgt, err := target.New(cfg, getenv)
		if err != nil {
			if strings.Contains(err.Error(), fuzzSecret) {
				t.Fatalf("config error quotes the secret: %v", err)
			}
			return // a JSONPath the connector refuses up front
		}
		defer tgt.(interface{ CloseIdleConnections() }).CloseIdleConnections()

		// 200..599. A 3xx comes without Location, so net/http hands it
		// over rather than chasing it, and the connector must refuse it.
		st := 200 + int(code%400)
		if st == http.StatusNoContent || st == http.StatusNotModified {
			st = http.StatusOK // no body allowed
		}
		mu.Lock()
		status, body = st, reply
		mu.Unlock()

		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		resp, err := tgt.Reply(ctx, target.Request{CaseID: "fuzz/1", Attempt: 1, SessionID: "s-1", Turn: 1, Message: "hello"})
		if err != nil {
			if strings.Contains(err.Error(), fuzzSecret) {
				t.Fatalf("error quotes the secret header value: %v", err)
			}
			var re *target.RetryError
			if !errors.As(err, &re) || re.Tries != 1 {
				t.Fatalf("want a *RetryError after 1 try, got %T %v", err, err)
			}
			return
		}
		if st/100 != 2 {
			t.Fatalf("a %d reply gave a response: %+v", st, resp)
		}
		if !bytes.Equal(resp.Raw, reply) {
			t.Fatalf("Raw is not the body")
		}
		if resp.Tries != 1 {
			t.Fatalf("Tries = %d", resp.Tries)
		}
		if resp.Handoff != nil && handoffPath == "" {
			t.Fatalf("a handoff signal without handoff_path")
		}
	})
}
