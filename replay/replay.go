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
	"sync/atomic"
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

// Source yields the cases to replay, in order. The engine calls it once
// per attempt round (Repeat times, attempt-major: with Repeat 3 the source
// is walked 3 times), from one goroutine, on which it calls yield before it
// returns. yield hands over one case: it queues it for the workers,
// blocking while two cases per worker are already queued (or skips it
// when Done says that attempt is finished), and returns
// false when the run is stopping, after which the source returns promptly
// without yielding again. A source returns nil when it has yielded every
// case or yield returned false, and an error when it cannot yield (a case
// file that changed or vanished since it was validated).
//
// The engine keeps a case only while its attempt is queued or in flight,
// so a source that reads its cases as it goes (suite.Walk) replays any
// number of them in the memory of a few.
type Source func(yield func(*suite.Case) bool) error

// job is one attempt to replay.
type job struct {
	c       *suite.Case
	attempt int
}

// Run replays every case Repeat times and calls sink for each finished
// attempt. On cancellation it stops starting attempts, abandons the ones in
// flight (they are not recorded, so a resumed run redoes them) and returns
// ctx's error; everything already passed to sink stays valid.
func (e *Engine) Run(ctx context.Context, cases []*suite.Case, sink Sink) error {
	return e.RunSource(ctx, func(yield func(*suite.Case) bool) error {
		for _, c := range cases {
			if !yield(c) {
				return nil
			}
		}
		return nil
	}, sink)
}

// RunSource is Run over the cases src yields, walking src once per attempt
// round. An error from src stops the run as a sink error does: no attempt
// starts after it, the ones in flight are abandoned, nothing more is passed
// to sink, and RunSource returns src's error. Cancelling ctx still returns
// ctx's cause. RunSource returns once src has returned: a source that
// blocks outside yield holds the run up.
func (e *Engine) RunSource(ctx context.Context, src Source, sink Sink) error {
	workers := e.Concurrency
	if workers <= 0 {
		workers = DefaultConcurrency
	}
	repeat := e.Repeat
	if repeat <= 0 {
		repeat = 1
	}
	// A source's error is the run's cause, so attempts cancelled by it and
	// RunSource's result both name it.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var srcFailed atomic.Bool

	// The source runs ahead of the workers by a few cases per worker, so a
	// source that reads its cases a file at a time (suite.Walk) parses the
	// next file while the cases it has queued keep the workers busy,
	// instead of every worker waiting for the parse.
	jobs := make(chan job, 2*workers)
	out := make(chan *results.Record)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() { e.work(ctx, jobs, out) })
	}
	// The feeder is waited for too: workers quit as soon as the run stops,
	// and src must have returned before RunSource does.
	wg.Go(func() {
		defer close(jobs)
		// Attempts go out attempt-major, so with --repeat every case gets a
		// first attempt before any gets a second.
		for a := 1; a <= repeat; a++ {
			if !e.feed(ctx, src, a, jobs, func(err error) { srcFailed.Store(true); cancel(err) }) {
				return
			}
		}
	})
	go func() {
		wg.Wait()
		close(out)
	}()

	var sinkErr error
	for rec := range out {
		if sinkErr != nil || srcFailed.Load() {
			continue // drain so workers can exit
		}
		if err := sink(rec); err != nil {
			sinkErr = err
			cancel(err)
		}
	}
	if sinkErr != nil {
		return sinkErr
	}
	return context.Cause(ctx)
}

// feed walks src once for attempt number a, handing each case not yet done
// to a worker. It reports whether the run goes on: false once ctx is done
// or src failed (it then calls fail with src's error).
func (e *Engine) feed(ctx context.Context, src Source, a int, jobs chan<- job, fail func(error)) bool {
	stopped := false
	err := src(func(c *suite.Case) bool {
		if stopped || ctx.Err() != nil {
			stopped = true
			return false
		}
		if e.Done != nil && e.Done(results.Key{CaseID: c.ID, Attempt: a}) {
			return true
		}
		select {
		case jobs <- job{c, a}:
			return true
		case <-ctx.Done():
			stopped = true
			return false
		}
	})
	if stopped || ctx.Err() != nil {
		// The run was already stopping: what src says after that (its
		// reading cut short, say) is not the run's cause.
		return false
	}
	if err != nil {
		fail(err)
		return false
	}
	return true
}

// work replays the jobs it takes until they run out or the run stops.
func (e *Engine) work(ctx context.Context, jobs <-chan job, out chan<- *results.Record) {
	for {
		rec, ok := e.take(ctx, jobs)
		if !ok || ctx.Err() != nil {
			return
		}
		select {
		case out <- rec:
		case <-ctx.Done():
			return
		}
	}
}

// take replays the next job, if there is one. The job lives in this frame
// only, so a worker waiting to hand over a record or for its next job holds
// no case.
func (e *Engine) take(ctx context.Context, jobs <-chan job) (*results.Record, bool) {
	j, ok := <-jobs
	if !ok || ctx.Err() != nil {
		return nil, false // a queued job of a stopped run is left for a resume
	}
	return e.attempt(ctx, j.c, j.attempt), true
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
