package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// flakyBot serves the demo bot over HTTP, invented refunds included on
// every second conversation that starts with the same customer message: run
// with --repeat 2 --concurrency 1, the cases the air-canada flaw breaks pass
// once and fail once.
func flakyBot() *httptest.Server {
	clean, flawed := demobot.New().Handler(), demobot.New(demobot.AirCanada).Handler()
	var mu sync.Mutex
	starts := map[string]int{}
	useFlawed := false
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		var req struct {
			Messages []struct {
				Role    string `json:"role"`
				Content any    `json:"content"`
			} `json:"messages"`
		}
		_ = json.Unmarshal(body, &req)
		var users []string
		for _, m := range req.Messages {
			if m.Role == "user" {
				b, _ := json.Marshal(m.Content)
				users = append(users, string(b))
			}
		}
		mu.Lock()
		if len(users) == 1 { // a conversation starts
			starts[users[0]]++
			useFlawed = starts[users[0]]%2 == 0
		}
		h := clean
		if useFlawed {
			h = flawed
		}
		mu.Unlock()
		h.ServeHTTP(w, r)
	}))
}

// compileSchema compiles one of the schemas `tribunal schema` prints.
func compileSchema(name string) *jsonschema.Schema {
	GinkgoHelper()
	r := run("schema", name)
	Expect(r.code).To(Equal(0), r.errOut)
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(r.out))
	Expect(err).NotTo(HaveOccurred())
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	Expect(c.AddResource(name+".schema.json", doc)).To(Succeed())
	sch, err := c.Compile(name + ".schema.json")
	Expect(err).NotTo(HaveOccurred())
	return sch
}

func validateScorecard(sch *jsonschema.Schema, dir string) {
	GinkgoHelper()
	f, err := os.Open(filepath.Join(dir, "scorecard.json"))
	Expect(err).NotTo(HaveOccurred())
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	Expect(err).NotTo(HaveOccurred())
	Expect(sch.Validate(doc)).To(Succeed(), dir)
}

func gateCheck(sc *score.Scorecard, name string) *score.GateCheck {
	for i := range sc.Gate.Checks {
		if sc.Gate.Checks[i].Name == name {
			return &sc.Gate.Checks[i]
		}
	}
	return nil
}

var _ = Describe("scorecards across runs", Ordered, func() {
	// One clean run of the bundled library is the baseline of the specs.
	var tmp, base string
	BeforeAll(func() {
		var err error
		tmp, err = os.MkdirTemp("", "tribunal-cli-")
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(os.RemoveAll, tmp)
		base = filepath.Join(tmp, "base")
		r := run("run", "--out", base)
		Expect(r.code).To(Equal(0), r.out+r.errOut)
	})
	out := func(name string) string { return filepath.Join(tmp, name) }

	Describe("tribunal run records the setup", func() {
		It("hashes the suite and lists the judges", func() {
			sc := readScorecard(base)
			Expect(sc.Run.SuiteHash).To(MatchRegexp(`^sha256:[0-9a-f]{64}$`))
			Expect(sc.Run.Judges).NotTo(BeEmpty())
			Expect(sc.Run.Started.IsZero()).To(BeFalse())
			Expect(sc.Run.Finished.Before(sc.Run.Started)).To(BeFalse())
			Expect(sc.Run.Target).To(ContainSubstring("demo bot"))
			again := out("again")
			Expect(run("run", "--out", again).code).To(Equal(0))
			Expect(readScorecard(again).Run.SuiteHash).To(Equal(sc.Run.SuiteHash), "same cases, same hash")
		})
	})

	Describe("tribunal diff", func() {
		It("exits 1 and names the cases that passed and now fail at critical severity", func() {
			flawed := out("flawed")
			Expect(run("run", "--out", flawed, "--demo-flaws", "air-canada").code).To(Equal(1))
			r := run("diff", filepath.Join(base, "scorecard.json"), filepath.Join(flawed, "scorecard.json"))
			Expect(r.code).To(Equal(1), r.out+r.errOut)
			failed := readScorecard(flawed).Totals.Fail
			Expect(failed).To(BeNumerically(">=", 1))
			Expect(r.out).To(ContainSubstring(fmt.Sprintf("Regressions: passed in the baseline, fail now (%d)", failed)))
			Expect(r.out).To(ContainSubstring("✗ critical airline/bereavement-retroactive: accuracy  [blocks the gate]"))
			n := len(readScorecard(base).Cases)
			Expect(r.out).To(MatchRegexp(`accuracy\s+100\.0%% \(%d/%d\)\s+\d+\.\d%% \(%d/%d\)\s+-\d+\.\d pts\s+\[-\d+\.\d, [-+]\d+\.\d\]\s+(within noise|DROP beyond noise)`, n, n, n-failed, n))
			Expect(r.out).To(ContainSubstring("Result: FAILED (exit 1)"))

			// The other way round, the same cases are fixes, and nothing blocks.
			back := run("diff", flawed, base)
			Expect(back.out).To(ContainSubstring(fmt.Sprintf("Fixes: failed in the baseline, pass now (%d)", failed)))
			Expect(back.out).To(ContainSubstring("Regressions: passed in the baseline, fail now (0)"))
			Expect(back.out).To(ContainSubstring("Result: no blocking regression"))
		})

		It("exits 1 on a dimension that dropped beyond noise, and prints JSON and Markdown", func() {
			lang := out("lang")
			Expect(run("run", "--out", lang, "--demo-flaws", "wrong-language").code).To(Equal(1))
			r := run("diff", base, lang, "--format", "json")
			Expect(r.code).To(Equal(1))
			var d score.Diff
			Expect(json.Unmarshal([]byte(r.out), &d)).To(Succeed())
			Expect(d.Drops()).To(ContainElement(HaveField("Dimension", "language")))
			Expect(d.Overall.Change).To(Equal(score.ChangeDrop))

			md := run("diff", base, lang, "--format", "markdown")
			Expect(md.code).To(Equal(1))
			Expect(md.out).To(HavePrefix("### Against the baseline\n"))
			Expect(md.out).To(MatchRegexp(`\| language \| 100\.0% \((\d+)/\d+\) \| \d+\.\d% \(\d+/\d+\) \| -\d+\.\d pts \| .* \| ❌ \*\*dropped beyond noise\*\* \|`))
		})

		It("exits 0 on two runs of the same bot", func() {
			r := run("diff", base, base)
			Expect(r.code).To(Equal(0), r.out)
			Expect(r.out).To(ContainSubstring("Regressions: passed in the baseline, fail now (0)"))
		})

		It("refuses scorecards of different suites unless --allow-suite-change, with exit 2", func() {
			dir := writeSuite(map[string]string{"a.yaml": "version: 1\ncases:\n  - id: airline/bereavement-retroactive\n    severity: critical\n    turns: [{user: hello}]\n"})
			other := out("other-suite")
			Expect(run("run", dir, "--out", other).code).To(BeElementOf(0, 1))
			r := run("diff", base, other)
			Expect(r.code).To(Equal(2))
			Expect(r.errOut).To(ContainSubstring("scorecards not comparable: the suites differ"))
			Expect(r.errOut).To(ContainSubstring("--allow-suite-change"))
			r = run("diff", base, other, "--allow-suite-change")
			Expect(r.code).To(BeElementOf(0, 1))
			Expect(r.out).To(ContainSubstring(fmt.Sprintf("Removed cases (%d)", len(readScorecard(base).Cases)-1)))
			Expect(r.out).To(ContainSubstring("Note: the suites differ"))
		})

		It("refuses scorecards of different formats and bad input with exit 2", func() {
			data, err := os.ReadFile(filepath.Join(base, "scorecard.json"))
			Expect(err).NotTo(HaveOccurred())
			v2 := filepath.Join(tmp, "v2.json")
			Expect(os.WriteFile(v2, bytes.Replace(data, []byte(`"schema_version": 1`), []byte(`"schema_version": 2`), 1), 0o644)).To(Succeed())
			r := run("diff", base, v2)
			Expect(r.code).To(Equal(2))
			Expect(r.errOut).To(ContainSubstring("schema_version 1 and this one 2"))

			notJSON := filepath.Join(tmp, "nope.json")
			Expect(os.WriteFile(notJSON, []byte("<html>"), 0o644)).To(Succeed())
			for _, args := range [][]string{
				{"diff", base, notJSON},
				{"diff", base, filepath.Join(tmp, "missing.json")},
				{"diff", base},
				{"diff", base, base, "--format", "yaml"},
			} {
				r := run(args...)
				Expect(r.code).To(Equal(2), strings.Join(args, " "))
				Expect(r.errOut).To(ContainSubstring("tribunal:"))
			}
		})
	})

	Describe("tribunal run --baseline", func() {
		It("embeds the diff in the scorecard and fails the gate on a critical regression", func() {
			dir := out("run-baseline")
			r := run("run", "--out", dir, "--demo-flaws", "air-canada", "--baseline", filepath.Join(base, "scorecard.json"))
			Expect(r.code).To(Equal(1), r.out+r.errOut)
			sc := readScorecard(dir)
			Expect(sc.Baseline).NotTo(BeNil())
			reg := sc.Baseline.Regressions
			Expect(reg).To(ContainElement(HaveField("ID", "airline/bereavement-retroactive")))
			Expect(reg).To(HaveLen(sc.Totals.Fail))
			blocking := len(sc.Baseline.BlockingRegressions())
			Expect(blocking).To(BeNumerically(">=", 1))
			Expect(sc.Baseline.Run.SuiteHash).To(Equal(sc.Run.SuiteHash))
			Expect(gateCheck(sc, "baseline.regressions").Passed).To(BeFalse())
			Expect(r.out).To(ContainSubstring(fmt.Sprintf("✗ baseline.regressions: %d critical/high case(s) passed in the baseline and fail now", blocking)))

			summary, err := os.ReadFile(filepath.Join(dir, "summary.md"))
			Expect(err).NotTo(HaveOccurred())
			Expect(string(summary)).To(ContainSubstring("### Against the baseline"))
			Expect(string(summary)).To(ContainSubstring(fmt.Sprintf("new failures** (%d critical/high)", blocking)))
			page, err := os.ReadFile(filepath.Join(dir, "index.html"))
			Expect(err).NotTo(HaveOccurred())
			Expect(string(page)).To(ContainSubstring(`<section id="baseline"><h2>Against the baseline</h2>`))
			Expect(string(page)).To(ContainSubstring(`<svg class="delta"`))
		})

		It("passes with the baseline when nothing regressed", func() {
			dir := out("run-same")
			r := run("run", "--out", dir, "--baseline", base)
			Expect(r.code).To(Equal(0), r.out+r.errOut)
			sc := readScorecard(dir)
			Expect(sc.Baseline.Regressions).To(BeEmpty())
			Expect(gateCheck(sc, "baseline.regressions").Passed).To(BeTrue())
		})

		It("refuses a missing or incompatible baseline before running anything", func() {
			dir := out("run-bad-baseline")
			r := run("run", "--out", dir, "--baseline", filepath.Join(tmp, "missing", "scorecard.json"))
			Expect(r.code).To(Equal(2))
			Expect(r.errOut).To(ContainSubstring("--baseline"))
			Expect(filepath.Join(dir, "results.jsonl")).NotTo(BeAnExistingFile())

			suiteDir := writeSuite(map[string]string{"a.yaml": "version: 1\ncases:\n  - id: one\n    turns: [{user: hello}]\n"})
			r = run("run", suiteDir, "--out", dir, "--baseline", base)
			Expect(r.code).To(Equal(2))
			Expect(r.errOut).To(ContainSubstring("the suites differ"))
			Expect(filepath.Join(dir, "results.jsonl")).NotTo(BeAnExistingFile())
			r = run("run", suiteDir, "--out", dir, "--baseline", base, "--allow-suite-change")
			Expect(r.code).To(Equal(0), r.out+r.errOut)
			Expect(readScorecard(dir).Baseline.Removed).To(HaveLen(len(readScorecard(base).Cases)))
		})
	})

	Describe("tribunal run --repeat", func() {
		It("reports pass@1, pass^k and flaky cases against a bot that is right only sometimes", func() {
			srv := flakyBot()
			defer srv.Close()
			dir := out("flaky")
			r := run("run", "--out", dir, "--target", srv.URL+"/v1", "--repeat", "2", "--concurrency", "1")
			Expect(r.code).To(Equal(1), "a flaky critical case is a failed critical case")
			sc := readScorecard(dir)
			c := caseByID(sc, "airline/bereavement-retroactive")
			Expect(c.Flaky).To(BeTrue())
			Expect(*c.PassAt1).To(BeNumerically("~", 0.5))
			Expect(c.PassAllK).To(BeFalse())
			Expect(c.Attempts[0].Status).To(Equal(judges.Pass))
			Expect(c.Attempts[1].Status).To(Equal(judges.Fail))
			Expect(sc.Totals.Flaky).To(BeNumerically(">=", 2))
			Expect(sc.Totals.PassAt1).To(BeNumerically(">", sc.Totals.PassAllK))
			flaky := gateCheck(sc, "flaky")
			Expect(flaky.Passed).To(BeTrue())
			Expect(flaky.Warning).To(BeTrue())
			Expect(gateCheck(sc, "max_failed.critical").Passed).To(BeFalse())

			page, _ := os.ReadFile(filepath.Join(dir, "index.html"))
			Expect(string(page)).To(ContainSubstring(`<div class="attempts">`))
			Expect(string(page)).To(ContainSubstring("1 of 2 attempts passed · pass@1 50.0% · pass^2 no"))
			summary, _ := os.ReadFile(filepath.Join(dir, "summary.md"))
			Expect(string(summary)).To(ContainSubstring("Repeated 2 times: **pass@1"))
			Expect(string(summary)).To(ContainSubstring("- ⚠️ **flaky**"))
			junit, _ := os.ReadFile(filepath.Join(dir, "junit.xml"))
			Expect(string(junit)).To(ContainSubstring(`airline/bereavement-retroactive #2`))
			Expect(string(junit)).To(ContainSubstring(`(flaky: 1 of 2 attempts passed)`))
			validateScorecard(compileSchema("scorecard"), dir)
		})

		It("fails the gate on a flaky low-severity case with --flaky fail or gates.flaky: fail, and only warns by default", func() {
			srv := flakyBot()
			defer srv.Close()
			cases := "version: 1\ncases:\n  - id: low/bereavement\n    severity: low\n    turns:\n      - user: >-\n          My grandmother passed away and I flew to her funeral at full fare. Can I get the bereavement rate refunded now that I'm back?\n        expect: {must_not_say: [{regex: \"(?i)90 (days|jours)\"}]}\n"
			dir := writeSuite(map[string]string{"a.yaml": cases})
			args := []string{"run", dir, "--target", srv.URL + "/v1", "--repeat", "2", "--concurrency", "1"}

			warn := run(append(args, "--out", out("flaky-warn"))...)
			sc := readScorecard(out("flaky-warn"))
			Expect(sc.Totals.Flaky).To(Equal(1), warn.out)
			Expect(warn.code).To(Equal(0), warn.out)

			fail := run(append(args, "--out", out("flaky-fail"), "--flaky", "fail")...)
			Expect(fail.code).To(Equal(1), fail.out)
			Expect(fail.out).To(ContainSubstring("✗ flaky: 1 flaky case(s)"))

			cfgDir := writeSuite(map[string]string{"a.yaml": cases, "tribunal.yaml": "gates: {flaky: fail}\n"})
			cfg := run("run", cfgDir, "--target", srv.URL+"/v1", "--repeat", "2", "--concurrency", "1", "--out", out("flaky-cfg"))
			Expect(cfg.code).To(Equal(1), cfg.out)

			bad := writeSuite(map[string]string{"a.yaml": cases, "tribunal.yaml": "gates: {flaky: sometimes}\n"})
			r := run("run", bad, "--out", out("flaky-bad"))
			Expect(r.code).To(Equal(2))
			Expect(r.errOut).To(ContainSubstring(`gates.flaky "sometimes": want fail or warn`))
			Expect(run("run", "--flaky", "maybe", "--out", out("flaky-bad")).code).To(Equal(2))
		})
	})

	Describe("tribunal report", func() {
		It("re-renders the report folder from results.jsonl without calling the bot", func() {
			flawed := out("flawed-report")
			Expect(run("run", "--out", flawed, "--demo-flaws", "air-canada", "--repeat", "2").code).To(Equal(1))
			before := readScorecard(flawed)
			Expect(os.Remove(filepath.Join(flawed, "index.html"))).To(Succeed())

			r := run("report", flawed)
			Expect(r.code).To(Equal(1), "the gate decides, as in run")
			Expect(filepath.Join(flawed, "index.html")).To(BeAnExistingFile())
			after := readScorecard(flawed)
			Expect(after.Totals).To(Equal(before.Totals))
			Expect(after.Run.Target).To(Equal(before.Run.Target))
			Expect(after.Run.Started.Equal(before.Run.Started)).To(BeTrue())
			Expect(after.Run.SuiteHash).To(Equal(before.Run.SuiteHash))
			Expect(after.Gate).To(Equal(before.Gate))
			for i := range before.Cases {
				Expect(after.Cases[i].ID).To(Equal(before.Cases[i].ID))
				Expect(after.Cases[i].Status).To(Equal(before.Cases[i].Status))
				Expect(after.Cases[i].Attempts).To(HaveLen(2))
			}

			// Elsewhere, and against a baseline.
			other := out("rerendered")
			r = run("report", flawed, "--out", other, "--baseline", base)
			Expect(r.code).To(Equal(1))
			for _, f := range []string{"index.html", "scorecard.json", "junit.xml", "summary.md", "results.jsonl"} {
				Expect(filepath.Join(other, f)).To(BeAnExistingFile())
			}
			Expect(readScorecard(other).Baseline.Regressions).To(ContainElement(HaveField("ID", "airline/bereavement-retroactive")))
		})

		It("bounds index.html's conversations with --html-conversations, failures first", func() {
			dir := out("few-conversations")
			Expect(run("run", "--out", dir, "--demo-flaws", "air-canada").code).To(Equal(1))
			page := func() string {
				data, err := os.ReadFile(filepath.Join(dir, "index.html"))
				Expect(err).NotTo(HaveOccurred())
				return string(data)
			}
			sc := readScorecard(dir)
			Expect(strings.Count(page(), "<details id=")).To(Equal(len(sc.Cases)), "a library-sized run shows every conversation")

			Expect(run("report", dir, "--html-conversations", "3").code).To(Equal(1))
			Expect(strings.Count(page(), "<details id=")).To(Equal(3))
			Expect(page()).To(MatchRegexp(`<details id="c\d+" class="case fail"`))
			Expect(page()).NotTo(MatchRegexp(`<details id="c\d+" class="case pass"`))
			Expect(page()).To(ContainSubstring(fmt.Sprintf("The other %d are listed in the table", len(sc.Cases)-3)))
			Expect(readScorecard(dir).Cases).To(HaveLen(len(sc.Cases)), "scorecard.json keeps every case")

			Expect(run("report", dir, "--html-conversations", "0").code).To(Equal(1))
			Expect(strings.Count(page(), "<details id=")).To(Equal(len(sc.Cases)))

			bad := out("negative-conversations")
			r := run("run", "--out", bad, "--html-conversations", "-1")
			Expect(r.code).To(Equal(2))
			Expect(r.errOut).To(ContainSubstring("--html-conversations -1"))
			Expect(bad).NotTo(BeADirectory(), "refused before anything ran")
		})

		It("takes the suites' metadata and gates from the suite folders", func() {
			dir := writeSuite(map[string]string{
				"a.yaml":        "version: 1\ncases:\n  - id: one\n    title: First title\n    turns: [{user: hello}]\n",
				"tribunal.yaml": "gates: {min_pass_rate: {overall: 0.5}}\n",
			})
			res := out("custom")
			Expect(run("run", dir, "--out", res).code).To(Equal(0))
			Expect(os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("version: 1\ncases:\n  - id: one\n    title: Second title\n    severity: high\n    turns: [{user: hello}]\n"), 0o644)).To(Succeed())
			r := run("report", res, dir)
			Expect(r.code).To(Equal(0), r.out+r.errOut)
			sc := readScorecard(res)
			Expect(sc.Cases[0].Title).To(Equal("Second title"))
			Expect(sc.Cases[0].Severity).To(Equal(suite.High))
			Expect(gateCheck(sc, "min_pass_rate.overall")).NotTo(BeNil())
		})

		It("reports a redone attempt once, its later line, and copies only complete lines", func() {
			dir := writeSuite(map[string]string{
				"a.yaml": "version: 1\ncases:\n  - id: one\n    turns: [{user: hello}]\n  - id: two\n    turns: [{user: hi}]\n",
			})
			res := out("redone")
			Expect(run("run", dir, "--out", res).code).To(Equal(0))
			path := filepath.Join(res, results.FileName)
			var redo results.Record
			Expect(results.ReadFile(path, func(r *results.Record) error {
				if r.CaseID == "one" {
					redo = *r
				}
				return nil
			})).To(Succeed())
			redo.Verdicts = []judges.Verdict{{Judge: "expect", Dimension: judges.Accuracy, Status: judges.Fail, Rationale: "redone"}}
			line, err := json.Marshal(&redo)
			Expect(err).NotTo(HaveOccurred())
			f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
			Expect(err).NotTo(HaveOccurred())
			_, _ = f.Write(append(line, '\n'))
			_, _ = f.WriteString(`{"case_id":"two","attempt":1,"transcr`) // torn by a kill
			Expect(f.Close()).To(Succeed())

			other := out("redone-elsewhere")
			r := run("report", res, dir, "--out", other)
			Expect(r.code).To(Equal(0), "a medium case failing holds the default gates: "+r.out+r.errOut)
			sc := readScorecard(other)
			Expect(sc.Totals.Attempts).To(Equal(2))
			Expect(sc.Cases[0].ID).To(Equal("one"))
			Expect(sc.Cases[0].Status).To(Equal(judges.Fail))
			Expect(sc.Cases[0].Verdicts).To(ContainElement(HaveField("Rationale", "redone")))
			var copied []results.Key
			Expect(results.ReadFile(filepath.Join(other, results.FileName), func(r *results.Record) error {
				copied = append(copied, r.Key())
				return nil
			})).To(Succeed())
			Expect(copied).To(ConsistOf(results.Key{CaseID: "two", Attempt: 1}, results.Key{CaseID: "one", Attempt: 1}))
			data, _ := os.ReadFile(filepath.Join(other, results.FileName))
			Expect(string(data)).To(HaveSuffix("}\n"))
			Expect(string(data)).NotTo(ContainSubstring(`"transcr"`))
		})

		It("exits 2 without results", func() {
			r := run("report", filepath.Join(tmp, "nowhere"))
			Expect(r.code).To(Equal(2))
			empty := GinkgoT().TempDir()
			r = run("report", empty)
			Expect(r.code).To(Equal(2))
			Expect(r.errOut).To(ContainSubstring("no results.jsonl"))
		})
	})

	Describe("tribunal schema", func() {
		It("publishes a scorecard schema that real scorecards validate against", func() {
			sch := compileSchema("scorecard")
			validateScorecard(sch, base)
			validateScorecard(sch, out("run-baseline"))
			// And it is strict: an unknown field at the top is refused.
			data, _ := os.ReadFile(filepath.Join(base, "scorecard.json"))
			var doc map[string]any
			Expect(json.Unmarshal(data, &doc)).To(Succeed())
			doc["surprise"] = true
			b, _ := json.Marshal(doc)
			inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
			Expect(sch.Validate(inst)).NotTo(Succeed())
		})

		It("publishes the case file schema and refuses unknown names", func() {
			r := run("schema", "case")
			Expect(r.code).To(Equal(0))
			Expect(r.out).To(Equal(string(suite.CaseSchema)))
			Expect(r.out).To(ContainSubstring(`"$schema": "https://json-schema.org/draft/2020-12/schema"`))
			compileSchema("case")
			bad := run("schema", "results")
			Expect(bad.code).To(Equal(2))
			Expect(bad.errOut).To(ContainSubstring("want scorecard or case"))
		})
	})

	Describe("on GitHub Actions", func() {
		It("appends summary.md to $GITHUB_STEP_SUMMARY and prints ::error annotations", func() {
			stepSummary := filepath.Join(tmp, "step-summary.md")
			Expect(os.WriteFile(stepSummary, []byte("## an earlier step\n"), 0o644)).To(Succeed())
			dir := out("gha")
			env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": stepSummary}
			r := tribunal(GinkgoT().Context(), env, false, "run", "--out", dir, "--demo-flaws", "air-canada")
			Expect(r.code).To(Equal(1))
			got, err := os.ReadFile(stepSummary)
			Expect(err).NotTo(HaveOccurred())
			summary, _ := os.ReadFile(filepath.Join(dir, "summary.md"))
			Expect(string(got)).To(Equal("## an earlier step\n" + string(summary) + "\n"))
			Expect(r.out).To(ContainSubstring("::error file=cases/airline/bereavement.yaml,title=critical case failed%3A airline/bereavement-retroactive::"))

			// Outside GitHub Actions, neither.
			plain := run("run", "--out", out("no-gha"), "--demo-flaws", "air-canada")
			Expect(plain.out).NotTo(ContainSubstring("::error"))
		})
	})
})
