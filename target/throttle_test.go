package target_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/target"
)

var _ = Describe("WithRetry against a throttling target", func() {
	It("waits through 429s without spending Retries", func() {
		inner, calls := failing(6, &target.StatusError{Code: 429})
		opts := quick()
		opts.Retries = new(1)
		resp, err := target.WithRetry(inner, opts).Reply(context.Background(), turn("hi"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Tries).To(Equal(7))
		Expect(calls.Load()).To(BeEquivalentTo(7))
	})

	It("gives up after MaxThrottled 429s, saying so", func() {
		inner, calls := failing(1000, &target.StatusError{Code: 429})
		opts := quick()
		opts.MaxThrottled = 3
		_, err := target.WithRetry(inner, opts).Reply(context.Background(), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("stopped (throttled 4 times) after 4 tries")))
		Expect(calls.Load()).To(BeEquivalentTo(4))
	})

	It("still counts other failures against Retries between 429s", func() {
		var calls atomic.Int32
		inner := target.Func(func(context.Context, target.Request) (target.Response, error) {
			if calls.Add(1)%2 == 1 {
				return target.Response{}, &target.StatusError{Code: 429}
			}
			return target.Response{}, &target.StatusError{Code: 500}
		})
		opts := quick()
		opts.Retries = new(2)
		_, err := target.WithRetry(inner, opts).Reply(context.Background(), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("gave up")))
		Expect(calls.Load()).To(BeEquivalentTo(6), "three 500s (Retries 2 + 1) with a 429 before each")
	})

	It("makes concurrent callers of the same target wait out the pause", func() {
		const wait = 300 * time.Millisecond
		var first atomic.Bool
		var mu sync.Mutex
		var secondSent time.Time
		throttledAt := make(chan time.Time, 1)
		inner := target.Func(func(_ context.Context, req target.Request) (target.Response, error) {
			if req.Message == "a" && first.CompareAndSwap(false, true) {
				throttledAt <- time.Now()
				return target.Response{}, &target.StatusError{Code: 429, RetryAfter: wait}
			}
			if req.Message == "b" {
				mu.Lock()
				secondSent = time.Now()
				mu.Unlock()
			}
			return target.Response{Reply: "ok"}, nil
		})
		t := target.WithRetry(inner, quick())
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer GinkgoRecover()
			_, err := t.Reply(context.Background(), turn("a"))
			Expect(err).NotTo(HaveOccurred())
		}()
		at := <-throttledAt
		// The 429 is on its way back to a's wrapper, which starts the pause
		// when it gets it: give it that moment, far shorter than the pause.
		time.Sleep(50 * time.Millisecond)
		_, err := t.Reply(context.Background(), turn("b"))
		Expect(err).NotTo(HaveOccurred())
		wg.Wait()
		mu.Lock()
		defer mu.Unlock()
		Expect(secondSent.Sub(at)).To(BeNumerically(">=", wait-20*time.Millisecond), "b waited for a's Retry-After")
	})

	It("stops waiting out a pause when the caller is cancelled", func() {
		inner, _ := failing(1, &target.StatusError{Code: 429, RetryAfter: 30 * time.Second})
		t := target.WithRetry(inner, quick())
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := t.Reply(ctx, turn("hi"))
		Expect(errors.Is(err, context.DeadlineExceeded)).To(BeTrue())
		Expect(time.Since(start)).To(BeNumerically("<", 5*time.Second))
	})
})
