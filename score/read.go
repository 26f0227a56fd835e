package score

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ReadSummary decodes a scorecard.json for comparing (diff, --baseline):
// everything but the verdicts and transcripts, which are most of the file
// and which a comparison does not read. The cases are decoded one at a time,
// so a scorecard of 100,000 cases never sits in memory whole. The result's
// cases have no verdicts: Detail returns them as they are.
func ReadSummary(r io.Reader) (*Scorecard, error) {
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	head := map[string]json.RawMessage{}
	var cases []Case
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		if key != "cases" {
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				return nil, err
			}
			head[key] = v
			continue
		}
		if t, err := dec.Token(); err != nil {
			return nil, err
		} else if t == nil {
			continue // "cases": null
		} else if d, ok := t.(json.Delim); !ok || d != '[' {
			return nil, fmt.Errorf("cases: expected a list, found %v", t)
		}
		for dec.More() {
			var c summaryCase
			if err := dec.Decode(&c); err != nil {
				return nil, fmt.Errorf("cases[%d]: %w", len(cases), err)
			}
			cs := c.Case
			cs.Verdicts = nil
			cs.Attempts = make([]Attempt, len(c.Attempts))
			for i, a := range c.Attempts {
				cs.Attempts[i] = a.Attempt
			}
			cases = append(cases, cs)
		}
		if _, err := dec.Token(); err != nil { // ]
			return nil, err
		}
	}
	if _, err := dec.Token(); err != nil { // }
		return nil, err
	}
	whole, err := json.Marshal(head)
	if err != nil {
		return nil, err
	}
	var sc Scorecard
	if err := json.Unmarshal(whole, &sc); err != nil {
		return nil, err
	}
	sc.Cases = cases
	return &sc, nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("empty file")
		}
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q, found %v", want, t)
	}
	return nil
}

// summaryCase and summaryAttempt decode a case without its verdicts and
// transcripts: their fields shadow the embedded ones and skip the value.
type summaryCase struct {
	Case
	Verdicts skipped          `json:"verdicts"`
	Attempts []summaryAttempt `json:"attempts"`
}

type summaryAttempt struct {
	Attempt
	Verdicts   skipped `json:"verdicts"`
	Transcript skipped `json:"transcript"`
}

// skipped is a JSON value read past without being kept.
type skipped struct{}

func (*skipped) UnmarshalJSON([]byte) error { return nil }
