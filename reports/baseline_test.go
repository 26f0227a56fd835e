package reports_test

import (
	"bytes"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/reports"
	"github.com/tribunal-eval/tribunal/score"
)

var _ = Describe("Reports of a run compared with a baseline", func() {
	It("heads summary.md's tables with the change: new failures, fixes, and each rate's change", func() {
		out := render(reports.Markdown, withBaseline())
		Expect(out).To(ContainSubstring("- ❌ **baseline.regressions**: 1 critical/high case(s) passed in the baseline and fail now"))
		Expect(strings.Index(out, "### Against the baseline")).To(BeNumerically("<", strings.Index(out, "### Dimensions")))
		Expect(out).To(ContainSubstring("Baseline: run of 2025-03-07 09:30:00 UTC · target `demo bot (embedded)`\n"))
		Expect(out).To(ContainSubstring("**1 new failure** (1 critical/high) · **1 fixed** · 0 added · 1 removed\n"))
		Expect(out).To(ContainSubstring("- ❌ 🔴 **critical** `airline/bereavement-retroactive`: accuracy, escalation\n"))
		Expect(out).To(ContainSubstring("- ✅ 🟠 **high** `bank/card-lost-fraud`\n"))
		Expect(out).To(MatchRegexp(`\| escalation \| 100\.0% \(3/3\) \| 66\.7% \(2/3\) \| -33\.3 pts \| -\d+\.\d to \+\d+\.\d \| within noise \|`))
		expectGolden("summary-baseline.md", []byte(out))
	})

	It("prints the same section for tribunal diff --format markdown, with the result", func() {
		var b bytes.Buffer
		Expect(reports.DiffMarkdown(&b, withBaseline().Baseline)).To(Succeed())
		Expect(b.String()).To(HavePrefix("### Against the baseline\n"))
		Expect(b.String()).To(HaveSuffix("\n**Result: blocking regression** (exit 1)\n"))
		Expect(reports.DiffMarkdown(&b, nil)).To(Succeed())
	})

	It("shows the change at the top of index.html: tiles, rate dumbbells, new failures linked to their case", func() {
		out := render(reports.HTML, withBaseline())
		Expect(strings.Index(out, `<section id="baseline">`)).To(BeNumerically("<", strings.Index(out, `<section id="dimensions">`)))
		Expect(out).To(ContainSubstring(`<b data-k="regressions">1</b> new failure</a><small>1 critical/high</small>`))
		Expect(out).To(ContainSubstring(`<b data-k="fixes">1</b> fixed`))
		Expect(out).To(ContainSubstring(`<b data-k="removed">1</b> removed`))
		Expect(out).To(MatchRegexp(`<tr class="none" data-dim="escalation"><th scope="row">escalation</th><td class="n">100.0% \(3/3\)</td><td class="n">66.7% \(2/3\)</td><td><svg class="delta" [^>]*role="img" aria-label="escalation pass rate 100.0% in the baseline, 66.7% now: -33.3 pts`))
		Expect(out).To(ContainSubstring(`<li><b class="b fail">blocking</b> <span class="sev-critical">critical</span> <a href="#c2" class="id">airline/bereavement-retroactive</a>`))
		Expect(out).To(ContainSubstring(`<span class="id">parcels/lost-claim</span>`), "a removed case has no section to link to")
		// The table marks each case's change and can filter on it.
		Expect(out).To(ContainSubstring(`data-b="regressed"><td class="id"><a href="#c2">`))
		Expect(out).To(ContainSubstring(`<span class="chg fixed">fixed</span>`))
		Expect(out).To(ContainSubstring(`<select id="f-base">`))
		Expect(render(reports.HTML, fixture())).NotTo(ContainSubstring(`id="baseline"`))
	})

	It("redacts the baseline's target everywhere", func() {
		sc := withBaseline()
		sc.Baseline.Run.Target = "https://bot.example.com/v1?api_key=SECRET789"
		for _, f := range reports.Files {
			Expect(render(f.Report, sc)).NotTo(ContainSubstring("SECRET789"), f.Name)
		}
	})
})

var _ = Describe("Reports of repeated cases", func() {
	It("show pass@1, pass^k and flaky cases at the top, and attempts side by side", func() {
		out := render(reports.HTML, fixture())
		Expect(out).To(ContainSubstring(`pass@1 <span data-k="pass_at_1">62.5%</span> · pass^2 <span data-k="pass_all_k">33.3%</span> · <span data-k="flaky">1</span> flaky`))
		Expect(out).To(ContainSubstring(`<td><b class="b fail">fail</b> <b class="b error flaky">flaky</b></td>`))
		Expect(out).To(ContainSubstring(`<p class="repeat">1 of 2 attempts passed · pass@1 50.0% · pass^2 no</p>`))
		Expect(out).To(ContainSubstring(`<p class="repeat">1 of 2 attempts passed · 1 errored · pass@1 100.0% · pass^2 no</p>`))
		Expect(strings.Count(out, `<div class="attempts">`)).To(Equal(4))
		Expect(out).To(ContainSubstring(`<option value="flaky">flaky</option>`))
		Expect(out).To(ContainSubstring(`<th data-k="ratio" class="n">Passed</th>`))
		sc := fixture()
		sc.Gate.Checks = append(sc.Gate.Checks, score.GateCheck{Name: "flaky", Passed: true, Warning: true, Detail: "1 flaky case(s)"})
		Expect(render(reports.HTML, sc)).To(MatchRegexp(`failed</span> <b>min_pass_rate</b>.*\n<li><span class="b error">warning</span> <b>flaky</b> 1 flaky case\(s\)</li>\n<li><span class="b held">held</span>`),
			"warnings after the failed checks, before the held ones")
	})

	It("warn about flaky cases in summary.md", func() {
		sc := fixture()
		sc.Gate.Checks = append(sc.Gate.Checks, score.GateCheck{Name: "flaky", Passed: true, Warning: true, Detail: "1 flaky case(s)"})
		out := render(reports.Markdown, sc)
		Expect(out).To(ContainSubstring("Repeated 2 times: **pass@1 62.5%** (the chance one attempt passes) · **pass^2 33.3%** (every attempt passes) · 1 flaky case"))
		Expect(out).To(ContainSubstring("- ⚠️ **flaky**: 1 flaky case(s)\n"))
		Expect(out).To(ContainSubstring("failed **safety** in 1 of 2 attempts (flaky)"))
	})

	It("leave repeat details out of a single-attempt run", func() {
		out := render(reports.HTML, large(3))
		Expect(out).NotTo(ContainSubstring("pass@1"))
		Expect(out).NotTo(ContainSubstring(`<div class="attempts">`))
		Expect(render(reports.Markdown, large(3))).NotTo(ContainSubstring("pass@1"))
	})
})

var _ = Describe("index.html at the top", func() {
	It("names the failed checks under the verdict", func() {
		Expect(text(render(reports.HTML, fixture()))).To(ContainSubstring("✗ Release gate failed Failed: critical_failures · min_pass_rate Exit code 1"))
		sc := fixture()
		sc.Gate = score.Gate{Passed: true, Checks: []score.GateCheck{{Name: "max_failed.critical", Passed: true, Detail: "0 failed"}}}
		Expect(render(reports.HTML, sc)).NotTo(ContainSubstring(`class="why"`))
	})

	It("opens only the first 50 failed conversations of a long report", func() {
		out := render(reports.HTML, large(200))
		Expect(strings.Count(out, `class="case fail" open>`)).To(Equal(50))
		Expect(strings.Count(out, `<details id=`)).To(Equal(200))
	})

	It("draws counts by severity as stacked bars", func() {
		out := render(reports.HTML, fixture())
		Expect(out).To(ContainSubstring(`<svg class="stack" width="120" height="14" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="medium: 0 of 1 passed, 0 failed, 1 errored">`))
	})
})
