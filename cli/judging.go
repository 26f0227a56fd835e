package cli

import (
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/judges/llm"
	"github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/simulate"
	"github.com/tribunal-eval/tribunal/suite"
)

// JudgeOptions configure the LLM judges and the simulated customers. The
// key is read from the environment only: TRIBUNAL_JUDGE_API_KEY (or the
// variable judge.api_key_env names), then OPENAI_API_KEY.
type JudgeOptions struct {
	Model          string
	BaseURL        string
	APIType        string
	APIVersion     string
	Samples        int
	MaxCost        float64
	CacheDir       string
	NoCache        bool
	SimulatorModel string
}

func addJudgeFlags(f *pflag.FlagSet, o *JudgeOptions) {
	f.StringVar(&o.Model, "judge-model", "", "model for the LLM judges (none: they are skipped, visibly); key from TRIBUNAL_JUDGE_API_KEY or OPENAI_API_KEY")
	f.StringVar(&o.BaseURL, "judge-base-url", "", "OpenAI-compatible base URL of the judge model (default https://api.openai.com/v1), or an Azure OpenAI endpoint such as https://NAME.openai.azure.com")
	f.StringVar(&o.APIType, "judge-api-type", "", "how to call the judge and simulator models: openai (bearer key), azure (Azure OpenAI: api-key header, the model names the deployment) or azure_ad (Azure OpenAI with a Microsoft Entra ID access token as the key) (default openai)")
	f.StringVar(&o.APIVersion, "judge-api-version", "", "Azure OpenAI API version, such as 2024-10-21 (required with --judge-api-type azure or azure_ad)")
	f.IntVar(&o.Samples, "judge-samples", 1, "samples per LLM judgement; the majority rules and disagreement is reported")
	f.Float64Var(&o.MaxCost, "max-judge-cost", 0, "stop LLM judging cleanly once it has cost this many USD (0: no cap); the judge model needs a known price (OpenAI list prices, or judge.prices in tribunal.yaml)")
	f.StringVar(&o.CacheDir, "judge-cache", ".tribunal/cache", "folder caching LLM verdicts by their inputs")
	f.BoolVar(&o.NoCache, "no-judge-cache", false, "always ask the judge model, never the cache")
	f.StringVar(&o.SimulatorModel, "simulator-model", "", "model that plays simulated customers (default: --judge-model, on the judge's base URL)")
}

// judging is what a run judges with.
type judging struct {
	panel    judges.Panel
	llm      *llm.Judges
	customer replay.Customer
}

// close releases the judge endpoint's connections.
func (j *judging) close() { j.llm.Close() }

// info names the judges for the scorecard, with model and prompt version
// for the LLM ones, so diff can refuse incomparable scorecards.
func (j *judging) info() []score.JudgeInfo {
	versions := llm.PromptVersions()
	model := j.llm.Stats().Model
	var out []score.JudgeInfo
	for _, jj := range j.panel {
		ji := score.JudgeInfo{Name: jj.Name()}
		if v, ok := versions[jj.Name()]; ok && j.llm.Enabled() {
			ji.Model, ji.PromptVersion = model, v
		}
		out = append(out, ji)
	}
	return out
}

// buildJudging assembles the rule judges, the LLM judges (skipped without a
// model) and the simulated customer from flags and the suite config.
func buildJudging(o JudgeOptions, cfg suite.Config, getenv func(string) string) (*judging, error) {
	model := firstNonEmpty(o.Model, cfg.Judge.Model)
	baseURL := firstNonEmpty(o.BaseURL, cfg.Judge.BaseURL)
	key := ""
	if cfg.Judge.APIKeyEnv != "" {
		key = getenv(cfg.Judge.APIKeyEnv)
	}
	key = firstNonEmpty(key, getenv("TRIBUNAL_JUDGE_API_KEY"), getenv("OPENAI_API_KEY"))
	if o.Samples < 1 {
		return nil, usageErrorf("--judge-samples must be at least 1")
	}
	if o.MaxCost < 0 {
		return nil, usageErrorf("--max-judge-cost must not be negative")
	}
	apiType, apiVersion, err := judgeAPI(o, cfg.Judge)
	if err != nil {
		return nil, err
	}
	simModel := firstNonEmpty(o.SimulatorModel, model)
	if suite.AzureAPI(apiType) && baseURL == "" {
		return nil, usageErrorf("judge API type %s needs the resource's endpoint: set --judge-base-url or judge.base_url in tribunal.yaml (https://NAME.openai.azure.com)", apiType)
	}
	// Azure refuses every keyless request; say so before the run, not as
	// an error on every verdict.
	switch {
	case apiType == suite.APITypeAzure && key == "" && simModel != "":
		return nil, usageErrorf("judge API type azure needs a key: set %s", keyVars(cfg.Judge))
	case apiType == suite.APITypeAzureAD && key == "" && simModel != "":
		return nil, usageErrorf("judge API type azure_ad needs a Microsoft Entra ID access token for https://cognitiveservices.azure.com: set %s (az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv)", keyVars(cfg.Judge))
	}
	prices := map[string]llm.Price{}
	for name, p := range cfg.Judge.Prices {
		if p.Input < 0 || p.Output < 0 {
			return nil, usageErrorf("judge.prices.%s in tribunal.yaml: a price must not be negative", name)
		}
		prices[name] = llm.Price{Input: p.Input, Output: p.Output}
	}
	// A cap on a model with no known price would never be reached.
	if _, known := llm.PriceFor(model, prices); o.MaxCost > 0 && model != "" && !known {
		return nil, usageErrorf("--max-judge-cost: tribunal knows no price for the judge model %q, so it cannot count toward the cap; give it one in tribunal.yaml:\n  judge:\n    prices:\n      %s: {input_per_1k: 0.0025, output_per_1k: 0.01}   # USD per 1,000 tokens", model, model)
	}
	lj, err := llm.New(llm.Config{
		Model: model, BaseURL: baseURL, APIKey: key, APIType: apiType, APIVersion: apiVersion,
		Samples: o.Samples, MaxCost: o.MaxCost, Prices: prices,
		CacheDir: o.CacheDir, NoCache: o.NoCache,
		SuiteRubrics: cfg.Judges,
	})
	if err != nil {
		return nil, &UsageError{err}
	}
	j := &judging{llm: lj}
	j.panel = append(judges.Rules(judges.Options{MaxLatency: cfg.MaxLatency, Canary: cfg.Canary}), lj.Judges()...)

	if simModel != "" {
		cust, err := simulate.New(simulate.Config{Model: simModel, BaseURL: baseURL, APIKey: key, APIType: apiType, APIVersion: apiVersion})
		if err != nil {
			return nil, &UsageError{err}
		}
		j.customer = cust
	}
	return j, nil
}

// judgeAPI settles the judge endpoint's API type and version, flags over
// tribunal.yaml. A version that would be ignored is refused, as it most
// likely means a forgotten api_type; only the file's own version yields
// silently to a --judge-api-type openai that overrides the file's azure.
func judgeAPI(o JudgeOptions, cfg suite.JudgeConfig) (apiType, apiVersion string, err error) {
	allowed := strings.Join(suite.APITypes, ", ")
	if o.APIType != "" && !slices.Contains(suite.APITypes, o.APIType) {
		return "", "", usageErrorf("--judge-api-type %q: want one of %s", o.APIType, allowed)
	}
	if cfg.APIType != "" && !slices.Contains(suite.APITypes, cfg.APIType) {
		return "", "", usageErrorf("judge.api_type %q in tribunal.yaml: want one of %s", cfg.APIType, allowed)
	}
	apiType = firstNonEmpty(o.APIType, cfg.APIType, suite.APITypeOpenAI)
	if !suite.AzureAPI(apiType) {
		switch {
		case o.APIVersion != "":
			return "", "", usageErrorf("--judge-api-version applies only with --judge-api-type azure or azure_ad (or judge.api_type in tribunal.yaml)")
		case cfg.APIVersion != "" && !suite.AzureAPI(cfg.APIType):
			return "", "", usageErrorf("judge.api_version in tribunal.yaml applies only with judge.api_type: azure or azure_ad")
		}
		return apiType, "", nil
	}
	apiVersion = firstNonEmpty(o.APIVersion, cfg.APIVersion)
	if apiVersion == "" {
		return "", "", usageErrorf("judge API type %s needs an API version: set --judge-api-version or judge.api_version in tribunal.yaml (the Azure OpenAI API version, such as 2024-10-21)", apiType)
	}
	return apiType, apiVersion, nil
}

// keyVars names the environment variables the judge's key is read from.
func keyVars(cfg suite.JudgeConfig) string {
	if cfg.APIKeyEnv != "" {
		return cfg.APIKeyEnv + " (judge.api_key_env), TRIBUNAL_JUDGE_API_KEY or OPENAI_API_KEY"
	}
	return "TRIBUNAL_JUDGE_API_KEY or OPENAI_API_KEY"
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// annotate records what LLM judging cost on the scorecard: the run's
// totals, each judge's share and each case's.
func (j *judging) annotate(sc *score.Scorecard) {
	if !j.llm.Enabled() {
		return
	}
	st := j.llm.Stats()
	t := st.Total
	u := &score.JudgingUsage{Model: st.Model, CostUSD: t.CostUSD, Calls: t.Calls, CacheHits: t.CacheHits, CacheMisses: t.CacheMisses,
		PromptTokens: t.PromptTokens, CompletionTokens: t.CompletionTokens, Discarded: t.Discarded, Errors: t.Errors, Skipped: t.Skipped,
		BudgetReached: st.BudgetReached, Judges: map[string]score.JudgeUsage{}}
	for name, ju := range st.Judges {
		u.Judges[name] = score.JudgeUsage{Calls: ju.Calls, CacheHits: ju.CacheHits, PromptTokens: ju.PromptTokens,
			CompletionTokens: ju.CompletionTokens, CostUSD: ju.CostUSD}
	}
	sc.Judging = u
	for i := range sc.Len() {
		sc.SetJudgeCost(i, st.Cases[sc.Case(i).ID].CostUSD)
	}
}
