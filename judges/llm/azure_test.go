package llm_test

import (
	"fmt"
	"net/http"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/judges/llm"
	"github.com/tribunal-eval/tribunal/suite"
)

const azureVersion = "2024-10-21"

// azure points the judges at the server as an Azure OpenAI resource (its
// root, not /v1) with a trailing slash, as endpoints are often pasted.
func azure(srv *judgeServer) func(*llm.Config) {
	return func(c *llm.Config) {
		c.BaseURL = srv.URL + "/"
		c.APIType = suite.APITypeAzure
		c.APIVersion = azureVersion
	}
}

var _ = Describe("Judges on Azure OpenAI", func() {
	It("call the model's deployment with the api-version and the key in an api-key header, never as a bearer token", func() {
		srv := newServer(reply(claims(supported)))
		vs := run(named(build(srv, azure(srv)), "llm-accuracy"), bereavement(), airCanada(1))
		Expect(vs).To(ContainElement(HaveField("Status", judges.Pass)))

		reqs := srv.requests()
		Expect(reqs).To(HaveLen(1))
		r := reqs[0]
		Expect(r.Path).To(Equal("/openai/deployments/" + model + "/chat/completions"))
		Expect(r.Query).To(HaveKeyWithValue("api-version", []string{azureVersion}))
		Expect(r.Header.Get("api-key")).To(Equal(apiKey))
		Expect(r.Header).NotTo(HaveKey("Authorization"))
		// The request itself is unchanged: temperature 0, seed, strict schema.
		Expect(r.Body).To(HaveKeyWithValue("temperature", 0.0))
		Expect(r.Body).To(HaveKeyWithValue("seed", 7.0))
		Expect(r.responseFormat()).To(Equal("json_schema"))
	})

	It("send a Microsoft Entra ID token as a bearer token with api_type azure_ad, never in an api-key header", func() {
		srv := newServer(reply(claims(supported)))
		vs := run(named(build(srv, azure(srv), func(c *llm.Config) { c.APIType = suite.APITypeAzureAD }), "llm-accuracy"), bereavement(), airCanada(1))
		Expect(vs).To(ContainElement(HaveField("Status", judges.Pass)))
		reqs := srv.requests()
		Expect(reqs).To(HaveLen(1))
		Expect(reqs[0].Path).To(Equal("/openai/deployments/" + model + "/chat/completions"))
		Expect(reqs[0].Query).To(HaveKeyWithValue("api-version", []string{azureVersion}))
		Expect(reqs[0].Header.Get("Authorization")).To(Equal("Bearer " + apiKey))
		Expect(reqs[0].Header).NotTo(HaveKey("Api-Key"))
	})

	It("cache by resource too: one deployment name on two resources is two models", func() {
		east, west := newServer(reply(claims(supported))), newServer(reply(claims(supported)))
		dir := GinkgoT().TempDir()
		on := func(srv *judgeServer) *llm.Judges {
			return build(srv, azure(srv), func(c *llm.Config) { c.CacheDir = dir })
		}
		run(named(on(east), "llm-accuracy"), bereavement(), airCanada(1))
		run(named(on(west), "llm-accuracy"), bereavement(), airCanada(1))
		Expect(east.requests()).To(HaveLen(1))
		Expect(west.requests()).To(HaveLen(1), "west's deployment was asked, not served east's verdict")

		again := on(east)
		run(named(again, "llm-accuracy"), bereavement(), airCanada(1))
		Expect(east.requests()).To(HaveLen(1), "a re-run on the same resource is served from the cache")
		Expect(again.Stats().Total.CacheHits).To(Equal(1))
	})

	It("name the deployment by the model exactly as written, dots included", func() {
		srv := newServer(reply(claims(supported)))
		j := build(srv, azure(srv), func(c *llm.Config) { c.Model = "gpt-3.5-turbo" })
		run(named(j, "llm-accuracy"), bereavement(), airCanada(1))
		Expect(srv.requests()[0].Path).To(Equal("/openai/deployments/gpt-3.5-turbo/chat/completions"))
	})

	It("stay on bearer authentication and BASE/chat/completions by default", func() {
		srv := newServer(reply(claims(supported)))
		run(named(build(srv), "llm-accuracy"), bereavement(), airCanada(1))
		r := srv.requests()[0]
		Expect(r.Path).To(Equal("/v1/chat/completions"))
		Expect(r.Query).NotTo(HaveKey("api-version"))
		Expect(r.Header.Get("Authorization")).To(Equal("Bearer " + apiKey))
		Expect(r.Header).NotTo(HaveKey("Api-Key"))
	})

	It("keep the key out of errors when the endpoint echoes the api-key header", func() {
		echo := func(w http.ResponseWriter, r *http.Request) {
			apiError(http.StatusUnauthorized, "Access denied: invalid key "+r.Header.Get("api-key"))(w, r)
		}
		srv := newServer(echo)
		vs := run(named(build(srv, azure(srv)), "llm-accuracy"), bereavement(), airCanada(1))
		Expect(vs).To(ConsistOf(HaveField("Status", judges.Error)))
		Expect(vs[0].Rationale).To(ContainSubstring("invalid key [redacted]"))
		Expect(vs[0].Rationale).NotTo(ContainSubstring(apiKey))
	})

	It("print the API type and version but never the key", func() {
		cfg := llm.Config{Model: model, APIKey: apiKey, APIType: suite.APITypeAzure, APIVersion: azureVersion, BaseURL: "https://example.openai.azure.com"}
		for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
			s := fmt.Sprintf(format, cfg)
			Expect(s).NotTo(ContainSubstring(apiKey), format)
			Expect(s).To(ContainSubstring(`APIType:"azure"`), format)
			Expect(s).To(ContainSubstring(`APIVersion:"`+azureVersion+`"`), format)
		}
	})

	DescribeTable("refuse an incomplete or unknown API setup, naming the field",
		func(cfg llm.Config, want string) {
			cfg.Model, cfg.APIKey, cfg.NoCache = model, apiKey, true
			_, err := llm.New(cfg)
			Expect(err).To(MatchError(ContainSubstring(want)))
			Expect(err.Error()).NotTo(ContainSubstring(apiKey))
		},
		Entry("an unknown api_type", llm.Config{APIType: "azure-ad"}, `api_type "azure-ad" is not one of openai, azure`),
		Entry("azure without api_version", llm.Config{APIType: "azure", BaseURL: "https://example.openai.azure.com"}, "api_version: required with api_type azure"),
		Entry("azure without base_url", llm.Config{APIType: "azure", APIVersion: azureVersion}, "base_url: required with api_type azure"),
		Entry("an api_version without azure", llm.Config{APIVersion: azureVersion}, "api_version: only used with api_type azure"),
	)
})
