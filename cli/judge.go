package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/tribunal-eval/tribunal/reports"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// JudgeCmdOptions are `tribunal judge`'s inputs.
type JudgeCmdOptions struct {
	IO          *IOStreams
	ResultsDir  string
	Dirs        []string
	Out         string
	Concurrency int
	Judging     JudgeOptions
	Report      reports.Options
}

// NewCmdJudge builds `tribunal judge`.
func NewCmdJudge(ios *IOStreams, runF func(context.Context, *JudgeCmdOptions) error) *cobra.Command {
	opts := &JudgeCmdOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "judge RESULTS_DIR [SUITE_DIR...]",
		Short: "Re-judge saved transcripts without calling the bot",
		Long: `Read the transcripts in RESULTS_DIR/results.jsonl, run the judges on them
again (rule judges, and LLM judges when a judge model is set) and write a new
report folder. The bot is not called: a team iterating on a rubric or a judge
model pays only for judging. The suites give each case's expectations and
policy (the bundled library when none is given); the scorecard records which
judges and prompt versions ruled.`,
		Example: `  # re-judge last night's run with an LLM judge
  TRIBUNAL_JUDGE_API_KEY=sk-... tribunal judge tribunal-report --judge-model gpt-4o-mini --out rejudged

  # a local model through Ollama's OpenAI-compatible API
  tribunal judge tribunal-report ./cases --judge-model llama3.1 --judge-base-url http://127.0.0.1:11434/v1`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ResultsDir, opts.Dirs = args[0], args[1:]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return judgeRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Out, "out", "tribunal-judged", "report folder for the new verdicts (not RESULTS_DIR)")
	f.IntVar(&opts.Concurrency, "concurrency", 8, "transcripts judged at once")
	addJudgeFlags(f, &opts.Judging)
	addReportFlags(f, &opts.Report)
	return cmd
}

func judgeRun(ctx context.Context, opts *JudgeCmdOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if sameDir(opts.ResultsDir, opts.Out) {
		return usageErrorf("--out must differ from RESULTS_DIR, so the original transcripts are kept")
	}
	if err := checkReport(opts.Report); err != nil {
		return err
	}
	if opts.Concurrency < 1 {
		return usageErrorf("--concurrency must be at least 1")
	}
	// A first pass over the transcripts finds where each case's records
	// are and learns the run's target and repeat count, holding positions
	// rather than records; the suite is then walked case by case, as run
	// walks it, so neither is held whole.
	inPath := filepath.Join(opts.ResultsDir, results.FileName)
	type attempt struct {
		n   int
		pos results.Pos
	}
	type found struct {
		at    []attempt // in attempt order once the scan is done
		first int       // the record's number in the file, for the message
		known bool
	}
	index := map[string]*found{}
	repeat, target, n := 1, "", 0
	readErr := results.ScanFile(inPath, func(r *results.Record, p results.Pos) error {
		e := index[r.CaseID]
		if e == nil {
			e = &found{first: n}
			index[r.CaseID] = e
		}
		e.at = append(e.at, attempt{r.Attempt, p})
		n++
		repeat = max(repeat, r.Attempt)
		if r.Transcript != nil && target == "" {
			target = r.Transcript.Target
		}
		return nil
	})
	builder := score.NewBuilder(nil, score.RunInfo{})
	walked, err := walkSuites(opts.Dirs, nil, func(c *suite.Case) {
		builder.Declare(c)
		if e := index[c.ID]; e != nil {
			e.known = true
		}
	}, holdMax)
	if err != nil {
		return err
	}
	for _, e := range index {
		slices.SortStableFunc(e.at, func(x, y attempt) int { return cmp.Compare(x.n, y.n) })
	}
	if readErr != nil {
		if errors.Is(readErr, os.ErrNotExist) {
			return usageErrorf("%s has no %s to re-judge", opts.ResultsDir, results.FileName)
		}
		return &UsageError{readErr}
	}
	unknown, firstUnknown := 0, ""
	for id, e := range index {
		if !e.known {
			if unknown == 0 || e.first < index[firstUnknown].first {
				firstUnknown = id
			}
			unknown += len(e.at)
		}
	}
	if unknown > 0 {
		return usageErrorf("%d transcript(s) belong to cases not in the suites (first: %s); name the suite folders the run used", unknown, firstUnknown)
	}
	cfg := walked.suites[0].Config

	judging, err := buildJudging(opts.Judging, cfg, opts.IO.Getenv)
	if err != nil {
		return err
	}
	defer judging.close()

	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return fmt.Errorf("creating report folder: %w", err)
	}
	resultsPath := filepath.Join(opts.Out, results.FileName)
	w, err := results.Create(resultsPath)
	if err != nil {
		return err
	}
	builder.SetRun(score.RunInfo{Tribunal: version(), Suite: suiteNames(walked.suites), Target: target,
		Repeat: repeat, Started: time.Now().UTC(), Judges: judging.info()})

	in, err := os.Open(inPath)
	if err != nil {
		w.Close()
		return err
	}
	defer in.Close()
	// Judge a batch concurrently (LLM judges are slow), then record it in
	// suite order; memory holds one batch of transcripts, whatever the run.
	type job struct {
		c *suite.Case
		r *results.Record
	}
	batch := make([]job, 0, judgeBatch)
	flush := func() error {
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(opts.Concurrency)
		for _, j := range batch {
			g.Go(func() error {
				j.r.Verdicts = nil
				if j.r.Transcript != nil && !j.r.Transcript.Failed() {
					j.r.Verdicts = judging.panel.Judge(gctx, j.c, j.r.Transcript)
				}
				return gctx.Err()
			})
		}
		if err := g.Wait(); err != nil {
			return errInterrupted
		}
		for _, j := range batch {
			pos, err := w.Put(j.r)
			if err != nil {
				return err
			}
			builder.AddAt(j.r, resultsPath, pos)
		}
		clear(batch)
		batch = batch[:0]
		return nil
	}
	var stop error
	err = walked.source()(func(c *suite.Case) bool {
		e := index[c.ID]
		if e == nil {
			return true
		}
		for _, a := range e.at {
			r, err := results.ReadAt(in, a.pos)
			if err != nil {
				stop = fmt.Errorf("reading %s again: %w", inPath, err)
				return false
			}
			if batch = append(batch, job{c, r}); len(batch) == judgeBatch {
				if stop = flush(); stop != nil {
					return false
				}
			}
		}
		return true
	})
	if err == nil {
		err = stop
	}
	if err == nil {
		err = flush()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	interrupted := errors.Is(err, errInterrupted)
	var changed suite.Errors // a file changed since the first walk
	if err != nil && !interrupted && !errors.As(err, &changed) {
		return err
	}
	// Interrupted, or stopped by a changed file, the report covers the
	// batches judged, as run's does.
	sc := builder.Scorecard(cfg.Gates)
	sc.Run.Finished = time.Now().UTC()
	sc.Run.Interrupted = interrupted
	judging.annotate(sc)
	if err := deliver(opts.IO, opts.Out, sc, opts.Report); err != nil {
		return err
	}
	if interrupted {
		return errInterrupted
	}
	if changed != nil {
		return err
	}
	return gateResult(sc)
}

// judgeBatch is how many transcripts are judged at a time: enough to keep
// --concurrency LLM calls busy, few enough to hold in memory.
const judgeBatch = 1024

func sameDir(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && filepath.Clean(aa) == filepath.Clean(bb)
}
