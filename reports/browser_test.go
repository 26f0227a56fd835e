package reports_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/reports"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// chromiumPath finds Debian's chromium: /usr/bin/chromium, else chromium
// (or chromium-browser) on the PATH.
func chromiumPath() string {
	if st, err := os.Stat("/usr/bin/chromium"); err == nil && !st.IsDir() {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// The payloads of the XSS spec: each would set window.__xss (and the page
// title) if it ran.
var xssRuns = []string{
	`<img src=x onerror="window.__xss='img';document.title='pwned'">`,
	`<script>window.__xss='script';document.title='pwned'</script>`,
	`<a href="javascript:window.__xss='link';document.title='pwned'" id="xss-link">claim your refund</a>`,
	`<svg onload="window.__xss='svg'"></svg>`,
	`<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
	`[refund](javascript:window.__xss='md')`,
	`"><img src=x onerror=window.__xss='attr'>`,
	`</textarea></title></style><script>window.__xss='breakout'</script>`,
}

// xssScorecard is a scorecard in which the bot's replies, the evidence, the
// rationale, the handoff signal, the error and even the case's title, tags
// and id carry the payloads.
func xssScorecard() *score.Scorecard {
	all := strings.Join(xssRuns, " ")
	sc := hostile()
	c := &sc.Cases[0]
	c.ID = `web/xss"><script>window.__xss='id'</script>`
	c.Title = xssRuns[0] + " " + xssRuns[1]
	c.Tags = []string{xssRuns[3], "web"}
	tr := c.Attempts[0].Transcript
	tr.Turns[0].Reply = "Sure! " + all
	tr.Turns[0].Handoff = transcript.Handoff{Detected: true, Source: transcript.Textual, Signal: xssRuns[0]}
	tr.Turns[0].Error = xssRuns[1]
	c.Attempts[0].Error = xssRuns[6]
	for i := range c.Attempts[0].Verdicts {
		c.Attempts[0].Verdicts[i].Evidence = xssRuns[0]
		c.Attempts[0].Verdicts[i].Rationale = xssRuns[2]
	}
	c.Verdicts = c.Attempts[0].Verdicts
	sc.Run.Suite = xssRuns[7]
	sc.Gate.Checks = append(sc.Gate.Checks, score.GateCheck{Name: xssRuns[1], Detail: xssRuns[0]})
	return sc
}

var _ = Describe("index.html in chromium", Label("browser"), Ordered, func() {
	var browser context.Context
	var dir string

	BeforeAll(func() {
		path := chromiumPath()
		if path == "" {
			Fail("chromium not found (looked for /usr/bin/chromium and chromium on PATH): install it with `apt-get install chromium` (.ci/run does); the browser specs of the HTML report need it")
		}
		var err error
		dir, err = os.MkdirTemp("", "tribunal-browser-")
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(os.RemoveAll, dir)
		userData := filepath.Join(dir, "profile")
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(path),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.Flag("disable-extensions", true),
			chromedp.WindowSize(1280, 900),
			chromedp.UserDataDir(userData),
		)
		var cancelBrowser context.CancelFunc
		browser, cancelBrowser = chromedp.NewContext(alloc)
		// The first Run starts the browser; it lives as long as browser.
		_, err = chromedp.Run(browser, chromedp.Evaluate[chromedp.Void](`1`))
		Expect(err).NotTo(HaveOccurred(), "starting %s", path)
		DeferCleanup(func() {
			cancelBrowser()
			cancelAlloc()
		})
	})

	// page writes the scorecard's report folder under name and opens its
	// index.html from a file URL in a new tab.
	page := func(name string, sc *score.Scorecard, noJS bool) context.Context {
		GinkgoHelper()
		out := filepath.Join(dir, name)
		if len(sc.Cases) > 100 {
			Expect(os.MkdirAll(out, 0o755)).To(Succeed())
			Expect(reports.WriteFile(filepath.Join(out, "index.html"), sc, reports.HTML)).To(Succeed())
		} else {
			Expect(reports.WriteAll(out, sc)).To(Succeed())
		}
		tab, cancel := chromedp.NewContext(browser)
		DeferCleanup(cancel)
		// Generous: a CI machine busy with other test binaries is slow.
		ctx, cancelT := context.WithTimeout(tab, 90*time.Second)
		DeferCleanup(cancelT)
		if noJS {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			Expect(err).NotTo(HaveOccurred())
		}
		Expect(chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(out, "index.html")))).To(Succeed())
		return ctx
	}

	eval := func(ctx context.Context, js string) any {
		GinkgoHelper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
		Expect(err).NotTo(HaveOccurred(), js)
		return v
	}

	// visible counts the rows of the cases table shown.
	visible := func(ctx context.Context) int {
		GinkgoHelper()
		n := eval(ctx, `Array.from(document.querySelectorAll('#cases tbody tr')).filter(r => !r.hidden && r.offsetParent !== null).length`)
		return int(n.(float64))
	}

	// choose sets a filter as a person would and lets the page react.
	choose := func(ctx context.Context, id, value string) {
		GinkgoHelper()
		eval(ctx, fmt.Sprintf(`(() => { const el = document.getElementById(%q); el.value = %q; el.dispatchEvent(new Event(el.tagName === 'INPUT' ? 'input' : 'change')); return true })()`, id, value))
	}

	It("shows the numbers of scorecard.json: verdict, totals, rates, severities, baseline", func() {
		ctx := page("numbers", withBaseline(), false)
		data, err := os.ReadFile(filepath.Join(dir, "numbers", "scorecard.json"))
		Expect(err).NotTo(HaveOccurred())
		var sc score.Scorecard
		Expect(json.Unmarshal(data, &sc)).To(Succeed())

		shown := eval(ctx, `(() => {
			const t = s => s.textContent.trim();
			const out = {passed: document.getElementById('verdict').dataset.passed, h1: t(document.querySelector('h1')),
				title: document.title, why: t(document.querySelector('.why')), totals: {}, dims: {}, sevs: {}, base: {}, rates: {},
				rows: document.querySelectorAll('#cases tbody tr').length, details: document.querySelectorAll('details.case').length};
			document.querySelectorAll('#totals [data-k]').forEach(e => out.totals[e.dataset.k] = t(e));
			document.querySelectorAll('#dimensions tr[data-dim]').forEach(r => {
				const rate = r.querySelector('.rate'), ci = r.querySelector('.ci-text');
				out.dims[r.dataset.dim] = rate ? t(rate) + ' ' + t(ci) : 'not judged';
			});
			document.querySelectorAll('#severities tr[data-sev]').forEach(r => out.sevs[r.dataset.sev] = Array.from(r.querySelectorAll('td.n')).map(t).join(' '));
			document.querySelectorAll('#baseline [data-k]').forEach(e => out.base[e.dataset.k] = t(e));
			document.querySelectorAll('#baseline tr[data-dim]').forEach(r => out.rates[r.dataset.dim] = Array.from(r.cells).map(t).join(' | '));
			return out;
		})()`).(map[string]any)

		pct := func(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }
		Expect(shown["passed"]).To(Equal(fmt.Sprint(sc.Gate.Passed)))
		Expect(shown["h1"]).To(Equal("✗ Release gate failed"))
		Expect(shown["title"]).To(HavePrefix("Failed"))
		for _, ch := range sc.Gate.Failed() {
			Expect(shown["why"]).To(ContainSubstring(ch.Name), "the top names each failed check")
		}
		Expect(shown["totals"]).To(Equal(map[string]any{
			"pass": fmt.Sprint(sc.Totals.Pass), "fail": fmt.Sprint(sc.Totals.Fail), "error": fmt.Sprint(sc.Totals.Error),
			"pass_rate": pct(sc.Totals.PassRate), "pass_at_1": pct(sc.Totals.PassAt1), "pass_all_k": pct(sc.Totals.PassAllK),
			"flaky": fmt.Sprint(sc.Totals.Flaky),
		}))
		dims := map[string]any{}
		for _, d := range sc.Dimensions {
			v := "not judged"
			if d.Pass+d.Fail > 0 {
				v = fmt.Sprintf("%s (%s–%s)", pct(d.Rate), pct(d.Low), pct(d.High))
			}
			dims[string(d.Dimension)] = v
		}
		Expect(shown["dims"]).To(Equal(dims))
		sevs := map[string]any{}
		for _, s := range sc.Severities {
			sevs[string(s.Severity)] = fmt.Sprintf("%d %d %d %d", s.Cases, s.Pass, s.Fail, s.Error)
		}
		Expect(shown["sevs"]).To(Equal(sevs))
		Expect(shown["rows"]).To(BeNumerically("==", len(sc.Cases)))
		Expect(shown["details"]).To(BeNumerically("==", len(sc.Cases)))

		Expect(sc.Baseline).NotTo(BeNil())
		Expect(shown["base"]).To(Equal(map[string]any{
			"regressions": fmt.Sprint(len(sc.Baseline.Regressions)), "fixes": fmt.Sprint(len(sc.Baseline.Fixes)),
			"added": fmt.Sprint(len(sc.Baseline.Added)), "removed": fmt.Sprint(len(sc.Baseline.Removed)),
		}))
		rates := shown["rates"].(map[string]any)
		for _, r := range append([]score.RateChange{sc.Baseline.Overall}, sc.Baseline.Dimensions...) {
			Expect(rates).To(HaveKey(r.Dimension))
			Expect(rates[r.Dimension]).To(ContainSubstring(fmt.Sprintf("%s (%d/%d)", pct(r.Old.Rate), r.Old.Pass, r.Old.Judged)), r.Dimension)
			Expect(rates[r.Dimension]).To(ContainSubstring(fmt.Sprintf("%+.1f pts", 100*r.Delta)), r.Dimension)
		}
	})

	It("filters the cases by each column and counts the rows shown", func() {
		sc := withBaseline()
		ctx := page("filters", sc, false)
		count := func(keep func(c *score.Case) bool) int {
			n := 0
			for i := range sc.Cases {
				if keep(&sc.Cases[i]) {
					n++
				}
			}
			return n
		}
		Expect(visible(ctx)).To(Equal(len(sc.Cases)))
		Expect(eval(ctx, `document.getElementById('filters').hidden`)).To(BeFalse())

		check := func(id, value string, keep func(c *score.Case) bool) {
			GinkgoHelper()
			choose(ctx, id, value)
			want := count(keep)
			// The search box filters once typing pauses; selects at once.
			Eventually(func() int { return visible(ctx) }).WithTimeout(5*time.Second).Should(Equal(want), "%s = %s", id, value)
			Expect(eval(ctx, `document.getElementById('f-count').value`)).To(Equal(fmt.Sprintf("%d of %d cases shown", want, len(sc.Cases))))
			hiddenDetails := eval(ctx, `document.querySelectorAll('details.case[hidden]').length`)
			Expect(hiddenDetails).To(BeNumerically("==", len(sc.Cases)-want), "conversations follow the table")
			choose(ctx, id, "")
			Eventually(func() int { return visible(ctx) }).WithTimeout(5 * time.Second).Should(Equal(len(sc.Cases)))
		}
		check("f-status", "fail", func(c *score.Case) bool { return c.Status == judges.Fail })
		check("f-status", "error", func(c *score.Case) bool { return c.Status == judges.Error })
		check("f-status", "flaky", func(c *score.Case) bool { return c.Flaky })
		check("f-sev", "critical", func(c *score.Case) bool { return c.Severity == suite.Critical })
		check("f-dim", "accuracy", func(c *score.Case) bool { return c.Dimensions[judges.Accuracy] == judges.Fail })
		check("f-tag", "bank", func(c *score.Case) bool { return slices.Contains(c.Tags, "bank") })
		check("f-lang", "fr", func(c *score.Case) bool { return c.Language == "fr" })
		check("f-lat", "1000", func(c *score.Case) bool { return maxLatency(c) > 1000 })
		check("f-base", "regressed", func(c *score.Case) bool { return c.ID == sc.Baseline.Regressions[0].ID })
		check("f-base", "fixed", func(c *score.Case) bool { return c.ID == sc.Baseline.Fixes[0].ID })
		check("f-text", "COLÈRE", func(c *score.Case) bool { return strings.Contains(strings.ToLower(c.Title), "colère") })

		// Two filters at once.
		choose(ctx, "f-status", "fail")
		choose(ctx, "f-sev", "low")
		Expect(visible(ctx)).To(Equal(count(func(c *score.Case) bool { return c.Status == judges.Fail && c.Severity == suite.Low })))
	})

	It("sorts the cases table by a column", func() {
		ctx := page("sort", withBaseline(), false)
		_, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`Array.from(document.querySelectorAll('#cases thead th')).find(th => th.textContent.trim() === 'Max latency').querySelector('button').click()`))
		Expect(err).NotTo(HaveOccurred())
		order := eval(ctx, `Array.from(document.querySelectorAll('#cases tbody td[data-n]')).map(td => parseFloat(td.dataset.n))`).([]any)
		Expect(order).To(HaveLen(4))
		for i := 1; i < len(order); i++ {
			Expect(order[i].(float64)).To(BeNumerically(">=", order[i-1].(float64)))
		}
	})

	It("runs none of the scripts, handlers or javascript: links a bot reply carries", func() {
		ctx := page("xss", xssScorecard(), false)
		// Open everything and click every link and the payload's text, as a
		// curious reader would.
		eval(ctx, `document.querySelectorAll('details').forEach(d => d.open = true); true`)
		eval(ctx, `document.querySelectorAll('a').forEach(a => a.click()); true`)
		choose(ctx, "f-text", "<img")
		time.Sleep(500 * time.Millisecond) // time for the search and any onerror or onload to run

		Expect(eval(ctx, `typeof window.__xss`)).To(Equal("undefined"), "a payload ran")
		Expect(eval(ctx, `document.title`)).To(HavePrefix("Failed"))
		Expect(eval(ctx, `document.querySelectorAll('img, iframe, object, embed, form, base, textarea').length`)).To(BeNumerically("==", 0))
		Expect(eval(ctx, `document.querySelectorAll('script').length`)).To(BeNumerically("==", 1), "only the report's own script")
		Expect(eval(ctx, `Array.from(document.querySelectorAll('*')).some(el => Array.from(el.attributes).some(a => a.name.startsWith('on')))`)).To(BeFalse())
		Expect(eval(ctx, `Array.from(document.querySelectorAll('a')).every(a => a.getAttribute('href').startsWith('#'))`)).To(BeTrue())
		Expect(eval(ctx, `document.getElementById('xss-link')`)).To(BeNil())
		// The payloads are there, as text a reader can see.
		body := eval(ctx, `document.body.innerText`).(string)
		Expect(body).To(ContainSubstring(`<img src=x onerror="window.__xss='img';document.title='pwned'">`))
		Expect(body).To(ContainSubstring(`<script>window.__xss='script'`))
		Expect(body).To(ContainSubstring(`javascript:window.__xss='link'`))
		Expect(eval(ctx, `document.querySelector('mark') !== null && document.querySelector('mark').textContent.includes('<img src=x')`)).To(BeTrue(), "the evidence is highlighted, as text")
	})

	It("shows everything but the filters with JavaScript disabled", func() {
		ctx := page("nojs", withBaseline(), true)
		Expect(eval(ctx, `document.getElementById('filters').hidden`)).To(BeTrue())
		Expect(visible(ctx)).To(Equal(4))
		Expect(eval(ctx, `document.querySelectorAll('details.case[open]').length`)).To(BeNumerically("==", 2), "failed cases are open")
		Expect(eval(ctx, `document.querySelectorAll('#baseline svg.delta').length`)).To(BeNumerically(">", 0))
		Expect(eval(ctx, `document.querySelectorAll('.attempts > section').length`)).To(BeNumerically(">", 0), "repeats side by side")
	})

	It("opens 10,000 cases quickly enough to use", func() {
		sc := large(10000)
		start := time.Now()
		ctx := page("large", sc, false)
		loaded := time.Since(start)
		info, err := os.Stat(filepath.Join(dir, "large", "index.html"))
		Expect(err).NotTo(HaveOccurred())
		timing := eval(ctx, `(() => {
			const nav = performance.getEntriesByType('navigation')[0];
			const fcp = performance.getEntriesByName('first-contentful-paint')[0];
			const ready = performance.getEntriesByName('tribunal-filters-ready')[0];
			return {dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, fcp: fcp ? fcp.startTime : -1, ready: ready ? ready.startTime : -1};
		})()`).(map[string]any)
		t0 := time.Now()
		choose(ctx, "f-sev", "critical")
		Expect(visible(ctx)).To(Equal(2500))
		filterTook := time.Since(t0)

		fcp, ready, dcl := timing["fcp"].(float64), timing["ready"].(float64), timing["dcl"].(float64)
		AddReportEntry("index.html for 10,000 cases", fmt.Sprintf("%.1f MB; first contentful paint %.0f ms, filters ready %.0f ms, DOMContentLoaded %.0f ms, load %.0f ms; render and load %s; a filter change %s",
			float64(info.Size())/(1<<20), fcp, ready, dcl, timing["load"].(float64), loaded.Round(time.Millisecond), filterTook.Round(time.Millisecond)))
		Expect(info.Size()).To(BeNumerically("<", 30<<20))
		// Bounds with room for a CI machine busy with other test binaries;
		// measured on a loaded 2-CPU machine: first paint 0.3 s, filters
		// 1.4 s, all parsed 7-9 s, a filter change 0.6 s.
		Expect(fcp).To(BeNumerically(">", 0), "the page painted")
		Expect(fcp).To(BeNumerically("<", 10000), "the verdict is on screen within 10 s")
		Expect(ready).To(BeNumerically(">", 0), "the filters started")
		Expect(ready).To(BeNumerically("<", 20000), "the filters work within 20 s")
		Expect(dcl).To(BeNumerically("<", 60000), "the whole document parsed within 60 s")
		Expect(filterTook).To(BeNumerically("<", 5*time.Second))
	})
})

func maxLatency(c *score.Case) float64 {
	m := 0.0
	for _, a := range c.Attempts {
		if a.Transcript == nil {
			continue
		}
		for _, t := range a.Transcript.Turns {
			m = max(m, t.LatencyMS)
		}
	}
	return m
}
