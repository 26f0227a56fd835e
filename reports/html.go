package reports

import (
	"bufio"
	_ "embed"
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
)

// HTML writes index.html: one self-contained page (inline CSS and JS, no
// URL is fetched, a Content-Security-Policy forbids it) with the release
// gate verdict, the run, per-dimension pass rates with their 95% intervals
// as inline SVG bars, counts by severity, a table of cases (failures first)
// that a small script can sort and filter, and for each case a <details>
// section (open when it failed) with every attempt's conversation, the
// handoff, and each verdict beside the turn it concerns, its evidence
// highlighted in the reply.
//
// Everything is rendered by html/template, so bot text is always escaped
// text; highlights are made by splitting the text into segments, never by
// assembling HTML. Without JavaScript only sorting and filtering are lost.
func HTML(w io.Writer, sc *score.Scorecard) error {
	if sc == nil {
		return errNilScorecard
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	page := htmlPageOf(sc)
	order := readingOrder(sc)
	if err := pageTemplate.ExecuteTemplate(bw, "head", page); err != nil {
		return err
	}
	for _, i := range order {
		if err := pageTemplate.ExecuteTemplate(bw, "row", htmlRowOf(sc, i)); err != nil {
			return err
		}
	}
	if err := pageTemplate.ExecuteTemplate(bw, "mid", page); err != nil {
		return err
	}
	for _, i := range order {
		if err := pageTemplate.ExecuteTemplate(bw, "case", htmlCaseOf(sc, i)); err != nil {
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
	Checks      []htmlCheck
	Version     string
	Suite       string
	Target      string
	Started     string
	StartedISO  string
	Duration    string
	Repeat      int
	Totals      score.Totals
	PassRate    string
	Dims        []htmlDim
	Sevs        []score.SeverityStats
	DimNames    []string
	SevNames    []string
	Statuses    []string
}

type htmlCheck struct {
	Passed       bool
	Name, Detail string
}

type htmlDim struct {
	score.DimensionStats
	Has             bool
	Rate, Low, High string
	W, L, CW, HX    string // SVG geometry in 0..100 units
	Label           string
}

type htmlRow struct {
	N          int
	ID         string
	Title      string
	Status     string
	Severity   string
	SevClass   string
	Dims       string
	DimsAttr   string
	Tags       string
	Language   string
	MaxLatency string
	MaxMS      string
}

type htmlCase struct {
	htmlRow
	Open     bool
	Source   string
	File     string
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

func htmlPageOf(sc *score.Scorecard) *htmlPage {
	p := &htmlPage{
		CSS:         template.CSS(reportCSS),
		JS:          template.JS(reportJS),
		Passed:      sc.Gate.Passed,
		ExitCode:    sc.Gate.ExitCode,
		Interrupted: sc.Run.Interrupted,
		Version:     sc.Run.Tribunal,
		Suite:       sc.Run.Suite,
		Target:      redactTarget(sc.Run.Target),
		Started:     timestamp(sc.Run.Started),
		Duration:    runDuration(sc.Run.Started, sc.Run.Finished),
		Repeat:      sc.Run.Repeat,
		Totals:      sc.Totals,
		PassRate:    percent(sc.Totals.PassRate),
		Sevs:        sc.Severities,
		Statuses:    []string{string(judges.Fail), string(judges.Error), string(judges.Pass)},
	}
	if !sc.Run.Started.IsZero() {
		p.StartedISO = sc.Run.Started.UTC().Format("2006-01-02T15:04:05Z")
	}
	for _, ch := range sc.Gate.Checks {
		p.Checks = append(p.Checks, htmlCheck{Passed: ch.Passed, Name: ch.Name, Detail: ch.Detail})
	}
	// Failed checks first: they are why the gate failed.
	sort.SliceStable(p.Checks, func(a, b int) bool { return !p.Checks[a].Passed && p.Checks[b].Passed })

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
	for ci := range sc.Cases {
		for d := range sc.Cases[ci].Dimensions {
			addDim(d)
		}
	}
	dimensionOrder(dims)
	for _, d := range dims {
		p.DimNames = append(p.DimNames, string(d))
	}
	seenSev := map[suite.Severity]bool{}
	for _, s := range suite.Severities {
		seenSev[s] = true
		p.SevNames = append(p.SevNames, string(s))
	}
	var extra []string
	for ci := range sc.Cases {
		if s := sc.Cases[ci].Severity; !seenSev[s] {
			seenSev[s] = true
			extra = append(extra, string(s))
		}
	}
	sort.Strings(extra)
	p.SevNames = append(p.SevNames, extra...)
	return p
}

func htmlDimOf(d score.DimensionStats) htmlDim {
	h := htmlDim{DimensionStats: d, Has: d.Pass+d.Fail > 0}
	if !h.Has {
		return h
	}
	h.Rate, h.Low, h.High = percent(d.Rate), percent(d.Low), percent(d.High)
	unit := func(f float64) float64 { return min(100, max(0, f*100)) }
	g := func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
	lo, hi := unit(d.Low), unit(d.High)
	h.W, h.L, h.HX, h.CW = g(unit(d.Rate)), g(lo), g(max(lo, hi-0.6)), g(max(0.6, hi-lo))
	h.Label = fmt.Sprintf("%s pass rate %s, 95%% interval %s to %s", d.Dimension, h.Rate, h.Low, h.High)
	return h
}

func htmlRowOf(sc *score.Scorecard, i int) *htmlRow {
	c := &sc.Cases[i]
	failed := caseFailedDimensions(c)
	r := &htmlRow{
		N:        i + 1,
		ID:       c.ID,
		Title:    truncate(c.Title, htmlTextMax),
		Status:   classOf(string(c.Status)),
		Severity: string(c.Severity),
		SevClass: classOf(string(c.Severity)),
		Dims:     joinDimensions(failed),
		DimsAttr: strings.ReplaceAll(joinDimensions(failed), ", ", " "),
		Tags:     strings.Join(c.Tags, ", "),
		Language: c.Language,
	}
	if ms, ok := maxLatencyMS(c); ok {
		r.MaxLatency = latency(ms)
		r.MaxMS = strconv.FormatFloat(ms, 'f', 0, 64)
	}
	return r
}

func htmlCaseOf(sc *score.Scorecard, i int) *htmlCase {
	c := &sc.Cases[i]
	hc := &htmlCase{
		htmlRow: *htmlRowOf(sc, i),
		Open:    c.Status == judges.Fail,
		Source:  c.Source,
		File:    c.File,
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
			hh := &htmlHandoff{Source: string(h.Source), Signal: truncate(h.Signal, htmlTextMax)}
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
<header class="gate {{if .Passed}}pass{{else}}fail{{end}}"><div>
<p class="brand">tribunal{{with .Version}} {{template "t" r .}}{{end}}{{with .Suite}} · suite {{template "t" r .}}{{end}}</p>
<h1>{{if .Passed}}✓ Release gate passed{{else}}✗ Release gate failed{{end}}</h1>
<p>Exit code <b>{{.ExitCode}}</b> · {{.Totals.Pass}} passed · {{.Totals.Fail}} failed · {{.Totals.Error}} errored · pass rate {{.PassRate}}</p>
{{if .Interrupted}}<p class="warn" role="alert"><b>The run was interrupted.</b> This report covers only the attempts that finished.</p>
{{end}}
{{- if .Checks}}<ul class="checks">
{{range .Checks}}<li>{{if .Passed}}<span class="b held">held</span>{{else}}<span class="b fail">failed</span>{{end}} <b>{{template "t" r .Name}}</b> {{template "t" r .Detail}}</li>
{{end}}</ul>
{{else}}<p class="muted">No gate checks were configured.</p>
{{end}}</div></header>
<main>
<section id="run"><h2>Run</h2>
<dl class="run">
<div><dt>Target</dt><dd>{{template "t" r .Target}}</dd></div>
<div><dt>Suite</dt><dd>{{template "t" r .Suite}}</dd></div>
<div><dt>Started</dt><dd>{{if .StartedISO}}<time datetime="{{.StartedISO}}">{{.Started}}</time>{{end}}</dd></div>
<div><dt>Duration</dt><dd>{{.Duration}}</dd></div>
<div><dt>Repeat</dt><dd>{{.Repeat}}</dd></div>
<div><dt>Cases</dt><dd>{{.Totals.Cases}} cases, {{.Totals.Attempts}} attempts{{with .Totals.ErroredAttempts}}, {{.}} errored{{end}}</dd></div>
</dl>
</section>
<section id="dimensions"><h2>Dimensions</h2>
<table class="stats">
<thead><tr><th>Dimension</th><th>Pass rate (95% interval)</th><th class="n">Pass</th><th class="n">Fail</th><th class="n">Skipped</th><th class="n">Error</th></tr></thead>
<tbody>
{{range .Dims}}<tr><th scope="row">{{.Dimension}}</th><td>{{if .Has}}<svg class="bar" width="160" height="14" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{{.Label}}"><rect class="track" width="100" height="10"/><rect class="fill" width="{{.W}}" height="10"/><rect class="ci" x="{{.L}}" y="4.4" width="{{.CW}}" height="1.2"/><rect class="ci" x="{{.L}}" y="2" width="0.6" height="6"/><rect class="ci" x="{{.HX}}" y="2" width="0.6" height="6"/></svg><span class="rate">{{.Rate}}</span> <span class="ci-text">({{.Low}}–{{.High}})</span>{{else}}<span class="muted">not judged</span>{{end}}</td><td class="n">{{.Pass}}</td><td class="n">{{.Fail}}</td><td class="n">{{.Skipped}}</td><td class="n">{{.Error}}</td></tr>
{{end}}</tbody>
</table>
</section>
<section id="severities"><h2>By severity</h2>
<table class="stats">
<thead><tr><th>Severity</th><th class="n">Cases</th><th class="n">Pass</th><th class="n">Fail</th><th class="n">Error</th></tr></thead>
<tbody>
{{range .Sevs}}<tr><th scope="row">{{.Severity}}</th><td class="n">{{.Cases}}</td><td class="n">{{.Pass}}</td><td class="n">{{.Fail}}</td><td class="n">{{.Error}}</td></tr>
{{end}}</tbody>
</table>
</section>
<section id="cases-list"><h2>Cases</h2>
<div id="filters" class="filters" hidden>
<label>Status<select id="f-status"><option value="">any</option>{{range .Statuses}}<option>{{.}}</option>{{end}}</select></label>
<label>Failed dimension<select id="f-dim"><option value="">any</option>{{range .DimNames}}<option>{{.}}</option>{{end}}</select></label>
<label>Severity<select id="f-sev"><option value="">any</option>{{range .SevNames}}<option>{{.}}</option>{{end}}</select></label>
<label>Search<input id="f-text" type="search" placeholder="id, title, tag…"></label>
<output id="f-count"></output>
</div>
<table id="cases" class="cases">
<thead><tr><th data-k="text">Case</th><th data-k="text">Title</th><th data-k="status">Status</th><th data-k="sev">Severity</th><th data-k="text">Failed dimensions</th><th data-k="text">Tags</th><th data-k="text">Language</th><th data-k="num" class="n">Max latency</th></tr></thead>
<tbody>
{{end}}

{{- define "row"}}<tr data-s="{{.Status}}" data-v="{{.Severity}}" data-d="{{.DimsAttr}}"><td class="id"><a href="#c{{.N}}">{{template "t" r .ID}}</a></td><td>{{template "t" r .Title}}</td><td><b class="b {{.Status}}">{{.Status}}</b></td><td>{{.Severity}}</td><td>{{.Dims}}</td><td>{{template "t" r .Tags}}</td><td>{{.Language}}</td><td class="n" data-n="{{.MaxMS}}">{{.MaxLatency}}</td></tr>
{{end}}

{{- define "mid" -}}
</tbody>
</table>
</section>
<section id="details"><h2>Conversations</h2>
{{end}}

{{- define "case"}}<details id="c{{.N}}" class="case {{.Status}}"{{if .Open}} open{{end}}>
<summary><b class="b {{.Status}}">{{.Status}}</b> <span class="sev-{{.SevClass}}">{{.Severity}}</span> <b class="id">{{template "t" r .ID}}</b>{{with .Title}} <span class="title">{{template "t" r .}}</span>{{end}}{{with .Dims}} <span class="fd">failed: {{.}}</span>{{end}}</summary>
<p class="meta">{{with .Tags}}tags: {{template "t" r .}} · {{end}}{{with .Language}}language: {{.}} · {{end}}{{with .Source}}source: {{template "t" r .}} · {{end}}{{with .File}}file: <code>{{template "t" r .}}</code> · {{end}}{{len .Attempts}} attempt{{if ne (len .Attempts) 1}}s{{end}}</p>
{{range .Attempts}}<h3>Attempt {{.N}} <b class="b {{.Status}}">{{.Status}}</b>{{if or .Started .Duration}} <span class="meta">{{.Started}}{{if and .Started .Duration}} · {{end}}{{.Duration}}</span>{{end}}</h3>
{{with .Error}}<p class="err" role="alert"><b>Could not finish:</b> {{template "t" r .}}</p>
{{end}}
{{- if .Turns}}<ol class="chat">
{{range .Turns}}<li><p class="u"><small>Customer · turn {{.Index}}</small>{{template "t" .User}}</p>
{{with .Error}}<p class="err" role="alert"><b>Turn error:</b> {{template "t" r .}}</p>
{{end}}
{{- if or (not .Empty) (not .Error)}}<p class="a{{if .Handoff}} ho{{end}}"><small>Bot{{with .Latency}} · {{.}}{{end}}{{if gt .Requests 1}} · {{.Requests}} requests{{end}}</small>{{if .Empty}}<i>(no reply)</i>{{else}}{{template "t" .Reply}}{{end}}</p>
{{end}}
{{- with .Handoff}}<p class="hand">⇄ Handed off to a human · {{.Source}}{{with .Signal}}: {{template "t" r .}}{{end}}{{with .Reported}} · {{.}}{{end}}</p>
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
{{- with .Loose}}<ul class="vs whole">
{{range .}}{{template "verdict" .}}{{end}}</ul>
{{end}}</details>
{{end}}

{{- define "verdict"}}<li class="{{.Status}}"><b>{{.Status}}</b> <b>{{.Dimension}}</b> · {{template "t" r .Judge}}{{with .Score}} · score {{.}}{{end}}{{with .Rationale}}<span>{{template "t" r .}}</span>{{end}}{{with .Evidence}}<blockquote>{{template "t" r .}}</blockquote>{{end}}</li>
{{end}}

{{- define "foot" -}}
</section>
</main>
<script>{{.JS}}</script>
</body>
</html>
{{end}}`
