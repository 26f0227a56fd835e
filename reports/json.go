package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/transcript"
)

// JSON writes scorecard.json: the Scorecard itself, indented by two spaces,
// with a trailing newline. Field order is the struct's; map keys are
// sorted by encoding/json.
//
// Two things differ from a plain json.Marshal: credentials in target URLs
// are redacted, and a raw target response that is not valid JSON (an HTML
// error page, a truncated body) is kept as a JSON string instead of making
// the whole file fail to encode.
func JSON(w io.Writer, sc *score.Scorecard) error {
	if sc == nil {
		return errNilScorecard
	}
	safe := jsonSafe(sc)
	// The cases are most of the file (tens of megabytes at 10,000 cases):
	// encode the rest once with a placeholder, then stream the cases one by
	// one into its place, so the whole document never sits in memory. The
	// bytes are those json.MarshalIndent would write for the whole value.
	head := *safe
	head.Cases = nil
	b, err := json.MarshalIndent(&head, "", "  ")
	if err != nil {
		return fmt.Errorf("reports: encoding scorecard.json: %w", err)
	}
	const slot = `"cases": null`
	i := bytes.Index(b, []byte(slot))
	if i < 0 {
		return fmt.Errorf("reports: encoding scorecard.json: no cases field")
	}
	if _, err := w.Write(b[:i+len(slot)-len("null")]); err != nil {
		return err
	}
	if safe.Len() == 0 {
		if _, err := io.WriteString(w, "[]"); err != nil {
			return err
		}
	} else {
		if _, err := io.WriteString(w, "[\n"); err != nil {
			return err
		}
		for ci := range safe.Len() {
			c, err := safe.Detail(ci)
			if err != nil {
				return fmt.Errorf("reports: scorecard.json: %w", err)
			}
			cb, err := json.MarshalIndent(safeCase(c), "    ", "  ")
			if err != nil {
				return fmt.Errorf("reports: encoding scorecard.json: case %s: %w", c.ID, err)
			}
			sep := ",\n"
			if ci == safe.Len()-1 {
				sep = "\n"
			}
			if _, err := io.WriteString(w, "    "); err != nil {
				return err
			}
			if _, err := w.Write(cb); err != nil {
				return err
			}
			if _, err := io.WriteString(w, sep); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, "  ]"); err != nil {
			return err
		}
	}
	if _, err := w.Write(b[i+len(slot):]); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// jsonSafe returns sc, or a copy of it where its targets need redacting.
// sc itself is never changed: only the parts that differ are copied. The
// cases' transcripts are made safe one by one (safeCase) as they are
// written.
func jsonSafe(sc *score.Scorecard) *score.Scorecard {
	out := sc
	copied := func() *score.Scorecard {
		if out == sc {
			c := *sc
			out = &c
		}
		return out
	}
	if t := redactTarget(sc.Run.Target); t != sc.Run.Target {
		copied().Run.Target = t
	}
	if b := sc.Baseline; b != nil {
		if t := redactTarget(b.Run.Target); t != b.Run.Target {
			d := *b
			d.Run.Target = t
			copied().Baseline = &d
		}
	}
	return out
}

// safeCase returns c, or a copy whose transcripts have their targets
// redacted and invalid raw bodies quoted.
func safeCase(c *score.Case) *score.Case {
	var attempts []score.Attempt
	for ai := range c.Attempts {
		tr := c.Attempts[ai].Transcript
		if tr == nil {
			continue
		}
		fixed := fixTranscript(tr)
		if fixed == tr {
			continue
		}
		if attempts == nil {
			attempts = append([]score.Attempt(nil), c.Attempts...)
		}
		attempts[ai].Transcript = fixed
	}
	if attempts == nil {
		return c
	}
	d := *c
	d.Attempts = attempts
	return &d
}

// fixTranscript returns t, or a copy with its target redacted and invalid
// raw bodies turned into JSON strings.
func fixTranscript(t *transcript.Transcript) *transcript.Transcript {
	out := t
	copied := func() *transcript.Transcript {
		if out == t {
			c := *t
			c.Turns = append([]transcript.Turn(nil), t.Turns...)
			out = &c
		}
		return out
	}
	if r := redactTarget(t.Target); r != t.Target {
		copied().Target = r
	}
	for i, tu := range t.Turns {
		if len(tu.Raw) > 0 && !json.Valid(tu.Raw) {
			q, _ := json.Marshal(clean(string(tu.Raw)))
			copied().Turns[i].Raw = q
		}
	}
	return out
}
