package reports

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/transcript"
)

// Limits that keep junit.xml readable in CI viewers when a bot rambles.
const (
	junitMessageMax = 300  // runes in a message attribute
	junitTextMax    = 2000 // runes of a quoted evidence, rationale or error
	junitReplyMax   = 4000 // runes of one reply in <system-out>
)

// junitSuite is the <testsuite>'s attributes and properties; its
// testcases are written one case at a time.
type junitSuite struct {
	Name       string
	Tests      int
	Failures   int
	Errors     int
	Skipped    int
	Time       string
	Timestamp  string
	Properties []junitProperty
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitOutcome `xml:"failure,omitempty"`
	Error     *junitOutcome `xml:"error,omitempty"`
	Skipped   *junitOutcome `xml:"skipped,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

// junitText is a multi-line text written as CDATA, so junit.xml stays
// readable with cat; encoding/xml splits any "]]>" inside it.
type junitText struct {
	Text string `xml:",cdata"`
}

type junitOutcome struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",cdata"`
}

// JUnit writes junit.xml as Jenkins and GitLab read it, valid against the
// JUnit schema of Jenkins' xUnit plugin (junit-10.xsd, which is why no
// testcase has a file attribute and <testsuites> no skipped count): one
// <testsuite> named after the run's suite, one <testcase> per attempt of
// each case (named by case id, with " #k" when cases are repeated), grouped
// into classes by the case's first tag or id prefix. A failed attempt
// carries a <failure> listing every failed verdict with its evidence (and
// says so when the case is flaky); an errored attempt carries an <error>
// and never a <failure>. Failed and errored attempts also carry the case
// file and their conversation in <system-out>.
func JUnit(w io.Writer, sc *score.Scorecard) error {
	if sc == nil {
		return errNilScorecard
	}
	suiteName := sc.Run.Suite
	if suiteName == "" {
		suiteName = "tribunal"
	}
	js := junitSuite{Name: xmlText(suiteName)}
	if !sc.Run.Started.IsZero() {
		js.Timestamp = sc.Run.Started.UTC().Format("2006-01-02T15:04:05")
	}
	js.Properties = junitProperties(sc)

	// The counts head the file, so a first pass takes them from the
	// outcomes; the second writes the testcases one case at a time, reading
	// back only the cases that did not pass.
	var sumMS float64
	for ci := range sc.Len() {
		c := sc.Case(ci)
		if len(c.Attempts) == 0 {
			js.Tests++
			js.Skipped++
			continue
		}
		for ai := range c.Attempts {
			a := &c.Attempts[ai]
			js.Tests++
			if ms, _, ok := a.Timing(); ok {
				sumMS += ms
			}
			switch a.Status {
			case judges.Fail:
				js.Failures++
			case judges.Error:
				js.Errors++
			case judges.Pass:
			default:
				js.Skipped++
			}
		}
	}
	wallMS := float64(sc.Run.Finished.Sub(sc.Run.Started).Milliseconds())
	if sc.Run.Started.IsZero() || sc.Run.Finished.IsZero() || wallMS <= 0 {
		wallMS = sumMS
	}
	js.Time = seconds(wallMS)

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	attr := func(name, value string) xml.Attr { return xml.Attr{Name: xml.Name{Local: name}, Value: value} }
	suites := xml.StartElement{Name: xml.Name{Local: "testsuites"}, Attr: []xml.Attr{
		attr("name", "tribunal"), attr("tests", strconv.Itoa(js.Tests)), attr("failures", strconv.Itoa(js.Failures)),
		attr("errors", strconv.Itoa(js.Errors)), attr("time", js.Time)}}
	suiteEl := xml.StartElement{Name: xml.Name{Local: "testsuite"}, Attr: []xml.Attr{
		attr("name", js.Name), attr("tests", strconv.Itoa(js.Tests)), attr("failures", strconv.Itoa(js.Failures)),
		attr("errors", strconv.Itoa(js.Errors)), attr("skipped", strconv.Itoa(js.Skipped)), attr("time", js.Time)}}
	if js.Timestamp != "" {
		suiteEl.Attr = append(suiteEl.Attr, attr("timestamp", js.Timestamp))
	}
	if err := enc.EncodeToken(suites); err != nil {
		return fmt.Errorf("reports: encoding junit.xml: %w", err)
	}
	if err := enc.EncodeToken(suiteEl); err != nil {
		return fmt.Errorf("reports: encoding junit.xml: %w", err)
	}
	if len(js.Properties) > 0 {
		props := xml.StartElement{Name: xml.Name{Local: "properties"}}
		if err := enc.EncodeToken(props); err != nil {
			return fmt.Errorf("reports: encoding junit.xml: %w", err)
		}
		for _, p := range js.Properties {
			if err := enc.EncodeElement(p, xml.StartElement{Name: xml.Name{Local: "property"}}); err != nil {
				return fmt.Errorf("reports: encoding junit.xml: %w", err)
			}
		}
		if err := enc.EncodeToken(props.End()); err != nil {
			return fmt.Errorf("reports: encoding junit.xml: %w", err)
		}
	}
	testcase := xml.StartElement{Name: xml.Name{Local: "testcase"}}
	for ci := range sc.Len() {
		tcs, err := junitCasesOf(sc, ci)
		if err != nil {
			return err
		}
		for i := range tcs {
			if err := enc.EncodeElement(&tcs[i], testcase); err != nil {
				return fmt.Errorf("reports: encoding junit.xml: %w", err)
			}
		}
	}
	for _, end := range []xml.EndElement{suiteEl.End(), suites.End()} {
		if err := enc.EncodeToken(end); err != nil {
			return fmt.Errorf("reports: encoding junit.xml: %w", err)
		}
	}
	if err := enc.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitCasesOf is the testcases of case ci: one per attempt, or one
// skipped testcase for a case no attempt of which finished.
func junitCasesOf(sc *score.Scorecard, ci int) ([]junitCase, error) {
	// Passed attempts need their timing only; the verdicts and
	// conversation of the others are read back.
	c := sc.Case(ci)
	if c.Status != judges.Pass {
		var err error
		if c, err = sc.Detail(ci); err != nil {
			return nil, fmt.Errorf("reports: junit.xml: %w", err)
		}
	}
	class := xmlText(caseGroup(c, sc.Run.Suite))
	if len(c.Attempts) == 0 {
		return []junitCase{{
			Name: xmlText(c.ID), Classname: class, Time: "0",
			Skipped: &junitOutcome{Message: "no attempt finished (the run was interrupted or the case was not run)"},
		}}, nil
	}
	out := make([]junitCase, 0, len(c.Attempts))
	numbered := sc.Run.Repeat > 1 || len(c.Attempts) > 1
	for ai := range c.Attempts {
		a := &c.Attempts[ai]
		name := c.ID
		if numbered {
			name += " #" + strconv.Itoa(attemptNumber(a, ai))
		}
		tc := junitCase{Name: xmlText(name), Classname: class, Time: "0"}
		if ms, _, ok := a.Timing(); ok {
			tc.Time = seconds(ms)
		}
		switch a.Status {
		case judges.Fail:
			failed := verdictDimensions(a.Verdicts, judges.Fail)
			msg := "failed"
			if len(failed) > 0 {
				msg += ": " + joinDimensions(failed)
			}
			if c.Flaky {
				n := c.CountAttempts()
				msg += fmt.Sprintf(" (flaky: %d of %d attempts passed)", n.Pass, len(c.Attempts))
			}
			tc.Failure = &junitOutcome{Message: xmlText(msg), Type: xmlText(string(c.Severity)), Body: xmlText(verdictReport(a.Verdicts))}
			tc.SystemOut = systemOut(c, a.Transcript)
		case judges.Error:
			msg := attemptError(a)
			body := msg
			if vs := verdictReport(a.Verdicts); vs != "" {
				body += "\n\n" + vs
			}
			tc.Error = &junitOutcome{Message: xmlText(oneLine(truncate(msg, junitMessageMax))), Type: "error", Body: xmlText(truncate(body, 4*junitTextMax))}
			tc.SystemOut = systemOut(c, a.Transcript)
		case judges.Pass:
		default:
			tc.Skipped = &junitOutcome{Message: xmlText(fmt.Sprintf("attempt status %q", a.Status))}
		}
		out = append(out, tc)
	}
	return out, nil
}

func junitProperties(sc *score.Scorecard) []junitProperty {
	ps := []junitProperty{
		{"tribunal.version", sc.Run.Tribunal},
		{"tribunal.target", redactTarget(sc.Run.Target)},
		{"tribunal.repeat", strconv.Itoa(sc.Run.Repeat)},
		{"tribunal.gate.passed", strconv.FormatBool(sc.Gate.Passed)},
		{"tribunal.gate.exit_code", strconv.Itoa(sc.Gate.ExitCode)},
	}
	if sc.Run.SuiteHash != "" {
		ps = append(ps, junitProperty{"tribunal.suite_hash", sc.Run.SuiteHash})
	}
	if sc.Run.Interrupted {
		ps = append(ps, junitProperty{"tribunal.interrupted", "true"})
	}
	if sc.Run.Repeat > 1 {
		ps = append(ps,
			junitProperty{"tribunal.pass_at_1", strconv.FormatFloat(sc.Totals.PassAt1, 'f', 4, 64)},
			junitProperty{"tribunal.pass_all_k", strconv.FormatFloat(sc.Totals.PassAllK, 'f', 4, 64)},
			junitProperty{"tribunal.flaky", strconv.Itoa(sc.Totals.Flaky)})
	}
	if d := sc.Baseline; d != nil {
		ps = append(ps,
			junitProperty{"tribunal.baseline.regressions", strconv.Itoa(len(d.Regressions))},
			junitProperty{"tribunal.baseline.fixes", strconv.Itoa(len(d.Fixes))})
	}
	for _, ch := range sc.Gate.Checks {
		state := "held"
		if !ch.Passed {
			state = "failed"
		}
		ps = append(ps, junitProperty{"tribunal.gate." + ch.Name, state + ": " + ch.Detail})
	}
	for i := range ps {
		ps[i].Name, ps[i].Value = xmlText(ps[i].Name), xmlText(ps[i].Value)
	}
	return ps
}

// verdictReport lists the failed and errored verdicts, one block each.
func verdictReport(vs []judges.Verdict) string {
	var b strings.Builder
	for _, v := range vs {
		if v.Status != judges.Fail && v.Status != judges.Error {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		where := "whole conversation"
		if v.Turn > 0 {
			where = "turn " + strconv.Itoa(v.Turn)
		}
		fmt.Fprintf(&b, "%s %s (judge %s, %s)\n", v.Dimension, statusVerb(v.Status), v.Judge, where)
		if v.Rationale != "" {
			b.WriteString("  " + indent(truncate(v.Rationale, junitTextMax), "  ") + "\n")
		}
		if v.Evidence != "" {
			b.WriteString("  evidence: \"" + indent(truncate(v.Evidence, junitTextMax), "  ") + "\"\n")
		}
	}
	return b.String()
}

func statusVerb(s judges.Status) string {
	switch s {
	case judges.Fail:
		return "failed"
	case judges.Error:
		return "errored"
	case judges.Pass:
		return "passed"
	}
	return string(s)
}

func systemOut(c *score.Case, t *transcript.Transcript) *junitText {
	var b strings.Builder
	if c.File != "" {
		b.WriteString("case file: " + c.File)
		if c.Line > 0 {
			b.WriteString(":" + strconv.Itoa(c.Line))
		}
		b.WriteString("\n")
	}
	b.WriteString(conversation(t))
	if b.Len() == 0 {
		return nil
	}
	return &junitText{Text: xmlText(b.String())}
}

// conversation renders a transcript as plain text for <system-out>.
func conversation(t *transcript.Transcript) string {
	if t == nil {
		return ""
	}
	var b strings.Builder
	if t.Error != "" {
		b.WriteString("attempt error: " + indent(truncate(t.Error, junitTextMax), "  ") + "\n")
	}
	for _, tu := range t.Turns {
		fmt.Fprintf(&b, "turn %d\n", tu.Index)
		b.WriteString("  customer: " + indent(truncate(tu.User, junitReplyMax), "    ") + "\n")
		if tu.Error != "" {
			b.WriteString("  error: " + indent(truncate(tu.Error, junitTextMax), "    ") + "\n")
		}
		if tu.Reply != "" || tu.Error == "" {
			fmt.Fprintf(&b, "  bot (%s): %s\n", latency(tu.LatencyMS), indent(truncate(tu.Reply, junitReplyMax), "    "))
		}
		if tu.Handoff.Detected {
			fmt.Fprintf(&b, "  handoff: %s", tu.Handoff.Source)
			if tu.Handoff.Signal != "" {
				fmt.Fprintf(&b, " (%s)", oneLine(truncate(tu.Handoff.Signal, 200)))
			}
			if tu.Handoff.Faked() {
				b.WriteString(", faked: the target reports no handoff")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func indent(s, prefix string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// x makes text safe for XML 1.0: encoding/xml escapes markup, clean drops
// the characters XML cannot carry at all.
func xmlText(s string) string { return clean(s) }

func seconds(ms float64) string {
	if ms <= 0 {
		return "0"
	}
	return strconv.FormatFloat(ms/1000, 'f', 3, 64)
}
