package suite

import _ "embed"

// CaseSchema is the JSON Schema (draft 2020-12) of a case file (format
// version 1), as `tribunal schema case` prints it: every property has a
// description, severities and escalations are enums and unknown properties
// are refused, so an editor (VS Code's YAML extension, for one) completes
// and checks case files with it. The loader remains the authority: it also
// checks what a schema cannot (unique ids, valid regexes, policy files).
//
//go:embed case.schema.json
var CaseSchema []byte
