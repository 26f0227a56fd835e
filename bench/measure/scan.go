package measure

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// scanConversation appends the conversation key of a chat completions
// request body to key without reflection or allocation, for the bodies a
// harness sends: an object with "messages", a list of objects whose role
// and content are strings (or a content that is null or not a string).
// ok is false for anything else, and for anything encoding/json might read
// differently (escaped or differently cased keys); decodeConversation is
// then the judge. For the bodies it accepts, the key is the one
// decodeConversation gives.
func scanConversation(body, key []byte) (_ []byte, ok bool) {
	if !json.Valid(body) {
		return key, false
	}
	s := scanner{b: body}
	s.ws()
	if !s.eat('{') {
		return key, false
	}
	var msgs []byte
	for s.ws(); !s.eat('}'); s.ws() {
		k, ok := s.key()
		if !ok {
			return key, false
		}
		v := s.value()
		switch {
		case string(k) == "messages":
			if msgs != nil {
				// encoding/json decodes a second list over the first one's
				// elements, keeping fields the second leaves out.
				return key, false
			}
			msgs = v
		case bytes.EqualFold(k, []byte("messages")):
			return key, false
		}
		s.ws()
		s.eat(',')
	}
	if msgs == nil || string(msgs) == "null" {
		return key, true
	}
	m := scanner{b: msgs}
	if !m.eat('[') {
		return key, false
	}
	for m.ws(); !m.eat(']'); m.ws() {
		var ok bool
		if key, ok = m.message(key); !ok {
			return key, false
		}
		m.ws()
		m.eat(',')
	}
	return key, true
}

// message appends one message of the list, if its role is user or
// assistant (the only ones the demo bot reads).
func (s *scanner) message(key []byte) ([]byte, bool) {
	if !s.eat('{') {
		return key, false
	}
	var role, content []byte
	for s.ws(); !s.eat('}'); s.ws() {
		k, ok := s.key()
		if !ok {
			return key, false
		}
		v := s.value()
		switch {
		case string(k) == "role":
			role = v
		case string(k) == "content":
			content = v
		case bytes.EqualFold(k, []byte("role")) || bytes.EqualFold(k, []byte("content")):
			return key, false
		}
		s.ws()
		s.eat(',')
	}
	switch string(role) {
	case `"user"`, `"assistant"`:
	case "", "null", `""`:
		return key, true // no role: not a message the demo bot reads
	default:
		if role[0] != '"' || bytes.IndexByte(role, '\\') >= 0 {
			return key, false // not a string, or an escaped one
		}
		return key, true
	}
	r := string(role[1 : len(role)-1]) // "user" or "assistant": no allocation
	switch {
	case content == nil || string(content) == "null":
		return appendKey(key, r, nil), true
	case content[0] != '"':
		return appendKey(key, r, content), true // a list of parts: its JSON text
	}
	text := content[1 : len(content)-1]
	if bytes.IndexByte(text, '\\') >= 0 || !utf8.Valid(text) {
		var str string // escapes, or bytes encoding/json would replace
		if json.Unmarshal(content, &str) != nil {
			return key, false
		}
		return appendKey(key, r, []byte(str)), true
	}
	return appendKey(key, r, text), true
}

// scanner walks JSON already known to be valid.
type scanner struct {
	b []byte
	i int
}

func (s *scanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) eat(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// key reads an object key and its colon; ok is false for an escaped key,
// which only encoding/json can compare.
func (s *scanner) key() (k []byte, ok bool) {
	v := s.value()
	if len(v) < 2 || v[0] != '"' || bytes.IndexByte(v, '\\') >= 0 {
		return nil, false
	}
	s.ws()
	s.eat(':')
	s.ws()
	return v[1 : len(v)-1], true
}

// value skips one value and returns its text.
func (s *scanner) value() []byte {
	start := s.i
	if s.i >= len(s.b) {
		return nil
	}
	switch s.b[s.i] {
	case '"':
		s.i++
		for s.i < len(s.b) {
			switch s.b[s.i] {
			case '\\':
				s.i += 2
				continue
			case '"':
				s.i++
				return s.b[start:s.i]
			}
			s.i++
		}
	case '{', '[':
		depth := 0
		for s.i < len(s.b) {
			switch s.b[s.i] {
			case '"':
				s.value()
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					s.i++
					return s.b[start:s.i]
				}
			}
			s.i++
		}
	default: // a number, true, false or null
		for s.i < len(s.b) {
			switch s.b[s.i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return s.b[start:s.i]
			}
			s.i++
		}
	}
	return s.b[start:s.i]
}
