package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/tribunal-eval/tribunal/importers"
)

// ImportOptions are `tribunal import`'s inputs.
type ImportOptions struct {
	IO *IOStreams
	// Tool is "botium" or "promptfoo".
	Tool  string
	Paths []string
	// Out is the folder to write case files to; empty writes one case file
	// to standard output.
	Out      string
	Language string
	Policy   string
	Prefix   string
	Tags     []string
	// Var names the promptfoo var holding the customer's message.
	Var string
}

// NewCmdImport builds `tribunal import` and its subcommands.
func NewCmdImport(ios *IOStreams, runF func(*ImportOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Convert other tools' test sets (Botium, promptfoo) into case files",
		Long: `Convert BotiumScript conversations or promptfoo tests into tribunal case
files (case format v1), written to --out DIR or, without it, to standard output
as one file. What does not map (button and card asserters, JavaScript
assertions, similarity scores, ...) is listed on standard error, file by file.
Exits 0 when at least one case was converted, 2 when none could be.`,
		Example: `  tribunal import botium ./botium/convos --out cases/imported
  tribunal import promptfoo promptfooconfig.yaml --var question > cases/promptfoo.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	flags := func(c *cobra.Command, opts *ImportOptions) {
		f := c.Flags()
		f.StringVar(&opts.Out, "out", "", "folder to write the case files to (default: one file to standard output)")
		f.StringVar(&opts.Language, "language", "", "the customers' language code for every case (default: read from their turns)")
		f.StringVar(&opts.Policy, "policy", "", "policy file the cases cite, relative to the written case files")
		f.StringVar(&opts.Prefix, "prefix", "", "start of every case id (default botium/ or promptfoo/)")
		f.StringArrayVar(&opts.Tags, "tag", nil, "tag to add to every case (repeatable)")
	}
	run := func(opts *ImportOptions) error {
		if runF != nil {
			return runF(opts)
		}
		return importRun(opts)
	}

	botium := &ImportOptions{IO: ios, Tool: "botium"}
	botiumCmd := &cobra.Command{
		Use:   "botium FILE...|DIR",
		Short: "Convert BotiumScript .convo.txt files (and their .utterances.txt)",
		Long: `Convert BotiumScript conversation files into case files, one per convo. A
folder is searched for *.convo.txt and *.utterances.txt files. #me lines become
customer turns; #bot text and the TEXT_* asserters become that turn's
must_say and must_not_say; BUTTONS, MEDIA, CARDS, INTENT, ENTITIES, JSON_PATH
asserters and logic hooks are left out with a note.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			botium.Paths = args
			return run(botium)
		},
	}
	flags(botiumCmd, botium)

	promptfoo := &ImportOptions{IO: ios, Tool: "promptfoo"}
	promptfooCmd := &cobra.Command{
		Use:   "promptfoo FILE",
		Short: "Convert promptfoo test YAML (tests with vars and assert)",
		Long: `Convert a promptfoo config (promptfooconfig.yaml, with tests and defaultTest)
or a tests file into one case file. The customer's message is the var named by
--var, or one called message, question, query, input, ...; other vars become
the case's context. contains, icontains, *-any, *-all, equals, starts-with,
regex and their not- forms become must_say and must_not_say; llm-rubric
becomes an LLM rubric judge, factuality a fact, latency max_latency;
javascript, python, similar and the other scores are left out with a note.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			promptfoo.Paths = args
			return run(promptfoo)
		},
	}
	flags(promptfooCmd, promptfoo)
	promptfooCmd.Flags().StringVar(&promptfoo.Var, "var", "", "the var holding the customer's message")

	cmd.AddCommand(botiumCmd, promptfooCmd)
	return cmd
}

func importRun(opts *ImportOptions) error {
	base := importers.Options{Prefix: opts.Prefix, Language: opts.Language, Policy: opts.Policy, Tags: opts.Tags}
	var (
		res *importers.Result
		err error
	)
	switch opts.Tool {
	case "botium":
		res, err = importers.Botium(opts.Paths, base)
	case "promptfoo":
		res, err = importers.Promptfoo(opts.Paths[0], importers.PromptfooOptions{Options: base, Var: opts.Var})
	default:
		return usageErrorf("unknown import format %q (botium or promptfoo)", opts.Tool)
	}
	if err != nil {
		return importError(err)
	}

	// Render (and validate) before writing anything.
	type rendered struct {
		name string
		data []byte
	}
	var outs []rendered
	if opts.Out != "" {
		for _, f := range res.Files {
			data, err := f.Output()
			if err != nil {
				return err
			}
			outs = append(outs, rendered{filepath.Join(opts.Out, f.Name), data})
		}
	} else if len(res.Files) > 0 {
		merged := *res.Files[0]
		merged.Cases = nil
		merged.From = ""
		for i, f := range res.Files {
			merged.Cases = append(merged.Cases, f.Cases...)
			if i > 0 {
				merged.From += ", "
			}
			merged.From += f.From
		}
		data, err := merged.Output()
		if err != nil {
			return err
		}
		outs = append(outs, rendered{"", data})
	}

	w := opts.IO.ErrOut
	fmt.Fprintln(w, "tribunal import "+res.Summary())
	for _, n := range res.Notes {
		fmt.Fprintln(w, "  "+n.String())
	}
	if res.Converted() == 0 {
		return errors.New("nothing could be converted (see the notes above)")
	}
	if opts.Out == "" {
		_, err := opts.IO.Out.Write(outs[0].data)
		return err
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", opts.Out, err)
	}
	for _, o := range outs {
		if err := os.WriteFile(o.name, o.data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.Out, "wrote %s (%d case%s)\n", o.name, bytes.Count(o.data, []byte("\n  - id: ")), covPlural(bytes.Count(o.data, []byte("\n  - id: "))))
	}
	fmt.Fprintf(w, "check them with: tribunal validate %s\n", opts.Out)
	return nil
}

// importError reports an input that could not be read as bad usage.
func importError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return usageErrorf("cannot read %s: %v", pe.Path, pe.Err)
	}
	return usageErrorf("%v", err)
}
