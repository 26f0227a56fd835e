package suite

import "bytes"

// caseItem is one item of a case file's `cases:` list: its bytes
// data[start:end] and the line it starts on.
type caseItem struct{ start, end, line int }

// splitCases finds the items of a case file's `cases:` list, so the loader
// can parse one case at a time: goccy/go-yaml holds about 17 KB of syntax
// tree per case while it parses, and a file of 1,000 cases parsed whole
// holds 17 MB at once.
//
// It only knows the block layout case files are written in: `cases:` at
// the start of a line with nothing after it but a comment, then items
// opening with "- " at one indentation, each running until the next line
// as little indented that is not a comment. Anything else (flow style,
// document markers, directives, a second `cases:`) gives ok false, and so
// does a file whose items would not parse on their own: the loader then
// parses the file whole, which also reports every mistake.
//
// head is data with the items' bytes blanked to newlines, so every line of
// the rest of the file keeps its number.
func splitCases(data []byte) (head []byte, items []caseItem, ok bool) {
	const (
		before  = iota // looking for `cases:`
		opening        // after `cases:`, looking for its first item
		inside         // in the items
		after          // past the items
	)
	state := before
	indent := 0 // of the items' "-"
	itemsStart, itemsEnd := -1, len(data)
	for off, line := 0, 1; off < len(data); line++ {
		end := bytes.IndexByte(data[off:], '\n')
		next := off + end + 1
		if end < 0 {
			end, next = len(data)-off, len(data)
		}
		text := bytes.TrimRight(data[off:off+end], "\r")
		lead := len(text) - len(bytes.TrimLeft(text, " "))
		body := text[lead:]

		if lead == 0 && (bytes.HasPrefix(body, []byte("---")) || bytes.HasPrefix(body, []byte("...")) || bytes.HasPrefix(body, []byte("%"))) {
			if line > 1 || !bytes.Equal(bytes.TrimRight(body, " \t"), []byte("---")) {
				return nil, nil, false
			}
		}
		if lead == 0 && bytes.HasPrefix(body, []byte("cases:")) {
			rest := body[len("cases:"):]
			if state != before || !(len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t') {
				return nil, nil, false
			}
			if rest = bytes.TrimLeft(rest, " \t"); len(rest) > 0 && rest[0] != '#' {
				return nil, nil, false // `cases: [...]` or an alias
			}
			state = opening
			off = next
			continue
		}
		blank := len(body) == 0 || body[0] == '#' || len(bytes.TrimSpace(body)) == 0
		opens := body[0:min(len(body), 1)]
		isItem := len(opens) == 1 && opens[0] == '-' && (len(body) == 1 || body[1] == ' ')
		switch state {
		case opening:
			if blank {
				break
			}
			if !isItem {
				return nil, nil, false
			}
			state, indent, itemsStart = inside, lead, off
			items = append(items, caseItem{start: off, line: line})
		case inside:
			if blank || lead > indent {
				break
			}
			items[len(items)-1].end = off
			if lead == indent && isItem {
				items = append(items, caseItem{start: off, line: line})
				break
			}
			state, itemsEnd = after, off
		}
		off = next
	}
	if len(items) == 0 {
		return nil, nil, false
	}
	if state == inside {
		items[len(items)-1].end = len(data)
	}
	lines := bytes.Count(data[itemsStart:itemsEnd], []byte("\n"))
	head = make([]byte, 0, itemsStart+lines+len(data)-itemsEnd)
	head = append(head, data[:itemsStart]...)
	head = append(head, bytes.Repeat([]byte("\n"), lines)...)
	head = append(head, data[itemsEnd:]...)
	return head, items, true
}
