package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
	suites, err := loadSuites(opts.Dirs)
	if err != nil {
		return err
	}
	cfg := suites[0].Config
	byID := map[string]*suite.Case{}
	var cases []*suite.Case
	for _, s := range suites {
		for _, c := range s.Cases {
			byID[c.ID] = c
			cases = append(cases, c)
		}
	}
	// A first pass checks the transcripts' cases and learns the run's
	// target and repeat count without holding the records.
	inPath := filepath.Join(opts.ResultsDir, results.FileName)
	var unknown []string
	repeat, target := 1, ""
	if err := results.ReadFile(inPath, func(r *results.Record) error {
		if byID[r.CaseID] == nil {
			unknown = append(unknown, r.CaseID)
		}
		repeat = max(repeat, r.Attempt)
		if r.Transcript != nil && target == "" {
			target = r.Transcript.Target
		}
		return nil
	}); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return usageErrorf("%s has no %s to re-judge", opts.ResultsDir, results.FileName)
		}
		return &UsageError{err}
	}
	if len(unknown) > 0 {
		return usageErrorf("%d transcript(s) belong to cases not in the suites (first: %s); name the suite folders the run used", len(unknown), unknown[0])
	}

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
	builder := score.NewBuilder(cases, score.RunInfo{Tribunal: version(), Suite: suiteNames(suites), Target: target,
		Repeat: repeat, Started: time.Now().UTC(), Judges: judging.info()})

	// Judge a batch concurrently (LLM judges are slow), then record it in
	// file order; memory holds one batch of transcripts, whatever the run.
	batch := make([]*results.Record, 0, judgeBatch)
	flush := func() error {
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(opts.Concurrency)
		for _, r := range batch {
			g.Go(func() error {
				r.Verdicts = nil
				if r.Transcript != nil && !r.Transcript.Failed() {
					r.Verdicts = judging.panel.Judge(gctx, byID[r.CaseID], r.Transcript)
				}
				return gctx.Err()
			})
		}
		if err := g.Wait(); err != nil {
			return errInterrupted
		}
		for _, r := range batch {
			pos, err := w.Put(r)
			if err != nil {
				return err
			}
			builder.AddAt(r, resultsPath, pos)
		}
		batch = batch[:0]
		return nil
	}
	err = results.ReadFile(inPath, func(r *results.Record) error {
		if batch = append(batch, r); len(batch) == judgeBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	interrupted := errors.Is(err, errInterrupted)
	if err != nil && !interrupted {
		return err
	}
	// Interrupted, the report covers the batches judged, as run's does.
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
