package target_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// Secrets the redirect specs configure; no error may quote any of them.
const (
	redirKey    = "sk-live-SECRET1"
	redirHeader = "hdr-SECRET2"
	redirQuery  = "qv-SECRET3"
)

func redirect(code int, location string) http.HandlerFunc {
	return status(code, "", "Location", location)
}

// connector is what the redirect specs need to know of one target kind.
type connector struct {
	kind string
	// config points the target at b with a key, a secret header and a
	// secret query parameter.
	config func(b *bot) suite.TargetConfig
	// reply answers like this kind's bot, with the words "Moved fine."
	reply http.HandlerFunc
	// named is how a refused redirect's error names the request to b.
	named func(b *bot) string
}

var connectors = []connector{
	{
		kind: "openai",
		config: func(b *bot) suite.TargetConfig {
			return suite.TargetConfig{Kind: "openai", URL: b.URL + "/v1?key=" + redirQuery, Model: "demo",
				APIKeyEnv: "BOT_KEY", Headers: map[string]string{"X-Api-Key": "${HDR}"}}
		},
		reply: chat("Moved fine."),
		// go-openai's request has no query: the configured one is added
		// on the way out.
		named: func(b *bot) string { return b.URL + "/v1/chat/completions" },
	},
	{
		kind: "http",
		config: func(b *bot) suite.TargetConfig {
			return suite.TargetConfig{Kind: "http", URL: b.URL + "/api/chat?key=" + redirQuery,
				APIKeyEnv: "BOT_KEY", Headers: map[string]string{"X-Api-Key": "${HDR}"}}
		},
		reply: raw(`{"reply":"Moved fine."}`),
		named: func(b *bot) string { return b.URL + "/api/chat?key=REDACTED" },
	},
}

var redirEnv = env("BOT_KEY", redirKey, "HDR", redirHeader)

// refused checks err is a turn ended at its first try by a refused
// redirect of status code, and that its text quotes no secret.
func refused(err error, code int) *target.RedirectError {
	GinkgoHelper()
	Expect(err).To(HaveOccurred())
	var re *target.RedirectError
	Expect(errors.As(err, &re)).To(BeTrue(), "%T %v", err, err)
	Expect(re.Code).To(Equal(code))
	Expect(re.Method).To(Equal(http.MethodPost))
	var rt *target.RetryError
	Expect(errors.As(err, &rt)).To(BeTrue(), "%T %v", err, err)
	Expect(rt.Tries).To(Equal(1), "a redirect is not retried")
	Expect(err.Error()).To(ContainSubstring("stopped (not retryable)"))
	Expect(err.Error()).NotTo(ContainSubstring("SECRET"))
	return re
}

var _ = Describe("redirects", func() {
	for _, c := range connectors {
		Context("with the "+c.kind+" connector", func() {
			DescribeTable("follow a 307 or 308 on the same host, re-sending the POST whole",
				func(code int) {
					b := newBot(redirect(code, "/moved"), c.reply)
					resp, err := ask(build(c.config(b), redirEnv), turn("Where is my bag?",
						target.Message{Role: "user", Content: "Hi"}, target.Message{Role: "assistant", Content: "Hello!"}))
					Expect(err).NotTo(HaveOccurred())
					Expect(resp.Reply).To(Equal("Moved fine."))
					Expect(resp.Tries).To(Equal(1))

					reqs := b.requests()
					Expect(reqs).To(HaveLen(2))
					Expect(reqs[1].Path).To(Equal("/moved"))
					Expect(reqs[1].Method).To(Equal(http.MethodPost))
					Expect(reqs[1].Body).To(ContainSubstring("Where is my bag?"))
					Expect(reqs[1].Body).To(ContainSubstring("Hello!"))
					Expect(string(reqs[1].Body)).To(MatchJSON(reqs[0].Body), "the whole body again")
					Expect(reqs[1].Header.Get("Authorization")).To(Equal("Bearer " + redirKey))
					Expect(reqs[1].Header.Get("X-Api-Key")).To(Equal(redirHeader))
					Expect(reqs[1].Header.Get("Content-Type")).To(Equal("application/json"))
				},
				Entry("307", http.StatusTemporaryRedirect),
				Entry("308", http.StatusPermanentRedirect),
			)

			DescribeTable("refuse a 301, 302 or 303, which would make the POST a bodiless GET",
				func(code int) {
					// The Location echoes the key in its path and a token in its query.
					b := newBot(redirect(code, "/"+redirKey+"/elsewhere?token=loc-SECRET4"), c.reply)
					_, err := ask(build(c.config(b), redirEnv), turn("hi"))
					re := refused(err, code)
					Expect(re.URL).To(Equal(c.named(b)))
					Expect(re.Location).To(Equal(b.URL + "/[redacted]/elsewhere?token=REDACTED"))
					Expect(err.Error()).To(ContainSubstring("HTTP %d %s", code, http.StatusText(code)))
					Expect(err.Error()).To(ContainSubstring("POST " + c.named(b)))
					Expect(err.Error()).To(ContainSubstring(re.Location))
					Expect(err.Error()).To(ContainSubstring("as a GET without its body"))
					Expect(err.Error()).To(ContainSubstring("set target.url to the final URL"))

					reqs := b.requests()
					Expect(reqs).To(HaveLen(1), "the bot never gets the GET")
					Expect(reqs[0].Method).To(Equal(http.MethodPost))
				},
				Entry("301", http.StatusMovedPermanently),
				Entry("302", http.StatusFound),
				Entry("303", http.StatusSeeOther),
			)

			It("names the original request when a later hop is refused", func() {
				b := newBot(redirect(http.StatusPermanentRedirect, "/step"), redirect(http.StatusFound, "/end"), c.reply)
				_, err := ask(build(c.config(b), redirEnv), turn("hi"))
				re := refused(err, http.StatusFound)
				Expect(re.URL).To(Equal(c.named(b)))
				Expect(re.Location).To(Equal(b.URL + "/end"))
				Expect(err.Error()).To(ContainSubstring("(at " + b.URL + "/step, after earlier redirects)"))
				Expect(b.requests()).To(HaveLen(2))
			})

			DescribeTable("refuse a redirect to another port, which never hears from tribunal",
				func(code int) {
					other := newBot(c.reply)
					b := newBot(redirect(code, other.URL+"/api/chat"))
					_, err := ask(build(c.config(b), redirEnv), turn("hi"))
					re := refused(err, code)
					Expect(re.URL).To(Equal(c.named(b)))
					Expect(re.Location).To(Equal(other.URL + "/api/chat"))
					Expect(err.Error()).To(ContainSubstring(other.URL + " is another host than " + b.URL))
					Expect(err.Error()).To(ContainSubstring("set target.url to the final URL"))
					Expect(b.requests()).To(HaveLen(1))
					Expect(other.requests()).To(BeEmpty(), "no Authorization, headers or query for the other host")
				},
				Entry("307", http.StatusTemporaryRedirect),
				Entry("308", http.StatusPermanentRedirect),
			)

			It("refuses a redirect to another name for the same server", func() {
				b := newBot(func(w http.ResponseWriter, r *http.Request) {
					redirect(http.StatusTemporaryRedirect, "http://"+strings.Replace(r.Host, "127.0.0.1", "localhost", 1)+"/api/chat")(w, r)
				}, c.reply)
				_, err := ask(build(c.config(b), redirEnv), turn("hi"))
				refused(err, http.StatusTemporaryRedirect)
				Expect(err.Error()).To(ContainSubstring(strings.Replace(b.URL, "127.0.0.1", "localhost", 1) + " is another host than " + b.URL))
				Expect(b.requests()).To(HaveLen(1))
			})

			It("stops after 10 redirects", func() {
				b := newBot(redirect(http.StatusPermanentRedirect, "/loop"))
				_, err := ask(build(c.config(b), redirEnv), turn("hi"))
				refused(err, http.StatusPermanentRedirect)
				Expect(err.Error()).To(ContainSubstring("stopped after 10 redirects"))
				reqs := b.requests()
				Expect(reqs).To(HaveLen(10))
				for _, r := range reqs {
					Expect(r.Method).To(Equal(http.MethodPost))
					Expect(json.Valid(r.Body)).To(BeTrue(), "every hop carries the body")
				}
			})

			It("fails a 3xx without a Location as that status, not as a reply", func() {
				b := newBot(status(http.StatusFound, `{"reply":"Moved fine.","choices":[]}`), c.reply)
				_, err := ask(build(c.config(b), redirEnv), turn("hi"))
				var se *target.StatusError
				Expect(errors.As(err, &se)).To(BeTrue(), "%T %v", err, err)
				Expect(se.Code).To(Equal(http.StatusFound))
				Expect(b.requests()).To(HaveLen(1), "not retried")
			})
		})
	}
})
