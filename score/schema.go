package score

import _ "embed"

// ScorecardSchema is the JSON Schema (draft 2020-12) of scorecard.json,
// as `tribunal schema scorecard` prints it.
//
//go:embed scorecard.schema.json
var ScorecardSchema []byte
