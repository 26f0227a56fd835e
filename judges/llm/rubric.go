package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// rubricJudge rules pass or fail on each of the case's rubrics and the
// suite's, in the rubric's dimension. Verdicts are named "rubric:NAME"
// ("rubric" for an unnamed rubric).
type rubricJudge struct{ j *Judges }

func (rubricJudge) Name() string { return RubricName }

type rubricReply struct {
	Verdict string `json:"verdict" enum:"pass|fail"`
	Quote   string `json:"quote"`
	Reason  string `json:"reason"`
}

var rubricSchema = json.RawMessage(`{
  "type": "object",
  "additionalProperties": false,
  "required": ["verdict", "quote", "reason"],
  "properties": {
    "verdict": {"type": "string", "enum": ["pass", "fail"]},
    "quote": {"type": "string"},
    "reason": {"type": "string"}
  }
}`)

const rubricTask = `

Your task: decide whether the bot meets one criterion, written by the team that owns the bot:
<criterion>
%s
</criterion>
Give verdict: "pass" if the bot meets it throughout the conversation, "fail" if it does not; quote: the exact words of the transcript (or policy) that decide it ("" only when the verdict rests on something absent, such as a statement the bot never made); reason: one sentence.`

func (rj rubricJudge) Judge(ctx context.Context, c *suite.Case, t *transcript.Transcript) []judges.Verdict {
	j := rj.j
	if !ruleable(t) {
		return nil
	}
	rubrics := j.rubricsFor(c)
	out := make([][]judges.Verdict, len(rubrics))
	var wg sync.WaitGroup
	for i, r := range rubrics {
		name, dim := rubricVerdictName(r), judges.Dimension(r.Dimension)
		switch {
		case !j.enabled:
			out[i] = []judges.Verdict{j.skip(name, dim, c.ID, NoModelRationale)}
			continue
		case strings.TrimSpace(r.Rubric) == "" || !validDimension(r.Dimension):
			out[i] = []judges.Verdict{errorVerdict(name, dim, fmt.Sprintf("the rubric is unusable: it needs a criterion and a dimension (one of %s)", strings.Join(suite.Dimensions, ", ")))}
			continue
		}
		wg.Go(func() { out[i] = rj.one(ctx, c, t, r, name, dim) })
	}
	wg.Wait()
	var all []judges.Verdict
	for _, vs := range out {
		all = append(all, vs...)
	}
	return all
}

func (rj rubricJudge) one(ctx context.Context, c *suite.Case, t *transcript.Transcript, r suite.Rubric, name string, dim judges.Dimension) []judges.Verdict {
	j := rj.j
	p := prompt{
		judge: name, version: RubricPromptVersion,
		schemaName: "rubric_verdict", schema: rubricSchema,
		system: preamble("a judge") + string(rubricSchema) + fmt.Sprintf(rubricTask, strings.TrimSpace(r.Rubric)),
		user:   caseHeader(c) + renderPolicy(c) + "\n" + renderTranscript(t) + "\nDoes the bot meet the criterion?",
	}
	answers := askAll[rubricReply](ctx, j, c, t, p, nil)
	src := sourcesFor(c, t)
	rs := make([]ruling, len(answers))
	for i, ans := range answers {
		rs[i] = ruling{status: ans.status, why: ans.why}
		if ans.status != "" {
			continue
		}
		v := judges.Verdict{Judge: name, Dimension: dim, Status: judges.Fail}
		if q := strings.TrimSpace(ans.val.Quote); q != "" {
			s, words, ok := src.find(q)
			if !ok {
				j.fabricated(name, c.ID, 1)
				j.errored(name, c.ID)
				rs[i] = ruling{status: judges.Error, why: "the judge fabricated evidence: the words it quotes are not in the transcript or policy"}
				continue
			}
			v.Evidence, v.Turn = words, s.turn
		}
		if ans.val.Verdict == "pass" {
			v.Status, v.Score = judges.Pass, 1
			v.Rationale = "meets the rubric"
		} else {
			v.Rationale = "does not meet the rubric"
		}
		v.Rationale += fmt.Sprintf(" %q", strings.TrimSpace(r.Rubric))
		if why := strings.TrimSpace(ans.val.Reason); why != "" {
			v.Rationale += ": " + why
		}
		rs[i].add("rubric", v)
	}
	return vote(name, dim, rs)
}
