// Package fold lower-cases text without moving it: every byte offset into
// the result is the same offset into the input, so a match found in folded
// text can be quoted from the original. Matching folded text with literal
// searches and case-sensitive regexps is much faster than (?i) matching,
// and the judges match every reply of every case.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lower lower-cases s rune by rune, keeping a rune as it is where its lower
// case has another UTF-8 length.
func Lower(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	// ASCII bytes (most of any text, even French or Swedish) are lowered
	// in place; only other runes go through unicode.ToLower.
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		l := unicode.ToLower(r)
		if utf8.RuneLen(l) != utf8.RuneLen(r) {
			l = r
		}
		b.WriteRune(l)
	}
	return b.String()
}
