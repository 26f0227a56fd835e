package target

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v5"
)

// Retry defaults, used where RetryOptions leaves a field zero.
const (
	DefaultTimeout         = 30 * time.Second
	DefaultRetries         = 3
	DefaultInitialInterval = 500 * time.Millisecond
	DefaultMaxInterval     = 10 * time.Second
	DefaultMaxRetryAfter   = time.Minute
	DefaultMaxThrottled    = 20
)

// RetryOptions tune WithRetry. Zero fields take the defaults above.
type RetryOptions struct {
	// Timeout bounds each try, not the whole turn.
	Timeout time.Duration
	// Retries is how many times a failed try may be repeated (nil: 3,
	// 0: never), so a turn makes at most Retries+1 requests.
	Retries *int
	// InitialInterval and MaxInterval shape the jittered exponential
	// backoff between tries.
	InitialInterval time.Duration
	MaxInterval     time.Duration
	// MaxRetryAfter caps how long a Retry-After may make a turn wait; a
	// target asking for longer fails the turn instead of stalling the run.
	MaxRetryAfter time.Duration
	// MaxThrottled is how many 429 answers a turn waits through before it
	// fails (default 20). They do not spend Retries: a throttled bot is
	// slowing tribunal down, not failing. Retries 0 turns waiting off too.
	MaxThrottled int
}

func (o RetryOptions) withDefaults() RetryOptions {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Retries == nil {
		o.Retries = new(DefaultRetries)
	} else if *o.Retries < 0 {
		o.Retries = new(0)
	}
	if o.InitialInterval <= 0 {
		o.InitialInterval = DefaultInitialInterval
	}
	if o.MaxInterval <= 0 {
		o.MaxInterval = DefaultMaxInterval
	}
	if o.MaxInterval < o.InitialInterval {
		o.MaxInterval = o.InitialInterval
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if o.MaxThrottled <= 0 {
		o.MaxThrottled = DefaultMaxThrottled
	}
	if *o.Retries == 0 {
		o.MaxThrottled = 0
	}
	return o
}

type retrying struct {
	next  Target
	opts  RetryOptions
	pause pause
}

// pause holds every caller of one target back after a 429, so the whole
// pool slows down instead of each worker spending its tries on the same
// throttled bot.
type pause struct {
	mu    sync.Mutex
	until time.Time
}

func (p *pause) extend(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t := time.Now().Add(d); t.After(p.until) {
		p.until = t
	}
}

func (p *pause) wait(ctx context.Context) error {
	p.mu.Lock()
	d := time.Until(p.until)
	p.mu.Unlock()
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// WithRetry gives each try of t a timeout and repeats tries that failed for
// passing reasons: transport errors, timeouts, HTTP 408, 429 and 5xx, after
// jittered exponential backoff or the target's Retry-After (429/503).
// Other errors (other 3xx and 4xx, refused redirects, unusable bodies,
// untyped errors) end the turn at once. A successful Response carries
// Tries; a failure is a *RetryError.
// When t is a WithRateLimit target, every try waits for its slot before
// the try's timeout starts, so queueing for the limit is never a timeout.
func WithRetry(t Target, opts RetryOptions) Target {
	return &retrying{next: t, opts: opts.withDefaults()}
}

func (r *retrying) Reply(ctx context.Context, req Request) (Response, error) {
	next, gate := r.next, (*limited)(nil)
	if l, ok := next.(*limited); ok {
		next, gate = l.next, l
	}
	tries, failures, throttled := 0, 0, 0
	why := "gave up"
	op := func() (Response, error) {
		if err := r.pause.wait(ctx); err != nil {
			why = "stopped waiting out the target's rate limit"
			return Response{}, backoff.Permanent(err)
		}
		if gate != nil {
			if err := gate.wait(ctx); err != nil {
				why = "stopped waiting for the rate limit"
				return Response{}, backoff.Permanent(err)
			}
		}
		tries++
		tctx, cancel := context.WithTimeout(ctx, r.opts.Timeout)
		resp, err := next.Reply(tctx, req)
		timedOut := errors.Is(tctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil
		cancel()
		switch {
		case err == nil:
			resp.Tries = tries
			return resp, nil
		case ctx.Err() != nil:
			return Response{}, backoff.Permanent(err)
		case timedOut:
			return Response{}, r.failed(&failures, fmt.Errorf("no reply within %s: %w", r.opts.Timeout, context.DeadlineExceeded))
		}
		var se *StatusError
		var te *TransportError
		switch {
		case errors.As(err, &se) && se.Code == http.StatusTooManyRequests && r.opts.MaxThrottled > 0:
			throttled++
			if throttled > r.opts.MaxThrottled {
				why = fmt.Sprintf("stopped (throttled %d times)", throttled)
				return Response{}, backoff.Permanent(err)
			}
			wait := se.RetryAfter
			if wait > r.opts.MaxRetryAfter {
				why = fmt.Sprintf("stopped (the target asked to wait %s, more than the %s limit)", wait, r.opts.MaxRetryAfter)
				return Response{}, backoff.Permanent(err)
			}
			if wait <= 0 {
				// No Retry-After: back off exponentially with the throttling.
				wait = min(r.opts.InitialInterval<<min(throttled-1, 10), r.opts.MaxInterval)
			}
			r.pause.extend(wait)
			return Response{}, &waitError{err: err, wait: &backoff.RetryAfterError{Duration: wait}}
		case errors.As(err, &se) && retryableStatus(se.Code):
			if f := r.failed(&failures, err); f != err {
				return Response{}, f
			}
			if se.RetryAfter > 0 && (se.Code == http.StatusTooManyRequests || se.Code == http.StatusServiceUnavailable) {
				if se.RetryAfter > r.opts.MaxRetryAfter {
					why = fmt.Sprintf("stopped (the target asked to wait %s, more than the %s limit)", se.RetryAfter, r.opts.MaxRetryAfter)
					return Response{}, backoff.Permanent(err)
				}
				return Response{}, &waitError{err: err, wait: &backoff.RetryAfterError{Duration: se.RetryAfter}}
			}
			return Response{}, err
		case errors.As(err, &te):
			return Response{}, r.failed(&failures, err)
		}
		why = "stopped (not retryable)"
		return Response{}, backoff.Permanent(err)
	}
	resp, err := backoff.Retry(ctx, op,
		backoff.WithBackOff(&backoff.ExponentialBackOff{
			InitialInterval:     r.opts.InitialInterval,
			RandomizationFactor: backoff.DefaultRandomizationFactor,
			Multiplier:          2,
			MaxInterval:         r.opts.MaxInterval,
		}),
		backoff.WithMaxTries(uint(*r.opts.Retries+1+r.opts.MaxThrottled)),
		backoff.WithMaxElapsedTime(0), // tries and MaxRetryAfter bound a turn
	)
	if err == nil {
		return resp, nil
	}
	if cerr := ctx.Err(); cerr != nil {
		// Report the caller's cancellation, not whatever the try saw.
		why = "cancelled"
		if errors.Is(cerr, context.DeadlineExceeded) {
			why = "out of time"
		}
		return Response{}, &RetryError{Tries: tries, Err: cerr, why: why}
	}
	// Unwrap our own signalling wrappers; backoff leaves them on when the
	// last allowed try fails.
	var perm *backoff.PermanentError
	if errors.As(err, &perm) {
		err = perm.Err
	}
	var we *waitError
	if errors.As(err, &we) {
		err = we.err
	}
	return Response{}, &RetryError{Tries: tries, Err: err, why: why}
}

// failed counts a retryable failure and makes it permanent once the turn
// has used its Retries; 429s are counted apart (MaxThrottled).
func (r *retrying) failed(failures *int, err error) error {
	*failures++
	if *failures > *r.opts.Retries {
		return backoff.Permanent(err)
	}
	return err
}

func (r *retrying) CloseIdleConnections() { closeIdleOf(r.next) }

func retryableStatus(code int) bool {
	return code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500 && code <= 599
}

// waitError carries a Retry-After to backoff (which looks for
// *backoff.RetryAfterError) while printing as the error that caused it.
type waitError struct {
	err  error
	wait *backoff.RetryAfterError
}

func (e *waitError) Error() string   { return e.err.Error() }
func (e *waitError) Unwrap() []error { return []error{e.err, e.wait} }

// ParseRetryAfter reads a Retry-After header: delay seconds or an HTTP
// date (relative to now). Absent, malformed or past values give 0.
func ParseRetryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	// Seconds, whole as the RFC says or fractional as some servers send.
	if secs, err := strconv.ParseFloat(h, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(min(secs, 24*60*60) * float64(time.Second)) // any cap beats a day
	}
	if at, err := http.ParseTime(h); err == nil && at.After(now) {
		return at.Sub(now)
	}
	return 0
}

// closeIdleOf closes idle keep-alive connections of t, when it has any.
func closeIdleOf(t Target) {
	if c, ok := t.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
