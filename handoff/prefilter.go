package handoff

import (
	"regexp/syntax"
	"sort"
	"unicode/utf8"
)

// Every pattern is run only on sentences that hold one of its required
// literals: strings, read off the expression, at least one of which is in
// any text it matches ("transfer", "connect", "escalat", … for "(?:i'm|we
// will) (?:transfer|connect|escalat…)"). One pass of an Aho-Corasick
// automaton finds all of them in a text, so a sentence that can match no
// pattern costs no regexp at all.

// maxSet bounds the sets of strings the analysis enumerates.
const maxSet = 64

// literals is what the analysis knows about an expression: exact, when
// known, is every string it matches; req, when known, holds strings one of
// which is in every string it matches.
type literals struct {
	exact, req     []string
	exactOK, reqOK bool
}

// required returns strings one of which occurs in every match of expr
// (with no empty string among them), or false when the analysis finds none.
func required(expr string) ([]string, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, false
	}
	l := analyse(re.Simplify())
	best, ok := l.best()
	return best, ok
}

// best returns the most selective of the known sets: the exact set or the
// required one.
func (l literals) best() ([]string, bool) {
	var cands [][]string
	if l.exactOK {
		cands = append(cands, l.exact)
	}
	if l.reqOK {
		cands = append(cands, l.req)
	}
	return pick(cands)
}

// pick returns the most selective usable set: no empty string, the longest
// shortest string (up to four bytes), then the fewest strings.
func pick(cands [][]string) ([]string, bool) {
	var best []string
	bestScore, found := 0, false
	for _, c := range cands {
		if len(c) == 0 {
			continue
		}
		short := 1 << 30
		for _, s := range c {
			short = min(short, len(s))
		}
		if short == 0 {
			continue
		}
		score := min(short, 4)*1000 - len(c)
		if !found || score > bestScore {
			best, bestScore, found = c, score, true
		}
	}
	return best, found
}

func analyse(re *syntax.Regexp) literals {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return literals{exact: []string{""}, exactOK: true}
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return literals{}
		}
		return literals{exact: []string{string(re.Rune)}, exactOK: true}
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > 10 {
				return literals{}
			}
		}
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if utf8.ValidRune(r) {
					set = append(set, string(r))
				}
			}
		}
		return literals{exact: set, exactOK: true}
	case syntax.OpCapture:
		return analyse(re.Sub[0])
	case syntax.OpQuest:
		sub := analyse(re.Sub[0])
		if sub.exactOK && len(sub.exact) < maxSet {
			return literals{exact: union(sub.exact, []string{""}), exactOK: true}
		}
		return literals{}
	case syntax.OpPlus:
		sub := analyse(re.Sub[0])
		set, ok := sub.best()
		return literals{req: set, reqOK: ok}
	case syntax.OpRepeat:
		if re.Min == 0 {
			return literals{}
		}
		sub := analyse(re.Sub[0])
		set, ok := sub.best()
		return literals{req: set, reqOK: ok}
	case syntax.OpConcat:
		return concat(re.Sub)
	case syntax.OpAlternate:
		subs := make([]literals, len(re.Sub))
		allExact := true
		for i, s := range re.Sub {
			subs[i] = analyse(s)
			allExact = allExact && subs[i].exactOK
		}
		var out literals
		if allExact {
			var set []string
			for _, s := range subs {
				set = union(set, s.exact)
			}
			if len(set) <= maxSet {
				out.exact, out.exactOK = set, true
			}
		}
		var req []string
		reqOK := true
		for _, s := range subs {
			set, ok := s.best()
			if !ok {
				reqOK = false
				break
			}
			req = union(req, set)
		}
		if reqOK {
			out.req, out.reqOK = req, true
		}
		return out
	}
	// Any character, stars and the rest: nothing is required.
	return literals{}
}

// concat analyses a concatenation: exact when every part is and the
// product stays small; otherwise it requires the best of its parts and of
// the products of its runs of exact parts.
func concat(subs []*syntax.Regexp) literals {
	parts := make([]literals, len(subs))
	for i, s := range subs {
		parts[i] = analyse(s)
	}
	var cands [][]string
	for i := 0; i < len(parts); {
		if !parts[i].exactOK {
			if set, ok := parts[i].best(); ok {
				cands = append(cands, set)
			}
			i++
			continue
		}
		// A run of exact parts: the product of as many as stay small,
		// restarting where it grows too large.
		prod := []string{""}
		j := i
		for ; j < len(parts) && parts[j].exactOK; j++ {
			next := product(prod, parts[j].exact)
			if next == nil {
				break
			}
			prod = next
		}
		if j == i {
			// The part alone is too large to multiply with anything.
			if set, ok := parts[i].best(); ok {
				cands = append(cands, set)
			}
			i++
			continue
		}
		if i == 0 && j == len(parts) {
			return literals{exact: prod, exactOK: true}
		}
		cands = append(cands, prod)
		i = j
	}
	set, ok := pick(cands)
	return literals{req: set, reqOK: ok}
}

// product returns every a+b, or nil when there would be more than maxSet.
func product(as, bs []string) []string {
	if len(as)*len(bs) > maxSet {
		return nil
	}
	out := make([]string, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			out = append(out, a+b)
		}
	}
	return dedupe(out)
}

func union(a, b []string) []string { return dedupe(append(append([]string(nil), a...), b...)) }

func dedupe(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// matcher is an Aho-Corasick automaton over a set of literals, on bytes.
type matcher struct {
	class   [256]uint8 // byte → input class (0: a byte in no literal)
	classes int
	next    []int32   // state*classes + class → state
	out     [][]int32 // state → literals that end there
	lens    []int     // literal → length in bytes
}

func newMatcher(lits []string) *matcher {
	m := &matcher{classes: 1}
	for _, l := range lits {
		for i := 0; i < len(l); i++ {
			if m.class[l[i]] == 0 {
				m.class[l[i]] = uint8(m.classes)
				m.classes++
			}
		}
	}
	// The trie, then the failure links turned into a full transition
	// table, breadth first.
	type node struct {
		child map[uint8]int32
		out   []int32
	}
	nodes := []node{{child: map[uint8]int32{}}}
	for id, l := range lits {
		s := int32(0)
		for i := 0; i < len(l); i++ {
			c := m.class[l[i]]
			nx, ok := nodes[s].child[c]
			if !ok {
				nx = int32(len(nodes))
				nodes = append(nodes, node{child: map[uint8]int32{}})
				nodes[s].child[c] = nx
			}
			s = nx
		}
		nodes[s].out = append(nodes[s].out, int32(id))
		m.lens = append(m.lens, len(l))
	}
	m.next = make([]int32, len(nodes)*m.classes)
	m.out = make([][]int32, len(nodes))
	fail := make([]int32, len(nodes))
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.out[s] = append(m.out[s], nodes[s].out...)
		if s != 0 {
			m.out[s] = append(m.out[s], m.out[fail[s]]...)
		}
		for c := 0; c < m.classes; c++ {
			nx, ok := nodes[s].child[uint8(c)]
			switch {
			case ok && c != 0:
				if s == 0 {
					fail[nx] = 0
				} else {
					fail[nx] = m.next[int(fail[s])*m.classes+c]
				}
				m.next[int(s)*m.classes+c] = nx
				queue = append(queue, nx)
			case s == 0:
				m.next[c] = 0
			default:
				m.next[int(s)*m.classes+c] = m.next[int(fail[s])*m.classes+c]
			}
		}
	}
	return m
}
