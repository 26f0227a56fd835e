package importers

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/tribunal-eval/tribunal/suite"
)

// promptfoo keeps tests in its config (promptfooconfig.yaml) or in files it
// references:
//
//	prompts: ["You are Acme's support assistant. Customer: {{message}}"]
//	defaultTest:
//	  assert: [{type: not-icontains, value: "as an AI"}]
//	tests:
//	  - description: Refund window
//	    vars: {message: "How long do I have to return shoes?"}
//	    assert:
//	      - {type: icontains, value: "30 days"}
//	      - {type: llm-rubric, value: "Does not promise a refund outside the policy"}
//	  - file://more_tests.yaml
//
// How it maps to case format v1 (each test becomes a case; its asserts apply
// to the reply to the customer's message, the last turn's expect):
//
//	description                  -> title and id (prefix + slug)
//	the message var              -> the customer's turn (--var, or message/question/query/input/...; a list of strings or of {role: user} messages becomes several turns)
//	other vars                   -> context (handed to the connector)
//	icontains / not-icontains    -> must_say / must_not_say plain text (case-insensitive)
//	contains / not-contains      -> must_say / must_not_say {regex} matching the exact text (case-sensitive)
//	icontains-any / contains-any -> must_say {any: [...]}; their not- forms -> must_not_say each
//	icontains-all / contains-all -> must_say each
//	equals / starts-with         -> must_say {regex} anchored; their not- forms -> must_not_say
//	regex / not-regex            -> must_say / must_not_say {regex} (when the expression is also Go RE2)
//	llm-rubric, model-graded-closedqa, g-eval -> judges: [{rubric, dimension: accuracy}] (an LLM judge)
//	factuality                   -> expect.facts
//	latency (threshold ms)       -> expect.max_latency
//	defaultTest                  -> its vars and asserts merged into every test
//	javascript, python, webhook, similar, levenshtein, rouge-n, bleu, is-json, contains-json,
//	cost, perplexity, moderation, classifier, not-*-all, not-llm-rubric ... -> not mapped (noted)

// messageVars are the var names taken for the customer's message, in order.
var messageVars = []string{"message", "question", "query", "input", "user_input", "user_message", "user", "prompt", "text",
	"content", "utterance", "customer_message"}

// PromptfooOptions add promptfoo's own settings to Options.
type PromptfooOptions struct {
	Options
	// Var names the var holding the customer's message.
	Var string
}

// Promptfoo converts a promptfoo config or tests file into one case file.
func Promptfoo(file string, opts PromptfooOptions) (*Result, error) {
	if opts.Prefix == "" {
		opts.Prefix = "promptfoo/"
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var doc any
	if err := suite.UnmarshalYAML(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not YAML: %w", file, err)
	}
	r := &Result{Tool: "promptfoo"}
	note := func(item, format string, args ...any) {
		r.Notes = append(r.Notes, Note{File: file, Item: item, Msg: fmt.Sprintf(format, args...)})
	}
	skip := func(item, format string, args ...any) {
		r.Notes = append(r.Notes, Note{File: file, Item: item, Msg: fmt.Sprintf(format, args...), Skipped: true})
	}

	var tests []any
	var defaults map[string]any
	switch d := doc.(type) {
	case []any:
		tests = d
	case map[string]any:
		if dt, ok := d["defaultTest"].(map[string]any); ok {
			defaults = dt
		} else if s, ok := d["defaultTest"].(string); ok {
			note("", "defaultTest %q is a file reference; not read", s)
		}
		tests = expandTests(d["tests"], file, note)
		if d["tests"] == nil {
			skip("", "no tests: the config has no tests list")
		}
		if s, ok := d["scenarios"]; ok && s != nil {
			note("", "scenarios are not mapped; list the tests under tests")
		}
	default:
		return nil, fmt.Errorf("%s: a promptfoo config (a mapping with tests) or a list of tests, not %T", file, doc)
	}

	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	f := newFile("promptfoo", file, slug(base)+".yaml", opts.Options)
	for i, t := range tests {
		r.Items++
		tm, ok := t.(map[string]any)
		if !ok {
			skip(fmt.Sprintf("test %d", i+1), "not a test mapping")
			continue
		}
		c := convertTest(tm, defaults, i+1, opts, func(format string, args ...any) { note(testName(tm, i+1), format, args...) },
			func(format string, args ...any) { skip(testName(tm, i+1), format, args...) })
		if c != nil {
			f.Cases = append(f.Cases, c)
		}
	}
	if len(f.Cases) > 0 {
		r.Files = append(r.Files, f)
	}
	uniqueIDs(r.Files)
	return r, nil
}

// expandTests returns the tests of a config's tests value: a list of tests
// and file:// references, or one reference.
func expandTests(v any, file string, note func(item, format string, args ...any)) []any {
	var items []any
	switch t := v.(type) {
	case []any:
		items = t
	case string:
		items = []any{t}
	}
	var out []any
	for _, it := range items {
		ref, ok := it.(string)
		if !ok {
			out = append(out, it)
			continue
		}
		p := strings.TrimPrefix(ref, "file://")
		if strings.ContainsAny(p, "*?[") {
			matches, _ := filepath.Glob(filepath.Join(filepath.Dir(file), p))
			if len(matches) == 0 {
				note("", "tests %q matches no file", ref)
			}
			for _, m := range matches {
				out = append(out, readTestsFile(m, ref, note)...)
			}
			continue
		}
		out = append(out, readTestsFile(filepath.Join(filepath.Dir(file), p), ref, note)...)
	}
	return out
}

func readTestsFile(p, ref string, note func(item, format string, args ...any)) []any {
	ext := strings.ToLower(filepath.Ext(p))
	if ext != ".yaml" && ext != ".yml" {
		note("", "tests %q: only YAML test files are read, not %s", ref, ext)
		return nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		note("", "tests %q: %v", ref, err)
		return nil
	}
	var list []any
	if err := suite.UnmarshalYAML(data, &list); err != nil {
		note("", "tests %q: not a YAML list of tests: %v", ref, err)
		return nil
	}
	return list
}

func testName(t map[string]any, n int) string {
	if d, ok := t["description"].(string); ok && strings.TrimSpace(d) != "" {
		return d
	}
	return fmt.Sprintf("test %d", n)
}

// convertTest converts one test, merged with defaultTest.
func convertTest(t, defaults map[string]any, n int, opts PromptfooOptions, note, skip func(string, ...any)) *Case {
	vars := map[string]any{}
	if dv, ok := defaults["vars"].(map[string]any); ok {
		for k, v := range dv {
			vars[k] = v
		}
	}
	if tv, ok := t["vars"].(map[string]any); ok {
		for k, v := range tv {
			vars[k] = v
		}
	} else if t["vars"] != nil {
		skip("vars is not a mapping")
		return nil
	}
	name := testName(t, n)
	msgVar := opts.Var
	if msgVar == "" {
		for _, v := range messageVars {
			if _, ok := vars[v]; ok {
				msgVar = v
				break
			}
		}
		if msgVar == "" && len(vars) == 1 {
			for k := range vars {
				msgVar = k
			}
		}
	}
	if msgVar == "" {
		skip("which var is the customer's message? none of %s is set (vars: %s); name it with --var", strings.Join(messageVars[:4], ", "), strings.Join(sortedKeys(vars), ", "))
		return nil
	}
	msg, ok := vars[msgVar]
	if !ok {
		skip("var %q is not set", msgVar)
		return nil
	}
	turns, dropped, err := userTurns(msg)
	if err != nil {
		skip("var %q: %v", msgVar, err)
		return nil
	}
	if dropped > 0 {
		note("var %q: %d assistant message(s) left out; the bot under test gives its own replies", msgVar, dropped)
	}
	if _, described := t["description"].(string); !described {
		name = turns[0]
	}
	c := &Case{ID: opts.Prefix + slug(name), Title: name, Source: "promptfoo test"}
	if slug(name) == "" {
		c.ID = fmt.Sprintf("%stest-%d", opts.Prefix, n)
	}
	for _, u := range turns {
		c.Turns = append(c.Turns, &Turn{User: u})
	}
	last := c.Turns[len(c.Turns)-1]
	for _, k := range sortedKeys(vars) {
		if k == msgVar {
			continue
		}
		switch v := vars[k].(type) {
		case string:
			if strings.HasPrefix(v, "file://") {
				note("var %q is a file reference; not read", k)
				continue
			}
			if c.Context == nil {
				c.Context = map[string]any{}
			}
			c.Context[k] = v
		case int, uint64, int64, float64, bool:
			if c.Context == nil {
				c.Context = map[string]any{}
			}
			c.Context[k] = v
		default:
			note("var %q (a %T) is not passed on", k, v)
		}
	}
	if len(c.Context) > 0 {
		note("vars %s are passed to the bot as the case's context, not substituted into a prompt", strings.Join(sortedKeys(c.Context), ", "))
	}
	var asserts []any
	if da, ok := defaults["assert"].([]any); ok {
		asserts = append(asserts, da...)
	}
	if ta, ok := t["assert"].([]any); ok {
		asserts = append(asserts, ta...)
	}
	for _, k := range []string{"options", "threshold", "provider", "providerOutput"} {
		if _, ok := t[k]; ok {
			note("%s is not mapped", k)
		}
	}
	c.Expect = &Expect{}
	for _, a := range asserts {
		am, ok := a.(map[string]any)
		if !ok {
			note("an assert that is not a mapping was left out")
			continue
		}
		if err := mapAssert(am, c, last); err != nil {
			note("%v", err)
		}
	}
	if c.Expect.empty() {
		c.Expect = nil
	}
	if c.Expect == nil && last.Expect == nil && len(c.Judges) == 0 {
		note("no assert mapped; the case runs under tribunal's built-in judges only")
	}
	return c
}

// userTurns reads the customer's message var: a string, a list of strings
// (several turns) or a list of chat messages (the user ones are turns).
func userTurns(v any) (turns []string, dropped int, err error) {
	switch m := v.(type) {
	case string:
		if strings.HasPrefix(m, "file://") {
			return nil, 0, fmt.Errorf("a file reference, not read")
		}
		if strings.TrimSpace(m) == "" {
			return nil, 0, fmt.Errorf("empty")
		}
		return []string{m}, 0, nil
	case []any:
		for _, it := range m {
			switch x := it.(type) {
			case string:
				turns = append(turns, x)
			case map[string]any:
				role, _ := x["role"].(string)
				content, ok := x["content"].(string)
				switch {
				case role == "user" && ok:
					turns = append(turns, content)
				default:
					dropped++
				}
			}
		}
		if len(turns) == 0 {
			return nil, 0, fmt.Errorf("no user message in the list")
		}
		return turns, dropped, nil
	case int, uint64, int64, float64, bool:
		return []string{fmt.Sprint(m)}, 0, nil
	}
	return nil, 0, fmt.Errorf("a %T, not a message", v)
}

// assertValues returns an assert's value as a list of strings.
func assertValues(v any) ([]string, error) {
	switch x := v.(type) {
	case string:
		return []string{x}, nil
	case int, uint64, int64, float64:
		return []string{fmt.Sprint(x)}, nil
	case []any:
		var out []string
		for _, it := range x {
			s, ok := it.(string)
			if !ok {
				return nil, fmt.Errorf("a list value holds a %T", it)
			}
			out = append(out, s)
		}
		return out, nil
	case nil:
		return nil, fmt.Errorf("no value")
	}
	return nil, fmt.Errorf("a %T value", v)
}

// unmapped explains assert types with no equivalent.
var unmapped = map[string]string{
	"javascript": "tribunal does not run code", "python": "tribunal does not run code", "webhook": "tribunal does not call webhooks",
	"similar": "no embedding similarity judge", "levenshtein": "no edit-distance check", "rouge-n": "no ROUGE score", "bleu": "no BLEU score",
	"meteor": "no METEOR score", "gleu": "no GLEU score", "is-json": "replies are judged as text", "contains-json": "replies are judged as text",
	"is-valid-openai-tools-call": "tool calls other than the handoff tool are not judged", "is-valid-openai-function-call": "function calls are not judged",
	"is-sql": "replies are judged as text", "is-xml": "replies are judged as text", "contains-xml": "replies are judged as text",
	"is-html": "replies are judged as text", "contains-html": "replies are judged as text",
	"cost": "cost is not measured per case", "perplexity": "no perplexity score", "perplexity-score": "no perplexity score",
	"moderation": "tribunal's safety judges run on every case anyway", "classifier": "no classifier judge",
	"answer-relevance": "no relevance judge", "context-faithfulness": "no retrieval context", "context-recall": "no retrieval context",
	"context-relevance": "no retrieval context", "select-best": "compares outputs across providers", "human": "human grading is not imported",
	"assert-set": "assertion sets are not expanded", "is-refusal": "no refusal classifier", "pi": "no injection classifier",
	"guardrails": "tribunal's safety judges run on every case anyway", "trace-span-count": "traces are not judged",
	"trace-span-duration": "traces are not judged", "trace-error-spans": "traces are not judged",
}

// mapAssert adds one promptfoo assert to the case.
func mapAssert(a map[string]any, c *Case, last *Turn) error {
	typ, _ := a["type"].(string)
	if typ == "" {
		return fmt.Errorf("an assert without a type was left out")
	}
	not := strings.HasPrefix(typ, "not-")
	base := strings.TrimPrefix(typ, "not-")
	say := func(m Matcher) {
		if not {
			addNot(last, m)
		} else {
			addSay(last, m)
		}
	}
	if why, ok := unmapped[base]; ok {
		return fmt.Errorf("assert %s not mapped (%s)", typ, why)
	}
	switch base {
	case "llm-rubric", "model-graded-closedqa", "g-eval":
		if not {
			return fmt.Errorf("assert %s not mapped (a rubric that must fail has no equivalent; reword it as a rubric that must pass)", typ)
		}
		vs, err := assertValues(a["value"])
		if err != nil {
			return fmt.Errorf("assert %s: %v", typ, err)
		}
		for _, v := range vs {
			c.Judges = append(c.Judges, Rubric{Rubric: v, Dimension: "accuracy"})
		}
		return nil
	case "factuality":
		if not {
			return fmt.Errorf("assert %s not mapped (a fact that must be contradicted has no equivalent)", typ)
		}
		vs, err := assertValues(a["value"])
		if err != nil {
			return fmt.Errorf("assert %s: %v", typ, err)
		}
		c.Expect.Facts = append(c.Expect.Facts, vs...)
		return nil
	case "latency":
		if not {
			return fmt.Errorf("assert %s not mapped", typ)
		}
		ms, ok := a["threshold"]
		if !ok {
			return fmt.Errorf("assert latency has no threshold")
		}
		c.Expect.MaxLatency = fmt.Sprintf("%vms", ms)
		return nil
	}
	vs, err := assertValues(a["value"])
	if err != nil {
		return fmt.Errorf("assert %s: %v", typ, err)
	}
	switch base {
	case "icontains":
		for _, v := range vs {
			say(Plain(v))
		}
	case "contains":
		for _, v := range vs {
			say(Regex(exact(v)))
		}
	case "icontains-any", "contains-any":
		var ms []Matcher
		for _, v := range vs {
			if base == "icontains-any" {
				ms = append(ms, Plain(v))
			} else {
				ms = append(ms, Regex(exact(v)))
			}
		}
		if not {
			for _, m := range ms {
				addNot(last, m)
			}
		} else {
			addSay(last, AnyOf(ms...))
		}
	case "icontains-all", "contains-all":
		if not {
			return fmt.Errorf("assert %s not mapped (\"not all of them\" has no equivalent in case format v1)", typ)
		}
		for _, v := range vs {
			if base == "icontains-all" {
				addSay(last, Plain(v))
			} else {
				addSay(last, Regex(exact(v)))
			}
		}
	case "equals":
		say(Regex(`^\s*` + exact(strings.Join(vs, "\n")) + `\s*$`))
	case "starts-with":
		say(Regex(`^\s*` + exact(vs[0])))
	case "regex":
		for _, v := range vs {
			if _, err := regexp.Compile(v); err != nil {
				return fmt.Errorf("assert %s not mapped (%q is not a Go RE2 expression: %v)", typ, v, err)
			}
			say(Regex(v))
		}
	default:
		return fmt.Errorf("assert %s not mapped (unknown to this importer)", typ)
	}
	return nil
}
