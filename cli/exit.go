package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// Exit codes. Scripts and CI depend on them: they are never renumbered.
const (
	// ExitOK: every gate held.
	ExitOK = 0
	// ExitGateFailed: a gate failed (the bot is not fit to release).
	ExitGateFailed = score.ExitGateFailed
	// ExitUsage: bad usage or bad suite files; tribunal could not run.
	ExitUsage = 2
	// ExitUnreachable: the target or a judge endpoint could not be reached or
	// errored beyond tolerance, so the run cannot say whether the bot is good.
	ExitUnreachable = score.ExitUnreachable
	// ExitInterrupted: stopped by Ctrl-C or SIGTERM; the report covers what
	// finished.
	ExitInterrupted = 130
)

// UsageError is a mistake in how tribunal was called.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usageErrorf(format string, args ...any) error {
	return &UsageError{fmt.Errorf(format, args...)}
}

// GateError carries a scorecard's gate decision out of a command.
type GateError struct{ Gate score.Gate }

func (e *GateError) Error() string {
	failed := e.Gate.Failed()
	if len(failed) == 0 {
		return "gate failed"
	}
	return "gate failed: " + failed[0].Name + " (" + failed[0].Detail + ")"
}

// errInterrupted marks a run stopped by a signal.
var errInterrupted = errors.New("interrupted")

// ExitCode is the one place errors become exit codes.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ge *GateError
	var se suite.Errors
	var ue *UsageError
	switch {
	case errors.As(err, &ge):
		return ge.Gate.ExitCode
	case errors.Is(err, errInterrupted), errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &se), errors.As(err, &ue):
		return ExitUsage
	default:
		return ExitUsage
	}
}
