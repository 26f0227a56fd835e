package simulate_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/simulate"
	"github.com/tribunal-eval/tribunal/suite"
)

const (
	azureKey     = "azure-key-7Hq2Lx9Vb"
	azureVersion = "2024-10-21"
)

// arrival is where a request came and how it authenticated.
type arrival struct {
	Path   string
	Query  url.Values
	Header http.Header
}

// endpointServer answers every chat completion with the end marker, or,
// when echo is set, refuses it quoting the api-key header it was sent.
func endpointServer(echo bool) (*httptest.Server, func() []arrival) {
	var mu sync.Mutex
	var got []arrival
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, arrival{Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone()})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if echo {
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": "bad deployment for key " + r.Header.Get("api-key")}})
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"id": "c", "object": "chat.completion",
			"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": "[END]"}}}})
	}))
	DeferCleanup(srv.Close)
	return srv, func() []arrival { mu.Lock(); defer mu.Unlock(); return append([]arrival(nil), got...) }
}

func azureCustomer(srv *httptest.Server, model string) *simulate.Customer {
	c, err := simulate.New(simulate.Config{Model: model, BaseURL: srv.URL, APIKey: azureKey,
		APIType: suite.APITypeAzure, APIVersion: azureVersion, InitialBackoff: time.Millisecond})
	Expect(err).NotTo(HaveOccurred())
	return c
}

var _ = Describe("Customer on Azure OpenAI", func() {
	It("calls the model's deployment with the api-version and the key in an api-key header, never as a bearer token", func() {
		srv, arrivals := endpointServer(false)
		t := replay.PlayWith(context.Background(), bot, azureCustomer(srv, "customer-model"), simCase, 1)
		Expect(t.Error).To(BeEmpty())
		got := arrivals()
		Expect(got).To(HaveLen(1))
		Expect(got[0].Path).To(Equal("/openai/deployments/customer-model/chat/completions"))
		Expect(got[0].Query).To(HaveKeyWithValue("api-version", []string{azureVersion}))
		Expect(got[0].Header.Get("api-key")).To(Equal(azureKey))
		Expect(got[0].Header).NotTo(HaveKey("Authorization"))
	})

	It("names the deployment by the model exactly as written, dots included", func() {
		srv, arrivals := endpointServer(false)
		replay.PlayWith(context.Background(), bot, azureCustomer(srv, "gpt-3.5-turbo"), simCase, 1)
		Expect(arrivals()).To(ConsistOf(HaveField("Path", "/openai/deployments/gpt-3.5-turbo/chat/completions")))
	})

	It("stays on bearer authentication and BASE/chat/completions by default", func() {
		srv, arrivals := endpointServer(false)
		c, err := simulate.New(simulate.Config{Model: "customer-model", BaseURL: srv.URL + "/v1", APIKey: azureKey})
		Expect(err).NotTo(HaveOccurred())
		replay.PlayWith(context.Background(), bot, c, simCase, 1)
		got := arrivals()
		Expect(got).To(HaveLen(1))
		Expect(got[0].Path).To(Equal("/v1/chat/completions"))
		Expect(got[0].Query).NotTo(HaveKey("api-version"))
		Expect(got[0].Header.Get("Authorization")).To(Equal("Bearer " + azureKey))
		Expect(got[0].Header).NotTo(HaveKey("Api-Key"))
	})

	It("keeps the key out of its error when the endpoint echoes it", func() {
		srv, _ := endpointServer(true)
		t := replay.PlayWith(context.Background(), bot, azureCustomer(srv, "customer-model"), simCase, 1)
		Expect(t.Error).To(ContainSubstring("simulator: model endpoint answered 400: bad deployment for key [redacted]"))
		Expect(t.Error).NotTo(ContainSubstring(azureKey))
	})

	It("prints its configuration without the key", func() {
		cfg := simulate.Config{Model: "customer-model", APIKey: azureKey, APIType: suite.APITypeAzure, APIVersion: azureVersion}
		for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
			s := fmt.Sprintf(format, cfg)
			Expect(s).NotTo(ContainSubstring(azureKey), format)
			Expect(s).To(ContainSubstring(`APIType:"azure"`), format)
		}
	})

	DescribeTable("refuses an incomplete or unknown API setup, naming the field",
		func(cfg simulate.Config, want string) {
			cfg.Model, cfg.APIKey = "customer-model", azureKey
			_, err := simulate.New(cfg)
			Expect(err).To(MatchError(ContainSubstring(want)))
			Expect(err.Error()).NotTo(ContainSubstring(azureKey))
		},
		Entry("an unknown api_type", simulate.Config{APIType: "azure-ad"}, `api_type "azure-ad" is not one of openai, azure`),
		Entry("azure without api_version", simulate.Config{APIType: "azure", BaseURL: "https://example.openai.azure.com"}, "api_version: required with api_type azure"),
		Entry("azure without base_url", simulate.Config{APIType: "azure", APIVersion: azureVersion}, "base_url: required with api_type azure"),
		Entry("an api_version without azure", simulate.Config{APIVersion: azureVersion}, "api_version: only used with api_type azure"),
	)
})
