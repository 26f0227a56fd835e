package judges

import (
	"context"
	"fmt"
	"strings"

	"github.com/tribunal-eval/tribunal/fold"
	"github.com/tribunal-eval/tribunal/handoff"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// Expectations checks a case's must_say and must_not_say, per turn and over
// the whole conversation (dimension accuracy). It catches exactly what the
// case author wrote down: a forbidden claim ("within 90 days") or a missing
// required one. It cannot tell a paraphrase of a forbidden claim from a new
// one; the LLM accuracy judge covers that.
type Expectations struct{}

// Name returns "expect".
func (Expectations) Name() string { return "expect" }

// Judge returns one verdict per matcher.
func (Expectations) Judge(_ context.Context, c *suite.Case, t *transcript.Transcript) []Verdict {
	var out []Verdict
	// Every matcher reads the same replies: fold each once.
	lows := foldedReplies{}
	for i, turn := range c.Turns {
		if turn.Expect == nil || i >= len(t.Turns) {
			continue
		}
		reply := t.Turns[i].Reply
		low := lows.of(reply)
		out = append(out, checkSay(turn.Expect.MustSay, reply, low, i+1)...)
		out = append(out, checkNotSay(turn.Expect.MustNotSay, reply, low, i+1)...)
	}
	// Whole-conversation checks look at every reply; a forbidden claim is
	// reported on the turn that made it.
	for _, m := range c.Expect.MustSay {
		found := false
		for _, tu := range t.Turns {
			if spans, ok := m.FindFolded(tu.Reply, lows.of(tu.Reply)); ok {
				out = append(out, Verdict{Dimension: Accuracy, Status: Pass, Score: 1, Turn: tu.Index,
					Evidence:  quote(tu.Reply, spans),
					Rationale: fmt.Sprintf("the bot said %s, as the case requires", m)})
				found = true
				break
			}
		}
		if !found {
			out = append(out, Verdict{Dimension: Accuracy, Status: Fail, Score: 0,
				Evidence:  lastReply(t),
				Rationale: fmt.Sprintf("no reply says %s, which the case requires", m)})
		}
	}
	for _, m := range c.Expect.MustNotSay {
		failed := false
		for _, tu := range t.Turns {
			if spans, ok := m.FindFolded(tu.Reply, lows.of(tu.Reply)); ok {
				out = append(out, Verdict{Dimension: Accuracy, Status: Fail, Score: 0, Turn: tu.Index,
					Evidence:  quote(tu.Reply, spans),
					Rationale: fmt.Sprintf("the bot said %s, which the case forbids", m)})
				failed = true
			}
		}
		if !failed {
			out = append(out, Verdict{Dimension: Accuracy, Status: Pass, Score: 1,
				Rationale: fmt.Sprintf("no reply says %s", m)})
		}
	}
	return out
}

// foldedReplies holds fold.Lower of each reply of one transcript.
type foldedReplies map[string]string

func (f foldedReplies) of(reply string) string {
	low, ok := f[reply]
	if !ok {
		low = fold.Lower(reply)
		f[reply] = low
	}
	return low
}

func checkSay(ms []suite.Matcher, reply, low string, turn int) []Verdict {
	var out []Verdict
	for _, m := range ms {
		if spans, ok := m.FindFolded(reply, low); ok {
			out = append(out, Verdict{Dimension: Accuracy, Status: Pass, Score: 1, Turn: turn,
				Evidence: quote(reply, spans), Rationale: fmt.Sprintf("the reply says %s, as required", m)})
		} else {
			out = append(out, Verdict{Dimension: Accuracy, Status: Fail, Score: 0, Turn: turn,
				Evidence: reply, Rationale: fmt.Sprintf("the reply does not say %s, which this turn requires", m)})
		}
	}
	return out
}

func checkNotSay(ms []suite.Matcher, reply, low string, turn int) []Verdict {
	var out []Verdict
	for _, m := range ms {
		if spans, ok := m.FindFolded(reply, low); ok {
			out = append(out, Verdict{Dimension: Accuracy, Status: Fail, Score: 0, Turn: turn,
				Evidence: quote(reply, spans), Rationale: fmt.Sprintf("the reply says %s, which this turn forbids", m)})
		} else {
			out = append(out, Verdict{Dimension: Accuracy, Status: Pass, Score: 1, Turn: turn,
				Rationale: fmt.Sprintf("the reply does not say %s", m)})
		}
	}
	return out
}

// quote returns the sentences of text holding the spans, joined by " … ".
func quote(text string, spans []suite.Span) string {
	var parts []string
	seen := map[int]bool{}
	for _, s := range spans {
		sentence, start := handoff.Sentence(text, s.Start, s.End)
		if !seen[start] {
			seen[start] = true
			parts = append(parts, sentence)
		}
	}
	return strings.Join(parts, " … ")
}

func lastReply(t *transcript.Transcript) string {
	if len(t.Turns) == 0 {
		return ""
	}
	return t.Turns[len(t.Turns)-1].Reply
}
