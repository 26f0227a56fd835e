package target_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

var _ = Describe("New", func() {
	DescribeTable("rejects bad configuration, naming the field",
		func(cfg suite.TargetConfig, want string) {
			t, err := target.New(cfg, env())
			Expect(t).To(BeNil())
			Expect(err).To(MatchError(ContainSubstring(want)))
		},
		Entry("no URL", suite.TargetConfig{}, "target.url: missing"),
		Entry("a relative URL", suite.TargetConfig{URL: "localhost:8080/v1"}, "target.url: must start with http:// or https://"),
		Entry("another scheme", suite.TargetConfig{URL: "ftp://127.0.0.1/"}, `target.url: must start with http:// or https:// (got scheme "ftp")`),
		Entry("no host", suite.TargetConfig{URL: "http:///v1"}, "target.url: has no host"),
		Entry("an unparseable URL", suite.TargetConfig{URL: "http://127.0.0.1:port/"}, "target.url: not a valid URL"),
		Entry("an unknown kind", suite.TargetConfig{Kind: "grpc", URL: "http://127.0.0.1/"}, `target.kind: "grpc" is not a target kind`),
		Entry("negative retries", suite.TargetConfig{URL: "http://127.0.0.1/", Retries: new(-1)}, "target.retries"),
		Entry("negative timeout", suite.TargetConfig{URL: "http://127.0.0.1/", Timeout: suite.Duration(-time.Second)}, "target.timeout"),
		Entry("negative rps", suite.TargetConfig{URL: "http://127.0.0.1/", RPS: -1}, "target.rps"),
		Entry("http fields on openai", suite.TargetConfig{URL: "http://127.0.0.1/", Body: "{}", ReplyPath: "$.x"},
			"target.body, target.reply_path: does not apply to kind openai"),
		Entry("openai fields on http", suite.TargetConfig{Kind: "http", URL: "http://127.0.0.1/", SystemPrompt: "x"},
			"target.system_prompt: does not apply to kind http"),
		Entry("a bad header name", suite.TargetConfig{URL: "http://127.0.0.1/", Headers: map[string]string{"X Bad": "v"}},
			`target.headers: "X Bad" is not a valid header name`),
		Entry("a header whose variable is unset", suite.TargetConfig{URL: "http://127.0.0.1/", Headers: map[string]string{"X-Key": "${NOPE}"}},
			"target.headers.X-Key: environment variable NOPE is unset or empty"),
		Entry("a bad template", suite.TargetConfig{Kind: "http", URL: "http://127.0.0.1/", Body: `{"m": {{json .Message}`},
			"target.body: not a valid Go template"),
		Entry("a bad reply path", suite.TargetConfig{Kind: "http", URL: "http://127.0.0.1/", ReplyPath: "$.[[["},
			"target.reply_path"),
	)

	It("never echoes a URL's password in its errors", func() {
		_, err := target.New(suite.TargetConfig{URL: "ftp://bob:hunter2@127.0.0.1/"}, env())
		Expect(err).To(HaveOccurred())
		Expect(err.Error()).NotTo(ContainSubstring("hunter2"))
	})
})

var _ = Describe("Describe", func() {
	It("names kind, URL and model without credentials or query values", func() {
		cfg := suite.TargetConfig{
			URL:     "https://bob:hunter2@bot.example.com/v1?key=sk-live-1&api-version=2024#frag",
			Model:   "gpt-x",
			Headers: map[string]string{"X-Token": "tok-secret"},
		}
		d := target.Describe(cfg)
		Expect(d).To(Equal("openai https://bot.example.com/v1?api-version=REDACTED&key=REDACTED (model gpt-x)"))
		Expect(target.Describe(suite.TargetConfig{Kind: "http", URL: "http://127.0.0.1:9000/chat"})).
			To(Equal("http http://127.0.0.1:9000/chat"))
	})
})

var _ = Describe("secrets", func() {
	const (
		key     = "sk-live-SECRET-0001"
		token   = "tok-SECRET-0002"
		querySV = "url-SECRET-0003"
		pass    = "pw-SECRET-0004"
	)
	getenv := env("BOT_KEY", key, "TOK", token)

	// echo answers with every request header it got, as some debug
	// endpoints and proxies do.
	echo := func(code int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			var b strings.Builder
			for k, vs := range r.Header {
				b.WriteString(k + ": " + strings.Join(vs, ",") + "\n")
			}
			w.WriteHeader(code)
			_, _ = w.Write([]byte(b.String()))
		}
	}

	errorsFrom := func(kind string) []string {
		b := newBot(echo(401), echo(500), echo(200), hangUp)
		u := strings.Replace(b.URL, "http://", "http://bob:"+pass+"@", 1) + "/v1?sig=" + querySV
		cfg := suite.TargetConfig{Kind: kind, URL: u, APIKeyEnv: "BOT_KEY", Headers: map[string]string{"X-Token": "${TOK}"}}
		cfg.Retries = new(0)
		t := build(cfg, getenv)
		var out []string
		for range 4 {
			_, err := ask(t, turn("hi"))
			Expect(err).To(HaveOccurred())
			out = append(out, err.Error())
		}

		// A refused connection quotes the URL.
		l, err := net.Listen("tcp", "127.0.0.1:0")
		Expect(err).NotTo(HaveOccurred())
		addr := l.Addr().String()
		Expect(l.Close()).To(Succeed())
		cfg.URL = "http://bob:" + pass + "@" + addr + "/v1?sig=" + querySV
		_, err = ask(build(cfg, getenv), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("cannot reach target")))
		out = append(out, err.Error())

		_, err = target.New(suite.TargetConfig{Kind: kind, URL: cfg.URL, Headers: map[string]string{"X Bad": token}}, getenv)
		Expect(err).To(HaveOccurred())
		return append(out, err.Error(), target.Describe(cfg))
	}

	for _, kind := range []string{"openai", "http"} {
		It("stay out of every "+kind+" error, even when the server echoes them", func() {
			msgs := errorsFrom(kind)
			Expect(msgs).To(HaveLen(7))
			Expect(msgs[0]).To(ContainSubstring("HTTP 401"), "the echo itself is still quoted")
			Expect(msgs[0]).To(ContainSubstring("[redacted]"))
			for _, m := range msgs {
				for _, s := range []string{key, token, querySV, pass, "SECRET"} {
					Expect(m).NotTo(ContainSubstring(s))
				}
			}
		})
	}

	It("does not leak through a cancelled request either", func() {
		b := newBot(stall)
		cfg := suite.TargetConfig{URL: b.URL + "/v1?sig=" + querySV, APIKeyEnv: "BOT_KEY"}
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := build(cfg, getenv).Reply(ctx, turn("hi"))
		Expect(err).To(HaveOccurred())
		Expect(err.Error()).NotTo(ContainSubstring("SECRET"))
	})
})
