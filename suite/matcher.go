package suite

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"github.com/tribunal-eval/tribunal/fold"
)

// Matcher is a text matcher from a case file. Exactly one form is set:
//   - a plain string matches case-insensitively, ignoring extra whitespace;
//   - {regex: ...} is a Go RE2 expression, matched as written (use (?i) for
//     case-insensitive);
//   - {any: [...]} matches when one of its matchers does;
//   - {all: [...]} matches when every one of its matchers does.
type Matcher struct {
	Text  string    `json:"text,omitempty"`
	Regex string    `json:"regex,omitempty"`
	Any   []Matcher `json:"any,omitempty"`
	All   []Matcher `json:"all,omitempty"`

	// c is the compiled form; the loader shares one among equal matchers.
	c *compiled
}

// compiled is what a leaf matcher needs to run, worked out once.
type compiled struct {
	re *regexp.Regexp
	// words is a plain matcher's folded words, for a literal search that
	// is much faster than its equivalent regexp.
	words []string
}

// Span is a matched range of bytes in the text that was searched.
type Span struct{ Start, End int }

// Text returns a matcher for a plain string.
func Text(s string) Matcher {
	return Matcher{Text: s, c: &compiled{words: strings.Fields(fold.Lower(s))}}
}

// Regex returns a matcher for a Go RE2 expression.
func Regex(expr string) (Matcher, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return Matcher{}, err
	}
	return Matcher{Regex: expr, c: &compiled{re: re}}, nil
}

// Any returns a matcher that holds when one of ms does.
func Any(ms ...Matcher) Matcher { return Matcher{Any: ms} }

// All returns a matcher that holds when all of ms do.
func All(ms ...Matcher) Matcher { return Matcher{All: ms} }

// Find reports whether the matcher holds on text and, when it does, the
// spans of text that made it hold (one per leaf matcher that matched).
func (m Matcher) Find(text string) ([]Span, bool) {
	f := folded{text: text}
	return m.find(&f)
}

// FindFolded is Find for a caller that already has low, which must be
// fold.Lower(text): checking several matchers against one reply then folds
// it once.
func (m Matcher) FindFolded(text, low string) ([]Span, bool) {
	f := folded{text: text, low: low, done: true}
	return m.find(&f)
}

// folded is a text and its fold.Lower, computed on first use and shared by
// every plain matcher under one Find.
type folded struct {
	text, low string
	done      bool
}

func (f *folded) lower() string {
	if !f.done {
		f.low, f.done = fold.Lower(f.text), true
	}
	return f.low
}

func (m Matcher) find(f *folded) ([]Span, bool) {
	switch {
	case len(m.Any) > 0:
		for _, sub := range m.Any {
			if spans, ok := sub.find(f); ok {
				return spans, true
			}
		}
		return nil, false
	case len(m.All) > 0:
		var all []Span
		for _, sub := range m.All {
			spans, ok := sub.find(f)
			if !ok {
				return nil, false
			}
			all = append(all, spans...)
		}
		return all, true
	default:
		if m.Regex == "" {
			var words []string
			if m.c != nil {
				words = m.c.words
			}
			if words == nil {
				words = strings.Fields(fold.Lower(m.Text))
			}
			if len(words) == 0 {
				return nil, false
			}
			return findWords(f.lower(), words)
		}
		re := m.compiled()
		if re == nil {
			return nil, false
		}
		loc := re.FindStringIndex(f.text)
		if loc == nil {
			return nil, false
		}
		return []Span{{loc[0], loc[1]}}, true
	}
}

func (m Matcher) compiled() *regexp.Regexp {
	if m.c != nil && m.c.re != nil {
		return m.c.re
	}
	// Matchers built as literals (not through the loader or constructors).
	re, err := regexp.Compile(m.Regex)
	if err != nil {
		return nil
	}
	return re
}

// findWords finds the words in order, separated by any run of whitespace,
// case-insensitively, in low (the folded text, with the same offsets):
// what a plain-text matcher promises.
func findWords(low string, words []string) ([]Span, bool) {
	if len(words) == 0 {
		return nil, false
	}
	for from := 0; from < len(low); {
		i := strings.Index(low[from:], words[0])
		if i < 0 {
			return nil, false
		}
		start := from + i
		end := start + len(words[0])
		ok := true
		for _, w := range words[1:] {
			j := end
			for j < len(low) && isSpace(low[j]) {
				j++
			}
			if j == end || !strings.HasPrefix(low[j:], w) {
				ok = false
				break
			}
			end = j + len(w)
		}
		if ok {
			return []Span{{start, end}}, true
		}
		from = start + 1
	}
	return nil, false
}

// isSpace is RE2's \s: the whitespace a plain matcher folds.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// String renders the matcher as a reader would write it in a case file.
func (m Matcher) String() string {
	join := func(ms []Matcher) string {
		parts := make([]string, len(ms))
		for i, sub := range ms {
			parts[i] = sub.String()
		}
		return strings.Join(parts, ", ")
	}
	switch {
	case len(m.Any) > 0:
		return "any of [" + join(m.Any) + "]"
	case len(m.All) > 0:
		return "all of [" + join(m.All) + "]"
	case m.Regex != "":
		return "/" + m.Regex + "/"
	default:
		return fmt.Sprintf("%q", m.Text)
	}
}

// MarshalJSON writes a plain string matcher as a string, like the case file.
func (m Matcher) MarshalJSON() ([]byte, error) {
	type plain struct {
		Regex string    `json:"regex,omitempty"`
		Any   []Matcher `json:"any,omitempty"`
		All   []Matcher `json:"all,omitempty"`
	}
	if m.Regex == "" && len(m.Any) == 0 && len(m.All) == 0 {
		return jsonMarshal(m.Text)
	}
	return jsonMarshal(plain{m.Regex, m.Any, m.All})
}

// UnmarshalYAML decodes a matcher from its node so errors keep positions.
func (m *Matcher) UnmarshalYAML(node ast.Node) error {
	switch n := node.(type) {
	case *ast.StringNode, *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.LiteralNode:
		s := scalarString(n)
		if strings.TrimSpace(s) == "" {
			return nodeError(node, "empty text matcher (it would match everything)")
		}
		// The loader folds it into words once per distinct text of the
		// suite; Find folds a bare one itself.
		*m = Matcher{Text: s}
		return nil
	case *ast.MappingNode, *ast.MappingValueNode:
		var raw struct {
			Regex *string   `yaml:"regex"`
			Any   []Matcher `yaml:"any"`
			All   []Matcher `yaml:"all"`
		}
		if err := yaml.NodeToValue(node, &raw, yaml.Strict()); err != nil {
			return err
		}
		set := 0
		if raw.Regex != nil {
			set++
		}
		if raw.Any != nil {
			set++
		}
		if raw.All != nil {
			set++
		}
		if set != 1 {
			return nodeError(node, "a matcher has exactly one of regex, any, all (or is a plain string)")
		}
		switch {
		case raw.Regex != nil:
			if *raw.Regex == "" {
				return nodeError(node, "empty regex (it would match everything)")
			}
			re, err := regexp.Compile(*raw.Regex)
			if err != nil {
				return nodeError(node, "invalid regex: "+strings.TrimPrefix(err.Error(), "error parsing regexp: "))
			}
			*m = Matcher{Regex: *raw.Regex, c: &compiled{re: re}}
		case raw.Any != nil:
			if len(raw.Any) == 0 {
				return nodeError(node, "any: needs at least one matcher")
			}
			*m = Matcher{Any: raw.Any}
		default:
			if len(raw.All) == 0 {
				return nodeError(node, "all: needs at least one matcher")
			}
			*m = Matcher{All: raw.All}
		}
		return nil
	default:
		return nodeError(node, fmt.Sprintf("a matcher is a string or a mapping with regex, any or all, not a %s", nodeKind(node)))
	}
}
