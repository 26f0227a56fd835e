package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// empathyJudge rates each bot reply 1-5 on an anchored rubric. A turn
// passes at Config.PassThreshold (default 4) when the customer shows
// distress, at Config.CalmPassThreshold (default 3) otherwise; the score
// is level/5 and the evidence the quoted words the level rests on.
type empathyJudge struct{ j *Judges }

func (empathyJudge) Name() string { return EmpathyName }

type empathyReply struct {
	Turns []empathyTurn `json:"turns"`
}

type empathyTurn struct {
	Turn               int      `json:"turn"`
	CustomerDistressed bool     `json:"customer_distressed"`
	Level              int      `json:"level"`
	Reason             string   `json:"reason"`
	Quotes             []string `json:"quotes"`
}

var empathySchema = json.RawMessage(`{
  "type": "object",
  "additionalProperties": false,
  "required": ["turns"],
  "properties": {
    "turns": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["turn", "customer_distressed", "level", "reason", "quotes"],
        "properties": {
          "turn": {"type": "integer"},
          "customer_distressed": {"type": "boolean"},
          "level": {"type": "integer", "enum": [1, 2, 3, 4, 5]},
          "reason": {"type": "string"},
          "quotes": {"type": "array", "items": {"type": "string"}}
        }
      }
    }
  }
}`)

const empathyTask = `

Your task: rate the EMPATHY of each of the bot's replies, turn by turn, on this scale:
1 = cold or blaming: ignores the customer's situation or feelings, blames the customer, or is curt and robotic where care is needed.
2 = perfunctory: a formulaic acknowledgement ("sorry for the inconvenience") that does not engage with what the customer said; tone does not fit; no real next step.
3 = adequate: briefly acknowledges the situation, polite and neutral, offers a next step, but the tone only partly fits (e.g. brisk with an upset customer) or it over-apologises.
4 = good: acknowledges the customer's specific situation, matches their tone, does not blame, offers a concrete next step; minor flaws only.
5 = excellent: acknowledges the situation and feelings specifically and sincerely, the tone fits exactly, no blame, a clear and helpful next step, apologises at most once and only where fitting.
Weigh: acknowledges the situation; matches the customer's tone; does not blame; offers a next step; does not over-apologise (repeated or grovelling apologies lower the level). Empathy is not agreement: a reply that kindly declines a request can score 5.
For every turn give: turn; customer_distressed: true when the customer's message on that turn shows distress (grief, anger, fear, anxiety, frustration, urgency); level; reason: one sentence; quotes: one to three exact excerpts of the bot's reply on that turn that the level rests on (you may add the customer's words that show distress). List every turn exactly once.`

func (e empathyJudge) Judge(ctx context.Context, c *suite.Case, t *transcript.Transcript) []judges.Verdict {
	j := e.j
	if !ruleable(t) {
		return nil
	}
	if !j.enabled {
		return []judges.Verdict{j.skip(EmpathyName, judges.Empathy, c.ID, NoModelRationale)}
	}
	if len(t.Turns) == 0 {
		return []judges.Verdict{j.skip(EmpathyName, judges.Empathy, c.ID, "the transcript has no turns")}
	}
	p := prompt{
		judge: EmpathyName, version: EmpathyPromptVersion,
		schemaName: "empathy_levels", schema: empathySchema,
		system: preamble("an empathy judge") + string(empathySchema) + empathyTask,
		user:   caseHeader(c) + renderTranscript(t) + fmt.Sprintf("\nRate the empathy of the bot's reply on each of the %d turns.", len(t.Turns)),
	}
	answers := askAll(ctx, j, c, t, p, func(r *empathyReply) error {
		turns := make([]int, len(r.Turns))
		for i, tu := range r.Turns {
			if tu.Level < 1 || tu.Level > 5 {
				return fmt.Errorf("turns[%d].level: %d is not between 1 and 5", i, tu.Level)
			}
			turns[i] = tu.Turn
		}
		return turnsCovered(turns, len(t.Turns))
	})
	src := sourcesFor(c, t).only("bot", "customer")
	rs := make([]ruling, len(answers))
	for i, ans := range answers {
		rs[i] = ruling{status: ans.status, why: ans.why}
		if ans.status == "" {
			rs[i] = e.rule(c, t, ans.val, src)
		}
	}
	return vote(EmpathyName, judges.Empathy, rs)
}

func (e empathyJudge) rule(c *suite.Case, t *transcript.Transcript, r empathyReply, src sources) ruling {
	j := e.j
	var out ruling
	for tn := 1; tn <= len(t.Turns); tn++ {
		var et empathyTurn
		for _, x := range r.Turns {
			if x.Turn == tn {
				et = x
			}
		}
		key := fmt.Sprintf("turn:%d", tn)
		var found []string
		discarded := 0
		for _, q := range et.Quotes {
			if strings.TrimSpace(q) == "" {
				continue
			}
			if _, words, ok := src.findIn(q, "bot", tn); ok {
				found = append(found, words)
			} else if _, words, ok := src.findIn(q, "customer", tn); ok {
				found = append(found, words)
			} else {
				discarded++
			}
		}
		j.fabricated(EmpathyName, c.ID, discarded)
		if discarded > 0 && len(found) == 0 {
			j.errored(EmpathyName, c.ID)
			out.add(key, judges.Verdict{Judge: EmpathyName, Dimension: judges.Empathy, Status: judges.Error, Turn: tn,
				Rationale: fmt.Sprintf("the judge fabricated evidence: none of its %d quotes for turn %d are in the transcript", discarded, tn)})
			continue
		}
		evidence := strings.Join(found, " | ")
		if evidence == "" {
			evidence = t.Turns[tn-1].Reply
		}
		need, mood := j.cfg.CalmPassThreshold, "calm"
		if et.CustomerDistressed {
			need, mood = j.cfg.PassThreshold, "distressed"
		}
		v := judges.Verdict{Judge: EmpathyName, Dimension: judges.Empathy, Turn: tn,
			Score: float64(et.Level) / 5, Evidence: evidence, Status: judges.Fail}
		if et.Level >= need {
			v.Status = judges.Pass
		}
		v.Rationale = fmt.Sprintf("empathy %d of 5 (the customer is %s; %d needed to pass)", et.Level, mood, need)
		if reason := strings.TrimSpace(et.Reason); reason != "" {
			v.Rationale += ": " + reason
		}
		out.add(key, v)
	}
	return out
}
