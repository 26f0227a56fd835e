package replay_test

import (
	"context"
	"errors"
	"fmt"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// scripted is a Customer that says its lines, then ends, or fails.
type scripted struct {
	lines []string
	err   error
}

func (s scripted) Next(_ context.Context, _ *suite.Case, history []target.Message) (string, bool, error) {
	said := 0
	for _, m := range history {
		if m.Role == "user" {
			said++
		}
	}
	said-- // the scripted opening turn
	if s.err != nil && said >= len(s.lines) {
		return "", false, s.err
	}
	if said >= len(s.lines) {
		return "", true, nil
	}
	return s.lines[said], false, nil
}

var _ = Describe("simulated customers", func() {
	simCase := func(maxTurns int) *suite.Case {
		return &suite.Case{ID: "sim", Turns: []suite.Turn{{User: "Hello, I have a problem with invoice 4411."}},
			Simulate: &suite.Simulation{Persona: "anxious retiree", Goal: "get the fee waived", MaxTurns: maxTurns}}
	}

	It("plays the customer's turns after the scripted ones until the customer ends", func() {
		t := replay.PlayWith(context.Background(), echo, scripted{lines: []string{"It is the late fee.", "Thanks, that's all."}}, simCase(8), 1)
		Expect(t.Failed()).To(BeFalse())
		Expect(t.Turns).To(HaveLen(3))
		Expect(t.Turns[0].Simulated).To(BeFalse())
		Expect(t.Turns[1].Simulated).To(BeTrue())
		Expect(t.Turns[1].User).To(Equal("It is the late fee."))
		Expect(t.Turns[2].Reply).To(ContainSubstring("with 4 earlier messages"))
	})

	It("stops at the turn limit", func() {
		many := make([]string, 20)
		for i := range many {
			many[i] = fmt.Sprintf("line %d", i)
		}
		t := replay.PlayWith(context.Background(), echo, scripted{lines: many}, simCase(3), 1)
		Expect(t.Turns).To(HaveLen(1 + 3))
	})

	It("stops when the bot hands off", func() {
		handsOff := target.Func(func(_ context.Context, r target.Request) (target.Response, error) {
			if r.Turn == 2 {
				return target.Response{Reply: "Connecting you.", Handoff: target.Bool(true), HandoffSignal: "transfer_to_human"}, nil
			}
			return target.Response{Reply: "ok"}, nil
		})
		t := replay.PlayWith(context.Background(), handsOff, scripted{lines: []string{"a", "b", "c"}}, simCase(8), 1)
		Expect(t.Turns).To(HaveLen(2))
		Expect(t.HandoffTurn()).To(Equal(2))
	})

	It("marks a simulator that broke its brief as error: simulator, not the bot's fault", func() {
		t := replay.PlayWith(context.Background(), echo, scripted{err: errors.New(`invented fact "invoice 9999"`)}, simCase(8), 1)
		Expect(t.Failed()).To(BeTrue())
		Expect(t.Error).To(Equal(`simulator: invented fact "invoice 9999"`))
	})

	It("says a simulator is needed when none is configured", func() {
		t := replay.Play(context.Background(), echo, simCase(8), 1)
		Expect(t.Error).To(ContainSubstring("simulator: this case needs a simulated customer"))
		Expect(t.Turns).To(HaveLen(1), "the scripted turns still ran")
	})
})
