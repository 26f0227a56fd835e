package replay_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
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

func makeCases(n, turns int) []*suite.Case {
	out := make([]*suite.Case, n)
	for i := range out {
		c := &suite.Case{ID: fmt.Sprintf("case-%03d", i), Expect: suite.Expect{Escalation: suite.EscalationForbidden}}
		for t := 0; t < turns; t++ {
			c.Turns = append(c.Turns, suite.Turn{User: fmt.Sprintf("message %d", t+1)})
		}
		out[i] = c
	}
	return out
}

// echo replies with the turn number and how much history it was sent.
var echo = target.Func(func(_ context.Context, r target.Request) (target.Response, error) {
	return target.Response{Reply: fmt.Sprintf("reply to %q with %d earlier messages", r.Message, len(r.History))}, nil
})

func collect(e *replay.Engine, ctx context.Context, cases []*suite.Case) ([]*results.Record, error) {
	var recs []*results.Record
	err := e.Run(ctx, cases, func(r *results.Record) error { recs = append(recs, r); return nil })
	return recs, err
}

var _ = Describe("Engine", func() {
	// Each spec must leave no goroutine behind: its engine's workers,
	// feeder and collector are gone when Run returns.
	var running goleak.Option
	BeforeEach(func() { running = goleak.IgnoreCurrent() })
	AfterEach(func() { Expect(goleak.Find(running)).To(Succeed()) })

	It("replays every turn in order with the conversation so far, and judges each attempt", func() {
		e := &replay.Engine{Target: echo, TargetName: "echo", Judge: judges.Rules(judges.Options{}), Concurrency: 4}
		recs, err := collect(e, context.Background(), makeCases(20, 3))
		Expect(err).NotTo(HaveOccurred())
		Expect(recs).To(HaveLen(20))
		for _, r := range recs {
			Expect(r.Transcript.Target).To(Equal("echo"))
			Expect(r.Transcript.Turns).To(HaveLen(3))
			for i, tu := range r.Transcript.Turns {
				Expect(tu.Index).To(Equal(i + 1))
				Expect(tu.Reply).To(Equal(fmt.Sprintf("reply to %q with %d earlier messages", fmt.Sprintf("message %d", i+1), 2*i)))
			}
			Expect(r.Verdicts).To(ContainElement(HaveField("Dimension", judges.Escalation)))
		}
	})

	It("never has more attempts in flight than the concurrency", func() {
		var inFlight, peak atomic.Int32
		slow := target.Func(func(ctx context.Context, r target.Request) (target.Response, error) {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(2 * time.Millisecond)
			return target.Response{Reply: "ok"}, nil
		})
		e := &replay.Engine{Target: slow, Concurrency: 5}
		recs, err := collect(e, context.Background(), makeCases(40, 1))
		Expect(err).NotTo(HaveOccurred())
		Expect(recs).To(HaveLen(40))
		Expect(peak.Load()).To(BeNumerically("<=", 5))
		Expect(peak.Load()).To(BeNumerically(">=", 2), "the pool runs attempts in parallel")
	})

	It("runs --repeat attempts of each case, first attempts first", func() {
		var mu sync.Mutex
		var order []int
		tgt := target.Func(func(_ context.Context, r target.Request) (target.Response, error) {
			mu.Lock()
			order = append(order, r.Attempt)
			mu.Unlock()
			return target.Response{Reply: "ok"}, nil
		})
		e := &replay.Engine{Target: tgt, Concurrency: 1, Repeat: 3}
		recs, err := collect(e, context.Background(), makeCases(4, 1))
		Expect(err).NotTo(HaveOccurred())
		Expect(recs).To(HaveLen(12))
		Expect(order).To(Equal([]int{1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3}))
		keys := map[results.Key]bool{}
		for _, r := range recs {
			keys[r.Key()] = true
		}
		Expect(keys).To(HaveLen(12), "no attempt is recorded twice")
	})

	It("skips attempts already done (resume)", func() {
		e := &replay.Engine{Target: echo, Repeat: 2, Done: func(k results.Key) bool { return k.Attempt == 1 || k.CaseID == "case-000" }}
		recs, err := collect(e, context.Background(), makeCases(3, 1))
		Expect(err).NotTo(HaveOccurred())
		Expect(recs).To(HaveLen(2))
		for _, r := range recs {
			Expect(r.Attempt).To(Equal(2))
			Expect(r.CaseID).NotTo(Equal("case-000"))
		}
	})

	It("records a failing turn as an error transcript and stops that attempt there", func() {
		tgt := target.Func(func(_ context.Context, r target.Request) (target.Response, error) {
			if r.Turn == 2 {
				return target.Response{}, errors.New("503 Service Unavailable after 4 tries")
			}
			return target.Response{Reply: "ok"}, nil
		})
		e := &replay.Engine{Target: tgt, Judge: judges.Rules(judges.Options{})}
		recs, err := collect(e, context.Background(), makeCases(1, 3))
		Expect(err).NotTo(HaveOccurred())
		t := recs[0].Transcript
		Expect(t.Failed()).To(BeTrue())
		Expect(t.Error).To(Equal("turn 2: 503 Service Unavailable after 4 tries"))
		Expect(t.Turns).To(HaveLen(2))
		Expect(t.Turns[1].Error).To(ContainSubstring("503"))
		Expect(recs[0].Verdicts).To(BeEmpty(), "an unfinished conversation is not judged")
	})

	It("records the structured handoff signal, or the reply's words when there is none", func() {
		tgt := target.Func(func(_ context.Context, r target.Request) (target.Response, error) {
			switch r.Turn {
			case 1:
				return target.Response{Reply: "Connecting you.", Handoff: target.Bool(true), HandoffSignal: "transfer_to_human"}, nil
			case 2:
				return target.Response{Reply: "I'm transferring you to a human agent now."}, nil
			default:
				return target.Response{Reply: "I'm transferring you to a human agent now.", Handoff: target.Bool(false)}, nil
			}
		})
		recs, err := collect(&replay.Engine{Target: tgt}, context.Background(), makeCases(1, 3))
		Expect(err).NotTo(HaveOccurred())
		turns := recs[0].Transcript.Turns
		Expect(turns[0].Handoff.Detected).To(BeTrue())
		Expect(string(turns[0].Handoff.Source)).To(Equal("structured"))
		Expect(turns[0].Handoff.Signal).To(Equal("transfer_to_human"))
		Expect(string(turns[1].Handoff.Source)).To(Equal("text"))
		Expect(turns[1].Handoff.Signal).To(Equal("I'm transferring you to a human agent now."))
		Expect(turns[2].Handoff.Detected).To(BeTrue(), "the words are recorded even when the target says no")
		Expect(*turns[2].Handoff.Reported).To(BeFalse(), "so a faked handoff can be told apart")
		Expect(recs[0].Transcript.HandoffTurn()).To(Equal(1))
	})

	It("keeps the bot's session id across turns", func() {
		var seen []string
		tgt := target.Func(func(_ context.Context, r target.Request) (target.Response, error) {
			seen = append(seen, r.SessionID)
			return target.Response{Reply: "ok", SessionID: "bot-session-42"}, nil
		})
		recs, err := collect(&replay.Engine{Target: tgt, Concurrency: 1}, context.Background(), makeCases(1, 3))
		Expect(err).NotTo(HaveOccurred())
		Expect(seen[0]).To(HavePrefix("tribunal-"))
		Expect(seen[1:]).To(Equal([]string{"bot-session-42", "bot-session-42"}))
		Expect(recs[0].Transcript.SessionID).To(Equal("bot-session-42"))
	})

	It("stops promptly on cancellation, keeps what finished and records nothing half-done", func() {
		ctx, cancel := context.WithCancel(context.Background())
		var calls atomic.Int32
		tgt := target.Func(func(ctx context.Context, r target.Request) (target.Response, error) {
			if calls.Add(1) > 10 {
				cancel()
				<-ctx.Done()
				return target.Response{}, ctx.Err()
			}
			return target.Response{Reply: "ok"}, nil
		})
		e := &replay.Engine{Target: tgt, Concurrency: 3}
		start := time.Now()
		recs, err := collect(e, ctx, makeCases(200, 1))
		Expect(err).To(MatchError(context.Canceled))
		Expect(time.Since(start)).To(BeNumerically("<", 5*time.Second))
		Expect(len(recs)).To(BeNumerically("<=", 10))
		for _, r := range recs {
			Expect(r.Transcript.Failed()).To(BeFalse(), "cancelled attempts are left for --resume, not recorded as errors")
		}
	})

	It("stops when the sink fails and returns its error", func() {
		e := &replay.Engine{Target: echo, Concurrency: 4}
		n := 0
		err := e.Run(context.Background(), makeCases(50, 1), func(*results.Record) error {
			n++
			if n == 3 {
				return errors.New("disk full")
			}
			return nil
		})
		Expect(err).To(MatchError("disk full"))
		Expect(n).To(BeNumerically("<", 50))
	})

	It("plays one case directly with Play", func() {
		c := &suite.Case{ID: "solo", Turns: []suite.Turn{{User: "hello"}}, Context: map[string]any{"booking_ref": "ABC123"}, Language: "fr"}
		var got target.Request
		tgt := target.Func(func(_ context.Context, r target.Request) (target.Response, error) {
			got = r
			return target.Response{Reply: strings.ToUpper(r.Message)}, nil
		})
		t := replay.Play(context.Background(), tgt, c, 1)
		Expect(t.Turns[0].Reply).To(Equal("HELLO"))
		Expect(got.Context).To(HaveKeyWithValue("booking_ref", "ABC123"))
		Expect(got.Language).To(Equal("fr"))
		Expect(got.CaseID).To(Equal("solo"))
		Expect(t.DurationMS).To(BeNumerically(">=", 0))
	})

	It("keeps the conversation to itself when a target appends to the history it was sent", func() {
		c := &suite.Case{ID: "aliasing", Turns: []suite.Turn{{User: "one"}, {User: "two"}, {User: "three"}, {User: "four"}}}
		var kept [][]target.Message
		var sent [][]target.Message
		tgt := target.Func(func(_ context.Context, r target.Request) (target.Response, error) {
			sent = append(sent, append([]target.Message(nil), r.History...))
			kept = append(kept, append(r.History, target.Message{Role: "system", Content: "note " + r.Message}))
			return target.Response{Reply: "re " + r.Message}, nil
		})
		t := replay.Play(context.Background(), tgt, c, 1)
		Expect(t.Failed()).To(BeFalse())
		Expect(sent[3]).To(Equal([]target.Message{
			{Role: "user", Content: "one"}, {Role: "assistant", Content: "re one"},
			{Role: "user", Content: "two"}, {Role: "assistant", Content: "re two"},
			{Role: "user", Content: "three"}, {Role: "assistant", Content: "re three"},
		}), "the target's appends did not get into the conversation")
		for i, k := range kept {
			Expect(k[len(k)-1].Content).To(Equal("note "+c.Turns[i].User), "turn %d's slice was not overwritten by later turns", i+1)
		}
	})
})
