package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/tribunal-eval/tribunal/calibrate"
	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/judges/llm"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// CalibrateOptions are `tribunal calibrate`'s inputs.
type CalibrateOptions struct {
	IO *IOStreams
	// Dir is the calibration set's folder; empty for the bundled set.
	Dir string
	// MinRecall and MaxFalseAlarm are the thresholds every judge must hold;
	// 0 and 1 check nothing.
	MinRecall     float64
	MaxFalseAlarm float64
	// MinKappa is the agreement with the human labels every judge with a
	// defined kappa must reach; -1 checks nothing.
	MinKappa float64
	// Verbose lists every miss and false alarm.
	Verbose bool
	// JSON prints the machine-readable report instead of the table.
	JSON bool
	// Judge configures the LLM judges; without a model they are skipped.
	Judge JudgeOptions
	// Suite is a suite folder whose tribunal.yaml gives the judge
	// settings and rubrics, so the judges calibrated are the ones its runs
	// use; flags override it.
	Suite string
}

// NewCmdCalibrate builds `tribunal calibrate`.
func NewCmdCalibrate(ios *IOStreams, runF func(*CalibrateOptions) error) *cobra.Command {
	opts := &CalibrateOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "calibrate [DIR]",
		Short: "Measure the judges' precision, recall and agreement with human labels on a labelled set of replies",
		Long: `Run the built-in rule judges, and with --judge-model the LLM judges, on a
calibration set: transcripts of good and flawed replies to the same customer
situations, in several languages, each labelled with the judges that must
flag it. Prints, per judge, how many labelled flaws it caught and missed, its
false alarms on good replies, its precision, recall and false-alarm rate, and
Cohen's kappa: its agreement with the human labels, corrected for chance.

Rule judges are scored on every reply. An LLM judge (llm-accuracy,
llm-empathy, llm-escalation, rubric:NAME) is scored only on the replies a
human labelled for it: named in the reply's flags, or in the case's or
reply's labelled list. A labelled reply on which it could not rule (skipped
or error) is counted apart, as neither agreement nor disagreement. Without
--judge-model the LLM judges are listed as skipped, not scored.

With no folder, the bundled set is used. The file format is described at the
top of each bundled file (fixtures/calibration/*.yaml) and in package
calibrate. With --min-recall, --max-false-alarm or --min-kappa, exits 1 when
a judge falls short of any of them.`,
		Example: `  tribunal calibrate
  tribunal calibrate --min-recall 0.9 --max-false-alarm 0.05
  tribunal calibrate ./my-labelled-replies -v
  tribunal calibrate ./my-labelled-replies --judge-model gpt-4o-mini --min-kappa 0.6 --json

  # the judge model, endpoint and rubrics of a suite's tribunal.yaml
  tribunal calibrate ./my-labelled-replies --suite ./cases`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if opts.MinRecall < 0 || opts.MinRecall > 1 {
				return usageErrorf("--min-recall %v: must be between 0 and 1", opts.MinRecall)
			}
			if opts.MaxFalseAlarm < 0 || opts.MaxFalseAlarm > 1 {
				return usageErrorf("--max-false-alarm %v: must be between 0 and 1", opts.MaxFalseAlarm)
			}
			if opts.MinKappa < -1 || opts.MinKappa > 1 {
				return usageErrorf("--min-kappa %v: must be between -1 and 1", opts.MinKappa)
			}
			if runF != nil {
				return runF(opts)
			}
			return calibrateRun(opts)
		},
	}
	cmd.Flags().Float64Var(&opts.MinRecall, "min-recall", 0, "exit 1 when a judge's recall is below this (0 to 1)")
	cmd.Flags().Float64Var(&opts.MaxFalseAlarm, "max-false-alarm", 1, "exit 1 when a judge's false-alarm rate is above this (0 to 1)")
	cmd.Flags().Float64Var(&opts.MinKappa, "min-kappa", -1, "exit 1 when a judge's agreement with the human labels (Cohen's kappa) is below this (-1 to 1)")
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "list every miss, false alarm and reply an LLM judge could not rule on")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the report as JSON instead of a table")
	addJudgeFlags(cmd.Flags(), &opts.Judge)
	cmd.Flags().StringVar(&opts.Suite, "suite", "", "suite folder whose tribunal.yaml sets the judges (judge model, endpoint, API type, key variable, rubrics); flags override it")
	_ = cmd.Flags().MarkHidden("simulator-model")
	return cmd
}

func calibrateRun(opts *CalibrateOptions) error {
	var set *calibrate.Set
	var err error
	if opts.Dir == "" {
		set, err = calibrate.Load(fixtures.FS, "calibration")
	} else {
		if st, serr := os.Stat(opts.Dir); serr != nil || !st.IsDir() {
			return usageErrorf("calibrate: %s is not a folder", opts.Dir)
		}
		set, err = calibrate.Load(os.DirFS(opts.Dir), ".")
	}
	if err != nil {
		return err
	}
	getenv := opts.IO.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg := suite.Config{}
	if opts.Suite != "" {
		// Walking the suite checks it and reads its tribunal.yaml; its
		// cases are not needed.
		s, err := suite.Walk(opts.Suite, func(*suite.Case) error { return nil })
		if err != nil {
			return err
		}
		cfg = s.Config
	}
	// The set's canary, not the suite's: the labelled replies leak the set's.
	cfg.Canary = set.Canary
	j, err := buildJudging(opts.Judge, cfg, getenv)
	if err != nil {
		return err
	}
	defer j.close()
	report := calibrate.Run(set, j.panel...)
	if !j.llm.Enabled() {
		var skip []string
		for _, s := range report.Judges {
			if s.LabelledOnly {
				skip = append(skip, s.Judge)
			}
		}
		report.MarkSkipped(llm.NoModelRationale, skip...)
	}
	if opts.JSON {
		if err := report.WriteJSON(opts.IO.Out); err != nil {
			return err
		}
	} else if err := report.WriteTable(opts.IO.Out); err != nil {
		return err
	}
	if j.llm.Enabled() && !opts.JSON {
		st := j.llm.Stats()
		t := st.Total
		fmt.Fprintf(opts.IO.Out, "\nLLM judging (%s): %d calls, %d from cache, %d errors, %d skipped, $%.4f\n",
			st.Model, t.Calls, t.CacheHits, t.Errors, t.Skipped, t.CostUSD)
	}
	if opts.Verbose && !opts.JSON {
		fmt.Fprintln(opts.IO.Out)
		if err := report.WriteDetails(opts.IO.Out); err != nil {
			return err
		}
	}
	below := report.Below(opts.MinRecall, opts.MaxFalseAlarm)
	if opts.MinKappa > -1 {
		below = append(below, report.BelowKappa(opts.MinKappa)...)
	}
	if len(below) == 0 {
		return nil
	}
	gate := score.Gate{ExitCode: ExitGateFailed}
	for _, b := range below {
		fmt.Fprintln(opts.IO.ErrOut, "tribunal: calibrate:", b)
		gate.Checks = append(gate.Checks, score.GateCheck{Name: "calibration", Detail: b})
	}
	return &GateError{Gate: gate}
}
