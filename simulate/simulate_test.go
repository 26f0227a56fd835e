package simulate_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/simulate"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

type chatRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
}

// customerServer answers chat completions with scripted customer lines and
// records the requests it got. A line "!500" or "!429" answers that status.
func customerServer(lines ...string) (*httptest.Server, func() []chatRequest) {
	var mu sync.Mutex
	var got []chatRequest
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req chatRequest
		_ = json.NewDecoder(r.Body).Decode(&req)
		mu.Lock()
		got = append(got, req)
		n := len(got)
		mu.Unlock()
		line := "[END]"
		if n <= len(lines) {
			line = lines[n-1]
		}
		switch line {
		case "!500":
			http.Error(w, `{"error":{"message":"overloaded"}}`, http.StatusInternalServerError)
			return
		case "!429":
			w.Header().Set("Retry-After", "0")
			http.Error(w, `{"error":{"message":"slow down"}}`, http.StatusTooManyRequests)
			return
		case "!400":
			http.Error(w, `{"error":{"message":"bad model"}}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"id": "c", "object": "chat.completion", "model": req.Model,
			"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": line}}}})
	}))
	return srv, func() []chatRequest { mu.Lock(); defer mu.Unlock(); return append([]chatRequest(nil), got...) }
}

var simCase = &suite.Case{ID: "bnpl/late-fee-sim", Language: "en",
	Turns: []suite.Turn{{User: "Hi, I was charged a late fee."}},
	Simulate: &suite.Simulation{Persona: "A retired teacher, polite but anxious.", Goal: "Get the late fee on invoice 4411 waived.",
		Knows: []string{"invoice 4411", "the fee was 5 EUR"}, MaxTurns: 5}}

var bot = target.Func(func(_ context.Context, r target.Request) (target.Response, error) {
	return target.Response{Reply: "I can look into invoice 4411 for you. What happened?"}, nil
})

func newCustomer(url string) *simulate.Customer {
	c, err := simulate.New(simulate.Config{Model: "customer-model", BaseURL: url + "/v1", InitialBackoff: time.Millisecond})
	Expect(err).NotTo(HaveOccurred())
	return c
}

var _ = Describe("Customer", func() {
	It("plays the persona until it writes the end marker", func() {
		srv, requests := customerServer("The fee on invoice 4411 was 5 EUR and I paid late because I was in hospital.", "Thank you, that is all. [END]")
		defer srv.Close()
		t := replay.PlayWith(context.Background(), bot, newCustomer(srv.URL), simCase, 1)
		Expect(t.Error).To(BeEmpty())
		Expect(t.Turns).To(HaveLen(2))
		Expect(t.Turns[1].Simulated).To(BeTrue())
		Expect(t.Turns[1].User).To(ContainSubstring("hospital"))

		reqs := requests()
		Expect(reqs).To(HaveLen(2))
		Expect(reqs[0].Model).To(Equal("customer-model"))
		Expect(reqs[0].Messages[0].Role).To(Equal("system"))
		Expect(reqs[0].Messages[0].Content).To(ContainSubstring("A retired teacher"))
		Expect(reqs[0].Messages[0].Content).To(ContainSubstring("invoice 4411"))
		Expect(reqs[0].Messages[0].Content).To(ContainSubstring("[END]"))
		// Roles are flipped: the customer's lines are the model's own.
		Expect(reqs[0].Messages[1].Role).To(Equal("assistant"))
		Expect(reqs[0].Messages[1].Content).To(Equal("Hi, I was charged a late fee."))
		Expect(reqs[0].Messages[2].Role).To(Equal("user"))
		Expect(reqs[0].Messages[2].Content).To(ContainSubstring("I can look into invoice 4411"))
	})

	It("retries a 500 and a 429 from the model endpoint", func() {
		srv, requests := customerServer("!500", "!429", "[END]")
		defer srv.Close()
		t := replay.PlayWith(context.Background(), bot, newCustomer(srv.URL), simCase, 1)
		Expect(t.Error).To(BeEmpty())
		Expect(requests()).To(HaveLen(3))
	})

	Describe("a simulator that breaks its brief is an error: simulator", func() {
		for _, tc := range []struct{ name, line, want string }{
			{"invented fact", "My invoice 9921 is wrong.", `invented "9921"`},
			{"out of persona", "As an AI language model, I cannot be a customer.", "stepped out of persona"},
			{"empty line", "   ", "wrote nothing"},
		} {
			It("reports "+tc.name, func() {
				srv, _ := customerServer(tc.line)
				defer srv.Close()
				t := replay.PlayWith(context.Background(), bot, newCustomer(srv.URL), simCase, 1)
				Expect(t.Error).To(HavePrefix("simulator: "))
				Expect(t.Error).To(ContainSubstring(tc.want))
			})
		}
		It("reports an endpoint that refuses the request", func() {
			srv, requests := customerServer("!400")
			defer srv.Close()
			t := replay.PlayWith(context.Background(), bot, newCustomer(srv.URL), simCase, 1)
			Expect(t.Error).To(ContainSubstring("simulator: model endpoint answered 400"))
			Expect(requests()).To(HaveLen(1), "a 400 is not retried")
		})
	})

	It("stops at the turn limit when the customer never ends", func() {
		lines := make([]string, 10)
		for i := range lines {
			lines[i] = "Please waive the fee on invoice 4411."
		}
		srv, _ := customerServer(lines...)
		defer srv.Close()
		t := replay.PlayWith(context.Background(), bot, newCustomer(srv.URL), simCase, 1)
		Expect(t.Error).To(BeEmpty())
		Expect(t.Turns).To(HaveLen(1 + 5))
	})

	It("needs a model", func() {
		_, err := simulate.New(simulate.Config{})
		Expect(err).To(MatchError(ContainSubstring("--simulator-model")))
	})
})

// The reasoning models refuse max_tokens; a deployment of one may have any
// name, so the customer learns it from the refusal.
var _ = Describe("A customer played by a reasoning model", func() {
	server := func() (*httptest.Server, func() []map[string]any) {
		var mu sync.Mutex
		var got []map[string]any
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var body map[string]any
			_ = json.NewDecoder(r.Body).Decode(&body)
			mu.Lock()
			got = append(got, body)
			mu.Unlock()
			if _, ok := body["max_tokens"]; ok {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write([]byte(`{"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}`))
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(map[string]any{"id": "c", "object": "chat.completion", "model": body["model"],
				"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": "Thank you, that is all. [END]"}}}})
		}))
		return srv, func() []map[string]any { mu.Lock(); defer mu.Unlock(); return append([]map[string]any(nil), got...) }
	}

	It("is asked again without max_tokens, and so is every later request, whatever the model's name", func() {
		srv, requests := server()
		defer srv.Close()
		cu, err := simulate.New(simulate.Config{Model: "team-reasoner", BaseURL: srv.URL + "/v1", InitialBackoff: time.Millisecond})
		Expect(err).NotTo(HaveOccurred())
		for range 2 {
			_, done, err := cu.Next(context.Background(), simCase, nil)
			Expect(err).NotTo(HaveOccurred())
			Expect(done).To(BeTrue())
		}
		reqs := requests()
		Expect(reqs).To(HaveLen(3), "one refusal, then two answers")
		Expect(reqs[0]).To(HaveKey("max_tokens"))
		for _, r := range reqs[1:] {
			Expect(r).NotTo(HaveKey("max_tokens"))
			Expect(r).To(HaveKey("max_completion_tokens"))
		}
	})

	It("is asked without max_tokens from the start when its name says what it is", func() {
		srv, requests := server()
		defer srv.Close()
		cu, err := simulate.New(simulate.Config{Model: "o4-mini", BaseURL: srv.URL + "/v1", InitialBackoff: time.Millisecond})
		Expect(err).NotTo(HaveOccurred())
		_, _, err = cu.Next(context.Background(), simCase, nil)
		Expect(err).NotTo(HaveOccurred())
		Expect(requests()).To(HaveLen(1))
	})
})
