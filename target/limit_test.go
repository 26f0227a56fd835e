package target_test

import (
	"context"
	"errors"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/target"
)

// stamper records when each request got through.
func stamper() (target.Target, func() []time.Time) {
	var mu sync.Mutex
	var at []time.Time
	t := target.Func(func(ctx context.Context, req target.Request) (target.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		at = append(at, time.Now())
		return target.Response{Reply: "ok"}, nil
	})
	return t, func() []time.Time { mu.Lock(); defer mu.Unlock(); return append([]time.Time(nil), at...) }
}

var _ = Describe("WithRateLimit", func() {
	It("spaces requests evenly, even from concurrent callers", func() {
		inner, stamps := stamper()
		t := target.WithRateLimit(inner, 20) // one every 50ms
		var wg sync.WaitGroup
		for range 5 {
			wg.Go(func() {
				defer GinkgoRecover()
				_, err := t.Reply(context.Background(), turn("hi"))
				Expect(err).NotTo(HaveOccurred())
			})
		}
		wg.Wait()
		at := stamps()
		Expect(at).To(HaveLen(5))
		first, last := at[0], at[0]
		for _, a := range at {
			first, last = minTime(first, a), maxTime(last, a)
		}
		Expect(last.Sub(first)).To(BeNumerically(">=", 180*time.Millisecond), "4 gaps of ~50ms")
		Expect(last.Sub(first)).To(BeNumerically("<", 2*time.Second))
	})

	It("does not limit at 0", func() {
		inner, stamps := stamper()
		t := target.WithRateLimit(inner, 0)
		start := time.Now()
		for range 50 {
			_, err := t.Reply(context.Background(), turn("hi"))
			Expect(err).NotTo(HaveOccurred())
		}
		Expect(stamps()).To(HaveLen(50))
		Expect(time.Since(start)).To(BeNumerically("<", time.Second))
	})

	It("stops waiting when the context is cancelled or its deadline is too near", func() {
		inner, stamps := stamper()
		t := target.WithRateLimit(inner, 0.5) // one every 2s
		_, err := t.Reply(context.Background(), turn("first goes straight through"))
		Expect(err).NotTo(HaveOccurred())

		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(30*time.Millisecond, cancel)
		start := time.Now()
		_, err = t.Reply(ctx, turn("second waits"))
		Expect(errors.Is(err, context.Canceled)).To(BeTrue(), "%v", err)
		Expect(time.Since(start)).To(BeNumerically("<", time.Second))

		ctx, cancel = context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		_, err = t.Reply(ctx, turn("third cannot make it"))
		Expect(errors.Is(err, context.DeadlineExceeded)).To(BeTrue(), "%v", err)
		Expect(stamps()).To(HaveLen(1))
	})
})

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
