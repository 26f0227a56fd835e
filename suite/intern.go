package suite

import (
	"encoding/binary"
	"slices"
	"strings"

	"github.com/tribunal-eval/tribunal/fold"
)

// interner makes the cases of one load share what they repeat: texts
// (titles, turns, phrases, language codes), compiled matchers and whole
// matcher and string lists (the same must_not_say phrases in every case). A
// loaded suite stays in memory for a whole run, so this is most of its
// size. It lives for one load only, so nothing outlives the suite. A walk,
// which keeps no case, uses one per file instead: one for the whole walk
// would grow with the suite.
//
// Shared lists have no spare capacity: appending to one copies it.
type interner struct {
	strs     map[string]string
	compiled map[string]*compiled
	matchers map[string][]Matcher
	lists    map[string][]string
	key      []byte
}

func newInterner() *interner {
	return &interner{
		strs:     map[string]string{},
		compiled: map[string]*compiled{},
		matchers: map[string][]Matcher{},
		lists:    map[string][]string{},
	}
}

func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := in.strs[s]; ok {
		return v
	}
	in.strs[s] = s
	return s
}

// strList returns the shared list equal to ss.
func (in *interner) strList(ss []string) []string {
	if len(ss) == 0 {
		return ss
	}
	in.key = in.key[:0]
	for _, s := range ss {
		in.key = appendStr(in.key, s)
	}
	if v, ok := in.lists[string(in.key)]; ok {
		return v
	}
	ss = slices.Clip(ss)
	for i, s := range ss {
		ss[i] = in.str(s)
	}
	in.lists[string(in.key)] = ss
	return ss
}

// matcherList returns the shared list equal to ms: same forms, same
// patterns, in the same order.
func (in *interner) matcherList(ms []Matcher) []Matcher {
	if len(ms) == 0 {
		return ms
	}
	in.key = appendMatchers(in.key[:0], ms)
	if v, ok := in.matchers[string(in.key)]; ok {
		return v
	}
	key := string(in.key)
	ms = slices.Clip(ms)
	for i := range ms {
		in.matcher(&ms[i])
	}
	in.matchers[key] = ms
	return ms
}

func (in *interner) matcher(m *Matcher) {
	m.Text, m.Regex = in.str(m.Text), in.str(m.Regex)
	m.Any, m.All = in.matcherList(m.Any), in.matcherList(m.All)
	if len(m.Any) > 0 || len(m.All) > 0 {
		return
	}
	// Keyed like find dispatches: a regex when there is one, else text.
	key := "t" + m.Text
	if m.Regex != "" {
		key = "r" + m.Regex
	}
	if c, ok := in.compiled[key]; ok {
		m.c = c
		return
	}
	if m.c == nil {
		if m.Regex != "" {
			m.c = &compiled{re: m.compiled()}
		} else {
			m.c = &compiled{words: strings.Fields(fold.Lower(m.Text))}
		}
	}
	in.compiled[key] = m.c
}

// appendMatchers writes an unambiguous key for ms.
func appendMatchers(b []byte, ms []Matcher) []byte {
	b = binary.AppendUvarint(b, uint64(len(ms)))
	for _, m := range ms {
		b = appendStr(b, m.Text)
		b = appendStr(b, m.Regex)
		b = appendMatchers(b, m.Any)
		b = appendMatchers(b, m.All)
	}
	return b
}

func appendStr(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// shareCase points c's texts and lists at the load's shared copies.
func (in *interner) shareCase(c *Case) {
	c.Title = in.str(c.Title)
	c.Severity = Severity(in.str(string(c.Severity)))
	c.Language = in.str(c.Language)
	c.Source = in.str(c.Source)
	c.Tags = in.strList(c.Tags)
	for i := range c.Turns {
		t := &c.Turns[i]
		t.User = in.str(t.User)
		if t.Expect != nil {
			t.Expect.MustSay = in.matcherList(t.Expect.MustSay)
			t.Expect.MustNotSay = in.matcherList(t.Expect.MustNotSay)
		}
	}
	e := &c.Expect
	e.Escalation = Escalation(in.str(string(e.Escalation)))
	e.MustSay = in.matcherList(e.MustSay)
	e.MustNotSay = in.matcherList(e.MustNotSay)
	e.Facts = in.strList(e.Facts)
	for i := range c.Judges {
		r := &c.Judges[i]
		r.Name, r.Rubric, r.Dimension = in.str(r.Name), in.str(r.Rubric), in.str(r.Dimension)
	}
	if sim := c.Simulate; sim != nil {
		sim.Persona, sim.Goal = in.str(sim.Persona), in.str(sim.Goal)
		sim.Knows = in.strList(sim.Knows)
	}
}
