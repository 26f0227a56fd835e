// Package judges rules on transcripts. A Judge reads a case and one
// transcript of it and returns verdicts: pass, fail, skipped or error, each
// with the quoted words that decided it.
package judges

import (
	"context"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// Dimension is what a verdict is about.
type Dimension string

const (
	Accuracy   Dimension = "accuracy"
	Escalation Dimension = "escalation"
	Empathy    Dimension = "empathy"
	Safety     Dimension = "safety"
	Language   Dimension = "language"
	Latency    Dimension = "latency"
)

// Dimensions lists every dimension in report order.
var Dimensions = []Dimension{Accuracy, Escalation, Empathy, Safety, Language, Latency}

// Status is a verdict's outcome.
type Status string

const (
	Pass Status = "pass"
	Fail Status = "fail"
	// Skipped: the judge could not or was not configured to rule (an LLM
	// judge without a model, an inconclusive language detection).
	Skipped Status = "skipped"
	// Error: the judge itself failed (endpoint unreachable, unparseable
	// output). Never counted as a pass or a fail.
	Error Status = "error"
)

// Verdict is one judge's ruling on one aspect of a transcript.
type Verdict struct {
	Judge     string    `json:"judge"`
	Dimension Dimension `json:"dimension"`
	Status    Status    `json:"status"`
	// Score is 0..1; 1 for a clean pass, 0 for a clear fail.
	Score float64 `json:"score"`
	// Turn is the 1-based turn the verdict concerns; 0 for the whole
	// conversation.
	Turn int `json:"turn,omitempty"`
	// Evidence is the quoted words that decided it (from the bot's reply,
	// the customer's turn or the policy).
	Evidence string `json:"evidence,omitempty"`
	// Rationale says why, in a sentence.
	Rationale string `json:"rationale"`
}

// Judge rules on one transcript of one case. It never returns a pass for
// something it could not check: it returns Skipped or Error.
type Judge interface {
	Name() string
	Judge(ctx context.Context, c *suite.Case, t *transcript.Transcript) []Verdict
}
