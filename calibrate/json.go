package calibrate

import (
	"encoding/json"
	"io"
)

// JSONReport is the machine-readable form of a Report (`tribunal calibrate
// --json`). Rates a judge has nothing to measure with are null: precision
// without flags, recall without labelled flaws, false-alarm rate without
// good replies, kappa when undefined (see Kappa).
type JSONReport struct {
	Items     int            `json:"items"`
	Replies   int            `json:"replies"`
	Languages map[string]int `json:"languages"`
	Judges    []JSONJudge    `json:"judges"`
	Unknown   []string       `json:"unknown_labels"`
}

// JSONJudge is one judge's record in a JSONReport.
type JSONJudge struct {
	Judge string `json:"judge"`
	// Kind is "rule" or "llm" (scored only on items labelled for it).
	Kind string `json:"kind"`
	// Status is "scored", or "skipped" when the judge did not run
	// (SkipReason says why).
	Status         string    `json:"status"`
	SkipReason     string    `json:"skip_reason,omitempty"`
	Labelled       int       `json:"labelled"`
	TP             int       `json:"tp"`
	FN             int       `json:"fn"`
	FP             int       `json:"fp"`
	TN             int       `json:"tn"`
	Scored         int       `json:"scored"`
	Skipped        int       `json:"skipped"`
	Errored        int       `json:"errored"`
	Precision      *float64  `json:"precision"`
	Recall         *float64  `json:"recall"`
	FalseAlarmRate *float64  `json:"false_alarm_rate"`
	Kappa          *float64  `json:"kappa"`
	Misses         []Outcome `json:"misses"`
	FalseAlarms    []Outcome `json:"false_alarms"`
	Unruled        []Outcome `json:"unruled"`
}

// MarshalJSON gives Outcome lower-case keys.
func (o Outcome) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Item string `json:"item"`
		Why  string `json:"why"`
	}{o.Item, o.Why})
}

// JSON returns the report's machine-readable form.
func (r Report) JSON() JSONReport {
	out := JSONReport{Items: r.Items, Replies: r.Replies, Languages: r.Languages, Judges: []JSONJudge{}, Unknown: r.Unknown}
	if out.Languages == nil {
		out.Languages = map[string]int{}
	}
	if out.Unknown == nil {
		out.Unknown = []string{}
	}
	num := func(v float64, ok bool) *float64 {
		if !ok {
			return nil
		}
		return &v
	}
	list := func(os []Outcome) []Outcome {
		if os == nil {
			return []Outcome{}
		}
		return os
	}
	for _, s := range r.Judges {
		j := JSONJudge{Judge: s.Judge, Kind: "rule", Status: "scored", SkipReason: s.SkipReason,
			Labelled: s.Positives(), TP: s.TP, FN: s.FN, FP: s.FP, TN: s.TN, Scored: s.Scored(),
			Skipped: s.Skipped, Errored: s.Errored,
			Misses: list(s.Misses), FalseAlarms: list(s.FalseAlarms), Unruled: list(s.Unruled)}
		if s.LabelledOnly {
			j.Kind = "llm"
		}
		if s.SkipReason != "" {
			j.Status = "skipped"
		} else {
			j.Precision = num(s.Precision(), s.TP+s.FP > 0)
			j.Recall = num(s.Recall(), s.Positives() > 0)
			j.FalseAlarmRate = num(s.FalseAlarmRate(), s.Negatives() > 0)
			j.Kappa = num(s.Kappa())
		}
		out.Judges = append(out.Judges, j)
	}
	return out
}

// WriteJSON writes the report's machine-readable form, indented.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r.JSON())
}
