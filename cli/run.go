package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/reports"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// RunOptions are `tribunal run`'s inputs.
type RunOptions struct {
	IO   *IOStreams
	Dirs []string

	Target      string
	TargetKind  string
	Model       string
	Timeout     time.Duration
	RPS         float64
	Concurrency int
	Repeat      int
	Out         string
	Shard       string
	Resume      bool
	DemoFlaws   string
	Judging     JudgeOptions
	Report      reports.Options

	// Baseline is an earlier scorecard.json to compare with and gate on;
	// AllowSuiteChange compares it even when the cases differ. Flaky
	// overrides gates.flaky (warn or fail).
	Baseline         string
	AllowSuiteChange bool
	Flaky            string

	// ShardIndexEnv names the variable `--shard auto/N` reads (0-based).
	ShardIndexEnv string
}

// NewCmdRun builds `tribunal run`.
func NewCmdRun(ios *IOStreams, runF func(context.Context, *RunOptions) error) *cobra.Command {
	opts := &RunOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "run [SUITE_DIR...]",
		Short: "Replay cases against a bot, judge them and write the report",
		Long: `Replay every case of the given suites (folders of case files) against the
target, judge each transcript, write the report folder and exit with the gate's
decision. With no folder, the bundled case library runs; with no --target, the
embedded demo bot answers.

The report folder holds index.html (the scorecard for people), scorecard.json,
junit.xml, summary.md and results.jsonl (one line per finished attempt, written
as it goes: --resume finishes a run that was killed).

Settings in a suite's tribunal.yaml apply; flags override them. API keys come
from the environment (TRIBUNAL_TARGET_API_KEY by default), never from flags.`,
		Example: `  # the bundled cases against the embedded demo bot
  tribunal run

  # make the demo bot invent a refund policy and watch the gate fail
  tribunal run --demo-flaws air-canada

  # your own cases against an OpenAI-compatible bot endpoint
  TRIBUNAL_TARGET_API_KEY=sk-... tribunal run ./cases --target https://bot.example.com/v1 --model support-bot

  # one shard of four in CI, resumable
  tribunal run ./cases --target http://127.0.0.1:8080/v1 --shard 2/4 --out report-2 --resume`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dirs = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Target, "target", "", "bot endpoint URL (default: the embedded demo bot)")
	f.StringVar(&opts.TargetKind, "target-kind", "", "connector: openai (chat completions) or http (templated JSON, set in tribunal.yaml)")
	f.StringVar(&opts.Model, "model", "", "model name sent to an openai target")
	f.DurationVar(&opts.Timeout, "timeout", 0, "per-request timeout (default 30s)")
	f.Float64Var(&opts.RPS, "rps", 0, "cap requests per second to the bot (0: no cap)")
	f.IntVar(&opts.Concurrency, "concurrency", 0, fmt.Sprintf("attempts in flight at once (default %d)", replay.DefaultConcurrency))
	f.IntVar(&opts.Repeat, "repeat", 0, "attempts per case (default 1)")
	f.StringVar(&opts.Out, "out", "tribunal-report", "report folder")
	f.StringVar(&opts.Shard, "shard", "", "run only shard I of N (1-based, like 2/4; auto/N takes I from --shard-index-env); stable as cases are added")
	f.StringVar(&opts.ShardIndexEnv, "shard-index-env", DefaultShardIndexEnv, "environment variable holding the 0-based shard index for --shard auto/N (Kubernetes Indexed Jobs set JOB_COMPLETION_INDEX)")
	f.BoolVar(&opts.Resume, "resume", false, "keep the attempts already in OUT/results.jsonl and run only the missing ones")
	f.StringVar(&opts.DemoFlaws, "demo-flaws", "", "make the embedded demo bot misbehave: "+strings.Join(demobot.FlawNames(), ", "))
	addJudgeFlags(f, &opts.Judging)
	addReportFlags(f, &opts.Report)
	f.StringVar(&opts.Baseline, "baseline", "", "an earlier scorecard.json (or its report folder) to compare with: fail on a critical/high case that passed there and fails now, or a dimension that dropped beyond noise")
	f.BoolVar(&opts.AllowSuiteChange, "allow-suite-change", false, "compare with a --baseline of different cases (matched by id)")
	f.StringVar(&opts.Flaky, "flaky", "", "flaky cases under --repeat (some attempts pass, some fail): warn (default) or fail the gate")
	return cmd
}

func runRun(ctx context.Context, opts *RunOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := checkReport(opts.Report); err != nil {
		return err
	}
	var keep func(string) bool
	if opts.Shard != "" {
		spec, err := resolveShard(opts.Shard, opts.ShardIndexEnv, opts.IO.Getenv)
		if err != nil {
			return err
		}
		if keep, err = shardFilter(spec); err != nil {
			return err
		}
	}
	if opts.Concurrency < 0 || opts.Repeat < 0 {
		return usageErrorf("--concurrency and --repeat must be positive")
	}
	// A first walk validates every file and keeps each case's description
	// in the scorecard, not the case: the engine walks the files again as
	// it replays, so a run holds only the cases in flight.
	builder := score.NewBuilder(nil, score.RunInfo{})
	walked, err := walkSuites(opts.Dirs, keep, builder.Declare, holdMax)
	if err != nil {
		return err
	}
	cfg := walked.suites[0].Config
	concurrency := firstPositive(opts.Concurrency, cfg.Concurrency, replay.DefaultConcurrency)
	repeat := firstPositive(opts.Repeat, cfg.Repeat, 1)

	tgt, targetName, err := buildTarget(opts, cfg.Target)
	if err != nil {
		return err
	}

	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return fmt.Errorf("creating report folder: %w", err)
	}
	resultsPath := filepath.Join(opts.Out, results.FileName)
	judging, err := buildJudging(opts.Judging, cfg, opts.IO.Getenv)
	if err != nil {
		return err
	}
	defer judging.close()
	info := score.RunInfo{Tribunal: version(), Suite: suiteNames(walked.suites), Target: targetName, Repeat: repeat, Started: time.Now().UTC(), Judges: judging.info()}
	builder.SetRun(info)
	base, err := prepareRun(opts, &cfg.Gates, builder.SuiteHash, info)
	if err != nil {
		return err
	}

	done := map[results.Key]bool{}
	var w *results.Writer
	if opts.Resume {
		err := results.ScanFile(resultsPath, func(r *results.Record, pos results.Pos) error {
			done[r.Key()] = true
			builder.AddAt(r, resultsPath, pos)
			return nil
		})
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("cannot resume: %w", err)
		}
		w, err = results.Append(resultsPath)
		if err != nil {
			return err
		}
	} else if w, err = results.Create(resultsPath); err != nil {
		return err
	}

	total := walked.cases * repeat
	prog := newProgress(opts.IO, total-len(done))
	engine := &replay.Engine{
		Target: tgt, TargetName: targetName,
		Judge:       judging.panel,
		Customer:    judging.customer,
		Concurrency: concurrency, Repeat: repeat,
		Done: func(k results.Key) bool { return done[k] },
	}
	fmt.Fprintf(opts.IO.ErrOut, "tribunal: %d cases × %d against %s, %d at a time\n", walked.cases, repeat, targetName, concurrency)
	runErr := engine.RunSource(ctx, walked.source(), func(r *results.Record) error {
		pos, err := w.Put(r)
		if err != nil {
			return err
		}
		// The scorecard keeps outcomes; the reports read transcripts and
		// verdicts back from results.jsonl, so memory does not grow with them.
		builder.AddAt(r, resultsPath, pos)
		prog.finished(r)
		return nil
	})
	prog.close()
	closeErr := w.Close()

	interrupted := ctx.Err() != nil
	sc := builder.Scorecard(cfg.Gates)
	sc.Run.Finished = time.Now().UTC()
	judging.annotate(sc)
	sc.Run.Interrupted = interrupted || sc.Totals.Attempts < total
	if err := applyBaseline(sc, base); err != nil {
		return err
	}
	if err := deliver(opts.IO, opts.Out, sc, opts.Report); err != nil {
		return err
	}
	switch {
	case interrupted:
		return errInterrupted
	case runErr != nil:
		return runErr
	case closeErr != nil:
		return closeErr
	}
	return gateResult(sc)
}

// buildTarget returns the configured bot, or the embedded demo bot.
func buildTarget(opts *RunOptions, tc suite.TargetConfig) (target.Target, string, error) {
	if opts.Target != "" {
		tc.URL = opts.Target
	}
	if opts.TargetKind != "" {
		tc.Kind = opts.TargetKind
	}
	if opts.Model != "" {
		tc.Model = opts.Model
	}
	if opts.Timeout > 0 {
		tc.Timeout = suite.Duration(opts.Timeout)
	}
	if opts.RPS > 0 {
		tc.RPS = opts.RPS
	}
	if tc.URL == "" {
		if tc.Kind != "" {
			return nil, "", usageErrorf("--target-kind %s needs --target URL (or target.url in tribunal.yaml)", tc.Kind)
		}
		flaws, err := demobot.ParseFlaws(opts.DemoFlaws)
		if err != nil {
			return nil, "", &UsageError{fmt.Errorf("--demo-flaws: %w", err)}
		}
		name := "demo bot (embedded)"
		if len(flaws) > 0 {
			name = fmt.Sprintf("demo bot (embedded, flaws: %s)", opts.DemoFlaws)
		}
		return demobot.New(flaws...), name, nil
	}
	if opts.DemoFlaws != "" {
		return nil, "", usageErrorf("--demo-flaws applies to the embedded demo bot; with --target, start the demo bot with --flaws instead")
	}
	t, err := target.New(tc, opts.IO.Getenv)
	if err != nil {
		return nil, "", &UsageError{fmt.Errorf("target: %w", err)}
	}
	return t, target.Describe(tc), nil
}

func firstPositive(vs ...int) int {
	for _, v := range vs {
		if v > 0 {
			return v
		}
	}
	return 0
}

func suiteNames(suites []*suite.Suite) string {
	names := make([]string, len(suites))
	for i, s := range suites {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}
