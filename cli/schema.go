package cli

import (
	"github.com/spf13/cobra"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// SchemaOptions are `tribunal schema`'s inputs.
type SchemaOptions struct {
	IO   *IOStreams
	Name string
}

// Schemas are the JSON Schemas `tribunal schema` prints, by name.
var Schemas = map[string][]byte{
	"scorecard": score.ScorecardSchema,
	"case":      suite.CaseSchema,
}

// NewCmdSchema builds `tribunal schema`.
func NewCmdSchema(ios *IOStreams, runF func(*SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "schema scorecard|case",
		Short: "Print the JSON Schema of scorecard.json or of case files",
		Long: `Print a JSON Schema (draft 2020-12):

  scorecard  scorecard.json, for the machines that read it
  case       case files (format version 1), for editors: save it and point
             VS Code's YAML extension at it with a first line like
             # yaml-language-server: $schema=../case.schema.json`,
		Example: `  tribunal schema case > cases/case.schema.json
  tribunal schema scorecard > scorecard.schema.json`,
		ValidArgs: []string{"scorecard", "case"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("schema needs one name: scorecard or case")
			}
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return schemaRun(opts)
		},
	}
	return cmd
}

func schemaRun(opts *SchemaOptions) error {
	s, ok := Schemas[opts.Name]
	if !ok {
		return usageErrorf("no schema %q: want scorecard or case", opts.Name)
	}
	_, err := opts.IO.Out.Write(s)
	return err
}
