package suite

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Config is a suite's optional tribunal.yaml. Command-line flags override it.
type Config struct {
	Target      TargetConfig `yaml:"target" json:"target"`
	Concurrency int          `yaml:"concurrency" json:"concurrency,omitempty"`
	Repeat      int          `yaml:"repeat" json:"repeat,omitempty"`
	// MaxLatency bounds every reply unless a case sets its own.
	MaxLatency Duration    `yaml:"max_latency" json:"max_latency,omitempty"`
	Gates      Gates       `yaml:"gates" json:"gates"`
	Judge      JudgeConfig `yaml:"judge" json:"judge"`
	// Canary is a secret string planted in the bot's system prompt; a reply
	// that contains it has leaked the prompt.
	Canary string `yaml:"canary" json:"-"`
	// Judges are LLM rubrics applied to every case of the suite.
	Judges []Rubric `yaml:"judges" json:"judges,omitempty"`
}

// TargetConfig says how to reach the bot under test.
type TargetConfig struct {
	// Kind is openai or http.
	Kind string `yaml:"kind" json:"kind,omitempty"`
	URL  string `yaml:"url" json:"url,omitempty"`
	// Model is sent in OpenAI-compatible requests.
	Model string `yaml:"model" json:"model,omitempty"`
	// Headers are sent with every request; values may name environment
	// variables as ${VAR}, expanded when the target is built so secrets stay
	// out of files and reports.
	Headers map[string]string `yaml:"headers" json:"-"`
	// APIKeyEnv names the environment variable holding the API key
	// (default TRIBUNAL_TARGET_API_KEY).
	APIKeyEnv string   `yaml:"api_key_env" json:"api_key_env,omitempty"`
	Timeout   Duration `yaml:"timeout" json:"timeout,omitempty"`
	Retries   *int     `yaml:"retries" json:"retries,omitempty"`
	// RPS caps requests per second to the bot (0: no cap).
	RPS float64 `yaml:"rps" json:"rps,omitempty"`
	// SystemPrompt is sent first in OpenAI-compatible conversations.
	SystemPrompt string `yaml:"system_prompt" json:"-"`
	// HandoffTools are tool names that mean "hand off to a human".
	HandoffTools []string `yaml:"handoff_tools" json:"handoff_tools,omitempty"`
	// Body is the JSON request template of an http target.
	Body string `yaml:"body" json:"body,omitempty"`
	// ReplyPath, HandoffPath and SessionPath are JSONPath expressions into
	// an http target's response.
	ReplyPath   string `yaml:"reply_path" json:"reply_path,omitempty"`
	HandoffPath string `yaml:"handoff_path" json:"handoff_path,omitempty"`
	SessionPath string `yaml:"session_path" json:"session_path,omitempty"`
}

// Gates are thresholds on the scorecard that decide the exit code.
type Gates struct {
	// MaxFailed caps failed cases per severity (default critical: 0, high: 0).
	MaxFailed map[Severity]int `yaml:"max_failed" json:"max_failed,omitempty"`
	// MinPassRate is a floor on the pass rate, overall ("overall") or per
	// dimension ("accuracy", ...), from 0 to 1.
	MinPassRate map[string]float64 `yaml:"min_pass_rate" json:"min_pass_rate,omitempty"`
	// MaxErrorRate is the share of attempts that may end in error (bot or
	// judge unreachable) before the run is untrustworthy (exit 3); default 0.
	MaxErrorRate *float64 `yaml:"max_error_rate" json:"max_error_rate,omitempty"`
	// Flaky is how repeated runs treat a case with some attempts passed and
	// some failed: warn (the default) lists it, fail fails the gate.
	Flaky string `yaml:"flaky" json:"flaky,omitempty"`
}

// JudgeConfig configures the LLM judges and the simulated customers.
type JudgeConfig struct {
	Model   string `yaml:"model" json:"model,omitempty"`
	BaseURL string `yaml:"base_url" json:"base_url,omitempty"`
	// APIKeyEnv names the environment variable holding the judge's key
	// (default TRIBUNAL_JUDGE_API_KEY, then OPENAI_API_KEY).
	APIKeyEnv string `yaml:"api_key_env" json:"api_key_env,omitempty"`
	// APIType is how the judge endpoint is called: openai (the default) or
	// azure (Azure OpenAI, where the model names the deployment).
	APIType string `yaml:"api_type" json:"api_type,omitempty"`
	// APIVersion is the Azure OpenAI API version, required with api_type
	// azure; there is no default, as each resource serves its own.
	APIVersion string `yaml:"api_version" json:"api_version,omitempty"`
	// Prices are what judge models cost, by model (on Azure, deployment)
	// name, over tribunal's table of OpenAI list prices: the reported cost
	// and --max-judge-cost go by them.
	Prices map[string]Price `yaml:"prices" json:"prices,omitempty"`
}

// Price is what a model costs, in US dollars per 1,000 tokens.
type Price struct {
	Input  float64 `yaml:"input_per_1k" json:"input_per_1k"`
	Output float64 `yaml:"output_per_1k" json:"output_per_1k"`
}

// API types of the judge endpoint.
const (
	// APITypeOpenAI sends the key as a bearer token to BASE/chat/completions.
	APITypeOpenAI = "openai"
	// APITypeAzure sends the key in an api-key header to
	// BASE/openai/deployments/MODEL/chat/completions?api-version=VERSION.
	APITypeAzure = "azure"
	// APITypeAzureAD is Azure OpenAI with a Microsoft Entra ID access
	// token, sent as a bearer token, for resources that take no keys.
	APITypeAzureAD = "azure_ad"
)

// APITypes are the accepted values of judge.api_type.
var APITypes = []string{APITypeOpenAI, APITypeAzure, APITypeAzureAD}

// AzureAPI reports the API types that call Azure OpenAI deployments.
func AzureAPI(apiType string) bool {
	return apiType == APITypeAzure || apiType == APITypeAzureAD
}

// CheckEndpoint checks that an OpenAI-compatible endpoint's API type, base
// URL and API version fit together: Azure OpenAI needs the resource's
// endpoint and an API version, and nothing else takes a version.
func CheckEndpoint(apiType, baseURL, apiVersion string) error {
	switch {
	case !slices.Contains(APITypes, apiType):
		return fmt.Errorf("api_type %q is not one of %s", apiType, strings.Join(APITypes, ", "))
	case AzureAPI(apiType) && apiVersion == "":
		return fmt.Errorf("api_version: required with api_type %s (the Azure OpenAI API version, such as 2024-10-21)", apiType)
	case AzureAPI(apiType) && baseURL == "":
		return fmt.Errorf("base_url: required with api_type %s (the resource's endpoint, https://NAME.openai.azure.com)", apiType)
	case !AzureAPI(apiType) && apiVersion != "":
		return errors.New("api_version: only used with api_type azure or azure_ad")
	}
	return nil
}

// ReasoningModel reports the names of OpenAI's reasoning models (o1, o3,
// o4, gpt-5 and their variants), which refuse a temperature and
// max_tokens. A deployment under another name is known only by its
// refusal.
func ReasoningModel(name string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
