// Package cli is tribunal's command line: one cobra command per file, each
// with an options struct and a run function, all runnable in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"
)

// Version is set at build time (-ldflags "-X .../cli.Version=v1.2.3"); it
// falls back to the module version a `go install` records.
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// NewCmdRoot builds the tribunal command tree.
func NewCmdRoot(ios *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "tribunal",
		Short: "Replay difficult customer cases against a support bot and judge every reply",
		Long: `tribunal replays realistic, difficult customer conversations against a support
bot before release. Rule-based (and, when configured, LLM) judges rule on each
transcript for accuracy against policy, empathy, correct escalation to a human,
safety and language; the scorecard's gates decide the exit code.

Exit codes: 0 all gates held; 1 a gate failed; 2 bad usage or bad suite files;
3 the target or a judge endpoint could not be reached or errored beyond
tolerance; 130 interrupted.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &UsageError{err} })
	root.AddCommand(NewCmdRun(ios, nil), NewCmdValidate(ios, nil), NewCmdJudge(ios, nil), NewCmdMerge(ios, nil), NewCmdDiff(ios, nil), NewCmdReport(ios, nil), NewCmdSchema(ios, nil), NewCmdCoverage(ios, nil), NewCmdImport(ios, nil), NewCmdCalibrate(ios, nil))
	return root
}

// Run executes tribunal with args and returns the exit code. ctx carries
// cancellation (Ctrl-C in Main, a test's cancel in specs).
func Run(ctx context.Context, args []string, ios *IOStreams) int {
	root := NewCmdRoot(ios)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil {
		var ge *GateError
		switch {
		case errors.As(err, &ge):
			// The summary already said why.
		case errors.Is(err, errInterrupted) || errors.Is(err, context.Canceled):
			fmt.Fprintln(ios.ErrOut, "tribunal: interrupted")
		default:
			fmt.Fprintln(ios.ErrOut, "tribunal:", err)
			var ue *UsageError
			if errors.As(err, &ue) {
				fmt.Fprintln(ios.ErrOut, "Run 'tribunal --help' for usage.")
			}
		}
	}
	return ExitCode(err)
}

// Main runs tribunal as a process: real streams, Ctrl-C and SIGTERM cancel
// the run (which still writes the report for what finished).
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, os.Args[1:], System())
}
