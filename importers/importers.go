// Package importers turns other tools' chatbot test sets into tribunal case
// files (case format v1), so a team brings the tests it already has:
// BotiumScript conversation files (*.convo.txt) and promptfoo test YAML
// (tests with vars and assert). What maps is converted; what does not
// (button and card asserters, JavaScript assertions, similarity scores...) is
// reported as a Note, never silently dropped.
//
// Every file an importer produces loads with tribunal's strict loader:
// Output validates it before returning it.
package importers

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing/fstest"
	"unicode"

	"github.com/goccy/go-yaml"

	"github.com/tribunal-eval/tribunal/suite"
)

// Options tune a conversion.
type Options struct {
	// Prefix starts every case id (default "botium/" or "promptfoo/").
	Prefix string
	// Language is the customers' language code for every case (default:
	// unset, so the language judge reads it from the customer's turns).
	Language string
	// Policy is the policy file the cases cite, relative to the output
	// file (default none).
	Policy string
	// Tags are added to every case (the importer's name is always added).
	Tags []string
}

// Note is something that did not map, or mapped with a caveat.
type Note struct {
	File string
	// Item is the convo or test it concerns ("" for the whole file).
	Item string
	Msg  string
	// Skipped says the whole item was left out.
	Skipped bool
}

func (n Note) String() string {
	where := n.File
	if n.Item != "" {
		where += ": " + n.Item
	}
	if n.Skipped {
		return where + ": skipped: " + n.Msg
	}
	return where + ": " + n.Msg
}

// Result is what a conversion produced.
type Result struct {
	// Tool is "botium" or "promptfoo".
	Tool string
	// Files are the case files, in input order; each holds one input
	// file's cases.
	Files []*File
	Notes []Note
	// Items counts the convos or tests read.
	Items int
}

// Converted counts the cases produced.
func (r *Result) Converted() int {
	n := 0
	for _, f := range r.Files {
		n += len(f.Cases)
	}
	return n
}

// File is one case file to write.
type File struct {
	// Name is the file name to write it under ("greeting.yaml").
	Name string `yaml:"-"`
	// From is the input file it was converted from.
	From     string    `yaml:"-"`
	Version  int       `yaml:"version"`
	Policy   string    `yaml:"policy,omitempty"`
	Defaults *Defaults `yaml:"defaults,omitempty"`
	Cases    []*Case   `yaml:"cases"`
}

// Defaults are merged into every case of a file.
type Defaults struct {
	Language string   `yaml:"language,omitempty"`
	Tags     []string `yaml:"tags,omitempty"`
}

// Case is one converted case, in case format v1.
type Case struct {
	ID      string         `yaml:"id"`
	Title   string         `yaml:"title,omitempty"`
	Tags    []string       `yaml:"tags,omitempty"`
	Source  string         `yaml:"source,omitempty"`
	Context map[string]any `yaml:"context,omitempty"`
	Turns   []*Turn        `yaml:"turns"`
	Expect  *Expect        `yaml:"expect,omitempty"`
	Judges  []Rubric       `yaml:"judges,omitempty"`
}

// Turn is one customer message with its checks.
type Turn struct {
	User   string      `yaml:"user"`
	Expect *TurnExpect `yaml:"expect,omitempty"`
}

// TurnExpect holds checks on one reply.
type TurnExpect struct {
	MustSay    []Matcher `yaml:"must_say,omitempty"`
	MustNotSay []Matcher `yaml:"must_not_say,omitempty"`
}

// Expect holds whole-conversation checks.
type Expect struct {
	MustSay    []Matcher `yaml:"must_say,omitempty"`
	MustNotSay []Matcher `yaml:"must_not_say,omitempty"`
	Facts      []string  `yaml:"facts,omitempty"`
	MaxLatency string    `yaml:"max_latency,omitempty"`
}

func (e *Expect) empty() bool {
	return e == nil || len(e.MustSay)+len(e.MustNotSay)+len(e.Facts) == 0 && e.MaxLatency == ""
}

// Rubric is an LLM judge's criterion.
type Rubric struct {
	Rubric    string `yaml:"rubric"`
	Dimension string `yaml:"dimension"`
}

// Matcher is a text matcher as a case file writes it: a string (plain
// text), or a mapping with regex, any or all.
type Matcher any

// Plain returns a plain-text matcher (case-insensitive, ignoring extra
// whitespace, as case format v1 reads it).
func Plain(s string) Matcher { return strings.TrimSpace(s) }

// Regex returns a regex matcher.
func Regex(expr string) Matcher { return map[string]any{"regex": expr} }

// AnyOf returns a matcher that holds when one of ms does.
func AnyOf(ms ...Matcher) Matcher {
	if len(ms) == 1 {
		return ms[0]
	}
	return map[string]any{"any": ms}
}

// exact is a regex matching s exactly as written, anywhere in a reply.
func exact(s string) string { return regexp.QuoteMeta(strings.TrimSpace(s)) }

// Output renders a file as YAML and checks that tribunal's strict loader
// accepts it. policyText, when the file cites a policy, stands in for the
// policy file in the check.
func (f *File) Output() ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Converted by `tribunal import` from %s.\n", f.From)
	data, err := yaml.MarshalWithOptions(f, yaml.IndentSequence(true), yaml.UseLiteralStyleIfMultiline(true))
	if err != nil {
		return nil, err
	}
	b.Write(data)
	if err := check(f.Name, f.Policy, b.Bytes()); err != nil {
		return nil, fmt.Errorf("the converted %s does not load: %w", f.Name, err)
	}
	return b.Bytes(), nil
}

// check loads a rendered file with the strict loader.
func check(name, policy string, data []byte) error {
	fsys := fstest.MapFS{"suite/" + name: {Data: data}}
	if policy != "" {
		fsys[path.Clean(path.Join("suite", policy))] = &fstest.MapFile{Data: []byte("# policy\n")}
	}
	_, err := suite.LoadFS(fsys, "suite")
	return err
}

// newFile starts an output file with the options' defaults.
func newFile(tool, from, name string, opts Options) *File {
	f := &File{Name: name, From: from, Version: 1, Policy: opts.Policy}
	tags := append([]string{tool}, opts.Tags...)
	f.Defaults = &Defaults{Language: opts.Language, Tags: tags}
	return f
}

var slugDrop = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes an id part from a name: lower case, ASCII letters and digits
// joined by dashes.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r < 128:
			b.WriteRune(r)
		case unicode.IsLetter(r):
			b.WriteRune(fold(r))
		default:
			b.WriteRune(' ')
		}
	}
	out := strings.Trim(slugDrop.ReplaceAllString(b.String(), "-"), "-")
	if len(out) > 60 {
		out = strings.Trim(out[:60], "-")
	}
	return out
}

// fold maps common accented letters to ASCII for ids.
func fold(r rune) rune {
	const from, to = "àáâäåçèéêëìíîïñòóôöùúûüýÿ", "aaaaaceeeeiiiinooooouuuuyy"
	if i := strings.IndexRune(from, r); i >= 0 {
		return []rune(to)[len([]rune(from[:i]))]
	}
	return 'x'
}

// uniqueIDs makes the ids of a result unique by suffixing -2, -3 ...
func uniqueIDs(files []*File) {
	seen := map[string]int{}
	for _, f := range files {
		for _, c := range f.Cases {
			seen[c.ID]++
			if n := seen[c.ID]; n > 1 {
				c.ID = fmt.Sprintf("%s-%d", c.ID, n)
			}
		}
	}
}

// Summary is a one-line account of a result.
func (r *Result) Summary() string {
	skipped := 0
	for _, n := range r.Notes {
		if n.Skipped {
			skipped++
		}
	}
	kind := "convos"
	if r.Tool == "promptfoo" {
		kind = "tests"
	}
	return fmt.Sprintf("%s: converted %d of %d %s into %d file(s); %d skipped, %d note(s)",
		r.Tool, r.Converted(), r.Items, kind, len(r.Files), skipped, len(r.Notes)-skipped)
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
