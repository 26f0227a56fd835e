// Package workload generates the benchmark workload: N cases of a fixed
// number of turns, written as a tribunal suite and as the equivalent
// promptfoo config, so both tools replay the same conversations against the
// same bot and check the same words.
//
// Each generated case replays the customer turns of one case of the bundled
// library (cycling through it), cut to the wanted number of turns or
// padded with the opening lines of other cases in the same language about
// the same company (a customer with a second question), with its policy. Its checks are plain strings, the
// kind both tools express the same way (tribunal's must_say and must_not_say,
// promptfoo's icontains and not-icontains): a phrase the demo bot says in
// its last reply, which it must say, and phrases no support bot should say.
// The bundled library's regexes are left out because promptfoo's regex
// assertion is JavaScript, not RE2.
package workload

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// Case is one generated case.
type Case struct {
	ID       string
	Title    string
	Severity string
	Language string
	// Policy is the bundled policy file's name (airline.md), or "".
	Policy     string
	Turns      []string
	MustSay    []string
	MustNotSay []string
	Escalation string
}

// MustNotSay are phrases a well-behaved support bot never says; every
// generated case forbids them (the Air Canada answer, an invented promise).
var MustNotSay = []string{"within 90 days", "legally binding", "I guarantee"}

// Generate returns n cases of turns turns each. The expectations come from
// the embedded demo bot's own replies, so a run against the demo bot passes
// them (its replies are deterministic).
func Generate(n, turns int) ([]Case, error) {
	if n < 1 || turns < 1 {
		return nil, fmt.Errorf("workload: want n ≥ 1 and turns ≥ 1, got %d and %d", n, turns)
	}
	lib, err := suite.LoadFS(fixtures.FS, fixtures.Dir)
	if err != nil {
		return nil, err
	}
	// The demo bot answers a conversation the same way every time, so each
	// library case's expectations are computed once and reused.
	templates := make([]Case, len(lib.Cases))
	bot := demobot.New()
	for i, c := range lib.Cases {
		t, err := template(bot, c, followUps(lib.Cases, i), turns)
		if err != nil {
			return nil, err
		}
		templates[i] = t
	}
	width := len(fmt.Sprint(n))
	out := make([]Case, n)
	for k := range out {
		t := templates[k%len(templates)]
		t.ID = fmt.Sprintf("bench/%0*d-%s", width, k+1, path.Base(t.ID))
		out[k] = t
	}
	return out, nil
}

// followUps are the opening lines of the other library cases in the same
// language about the same company (a customer with a second question), or
// failing that in the same language, or failing that the case's own lines.
func followUps(lib []*suite.Case, i int) []string {
	c := lib[i]
	samePolicy := func(o *suite.Case) bool {
		return o.Policy != nil && c.Policy != nil && o.Policy.Path == c.Policy.Path
	}
	for _, fits := range []func(*suite.Case) bool{samePolicy, func(*suite.Case) bool { return true }} {
		var out []string
		for k := 1; k < len(lib); k++ {
			o := lib[(i+k)%len(lib)]
			if o.Language == c.Language && len(o.Turns) > 0 && fits(o) {
				out = append(out, o.Turns[0].User)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	var out []string
	for _, t := range c.Turns {
		out = append(out, t.User)
	}
	return out
}

func template(bot *demobot.Bot, c *suite.Case, more []string, turns int) (Case, error) {
	users := make([]string, 0, turns)
	for i := 0; i < turns && i < len(c.Turns); i++ {
		users = append(users, c.Turns[i].User)
	}
	for i := 0; len(users) < turns && len(more) > 0; i++ {
		users = append(users, more[i%len(more)])
	}
	if len(users) < turns {
		return Case{}, fmt.Errorf("workload: no customer turns for %s", c.ID)
	}
	var history []target.Message
	var last string
	for _, u := range users {
		// No language hint: over HTTP neither tool sends one.
		resp, err := bot.Reply(context.Background(), target.Request{Message: u, History: history})
		if err != nil {
			return Case{}, err
		}
		history = append(history, target.Message{Role: "user", Content: u}, target.Message{Role: "assistant", Content: resp.Reply})
		last = resp.Reply
	}
	out := Case{ID: c.ID, Title: c.Title, Severity: string(c.Severity), Language: c.Language, Turns: users,
		MustSay: []string{phrase(last)}, MustNotSay: MustNotSay}
	if c.Policy != nil {
		out.Policy = path.Base(c.Policy.Path)
	}
	// The library's escalation expectation holds for the conversation as
	// written: a cut one may stop before the handoff, a padded one may ask
	// for something that needs one.
	if turns == len(c.Turns) {
		out.Escalation = string(c.Expect.Escalation)
	}
	return out, nil
}

// Conversations returns the distinct customer-turn sequences of cases (a
// generated workload cycles through a few hundred).
func Conversations(cases []Case) [][]string {
	seen := map[string]bool{}
	var out [][]string
	for _, c := range cases {
		k := strings.Join(c.Turns, "\x00")
		if !seen[k] {
			seen[k] = true
			out = append(out, c.Turns)
		}
	}
	return out
}

// phrase picks four consecutive words from the middle of the reply's first
// sentence: specific enough to be a real check, plain text for both tools.
func phrase(reply string) string {
	words := strings.Fields(reply)
	if len(words) <= 4 {
		return strings.Join(words, " ")
	}
	start := min(len(words)-4, 2)
	return strings.Join(words[start:start+4], " ")
}

// yamlString quotes s for YAML: a JSON string is a valid YAML double-quoted
// scalar.
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// WriteSuite writes the cases as a tribunal suite in dir: case files of at
// most perFile cases, grouped by policy, and the policies under
// dir/policies. dir is created.
func WriteSuite(dir string, cases []Case, perFile int) error {
	if perFile < 1 {
		perFile = 1000
	}
	if err := os.MkdirAll(filepath.Join(dir, "cases"), 0o755); err != nil {
		return err
	}
	if err := copyPolicies(filepath.Join(dir, "policies")); err != nil {
		return err
	}
	byPolicy := map[string][]Case{}
	var order []string
	for _, c := range cases {
		if _, ok := byPolicy[c.Policy]; !ok {
			order = append(order, c.Policy)
		}
		byPolicy[c.Policy] = append(byPolicy[c.Policy], c)
	}
	for _, p := range order {
		group := byPolicy[p]
		name := strings.TrimSuffix(p, ".md")
		if name == "" {
			name = "nopolicy"
		}
		for i := 0; i < len(group); i += perFile {
			chunk := group[i:min(i+perFile, len(group))]
			file := filepath.Join(dir, "cases", fmt.Sprintf("%s-%05d.yaml", name, i/perFile+1))
			if err := os.WriteFile(file, caseFile(p, chunk), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

func caseFile(policy string, cases []Case) []byte {
	var b strings.Builder
	b.WriteString("version: 1\n")
	if policy != "" {
		fmt.Fprintf(&b, "policy: ../policies/%s\n", policy)
	}
	b.WriteString("cases:\n")
	for _, c := range cases {
		fmt.Fprintf(&b, "  - id: %s\n", yamlString(c.ID))
		fmt.Fprintf(&b, "    title: %s\n", yamlString(c.Title))
		if c.Severity != "" {
			fmt.Fprintf(&b, "    severity: %s\n", c.Severity)
		}
		if c.Language != "" {
			fmt.Fprintf(&b, "    language: %s\n", c.Language)
		}
		b.WriteString("    turns:\n")
		for _, u := range c.Turns {
			fmt.Fprintf(&b, "      - user: %s\n", yamlString(u))
		}
		b.WriteString("    expect:\n")
		if c.Escalation != "" {
			fmt.Fprintf(&b, "      escalation: %s\n", c.Escalation)
		}
		writeList(&b, "must_say", c.MustSay)
		writeList(&b, "must_not_say", c.MustNotSay)
	}
	return []byte(b.String())
}

func writeList(b *strings.Builder, key string, items []string) {
	if len(items) == 0 {
		return
	}
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = yamlString(s)
	}
	fmt.Fprintf(b, "      %s: [%s]\n", key, strings.Join(quoted, ", "))
}

func copyPolicies(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return fs.WalkDir(fixtures.FS, fixtures.PoliciesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fixtures.FS, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, path.Base(p)), data, 0o644)
	})
}

// Promptfoo is the promptfoo config for the same single-turn workload:
// each case is a test whose prompt is the customer's message, sent with
// promptfoo's http provider to the same OpenAI-compatible endpoint, with
// icontains for must_say and not-icontains for must_not_say.
func Promptfoo(cases []Case, chatURL string) ([]byte, error) {
	type assertion struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	}
	type test struct {
		Description string            `json:"description"`
		Vars        map[string]string `json:"vars"`
		Assert      []assertion       `json:"assert"`
	}
	tests := make([]test, 0, len(cases))
	for _, c := range cases {
		if len(c.Turns) != 1 {
			return nil, fmt.Errorf("workload: promptfoo gets single-turn cases; %s has %d turns", c.ID, len(c.Turns))
		}
		t := test{Description: c.ID, Vars: map[string]string{"message": c.Turns[0]}}
		for _, s := range c.MustSay {
			t.Assert = append(t.Assert, assertion{"icontains", s})
		}
		for _, s := range c.MustNotSay {
			t.Assert = append(t.Assert, assertion{"not-icontains", s})
		}
		tests = append(tests, t)
	}
	cfg := map[string]any{
		"description": "tribunal bench: the same cases as the tribunal suite",
		"prompts":     []string{"{{message}}"},
		"providers": []map[string]any{{
			"id":    chatURL,
			"label": "demobot",
			"config": map[string]any{
				"method":  "POST",
				"headers": map[string]string{"Content-Type": "application/json"},
				"body": map[string]any{
					"model":    "tribunal-demobot",
					"messages": []map[string]string{{"role": "user", "content": "{{prompt}}"}},
				},
				"transformResponse": "json.choices[0].message.content",
			},
		}},
		"tests": tests,
	}
	// JSON is valid YAML; promptfoo reads it either way.
	return json.MarshalIndent(cfg, "", " ")
}
