package llm

import "sync"

// Usage counts what judging cost, for one judge, one case or the run.
type Usage struct {
	// Calls is judgements asked for (one per sample), cache hits included.
	Calls int `json:"calls"`
	// Requests is HTTP requests sent, retries and parse repairs included.
	Requests    int `json:"requests"`
	CacheHits   int `json:"cache_hits"`
	CacheMisses int `json:"cache_misses"`
	// PromptTokens and CompletionTokens are what was billed: the API's
	// counts when it reports usage, the offline estimate otherwise.
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	// EstimatedPromptTokens and EstimatedCompletionTokens are counted
	// offline with tiktoken (cl100k_base or o200k_base).
	EstimatedPromptTokens     int `json:"estimated_prompt_tokens"`
	EstimatedCompletionTokens int `json:"estimated_completion_tokens"`
	// APIPromptTokens and APICompletionTokens are the API's own counts (0
	// when the server reports none).
	APIPromptTokens     int `json:"api_prompt_tokens"`
	APICompletionTokens int `json:"api_completion_tokens"`
	// CostUSD is the estimated cost at the configured prices.
	CostUSD float64 `json:"cost_usd"`
	// Discarded counts quotes the judge gave as evidence that are not in
	// the transcript or policy, and the findings resting on them.
	Discarded int `json:"discarded"`
	// ParseFailures counts replies that did not parse (each is retried
	// once).
	ParseFailures int `json:"parse_failures"`
	// Errors counts judgements that ended in error (endpoint unavailable,
	// unparseable twice, only fabricated evidence).
	Errors int `json:"errors"`
	// Skipped counts judgements not made (no model, budget reached,
	// nothing to check against).
	Skipped int `json:"skipped"`
}

// Stats is a snapshot of the judges' accounting.
type Stats struct {
	Enabled bool   `json:"enabled"`
	Model   string `json:"model,omitempty"`
	// Price is the price used for cost estimates; PriceKnown is false for
	// models priced at 0 because they are not in the price table.
	Price      Price `json:"price"`
	PriceKnown bool  `json:"price_known"`
	// ResponseFormat is how structured output is being asked for:
	// json_schema, or json_object (or none) after the server refused it.
	ResponseFormat string `json:"response_format,omitempty"`
	// BudgetUSD is --max-judge-cost (0: none); BudgetReached says whether
	// judgements were skipped for it.
	BudgetUSD     float64 `json:"budget_usd,omitempty"`
	BudgetReached bool    `json:"budget_reached"`
	Total         Usage   `json:"total"`
	// Judges is keyed by verdict judge name (llm-accuracy, rubric:NAME…).
	Judges map[string]Usage `json:"judges"`
	// Cases is keyed by case ID (all attempts of a case together).
	Cases map[string]Usage `json:"cases"`
	// PromptVersions maps judge names to their prompt versions.
	PromptVersions map[string]string `json:"prompt_versions"`
}

// ledger keeps the accounting and the budget.
type ledger struct {
	mu       sync.Mutex
	total    Usage
	judges   map[string]*Usage
	cases    map[string]*Usage
	budget   float64
	reserved float64
	reached  bool
}

func newLedger(budget float64) *ledger {
	return &ledger{judges: map[string]*Usage{}, cases: map[string]*Usage{}, budget: budget}
}

func (l *ledger) add(judge, caseID string, f func(*Usage)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f(&l.total)
	if l.judges[judge] == nil {
		l.judges[judge] = &Usage{}
	}
	f(l.judges[judge])
	if caseID == "" {
		return
	}
	if l.cases[caseID] == nil {
		l.cases[caseID] = &Usage{}
	}
	f(l.cases[caseID])
}

// usage is one request's token counts and cost.
type usage struct {
	PromptTokens        int     `json:"prompt_tokens"`
	CompletionTokens    int     `json:"completion_tokens"`
	EstPromptTokens     int     `json:"estimated_prompt_tokens"`
	EstCompletionTokens int     `json:"estimated_completion_tokens"`
	APIPromptTokens     int     `json:"api_prompt_tokens"`
	APICompletionTokens int     `json:"api_completion_tokens"`
	CostUSD             float64 `json:"cost_usd"`
}

func (l *ledger) spend(judge, caseID string, u usage) {
	l.add(judge, caseID, func(s *Usage) {
		s.PromptTokens += u.PromptTokens
		s.CompletionTokens += u.CompletionTokens
		s.EstimatedPromptTokens += u.EstPromptTokens
		s.EstimatedCompletionTokens += u.EstCompletionTokens
		s.APIPromptTokens += u.APIPromptTokens
		s.APICompletionTokens += u.APICompletionTokens
		s.CostUSD += u.CostUSD
	})
}

// reserve claims room in the budget for a request expected to cost est.
// It fails, for good, once the spend plus what is in flight reaches the
// budget.
func (l *ledger) reserve(est float64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.budget <= 0 {
		return true
	}
	if l.reached || l.total.CostUSD+l.reserved >= l.budget {
		l.reached = true
		return false
	}
	l.reserved += est
	return true
}

func (l *ledger) release(est float64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.budget > 0 {
		l.reserved -= est
	}
}

func (l *ledger) snapshot() (total Usage, judges, cases map[string]Usage, reached bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	judges = make(map[string]Usage, len(l.judges))
	for k, v := range l.judges {
		judges[k] = *v
	}
	cases = make(map[string]Usage, len(l.cases))
	for k, v := range l.cases {
		cases[k] = *v
	}
	return l.total, judges, cases, l.reached
}

func (l *ledger) costFor(caseID string) float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if u := l.cases[caseID]; u != nil {
		return u.CostUSD
	}
	return 0
}
