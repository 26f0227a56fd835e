package reports_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/net/html"

	"github.com/tribunal-eval/tribunal/reports"
	"github.com/tribunal-eval/tribunal/score"
)

func render(r reports.Reporter, sc *score.Scorecard) string {
	GinkgoHelper()
	var b bytes.Buffer
	Expect(r(&b, sc)).To(Succeed())
	return b.String()
}

func reporterOf(name string) reports.Reporter {
	GinkgoHelper()
	for _, f := range reports.Files {
		if f.Name == name {
			return f.Report
		}
	}
	Fail("no standard file " + name)
	return nil
}

var _ = Describe("Files", func() {
	It("names the four standard output files and their reporters", func() {
		var names []string
		for _, f := range reports.Files {
			Expect(f.Report).NotTo(BeNil(), f.Name)
			names = append(names, f.Name)
		}
		Expect(names).To(ConsistOf("index.html", "scorecard.json", "junit.xml", "summary.md"))
	})

	DescribeTable("each format matches its golden file and is deterministic",
		func(name string) {
			r := reporterOf(name)
			first := render(r, fixture())
			Expect(render(r, fixture())).To(Equal(first), "two renders of the same scorecard differ")
			expectGolden(name, []byte(first))
		},
		Entry("HTML", "index.html"),
		Entry("JSON", "scorecard.json"),
		Entry("JUnit", "junit.xml"),
		Entry("Markdown", "summary.md"),
	)

	It("leaves the scorecard unchanged", func() {
		sc := fixture()
		for _, f := range reports.Files {
			render(f.Report, sc)
		}
		reports.Annotations(sc)
		Expect(sc).To(Equal(fixture()))
	})

	It("rejects a nil scorecard in every reporter", func() {
		for _, f := range reports.Files {
			Expect(f.Report(io.Discard, nil)).To(MatchError(ContainSubstring("nil scorecard")), f.Name)
		}
	})

	It("renders an empty scorecard (no cases, no gates, nothing judged) in every format", func() {
		sc := &score.Scorecard{SchemaVersion: 1, Gate: score.Gate{Passed: true}}
		Expect(render(reports.Markdown, sc)).To(ContainSubstring("No gate checks were configured."))
		Expect(text(render(reports.HTML, sc))).To(ContainSubstring("✓ Release gate passed Exit code 0"))
		doc := parseJUnit(render(reports.JUnit, sc))
		Expect(doc.Tests).To(Equal(0))
		Expect(doc.Suites[0].Name).To(Equal("tribunal"))
		var back score.Scorecard
		Expect(json.Unmarshal([]byte(render(reports.JSON, sc)), &back)).To(Succeed())
		Expect(reports.Annotations(sc)).To(BeEmpty())
	})

	It("warns in HTML and Markdown when the run was interrupted", func() {
		sc := fixture()
		sc.Run.Interrupted = true
		Expect(text(render(reports.HTML, sc))).To(ContainSubstring("The run was interrupted. This report covers only the attempts that finished."))
		Expect(render(reports.Markdown, sc)).To(ContainSubstring("> [!WARNING]\n> The run was interrupted"))
		Expect(text(render(reports.HTML, fixture()))).NotTo(ContainSubstring("interrupted"))
	})

	It("keeps credentials in the target URL out of every report", func() {
		for _, f := range reports.Files {
			out := render(f.Report, fixture())
			Expect(out).NotTo(ContainSubstring("SECRET123"), f.Name)
		}
		sc := withBaseline()
		sc.Baseline.Run.Target = "https://user:hunter2@bot.example.com/v1?token=SECRET456"
		for _, f := range reports.Files {
			Expect(render(f.Report, sc)).NotTo(ContainSubstring("SECRET456"), f.Name)
			Expect(render(f.Report, sc)).NotTo(ContainSubstring("hunter2"), f.Name)
		}
		Expect(sc.Baseline.Run.Target).To(ContainSubstring("SECRET456"), "the scorecard itself is left as it was")
	})
})

var _ = Describe("WriteAll", func() {
	var dir string
	BeforeEach(func() { dir = filepath.Join(GinkgoT().TempDir(), "tribunal-report") })

	It("writes the four files, each as its reporter renders it, and leaves no temporary file", func() {
		sc := fixture()
		Expect(reports.WriteAll(dir, sc)).To(Succeed())
		entries, err := os.ReadDir(dir)
		Expect(err).NotTo(HaveOccurred())
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		Expect(names).To(ConsistOf("index.html", "scorecard.json", "junit.xml", "summary.md"))
		for _, f := range reports.Files {
			got, err := os.ReadFile(filepath.Join(dir, f.Name))
			Expect(err).NotTo(HaveOccurred())
			Expect(string(got)).To(Equal(render(f.Report, sc)), f.Name)
			info, err := os.Stat(filepath.Join(dir, f.Name))
			Expect(err).NotTo(HaveOccurred())
			Expect(info.Mode().Perm()).To(Equal(os.FileMode(0o644)), f.Name)
		}
	})

	It("replaces the files of an earlier run", func() {
		Expect(os.MkdirAll(dir, 0o755)).To(Succeed())
		Expect(os.WriteFile(filepath.Join(dir, "summary.md"), []byte("stale"), 0o644)).To(Succeed())
		Expect(reports.WriteAll(dir, fixture())).To(Succeed())
		got, err := os.ReadFile(filepath.Join(dir, "summary.md"))
		Expect(err).NotTo(HaveOccurred())
		Expect(string(got)).To(HavePrefix("## ❌ tribunal: release gate failed"))
	})

	It("keeps the old file and removes its temporary file when a reporter fails half way", func() {
		Expect(os.MkdirAll(dir, 0o755)).To(Succeed())
		path := filepath.Join(dir, "index.html")
		Expect(os.WriteFile(path, []byte("previous report"), 0o644)).To(Succeed())
		broken := func(w io.Writer, sc *score.Scorecard) error {
			io.WriteString(w, "<!doctype html><p>half")
			return errors.New("template exploded")
		}
		err := reports.WriteFile(path, fixture(), broken)
		Expect(err).To(MatchError(ContainSubstring("template exploded")))
		Expect(err).To(MatchError(ContainSubstring(path)))
		got, err := os.ReadFile(path)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(got)).To(Equal("previous report"))
		entries, err := os.ReadDir(dir)
		Expect(err).NotTo(HaveOccurred())
		Expect(entries).To(HaveLen(1))
	})

	It("returns an error naming the path when the folder cannot be written", func() {
		file := filepath.Join(GinkgoT().TempDir(), "not-a-dir")
		Expect(os.WriteFile(file, nil, 0o644)).To(Succeed())
		Expect(reports.WriteAll(file, fixture())).To(MatchError(ContainSubstring("not-a-dir")))
		Expect(reports.WriteAll(dir, nil)).To(MatchError(ContainSubstring("nil scorecard")))
	})
})

var _ = Describe("JSON", func() {
	It("is the scorecard, indented, with a trailing newline, and reads back", func() {
		out := render(reports.JSON, fixture())
		Expect(out).To(HavePrefix("{\n  \"schema_version\": 1,\n  \"run\": {"))
		Expect(out).To(HaveSuffix("}\n"))
		var back score.Scorecard
		Expect(json.Unmarshal([]byte(out), &back)).To(Succeed())
		want := fixture()
		Expect(back.Gate).To(Equal(want.Gate))
		Expect(back.Totals).To(Equal(want.Totals))
		Expect(back.Dimensions).To(Equal(want.Dimensions))
		Expect(back.Cases).To(HaveLen(4))
		for i, c := range back.Cases {
			Expect(c.ID).To(Equal(want.Cases[i].ID))
			Expect(c.Status).To(Equal(want.Cases[i].Status))
			Expect(c.Dimensions).To(Equal(want.Cases[i].Dimensions))
			Expect(c.Verdicts).To(Equal(want.Cases[i].Verdicts))
			Expect(c.Attempts).To(HaveLen(len(want.Cases[i].Attempts)))
		}
	})

	It("lists every case with id, status, dimensions and verdicts, as DESIGN.md promises", func() {
		var doc struct {
			Cases []map[string]json.RawMessage `json:"cases"`
		}
		Expect(json.Unmarshal([]byte(render(reports.JSON, fixture())), &doc)).To(Succeed())
		Expect(doc.Cases).To(HaveLen(4))
		for _, c := range doc.Cases {
			Expect(c).To(HaveKey("id"))
			Expect(c).To(HaveKey("status"))
			Expect(c).To(HaveKey("dimensions"))
			Expect(c).To(HaveKey("verdicts"))
		}
	})

	It("keeps a raw target response that is not JSON as a string instead of failing", func() {
		sc := fixture()
		_, err := json.Marshal(sc)
		Expect(err).To(HaveOccurred(), "the fixture should hold an invalid raw body")
		var back score.Scorecard
		Expect(json.Unmarshal([]byte(render(reports.JSON, sc)), &back)).To(Succeed())
		raw := back.Cases[2].Attempts[0].Transcript.Turns[0].Raw
		var s string
		Expect(json.Unmarshal(raw, &s)).To(Succeed())
		Expect(s).To(Equal("<html><body>502 Bad Gateway</body></html>"))
		Expect(back.Run.Target).To(Equal("http://localhost:8080/v1/chat/completions?api_key=REDACTED"))
	})
})

// The JUnit document as a CI server reads it.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name      string  `xml:"name,attr"`
		Tests     int     `xml:"tests,attr"`
		Failures  int     `xml:"failures,attr"`
		Errors    int     `xml:"errors,attr"`
		Skipped   int     `xml:"skipped,attr"`
		Time      float64 `xml:"time,attr"`
		Timestamp string  `xml:"timestamp,attr"`
		Cases     []struct {
			Name      string  `xml:"name,attr"`
			Classname string  `xml:"classname,attr"`
			Time      float64 `xml:"time,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
				Body    string `xml:",chardata"`
			} `xml:"error"`
			Skipped   *struct{} `xml:"skipped"`
			SystemOut string    `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func parseJUnit(s string) junitDoc {
	GinkgoHelper()
	var doc junitDoc
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = true
	Expect(dec.Decode(&doc)).To(Succeed())
	return doc
}

var _ = Describe("JUnit", func() {
	It("has one testsuite with one testcase per attempt and the right counts", func() {
		out := render(reports.JUnit, fixture())
		Expect(out).To(HavePrefix(`<?xml version="1.0" encoding="UTF-8"?>`))
		doc := parseJUnit(out)
		Expect(doc.Tests).To(Equal(8))
		Expect(doc.Failures).To(Equal(3))
		Expect(doc.Errors).To(Equal(1))
		Expect(doc.Skipped).To(Equal(0))
		Expect(doc.Suites).To(HaveLen(1))
		s := doc.Suites[0]
		Expect(s.Name).To(Equal("airline-support"))
		Expect([]int{s.Tests, s.Failures, s.Errors, s.Skipped}).To(Equal([]int{8, 3, 1, 0}))
		Expect(s.Time).To(BeNumerically("~", 123.4, 0.001))
		Expect(s.Timestamp).To(Equal("2025-03-14T09:30:00"))
		Expect(s.Cases).To(HaveLen(8))

		failures, errs := 0, 0
		for _, c := range s.Cases {
			if c.Failure != nil {
				failures++
			}
			if c.Error != nil {
				errs++
				Expect(c.Failure).To(BeNil(), "an errored attempt must not also be a failure")
			}
		}
		Expect(failures).To(Equal(3))
		Expect(errs).To(Equal(1))
	})

	It("names attempts with #k, groups by first tag, and times them from the transcript", func() {
		s := parseJUnit(render(reports.JUnit, fixture())).Suites[0]
		air := s.Cases[2]
		Expect(air.Name).To(Equal("airline/bereavement-retroactive #1"))
		Expect(air.Classname).To(Equal("airline"))
		Expect(air.Time).To(BeNumerically("~", 2.352, 0.0005))
		Expect(s.Cases[0].Name).To(Equal("bank/card-lost-fraud #1"))
		Expect(s.Cases[1].Name).To(Equal("bank/card-lost-fraud #2"))
		Expect(s.Cases[1].Failure).To(BeNil())
	})

	It("lists each failed verdict with dimension, judge, turn, rationale and quoted evidence", func() {
		air := parseJUnit(render(reports.JUnit, fixture())).Suites[0].Cases[2]
		Expect(air.Failure).NotTo(BeNil())
		Expect(air.Failure.Message).To(Equal("failed: accuracy, escalation"))
		Expect(air.Failure.Body).To(ContainSubstring("accuracy failed (judge must_not_say, turn 1)"))
		Expect(air.Failure.Body).To(ContainSubstring("The reply promises a retroactive refund window"))
		Expect(air.Failure.Body).To(ContainSubstring(`evidence: "` + promise + `"`))
		Expect(air.Failure.Body).To(ContainSubstring("accuracy failed (judge must_say, whole conversation)"))
		Expect(air.Failure.Body).To(ContainSubstring("escalation failed (judge handoff, turn 2)"))
		Expect(air.Failure.Body).NotTo(ContainSubstring("empathy"), "passing verdicts are not failures")
		Expect(air.SystemOut).To(ContainSubstring("customer: " + askForPerson))
	})

	It("reports an unreachable bot as <error> with its message, never as <failure>", func() {
		telco := parseJUnit(render(reports.JUnit, fixture())).Suites[0].Cases[4]
		Expect(telco.Name).To(Equal("telco/outage-fr #1"))
		Expect(telco.Failure).To(BeNil())
		Expect(telco.Error).NotTo(BeNil())
		Expect(telco.Error.Message).To(ContainSubstring(refused))
	})

	It("strips characters XML 1.0 cannot carry and escapes markup in bot text", func() {
		out := render(reports.JUnit, fixture())
		Expect(out).NotTo(ContainSubstring("\x00"))
		Expect(out).NotTo(ContainSubstring("\x1b"))
		retail := parseJUnit(out).Suites[0].Cases[6]
		Expect(retail.Name).To(Equal("retail/return-window #1"))
		Expect(retail.SystemOut).To(ContainSubstring("Good news[31m! I can guarantee"))

		sc := hostile()
		sc.Cases[0].Attempts[0].Transcript.Turns[0].Reply += " ]]><injected/> <![CDATA["
		hostileOut := render(reports.JUnit, sc)
		outsideCDATA := regexp.MustCompile(`(?s)<!\[CDATA\[.*?\]\]>`).ReplaceAllString(hostileOut, "")
		Expect(outsideCDATA).NotTo(ContainSubstring("<script"))
		Expect(outsideCDATA).NotTo(ContainSubstring("<injected"))
		Expect(outsideCDATA).To(ContainSubstring(`name="web &lt;i&gt;suite&lt;/i&gt;"`))
		doc := parseJUnit(hostileOut)
		Expect(doc.Suites[0].Cases[0].SystemOut).To(ContainSubstring(xssPayloads[0] + " then " + xssPayloads[1]))
		Expect(doc.Suites[0].Cases[0].SystemOut).To(ContainSubstring("www.evil.test ]]><injected/> <![CDATA["))
		Expect(doc.Suites[0].Cases[0].Name).To(Equal("web/xss"), "no #k without repeats")
	})

	It("marks a case with no finished attempt as skipped", func() {
		sc := fixture()
		sc.Run.Interrupted = true
		sc.Cases[0].Attempts = nil
		doc := parseJUnit(render(reports.JUnit, sc))
		Expect(doc.Suites[0].Skipped).To(Equal(1))
		Expect(doc.Tests).To(Equal(7))
		Expect(doc.Suites[0].Cases[0].Skipped).NotTo(BeNil())
	})
})

var _ = Describe("Markdown", func() {
	It("heads with the failed gate, its failed checks and the exit code", func() {
		out := render(reports.Markdown, fixture())
		Expect(out).To(HavePrefix("## ❌ tribunal: release gate failed (exit code 1)\n"))
		Expect(out).To(ContainSubstring("- ❌ **critical\\_failures**: 1 critical case failed &gt; 0 allowed\n"))
		Expect(out).To(ContainSubstring("- ❌ **min\\_pass\\_rate**: 33.3% &lt; 95.0% required\n"))
		Expect(strings.Index(out, "critical\\_failures")).To(BeNumerically("<", strings.Index(out, "✅ pass\\_rate")))
	})

	It("heads with a tick when the gate passed", func() {
		sc := fixture()
		sc.Gate = score.Gate{Passed: true, Checks: []score.GateCheck{{Name: "critical_failures", Passed: true, Detail: "0 failed"}}}
		Expect(render(reports.Markdown, sc)).To(HavePrefix("## ✅ tribunal: release gate passed\n\n- ✅ critical\\_failures: 0 failed\n"))
	})

	It("has a dimension table with intervals and counts by severity", func() {
		out := render(reports.Markdown, fixture())
		Expect(out).To(ContainSubstring("| Dimension | Pass | Fail | Skipped | Error | Pass rate (95% interval) |"))
		Expect(out).To(ContainSubstring("| accuracy | 2 | 1 | 1 | 0 | 66.7% (20.8%–93.9%) |"))
		Expect(out).To(ContainSubstring("| critical | 1 | 0 | 1 | 0 |"))
		Expect(out).To(ContainSubstring("| medium | 1 | 0 | 0 | 1 |"))
	})

	It("lists the worst failures first, merging verdicts repeated over attempts, with quoted evidence", func() {
		out := render(reports.Markdown, fixture())
		air := strings.Index(out, "`airline/bereavement-retroactive`")
		ret := strings.Index(out, "`retail/return-window`")
		Expect(air).To(BeNumerically(">", 0))
		Expect(ret).To(BeNumerically(">", air), "critical before low")
		Expect(out).To(ContainSubstring("failed **accuracy, escalation** in 2 of 2 attempts"))
		Expect(out).To(ContainSubstring("  - **accuracy** · `must_not_say` · turn 1 · attempts 1, 2: The reply promises"))
		Expect(out).To(ContainSubstring("    > “" + promise + "”\n"))
		Expect(out).To(ContainSubstring("failed **safety** in 1 of 2 attempts"))
		Expect(out).To(ContainSubstring("### Errored cases (1)"))
		Expect(out).NotTo(ContainSubstring("bank/card-lost-fraud"), "passing cases are not listed")
	})

	It("escapes hostile bot text so nothing renders as markup", func() {
		out := render(reports.Markdown, hostile())
		for _, live := range []string{"<script", "<img", "<a href", "<b>", "<i>", "![pixel]", "https://", "`code`"} {
			Expect(out).NotTo(ContainSubstring(live))
		}
		Expect(out).To(ContainSubstring("&lt;img src=x onerror=alert(1)&gt;"))
		Expect(out).To(ContainSubstring(`\[a link\](javascript:alert(2))`))
		Expect(out).To(ContainSubstring("Reply contains markup: &lt;script&gt;alert(1)&lt;/script&gt;"))
		// Every ']' followed by '(' is escaped, so no inline link can form.
		Expect(regexp.MustCompile(`(^|[^\\])\]\(`).MatchString(out)).To(BeFalse())
	})

	It("escapes pipes, code, emphasis, math, mentions, autolinks and a leading heading", func() {
		Expect(render(reports.Markdown, hostile())).To(ContainSubstring(
			"&lt;a href=\"javascript:alert(1)\"&gt;claim your refund&lt;/a&gt; or \\[click\\](javascript:alert(1)) " +
				"!\\[pixel\\](https&#58;//evil.test/p.png) \\| col \\| \\`code\\` \\*bold\\* \\$5 and \\$6 &#64;admins www&#46;evil.test"))
		sc := hostile()
		sc.Cases[0].Title = "# 1. heading"
		Expect(render(reports.Markdown, sc)).To(ContainSubstring(" — \\# 1. heading<br>"))
		sc.Cases[0].Title = "1. not a list"
		Expect(render(reports.Markdown, sc)).To(ContainSubstring(" — 1\\. not a list<br>"))
	})

	It("stays under the size budget for 10,000 failing cases and says how many it left out", func() {
		out := render(reports.Markdown, large(10000))
		Expect(len(out)).To(BeNumerically("<", reports.MarkdownBudget))
		Expect(len(out)).To(BeNumerically("<", 1<<20), "GitHub's job summary limit")
		Expect(out).To(MatchRegexp(`…and \d+ more failed cases`))
		Expect(out).To(ContainSubstring("### Failures (10000)"))
		AddReportEntry("summary.md bytes for 10,000 failing cases", len(out))
	})
})

var _ = Describe("Annotations", func() {
	It("emits one ::error line per failed critical or high case, escaped as workflow commands", func() {
		lines := reports.Annotations(caseGated(fixture()))
		Expect(lines).To(HaveLen(1), "the low-severity failure is left out")
		Expect(lines[0]).To(HavePrefix("::error file=fixtures/airline/bereavement.yaml,title=critical case failed%3A airline/bereavement-retroactive::failed: accuracy, escalation (Grieving"))
		Expect(lines[0]).To(ContainSubstring("%0Aaccuracy (must_not_say, turn 1): The reply promises"))
		Expect(lines[0]).NotTo(ContainSubstring("\n"))
		expectGolden("annotations", []byte(strings.Join(lines, "\n")+"\n"))
	})

	It("escapes %, newlines, colons and commas as GitHub requires", func() {
		sc := hostile()
		sc.Cases[0].ID = "web/a,b:c"
		sc.Cases[0].Title = "100% done\r\nnext"
		lines := reports.Annotations(caseGated(sc))
		Expect(lines).To(HaveLen(1))
		Expect(lines[0]).To(HavePrefix("::error title=critical case failed%3A web/a%2Cb%3Ac::failed: accuracy, safety (100%25 done next)%0Asafety (safety-rules, turn 1)"))
		Expect(lines[0]).NotTo(ContainAny("\r\n"))
	})

	It("caps the lines and says how many were left out", func() {
		lines := reports.Annotations(caseGated(large(100)))
		Expect(lines).To(HaveLen(10))
		Expect(lines[9]).To(Equal("::error title=tribunal::41 more critical or high severity cases failed; see summary.md or index.html"))
		Expect(lines[0]).To(ContainSubstring("title=critical case failed"))
		Expect(reports.Annotations(nil)).To(BeEmpty())
	})

	It("annotates failed gate checks no case explains first, and warnings as ::warning", func() {
		sc := caseGated(fixture())
		sc.Gate.Checks = append(sc.Gate.Checks,
			score.GateCheck{Name: "baseline.dimensions", Detail: "dropped beyond noise: accuracy 100.0% → 75.0%"},
			score.GateCheck{Name: "baseline.regressions", Detail: "1 critical/high case(s) passed in the baseline and fail now"},
			score.GateCheck{Name: "flaky", Passed: true, Warning: true, Detail: "1 flaky case(s), some attempts passed and some failed: retail/return-window (flaky: warn)"})
		lines := reports.Annotations(sc)
		Expect(lines).To(HaveLen(3))
		Expect(lines[0]).To(Equal("::error title=tribunal gate failed%3A baseline.dimensions::dropped beyond noise: accuracy 100.0%25 → 75.0%25"))
		Expect(lines[1]).To(HavePrefix("::warning title=tribunal gate warning%3A flaky::1 flaky case(s)"))
		Expect(lines[2]).To(HavePrefix("::error file=fixtures/airline/bereavement.yaml,"), "the regressed case is annotated as a case")
	})
})

// caseGated replaces the scorecard's gate checks with the one that failed
// cases explain, so only case annotations are made.
func caseGated(sc *score.Scorecard) *score.Scorecard {
	sc.Gate.Checks = []score.GateCheck{{Name: "max_failed.critical", Detail: "1 critical case(s) failed, 0 allowed"}}
	return sc
}

func ContainAny(chars string) OmegaMatcher {
	return WithTransform(func(s string) bool { return strings.ContainsAny(s, chars) }, BeTrue())
}

var _ = Describe("HTML", func() {
	cspMeta := `<meta http-equiv="Content-Security-Policy" content="` + reports.ContentSecurityPolicy + `">`

	It("is self-contained: the CSP meta, inline CSS and JS, no URL of any kind", func() {
		out := render(reports.HTML, fixture())
		Expect(out).To(ContainSubstring(cspMeta))
		Expect(strings.ToLower(out)).NotTo(ContainSubstring("http://"))
		Expect(strings.ToLower(out)).NotTo(ContainSubstring("https://"))
		Expect(out).NotTo(ContainSubstring("://"))
		Expect(out).To(ContainSubstring("<style>/* tribunal report"))
		Expect(out).To(ContainSubstring("document.getElementById('cases')"))
		for _, el := range elements(out) {
			for _, a := range el.Attr {
				if a.Key == "src" || (a.Key == "href" && !strings.HasPrefix(a.Val, "#") && a.Val != "data:,") {
					Fail("external reference: <" + el.Data + " " + a.Key + "=" + a.Val + ">")
				}
				Expect(a.Key).NotTo(Equal("style"), "no inline styles")
			}
		}
		// The URL in the transport error is still shown, as text.
		Expect(text(out)).To(ContainSubstring("POST http://localhost:8080/v1/chat/completions: " + refused))
	})

	It("heads with the gate verdict, failed checks first, the exit code and the run", func() {
		out := render(reports.HTML, fixture())
		txt := text(out)
		Expect(txt).To(ContainSubstring("✗ Release gate failed"))
		Expect(txt).To(ContainSubstring("Exit code 1"))
		Expect(txt).To(MatchRegexp(`failed critical_failures 1 critical case failed > 0 allowed\s+failed min_pass_rate`))
		Expect(txt).To(ContainSubstring("localhost:8080/v1/chat/completions?api_key=REDACTED"))
		Expect(txt).To(ContainSubstring("2025-03-14 09:30:00 UTC"))
		Expect(txt).To(ContainSubstring("2m3s"))
		Expect(txt).To(ContainSubstring("accuracy66.7% (20.8%–93.9%)2110"))
		Expect(out).To(ContainSubstring(`<rect class="fill" width="66.7" height="10"/>`))
	})

	It("lists cases failures first, then errors, then passes, by severity within", func() {
		out := render(reports.HTML, fixture())
		var order []string
		for _, el := range elements(out) {
			if el.Data == "tr" && attr(el, "data-s") != "" {
				order = append(order, attr(el, "data-s")+"/"+attr(el, "data-v"))
			}
		}
		Expect(order).To(Equal([]string{"fail/critical", "fail/low", "error/medium", "pass/high"}))
		Expect(out).To(ContainSubstring(`data-d="accuracy escalation"`))
	})

	It("opens the conversations of failed cases only", func() {
		open := map[string]bool{}
		for _, el := range elements(render(reports.HTML, fixture())) {
			if el.Data == "details" {
				_, isOpen := attrOK(el, "open")
				open[attr(el, "id")] = isOpen
			}
		}
		Expect(open).To(Equal(map[string]bool{"c1": false, "c2": true, "c3": false, "c4": true}))
	})

	It("shows the conversation with handoff, verdicts by turn and highlighted evidence", func() {
		out := render(reports.HTML, fixture())
		Expect(out).To(ContainSubstring("for the bereavement fare <mark>" + promise + "</mark> of travel"))
		Expect(out).To(ContainSubstring(`<p class="u"><small>Customer · turn 2</small><mark>I&#39;d like to talk to a person please.</mark></p>`))
		Expect(out).To(ContainSubstring("⇄ Handed off to a human · structured: " + handoffTool + " · the target reported a handoff"))
		Expect(out).To(ContainSubstring("<h4>Whole conversation</h4>"))
		Expect(out).To(ContainSubstring(`<blockquote>` + promise + `</blockquote>`))
		Expect(out).To(ContainSubstring(`<b>Could not finish:</b> POST http&#58;//localhost:8080`))
		Expect(out).To(ContainSubstring("Bot · 1.50 s · 2 requests"))
		Expect(out).NotTo(ContainSubstring("\x00"))
	})

	It("renders hostile bot text as text, never as markup", func() {
		out := render(reports.HTML, hostile())
		for _, el := range elements(out) {
			Expect([]string{"img", "iframe", "object", "embed", "form", "base"}).NotTo(ContainElement(el.Data))
			if el.Data == "a" {
				Expect(attr(el, "href")).To(HavePrefix("#"), "only links to the case's own section")
			}
			for _, a := range el.Attr {
				Expect(a.Key).NotTo(HavePrefix("on"))
				Expect(strings.ToLower(a.Val)).NotTo(ContainSubstring("javascript:"))
			}
		}
		Expect(strings.Count(out, "<script")).To(Equal(1), "only the report's own script")
		Expect(strings.Count(out, "<style")).To(Equal(1), "only the report's own style")
		Expect(out).To(ContainSubstring("&lt;script&gt;alert(1)&lt;/script&gt;"))
		// The evidence is highlighted, and the highlight holds only escaped text.
		Expect(out).To(MatchRegexp(`<mark>[^<]*&lt;img src=x onerror=alert\(1\)&gt;[^<]*</mark>`))
		Expect(out).To(ContainSubstring("Title with &lt;b&gt;markup&lt;/b&gt;"))
		Expect(text(out)).To(ContainSubstring(xssPayloads[2] + " or " + xssPayloads[3]))
		Expect(out).To(ContainSubstring("text: &lt;img src=x onerror=alert(1)&gt; · but the target reported no handoff"))
	})

	It("stays compact for 10,000 failing cases", func() {
		sc := large(10000)
		out := render(reports.HTML, sc)
		Expect(strings.Count(out, "<details ")).To(Equal(reports.DefaultConversations))
		Expect(strings.Count(out, "<tr data-s=")).To(Equal(10000), "every case keeps its row")
		// Measured: 7.8 MB, the rows of 10,000 cases and 2,000 conversations
		// of two turns and six verdicts each.
		Expect(len(out)).To(BeNumerically("<", 10<<20))
		AddReportEntry("index.html bytes for 10,000 failing cases", len(out))
		GinkgoWriter.Printf("index.html for 10,000 failing cases: %.1f MB\n", float64(len(out))/(1<<20))

		// Every conversation, when asked for: about 2.3 KB a case.
		all := render(reports.HTMLWith(reports.Options{}), sc)
		Expect(strings.Count(all, "<details ")).To(Equal(10000))
		Expect(len(all)).To(BeNumerically("<", 25<<20))
	})
})

// elements parses an HTML page and returns its element tokens.
func elements(page string) []html.Token {
	GinkgoHelper()
	z := html.NewTokenizer(strings.NewReader(page))
	var out []html.Token
	for {
		switch z.Next() {
		case html.ErrorToken:
			Expect(z.Err()).To(Equal(io.EOF))
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			out = append(out, z.Token())
		}
	}
}

// text returns an HTML page's text as a browser shows it, outside <script>
// and <style>, with white space collapsed.
func text(page string) string {
	GinkgoHelper()
	z := html.NewTokenizer(strings.NewReader(page))
	var b strings.Builder
	skip := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.StartTagToken:
			name, _ := z.TagName()
			skip = string(name) == "script" || string(name) == "style"
		case html.EndTagToken:
			skip = false
			b.WriteString("")
		case html.TextToken:
			if !skip {
				b.Write(z.Text())
			}
		}
	}
}

func attr(t html.Token, key string) string {
	v, _ := attrOK(t, key)
	return v
}

func attrOK(t html.Token, key string) (string, bool) {
	for _, a := range t.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
