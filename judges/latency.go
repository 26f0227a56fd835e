package judges

import (
	"context"
	"fmt"
	"time"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// LatencyJudge fails a reply slower than max_latency (the case's, else the
// suite's). With neither set it says nothing: there is no bound to hold.
type LatencyJudge struct {
	Default suite.Duration
}

// Name returns "latency".
func (LatencyJudge) Name() string { return "latency" }

// Judge returns one verdict for the slowest reply.
func (j LatencyJudge) Judge(_ context.Context, c *suite.Case, t *transcript.Transcript) []Verdict {
	bound := time.Duration(c.Expect.MaxLatency)
	if bound == 0 {
		bound = time.Duration(j.Default)
	}
	if bound == 0 || len(t.Turns) == 0 {
		return nil
	}
	slowest := t.Turns[0]
	for _, tu := range t.Turns[1:] {
		if tu.LatencyMS > slowest.LatencyMS {
			slowest = tu
		}
	}
	took := time.Duration(slowest.LatencyMS * float64(time.Millisecond)).Round(time.Millisecond)
	if took > bound {
		return []Verdict{{Dimension: Latency, Status: Fail, Score: float64(bound) / float64(took), Turn: slowest.Index,
			Evidence:  took.String(),
			Rationale: fmt.Sprintf("the slowest reply took %s, over the %s bound", took, bound)}}
	}
	return []Verdict{{Dimension: Latency, Status: Pass, Score: 1, Turn: slowest.Index,
		Evidence:  took.String(),
		Rationale: fmt.Sprintf("every reply within %s (slowest %s)", bound, took)}}
}
