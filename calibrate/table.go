package calibrate

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// WriteTable prints the report: what the set holds, then one row per judge
// with true positives, misses, false alarms, true negatives, precision,
// recall, false-alarm rate, Cohen's kappa, and the labelled items an LLM
// judge skipped or erred on. A judge with nothing labelled for it shows "—"
// for recall, one with undefined kappa "—" for kappa, and a judge that did
// not run (no judge model) "skipped" in every column, with the reason below.
func (r Report) WriteTable(w io.Writer) error {
	langs := make([]string, 0, len(r.Languages))
	for l := range r.Languages {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = fmt.Sprintf("%s %d", l, r.Languages[l])
	}
	fmt.Fprintf(w, "calibration set: %d labelled replies (%d bot turns) in %d languages (%s)\n\n",
		r.Items, r.Replies, len(langs), strings.Join(parts, ", "))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "judge\tlabelled\tcaught\tmissed\tfalse alarms\tgood passed\tprecision\trecall\tfalse-alarm rate\tkappa\tskipped\terrors\t")
	var skipped []string
	reasons := map[string][]string{}
	for _, s := range r.Judges {
		if s.SkipReason != "" {
			if reasons[s.SkipReason] == nil {
				skipped = append(skipped, s.SkipReason)
			}
			reasons[s.SkipReason] = append(reasons[s.SkipReason], s.Judge)
			fmt.Fprintf(tw, "%s\tskipped\t\t\t\t\t\t\t\t\t%d\t\t\n", s.Judge, s.Skipped)
			continue
		}
		recall := "—"
		if s.Positives() > 0 {
			recall = fmt.Sprintf("%.3f", s.Recall())
		}
		precision := "—"
		if s.TP+s.FP > 0 {
			precision = fmt.Sprintf("%.3f", s.Precision())
		}
		far := "—"
		if s.Negatives() > 0 {
			far = fmt.Sprintf("%.3f", s.FalseAlarmRate())
		}
		kappa := "—"
		if k, ok := s.Kappa(); ok {
			kappa = fmt.Sprintf("%.3f", k)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%d\t%d\t\n", s.Judge, s.Positives(), s.TP, s.FN, s.FP, s.TN,
			precision, recall, far, kappa, s.Skipped, s.Errored)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, why := range skipped {
		if _, err := fmt.Fprintf(w, "\nskipped, not scored (%s): %s\n", why, strings.Join(reasons[why], ", ")); err != nil {
			return err
		}
	}
	if len(r.Unknown) > 0 {
		_, err := fmt.Fprintf(w, "\nlabels naming no judge that ran: %s\n", strings.Join(r.Unknown, ", "))
		return err
	}
	return nil
}

// WriteDetails lists every miss, false alarm and item an LLM judge could
// not rule on, judge by judge.
func (r Report) WriteDetails(w io.Writer) error {
	for _, s := range r.Judges {
		for _, o := range s.Misses {
			if _, err := fmt.Fprintf(w, "miss         %-18s %s  %s\n", s.Judge, o.Item, o.Why); err != nil {
				return err
			}
		}
		for _, o := range s.FalseAlarms {
			if _, err := fmt.Fprintf(w, "false alarm  %-18s %s  %s\n", s.Judge, o.Item, o.Why); err != nil {
				return err
			}
		}
		for _, o := range s.Unruled {
			if _, err := fmt.Fprintf(w, "not ruled    %-18s %s  %s\n", s.Judge, o.Item, o.Why); err != nil {
				return err
			}
		}
	}
	return nil
}
