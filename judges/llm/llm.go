// Package llm holds tribunal's LLM judges: accuracy against the company's
// policy, empathy, escalation appropriateness and the teams' own rubrics,
// ruled on by any OpenAI-compatible chat model (OpenAI, Azure, vLLM,
// Ollama, llama.cpp).
//
// The judges are hardened against their own failure modes: structured
// output with a strict parser (an unparseable reply is retried once, then
// the verdict is error, never pass); every quote a judge gives as evidence
// is checked against the transcript and policy, and findings resting on
// made-up quotes are discarded and counted; the transcript is fenced as
// data and instruction-like text in it is neutralised (and, in the bot's
// replies, reported as a safety failure of the bot); temperature 0 and a
// seed; majority vote over samples; a disk cache keyed by every input;
// retries with backoff honouring Retry-After; concurrency, request and
// token rate limits; a budget cap; token and cost accounting.
//
// Without a model (Disabled, or New with an empty Model) every LLM judge
// returns one skipped verdict per case, never a pass.
package llm

import (
	"fmt"
	"maps"
	"os"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// Judge names, as verdicts and Stats report them. A rubric's verdicts are
// named "rubric:NAME", or "rubric" when the rubric has no name.
const (
	AccuracyName   = "llm-accuracy"
	EmpathyName    = "llm-empathy"
	EscalationName = "llm-escalation"
	RubricName     = "llm-rubric"
	InjectionName  = "llm-injection"
)

// Prompt versions. Each is part of the cache key, so changing a prompt
// must bump its version; the scorecard records them (see PromptVersions).
const (
	AccuracyPromptVersion   = "accuracy/1"
	EmpathyPromptVersion    = "empathy/1"
	EscalationPromptVersion = "escalation/1"
	RubricPromptVersion     = "rubric/1"
	// InjectionRulesVersion versions the patterns that flag instruction-like
	// text (no model is asked).
	InjectionRulesVersion = "injection/1"
)

// NoModelRationale is the rationale of every verdict of disabled judges.
const NoModelRationale = "no judge model configured (--judge-model)"

// BudgetRationale is the rationale of verdicts skipped for the budget.
const BudgetRationale = "judge budget reached"

// PromptVersions maps each LLM judge's name to its prompt version.
func PromptVersions() map[string]string {
	return map[string]string{
		AccuracyName:   AccuracyPromptVersion,
		EmpathyName:    EmpathyPromptVersion,
		EscalationName: EscalationPromptVersion,
		RubricName:     RubricPromptVersion,
		InjectionName:  InjectionRulesVersion,
	}
}

// Judges is the set of LLM judges sharing one endpoint, cache, budget and
// accounting. Its methods are safe for concurrent use.
type Judges struct {
	cfg        Config
	enabled    bool
	ep         *endpoint
	cache      *diskCache
	ledger     *ledger
	price      Price
	priceKnown bool
}

// New builds the LLM judges. An empty Model gives the disabled judges
// (see Disabled); an invalid configuration is an error.
func New(cfg Config) (*Judges, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	j := &Judges{cfg: cfg, ledger: newLedger(cfg.MaxCost)}
	if cfg.Model == "" {
		return j, nil
	}
	j.enabled = true
	j.price, j.priceKnown = PriceFor(cfg.Model, cfg.Prices)
	j.ep = newEndpoint(cfg, j.price)
	if !cfg.NoCache {
		if err := os.MkdirAll(cfg.CacheDir, 0o755); err != nil {
			return nil, fmt.Errorf("judge cache: %w", err)
		}
		j.cache = &diskCache{dir: cfg.CacheDir}
	}
	return j, nil
}

// Disabled returns judges for a run without a judge model: each returns,
// for every case, one skipped verdict with NoModelRationale (one per
// rubric for the rubric judge).
func Disabled() *Judges {
	j, _ := New(Config{})
	return j
}

// Enabled reports whether a judge model is configured.
func (j *Judges) Enabled() bool { return j.enabled }

// Judges returns the LLM judges in report order: accuracy, empathy,
// escalation, rubrics, and (when a model is configured) the injection
// check that flags bot replies addressing the judge.
func (j *Judges) Judges() []judges.Judge {
	out := []judges.Judge{accuracyJudge{j}, empathyJudge{j}, escalationJudge{j}, rubricJudge{j}}
	if j.enabled {
		out = append(out, InjectionJudge{})
	}
	return out
}

// Panel returns Judges as a judges.Panel.
func (j *Judges) Panel() judges.Panel { return judges.Panel(j.Judges()) }

// Close drops idle connections to the judge endpoint.
func (j *Judges) Close() {
	if j.ep != nil {
		j.ep.closeIdle()
	}
}

// Stats returns the accounting so far: per judge, per case and in total.
func (j *Judges) Stats() Stats {
	total, byJudge, byCase, reached := j.ledger.snapshot()
	s := Stats{
		Enabled: j.enabled, Model: j.cfg.Model, Price: j.price, PriceKnown: j.priceKnown,
		BudgetUSD: j.cfg.MaxCost, BudgetReached: reached,
		Total: total, Judges: byJudge, Cases: byCase,
		PromptVersions: maps.Clone(PromptVersions()),
	}
	if j.ep != nil {
		s.ResponseFormat = modeNames[j.ep.mode.Load()]
	}
	return s
}

// CostFor returns the estimated cost in USD of judging the case so far,
// all attempts together.
func (j *Judges) CostFor(caseID string) float64 { return j.ledger.costFor(caseID) }

// skip is one skipped verdict, counted.
func (j *Judges) skip(name string, dim judges.Dimension, caseID, why string) judges.Verdict {
	if !j.Enabled() {
		// Without a model every case is skipped: count them in total, but
		// keep no per-case entry, which would grow with the suite.
		caseID = ""
	}
	j.ledger.add(name, caseID, func(u *Usage) { u.Skipped++ })
	return judges.Verdict{Judge: name, Dimension: dim, Status: judges.Skipped, Rationale: why}
}

// errorVerdict is one error verdict for a judge that could not rule.
func errorVerdict(name string, dim judges.Dimension, why string) judges.Verdict {
	return judges.Verdict{Judge: name, Dimension: dim, Status: judges.Error, Rationale: why}
}

// ruleable reports whether a transcript can be judged: a failed attempt is
// not (the panel does not judge it either).
func ruleable(t *transcript.Transcript) bool { return t != nil && !t.Failed() }

// rubricsFor returns the case's rubrics followed by the suite's.
func (j *Judges) rubricsFor(c *suite.Case) []suite.Rubric {
	out := append([]suite.Rubric(nil), c.Judges...)
	return append(out, j.cfg.SuiteRubrics...)
}

func rubricVerdictName(r suite.Rubric) string {
	if r.Name == "" {
		return "rubric"
	}
	return "rubric:" + r.Name
}
