package target

import (
	"context"
	"fmt"

	"golang.org/x/time/rate"
)

// limited spaces requests to a target that cannot take a burst.
type limited struct {
	next    Target
	limiter *rate.Limiter
}

// WithRateLimit lets at most rps requests a second through to t (burst 1,
// so they are evenly spaced); rps <= 0 means no limit. Waiting for a slot
// ends early with an error when ctx does.
func WithRateLimit(t Target, rps float64) Target {
	if rps <= 0 {
		return t
	}
	return &limited{next: t, limiter: rate.NewLimiter(rate.Limit(rps), 1)}
}

func (l *limited) Reply(ctx context.Context, req Request) (Response, error) {
	if err := l.wait(ctx); err != nil {
		return Response{}, err
	}
	return l.next.Reply(ctx, req)
}

func (l *limited) wait(ctx context.Context) error {
	if err := l.limiter.Wait(ctx); err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("target: waiting for the rate limit: %w", cerr)
		}
		// rate refuses up front a wait that would outlast ctx's deadline.
		return fmt.Errorf("target: waiting for the rate limit would pass the deadline: %w", context.DeadlineExceeded)
	}
	return nil
}

func (l *limited) CloseIdleConnections() { closeIdleOf(l.next) }
