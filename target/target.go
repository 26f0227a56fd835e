// Package target reaches the bot under test. Each connector turns one
// customer turn (with the conversation so far) into one reply.
package target

import (
	"context"
	"encoding/json"
)

// Message is one line of the conversation so far, in chat form.
type Message struct {
	Role    string `json:"role"` // "user" or "assistant"
	Content string `json:"content"`
}

// Request is one customer turn to send to the bot.
type Request struct {
	CaseID  string `json:"case_id"`
	Attempt int    `json:"attempt"`
	// SessionID is the bot's session id from an earlier turn, or a fresh
	// id tribunal made for this attempt.
	SessionID string `json:"session_id"`
	// Turn is 1-based.
	Turn int `json:"turn"`
	// Message is what the customer says now.
	Message string `json:"message"`
	// History is the conversation before Message.
	History  []Message      `json:"history"`
	Context  map[string]any `json:"context,omitempty"`
	Language string         `json:"language,omitempty"`
}

// Response is the bot's answer to one turn.
type Response struct {
	Reply string `json:"reply"`
	// Handoff is the target's structured handoff signal: nil when the target
	// has none, otherwise whether this reply hands off to a human.
	Handoff *bool `json:"handoff,omitempty"`
	// HandoffSignal names what carried the signal (a tool name, a path).
	HandoffSignal string `json:"handoff_signal,omitempty"`
	// SessionID is the bot's session id, when it gives one.
	SessionID string          `json:"session_id,omitempty"`
	Raw       json.RawMessage `json:"raw,omitempty"`
	// Tries is how many requests this turn took, set by WithRetry (1 when
	// the first request succeeded). Failed turns report it in *RetryError.
	Tries int `json:"tries,omitempty"`
}

// Target is a connector to a bot.
type Target interface {
	Reply(ctx context.Context, req Request) (Response, error)
}

// Func adapts a function to a Target.
type Func func(ctx context.Context, req Request) (Response, error)

// Reply calls f.
func (f Func) Reply(ctx context.Context, req Request) (Response, error) { return f(ctx, req) }

// Bool returns a pointer to b, for Response.Handoff.
func Bool(b bool) *bool { return &b }
