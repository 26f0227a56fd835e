package judges

import (
	"context"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// Func adapts a function to a Judge.
type Func struct {
	JudgeName string
	Fn        func(ctx context.Context, c *suite.Case, t *transcript.Transcript) []Verdict
}

// Name returns the judge's name.
func (f Func) Name() string { return f.JudgeName }

// Judge calls the function.
func (f Func) Judge(ctx context.Context, c *suite.Case, t *transcript.Transcript) []Verdict {
	return f.Fn(ctx, c, t)
}

// Panel runs several judges and joins their verdicts in order.
type Panel []Judge

// Name returns "panel".
func (p Panel) Name() string { return "panel" }

// Judge runs every judge on the transcript. A transcript that could not be
// finished (the bot was unreachable) is not judged: ruling on half a
// conversation would turn a transport error into a pass or a fail.
func (p Panel) Judge(ctx context.Context, c *suite.Case, t *transcript.Transcript) []Verdict {
	if t.Failed() {
		return nil
	}
	// Each judge's verdicts are gathered first, to copy them once into a
	// slice of the right size.
	var small [16][]Verdict
	each := small[:0]
	n := 0
	for _, j := range p {
		if ctx.Err() != nil {
			break
		}
		vs := j.Judge(ctx, c, t)
		each = append(each, vs)
		n += len(vs)
	}
	if n == 0 {
		return nil
	}
	out := make([]Verdict, 0, n)
	for i, vs := range each {
		for _, v := range vs {
			if v.Judge == "" {
				v.Judge = p[i].Name()
			}
			out = append(out, v)
		}
	}
	return out
}

// Options configure the built-in rule judges.
type Options struct {
	// MaxLatency is the suite-wide latency bound (a case's own wins).
	MaxLatency suite.Duration
	// Canary is the suite's planted system-prompt secret, if any.
	Canary string
}

// Rules returns the rule-based judges that run on every case by default.
// None needs per-case setup: they read the case's policy, language and
// escalation expectation when it has them.
func Rules(opts Options) Panel {
	return Panel{
		Expectations{},
		EscalationJudge{},
		HumanRequest{},
		LatencyJudge{Default: opts.MaxLatency},
		EscalationTiming{},
		FakeHandoff{},
		DoomLoop{},
		Profanity{},
		Leak{Canary: opts.Canary},
		Commitment{},
		Figures{},
		LanguageJudge{},
		EmpathyJudge{},
		Format{},
	}
}
