package reports

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

//go:embed assets/report.css
var reportCSS string

//go:embed assets/report.js
var reportJS string

// ContentSecurityPolicy is the policy index.html declares in a <meta> tag:
// nothing may be fetched, only the inline style and script run.
const ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

// Limits on how much untrusted text one element of index.html shows.
const (
	htmlMessageMax = 20000 // runes of one customer turn or bot reply
	htmlTextMax    = 4000  // runes of a rationale, evidence or error
	htmlListMax    = 100   // cases listed per baseline list
	htmlOpenMax    = 50    // failed cases whose conversation is open on load
)

// HTML writes index.html: one self-contained page (inline CSS and JS, no
// URL is fetched, a Content-Security-Policy forbids it). From the top: the
// release gate verdict and the checks that decided it; the change against
// the baseline when there is one (new failures, fixed cases, and each pass
// rate's change with its interval, as inline SVG); per-dimension pass rates
// with their 95% Wilson intervals and counts by severity, as inline SVG;
// a table of cases, failures first, that a small script (right after the
// table, so it works before the conversations below have loaded) can sort
// and filter
// by status (flaky too), severity, failed dimension, tag, language,
// latency, change against the baseline and text; and for each case a
// <details> section (open for the first failures) with its attempts side by side
// (pass@1, pass^k), each conversation as chat bubbles with the handoff
// marked, and each verdict beside the turn it concerns, its evidence
// highlighted in the reply.
//
// Everything is rendered by html/template, so bot text is always escaped
// text; highlights are made by splitting the text into segments, never by
// assembling HTML. Without JavaScript only sorting and filtering are lost.
//
// HTML shows at most DefaultConversations conversations (see HTMLWith).
func HTML(w io.Writer, sc *score.Scorecard) error {
	return writeHTML(w, sc, DefaultConversations)
}

// HTMLWith is HTML showing the conversations of the first
// o.Conversations cases in the table's order (failures, then errors,
// then passes); 0 shows every one. Every case keeps its row in the table.
func HTMLWith(o Options) Reporter {
	return func(w io.Writer, sc *score.Scorecard) error { return writeHTML(w, sc, o.Conversations) }
}

func writeHTML(w io.Writer, sc *score.Scorecard, limit int) error {
	if sc == nil {
		return errNilScorecard
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	order := readingOrder(sc)
	// Beyond a few thousand conversations the page outgrows what a browser
	// opens comfortably or a mail attaches; the cases left out are the
	// passing ones first, and every one stays in scorecard.json.
	shown := order
	if limit > 0 && limit < len(order) {
		shown = order[:limit]
	}
	page := htmlPageOf(sc, shown)
	if err := pageTemplate.ExecuteTemplate(bw, "head", page); err != nil {
		return err
	}
	// A row needs outcomes and timings only, which a lean case has; the
	// case sections read transcripts back one case at a time
	// (Scorecard.Detail), never all at once.
	for _, i := range order {
		if err := pageTemplate.ExecuteTemplate(bw, "row", page.rowOf(sc.Case(i), i)); err != nil {
			return err
		}
	}
	if err := pageTemplate.ExecuteTemplate(bw, "mid", page); err != nil {
		return err
	}
	for _, i := range shown {
		c, err := sc.Detail(i)
		if err != nil {
			return fmt.Errorf("reports: index.html: %w", err)
		}
		if err := pageTemplate.ExecuteTemplate(bw, "case", page.caseOf(c, i)); err != nil {
			return err
		}
	}
	if err := pageTemplate.ExecuteTemplate(bw, "foot", page); err != nil {
		return err
	}
	return bw.Flush()
}

// seg is a piece of untrusted text: html/template escapes T; M marks it as
// quoted evidence; C says T is the colon of "://", which the template
// writes as an entity so no URL appears literally in the file.
type seg struct {
	T string
	M bool
	C bool
}

// rich is untrusted text cut into segments for the "t" template.
type rich []seg

type htmlPage struct {
	CSS         template.CSS
	JS          template.JS
	Passed      bool
	ExitCode    int
	Interrupted bool
	// Why are the failed checks, named at the top; Checks all of them,
	// failed first, then warnings, then held.
	Why        []htmlCheck
	Checks     []htmlCheck
	Warnings   int
	Version    string
	Suite      string
	SuiteHash  string
	Target     string
	Started    string
	StartedISO string
	Duration   string
	Judges     string
	// Judging summarises LLM judging's cost, when a judge model ruled.
	Judging  string
	Repeat   int
	Totals   score.Totals
	PassRate string
	// Repeated is true when cases ran more than once: pass@1, pass^k and
	// flaky are shown.
	Repeated bool
	K        int
	PassAt1  string
	PassAllK string
	Dims     []htmlDim
	Sevs     []htmlSev
	DimNames []string
	SevNames []string
	Statuses []string
	Tags     []string
	Langs    []string
	Baseline *htmlBaseline

	// Omitted counts the cases whose conversation is left out (see
	// HTMLWith); Shown those whose conversation is in the page.
	Omitted, Shown int

	// index maps the id of a case whose conversation is shown to its
	// section's number; change a case's id to its change against the
	// baseline.
	index  map[string]int
	change map[string]string
	// opened counts the conversations rendered open so far.
	opened int
}

type htmlCheck struct {
	Passed, Warning bool
	Name, Detail    string
}

type htmlDim struct {
	score.DimensionStats
	Has             bool
	Rate, Low, High string
	W, L, CW, HX    string // SVG geometry in 0..100 units
	Label           string
}

type htmlSev struct {
	score.SeverityStats
	Class      string
	P, F, E    string // SVG widths in 0..100 units
	FX, EX     string // SVG x of the fail and error segments
	Label      string
	HasAny     bool
	PassedText string
}

type htmlBaseline struct {
	Started     string
	Target      string
	Tribunal    string
	Cases       int
	Regressions []htmlChange
	Fixes       []htmlChange
	Changed     []htmlChange
	Added       []htmlChange
	Removed     []htmlChange
	// NReg... count every change; the lists stop at htmlListMax.
	NReg, NBlocking, NFix, NChanged, NAdded, NRemoved int
	Rates                                             []htmlRate
	Notes                                             []string
}

type htmlChange struct {
	N        int // the case's section number, 0 when not in this report
	ID       string
	Title    string
	Severity string
	SevClass string
	Old, New string
	Dims     string
	Blocking bool
	Fixed    bool
}

type htmlRate struct {
	Name           string
	Old, New       string
	Delta          string
	Interval       string
	Verdict        string
	Class          string // drop, rise, none or na
	OX, NX, X1, W  string // SVG geometry in 0..100 units
	Comparable     bool
	Label          string
	OldTip, NewTip string
}

type htmlRow struct {
	N int
	// Linked is true when the page holds the case's conversation.
	Linked     bool
	ID         string
	Title      string
	Status     string
	Flaky      bool
	Severity   string
	SevClass   string
	Dims       string
	DimsAttr   string
	Tags       string
	TagsJSON   string
	Language   string
	MaxLatency string
	MaxMS      string
	Repeated   bool
	Passed     string // "2/3" when repeated
	HasBase    bool
	Change     string // regressed, fixed, changed, added or ""
	ChangeText string
}

type htmlCase struct {
	htmlRow
	Open     bool
	Source   string
	File     string
	Repeat   string // "2 of 3 attempts passed · pass@1 66.7% · pass^3 no"
	Attempts []htmlAttempt
	// Loose are verdicts of the case not tied to an attempt.
	Loose []htmlVerdict
}

type htmlAttempt struct {
	N        int
	Status   string
	Error    string
	Started  string
	Duration string
	Turns    []htmlTurn
	// Whole are the whole-conversation verdicts (and any whose turn is not
	// in the transcript).
	Whole []htmlVerdict
}

type htmlTurn struct {
	Index    int
	User     rich
	Reply    rich
	Empty    bool
	Error    string
	Latency  string
	Requests int
	Handoff  *htmlHandoff
	Verdicts []htmlVerdict
}

type htmlHandoff struct {
	// What: "Handed off to a human", or what a faked handoff did.
	What     string
	Source   string
	Signal   string
	Reported string
}

type htmlVerdict struct {
	Status    string
	Dimension string
	Judge     string
	Score     string
	Rationale string
	Evidence  string
}

// Words for a case's change against the baseline, by HTML class.
var changeWords = map[string]string{
	"regressed": "new failure",
	"fixed":     "fixed",
	"changed":   "changed",
	"added":     "new case",
}

// htmlPageOf is the page of sc; shown are the cases whose conversation it
// holds.
func htmlPageOf(sc *score.Scorecard, shown []int) *htmlPage {
	p := &htmlPage{
		CSS:         template.CSS(reportCSS),
		JS:          template.JS(reportJS),
		Passed:      sc.Gate.Passed,
		ExitCode:    sc.Gate.ExitCode,
		Interrupted: sc.Run.Interrupted,
		Version:     sc.Run.Tribunal,
		Suite:       sc.Run.Suite,
		SuiteHash:   sc.Run.SuiteHash,
		Target:      redactTarget(sc.Run.Target),
		Started:     timestamp(sc.Run.Started),
		Duration:    runDuration(sc.Run.Started, sc.Run.Finished),
		Repeat:      sc.Run.Repeat,
		Totals:      sc.Totals,
		PassRate:    percent(sc.Totals.PassRate),
		Statuses:    []string{string(judges.Fail), string(judges.Error), string(judges.Pass)},
		index:       map[string]int{},
		change:      map[string]string{},
	}
	if !sc.Run.Started.IsZero() {
		p.StartedISO = sc.Run.Started.UTC().Format("2006-01-02T15:04:05Z")
	}
	var judgeNames []string
	for _, j := range sc.Run.Judges {
		s := j.Name
		if j.Model != "" || j.PromptVersion != "" {
			s += " (" + strings.Trim(j.Model+" "+j.PromptVersion, " ") + ")"
		}
		judgeNames = append(judgeNames, s)
	}
	p.Judges = strings.Join(judgeNames, ", ")
	if j := sc.Judging; j != nil {
		p.Judging = fmt.Sprintf("%s: %d calls (%d from cache), %d+%d tokens, about $%.4f", j.Model, j.Calls, j.CacheHits, j.PromptTokens, j.CompletionTokens, j.CostUSD)
		if j.BudgetReached {
			p.Judging += "; budget reached, later LLM verdicts skipped"
		}
	}

	for _, ch := range sc.Gate.Checks {
		hc := htmlCheck{Passed: ch.Passed, Warning: ch.Passed && ch.Warning, Name: ch.Name, Detail: ch.Detail}
		p.Checks = append(p.Checks, hc)
		if !ch.Passed {
			p.Why = append(p.Why, hc)
		}
		if hc.Warning {
			p.Warnings++
		}
	}
	// Failed checks first (they are why the gate failed), then warnings.
	rank := func(c htmlCheck) int {
		switch {
		case !c.Passed:
			return 0
		case c.Warning:
			return 1
		}
		return 2
	}
	sort.SliceStable(p.Checks, func(a, b int) bool { return rank(p.Checks[a]) < rank(p.Checks[b]) })

	for _, ci := range shown {
		p.index[sc.Case(ci).ID] = ci + 1
	}
	p.Shown, p.Omitted = len(shown), sc.Len()-len(shown)

	seenDims := map[judges.Dimension]bool{}
	var dims []judges.Dimension
	addDim := func(d judges.Dimension) {
		if !seenDims[d] {
			seenDims[d] = true
			dims = append(dims, d)
		}
	}
	for _, d := range sc.Dimensions {
		p.Dims = append(p.Dims, htmlDimOf(d))
		addDim(d.Dimension)
	}
	for _, d := range judges.Dimensions {
		addDim(d)
	}
	seenSev := map[suite.Severity]bool{}
	for _, s := range suite.Severities {
		seenSev[s] = true
		p.SevNames = append(p.SevNames, string(s))
	}
	var extra []string
	seenTag, seenLang := map[string]bool{}, map[string]bool{}
	// One pass over the cases: a compact scorecard makes each one anew.
	k := 0
	for ci := range sc.Len() {
		c := sc.Case(ci)
		k = max(k, len(c.Attempts))
		for d := range c.Dimensions {
			addDim(d)
		}
		for _, t := range c.Tags {
			if !seenTag[t] {
				seenTag[t] = true
				p.Tags = append(p.Tags, t)
			}
		}
		if c.Language != "" && !seenLang[c.Language] {
			seenLang[c.Language] = true
			p.Langs = append(p.Langs, c.Language)
		}
		if s := c.Severity; !seenSev[s] {
			seenSev[s] = true
			extra = append(extra, string(s))
		}
	}
	p.Repeated = k > 1 || sc.Run.Repeat > 1
	if p.Repeated {
		p.K = max(sc.Run.Repeat, 1, k)
		p.PassAt1, p.PassAllK = percent(sc.Totals.PassAt1), percent(sc.Totals.PassAllK)
	}
	sort.Strings(p.Tags)
	sort.Strings(p.Langs)
	dimensionOrder(dims)
	for _, d := range dims {
		p.DimNames = append(p.DimNames, string(d))
	}
	sort.Strings(extra)
	p.SevNames = append(p.SevNames, extra...)
	for _, s := range sc.Severities {
		p.Sevs = append(p.Sevs, htmlSevOf(s))
	}
	if sc.Baseline != nil {
		p.Baseline = p.baselineOf(sc.Baseline)
	}
	return p
}

func htmlDimOf(d score.DimensionStats) htmlDim {
	h := htmlDim{DimensionStats: d, Has: d.Pass+d.Fail > 0}
	if !h.Has {
		return h
	}
	h.Rate, h.Low, h.High = percent(d.Rate), percent(d.Low), percent(d.High)
	lo, hi := unit(d.Low), unit(d.High)
	h.W, h.L, h.HX, h.CW = svgNum(unit(d.Rate)), svgNum(lo), svgNum(max(lo, hi-0.6)), svgNum(max(0.6, hi-lo))
	h.Label = fmt.Sprintf("%s pass rate %s, 95%% interval %s to %s", d.Dimension, h.Rate, h.Low, h.High)
	return h
}

func htmlSevOf(s score.SeverityStats) htmlSev {
	h := htmlSev{SeverityStats: s, Class: classOf(string(s.Severity)), HasAny: s.Cases > 0}
	if !h.HasAny {
		return h
	}
	n := float64(s.Cases)
	pw, fw, ew := 100*float64(s.Pass)/n, 100*float64(s.Fail)/n, 100*float64(s.Error)/n
	h.P, h.F, h.E = svgNum(pw), svgNum(fw), svgNum(ew)
	h.FX, h.EX = svgNum(pw), svgNum(pw+fw)
	h.Label = fmt.Sprintf("%s: %d of %d passed, %d failed, %d errored", s.Severity, s.Pass, s.Cases, s.Fail, s.Error)
	return h
}

func (p *htmlPage) baselineOf(d *score.Diff) *htmlBaseline {
	b := &htmlBaseline{
		Started: timestamp(d.Run.Started), Target: redactTarget(d.Run.Target), Tribunal: d.Run.Tribunal,
		NReg: len(d.Regressions), NBlocking: len(d.BlockingRegressions()), NFix: len(d.Fixes),
		NChanged: len(d.Changed), NAdded: len(d.Added), NRemoved: len(d.Removed), Notes: d.Notes,
	}
	list := func(cs []score.CaseChange, kind string) []htmlChange {
		var out []htmlChange
		for i, c := range cs {
			if kind != "" {
				p.change[c.ID] = kind
			}
			if i >= htmlListMax {
				continue
			}
			out = append(out, htmlChange{
				N: p.index[c.ID], ID: c.ID, Title: truncate(c.Title, htmlTextMax),
				Severity: string(c.Severity), SevClass: classOf(string(c.Severity)),
				Old: classOf(string(c.Old)), New: classOf(string(c.New)),
				Dims: joinDimensions(c.FailedDimensions), Blocking: c.Blocking, Fixed: kind == "fixed",
			})
		}
		return out
	}
	b.Regressions = list(d.Regressions, "regressed")
	b.Fixes = list(d.Fixes, "fixed")
	b.Changed = list(d.Changed, "changed")
	b.Added = list(d.Added, "added")
	b.Removed = list(d.Removed, "")
	for _, r := range append([]score.RateChange{d.Overall}, d.Dimensions...) {
		b.Rates = append(b.Rates, htmlRateOf(r))
	}
	b.Cases = d.Overall.Old.Judged
	return b
}

func htmlRateOf(r score.RateChange) htmlRate {
	h := htmlRate{Name: r.Dimension, Class: "na", Verdict: "not comparable"}
	fmtStat := func(s score.RateStat) string {
		if s.Judged == 0 {
			return "n/a"
		}
		return fmt.Sprintf("%s (%d/%d)", percent(s.Rate), s.Pass, s.Judged)
	}
	h.Old, h.New = fmtStat(r.Old), fmtStat(r.New)
	if r.Change == score.ChangeNA {
		return h
	}
	h.Comparable = true
	h.Delta = fmt.Sprintf("%+.1f pts", 100*r.Delta)
	h.Interval = fmt.Sprintf("%+.1f to %+.1f", 100*r.Low, 100*r.High)
	switch r.Change {
	case score.ChangeDrop:
		h.Class, h.Verdict = "drop", "dropped beyond noise"
	case score.ChangeRise:
		h.Class, h.Verdict = "rise", "rose beyond noise"
	default:
		h.Class, h.Verdict = "none", "within noise"
	}
	o, n := unit(r.Old.Rate), unit(r.New.Rate)
	h.OX, h.NX, h.X1, h.W = svgNum(o), svgNum(n), svgNum(min(o, n)), svgNum(max(0.01, abs(n-o)))
	h.Label = fmt.Sprintf("%s pass rate %s in the baseline, %s now: %s, 95%% interval %s points, %s",
		r.Dimension, percent(r.Old.Rate), percent(r.New.Rate), h.Delta, h.Interval, h.Verdict)
	h.OldTip, h.NewTip = "baseline "+percent(r.Old.Rate), "now "+percent(r.New.Rate)
	return h
}

// rowOf is the summary-table row of c, case i, lean or complete.
func (p *htmlPage) rowOf(c *score.Case, i int) *htmlRow {
	failed := caseFailedDimensions(c)
	tags, _ := json.Marshal(c.Tags)
	if c.Tags == nil {
		tags = []byte("[]")
	}
	r := &htmlRow{
		N:        i + 1,
		Linked:   p.index[c.ID] == i+1,
		ID:       c.ID,
		Title:    truncate(c.Title, htmlTextMax),
		Status:   classOf(string(c.Status)),
		Flaky:    c.Flaky,
		Severity: string(c.Severity),
		SevClass: classOf(string(c.Severity)),
		Dims:     joinDimensions(failed),
		DimsAttr: strings.ReplaceAll(joinDimensions(failed), ", ", " "),
		Tags:     strings.Join(c.Tags, ", "),
		TagsJSON: string(tags),
		Language: c.Language,
		Repeated: p.Repeated,
		HasBase:  p.Baseline != nil,
	}
	if ms, ok := maxLatencyMS(c); ok {
		r.MaxLatency = latency(ms)
		r.MaxMS = strconv.FormatFloat(ms, 'f', 0, 64)
	}
	if p.Repeated {
		n := c.CountAttempts()
		r.Passed = fmt.Sprintf("%d/%d", n.Pass, len(c.Attempts))
	}
	if p.Baseline != nil {
		r.Change = p.change[c.ID]
		r.ChangeText = changeWords[r.Change]
	}
	return r
}

// caseOf is the detail section of c, the complete case i.
func (p *htmlPage) caseOf(c *score.Case, i int) *htmlCase {
	hc := &htmlCase{
		htmlRow: *p.rowOf(c, i),
		// The first failures are open; a long report stays light to lay out.
		Open:   c.Status == judges.Fail && p.opened < htmlOpenMax,
		Source: c.Source,
		File:   c.File,
	}
	if hc.Open {
		p.opened++
	}
	if c.Line > 0 && c.File != "" {
		hc.File += ":" + strconv.Itoa(c.Line)
	}
	if p.Repeated && len(c.Attempts) > 0 {
		n := c.CountAttempts()
		parts := []string{fmt.Sprintf("%d of %d attempts passed", n.Pass, len(c.Attempts))}
		if n.Error > 0 {
			parts = append(parts, fmt.Sprintf("%d errored", n.Error))
		}
		if c.PassAt1 != nil {
			parts = append(parts, "pass@1 "+percent(*c.PassAt1))
		}
		k := "no"
		if c.PassAllK {
			k = "yes"
		}
		parts = append(parts, fmt.Sprintf("pass^%d %s", len(c.Attempts), k))
		hc.Repeat = strings.Join(parts, " · ")
	}
	for ai := range c.Attempts {
		hc.Attempts = append(hc.Attempts, htmlAttemptOf(&c.Attempts[ai], ai))
	}
	if len(c.Attempts) == 0 {
		for _, v := range c.Verdicts {
			hc.Loose = append(hc.Loose, htmlVerdictOf(v))
		}
	}
	return hc
}

// unit maps a 0..1 rate to 0..100 SVG units.
func unit(f float64) float64 { return min(100, max(0, f*100)) }

func svgNum(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func htmlAttemptOf(a *score.Attempt, ai int) htmlAttempt {
	ha := htmlAttempt{N: attemptNumber(a, ai), Status: classOf(string(a.Status))}
	t := a.Transcript
	switch {
	case a.Error != "":
		ha.Error = truncate(a.Error, htmlTextMax)
	case t != nil && t.Error != "":
		ha.Error = truncate(t.Error, htmlTextMax)
	}
	if t == nil {
		for _, v := range a.Verdicts {
			ha.Whole = append(ha.Whole, htmlVerdictOf(v))
		}
		return ha
	}
	ha.Started = timestamp(t.Started)
	if t.DurationMS > 0 {
		ha.Duration = latency(t.DurationMS)
	}

	// Each verdict goes beside its turn; a failed verdict's evidence is
	// highlighted in its turn, or in every turn for a whole-conversation
	// verdict.
	turnAt := map[int]int{}
	for k, tu := range t.Turns {
		turnAt[tu.Index] = k
	}
	byTurn := make([][]htmlVerdict, len(t.Turns))
	marks := make([][]string, len(t.Turns))
	var everywhere []string
	for _, v := range a.Verdicts {
		k, onTurn := turnAt[v.Turn]
		if v.Turn > 0 && onTurn {
			byTurn[k] = append(byTurn[k], htmlVerdictOf(v))
		} else {
			ha.Whole = append(ha.Whole, htmlVerdictOf(v))
		}
		if v.Status != judges.Fail || v.Evidence == "" {
			continue
		}
		if v.Turn > 0 && onTurn {
			marks[k] = append(marks[k], v.Evidence)
		} else {
			everywhere = append(everywhere, v.Evidence)
		}
	}
	for k, tu := range t.Turns {
		m := append(marks[k][:len(marks[k]):len(marks[k])], everywhere...)
		ht := htmlTurn{
			Index:    tu.Index,
			User:     richText(tu.User, m, htmlMessageMax),
			Reply:    richText(tu.Reply, m, htmlMessageMax),
			Empty:    tu.Reply == "",
			Error:    truncate(tu.Error, htmlTextMax),
			Requests: tu.Attempts,
			Verdicts: byTurn[k],
		}
		if tu.LatencyMS > 0 {
			ht.Latency = latency(tu.LatencyMS)
		}
		if h := tu.Handoff; h.Detected {
			hh := &htmlHandoff{What: "Handed off to a human", Source: string(h.Source), Signal: truncate(h.Signal, htmlTextMax)}
			if h.Faked() {
				hh.What = "Said it was handing off to a human"
			}
			if h.Source == "" {
				hh.Source = "source not recorded"
			}
			if h.Reported != nil {
				if *h.Reported {
					hh.Reported = "the target reported a handoff"
				} else {
					hh.Reported = "but the target reported no handoff"
				}
			}
			ht.Handoff = hh
		}
		ha.Turns = append(ha.Turns, ht)
	}
	return ha
}

func htmlVerdictOf(v judges.Verdict) htmlVerdict {
	hv := htmlVerdict{
		Status:    classOf(string(v.Status)),
		Dimension: string(v.Dimension),
		Judge:     v.Judge,
		Rationale: truncate(v.Rationale, htmlTextMax),
		Evidence:  truncate(v.Evidence, htmlTextMax),
	}
	if v.Score > 0 && v.Score < 1 {
		hv.Score = strconv.FormatFloat(v.Score, 'f', 2, 64)
	}
	return hv
}

// classOf keeps a value usable as a CSS class and data attribute: the
// known statuses and severities pass through, anything else is "other".
func classOf(s string) string {
	switch s {
	case "pass", "fail", "error", "skipped", "critical", "high", "medium", "low":
		return s
	}
	return "other"
}

// richText cleans and truncates s, then cuts it into segments: the
// occurrences of each evidence string are marked, and the colon of every
// "://" is set apart.
func richText(s string, evidence []string, max int) rich {
	s = truncate(clean(s), max)
	if s == "" {
		return nil
	}
	var spans [][2]int
	for _, ev := range evidence {
		spans = append(spans, occurrences(s, ev)...)
	}
	colons := colonsOf(s)
	if len(spans) == 0 && len(colons) == 0 {
		return rich{{T: s}}
	}
	cuts := []int{0, len(s)}
	for _, sp := range spans {
		cuts = append(cuts, sp[0], sp[1])
	}
	isColon := map[int]bool{}
	for _, c := range colons {
		cuts = append(cuts, c, c+1)
		isColon[c] = true
	}
	sort.Ints(cuts)
	var out rich
	for k := 0; k+1 < len(cuts); k++ {
		a, b := cuts[k], cuts[k+1]
		if a == b {
			continue
		}
		in := false
		for _, sp := range spans {
			if a >= sp[0] && a < sp[1] {
				in = true
				break
			}
		}
		sg := seg{T: s[a:b], M: in, C: isColon[a]}
		if n := len(out); n > 0 && !sg.C && !out[n-1].C && out[n-1].M == sg.M {
			out[n-1].T += sg.T
			continue
		}
		out = append(out, sg)
	}
	return out
}

// colonsOf returns the byte offsets of every colon followed by "//".
func colonsOf(s string) []int {
	var out []int
	for off := 0; ; {
		i := strings.Index(s[off:], "://")
		if i < 0 {
			return out
		}
		out = append(out, off+i)
		off += i + 1
	}
}

// occurrences finds evidence in s: every exact occurrence, or else every
// case-insensitive one. Evidence under two characters is not looked for.
func occurrences(s, ev string) [][2]int {
	ev = strings.Trim(clean(ev), " \t\r\n\"'“”‘’«»")
	if utf8.RuneCountInString(ev) < 2 || len(ev) > len(s) {
		return nil
	}
	const most = 50
	var out [][2]int
	for off := 0; len(out) < most; {
		i := strings.Index(s[off:], ev)
		if i < 0 {
			break
		}
		out = append(out, [2]int{off + i, off + i + len(ev)})
		off += i + len(ev)
	}
	if len(out) > 0 {
		return out
	}
	for i := 0; i+len(ev) <= len(s) && len(out) < most; {
		if strings.EqualFold(s[i:i+len(ev)], ev) {
			out = append(out, [2]int{i, i + len(ev)})
			i += len(ev)
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return out
}

// plain makes an untrusted string a rich one.
func plain(s string) rich { return richText(s, nil, htmlTextMax) }

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{"r": plain}).Parse(pageHTML))

// The page is executed in pieces (head, one row per case, mid, one case
// section per case, foot) so a 10,000-case report streams out without
// building one huge value. Markup stays compact: classes, no inline styles.
const pageHTML = `
{{- define "t"}}{{range .}}{{if .M}}<mark>{{end}}{{if .C}}&#58;{{else}}{{.T}}{{end}}{{if .M}}</mark>{{end}}{{end}}{{end}}

{{- define "head" -}}
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="tribunal{{with .Version}} {{.}}{{end}}">
<link rel="icon" href="data:,">
<title>{{if .Passed}}Passed{{else}}Failed{{end}}{{with .Suite}} · {{.}}{{end}} · tribunal</title>
<style>{{.CSS}}</style>
</head>
<body>
<header class="gate {{if .Passed}}pass{{else}}fail{{end}}" id="verdict" data-passed="{{.Passed}}" data-exit="{{.ExitCode}}"><div>
<p class="brand">tribunal{{with .Version}} {{template "t" r .}}{{end}}{{with .Suite}} · suite {{template "t" r .}}{{end}}</p>
<h1>{{if .Passed}}✓ Release gate passed{{else}}✗ Release gate failed{{end}}</h1>
{{with .Why}}<p class="why">Failed: {{range $i, $c := .}}{{if $i}} · {{end}}<b>{{template "t" r $c.Name}}</b>{{end}}</p>
{{end -}}
<p id="totals">Exit code <b>{{.ExitCode}}</b> · <span data-k="pass">{{.Totals.Pass}}</span> passed · <span data-k="fail">{{.Totals.Fail}}</span> failed · <span data-k="error">{{.Totals.Error}}</span> errored · pass rate <span data-k="pass_rate">{{.PassRate}}</span>{{if .Repeated}} · pass@1 <span data-k="pass_at_1">{{.PassAt1}}</span> · pass^{{.K}} <span data-k="pass_all_k">{{.PassAllK}}</span> · <span data-k="flaky">{{.Totals.Flaky}}</span> flaky{{end}}</p>
{{if .Interrupted}}<p class="warn" role="alert"><b>The run was interrupted.</b> This report covers only the attempts that finished.</p>
{{end}}
{{- if .Checks}}<ul class="checks">
{{range .Checks}}<li>{{if not .Passed}}<span class="b fail">failed</span>{{else if .Warning}}<span class="b error">warning</span>{{else}}<span class="b held">held</span>{{end}} <b>{{template "t" r .Name}}</b> {{template "t" r .Detail}}</li>
{{end}}</ul>
{{else}}<p class="muted">No gate checks were configured.</p>
{{end}}</div></header>
<main>
{{with .Baseline}}<section id="baseline"><h2>Against the baseline</h2>
<p class="meta">Baseline run{{with .Started}} of {{.}}{{end}}{{with .Target}} · target {{template "t" r .}}{{end}}{{with .Tribunal}} · tribunal {{template "t" r .}}{{end}} · {{.Cases}} judged cases</p>
<ul class="tiles">
<li class="{{if .NBlocking}}fail{{else if .NReg}}error{{else}}pass{{end}}"><a href="#base-reg"><b data-k="regressions">{{.NReg}}</b> new failure{{if ne .NReg 1}}s{{end}}</a>{{with .NBlocking}}<small>{{.}} critical/high</small>{{end}}</li>
<li class="{{if .NFix}}pass{{else}}other{{end}}"><a href="#base-fix"><b data-k="fixes">{{.NFix}}</b> fixed</a></li>
<li class="other"><b data-k="added">{{.NAdded}}</b> added</li>
<li class="other"><b data-k="removed">{{.NRemoved}}</b> removed</li>
{{with .NChanged}}<li class="error"><b data-k="changed">{{.}}</b> to or from error</li>
{{end}}</ul>
<table class="stats rates">
<thead><tr><th>Pass rate</th><th class="n">Baseline</th><th class="n">Now</th><th>Change (<svg class="key" width="10" height="10" viewBox="0 0 10 10" aria-hidden="true"><circle class="old" cx="5" cy="5" r="3.5"/></svg> baseline, <svg class="key" width="10" height="10" viewBox="0 0 10 10" aria-hidden="true"><circle class="new" cx="5" cy="5" r="3.5"/></svg> now)</th><th>95% interval of the change</th></tr></thead>
<tbody>
{{range .Rates}}<tr class="{{.Class}}" data-dim="{{.Name}}"><th scope="row">{{.Name}}</th><td class="n">{{.Old}}</td><td class="n">{{.New}}</td><td>{{if .Comparable}}<svg class="delta" width="200" height="14" viewBox="-2 0 104 10" preserveAspectRatio="none" role="img" aria-label="{{.Label}}"><rect class="track" width="100" height="10"/><rect class="move" x="{{.X1}}" y="4" width="{{.W}}" height="2"/><circle class="old" cx="{{.OX}}" cy="5" r="2.2"><title>{{.OldTip}}</title></circle><circle class="new" cx="{{.NX}}" cy="5" r="2.2"><title>{{.NewTip}}</title></circle></svg><span class="rate">{{.Delta}}</span>{{else}}<span class="muted">n/a</span>{{end}}</td><td>{{if .Comparable}}{{.Interval}} · {{end}}<b class="verdict">{{.Verdict}}</b></td></tr>
{{end}}</tbody>
</table>
<div class="cols">
<div id="base-reg"><h3>New failures: passed in the baseline, fail now ({{.NReg}})</h3>
{{if .Regressions}}<ul class="changes">
{{range .Regressions}}{{template "change" .}}{{end}}</ul>
{{if gt $.Baseline.NReg (len .Regressions)}}<p class="muted">…and more: filter the cases below by “new failure”.</p>
{{end}}{{else}}<p class="muted">None.</p>
{{end}}</div>
<div id="base-fix"><h3>Fixed: failed in the baseline, pass now ({{.NFix}})</h3>
{{if .Fixes}}<ul class="changes">
{{range .Fixes}}{{template "change" .}}{{end}}</ul>
{{if gt $.Baseline.NFix (len .Fixes)}}<p class="muted">…and more: filter the cases below by “fixed”.</p>
{{end}}{{else}}<p class="muted">None.</p>
{{end}}</div>
</div>
{{if or .Changed .Added .Removed}}<details class="more"><summary>Other changes: {{.NChanged}} to or from error, {{.NAdded}} added, {{.NRemoved}} removed</summary>
{{with .Changed}}<h4>To or from error</h4><ul class="changes">
{{range .}}{{template "change" .}}{{end}}</ul>
{{end}}{{with .Added}}<h4>Added</h4><ul class="changes">
{{range .}}{{template "change" .}}{{end}}</ul>
{{end}}{{with .Removed}}<h4>Removed</h4><ul class="changes">
{{range .}}{{template "change" .}}{{end}}</ul>
{{end}}</details>
{{end}}
{{- range .Notes}}<p class="note">{{template "t" r .}}</p>
{{end}}</section>
{{end -}}
<div class="cols">
<section id="dimensions"><h2>Dimensions</h2>
<table class="stats">
<thead><tr><th>Dimension</th><th>Pass rate (95% interval)</th><th class="n">Pass</th><th class="n">Fail</th><th class="n">Skipped</th><th class="n">Error</th></tr></thead>
<tbody>
{{range .Dims}}<tr data-dim="{{.Dimension}}"><th scope="row">{{.Dimension}}</th><td>{{if .Has}}<svg class="bar" width="160" height="14" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{{.Label}}"><rect class="track" width="100" height="10"/><rect class="fill" width="{{.W}}" height="10"/><rect class="ci" x="{{.L}}" y="4.4" width="{{.CW}}" height="1.2"/><rect class="ci" x="{{.L}}" y="2" width="0.6" height="6"/><rect class="ci" x="{{.HX}}" y="2" width="0.6" height="6"/></svg><span class="rate">{{.Rate}}</span> <span class="ci-text">({{.Low}}–{{.High}})</span>{{else}}<span class="muted">not judged</span>{{end}}</td><td class="n">{{.Pass}}</td><td class="n">{{.Fail}}</td><td class="n">{{.Skipped}}</td><td class="n">{{.Error}}</td></tr>
{{end}}</tbody>
</table>
</section>
<section id="severities"><h2>By severity</h2>
<table class="stats">
<thead><tr><th>Severity</th><th>Outcome</th><th class="n">Cases</th><th class="n">Pass</th><th class="n">Fail</th><th class="n">Error</th></tr></thead>
<tbody>
{{range .Sevs}}<tr data-sev="{{.Severity}}"><th scope="row" class="sev-{{.Class}}">{{.Severity}}</th><td>{{if .HasAny}}<svg class="stack" width="120" height="14" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{{.Label}}"><rect class="p" width="{{.P}}" height="10"/><rect class="f" x="{{.FX}}" width="{{.F}}" height="10"/><rect class="e" x="{{.EX}}" width="{{.E}}" height="10"/></svg>{{else}}<span class="muted">none</span>{{end}}</td><td class="n">{{.Cases}}</td><td class="n">{{.Pass}}</td><td class="n">{{.Fail}}</td><td class="n">{{.Error}}</td></tr>
{{end}}</tbody>
</table>
</section>
</div>
<section id="run"><h2>Run</h2>
<dl class="run">
<div><dt>Target</dt><dd>{{template "t" r .Target}}</dd></div>
<div><dt>Suite</dt><dd>{{template "t" r .Suite}}{{with .SuiteHash}} <code class="hash" title="{{.}}">{{printf "%.19s" .}}…</code>{{end}}</dd></div>
<div><dt>Started</dt><dd>{{if .StartedISO}}<time datetime="{{.StartedISO}}">{{.Started}}</time>{{end}}</dd></div>
<div><dt>Duration</dt><dd>{{.Duration}}</dd></div>
<div><dt>Repeat</dt><dd>{{.Repeat}}</dd></div>
<div><dt>Cases</dt><dd>{{.Totals.Cases}} cases, {{.Totals.Attempts}} attempts{{with .Totals.ErroredAttempts}}, {{.}} errored{{end}}</dd></div>
{{with .Judges}}<div><dt>Judges</dt><dd>{{template "t" r .}}</dd></div>
{{end}}{{with .Judging}}<div><dt>LLM judging</dt><dd>{{template "t" r .}}</dd></div>
{{end}}</dl>
</section>
<section id="cases-list"><h2>Cases</h2>
<div id="filters" class="filters" hidden>
<label>Status<select id="f-status"><option value="">any</option>{{range .Statuses}}<option>{{.}}</option>{{end}}{{if .Repeated}}<option value="flaky">flaky</option>{{end}}</select></label>
<label>Severity<select id="f-sev"><option value="">any</option>{{range .SevNames}}<option>{{.}}</option>{{end}}</select></label>
<label>Failed dimension<select id="f-dim"><option value="">any</option>{{range .DimNames}}<option>{{.}}</option>{{end}}</select></label>
<label>Tag<select id="f-tag"><option value="">any</option>{{range .Tags}}<option>{{.}}</option>{{end}}</select></label>
<label>Language<select id="f-lang"><option value="">any</option>{{range .Langs}}<option>{{.}}</option>{{end}}</select></label>
<label>Slowest reply<select id="f-lat"><option value="">any</option><option value="1000">over 1 s</option><option value="2000">over 2 s</option><option value="5000">over 5 s</option><option value="10000">over 10 s</option></select></label>
{{if .Baseline}}<label>Against baseline<select id="f-base"><option value="">any</option><option value="regressed">new failure</option><option value="fixed">fixed</option><option value="added">new case</option><option value="changed">changed</option></select></label>
{{end}}<label>Search<input id="f-text" type="search" placeholder="id, title, tag…"></label>
<output id="f-count"></output>
</div>
<table id="cases" class="cases">
<thead><tr><th data-k="text">Case</th><th data-k="text">Title</th><th data-k="status">Status</th><th data-k="sev">Severity</th><th data-k="text">Failed dimensions</th><th data-k="text">Tags</th><th data-k="text">Language</th><th data-k="num" class="n">Max latency</th>{{if .Repeated}}<th data-k="ratio" class="n">Passed</th>{{end}}{{if .Baseline}}<th data-k="text">Baseline</th>{{end}}</tr></thead>
<tbody>
{{end}}

{{- define "change"}}<li>{{if .Blocking}}<b class="b fail">blocking</b> {{end}}<span class="sev-{{.SevClass}}">{{.Severity}}</span> {{if .N}}<a href="#c{{.N}}" class="id">{{template "t" r .ID}}</a>{{else}}<span class="id">{{template "t" r .ID}}</span>{{end}}{{with .Title}} <span class="title">{{template "t" r .}}</span>{{end}}{{if and .Old .New}} <span class="muted">{{.Old}} → {{.New}}</span>{{end}}{{with .Dims}}{{if $.Fixed}} <span class="muted">· had failed: {{.}}</span>{{else}} <span class="fd">{{.}}</span>{{end}}{{end}}</li>
{{end}}

{{- define "row"}}<tr data-s="{{.Status}}" data-v="{{.Severity}}" data-d="{{.DimsAttr}}" data-t="{{.TagsJSON}}" data-l="{{.Language}}"{{if .Flaky}} data-f="1"{{end}}{{with .Change}} data-b="{{.}}"{{end}}><td class="id">{{if .Linked}}<a href="#c{{.N}}">{{template "t" r .ID}}</a>{{else}}{{template "t" r .ID}}{{end}}</td><td>{{template "t" r .Title}}</td><td><b class="b {{.Status}}">{{.Status}}</b>{{if .Flaky}} <b class="b error flaky">flaky</b>{{end}}</td><td>{{.Severity}}</td><td>{{.Dims}}</td><td>{{template "t" r .Tags}}</td><td>{{.Language}}</td><td class="n" data-n="{{.MaxMS}}">{{.MaxLatency}}</td>{{if .Repeated}}<td class="n">{{.Passed}}</td>{{end}}{{if .HasBase}}<td>{{with .ChangeText}}<span class="chg {{$.Change}}">{{.}}</span>{{end}}</td>{{end}}</tr>
{{end}}

{{- define "mid" -}}
</tbody>
</table>
<script>{{.JS}}</script>
</section>
<section id="details"><h2>Conversations</h2>
{{if .Omitted}}<p class="note" id="omitted">This page shows the conversations of the first {{.Shown}} cases in the table's order (failures, then errors, then passes). The other {{.Omitted}} are listed in the table; their conversations and verdicts are in scorecard.json and results.jsonl. <code>tribunal report</code> with <code>--html-conversations 0</code> writes a page with every one.</p>
{{end}}
{{- end}}

{{- define "case"}}<details id="c{{.N}}" class="case {{.Status}}"{{if .Open}} open{{end}}>
<summary><b class="b {{.Status}}">{{.Status}}</b>{{if .Flaky}} <b class="b error">flaky</b>{{end}} <span class="sev-{{.SevClass}}">{{.Severity}}</span> <b class="id">{{template "t" r .ID}}</b>{{with .Title}} <span class="title">{{template "t" r .}}</span>{{end}}{{with .Dims}} <span class="fd">failed: {{.}}</span>{{end}}{{with .ChangeText}} <span class="chg {{$.Change}}">{{.}}</span>{{end}}</summary>
<p class="meta">{{with .Tags}}tags: {{template "t" r .}} · {{end}}{{with .Language}}language: {{.}} · {{end}}{{with .Source}}source: {{template "t" r .}} · {{end}}{{with .File}}file: <code>{{template "t" r .}}</code> · {{end}}{{len .Attempts}} attempt{{if ne (len .Attempts) 1}}s{{end}}</p>
{{with .Repeat}}<p class="repeat">{{.}}</p>
{{end}}
{{- if gt (len .Attempts) 1}}<div class="attempts">
{{range .Attempts}}<section class="attempt {{.Status}}">{{template "attempt" .}}</section>
{{end}}</div>
{{else}}{{range .Attempts}}{{template "attempt" .}}{{end}}{{end}}
{{- with .Loose}}<ul class="vs whole">
{{range .}}{{template "verdict" .}}{{end}}</ul>
{{end}}</details>
{{end}}

{{- define "attempt"}}<h3>Attempt {{.N}} <b class="b {{.Status}}">{{.Status}}</b>{{if or .Started .Duration}} <span class="meta">{{.Started}}{{if and .Started .Duration}} · {{end}}{{.Duration}}</span>{{end}}</h3>
{{with .Error}}<p class="err" role="alert"><b>Could not finish:</b> {{template "t" r .}}</p>
{{end}}
{{- if .Turns}}<ol class="chat">
{{range .Turns}}<li><p class="u"><small>Customer · turn {{.Index}}</small>{{template "t" .User}}</p>
{{with .Error}}<p class="err" role="alert"><b>Turn error:</b> {{template "t" r .}}</p>
{{end}}
{{- if or (not .Empty) (not .Error)}}<p class="a{{if .Handoff}} ho{{end}}"><small>Bot{{with .Latency}} · {{.}}{{end}}{{if gt .Requests 1}} · {{.Requests}} requests{{end}}</small>{{if .Empty}}<i>(no reply)</i>{{else}}{{template "t" .Reply}}{{end}}</p>
{{end}}
{{- with .Handoff}}<p class="hand">⇄ {{.What}} · {{.Source}}{{with .Signal}}: {{template "t" r .}}{{end}}{{with .Reported}} · {{.}}{{end}}</p>
{{end}}
{{- with .Verdicts}}<ul class="vs">
{{range .}}{{template "verdict" .}}{{end}}</ul>
{{end}}</li>
{{end}}</ol>
{{end}}
{{- with .Whole}}<h4>Whole conversation</h4>
<ul class="vs whole">
{{range .}}{{template "verdict" .}}{{end}}</ul>
{{end}}
{{- end}}

{{- define "verdict"}}<li class="{{.Status}}"><b>{{.Status}}</b> <b>{{.Dimension}}</b> · {{template "t" r .Judge}}{{with .Score}} · score {{.}}{{end}}{{with .Rationale}}<span>{{template "t" r .}}</span>{{end}}{{with .Evidence}}<blockquote>{{template "t" r .}}</blockquote>{{end}}</li>
{{end}}

{{- define "foot" -}}
</section>
</main>
</body>
</html>
{{end}}`
