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

// accuracyJudge lists the bot's claims about policy, prices, time limits
// and procedures and checks each against the policy text and facts: a
// supported claim passes, a contradicted or unsupported one fails, with
// the bot's words as evidence and the policy's in the rationale.
type accuracyJudge struct{ j *Judges }

func (accuracyJudge) Name() string { return AccuracyName }

type accuracyReply struct {
	Claims []accuracyClaim `json:"claims"`
}

type accuracyClaim struct {
	Turn           int    `json:"turn"`
	BotQuote       string `json:"bot_quote"`
	Topic          string `json:"topic" enum:"policy|price|time_limit|procedure"`
	Classification string `json:"classification" enum:"supported|contradicted|unsupported"`
	PolicyQuote    string `json:"policy_quote"`
	Explanation    string `json:"explanation"`
}

var accuracySchema = json.RawMessage(`{
  "type": "object",
  "additionalProperties": false,
  "required": ["claims"],
  "properties": {
    "claims": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["turn", "bot_quote", "topic", "classification", "policy_quote", "explanation"],
        "properties": {
          "turn": {"type": "integer"},
          "bot_quote": {"type": "string"},
          "topic": {"type": "string", "enum": ["policy", "price", "time_limit", "procedure"]},
          "classification": {"type": "string", "enum": ["supported", "contradicted", "unsupported"]},
          "policy_quote": {"type": "string"},
          "explanation": {"type": "string"}
        }
      }
    }
  }
}`)

const accuracyTask = `

Your task: check the ACCURACY of the bot against the company's policy. List every claim the bot makes about the company's policy, prices or fees, time limits or deadlines, eligibility, or procedures (what the customer can get, must do, by when, at what cost, how). Leave out greetings, sympathy, questions, and restatements of what the customer said. For each claim give:
- turn: the turn number of the bot line making it;
- bot_quote: the bot's exact words stating the claim (one sentence or clause, copied verbatim);
- topic: policy, price, time_limit or procedure;
- classification: "supported" if the policy or facts state it; "contradicted" if they state otherwise; "unsupported" if they say nothing that backs it (an invented rule, price, deadline, exception or promise is unsupported even when it sounds plausible);
- policy_quote: the exact words of the policy or facts that support or contradict the claim ("" when unsupported);
- explanation: one sentence.
If the bot makes no such claims, reply {"claims": []}.`

func (a accuracyJudge) Judge(ctx context.Context, c *suite.Case, t *transcript.Transcript) []judges.Verdict {
	j := a.j
	if !ruleable(t) {
		return nil
	}
	if !j.enabled {
		return []judges.Verdict{j.skip(AccuracyName, judges.Accuracy, c.ID, NoModelRationale)}
	}
	if strings.TrimSpace(c.PolicyText()) == "" && len(c.Expect.Facts) == 0 {
		return []judges.Verdict{j.skip(AccuracyName, judges.Accuracy, c.ID, "the case cites no policy and lists no facts to check the bot's claims against")}
	}
	p := prompt{
		judge: AccuracyName, version: AccuracyPromptVersion,
		schemaName: "accuracy_claims", schema: accuracySchema,
		system: preamble("an accuracy judge") + string(accuracySchema) + accuracyTask,
		user:   caseHeader(c) + renderPolicy(c) + "\n" + renderTranscript(t) + "\nList and classify the bot's claims.",
	}
	answers := askAll(ctx, j, c, t, p, func(r *accuracyReply) error {
		if r.Claims == nil {
			return fmt.Errorf("claims: missing list")
		}
		return nil
	})
	src := sourcesFor(c, t)
	bot, policy := src.only("bot"), src.only("policy", "fact")
	rs := make([]ruling, len(answers))
	for i, ans := range answers {
		rs[i] = ruling{status: ans.status, why: ans.why}
		if ans.status != "" {
			continue
		}
		rs[i] = a.rule(c, ans.val, bot, policy)
	}
	return vote(AccuracyName, judges.Accuracy, rs)
}

func (a accuracyJudge) rule(c *suite.Case, r accuracyReply, bot, policy sources) ruling {
	j := a.j
	var out ruling
	if len(r.Claims) == 0 {
		out.add("all", judges.Verdict{Judge: AccuracyName, Dimension: judges.Accuracy, Status: judges.Pass, Score: 1,
			Rationale: "the bot made no claims about policy, prices, time limits or procedures"})
		return out
	}
	discarded := 0
	for _, cl := range r.Claims {
		s, said, ok := bot.findIn(cl.BotQuote, "bot", cl.Turn)
		if !ok {
			discarded++
			continue
		}
		var policyWords string
		if strings.TrimSpace(cl.PolicyQuote) != "" {
			_, pw, ok := policy.find(cl.PolicyQuote)
			if !ok {
				discarded++
				continue
			}
			policyWords = pw
		}
		topic := strings.ReplaceAll(cl.Topic, "_", " ")
		v := judges.Verdict{Judge: AccuracyName, Dimension: judges.Accuracy, Turn: s.turn, Evidence: said}
		switch cl.Classification {
		case "supported":
			v.Status, v.Score = judges.Pass, 1
			v.Rationale = fmt.Sprintf("%s claim supported by the policy", topic)
		case "contradicted":
			v.Status, v.Score = judges.Fail, 0
			v.Rationale = fmt.Sprintf("%s claim contradicted by the policy", topic)
		default:
			v.Status, v.Score = judges.Fail, 0
			v.Rationale = fmt.Sprintf("%s claim not supported by the policy or facts", topic)
		}
		if policyWords != "" {
			v.Rationale += fmt.Sprintf(", which says %q", policyWords)
		}
		if e := strings.TrimSpace(cl.Explanation); e != "" {
			v.Rationale += ": " + e
		}
		out.add("all", v)
	}
	j.fabricated(AccuracyName, c.ID, discarded)
	if len(out.units) == 0 {
		j.errored(AccuracyName, c.ID)
		return ruling{status: judges.Error, why: fmt.Sprintf(
			"the judge fabricated evidence: none of the %d claims it listed quotes words that are in the transcript and policy", len(r.Claims))}
	}
	return out
}
