package target_test

import (
	"errors"
	"net/http"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

var _ = Describe("openai connector", func() {
	openaiAt := func(b *bot) suite.TargetConfig {
		return suite.TargetConfig{Kind: "openai", URL: b.URL + "/v1", Model: "demo"}
	}

	It("returns the assistant's reply with no structured handoff signal", func() {
		b := newBot(chat("Bereavement fares must be requested before travel."))
		resp, err := ask(build(openaiAt(b), env()), turn("Can I get a refund after travel?"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Reply).To(Equal("Bereavement fares must be requested before travel."))
		Expect(resp.Handoff).To(BeNil(), "no tool call is not a structured no")
		Expect(resp.HandoffSignal).To(BeEmpty())
		Expect(resp.Tries).To(Equal(1))
		Expect(string(resp.Raw)).To(ContainSubstring(`"chatcmpl-1"`))
		Expect(b.requests()[0].Path).To(Equal("/v1/chat/completions"))
	})

	It("sends the model, the system prompt first, the whole history in order, the key and the extra headers", func() {
		b := newBot(chat("ok"))
		cfg := openaiAt(b)
		cfg.SystemPrompt = "You are Ava, the airline's assistant."
		cfg.APIKeyEnv = "BOT_KEY"
		cfg.Headers = map[string]string{"X-Tenant": "acme", "X-Token": "tok-${TOK}"}
		t := build(cfg, env("BOT_KEY", "sk-test-123", "TOK", "abc"))
		_, err := ask(t, turn("And my bags?",
			target.Message{Role: "user", Content: "Hi"},
			target.Message{Role: "assistant", Content: "Hello! How can I help?"}))
		Expect(err).NotTo(HaveOccurred())

		got := b.bodyOf(0)
		Expect(got["model"]).To(Equal("demo"))
		Expect(got).NotTo(HaveKey("tools"), "requests stay minimal")
		Expect(got["messages"]).To(Equal([]any{
			map[string]any{"role": "system", "content": "You are Ava, the airline's assistant."},
			map[string]any{"role": "user", "content": "Hi"},
			map[string]any{"role": "assistant", "content": "Hello! How can I help?"},
			map[string]any{"role": "user", "content": "And my bags?"},
		}))
		h := b.requests()[0].Header
		Expect(h.Get("Authorization")).To(Equal("Bearer sk-test-123"))
		Expect(h.Get("X-Tenant")).To(Equal("acme"))
		Expect(h.Get("X-Token")).To(Equal("tok-abc"))
	})

	It("sends no Authorization header when the key variable is empty, and model 'default' when unset", func() {
		b := newBot(chat("ok"))
		_, err := ask(build(suite.TargetConfig{URL: b.URL + "/v1/"}, env()), turn("hi"))
		Expect(err).NotTo(HaveOccurred())
		Expect(b.requests()[0].Header).NotTo(HaveKey("Authorization"))
		Expect(b.bodyOf(0)["model"]).To(Equal("default"))
		Expect(b.requests()[0].Path).To(Equal("/v1/chat/completions"))
	})

	It("accepts the full endpoint URL and keeps its query parameters", func() {
		b := newBot(chat("ok"))
		cfg := suite.TargetConfig{URL: b.URL + "/openai/chat/completions?api-version=2024-06-01"}
		_, err := ask(build(cfg, env()), turn("hi"))
		Expect(err).NotTo(HaveOccurred())
		Expect(b.requests()[0].Path).To(Equal("/openai/chat/completions"))
		Expect(b.requests()[0].Query).To(Equal("api-version=2024-06-01"))
	})

	It("reads a transfer_to_human tool call as a handoff and takes the words from its arguments", func() {
		b := newBot(chat("", toolCall("transfer_to_human", `{"message":"I'm connecting you with an agent now.","reason":"asked"}`)))
		resp, err := ask(build(openaiAt(b), env()), turn("I want a person"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Handoff).To(Equal(target.Bool(true)))
		Expect(resp.HandoffSignal).To(Equal("transfer_to_human"))
		Expect(resp.Reply).To(Equal("I'm connecting you with an agent now."))
	})

	It("keeps the content when a handoff tool call comes with text", func() {
		b := newBot(chat("One moment.", toolCall("transfer_to_human", `{"summary":"refund dispute"}`)))
		resp, err := ask(build(openaiAt(b), env()), turn("agent please"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Reply).To(Equal("One moment."))
		Expect(*resp.Handoff).To(BeTrue())
	})

	It("honours handoff_tools and ignores other tools", func() {
		b := newBot(
			chat("", toolCall("escalate", `{"summary":"Escalating to billing."}`)),
			chat("Let me check.", toolCall("transfer_to_human", `{}`)),
			chat("Looking that up.", toolCall("lookup_order", `{"id":"A1"}`)),
		)
		cfg := openaiAt(b)
		cfg.HandoffTools = []string{"escalate"}
		t := build(cfg, env())

		resp, err := ask(t, turn("1"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.HandoffSignal).To(Equal("escalate"))
		Expect(resp.Reply).To(Equal("Escalating to billing."))

		resp, err = ask(t, turn("2"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Handoff).To(BeNil(), "transfer_to_human is not in this target's handoff_tools")

		resp, err = ask(t, turn("3"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Handoff).To(BeNil())
		Expect(resp.Reply).To(Equal("Looking that up."))
	})

	It("waits for Retry-After on 429, then retries", func() {
		b := newBot(status(http.StatusTooManyRequests, `{"error":{"message":"slow down","type":"rate_limit"}}`, "Retry-After", "1"), chat("ok"))
		start := time.Now()
		resp, err := ask(build(openaiAt(b), env()), turn("hi"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Reply).To(Equal("ok"))
		Expect(resp.Tries).To(Equal(2))
		reqs := b.requests()
		Expect(reqs).To(HaveLen(2))
		Expect(reqs[1].At.Sub(reqs[0].At)).To(BeNumerically(">=", 900*time.Millisecond), "the 1s Retry-After was honoured")
		Expect(time.Since(start)).To(BeNumerically("<", 5*time.Second))
	})

	It("surfaces the status code and Retry-After of an OpenAI error as a *StatusError", func() {
		b := newBot(status(http.StatusServiceUnavailable, `{"error":{"message":"overloaded","type":"server_error"}}`, "Retry-After", "7"))
		_, err := ask(build(openaiAt(b), env(), func(o *target.RetryOptions) { o.Retries = new(0) }), turn("hi"))
		var se *target.StatusError
		Expect(errors.As(err, &se)).To(BeTrue(), "%v", err)
		Expect(se.Code).To(Equal(503))
		Expect(se.RetryAfter).To(Equal(7 * time.Second))
		Expect(se.Body).To(ContainSubstring("overloaded"))
		var re *target.RetryError
		Expect(errors.As(err, &re)).To(BeTrue())
		Expect(re.Tries).To(Equal(1))
	})

	It("retries a 500 and succeeds", func() {
		b := newBot(status(500, "boom"), chat("fine now"))
		resp, err := ask(build(openaiAt(b), env()), turn("hi"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Reply).To(Equal("fine now"))
		Expect(resp.Tries).To(Equal(2))
	})

	It("gives up on a 500 that never ends and says how many tries it made", func() {
		b := newBot(status(500, `{"error":{"message":"database down"}}`))
		_, err := ask(build(openaiAt(b), env()), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("gave up after 4 tries")))
		Expect(err).To(MatchError(ContainSubstring("HTTP 500")))
		Expect(err).To(MatchError(ContainSubstring("database down")))
		Expect(b.requests()).To(HaveLen(4), "1 try + 3 retries by default")
	})

	It("does not retry a 400", func() {
		b := newBot(status(400, `{"error":{"message":"unknown model"}}`))
		_, err := ask(build(openaiAt(b), env()), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("not retryable")))
		Expect(err).To(MatchError(ContainSubstring("HTTP 400")))
		Expect(err).To(MatchError(ContainSubstring("unknown model")))
		Expect(b.requests()).To(HaveLen(1))
	})

	It("times out a stalled try and retries it", func() {
		b := newBot(stall, chat("sorry for the wait"))
		cfg := openaiAt(b)
		cfg.Timeout = suite.Duration(200 * time.Millisecond)
		start := time.Now()
		resp, err := ask(build(cfg, env()), turn("hi"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Reply).To(Equal("sorry for the wait"))
		Expect(resp.Tries).To(Equal(2))
		Expect(time.Since(start)).To(BeNumerically(">=", 200*time.Millisecond))
		Expect(time.Since(start)).To(BeNumerically("<", 3*time.Second))
	})

	It("reports a target that always stalls as a timeout", func() {
		b := newBot(stall)
		cfg := openaiAt(b)
		cfg.Timeout = suite.Duration(100 * time.Millisecond)
		cfg.Retries = new(1)
		_, err := ask(build(cfg, env()), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("gave up after 2 tries; last try: no reply within 100ms")))
		Expect(b.requests()).To(HaveLen(2))
	})

	It("rejects a garbage body without retrying, quoting a short snippet", func() {
		b := newBot(raw("<html>" + strings.Repeat("Bad Gateway ", 500) + "</html>"))
		_, err := ask(build(openaiAt(b), env()), turn("hi"))
		var be *target.BodyError
		Expect(errors.As(err, &be)).To(BeTrue(), "%v", err)
		Expect(err).To(MatchError(ContainSubstring("not chat-completions JSON")))
		Expect(err).To(MatchError(ContainSubstring("<html>Bad Gateway")))
		Expect(len(err.Error())).To(BeNumerically("<", 600), "the body is truncated")
		Expect(b.requests()).To(HaveLen(1))
	})

	It("rejects an empty body", func() {
		b := newBot(raw(""))
		_, err := ask(build(openaiAt(b), env()), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("empty body")))
		Expect(b.requests()).To(HaveLen(1))
	})

	It("rejects a reply without choices", func() {
		b := newBot(raw(`{"id":"x","choices":[]}`))
		_, err := ask(build(openaiAt(b), env()), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("no choices")))
	})

	It("retries a connection closed without a reply", func() {
		b := newBot(hangUp, halfReply, chat("back again"))
		resp, err := ask(build(openaiAt(b), env()), turn("hi"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Reply).To(Equal("back again"))
		Expect(resp.Tries).To(Equal(3))
	})

	It("reports a connection that always closes as a transport error after all tries", func() {
		b := newBot(hangUp)
		_, err := ask(build(openaiAt(b), env()), turn("hi"))
		var te *target.TransportError
		Expect(errors.As(err, &te)).To(BeTrue(), "%v", err)
		Expect(err).To(MatchError(ContainSubstring("gave up after 4 tries")))
		Expect(err).To(MatchError(ContainSubstring("cannot reach target")))
	})
})
