// Package fold lower-cases text without moving it: every byte offset into
// the result is the same offset into the input, so a match found in folded
// text can be quoted from the original. Matching folded text with literal
// searches and case-sensitive regexps is much faster than (?i) matching,
// and the judges match every reply of every case.
package fold

import (
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Lower lower-cases s rune by rune, keeping a rune as it is where its lower
// case has another UTF-8 length, and bytes that are not UTF-8 as they are.
func Lower(s string) string {
	// Text that is already lower case (most of it, past the first letter)
	// is returned as it is.
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, len(s))
	copy(b, s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) == size {
			utf8.EncodeRune(b[i:], l)
		} else {
			copy(b[i:], s[i:i+size])
		}
		i += size
	}
	return unsafe.String(&b[0], len(b))
}
