package target_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// failing fails the first n calls with err, then replies "ok".
func failing(n int32, err error) (target.Target, *atomic.Int32) {
	var calls atomic.Int32
	return target.Func(func(ctx context.Context, req target.Request) (target.Response, error) {
		if calls.Add(1) <= n {
			return target.Response{}, err
		}
		return target.Response{Reply: "ok"}, nil
	}), &calls
}

func quick() target.RetryOptions {
	return target.RetryOptions{InitialInterval: time.Millisecond, MaxInterval: 2 * time.Millisecond}
}

var _ = Describe("WithRetry", func() {
	DescribeTable("retries passing HTTP failures",
		func(code int) {
			inner, calls := failing(1, &target.StatusError{Code: code})
			resp, err := target.WithRetry(inner, quick()).Reply(context.Background(), turn("hi"))
			Expect(err).NotTo(HaveOccurred())
			Expect(resp.Tries).To(Equal(2))
			Expect(calls.Load()).To(BeEquivalentTo(2))
		},
		Entry("408", 408), Entry("429 without Retry-After", 429), Entry("500", 500),
		Entry("502", 502), Entry("503", 503), Entry("504", 504),
	)

	DescribeTable("does not retry other client errors",
		func(code int) {
			inner, calls := failing(1, &target.StatusError{Code: code})
			_, err := target.WithRetry(inner, quick()).Reply(context.Background(), turn("hi"))
			var re *target.RetryError
			Expect(errors.As(err, &re)).To(BeTrue())
			Expect(re.Tries).To(Equal(1))
			Expect(err).To(MatchError(ContainSubstring("stopped (not retryable) after 1 try")))
			Expect(calls.Load()).To(BeEquivalentTo(1))
		},
		Entry("400", 400), Entry("401", 401), Entry("403", 403), Entry("404", 404), Entry("422", 422),
	)

	It("does not retry errors it cannot classify, such as a bad template", func() {
		inner, calls := failing(1, errors.New("rendering target.body: boom"))
		_, err := target.WithRetry(inner, quick()).Reply(context.Background(), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("boom")))
		Expect(calls.Load()).To(BeEquivalentTo(1))
	})

	It("makes Retries+1 tries at most and 1 when Retries is 0", func() {
		inner, calls := failing(100, &target.StatusError{Code: 502})
		opts := quick()
		opts.Retries = new(5)
		_, err := target.WithRetry(inner, opts).Reply(context.Background(), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("gave up after 6 tries; last try: HTTP 502 Bad Gateway")))
		Expect(calls.Load()).To(BeEquivalentTo(6))

		inner, calls = failing(100, &target.StatusError{Code: 502})
		opts.Retries = new(0)
		_, err = target.WithRetry(inner, opts).Reply(context.Background(), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("after 1 try")))
		Expect(calls.Load()).To(BeEquivalentTo(1))
	})

	It("fails at once when Retry-After asks for more than MaxRetryAfter", func() {
		inner, calls := failing(1, &target.StatusError{Code: 429, RetryAfter: time.Hour})
		opts := quick()
		opts.MaxRetryAfter = time.Second
		start := time.Now()
		_, err := target.WithRetry(inner, opts).Reply(context.Background(), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("asked to wait 1h0m0s, more than the 1s limit")))
		Expect(calls.Load()).To(BeEquivalentTo(1))
		Expect(time.Since(start)).To(BeNumerically("<", time.Second))
	})

	It("ignores Retry-After on a 500, using its own backoff", func() {
		inner, _ := failing(1, &target.StatusError{Code: 500, RetryAfter: time.Hour})
		resp, err := target.WithRetry(inner, quick()).Reply(context.Background(), turn("hi"))
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Tries).To(Equal(2))
	})

	It("gives each try its own timeout", func() {
		var left []time.Duration
		inner := target.Func(func(ctx context.Context, req target.Request) (target.Response, error) {
			dl, ok := ctx.Deadline()
			Expect(ok).To(BeTrue())
			left = append(left, time.Until(dl))
			<-ctx.Done()
			return target.Response{}, ctx.Err()
		})
		opts := quick()
		opts.Timeout, opts.Retries = 50*time.Millisecond, new(2)
		_, err := target.WithRetry(inner, opts).Reply(context.Background(), turn("hi"))
		Expect(err).To(MatchError(ContainSubstring("gave up after 3 tries; last try: no reply within 50ms")))
		Expect(errors.Is(err, context.DeadlineExceeded)).To(BeTrue())
		Expect(left).To(HaveLen(3))
		for _, l := range left {
			Expect(l).To(BeNumerically("~", 50*time.Millisecond, 25*time.Millisecond))
		}
	})

	It("stops waiting between tries as soon as the context is cancelled", func() {
		inner, calls := failing(100, &target.StatusError{Code: 500})
		opts := target.RetryOptions{InitialInterval: 10 * time.Second}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, err := target.WithRetry(inner, opts).Reply(ctx, turn("hi"))
		Expect(errors.Is(err, context.Canceled)).To(BeTrue(), "%v", err)
		Expect(err).To(MatchError(ContainSubstring("cancelled after 1 try")))
		Expect(time.Since(start)).To(BeNumerically("<", time.Second))
		Expect(calls.Load()).To(BeEquivalentTo(1))
	})

	It("abandons a request in flight when the context is cancelled", func() {
		b := newBot(stall)
		t := build(suite.TargetConfig{URL: b.URL + "/v1"}, env())
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, err := t.Reply(ctx, turn("hi"))
		Expect(errors.Is(err, context.Canceled)).To(BeTrue(), "%v", err)
		Expect(time.Since(start)).To(BeNumerically("<", time.Second))
		Expect(b.requests()).To(HaveLen(1), "not retried")
	})

	It("does not count waiting for the rate limit against the try's timeout", func() {
		inner := target.Func(func(ctx context.Context, req target.Request) (target.Response, error) {
			dl, _ := ctx.Deadline()
			if time.Until(dl) < 100*time.Millisecond {
				return target.Response{}, errors.New("the rate-limit wait ate the timeout")
			}
			return target.Response{Reply: "ok"}, nil
		})
		opts := quick()
		opts.Timeout = 150 * time.Millisecond
		t := target.WithRetry(target.WithRateLimit(inner, 5), opts) // a slot every 200ms
		for range 3 {
			resp, err := t.Reply(context.Background(), turn("hi"))
			Expect(err).NotTo(HaveOccurred())
			Expect(resp.Tries).To(Equal(1))
		}
	})
})

var _ = Describe("ParseRetryAfter", func() {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	DescribeTable("reads seconds and HTTP dates",
		func(h string, want time.Duration) {
			Expect(target.ParseRetryAfter(h, now)).To(Equal(want))
		},
		Entry("seconds", "3", 3*time.Second),
		Entry("padded seconds", " 10 ", 10*time.Second),
		Entry("an HTTP date", now.Add(90*time.Second).Format(http.TimeFormat), 90*time.Second),
		Entry("a past date", now.Add(-time.Minute).Format(http.TimeFormat), time.Duration(0)),
		Entry("empty", "", time.Duration(0)),
		Entry("zero", "0", time.Duration(0)),
		Entry("negative", "-5", time.Duration(0)),
		Entry("garbage", "soon", time.Duration(0)),
	)
})
