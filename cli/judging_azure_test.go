package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

const azureSecret = "azure-secret-Kq7Vt2Lm9"

// azureArrival is how one request reached the fake model endpoint.
type azureArrival struct {
	Path, APIVersion, APIKey, Authorization string
	Customer                                bool
}

// modelEndpoint records how every request arrived; it answers the judges
// as judgeServer does, and the simulated customer with one line, then the
// end marker.
func modelEndpoint() (*httptest.Server, func() []azureArrival) {
	judge, _, _ := judgeServer()
	judge.Close() // only its handler is used
	var mu sync.Mutex
	var got []azureArrival
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(raw))
		var req struct {
			Messages []struct {
				Content string `json:"content"`
			} `json:"messages"`
		}
		_ = json.Unmarshal(raw, &req)
		customer := len(req.Messages) > 0 && strings.Contains(req.Messages[0].Content, "role-playing a CUSTOMER")
		mu.Lock()
		got = append(got, azureArrival{Path: r.URL.Path, APIVersion: r.URL.Query().Get("api-version"),
			APIKey: r.Header.Get("api-key"), Authorization: r.Header.Get("Authorization"), Customer: customer})
		mu.Unlock()
		if !customer {
			judge.Config.Handler.ServeHTTP(w, r)
			return
		}
		line := "Hello, when are you open?"
		if len(req.Messages) > 2 {
			line = "Thanks! [END]"
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"id": "c", "object": "chat.completion",
			"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": line}}}})
	}))
	DeferCleanup(srv.Close)
	return srv, func() []azureArrival { mu.Lock(); defer mu.Unlock(); return append([]azureArrival(nil), got...) }
}

// azureSuite is a scripted case and a simulated one, with the judge
// settings as tribunal.yaml when there are any.
func azureSuite(judge string) string {
	files := map[string]string{
		"cases.yaml": `version: 1
defaults: {language: en}
cases:
  - id: shop/hello
    title: A customer asks for the opening hours
    turns:
      - user: Hello, what are your opening hours?
  - id: shop/simulated
    title: A simulated customer asks for the opening hours
    simulate:
      persona: A polite customer.
      goal: Learn the opening hours.
      max_turns: 2
`,
	}
	if judge != "" {
		files["tribunal.yaml"] = judge
	}
	return writeSuite(files)
}

// runAzure runs the suite with the key in AZURE_OPENAI_API_KEY and a
// private judge cache.
func runAzure(dir string, args ...string) result {
	out := filepath.Join(GinkgoT().TempDir(), "report")
	args = append([]string{"run", dir, "--out", out, "--judge-cache", filepath.Join(GinkgoT().TempDir(), "cache")}, args...)
	r := tribunal(context.Background(), map[string]string{"AZURE_OPENAI_API_KEY": azureSecret}, false, args...)
	for _, f := range []string{"scorecard.json", "summary.md", "index.html", "junit.xml", "results.jsonl"} {
		ExpectWithOffset(1, readFile(filepath.Join(out, f))).NotTo(ContainSubstring(azureSecret), f)
	}
	ExpectWithOffset(1, r.out+r.errOut).NotTo(ContainSubstring(azureSecret))
	return r
}

// expectAzure checks that the judges asked judgeDeployment and the customer
// customerDeployment, every request the Azure way, the key in an api-key
// header.
func expectAzure(got []azureArrival, judgeDeployment, customerDeployment, version string) {
	expectAzureAuth(got, judgeDeployment, customerDeployment, version, azureArrival{APIKey: azureSecret})
}

// expectAzureAuth is expectAzure with the credentials every request must
// carry (APIKey and Authorization of auth).
func expectAzureAuth(got []azureArrival, judgeDeployment, customerDeployment, version string, auth azureArrival) {
	var judged, simulated int
	for _, a := range got {
		deployment := judgeDeployment
		if a.Customer {
			deployment = customerDeployment
			simulated++
		} else {
			judged++
		}
		ExpectWithOffset(1, a).To(Equal(azureArrival{Path: "/openai/deployments/" + deployment + "/chat/completions",
			APIVersion: version, APIKey: auth.APIKey, Authorization: auth.Authorization, Customer: a.Customer}))
	}
	ExpectWithOffset(1, judged).To(BeNumerically(">", 0), "the judges asked the model")
	ExpectWithOffset(1, simulated).To(Equal(2), "the customer spoke, then ended")
}

var _ = Describe("LLM judges and simulated customers on Azure OpenAI", func() {
	It("follow tribunal.yaml's judge.api_type and judge.api_version, the models naming the deployments", func() {
		srv, arrivals := modelEndpoint()
		dir := azureSuite(`judge:
  model: judge-deployment
  base_url: ` + srv.URL + `
  api_type: azure
  api_version: "2024-10-21"
  api_key_env: AZURE_OPENAI_API_KEY
`)
		r := runAzure(dir, "--simulator-model", "customer-deployment")
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		expectAzure(arrivals(), "judge-deployment", "customer-deployment", "2024-10-21")
	})

	It("follow --judge-api-type and --judge-api-version over tribunal.yaml", func() {
		srv, arrivals := modelEndpoint()
		dir := azureSuite(`judge:
  model: judge-deployment
  base_url: ` + srv.URL + `
  api_key_env: AZURE_OPENAI_API_KEY
`)
		r := runAzure(dir, "--judge-api-type", "azure", "--judge-api-version", "2025-01-01-preview")
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		expectAzure(arrivals(), "judge-deployment", "judge-deployment", "2025-01-01-preview")
	})

	It("take --judge-api-version over tribunal.yaml's judge.api_version", func() {
		srv, arrivals := modelEndpoint()
		dir := azureSuite(`judge:
  model: judge-deployment
  base_url: ` + srv.URL + `
  api_type: azure
  api_version: "2024-10-21"
  api_key_env: AZURE_OPENAI_API_KEY
`)
		r := runAzure(dir, "--judge-api-version", "2025-01-01-preview")
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		expectAzure(arrivals(), "judge-deployment", "judge-deployment", "2025-01-01-preview")
	})

	It("go back to a bearer key at BASE/chat/completions with --judge-api-type openai, leaving the file's api_version aside", func() {
		srv, arrivals := modelEndpoint()
		dir := azureSuite(`judge:
  model: judge-deployment
  base_url: https://example.openai.azure.com
  api_type: azure
  api_version: "2024-10-21"
  api_key_env: AZURE_OPENAI_API_KEY
`)
		r := runAzure(dir, "--judge-api-type", "openai", "--judge-base-url", srv.URL+"/v1")
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		got := arrivals()
		Expect(got).To(ContainElement(HaveField("Customer", true)))
		Expect(got).To(ContainElement(HaveField("Customer", false)))
		for _, a := range got {
			Expect(a).To(Equal(azureArrival{Path: "/v1/chat/completions", Authorization: "Bearer " + azureSecret, Customer: a.Customer}))
		}
	})

	It("send a Microsoft Entra ID token as a bearer token to the deployments with judge.api_type azure_ad, never in an api-key header", func() {
		srv, arrivals := modelEndpoint()
		dir := azureSuite(`judge:
  model: judge-deployment
  base_url: ` + srv.URL + `
  api_type: azure_ad
  api_version: "2024-10-21"
  api_key_env: AZURE_OPENAI_API_KEY
`)
		r := runAzure(dir, "--simulator-model", "customer-deployment")
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		expectAzureAuth(arrivals(), "judge-deployment", "customer-deployment", "2024-10-21", azureArrival{Authorization: "Bearer " + azureSecret})
	})

	DescribeTable("refuse an unknown or incomplete API setup before the run (exit 2), naming the setting",
		func(judge string, args []string, env map[string]string, want string) {
			dir := azureSuite(judge)
			out := filepath.Join(GinkgoT().TempDir(), "report")
			r := tribunal(context.Background(), env, false, append([]string{"run", dir, "--out", out, "--no-judge-cache"}, args...)...)
			Expect(r.code).To(Equal(2), r.out+r.errOut)
			Expect(r.errOut).To(ContainSubstring(want))
			Expect(r.out + r.errOut).NotTo(ContainSubstring(azureSecret))
			Expect(filepath.Join(out, "results.jsonl")).NotTo(BeAnExistingFile(), "nothing ran")
		},
		Entry("an unknown --judge-api-type", "",
			[]string{"--judge-model", "m", "--judge-api-type", "azur"}, map[string]string{"OPENAI_API_KEY": azureSecret},
			`--judge-api-type "azur": want one of openai, azure`),
		Entry("an unknown judge.api_type", "judge: {api_type: Azure}\n",
			[]string{"--judge-model", "m"}, map[string]string{"OPENAI_API_KEY": azureSecret},
			`judge.api_type "Azure" in tribunal.yaml: want one of openai, azure`),
		Entry("azure without an API version", "",
			[]string{"--judge-model", "m", "--judge-api-type", "azure", "--judge-base-url", "https://example.openai.azure.com"}, map[string]string{"OPENAI_API_KEY": azureSecret},
			"needs an API version: set --judge-api-version or judge.api_version in tribunal.yaml"),
		Entry("azure without an endpoint", "judge: {api_type: azure, api_version: \"2024-10-21\"}\n",
			[]string{"--judge-model", "m"}, map[string]string{"OPENAI_API_KEY": azureSecret},
			"needs the resource's endpoint: set --judge-base-url or judge.base_url in tribunal.yaml"),
		Entry("azure without a key", "judge: {api_type: azure, api_version: \"2024-10-21\", base_url: \"https://example.openai.azure.com\", api_key_env: AZURE_OPENAI_API_KEY}\n",
			[]string{"--judge-model", "m"}, map[string]string{},
			"needs a key: set AZURE_OPENAI_API_KEY (judge.api_key_env), TRIBUNAL_JUDGE_API_KEY or OPENAI_API_KEY"),
		Entry("azure_ad without a token", "judge: {api_type: azure_ad, api_version: \"2024-10-21\", base_url: \"https://example.openai.azure.com\"}\n",
			[]string{"--judge-model", "m"}, map[string]string{},
			"judge API type azure_ad needs a Microsoft Entra ID access token"),
		Entry("azure_ad without an API version", "",
			[]string{"--judge-model", "m", "--judge-api-type", "azure_ad", "--judge-base-url", "https://example.openai.azure.com"}, map[string]string{"OPENAI_API_KEY": azureSecret},
			"judge API type azure_ad needs an API version"),
		Entry("--judge-api-version without azure", "",
			[]string{"--judge-model", "m", "--judge-api-version", "2024-10-21"}, map[string]string{"OPENAI_API_KEY": azureSecret},
			"--judge-api-version applies only with --judge-api-type azure"),
		Entry("judge.api_version without judge.api_type azure", "judge: {api_version: \"2024-10-21\"}\n",
			[]string{"--judge-model", "m"}, map[string]string{"OPENAI_API_KEY": azureSecret},
			"judge.api_version in tribunal.yaml applies only with judge.api_type: azure"),
	)
})
