package target_test

import (
	"errors"
	"net/http"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

var _ = Describe("http connector", func() {
	httpAt := func(b *bot) suite.TargetConfig {
		return suite.TargetConfig{Kind: "http", URL: b.URL + "/api/chat"}
	}
	history := []target.Message{{Role: "user", Content: "Hi"}, {Role: "assistant", Content: "Hello!"}}

	It("posts the default body and reads $.reply", func() {
		b := newBot(raw(`{"reply":"Your booking is confirmed."}`))
		req := turn(`He said "no" <twice>`+"\nthen left", history...)
		req.Context = map[string]any{"booking_ref": "ABC123"}
		resp, err := ask(build(httpAt(b), env()), req)
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Reply).To(Equal("Your booking is confirmed."))
		Expect(resp.Handoff).To(BeNil())
		Expect(resp.Tries).To(Equal(1))
		Expect(string(resp.Raw)).To(MatchJSON(`{"reply":"Your booking is confirmed."}`))

		Expect(b.requests()[0].Path).To(Equal("/api/chat"))
		Expect(b.requests()[0].Header.Get("Content-Type")).To(Equal("application/json"))
		Expect(string(b.requests()[0].Body)).To(MatchJSON(`{
			"message": "He said \"no\" <twice>\nthen left",
			"history": [{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"}],
			"session_id": "s-1",
			"context": {"booking_ref": "ABC123"}}`))
	})

	It("sends empty history and context as [] and {} on a first turn", func() {
		b := newBot(raw(`{"reply":"hi"}`))
		_, err := ask(build(httpAt(b), env()), turn("hello"))
		Expect(err).NotTo(HaveOccurred())
		Expect(string(b.requests()[0].Body)).To(MatchJSON(`{"message":"hello","history":[],"session_id":"s-1","context":{}}`))
	})

	It("renders a custom body template with every request field", func() {
		b := newBot(raw(`{"reply":"ok"}`))
		cfg := httpAt(b)
		cfg.Body = `{"q": {{json .Message}}, "past": {{json .History}}, "sid": {{json .SessionID}}, "case": {{json .CaseID}},
			"attempt": {{.Attempt}}, "turn": {{.Turn}}, "lang": {{json .Language}}, "ref": {{json .Context.booking_ref}}, "missing": {{json .Context.nope}}}`
		req := turn("Où est ma valise ?", history...)
		req.Language = "fr"
		req.Context = map[string]any{"booking_ref": "ABC123"}
		_, err := ask(build(cfg, env()), req)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(b.requests()[0].Body)).To(MatchJSON(`{"q":"Où est ma valise ?",
			"past":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"}],
			"sid":"s-1","case":"airline/x","attempt":1,"turn":2,"lang":"fr","ref":"ABC123","missing":null}`))
	})

	It("picks reply, handoff and session by JSONPath", func() {
		b := newBot(raw(`{"data":{"answer":"Transferring you to an agent.","escalate":true},"meta":{"session":"bot-42"}}`))
		cfg := httpAt(b)
		cfg.ReplyPath, cfg.HandoffPath, cfg.SessionPath = "$.data.answer", "$.data.escalate", "$.meta.session"
		resp, err := ask(build(cfg, env()), turn("human please"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Reply).To(Equal("Transferring you to an agent."))
		Expect(resp.Handoff).To(Equal(target.Bool(true)))
		Expect(resp.HandoffSignal).To(Equal("$.data.escalate"))
		Expect(resp.SessionID).To(Equal("bot-42"))
	})

	DescribeTable("reads the handoff field's truthiness",
		func(field string, want *bool) {
			b := newBot(raw(`{"reply":"x"` + field + `}`))
			cfg := httpAt(b)
			cfg.HandoffPath = "$.handoff"
			resp, err := ask(build(cfg, env()), turn("hi"))
			Expect(err).NotTo(HaveOccurred())
			Expect(resp.Handoff).To(Equal(want))
		},
		Entry("true", `,"handoff":true`, target.Bool(true)),
		Entry("false", `,"handoff":false`, target.Bool(false)),
		Entry("1", `,"handoff":1`, target.Bool(true)),
		Entry("0", `,"handoff":0`, target.Bool(false)),
		Entry(`"yes"`, `,"handoff":"yes"`, target.Bool(true)),
		Entry(`"no"`, `,"handoff":"no"`, target.Bool(false)),
		Entry("a queue name", `,"handoff":"billing-queue"`, target.Bool(true)),
		Entry("null", `,"handoff":null`, target.Bool(false)),
		Entry("absent: no structured signal", ``, nil),
	)

	It("fails clearly when the reply path is missing, quoting the body", func() {
		b := newBot(raw(`{"answer":"hello"}`))
		_, err := ask(build(httpAt(b), env()), turn("hi"))
		var be *target.BodyError
		Expect(errors.As(err, &be)).To(BeTrue(), "%v", err)
		Expect(err).To(MatchError(ContainSubstring("no reply at reply_path $.reply")))
		Expect(err).To(MatchError(ContainSubstring(`answer`)))
		Expect(b.requests()).To(HaveLen(1), "not retried")
	})

	It("fails when the reply path points at an object", func() {
		b := newBot(raw(`{"reply":{"text":"hello"}}`))
		_, err := ask(build(httpAt(b), env()), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("not text")))
	})

	It("fails on non-JSON and empty bodies", func() {
		b := newBot(raw("Internal proxy page"), raw("  "), raw(`{"reply":"a"} {"reply":"b"}`))
		t := build(httpAt(b), env())
		_, err := ask(t, turn("1"))
		Expect(err).To(MatchError(ContainSubstring(`not JSON`)))
		Expect(err).To(MatchError(ContainSubstring(`"Internal proxy page"`)))
		_, err = ask(t, turn("2"))
		Expect(err).To(MatchError(ContainSubstring("empty body")))
		_, err = ask(t, turn("3"))
		Expect(err).To(MatchError(ContainSubstring("not JSON")))
	})

	It("fails before sending when the template renders invalid JSON", func() {
		b := newBot(raw(`{"reply":"never"}`))
		cfg := httpAt(b)
		cfg.Body = `{"message": "{{.Message}}"}`
		_, err := ask(build(cfg, env()), turn(`she said "hi"`))
		Expect(err).To(MatchError(ContainSubstring("target.body rendered invalid JSON")))
		Expect(err).To(MatchError(ContainSubstring("{{json .Field}}")))
		Expect(b.requests()).To(BeEmpty())
	})

	It("returns a *StatusError with Retry-After for a 503", func() {
		b := newBot(status(http.StatusServiceUnavailable, "maintenance", "Retry-After", "120"))
		cfg := httpAt(b)
		cfg.Retries = new(0)
		_, err := ask(build(cfg, env()), turn("hi"))
		var se *target.StatusError
		Expect(errors.As(err, &se)).To(BeTrue(), "%v", err)
		Expect(se.Code).To(Equal(503))
		Expect(se.RetryAfter.Seconds()).To(BeEquivalentTo(120))
		Expect(se.Body).To(Equal("maintenance"))
	})

	It("sends the API key as a bearer token unless headers set Authorization", func() {
		b := newBot(raw(`{"reply":"ok"}`))
		_, err := ask(build(httpAt(b), env("TRIBUNAL_TARGET_API_KEY", "key-1")), turn("hi"))
		Expect(err).NotTo(HaveOccurred())
		cfg := httpAt(b)
		cfg.Headers = map[string]string{"authorization": "Basic ${BASIC}"}
		_, err = ask(build(cfg, env("TRIBUNAL_TARGET_API_KEY", "key-1", "BASIC", "dXNlcjpwdw==")), turn("hi"))
		Expect(err).NotTo(HaveOccurred())
		Expect(b.requests()[0].Header.Get("Authorization")).To(Equal("Bearer key-1"))
		Expect(b.requests()[1].Header.Get("Authorization")).To(Equal("Basic dXNlcjpwdw=="))
	})
})
