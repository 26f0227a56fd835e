package score

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
)

// Diff compares a run (the new scorecard) with a baseline (an older one,
// typically the last release's): the cases that passed and now fail
// (regressions), the ones that failed and now pass (fixes), other status
// changes, cases added and removed, and each pass rate's change with whether
// it is beyond noise.
//
// Beyond noise: the change of a pass rate counts only when the 95%
// confidence interval of the difference of the two proportions excludes
// zero. The interval is Newcombe's hybrid score interval (Newcombe 1998,
// method 10), built from the two Wilson intervals the scorecard already
// shows: for d = new - old,
//
//	low  = d - sqrt((new - newLow)² + (oldHigh - old)²)
//	high = d + sqrt((newHigh - new)² + (old - oldLow)²)
//
// Unlike the two-proportion z-test it stays meaningful at 0% and 100%
// (where a pooled variance is zero and the z-test calls any change
// significant) and for the small per-dimension counts of a suite: with 36
// cases, up to four failures in a dimension that was at 100% are noise, five
// are not. It treats the two runs as independent samples, which is
// conservative for the same cases replayed twice; the per-case regressions
// are the paired view.
type Diff struct {
	// Run describes the baseline's run.
	Run RunInfo `json:"run"`
	// Regressions passed in the baseline and fail now, most severe first.
	Regressions []CaseChange `json:"regressions"`
	// Fixes failed in the baseline and pass now.
	Fixes []CaseChange `json:"fixes"`
	// Changed are the other status changes: to or from error.
	Changed []CaseChange `json:"changed"`
	// Added are cases the baseline did not have; Removed, cases it had
	// that this run does not.
	Added   []CaseChange `json:"added"`
	Removed []CaseChange `json:"removed"`
	// Overall is the change of the case pass rate.
	Overall RateChange `json:"overall"`
	// Dimensions are the changes of each dimension's pass rate.
	Dimensions []RateChange `json:"dimensions"`
	// Notes say what could not be checked or was allowed to differ.
	Notes []string `json:"notes,omitempty"`
}

// CaseChange is one case whose status differs between the baseline and
// this run. Old is empty for an added case, New for a removed one.
type CaseChange struct {
	ID       string         `json:"id"`
	Title    string         `json:"title,omitempty"`
	Severity suite.Severity `json:"severity"`
	Old      Status         `json:"old,omitempty"`
	New      Status         `json:"new,omitempty"`
	// FailedDimensions are the dimensions the case fails now (for a
	// regression) or failed in the baseline (for a fix).
	FailedDimensions []judges.Dimension `json:"failed_dimensions,omitempty"`
	// Blocking is true for a regression at critical or high severity: it
	// fails the baseline gate.
	Blocking bool `json:"blocking,omitempty"`
}

// RateStat is a pass rate with its 95% Wilson interval.
type RateStat struct {
	Pass   int     `json:"pass"`
	Judged int     `json:"judged"`
	Rate   float64 `json:"rate"`
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
}

// Rate changes, as RateChange.Change reports them.
const (
	ChangeDrop = "drop" // down, beyond noise
	ChangeRise = "rise" // up, beyond noise
	ChangeNone = "none" // within noise
	ChangeNA   = "n/a"  // one side judged nothing
)

// RateChange is the change of one pass rate ("overall" or a dimension).
type RateChange struct {
	Dimension string   `json:"dimension"`
	Old       RateStat `json:"old"`
	New       RateStat `json:"new"`
	// Delta is New.Rate - Old.Rate; Low and High bound it (95%, Newcombe).
	Delta float64 `json:"delta"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	// Change is drop or rise when the interval excludes zero (beyond
	// noise), none when it does not, n/a when a side judged nothing.
	Change string `json:"change"`
}

// BeyondNoise reports whether the rate moved more than chance explains.
func (r RateChange) BeyondNoise() bool { return r.Change == ChangeDrop || r.Change == ChangeRise }

// CompareOptions relax the compatibility checks of Compare.
type CompareOptions struct {
	// AllowSuiteChange compares scorecards of different suites (by case
	// id) instead of refusing.
	AllowSuiteChange bool
	// AllowJudgeChange compares scorecards whose LLM judges differ in
	// model or prompt version instead of refusing.
	AllowJudgeChange bool
}

// IncompatibleError says why two scorecards cannot be compared.
type IncompatibleError struct{ Reason string }

func (e *IncompatibleError) Error() string { return "scorecards not comparable: " + e.Reason }

// Compatible checks that old (the baseline) and cur were made by setups
// whose results can be compared: the same scorecard format, the same cases
// (suite hash) and the same LLM judges (model and prompt version), unless
// opts allow a difference. It returns notes on what it could not check or
// allowed, or an *IncompatibleError.
func Compatible(old, cur *Scorecard, opts CompareOptions) ([]string, error) {
	var notes []string
	if old.SchemaVersion != cur.SchemaVersion {
		return nil, &IncompatibleError{fmt.Sprintf(
			"the baseline is scorecard schema_version %d and this one %d; compare scorecards of the same format (re-run the baseline with this tribunal)",
			old.SchemaVersion, cur.SchemaVersion)}
	}
	oh, nh := old.Run.SuiteHash, cur.Run.SuiteHash
	switch {
	case oh == "" || nh == "":
		notes = append(notes, "a scorecard records no suite hash, so whether both ran the same cases is unknown; cases are compared by id")
	case oh != nh && !opts.AllowSuiteChange:
		return nil, &IncompatibleError{fmt.Sprintf(
			"the suites differ (baseline suite_hash %s, this one %s): cases were added, removed or edited since the baseline. "+
				"Re-run the baseline on the same cases, or pass --allow-suite-change to compare the cases by id anyway",
			short(oh), short(nh))}
	case oh != nh:
		notes = append(notes, fmt.Sprintf("the suites differ (suite_hash %s, now %s); cases are compared by id (--allow-suite-change)", short(oh), short(nh)))
	}
	was := map[string]JudgeInfo{}
	for _, j := range old.Run.Judges {
		was[j.Name] = j
	}
	for _, j := range cur.Run.Judges {
		o, ok := was[j.Name]
		if !ok || (o.Model == j.Model && o.PromptVersion == j.PromptVersion) {
			continue
		}
		msg := fmt.Sprintf("judge %s was %s and is now %s", j.Name, judgeSetup(o), judgeSetup(j))
		if !opts.AllowJudgeChange {
			return nil, &IncompatibleError{msg + "; verdicts of different judges are not comparable. " +
				"Re-run the baseline with the same judges, or pass --allow-judge-change to compare anyway"}
		}
		notes = append(notes, msg+" (--allow-judge-change)")
	}
	if old.Run.Repeat != cur.Run.Repeat && old.Run.Repeat > 0 && cur.Run.Repeat > 0 {
		notes = append(notes, fmt.Sprintf("the baseline ran each case %d time(s) and this run %d: a case fails when any attempt fails, so more attempts find more failures", old.Run.Repeat, cur.Run.Repeat))
	}
	if old.Run.Interrupted {
		notes = append(notes, "the baseline run was interrupted: cases it did not finish count as added")
	}
	return notes, nil
}

func judgeSetup(j JudgeInfo) string {
	var parts []string
	if j.Model != "" {
		parts = append(parts, "model "+j.Model)
	}
	if j.PromptVersion != "" {
		parts = append(parts, "prompt "+j.PromptVersion)
	}
	if len(parts) == 0 {
		return "unversioned"
	}
	return strings.Join(parts, ", ")
}

// short shortens a suite hash for messages.
func short(h string) string {
	if len(h) > 19 {
		return h[:19] + "…"
	}
	return h
}

// Compare checks that old and cur are Compatible and returns the
// difference from old (the baseline) to cur.
func Compare(old, cur *Scorecard, opts CompareOptions) (*Diff, error) {
	notes, err := Compatible(old, cur, opts)
	if err != nil {
		return nil, err
	}
	d := &Diff{Run: old.Run, Notes: notes,
		Regressions: []CaseChange{}, Fixes: []CaseChange{}, Changed: []CaseChange{}, Added: []CaseChange{}, Removed: []CaseChange{}}
	before := map[string]*Case{}
	for i := range old.Len() {
		c := old.Case(i)
		before[c.ID] = c
	}
	now := map[string]bool{}
	for i := range cur.Len() {
		c := cur.Case(i)
		now[c.ID] = true
		o := before[c.ID]
		if o == nil {
			d.Added = append(d.Added, CaseChange{ID: c.ID, Title: c.Title, Severity: c.Severity, New: c.Status, FailedDimensions: c.FailedDimensions()})
			continue
		}
		if o.Status == c.Status {
			continue
		}
		ch := CaseChange{ID: c.ID, Title: c.Title, Severity: c.Severity, Old: o.Status, New: c.Status}
		switch {
		case o.Status == judges.Pass && c.Status == judges.Fail:
			ch.FailedDimensions = c.FailedDimensions()
			ch.Blocking = c.Severity == suite.Critical || c.Severity == suite.High
			d.Regressions = append(d.Regressions, ch)
		case o.Status == judges.Fail && c.Status == judges.Pass:
			ch.FailedDimensions = o.FailedDimensions()
			d.Fixes = append(d.Fixes, ch)
		default:
			ch.FailedDimensions = c.FailedDimensions()
			d.Changed = append(d.Changed, ch)
		}
	}
	for i := range old.Len() {
		c := old.Case(i)
		if !now[c.ID] {
			d.Removed = append(d.Removed, CaseChange{ID: c.ID, Title: c.Title, Severity: c.Severity, Old: c.Status})
		}
	}
	bySeverity := func(cs []CaseChange) {
		sort.SliceStable(cs, func(a, b int) bool { return sevRank(cs[a].Severity) < sevRank(cs[b].Severity) })
	}
	bySeverity(d.Regressions)
	bySeverity(d.Fixes)

	d.Overall = RateChangeOf("overall", old.Totals.Pass, old.Totals.Pass+old.Totals.Fail, cur.Totals.Pass, cur.Totals.Pass+cur.Totals.Fail)
	oldDims := map[judges.Dimension]DimensionStats{}
	for _, ds := range old.Dimensions {
		oldDims[ds.Dimension] = ds
	}
	seen := map[judges.Dimension]bool{}
	for _, ds := range cur.Dimensions {
		seen[ds.Dimension] = true
		o := oldDims[ds.Dimension]
		d.Dimensions = append(d.Dimensions, RateChangeOf(string(ds.Dimension), o.Pass, o.Pass+o.Fail, ds.Pass, ds.Pass+ds.Fail))
	}
	for _, o := range old.Dimensions {
		if !seen[o.Dimension] {
			d.Dimensions = append(d.Dimensions, RateChangeOf(string(o.Dimension), o.Pass, o.Pass+o.Fail, 0, 0))
		}
	}
	return d, nil
}

func sevRank(s suite.Severity) int {
	for i, v := range suite.Severities {
		if v == s {
			return i
		}
	}
	return len(suite.Severities)
}

// RateChangeOf compares oldPass of oldN with newPass of newN (see Diff for
// the interval and what beyond noise means).
func RateChangeOf(name string, oldPass, oldN, newPass, newN int) RateChange {
	stat := func(pass, n int) RateStat {
		lo, hi := Wilson(pass, n)
		return RateStat{Pass: pass, Judged: n, Rate: rate(pass, n-pass), Low: lo, High: hi}
	}
	rc := RateChange{Dimension: name, Old: stat(oldPass, oldN), New: stat(newPass, newN), Change: ChangeNA}
	if oldN == 0 || newN == 0 {
		return rc
	}
	o, n := rc.Old, rc.New
	rc.Delta = n.Rate - o.Rate
	rc.Low = rc.Delta - math.Sqrt(sq(n.Rate-n.Low)+sq(o.High-o.Rate))
	rc.High = rc.Delta + math.Sqrt(sq(n.High-n.Rate)+sq(o.Rate-o.Low))
	const eps = 1e-12
	switch {
	case rc.High < -eps:
		rc.Change = ChangeDrop
	case rc.Low > eps:
		rc.Change = ChangeRise
	default:
		rc.Change = ChangeNone
	}
	return rc
}

func sq(x float64) float64 { return x * x }

// BlockingRegressions are the regressions at critical or high severity.
func (d *Diff) BlockingRegressions() []CaseChange {
	var out []CaseChange
	for _, c := range d.Regressions {
		if c.Blocking {
			out = append(out, c)
		}
	}
	return out
}

// Drops are the pass rates of dimensions that dropped beyond noise (the
// overall rate is not a dimension and is not among them).
func (d *Diff) Drops() []RateChange {
	var out []RateChange
	for _, r := range d.Dimensions {
		if r.Change == ChangeDrop {
			out = append(out, r)
		}
	}
	return out
}

// Failed reports whether the diff fails the baseline gate: a case that
// passed in the baseline fails now at critical or high severity, or a
// dimension's pass rate dropped beyond noise.
func (d *Diff) Failed() bool {
	return len(d.BlockingRegressions()) > 0 || len(d.Drops()) > 0
}

// Checks are the baseline gate's checks on d: baseline.regressions and
// baseline.dimensions.
func (d *Diff) Checks() []GateCheck {
	reg := GateCheck{Name: "baseline.regressions", Passed: true}
	if b := d.BlockingRegressions(); len(b) > 0 {
		reg.Passed = false
		ids := make([]string, 0, len(b))
		for i, c := range b {
			if i == 5 {
				ids = append(ids, fmt.Sprintf("and %d more", len(b)-5))
				break
			}
			ids = append(ids, fmt.Sprintf("%s (%s)", c.ID, c.Severity))
		}
		reg.Detail = fmt.Sprintf("%d critical/high case(s) passed in the baseline and fail now: %s", len(b), strings.Join(ids, ", "))
	} else {
		reg.Detail = fmt.Sprintf("no critical or high case that passed in the baseline fails now (%d regression(s) at lower severity, %d fixed)",
			len(d.Regressions), len(d.Fixes))
	}
	dims := GateCheck{Name: "baseline.dimensions", Passed: true}
	if drops := d.Drops(); len(drops) > 0 {
		dims.Passed = false
		parts := make([]string, len(drops))
		for i, r := range drops {
			parts[i] = r.Describe()
		}
		dims.Detail = "dropped beyond noise: " + strings.Join(parts, "; ")
	} else {
		dims.Detail = "no dimension's pass rate dropped beyond noise (95% interval of the change)"
	}
	return []GateCheck{reg, dims}
}

// Describe says how a rate changed, in words: "accuracy 100.0% → 80.6%
// (-19.4 points, 95% interval -33.5 to -6.4)".
func (r RateChange) Describe() string {
	if r.Change == ChangeNA {
		return fmt.Sprintf("%s not comparable (%d judged before, %d now)", r.Dimension, r.Old.Judged, r.New.Judged)
	}
	return fmt.Sprintf("%s %.1f%% → %.1f%% (%+.1f points, 95%% interval %+.1f to %+.1f)",
		r.Dimension, 100*r.Old.Rate, 100*r.New.Rate, 100*r.Delta, 100*r.Low, 100*r.High)
}

// ApplyBaseline records d in sc and adds the baseline checks to its gate:
// a failed one fails the gate with exit code 1, like any quality check.
func ApplyBaseline(sc *Scorecard, d *Diff) {
	sc.Baseline = d
	if d == nil {
		return
	}
	checks := d.Checks()
	sc.Gate.Checks = append(sc.Gate.Checks, checks...)
	for _, ch := range checks {
		if !ch.Passed {
			sc.Gate.Passed = false
			sc.Gate.ExitCode = ExitGateFailed
		}
	}
}
