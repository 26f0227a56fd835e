package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// prompt is one judgement to ask for, with the fence placeholder in place.
type prompt struct {
	judge      string // verdict and stats name
	version    string
	schemaName string
	schema     json.RawMessage
	system     string
	user       string
}

// answer is one sample's outcome: a parsed reply, or why there is none.
type answer[T any] struct {
	status judges.Status // "" when val holds a parsed reply
	why    string
	val    T
}

// askAll asks for the judgement Samples times (concurrently; the endpoint
// bounds how many requests are in flight) and parses each reply into T.
func askAll[T any](ctx context.Context, j *Judges, c *suite.Case, t *transcript.Transcript, p prompt, check func(*T) error) []answer[T] {
	out := make([]answer[T], j.cfg.Samples)
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() {
			var val T
			status, why := j.ask(ctx, c, t, p, i, func(content string) error {
				val = *new(T)
				if err := decodeStrict(content, &val); err != nil {
					return err
				}
				if check != nil {
					return check(&val)
				}
				return nil
			})
			out[i] = answer[T]{status: status, why: why, val: val}
		})
	}
	wg.Wait()
	return out
}

const repairMessage = "Your reply could not be used: %s. Reply again with only the JSON object the schema describes, with every field and nothing else."

// ask makes one judgement: from the cache when it holds this exact
// request, else from the endpoint (within the budget), retrying once when
// the reply does not parse. It returns "" when parse accepted a reply, or
// Skipped/Error with the reason.
func (j *Judges) ask(ctx context.Context, c *suite.Case, t *transcript.Transcript, p prompt, sample int, parse func(string) error) (judges.Status, string) {
	j.ledger.add(p.judge, c.ID, func(u *Usage) { u.Calls++ })
	msgs := []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: p.system},
		{Role: openai.ChatMessageRoleUser, Content: p.user},
	}
	seed := *j.cfg.Seed + sample
	key := cacheKey{
		Model: j.cfg.Model, Judge: p.judge, PromptVersion: p.version, Seed: seed,
		Messages: msgs, Sample: sample, Attempt: t.Attempt, Deployment: j.deployment(),
	}.hash()
	if e, ok := j.cache.get(key); ok && parse(e.Content) == nil {
		j.ledger.add(p.judge, c.ID, func(u *Usage) { u.CacheHits++ })
		return "", ""
	}
	j.ledger.add(p.judge, c.ID, func(u *Usage) { u.CacheMisses++ })

	est := countMessages(j.cfg.Model, msgs)
	estCost := j.ep.cost(est, 0)
	if !j.ledger.reserve(estCost) {
		j.ledger.add(p.judge, c.ID, func(u *Usage) { u.Skipped++ })
		return judges.Skipped, BudgetRationale
	}
	defer j.ledger.release(estCost)

	fence := newFence(p.system, p.user)
	sent := make([]openai.ChatCompletionMessage, len(msgs))
	for i, m := range msgs {
		m.Content = strings.ReplaceAll(m.Content, fencePlaceholder, fence)
		sent[i] = m
	}
	req := request{judge: p.judge, caseID: c.ID, schemaName: p.schemaName, schema: p.schema, messages: sent, seed: seed, estPrompt: est}
	fail := func(why string) (judges.Status, string) {
		j.ledger.add(p.judge, c.ID, func(u *Usage) { u.Errors++ })
		return judges.Error, j.ep.scrub(why)
	}
	content, err := j.ep.complete(ctx, j.ledger, req)
	if err != nil {
		return fail("judge endpoint failed: " + err.Error())
	}
	if perr := parse(content); perr != nil {
		j.ledger.add(p.judge, c.ID, func(u *Usage) { u.ParseFailures++ })
		req.messages = append(append([]openai.ChatCompletionMessage(nil), sent...),
			openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: content},
			openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: fmt.Sprintf(repairMessage, perr)})
		req.estPrompt = countMessages(j.cfg.Model, req.messages)
		content, err = j.ep.complete(ctx, j.ledger, req)
		if err != nil {
			return fail("judge endpoint failed: " + err.Error())
		}
		if perr := parse(content); perr != nil {
			j.ledger.add(p.judge, c.ID, func(u *Usage) { u.ParseFailures++ })
			return fail("the judge's reply did not parse, twice: " + perr.Error())
		}
	}
	if j.cache != nil {
		_ = j.cache.put(cacheEntry{
			Key: key, Model: j.cfg.Model, Judge: p.judge, PromptVersion: p.version,
			CaseID: c.ID, Attempt: t.Attempt, Sample: sample, Created: time.Now().UTC(),
			Content: content,
		})
	}
	return "", ""
}

// ruling is one sample's verdicts, each tagged with the unit it rules on
// (a turn, the whole conversation); samples are voted on unit by unit.
type ruling struct {
	status judges.Status // "" when verdicts hold the sample's ruling
	why    string
	units  []unit
}

type unit struct {
	key string
	v   []judges.Verdict
}

func (r *ruling) add(key string, v judges.Verdict) {
	for i := range r.units {
		if r.units[i].key == key {
			r.units[i].v = append(r.units[i].v, v)
			return
		}
	}
	r.units = append(r.units, unit{key: key, v: []judges.Verdict{v}})
}

// unitStatus is the worst status among a unit's verdicts: fail beats
// pass; error only when nothing else is there.
func unitStatus(vs []judges.Verdict) judges.Status {
	st := judges.Error
	for _, v := range vs {
		switch v.Status {
		case judges.Fail:
			return judges.Fail
		case judges.Pass:
			st = judges.Pass
		}
	}
	return st
}

// vote joins the samples' rulings. One sample is taken as it is. With
// several, each unit goes to the majority of the samples that ruled on it
// (a tie counts against the bot), the verdicts are those of the first
// sample in the majority, and the rationale says how many agreed. A
// sample skipped for the budget skips the judgement; when every sample
// failed, the first one's error is the verdict.
func vote(name string, dim judges.Dimension, rs []ruling) []judges.Verdict {
	for _, r := range rs {
		if r.status == judges.Skipped {
			return []judges.Verdict{{Judge: name, Dimension: dim, Status: judges.Skipped, Rationale: r.why}}
		}
	}
	var ok []ruling
	for _, r := range rs {
		if r.status == "" {
			ok = append(ok, r)
		}
	}
	if len(ok) == 0 {
		why := rs[0].why
		if len(rs) > 1 {
			why = fmt.Sprintf("%s (all %d samples failed)", why, len(rs))
		}
		return []judges.Verdict{errorVerdict(name, dim, why)}
	}
	if len(rs) == 1 {
		var out []judges.Verdict
		for _, u := range ok[0].units {
			out = append(out, u.v...)
		}
		return out
	}
	var keys []string
	seen := map[string]bool{}
	for _, r := range ok {
		for _, u := range r.units {
			if !seen[u.key] {
				seen[u.key] = true
				keys = append(keys, u.key)
			}
		}
	}
	var out []judges.Verdict
	for _, k := range keys {
		var votes []unit
		pass, fail := 0, 0
		for _, r := range ok {
			for _, u := range r.units {
				if u.key != k {
					continue
				}
				votes = append(votes, u)
				switch unitStatus(u.v) {
				case judges.Pass:
					pass++
				case judges.Fail:
					fail++
				}
			}
		}
		if pass+fail == 0 {
			out = append(out, votes[0].v...)
			continue
		}
		want, agreed := judges.Pass, pass
		if fail >= pass {
			want, agreed = judges.Fail, fail
		}
		note := fmt.Sprintf("%d of %d samples agreed", agreed, len(rs))
		if pass == fail {
			note = fmt.Sprintf("samples split %d–%d; a tie counts as a fail", pass, fail)
		}
		if abstained := len(rs) - pass - fail; abstained > 0 {
			note += fmt.Sprintf("; %d could not rule", abstained)
		}
		for _, u := range votes {
			if unitStatus(u.v) != want {
				continue
			}
			for _, v := range u.v {
				v.Rationale = strings.TrimSpace(v.Rationale) + " (" + note + ")"
				out = append(out, v)
			}
			break
		}
	}
	return out
}

// fabricated counts quotes the judge made up.
func (j *Judges) fabricated(name, caseID string, n int) {
	if n > 0 {
		j.ledger.add(name, caseID, func(u *Usage) { u.Discarded += n })
	}
}

// errored counts a judgement that ended in error after the reply parsed
// (only fabricated evidence).
func (j *Judges) errored(name, caseID string) {
	j.ledger.add(name, caseID, func(u *Usage) { u.Errors++ })
}

// sourcesFor returns the texts quotes may come from: every customer
// message, bot reply and handoff signal, the policy and the facts.
func sourcesFor(c *suite.Case, t *transcript.Transcript) sources {
	var ss sources
	for _, tu := range t.Turns {
		ss = append(ss, source{turn: tu.Index, role: "customer", text: normalize(tu.User)})
		ss = append(ss, source{turn: tu.Index, role: "bot", text: normalize(tu.Reply)})
		if tu.Handoff.Signal != "" {
			ss = append(ss, source{turn: tu.Index, role: "handoff", text: normalize(tu.Handoff.Signal)})
		}
	}
	if p := c.PolicyText(); p != "" {
		ss = append(ss, source{role: "policy", text: normalize(p)})
	}
	for _, f := range c.Expect.Facts {
		ss = append(ss, source{role: "fact", text: normalize(f)})
	}
	return ss
}

// turnsCovered checks a reply lists each turn 1..n exactly once.
func turnsCovered(turns []int, n int) error {
	seen := make(map[int]bool, n)
	for _, tn := range turns {
		if tn < 1 || tn > n {
			return fmt.Errorf("turn %d does not exist (the conversation has %d)", tn, n)
		}
		if seen[tn] {
			return fmt.Errorf("turn %d is listed twice", tn)
		}
		seen[tn] = true
	}
	if len(seen) != n {
		return fmt.Errorf("the reply rates %d of the %d turns; rate every turn", len(seen), n)
	}
	return nil
}
