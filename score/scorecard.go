// Package score turns verdicts into a scorecard: per-case and per-dimension
// outcomes, pass rates with intervals, and the gates that decide the exit
// code.
package score

import (
	"time"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// Status is a case's or a dimension's outcome. Skipped applies to
// dimensions only.
type Status = judges.Status

// Scorecard is the whole run's result; scorecard.json is this value and
// every reporter is a function of it.
type Scorecard struct {
	// SchemaVersion is scorecard.json's format version.
	SchemaVersion int              `json:"schema_version"`
	Run           RunInfo          `json:"run"`
	Gate          Gate             `json:"gate"`
	Totals        Totals           `json:"totals"`
	Dimensions    []DimensionStats `json:"dimensions"`
	Severities    []SeverityStats  `json:"severities"`
	Cases         []Case           `json:"cases"`
	// Baseline compares this run with an earlier scorecard, when `run
	// --baseline` (or `report --baseline`) gave one.
	Baseline *Diff `json:"baseline,omitempty"`
	// Judging is what the LLM judges cost, when a judge model ruled.
	Judging *JudgingUsage `json:"judging,omitempty"`

	// files are the results files lean attempts (Builder.AddAt) are read
	// back from.
	files []string
	// table holds the cases of a scorecard built with AddAt only, in place
	// of Cases: present are its rows that are cases of the scorecard (nil
	// when all are), n how many there are.
	table   *caseTable
	present []int32
	n       int
	// costs are the compact cases' LLM judging costs, by row.
	costs map[int32]float64
}

// Len is the number of cases.
func (sc *Scorecard) Len() int {
	if sc.table != nil {
		return sc.n
	}
	return len(sc.Cases)
}

// Case is case i, in the scorecard's order. A scorecard built with
// Builder.AddAt keeps its cases compact and makes a new Case on each call,
// with lean attempts (see Detail); any other is &sc.Cases[i]. Read the
// case, never change it: use SetJudgeCost.
func (sc *Scorecard) Case(i int) *Case {
	if sc.table == nil {
		return &sc.Cases[i]
	}
	r := sc.row(i)
	c := sc.table.caseAt(r)
	c.JudgeCostUSD = sc.costs[r]
	return c
}

// SetJudgeCost sets case i's JudgeCostUSD.
func (sc *Scorecard) SetJudgeCost(i int, usd float64) {
	if sc.table == nil {
		sc.Cases[i].JudgeCostUSD = usd
		return
	}
	switch {
	case usd == 0:
		delete(sc.costs, sc.row(i))
	case sc.costs == nil:
		sc.costs = map[int32]float64{sc.row(i): usd}
	default:
		sc.costs[sc.row(i)] = usd
	}
}

func (sc *Scorecard) row(i int) int32 {
	if i < 0 || i >= sc.n {
		panic("score: case index out of range")
	}
	if sc.present == nil {
		return int32(i)
	}
	return sc.present[i]
}

// JudgingUsage is what LLM judging cost in a run: calls, cache, tokens and
// the estimated price, in total and per judge. Each case's share is
// Case.JudgeCostUSD.
type JudgingUsage struct {
	Model string `json:"model"`
	// CostUSD is estimated at the configured prices (0 for a local model
	// with no price).
	CostUSD          float64 `json:"cost_usd"`
	Calls            int     `json:"calls"`
	CacheHits        int     `json:"cache_hits"`
	CacheMisses      int     `json:"cache_misses"`
	PromptTokens     int     `json:"prompt_tokens"`
	CompletionTokens int     `json:"completion_tokens"`
	// Discarded counts findings dropped because the judge quoted words
	// that are not in the transcript or policy.
	Discarded int `json:"discarded"`
	Errors    int `json:"errors"`
	Skipped   int `json:"skipped"`
	// BudgetReached is true when --max-judge-cost stopped judging.
	BudgetReached bool                  `json:"budget_reached"`
	Judges        map[string]JudgeUsage `json:"judges"`
}

// JudgeUsage is one LLM judge's share of the cost.
type JudgeUsage struct {
	Calls            int     `json:"calls"`
	CacheHits        int     `json:"cache_hits"`
	PromptTokens     int     `json:"prompt_tokens"`
	CompletionTokens int     `json:"completion_tokens"`
	CostUSD          float64 `json:"cost_usd"`
}

// RunInfo describes what was run, so two scorecards can be compared.
type RunInfo struct {
	Tribunal string `json:"tribunal"`
	Suite    string `json:"suite"`
	// SuiteHash identifies the cases that were run (see SuiteHash): two
	// scorecards with different hashes ran different cases.
	SuiteHash string    `json:"suite_hash,omitempty"`
	Target    string    `json:"target"`
	Repeat    int       `json:"repeat"`
	Started   time.Time `json:"started"`
	Finished  time.Time `json:"finished"`
	// Judges lists the judges that ruled, with the model and prompt
	// version of the LLM judges, by name.
	Judges []JudgeInfo `json:"judges,omitempty"`
	// Interrupted is true when the run was stopped before every attempt
	// finished; the scorecard covers what finished.
	Interrupted bool `json:"interrupted,omitempty"`
}

// Totals counts cases and attempts by status.
type Totals struct {
	Cases    int `json:"cases"`
	Attempts int `json:"attempts"`
	Pass     int `json:"pass"`
	Fail     int `json:"fail"`
	Error    int `json:"error"`
	// PassRate is pass / (pass + fail) over cases: errors are not counted
	// either way.
	PassRate float64 `json:"pass_rate"`
	// ErroredAttempts counts attempts that ended in error.
	ErroredAttempts int `json:"errored_attempts"`
	// PassAt1 is the chance that one attempt of a case passes: the mean,
	// over the cases with at least one judged (passed or failed) attempt,
	// of each case's PassAt1. With one attempt per case it equals PassRate.
	PassAt1 float64 `json:"pass_at_1"`
	// PassAllK (pass^k, k = run.repeat) is the share of judged cases whose
	// every attempt passed: the chance the bot gets a case right k times in
	// a row. A case passes only when every attempt does, so this is
	// PassRate, named for what it means when cases are repeated.
	PassAllK float64 `json:"pass_all_k"`
	// Flaky counts the cases with some attempts passed and some failed.
	Flaky int `json:"flaky"`
}

// JudgeInfo names a judge that ruled in a run. Model and PromptVersion are
// set for LLM judges; a change in either makes verdicts incomparable.
type JudgeInfo struct {
	Name          string `json:"name"`
	Model         string `json:"model,omitempty"`
	PromptVersion string `json:"prompt_version,omitempty"`
}

// DimensionStats is one dimension's outcome over all cases.
type DimensionStats struct {
	Dimension judges.Dimension `json:"dimension"`
	Pass      int              `json:"pass"`
	Fail      int              `json:"fail"`
	Skipped   int              `json:"skipped"`
	Error     int              `json:"error"`
	// Rate is pass / (pass + fail); Low and High bound it (Wilson 95%).
	Rate float64 `json:"rate"`
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// SeverityStats counts cases of one severity.
type SeverityStats struct {
	Severity suite.Severity `json:"severity"`
	Cases    int            `json:"cases"`
	Pass     int            `json:"pass"`
	Fail     int            `json:"fail"`
	Error    int            `json:"error"`
}

// Case is one case's outcome over its attempts.
type Case struct {
	ID       string         `json:"id"`
	Title    string         `json:"title,omitempty"`
	Severity suite.Severity `json:"severity"`
	Tags     []string       `json:"tags,omitempty"`
	Language string         `json:"language,omitempty"`
	Source   string         `json:"source,omitempty"`
	File     string         `json:"file,omitempty"`
	Line     int            `json:"line,omitempty"`
	// Policy is the path of the policy text the case cites.
	Policy string `json:"policy,omitempty"`
	// Escalation is what the case expects: required, forbidden or optional.
	Escalation suite.Escalation `json:"escalation,omitempty"`
	// Status is fail when any attempt failed, else error when any errored,
	// else pass.
	Status Status `json:"status"`
	// Dimensions maps each judged dimension to its outcome over attempts.
	// Cases with the same outcomes share one map: read it, never change it.
	Dimensions map[judges.Dimension]Status `json:"dimensions"`
	// Verdicts are every attempt's verdicts, in attempt order.
	Verdicts []judges.Verdict `json:"verdicts"`
	Attempts []Attempt        `json:"attempts"`
	// PassAt1 is the share of the case's judged attempts (passed or failed;
	// errored ones are neither) that passed; absent when none was judged.
	PassAt1 *float64 `json:"pass_at_1,omitempty"`
	// PassAllK (pass^k) is true when every attempt passed, which is when
	// Status is pass.
	PassAllK bool `json:"pass_all_k"`
	// Flaky is true when some attempts passed and some failed: the case's
	// outcome depends on luck. Status is fail for a flaky case.
	Flaky bool `json:"flaky"`
	// JudgeCostUSD is what LLM judging of this case cost, all attempts.
	JudgeCostUSD float64 `json:"judge_cost_usd,omitempty"`
}

// FailedDimensions lists the dimensions the case failed, in report order.
func (c *Case) FailedDimensions() []judges.Dimension {
	var out []judges.Dimension
	for _, d := range judges.Dimensions {
		if c.Dimensions[d] == judges.Fail {
			out = append(out, d)
		}
	}
	return out
}

// Attempt is one replay of a case.
type Attempt struct {
	Attempt int    `json:"attempt"`
	Status  Status `json:"status"`
	// Error is the transcript's error when the attempt could not finish.
	Error      string                 `json:"error,omitempty"`
	Verdicts   []judges.Verdict       `json:"verdicts"`
	Transcript *transcript.Transcript `json:"transcript"`

	// A lean attempt's verdicts and transcript stay in its results file
	// (1 + an index into Scorecard.files; 0 when they are inline), with
	// its dimension outcomes kept here.
	file int32
	pos  results.Pos
	dims []dimOutcome
	// timing of a lean attempt, from its transcript (see Timing).
	timed                    bool
	durationMS, maxLatencyMS float64
}

// Timing is how long the attempt took and its slowest reply, from its
// transcript; ok is false without a transcript. A lean attempt (see
// Scorecard.Detail) answers without reading its transcript back, so a
// report's summary rows need no transcript. maxLatencyMS is 0 when no turn
// has a latency.
func (a *Attempt) Timing() (durationMS, maxLatencyMS float64, ok bool) {
	if a.Transcript == nil {
		return a.durationMS, a.maxLatencyMS, a.timed
	}
	for _, t := range a.Transcript.Turns {
		maxLatencyMS = max(maxLatencyMS, t.LatencyMS)
	}
	return a.Transcript.DurationMS, maxLatencyMS, true
}

// Gate is the verdict of the gates on this scorecard.
type Gate struct {
	Passed bool `json:"passed"`
	// ExitCode is what `tribunal run` exits with for this scorecard.
	ExitCode int         `json:"exit_code"`
	Checks   []GateCheck `json:"checks"`
}

// GateCheck is one threshold and whether it held.
type GateCheck struct {
	Name   string `json:"name"`
	Passed bool   `json:"passed"`
	// Detail says what was measured against what ("2 failed > 0 allowed").
	Detail string `json:"detail"`
	// Warning is true for a check that held but flags something to look
	// at (flaky cases under `flaky: warn`).
	Warning bool `json:"warning,omitempty"`
}
