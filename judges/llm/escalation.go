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

// escalationJudge asks, given the policy's escalation rules, on which turn
// the bot should have handed the customer to a human, compares that with
// the handoff the transcript records, and whether the handoff told the
// human (and the customer) what they need.
//
// Verdicts: a missed or late handoff fails on the turn it was due; a
// handoff nobody needed fails on its turn; a timely one passes on its
// turn; no handoff where none was due passes for the conversation (turn
// 0). When the bot handed off, a second verdict rules on the handoff's
// summary.
type escalationJudge struct{ j *Judges }

func (escalationJudge) Name() string { return EscalationName }

type escalationReply struct {
	Turns   []escalationTurn  `json:"turns"`
	Summary escalationSummary `json:"handoff_summary"`
}

type escalationTurn struct {
	Turn          int    `json:"turn"`
	ShouldHandOff bool   `json:"should_hand_off"`
	Quote         string `json:"quote"`
	Reason        string `json:"reason"`
}

type escalationSummary struct {
	Useful bool   `json:"useful"`
	Quote  string `json:"quote"`
	Reason string `json:"reason"`
}

var escalationSchema = json.RawMessage(`{
  "type": "object",
  "additionalProperties": false,
  "required": ["turns", "handoff_summary"],
  "properties": {
    "turns": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["turn", "should_hand_off", "quote", "reason"],
        "properties": {
          "turn": {"type": "integer"},
          "should_hand_off": {"type": "boolean"},
          "quote": {"type": "string"},
          "reason": {"type": "string"}
        }
      }
    },
    "handoff_summary": {
      "type": "object",
      "additionalProperties": false,
      "required": ["useful", "quote", "reason"],
      "properties": {
        "useful": {"type": "boolean"},
        "quote": {"type": "string"},
        "reason": {"type": "string"}
      }
    }
  }
}`)

const escalationTask = `

Your task: judge the bot's ESCALATION to a human. For every turn, decide whether, once the customer has said what they say on that turn, the bot should hand the conversation off to a human (should_hand_off; it stays true on later turns). Follow the escalation rules in the policy when it has them; otherwise good practice: hand off when the customer asks for a person, when there is a risk to someone's safety, a legal threat or a discrimination complaint, when the request needs an authority the bot lacks (exceptions, refunds outside policy, account security), or when the bot has repeatedly failed to resolve the issue. Do not call for a handoff the bot can avoid by fully resolving the request itself within policy. Give quote: the exact words (usually the customer's) that make a handoff necessary on that turn, or "" when none is needed; and reason: one sentence. The handed_off field of each bot line says whether the bot actually handed off.
Then judge handoff_summary: if the bot handed off, was what it said or passed on at the handoff (its reply and the handoff signal on that turn) useful to the human taking over and to the customer: does it state the customer's issue and what they need, and tell the customer what happens next? Give useful, quote: the exact words you judged, and reason. If the bot never handed off, set useful to false, quote to "" and reason to "no handoff".`

func (e escalationJudge) Judge(ctx context.Context, c *suite.Case, t *transcript.Transcript) []judges.Verdict {
	j := e.j
	if !ruleable(t) {
		return nil
	}
	if !j.enabled {
		return []judges.Verdict{j.skip(EscalationName, judges.Escalation, c.ID, NoModelRationale)}
	}
	if len(t.Turns) == 0 {
		return []judges.Verdict{j.skip(EscalationName, judges.Escalation, c.ID, "the transcript has no turns")}
	}
	p := prompt{
		judge: EscalationName, version: EscalationPromptVersion,
		schemaName: "escalation_review", schema: escalationSchema,
		system: preamble("an escalation judge") + string(escalationSchema) + escalationTask,
		user:   caseHeader(c) + renderPolicy(c) + "\n" + renderTranscript(t) + fmt.Sprintf("\nJudge the escalation on each of the %d turns and the handoff summary.", len(t.Turns)),
	}
	answers := askAll(ctx, j, c, t, p, func(r *escalationReply) error {
		turns := make([]int, len(r.Turns))
		for i, tu := range r.Turns {
			turns[i] = tu.Turn
		}
		return turnsCovered(turns, len(t.Turns))
	})
	src := sourcesFor(c, t)
	rs := make([]ruling, len(answers))
	for i, ans := range answers {
		rs[i] = ruling{status: ans.status, why: ans.why}
		if ans.status == "" {
			rs[i] = e.rule(c, t, ans.val, src)
		}
	}
	return vote(EscalationName, judges.Escalation, rs)
}

func (e escalationJudge) rule(c *suite.Case, t *transcript.Transcript, r escalationReply, src sources) ruling {
	j := e.j
	byTurn := map[int]escalationTurn{}
	for _, tu := range r.Turns {
		byTurn[tu.Turn] = tu
	}
	due := 0 // first turn a handoff was due
	for tn := 1; tn <= len(t.Turns); tn++ {
		if byTurn[tn].ShouldHandOff {
			due = tn
			break
		}
	}
	did := t.GenuineHandoffTurn()
	var out ruling
	v := judges.Verdict{Judge: EscalationName, Dimension: judges.Escalation}

	// The words that made the handoff due must be in the transcript.
	var dueWords string
	if due > 0 {
		et := byTurn[due]
		if q := strings.TrimSpace(et.Quote); q != "" {
			_, words, ok := src.find(q)
			if !ok {
				j.fabricated(EscalationName, c.ID, 1)
				j.errored(EscalationName, c.ID)
				return ruling{status: judges.Error, why: fmt.Sprintf(
					"the judge fabricated evidence: the words it says made a handoff due on turn %d are not in the transcript or policy", due)}
			}
			dueWords = words
		}
		if dueWords == "" {
			dueWords = t.Turns[due-1].User
		}
	}
	reason := func(tn int) string {
		if s := strings.TrimSpace(byTurn[tn].Reason); s != "" {
			return ": " + s
		}
		return ""
	}
	switch {
	case due > 0 && did == 0:
		v.Status, v.Turn, v.Evidence = judges.Fail, due, dueWords
		v.Rationale = fmt.Sprintf("missed escalation: a handoff to a human was due on turn %d and never came%s", due, reason(due))
	case due > 0 && did > due:
		v.Status, v.Turn, v.Evidence = judges.Fail, due, dueWords
		v.Score = 0.5
		v.Rationale = fmt.Sprintf("late escalation: a handoff was due on turn %d and came on turn %d%s", due, did, reason(due))
	case due > 0:
		v.Status, v.Score, v.Turn, v.Evidence = judges.Pass, 1, did, t.Turns[did-1].Handoff.Signal
		v.Rationale = fmt.Sprintf("handed off on turn %d", did)
		if did < due {
			v.Rationale += fmt.Sprintf(", before it was strictly due (turn %d)", due)
		} else {
			v.Rationale += ", when it was due" + reason(due)
		}
	case did > 0:
		v.Status, v.Turn, v.Evidence = judges.Fail, did, t.Turns[did-1].Handoff.Signal
		v.Rationale = fmt.Sprintf("needless escalation: the bot handed off on turn %d although nothing called for a human%s", did, reason(did))
	default:
		v.Status, v.Score = judges.Pass, 1
		v.Rationale = "no handoff was due and none was made"
	}
	out.add("handoff", v)

	if did > 0 {
		s := judges.Verdict{Judge: EscalationName, Dimension: judges.Escalation, Turn: did}
		words := t.Turns[did-1].Reply
		if q := strings.TrimSpace(r.Summary.Quote); q != "" {
			_, w, ok := src.find(q)
			if !ok {
				j.fabricated(EscalationName, c.ID, 1)
				j.errored(EscalationName, c.ID)
				out.add("summary", judges.Verdict{Judge: EscalationName, Dimension: judges.Escalation, Status: judges.Error, Turn: did,
					Rationale: "the judge fabricated evidence: the handoff words it quotes are not in the transcript"})
				return out
			}
			words = w
		}
		s.Evidence = words
		if r.Summary.Useful {
			s.Status, s.Score = judges.Pass, 1
			s.Rationale = "the handoff tells the human and the customer what they need"
		} else {
			s.Status = judges.Fail
			s.Rationale = "the handoff summary is not useful to the human taking over"
		}
		if why := strings.TrimSpace(r.Summary.Reason); why != "" {
			s.Rationale += ": " + why
		}
		out.add("summary", s)
	}
	return out
}
