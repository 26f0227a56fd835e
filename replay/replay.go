// Package replay plays cases against a target: a bounded pool of workers,
// each replaying one attempt at a time, turn by turn in order, judging the
// transcript and handing the record to a single sink as it finishes.
package replay

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/tribunal-eval/tribunal/handoff"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
	"github.com/tribunal-eval/tribunal/transcript"
)

// DefaultConcurrency suits an HTTP bot: enough to keep a real endpoint busy
// without looking like a load test.
const DefaultConcurrency = 8

// Judge is what the engine needs of the judges.
type Judge interface {
	Judge(ctx context.Context, c *suite.Case, t *transcript.Transcript) []judges.Verdict
}

// Sink receives each finished attempt. It is called from one goroutine at a
// time, in the order attempts finish. An error stops the run.
type Sink func(*results.Record) error

// Customer plays the customer of a simulated case (suite.Simulation).
type Customer interface {
	// Next returns the customer's next message given the conversation so
	// far, or done when the customer ends the conversation (goal met or
	// given up). An error means the simulator failed or broke its brief;
	// the attempt is then an error, not blamed on the bot.
	Next(ctx context.Context, c *suite.Case, history []target.Message) (msg string, done bool, err error)
}

// Engine replays cases.
type Engine struct {
	Target target.Target
	// TargetName is recorded on transcripts (safe for reports).
	TargetName string
	Judge      Judge
	// Concurrency bounds attempts in flight (default DefaultConcurrency).
	Concurrency int
	// Repeat is the number of attempts per case (default 1).
	Repeat int
	// Done reports attempts already finished (a resumed run skips them).
	Done func(results.Key) bool
	// Customer plays simulated customers; nil leaves simulated cases as
	// errors saying no simulator is configured.
	Customer Customer
}

// Job is one attempt to replay.
type job struct {
	c       *suite.Case
	attempt int
}

// Run replays every case Repeat times and calls sink for each finished
// attempt. On cancellation it stops starting attempts, abandons the ones in
// flight (they are not recorded, so a resumed run redoes them) and returns
// ctx's error; everything already passed to sink stays valid.
func (e *Engine) Run(ctx context.Context, cases []*suite.Case, sink Sink) error {
	workers := e.Concurrency
	if workers <= 0 {
		workers = DefaultConcurrency
	}
	repeat := e.Repeat
	if repeat <= 0 {
		repeat = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan job)
	out := make(chan *results.Record)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				rec := e.attempt(ctx, j.c, j.attempt)
				if ctx.Err() != nil {
					return
				}
				select {
				case out <- rec:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		// Attempts go out attempt-major, so with --repeat every case gets a
		// first attempt before any gets a second.
		for a := 1; a <= repeat; a++ {
			for _, c := range cases {
				if e.Done != nil && e.Done(results.Key{CaseID: c.ID, Attempt: a}) {
					continue
				}
				select {
				case jobs <- job{c, a}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	go func() {
		wg.Wait()
		close(out)
	}()

	var sinkErr error
	for rec := range out {
		if sinkErr != nil {
			continue // drain so workers can exit
		}
		if err := sink(rec); err != nil {
			sinkErr = err
			cancel()
		}
	}
	if sinkErr != nil {
		return sinkErr
	}
	return context.Cause(ctx)
}

// attempt replays one case once and judges it.
func (e *Engine) attempt(ctx context.Context, c *suite.Case, attempt int) *results.Record {
	t := PlayWith(ctx, e.Target, e.Customer, c, attempt)
	t.Target = e.TargetName
	rec := &results.Record{CaseID: c.ID, Attempt: attempt, Transcript: t}
	if e.Judge != nil && !t.Failed() && ctx.Err() == nil {
		rec.Verdicts = e.Judge.Judge(ctx, c, t)
	}
	return rec
}

// Play replays one attempt of a case against tgt, turn by turn, and returns
// its transcript. A turn that fails ends the attempt with an error
// transcript: later turns depend on the conversation so far.
func Play(ctx context.Context, tgt target.Target, c *suite.Case, attempt int) *transcript.Transcript {
	return PlayWith(ctx, tgt, nil, c, attempt)
}

// PlayWith is Play with a simulated customer for cases that have one: after
// the scripted turns, cust speaks until it ends the conversation, the bot
// hands off, or the simulation's turn limit.
func PlayWith(ctx context.Context, tgt target.Target, cust Customer, c *suite.Case, attempt int) *transcript.Transcript {
	now := time.Now()
	p := &player{tgt: tgt, c: c, attempt: attempt, start: now,
		t: &transcript.Transcript{CaseID: c.ID, Attempt: attempt, Started: now.UTC(), SessionID: newSessionID()}}
	// Room for the scripted turns up front, so the transcript and the
	// history are not copied as they grow turn by turn.
	p.t.Turns = make([]transcript.Turn, 0, len(c.Turns))
	p.history = make([]target.Message, 0, 2*len(c.Turns))
	defer func() { p.t.DurationMS = ms(time.Since(p.start)) }()
	for _, turn := range c.Turns {
		if !p.say(ctx, turn.User, false) {
			return p.t
		}
	}
	sim := c.Simulate
	if sim == nil {
		return p.t
	}
	if cust == nil {
		p.t.Error = "simulator: this case needs a simulated customer and none is configured (--simulator-model)"
		return p.t
	}
	for range sim.Turns() {
		if p.t.HandoffTurn() != 0 {
			return p.t // the bot handed off: the conversation with it is over
		}
		msg, done, err := cust.Next(ctx, c, p.sofar())
		if err != nil {
			if ctx.Err() != nil {
				p.t.Error = "cancelled"
			} else {
				p.t.Error = "simulator: " + err.Error()
			}
			return p.t
		}
		if done {
			return p.t
		}
		if !p.say(ctx, msg, true) {
			return p.t
		}
	}
	return p.t
}

// player holds one attempt's conversation as it is played.
type player struct {
	tgt     target.Target
	c       *suite.Case
	attempt int
	start   time.Time
	t       *transcript.Transcript
	history []target.Message
}

// sofar is the conversation so far, clipped to its length: p.history has
// room to grow, and whatever a target or a customer appends to what it is
// given must not land there.
func (p *player) sofar() []target.Message {
	return p.history[:len(p.history):len(p.history)]
}

// say sends one customer message and records the turn; false ends the
// attempt (the turn failed).
func (p *player) say(ctx context.Context, msg string, simulated bool) bool {
	i := len(p.t.Turns)
	req := target.Request{
		CaseID: p.c.ID, Attempt: p.attempt, SessionID: p.t.SessionID, Turn: i + 1,
		Message: msg, History: p.sofar(), Context: p.c.Context, Language: p.c.Language,
	}
	began := time.Now()
	resp, err := p.tgt.Reply(ctx, req)
	tu := transcript.Turn{Index: i + 1, User: msg, LatencyMS: ms(time.Since(began)), Attempts: resp.Tries, Simulated: simulated}
	if err != nil {
		var re *target.RetryError
		if errors.As(err, &re) {
			tu.Attempts = re.Tries
		}
		tu.Error = err.Error()
		p.t.Turns = append(p.t.Turns, tu)
		p.t.Error = fmt.Sprintf("turn %d: %s", i+1, errorText(err))
		return false
	}
	tu.Reply, tu.Raw = resp.Reply, resp.Raw
	tu.Handoff = detectHandoff(resp)
	if resp.SessionID != "" {
		p.t.SessionID = resp.SessionID
	}
	p.t.Turns = append(p.t.Turns, tu)
	p.history = append(p.history,
		target.Message{Role: "user", Content: msg},
		target.Message{Role: "assistant", Content: resp.Reply})
	return true
}

// detectHandoff prefers the target's structured signal and falls back to
// the reply's words, recording which one decided.
func detectHandoff(resp target.Response) transcript.Handoff {
	h := transcript.Handoff{Reported: resp.Handoff}
	if resp.Handoff != nil && *resp.Handoff {
		h.Detected, h.Source, h.Signal = true, transcript.Structured, resp.HandoffSignal
		if h.Signal == "" {
			h.Signal = "structured handoff"
		}
		return h
	}
	if words, ok := handoff.Announced(resp.Reply); ok {
		h.Detected, h.Source, h.Signal = true, transcript.Textual, words
	}
	return h
}

func errorText(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out: " + err.Error()
	}
	return err.Error()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func newSessionID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return "tribunal-" + hex.EncodeToString(b[:])
}
