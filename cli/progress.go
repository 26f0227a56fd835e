package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
)

// progress prints a line per finished attempt above a bar on a terminal,
// and nothing when output goes to a log (the summary says it all there).
type progress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newProgress(ios *IOStreams, total int) *progress {
	if !ios.IsTTY || total <= 0 {
		return &progress{}
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(ios.ErrOut),
		progressbar.OptionSetDescription("replaying"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
	)
	return &progress{w: ios.ErrOut, bar: bar}
}

func (p *progress) finished(r *results.Record) {
	if p.bar == nil {
		return
	}
	_ = p.bar.Clear()
	fmt.Fprintln(p.w, attemptLine(r))
	_ = p.bar.Add(1)
}

func (p *progress) close() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// attemptLine is one finished attempt, for people watching a terminal.
func attemptLine(r *results.Record) string {
	st := score.AttemptStatus(r)
	id := r.CaseID
	if r.Attempt > 1 {
		id = fmt.Sprintf("%s #%d", id, r.Attempt)
	}
	line := fmt.Sprintf("%-5s %s", strings.ToUpper(string(st)), id)
	switch st {
	case judges.Fail:
		for _, v := range r.Verdicts {
			if v.Status == judges.Fail {
				return line + fmt.Sprintf("  [%s] %s", v.Dimension, v.Rationale)
			}
		}
	case judges.Error:
		if r.Transcript != nil {
			return line + "  " + r.Transcript.Error
		}
	}
	return line
}
