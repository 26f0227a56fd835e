package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/tribunal-eval/tribunal/calibrate"
	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/score"
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
	// Verbose lists every miss and false alarm.
	Verbose bool
}

// NewCmdCalibrate builds `tribunal calibrate`.
func NewCmdCalibrate(ios *IOStreams, runF func(*CalibrateOptions) error) *cobra.Command {
	opts := &CalibrateOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "calibrate [DIR]",
		Short: "Measure the rule judges' precision and recall on a labelled set of replies",
		Long: `Run the built-in rule judges on a calibration set: transcripts of good and
flawed replies to the same customer situations, in several languages, each
labelled with the judges that must flag it. Prints, per judge, how many
labelled flaws it caught and missed, its false alarms on good replies, and
its precision, recall and false-alarm rate.

With no folder, the bundled set is used. The file format is described at the
top of each bundled file (fixtures/calibration/*.yaml). With --min-recall or
--max-false-alarm, exits 1 when a judge falls short of either.`,
		Example: `  tribunal calibrate
  tribunal calibrate --min-recall 0.9 --max-false-alarm 0.05
  tribunal calibrate ./my-labelled-replies -v`,
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
			if runF != nil {
				return runF(opts)
			}
			return calibrateRun(opts)
		},
	}
	cmd.Flags().Float64Var(&opts.MinRecall, "min-recall", 0, "exit 1 when a judge's recall is below this (0 to 1)")
	cmd.Flags().Float64Var(&opts.MaxFalseAlarm, "max-false-alarm", 1, "exit 1 when a judge's false-alarm rate is above this (0 to 1)")
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "list every miss and false alarm")
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
	report := calibrate.Run(set, judges.Rules(judges.Options{Canary: set.Canary})...)
	if err := report.WriteTable(opts.IO.Out); err != nil {
		return err
	}
	if opts.Verbose {
		fmt.Fprintln(opts.IO.Out)
		if err := report.WriteDetails(opts.IO.Out); err != nil {
			return err
		}
	}
	below := report.Below(opts.MinRecall, opts.MaxFalseAlarm)
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
