package llm

import (
	"fmt"
	"strings"
	"time"

	"github.com/tribunal-eval/tribunal/suite"
)

// Defaults used where Config leaves a field zero.
const (
	DefaultBaseURL        = "https://api.openai.com/v1"
	DefaultSamples        = 1
	DefaultSeed           = 7
	DefaultMaxConcurrency = 4
	DefaultRetries        = 3
	DefaultTimeout        = 60 * time.Second
	DefaultInitialBackoff = 500 * time.Millisecond
	DefaultMaxBackoff     = 20 * time.Second
	DefaultMaxRetryAfter  = 2 * time.Minute
	DefaultCacheDir       = ".tribunal/cache"
	// DefaultPassThreshold is the empathy level (1-5) a reply must reach on
	// a turn where the customer shows distress.
	DefaultPassThreshold = 4
	// DefaultCalmPassThreshold is the level a reply must reach on a turn
	// where the customer is calm.
	DefaultCalmPassThreshold = 3
)

// Price is what a model costs, in US dollars per 1,000 tokens.
type Price struct {
	Input  float64 `json:"input_per_1k" yaml:"input_per_1k"`
	Output float64 `json:"output_per_1k" yaml:"output_per_1k"`
}

// DefaultPrices are list prices (USD per 1K tokens) of a few OpenAI models,
// matched by exact name or, failing that, by the longest name that prefixes
// the model (so "gpt-4o-2024-08-06" is priced as "gpt-4o"). Models not
// listed (local Ollama, vLLM or llama.cpp models) cost 0. Config.Prices
// overrides and extends this table.
var DefaultPrices = map[string]Price{
	"gpt-4o":        {Input: 0.0025, Output: 0.01},
	"gpt-4o-mini":   {Input: 0.00015, Output: 0.0006},
	"gpt-4.1":       {Input: 0.002, Output: 0.008},
	"gpt-4.1-mini":  {Input: 0.0004, Output: 0.0016},
	"gpt-4.1-nano":  {Input: 0.0001, Output: 0.0004},
	"gpt-4-turbo":   {Input: 0.01, Output: 0.03},
	"gpt-3.5-turbo": {Input: 0.0005, Output: 0.0015},
	"o3-mini":       {Input: 0.0011, Output: 0.0044},
	"o4-mini":       {Input: 0.0011, Output: 0.0044},
}

// Config configures the LLM judges. The caller reads the API key from the
// environment (TRIBUNAL_JUDGE_API_KEY, then OPENAI_API_KEY) and passes it
// in APIKey; this package never reads the environment.
type Config struct {
	// Model is the judge model; empty disables the LLM judges (every case
	// gets skipped verdicts).
	Model string
	// BaseURL is the OpenAI-compatible endpoint, e.g.
	// http://localhost:11434/v1 for Ollama (default the OpenAI API), or
	// the Azure OpenAI resource's endpoint, e.g.
	// https://NAME.openai.azure.com (required with APIType azure).
	BaseURL string
	// APIKey is sent as a bearer token, or in an api-key header with
	// APIType azure. It never appears in errors, verdicts, stats or cache
	// files.
	APIKey string
	// APIType is suite.APITypeOpenAI (the default), suite.APITypeAzure or
	// suite.APITypeAzureAD,
	// for which Model names the deployment, verbatim.
	APIType string
	// APIVersion is the Azure OpenAI API version, sent as api-version;
	// required with APIType azure and refused otherwise.
	APIVersion string

	// Samples is how many times each judgement is asked (majority vote,
	// disagreement reported in the rationale); default 1.
	Samples int
	// Seed is sent with every request (sample i uses Seed+i); default 7.
	Seed *int

	// MaxConcurrency bounds requests in flight to the endpoint (default 4).
	MaxConcurrency int
	// RPM and TPM cap requests and (estimated) tokens per minute; 0: no cap.
	RPM float64
	TPM float64
	// Retries is how many times a failed request (429, 408, 5xx, transport
	// error, timeout) is repeated; nil: 3, 0: never.
	Retries *int
	// Timeout bounds each request (default 60s).
	Timeout time.Duration
	// InitialBackoff and MaxBackoff shape the jittered exponential backoff
	// between retries (defaults 500ms and 20s); a Retry-After header wins.
	InitialBackoff time.Duration
	MaxBackoff     time.Duration
	// MaxRetryAfter caps how long a Retry-After may make a call wait; a
	// server asking for longer ends the call in error (default 2m).
	MaxRetryAfter time.Duration
	// MaxReplyTokens is sent as max_tokens when positive.
	MaxReplyTokens int

	// CacheDir holds the disk cache (default .tribunal/cache); NoCache
	// turns it off.
	CacheDir string
	NoCache  bool

	// MaxCost is the budget in USD (0: none). Once spending reaches it,
	// further LLM judgements are skipped with rationale "judge budget
	// reached". Cached verdicts, which cost nothing, are still served.
	MaxCost float64
	// Prices override or extend DefaultPrices (keys are model names or
	// prefixes).
	Prices map[string]Price

	// PassThreshold is the empathy level (1-5) a reply must reach on a turn
	// where the customer shows distress (default 4); CalmPassThreshold on
	// other turns (default 3).
	PassThreshold     int
	CalmPassThreshold int

	// SuiteRubrics are the suite's tribunal.yaml rubrics, judged on every
	// case besides the case's own.
	SuiteRubrics []suite.Rubric
}

// String prints the configuration without the API key.
func (c Config) String() string {
	key := ""
	if c.APIKey != "" {
		key = "[redacted]"
	}
	return fmt.Sprintf("llm.Config{Model:%q BaseURL:%q APIType:%q APIVersion:%q APIKey:%q Samples:%d MaxCost:%g}",
		c.Model, c.BaseURL, c.APIType, c.APIVersion, key, c.Samples, c.MaxCost)
}

// GoString is String, so %#v does not print the key either.
func (c Config) GoString() string { return c.String() }

func (c Config) withDefaults() Config {
	c.Model = strings.TrimSpace(c.Model)
	if c.APIType == "" {
		c.APIType = suite.APITypeOpenAI
	}
	// Azure has no default endpoint: each resource has its own.
	if c.BaseURL == "" && c.APIType == suite.APITypeOpenAI {
		c.BaseURL = DefaultBaseURL
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.Samples <= 0 {
		c.Samples = DefaultSamples
	}
	if c.Seed == nil {
		c.Seed = new(DefaultSeed)
	}
	if c.MaxConcurrency <= 0 {
		c.MaxConcurrency = DefaultMaxConcurrency
	}
	if c.Retries == nil {
		c.Retries = new(DefaultRetries)
	} else if *c.Retries < 0 {
		c.Retries = new(0)
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.InitialBackoff <= 0 {
		c.InitialBackoff = DefaultInitialBackoff
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = DefaultMaxBackoff
	}
	if c.MaxBackoff < c.InitialBackoff {
		c.MaxBackoff = c.InitialBackoff
	}
	if c.MaxRetryAfter <= 0 {
		c.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if c.CacheDir == "" {
		c.CacheDir = DefaultCacheDir
	}
	if c.PassThreshold <= 0 {
		c.PassThreshold = DefaultPassThreshold
	}
	if c.CalmPassThreshold <= 0 {
		c.CalmPassThreshold = DefaultCalmPassThreshold
	}
	return c
}

func (c Config) validate() error {
	if err := suite.CheckEndpoint(c.APIType, c.BaseURL, c.APIVersion); err != nil {
		return fmt.Errorf("judge %w", err)
	}
	if c.Samples > 25 {
		return fmt.Errorf("judge samples: %d is more than 25", c.Samples)
	}
	if c.PassThreshold > 5 || c.CalmPassThreshold > 5 {
		return fmt.Errorf("empathy pass threshold must be between 1 and 5")
	}
	if c.MaxCost < 0 || c.RPM < 0 || c.TPM < 0 {
		return fmt.Errorf("judge limits (max cost, rpm, tpm) cannot be negative")
	}
	for model, p := range c.Prices {
		if p.Input < 0 || p.Output < 0 {
			return fmt.Errorf("judge price for %q cannot be negative", model)
		}
	}
	for i, r := range c.SuiteRubrics {
		if strings.TrimSpace(r.Rubric) == "" {
			return fmt.Errorf("suite judges[%d].rubric: missing (say what the judge must check)", i)
		}
		if !validDimension(r.Dimension) {
			return fmt.Errorf("suite judges[%d].dimension %q is not one of %s", i, r.Dimension, strings.Join(suite.Dimensions, ", "))
		}
	}
	return nil
}

func validDimension(d string) bool {
	for _, v := range suite.Dimensions {
		if d == v {
			return true
		}
	}
	return false
}

// PriceFor returns the price of model, from overrides or DefaultPrices, and
// whether one is known (see DefaultPrices for how names match).
func PriceFor(model string, overrides map[string]Price) (Price, bool) {
	for _, table := range []map[string]Price{overrides, DefaultPrices} {
		if p, ok := table[model]; ok {
			return p, true
		}
	}
	for _, table := range []map[string]Price{overrides, DefaultPrices} {
		best, found := "", false
		for name := range table {
			if strings.HasPrefix(model, name) && len(name) > len(best) {
				best, found = name, true
			}
		}
		if found {
			return table[best], true
		}
	}
	return Price{}, false
}
