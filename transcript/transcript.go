// Package transcript holds what happened when one case was replayed once
// against a target: the turns, the bot's replies, and how the bot signalled a
// handoff. It is the record every judge reads and every report shows.
package transcript

import (
	"encoding/json"
	"time"
)

// HandoffSource says how a handoff was seen.
type HandoffSource string

const (
	// Structured: the target said so in machine form (a tool call such as
	// transfer_to_human, or a JSON field picked by path).
	Structured HandoffSource = "structured"
	// Textual: the reply's words announced it ("I'm transferring you").
	Textual HandoffSource = "text"
)

// Handoff is the escalation signal observed on one turn.
type Handoff struct {
	// Detected is true when the bot handed off on this turn, by either source.
	Detected bool `json:"detected"`
	// Source is how it was detected; empty when not detected.
	Source HandoffSource `json:"source,omitempty"`
	// Signal is the tool name, JSON path value or the quoted words.
	Signal string `json:"signal,omitempty"`
	// Reported is the target's structured answer when it gives one (true or
	// false), nil when the target has no structured signal. A textual handoff
	// contradicted by Reported=false is a faked handoff.
	Reported *bool `json:"reported,omitempty"`
}

// Faked reports whether the reply announced a handoff in words that the
// target's own structured signal says did not happen: the customer waits
// for an agent who is not coming.
func (h Handoff) Faked() bool {
	return h.Detected && h.Source == Textual && h.Reported != nil && !*h.Reported
}

// Genuine reports whether the bot handed off: detected, and not faked.
func (h Handoff) Genuine() bool { return h.Detected && !h.Faked() }

// Turn is one customer message and the bot's answer to it.
type Turn struct {
	// Index is 1-based, as people count turns in reports.
	Index   int     `json:"index"`
	User    string  `json:"user"`
	Reply   string  `json:"reply"`
	Handoff Handoff `json:"handoff"`
	// LatencyMS is the wall time of the successful request, retries included.
	LatencyMS float64 `json:"latency_ms"`
	// Attempts counts requests made for this turn (1 without retries).
	Attempts int `json:"attempts,omitempty"`
	// Raw is the target's response body, kept for debugging extraction.
	Raw json.RawMessage `json:"raw,omitempty"`
	// Error is set when the turn could not be completed.
	Error string `json:"error,omitempty"`
	// Simulated is true when a model played the customer on this turn.
	Simulated bool `json:"simulated,omitempty"`
}

// Transcript is one attempt at one case.
type Transcript struct {
	CaseID    string    `json:"case_id"`
	Attempt   int       `json:"attempt"`
	Target    string    `json:"target"`
	SessionID string    `json:"session_id,omitempty"`
	Turns     []Turn    `json:"turns"`
	Started   time.Time `json:"started"`
	// DurationMS is the whole attempt's wall time.
	DurationMS float64 `json:"duration_ms"`
	// Error is set when the attempt could not be finished (bot unreachable,
	// retries exhausted, cancelled). Judges do not rule on such a transcript.
	Error string `json:"error,omitempty"`
}

// Failed reports whether the attempt ended in a transport or target error.
func (t *Transcript) Failed() bool { return t.Error != "" }

// Replies returns the bot's replies in order.
func (t *Transcript) Replies() []string {
	out := make([]string, len(t.Turns))
	for i, tu := range t.Turns {
		out[i] = tu.Reply
	}
	return out
}

// HandoffTurn returns the 1-based index of the first turn on which a
// handoff was detected, faked or not, or 0 when none was: the replay ends a
// conversation there.
func (t *Transcript) HandoffTurn() int {
	for _, tu := range t.Turns {
		if tu.Handoff.Detected {
			return tu.Index
		}
	}
	return 0
}

// GenuineHandoffTurn returns the 1-based index of the first turn on which
// the bot handed off (see Handoff.Genuine), or 0 when it never did: what
// judges of escalation go by.
func (t *Transcript) GenuineHandoffTurn() int {
	for _, tu := range t.Turns {
		if tu.Handoff.Genuine() {
			return tu.Index
		}
	}
	return 0
}
