package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/suite"
)

// ValidateOptions are `tribunal validate`'s inputs.
type ValidateOptions struct {
	IO   *IOStreams
	Dirs []string
}

// NewCmdValidate builds `tribunal validate`.
func NewCmdValidate(ios *IOStreams, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "validate [SUITE_DIR...]",
		Short: "Load and check case files without running anything",
		Long: `Load every case file (*.yaml) in each folder and check it against case format
v1: unknown fields, wrong types, duplicate ids, invalid regexes and missing
policy files are reported as file:line:column: field: problem. With no folder,
the bundled case library is checked. Exits 2 when anything is wrong.`,
		Example: `  tribunal validate ./cases
  tribunal validate            # the bundled library`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dirs = args
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
	return cmd
}

func validateRun(opts *ValidateOptions) error {
	suites, err := loadSuites(opts.Dirs)
	if err != nil {
		return err
	}
	for _, s := range suites {
		fmt.Fprintf(opts.IO.Out, "ok  %s: %d cases in %d files\n", s.Name, len(s.Cases), len(s.Files))
	}
	return nil
}

// loadSuites loads each folder, or the bundled library when none is given,
// and checks ids are unique across them.
func loadSuites(dirs []string) ([]*suite.Suite, error) {
	if len(dirs) == 0 {
		s, err := suite.LoadFS(fixtures.FS, fixtures.Dir)
		if err != nil {
			return nil, err
		}
		s.Name = "bundled library"
		return []*suite.Suite{s}, nil
	}
	var out []*suite.Suite
	var errs suite.Errors
	seen := map[string]*suite.Case{}
	for _, d := range dirs {
		s, err := suite.Load(d)
		if err != nil {
			if se, ok := err.(suite.Errors); ok {
				errs = append(errs, se...)
				continue
			}
			return nil, err
		}
		for _, c := range s.Cases {
			if prev, dup := seen[c.ID]; dup {
				errs = append(errs, &suite.Error{File: c.File, Line: c.Line, Column: 1,
					Msg: fmt.Sprintf("case id %q is also used at %s:%d", c.ID, prev.File, prev.Line)})
			}
			seen[c.ID] = c
		}
		out = append(out, s)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}
