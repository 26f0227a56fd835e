package llm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A judge's quotes are checked against the texts it was shown. Matching
// ignores case, runs of whitespace, curly versus straight quotes and the
// dash variants, and a quote may skip words with an ellipsis ("you can ...
// after travel"): every fragment must appear, in order, in one text. The
// evidence reported is the original text's own words, not the judge's copy.

// normText is a text lowered and folded for matching, with the byte offset
// in the original of every byte of the folded form.
type normText struct {
	orig string
	norm string
	at   []int // at[i]: offset in orig of the rune that produced norm[i]
	end  []int // end[i]: offset in orig just past that rune
}

func fold(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`', '\u00b4':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-'
	}
	if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' {
		return ' '
	}
	return unicode.ToLower(r)
}

func normalize(s string) normText {
	t := normText{orig: s}
	var b strings.Builder
	space := true // drop leading space
	for i, r := range s {
		size := utf8.RuneLen(r)
		if size < 0 {
			size = 1
		}
		f := fold(r)
		if f == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		n := b.Len()
		b.WriteRune(f)
		for k := n; k < b.Len(); k++ {
			t.at = append(t.at, i)
			t.end = append(t.end, i+size)
		}
	}
	t.norm = b.String()
	if strings.HasSuffix(t.norm, " ") {
		t.norm = t.norm[:len(t.norm)-1]
		t.at = t.at[:len(t.at)-1]
		t.end = t.end[:len(t.end)-1]
	}
	return t
}

// quoteFragments splits a judge's quote at ellipses and folds each part,
// dropping the markers the prompt put around flagged text and the quote
// marks and trailing punctuation judges like to add.
func quoteFragments(q string) []string {
	q = unmark(q)
	q = strings.ReplaceAll(q, "\u2026", "...")
	var out []string
	for _, part := range strings.Split(q, "...") {
		p := normalize(part).norm
		p = strings.Trim(p, " \"'")
		p = strings.TrimRight(p, " .,;:!?\"'")
		p = strings.TrimLeft(p, " .,;:!?\"'")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// findQuote reports whether the quote appears in the text, and if so the
// original words it matched (fragments joined by " … ").
func findQuote(q string, text normText) (string, bool) {
	frags := quoteFragments(q)
	if len(frags) == 0 {
		return "", false
	}
	// A quote that ends in punctuation keeps the original's punctuation.
	trailing := strings.TrimRight(strings.TrimSpace(unmark(q)), ".,;:!?\"'”’") != strings.TrimSpace(unmark(q))
	from := 0
	var parts []string
	for k, f := range frags {
		i := strings.Index(text.norm[from:], f)
		if i < 0 {
			return "", false
		}
		i += from
		j := i + len(f)
		end := text.end[j-1]
		if trailing && k == len(frags)-1 {
			for end < len(text.orig) && strings.ContainsRune(".,;:!?", rune(text.orig[end])) {
				end++
			}
		}
		parts = append(parts, text.orig[text.at[i]:end])
		from = j
	}
	return strings.Join(parts, " … "), true
}

// source is one text a quote may come from.
type source struct {
	turn int // 1-based; 0 for the policy or facts
	role string
	text normText
}

// sources is a set of texts quotes are checked against.
type sources []source

func (ss sources) find(q string) (source, string, bool) {
	for _, s := range ss {
		if got, ok := findQuote(q, s.text); ok {
			return s, got, true
		}
	}
	return source{}, "", false
}

// findIn looks in the sources of the given role, preferring the turn given.
func (ss sources) findIn(q, role string, turn int) (source, string, bool) {
	for pass := 0; pass < 2; pass++ {
		for _, s := range ss {
			if s.role != role || (pass == 0 && s.turn != turn) {
				continue
			}
			if got, ok := findQuote(q, s.text); ok {
				return s, got, true
			}
		}
	}
	return source{}, "", false
}

func (ss sources) only(roles ...string) sources {
	var out sources
	for _, s := range ss {
		for _, r := range roles {
			if s.role == r {
				out = append(out, s)
			}
		}
	}
	return out
}
