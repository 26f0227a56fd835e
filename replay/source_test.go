package replay_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"go.uber.org/goleak"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// sliceSource yields cases in order, counting how often it is walked.
func sliceSource(cases []*suite.Case, walks *atomic.Int32) replay.Source {
	return func(yield func(*suite.Case) bool) error {
		walks.Add(1)
		for _, c := range cases {
			if !yield(c) {
				return nil
			}
		}
		return nil
	}
}

// collectSource is collect for RunSource.
func collectSource(e *replay.Engine, ctx context.Context, src replay.Source) ([]*results.Record, error) {
	var recs []*results.Record
	err := e.RunSource(ctx, src, func(r *results.Record) error { recs = append(recs, r); return nil })
	return recs, err
}

// byKey indexes records by attempt, with what differs from one replay to
// the next (timings, session ids) cleared.
func byKey(recs []*results.Record) map[results.Key]*results.Record {
	out := make(map[results.Key]*results.Record, len(recs))
	for _, r := range recs {
		t := *r.Transcript
		t.Started, t.DurationMS, t.SessionID = time.Time{}, 0, ""
		t.Turns = append(t.Turns[:0:0], t.Turns...)
		for i := range t.Turns {
			t.Turns[i].LatencyMS = 0
		}
		out[r.Key()] = &results.Record{CaseID: r.CaseID, Attempt: r.Attempt, Transcript: &t, Verdicts: r.Verdicts}
	}
	return out
}

var _ = Describe("Engine.RunSource", func() {
	// The goroutines running before the spec, taken before it: taken after,
	// they would include any the spec leaked.
	var running goleak.Option
	BeforeEach(func() { running = goleak.IgnoreCurrent() })
	AfterEach(func() { goleak.VerifyNone(GinkgoT(), running) })

	It("records what Run records for the same cases", func() {
		cases := makeCases(20, 2)
		newEngine := func() *replay.Engine {
			return &replay.Engine{Target: echo, TargetName: "echo", Judge: judges.Rules(judges.Options{}), Concurrency: 4, Repeat: 2}
		}
		viaRun, err := collect(newEngine(), context.Background(), cases)
		Expect(err).NotTo(HaveOccurred())
		var walks atomic.Int32
		viaSource, err := collectSource(newEngine(), context.Background(), sliceSource(cases, &walks))
		Expect(err).NotTo(HaveOccurred())
		Expect(viaSource).To(HaveLen(40))
		Expect(byKey(viaSource)).To(Equal(byKey(viaRun)))
		Expect(viaSource[0].Verdicts).NotTo(BeEmpty())
	})

	It("walks the source once per round, first attempts first, skipping attempts already done", func() {
		var mu sync.Mutex
		var order []results.Key
		tgt := target.Func(func(_ context.Context, r target.Request) (target.Response, error) {
			mu.Lock()
			order = append(order, results.Key{CaseID: r.CaseID, Attempt: r.Attempt})
			mu.Unlock()
			return target.Response{Reply: "ok"}, nil
		})
		done := results.Key{CaseID: "case-001", Attempt: 2}
		e := &replay.Engine{Target: tgt, Concurrency: 1, Repeat: 3, Done: func(k results.Key) bool { return k == done }}
		var walks atomic.Int32
		recs, err := collectSource(e, context.Background(), sliceSource(makeCases(3, 1), &walks))
		Expect(err).NotTo(HaveOccurred())
		Expect(walks.Load()).To(BeEquivalentTo(3))
		Expect(recs).To(HaveLen(8))
		Expect(order).To(Equal([]results.Key{
			{CaseID: "case-000", Attempt: 1}, {CaseID: "case-001", Attempt: 1}, {CaseID: "case-002", Attempt: 1},
			{CaseID: "case-000", Attempt: 2}, {CaseID: "case-002", Attempt: 2},
			{CaseID: "case-000", Attempt: 3}, {CaseID: "case-001", Attempt: 3}, {CaseID: "case-002", Attempt: 3},
		}))
	})

	It("stops at a source error, cancels the attempts in flight with it and records nothing after it", func() {
		boom := errors.New("cases/airline.yaml changed since it was validated")
		cases := makeCases(20, 1)
		const k = 5
		threeRecorded := make(chan struct{})
		src := func(yield func(*suite.Case) bool) error {
			for i, c := range cases {
				if i == k {
					// The first three are recorded, the next two queued or
					// in flight.
					<-threeRecorded
					return fmt.Errorf("walking the suite: %w", boom)
				}
				if !yield(c) {
					return nil
				}
			}
			return nil
		}
		var mu sync.Mutex
		var asked []results.Key
		var cancelledWith []error
		tgt := target.Func(func(ctx context.Context, r target.Request) (target.Response, error) {
			mu.Lock()
			asked = append(asked, results.Key{CaseID: r.CaseID, Attempt: r.Attempt})
			mu.Unlock()
			if r.CaseID == "case-003" || r.CaseID == "case-004" {
				select {
				case <-ctx.Done():
				case <-time.After(10 * time.Second):
					return target.Response{}, errors.New("never cancelled")
				}
				mu.Lock()
				cancelledWith = append(cancelledWith, context.Cause(ctx))
				mu.Unlock()
				return target.Response{}, ctx.Err()
			}
			return target.Response{Reply: "ok"}, nil
		})
		e := &replay.Engine{Target: tgt, Concurrency: 3, Repeat: 2}
		var recorded []string
		err := e.RunSource(context.Background(), src, func(r *results.Record) error {
			recorded = append(recorded, r.CaseID)
			if len(recorded) == 3 {
				close(threeRecorded)
			}
			return nil
		})
		Expect(err).To(MatchError(boom))
		Expect(recorded).To(ConsistOf("case-000", "case-001", "case-002"))
		// Cases 3 and 4 were queued when the source failed: each either
		// started and was cancelled, or never started (a resume redoes it).
		Expect(len(asked)).To(BeNumerically(">=", 3))
		Expect(len(asked)).To(BeNumerically("<=", k), "no attempt started after the source failed")
		for _, key := range asked {
			Expect(key.Attempt).To(Equal(1), "no second round")
			Expect(key.CaseID).To(BeElementOf("case-000", "case-001", "case-002", "case-003", "case-004"))
		}
		Expect(cancelledWith).To(HaveLen(len(asked) - 3))
		for _, cause := range cancelledWith {
			Expect(cause).To(MatchError(boom), "the attempts in flight learn why the run stopped")
		}
	})

	It("stops with a source that fails on a later round, recording none of that round", func() {
		var walks atomic.Int32
		gone := errors.New("cases/ vanished")
		cases := makeCases(4, 1)
		src := func(yield func(*suite.Case) bool) error {
			if walks.Add(1) == 2 {
				return gone
			}
			for _, c := range cases {
				if !yield(c) {
					return nil
				}
			}
			return nil
		}
		e := &replay.Engine{Target: echo, Concurrency: 2, Repeat: 3}
		recs, err := collectSource(e, context.Background(), src)
		Expect(err).To(MatchError(gone))
		Expect(walks.Load()).To(BeEquivalentTo(2))
		for _, r := range recs {
			Expect(r.Attempt).To(Equal(1))
		}
	})

	It("returns promptly with ctx's cause when cancelled while the source is mid-yield", func() {
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		interrupted := errors.New("interrupted")
		var calls atomic.Int32
		tgt := target.Func(func(ctx context.Context, r target.Request) (target.Response, error) {
			if calls.Add(1) == 10 {
				cancel(interrupted)
			}
			select {
			case <-ctx.Done():
				return target.Response{}, ctx.Err()
			case <-time.After(time.Millisecond):
				return target.Response{Reply: "ok"}, nil
			}
		})
		var stoppedAt atomic.Int32
		// As good as endless: only a false from yield ends it, and what it
		// returns then is not the run's error.
		src := func(yield func(*suite.Case) bool) error {
			for i := 0; i < 2000; i++ {
				c := &suite.Case{ID: fmt.Sprintf("case-%d", i), Turns: []suite.Turn{{User: "hi"}}}
				if !yield(c) {
					// Closing what it reads takes a moment, which
					// RunSource waits for.
					time.Sleep(20 * time.Millisecond)
					stoppedAt.Store(int32(i))
					return errors.New("walk cut short")
				}
			}
			return errors.New("yield never returned false")
		}
		e := &replay.Engine{Target: tgt, Concurrency: 3}
		start := time.Now()
		recs, err := collectSource(e, ctx, src)
		Expect(time.Since(start)).To(BeNumerically("<", 5*time.Second))
		Expect(err).To(MatchError(interrupted))
		Expect(stoppedAt.Load()).To(BeNumerically(">=", 9), "yield told the source to stop, and the source returned before RunSource did")
		Expect(len(recs)).To(BeNumerically("<", 10))
		for _, r := range recs {
			Expect(r.Transcript.Failed()).To(BeFalse(), "cancelled attempts are not recorded")
		}
	})

	It("keeps a case only while its attempt is in flight", func() {
		const n, half = 200, 100
		var freed atomic.Int32
		src := func(yield func(*suite.Case) bool) error {
			for i := range n {
				c := &suite.Case{ID: fmt.Sprintf("case-%03d", i), Turns: []suite.Turn{{User: "Can I get a refund?"}},
					Expect: suite.Expect{MustNotSay: []suite.Matcher{suite.Text("within 90 days")}}}
				runtime.AddCleanup(c, func(n *atomic.Int32) { n.Add(1) }, &freed)
				if !yield(c) {
					return nil
				}
			}
			return nil
		}
		collected := func() int32 {
			runtime.GC()
			return freed.Load()
		}
		e := &replay.Engine{Target: echo, Judge: judges.Rules(judges.Options{}), Concurrency: 3}
		recorded := 0
		err := e.RunSource(context.Background(), src, func(r *results.Record) error {
			if recorded++; recorded == half {
				// Every case recorded so far has finished its attempt.
				Eventually(collected).WithTimeout(5 * time.Second).Should(BeNumerically(">=", half))
			}
			return nil
		})
		Expect(err).NotTo(HaveOccurred())
		Expect(recorded).To(Equal(n))
		Eventually(collected).WithTimeout(5*time.Second).Should(BeEquivalentTo(n), "the engine keeps no case once the run is over")
	})
})
