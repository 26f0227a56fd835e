package cli_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/cli"
	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/score"
)

var _ = Describe("tribunal run", func() {
	var out string
	BeforeEach(func() { out = filepath.Join(GinkgoT().TempDir(), "report") })

	It("replays the bundled library against the embedded demo bot, writes the report and exits 0", func() {
		r := run("run", "--out", out)
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		for _, f := range []string{"index.html", "scorecard.json", "junit.xml", "summary.md", "results.jsonl"} {
			Expect(filepath.Join(out, f)).To(BeAnExistingFile())
		}
		sc := readScorecard(out)
		Expect(len(sc.Cases)).To(BeNumerically(">=", 20))
		Expect(sc.Totals.Fail).To(Equal(0))
		Expect(sc.Totals.Error).To(Equal(0))
		Expect(sc.Gate.Passed).To(BeTrue())
		Expect(countLines(filepath.Join(out, "results.jsonl"))).To(Equal(len(sc.Cases)))
		Expect(r.out).To(ContainSubstring("Gate: PASSED"))
		Expect(r.out).NotTo(ContainSubstring("PASS  "), "no per-case lines when not a terminal")
	})

	It("prints a line per finished case on a terminal", func() {
		r := tribunal(context.Background(), nil, true, "run", "--out", out)
		Expect(r.code).To(Equal(0))
		Expect(r.errOut).To(ContainSubstring("PASS  airline/bereavement-retroactive"))
	})

	It("fails the gate with exit 1 when the demo bot invents Air Canada's refund, quoting the sentence", func() {
		r := run("run", "--out", out, "--demo-flaws", "air-canada")
		Expect(r.code).To(Equal(1), r.out+r.errOut)
		sc := readScorecard(out)
		Expect(sc.Gate.Passed).To(BeFalse())
		c := caseByID(sc, "airline/bereavement-retroactive")
		Expect(c.Status).To(Equal(judges.Fail))
		Expect(c.Dimensions[judges.Accuracy]).To(Equal(judges.Fail))
		var evidence []string
		for _, v := range c.Verdicts {
			if v.Status == judges.Fail && v.Dimension == judges.Accuracy {
				evidence = append(evidence, v.Evidence)
			}
		}
		Expect(evidence).To(ContainElement(ContainSubstring("within 90 days")))
		Expect(r.out).To(ContainSubstring("FAIL  airline/bereavement-retroactive (critical): accuracy"))
		Expect(r.out).To(ContainSubstring("> "), "the offending words are quoted")
		Expect(r.out).To(ContainSubstring("Gate: FAILED (exit 1)"))
	})

	Describe("each demo flaw is caught", func() {
		for _, f := range demobot.Flaws() {
			name := string(f.Name)
			It("fails the gate with --demo-flaws "+name, func() {
				r := run("run", "--out", out, "--demo-flaws", name)
				Expect(r.code).To(Equal(1), r.out)
			})
		}
	})

	It("gives the same verdicts over HTTP as in-process", func() {
		srv := httptest.NewServer(demobot.New().Handler())
		defer srv.Close()
		embedded := filepath.Join(GinkgoT().TempDir(), "embedded")
		Expect(run("run", "--out", embedded).code).To(Equal(0))
		r := run("run", "--out", out, "--target", srv.URL+"/v1", "--target-kind", "openai")
		Expect(r.code).To(Equal(0), r.out+r.errOut)

		a, b := readScorecard(embedded), readScorecard(out)
		Expect(b.Run.Target).To(ContainSubstring(srv.URL))
		Expect(len(b.Cases)).To(Equal(len(a.Cases)))
		for i := range a.Cases {
			Expect(b.Cases[i].ID).To(Equal(a.Cases[i].ID))
			Expect(b.Cases[i].Status).To(Equal(a.Cases[i].Status))
			Expect(b.Cases[i].Dimensions).To(Equal(a.Cases[i].Dimensions))
			Expect(b.Cases[i].Verdicts).To(HaveLen(len(a.Cases[i].Verdicts)))
			for j := range a.Cases[i].Verdicts {
				va, vb := a.Cases[i].Verdicts[j], b.Cases[i].Verdicts[j]
				Expect([]any{vb.Judge, vb.Status, vb.Turn, vb.Evidence}).To(Equal([]any{va.Judge, va.Status, va.Turn, va.Evidence}), a.Cases[i].ID)
			}
		}
	})

	It("exits 3 when the target cannot be reached", func() {
		srv := httptest.NewServer(http.NotFoundHandler())
		url := srv.URL
		srv.Close() // nothing listens there now
		dir := writeSuite(map[string]string{
			"tribunal.yaml": "target: {retries: 0, timeout: 2s}\n",
			"a.yaml":        "version: 1\ncases:\n  - id: one\n    turns: [{user: hello}]\n",
		})
		r := run("run", dir, "--out", out, "--target", url+"/v1")
		Expect(r.code).To(Equal(3), r.out+r.errOut)
		sc := readScorecard(out)
		Expect(sc.Cases[0].Status).To(Equal(judges.Error))
		Expect(r.out).To(ContainSubstring("ERROR one"))
		Expect(r.out).To(ContainSubstring("max_error_rate"))
	})

	Describe("bad usage exits 2 with a clear message", func() {
		It("names file:line:column for a bad suite file", func() {
			dir := writeSuite(map[string]string{"a.yaml": "version: 1\ncases:\n  - id: x\n    turns: [{user: hi}]\n    expect: {escalation: maybe}\n"})
			r := run("run", dir, "--out", out)
			Expect(r.code).To(Equal(2))
			Expect(r.errOut).To(ContainSubstring("a.yaml:5:26: x: expect.escalation \"maybe\""))
			Expect(filepath.Join(out, "scorecard.json")).NotTo(BeAnExistingFile())
		})
		It("rejects an unknown flag, an unknown flaw and a bad shard", func() {
			for _, args := range [][]string{
				{"run", "--bogus"},
				{"run", "--demo-flaws", "sarcastic"},
				{"run", "--shard", "5/4"},
				{"run", "--target-kind", "http"},
				{"run", "--target", "not a url"},
			} {
				r := run(append(args, "--out", out)...)
				Expect(r.code).To(Equal(2), strings.Join(args, " "))
				Expect(r.errOut).To(ContainSubstring("tribunal:"))
			}
			Expect(run("run", "--demo-flaws", "sarcastic").errOut).To(ContainSubstring("air-canada"), "lists the known flaws")
		})
	})

	It("replays a large suite's files as it goes, and stops with an error when one changed after it was checked", func() {
		DeferCleanup(cli.HoldCases(2)) // these cases are a large suite
		files := map[string]string{}
		for i, name := range []string{"a", "b", "c", "d", "e", "f"} {
			files[name+".yaml"] = fmt.Sprintf("version: 1\ncases:\n  - id: case-%d\n    turns: [{user: \"Hello, where is my parcel number %d?\"}]\n", i+1, i+1)
		}
		dir := writeSuite(files)
		var served atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if served.Add(1) == 1 {
				// The run checked f.yaml before replaying anything. With one
				// attempt in flight and two queued, it reads f.yaml again
				// only after this reply.
				Expect(os.WriteFile(filepath.Join(dir, "f.yaml"), []byte("version: 1\ncases:\n  - id: case-6\n    turns: oops\n"), 0o644)).To(Succeed())
			}
			demobot.New().Handler().ServeHTTP(w, r)
		}))
		defer srv.Close()
		r := run("run", dir, "--out", out, "--target", srv.URL+"/v1", "--concurrency", "1")
		Expect(r.code).To(Equal(2), r.out+r.errOut)
		Expect(r.errOut).To(ContainSubstring("the suite changed during the run"))
		Expect(r.errOut).To(ContainSubstring("f.yaml:4"))
		Expect(served.Load()).To(BeNumerically("<=", 5), "nothing of the changed file was sent")
		sc := readScorecard(out)
		Expect(sc.Cases).NotTo(BeEmpty(), "the report covers what finished")
		Expect(sc.Cases[0].ID).To(Equal("case-1"))
		for _, c := range sc.Cases {
			Expect(c.ID).NotTo(Equal("case-6"))
		}
		Expect(sc.Run.Interrupted).To(BeTrue())
	})

	It("holds a small suite's cases, so a file changed after the check changes nothing", func() {
		dir := writeSuite(map[string]string{
			"a.yaml": "version: 1\ncases:\n  - id: first\n    turns: [{user: \"Hello, where is my parcel?\"}]\n",
			"b.yaml": "version: 1\ncases:\n  - id: second\n    turns: [{user: \"Can I change my flight?\"}]\n",
		})
		var served atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if served.Add(1) == 1 {
				Expect(os.WriteFile(filepath.Join(dir, "b.yaml"), []byte("version: 1\ncases:\n  - id: second\n    turns: oops\n"), 0o644)).To(Succeed())
			}
			demobot.New().Handler().ServeHTTP(w, r)
		}))
		defer srv.Close()
		r := run("run", dir, "--out", out, "--target", srv.URL+"/v1", "--concurrency", "1", "--repeat", "2")
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		Expect(served.Load()).To(Equal(int32(4)))
		Expect(readScorecard(out).Totals.Attempts).To(Equal(4))
	})

	It("stops on Ctrl-C, writes the report for what finished and exits 130", func() {
		var served atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			served.Add(1)
			time.Sleep(20 * time.Millisecond)
			demobot.New().Handler().ServeHTTP(w, r)
		}))
		defer srv.Close()
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			defer GinkgoRecover()
			Eventually(func() int32 { return served.Load() }).WithTimeout(10 * time.Second).Should(BeNumerically(">=", 5))
			cancel()
		}()
		r := tribunal(ctx, nil, false, "run", "--out", out, "--target", srv.URL+"/v1", "--concurrency", "1")
		Expect(r.code).To(Equal(130), r.out+r.errOut)
		sc := readScorecard(out)
		Expect(sc.Run.Interrupted).To(BeTrue())
		Expect(sc.Totals.Attempts).To(BeNumerically(">=", 1))
		Expect(countLines(filepath.Join(out, "results.jsonl"))).To(Equal(sc.Totals.Attempts))
		Expect(r.out).To(ContainSubstring("run incomplete"))
	})

	It("resumes a killed run, replaying only what is missing, to the same scorecard", func() {
		var served atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			served.Add(1)
			demobot.New().Handler().ServeHTTP(w, r)
		}))
		defer srv.Close()
		full := filepath.Join(GinkgoT().TempDir(), "full")
		Expect(run("run", "--out", full, "--target", srv.URL+"/v1").code).To(Equal(0))
		total := served.Load()

		// Keep the first 10 lines and a torn 11th, as a SIGKILL would.
		data, _ := os.ReadFile(filepath.Join(full, "results.jsonl"))
		lines := strings.SplitAfter(string(data), "\n")
		Expect(os.MkdirAll(out, 0o755)).To(Succeed())
		Expect(os.WriteFile(filepath.Join(out, "results.jsonl"), []byte(strings.Join(lines[:10], "")+lines[10][:25]), 0o644)).To(Succeed())

		served.Store(0)
		r := run("run", "--out", out, "--target", srv.URL+"/v1", "--resume")
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		Expect(served.Load()).To(BeNumerically("<", total), "finished attempts are not replayed")
		a, b := readScorecard(full), readScorecard(out)
		Expect(b.Totals).To(Equal(a.Totals))
		Expect(b.Run.Interrupted).To(BeFalse())
		for i := range a.Cases {
			Expect(b.Cases[i].ID).To(Equal(a.Cases[i].ID))
			Expect(b.Cases[i].Status).To(Equal(a.Cases[i].Status))
		}
		Expect(countLines(filepath.Join(out, "results.jsonl"))).To(Equal(len(a.Cases)))
	})

	It("splits the cases into disjoint shards that cover the suite", func() {
		seen := map[string]int{}
		for i := 1; i <= 3; i++ {
			dir := filepath.Join(GinkgoT().TempDir(), fmt.Sprint(i))
			Expect(run("run", "--out", dir, "--shard", fmt.Sprintf("%d/3", i)).code).To(Equal(0))
			for _, c := range readScorecard(dir).Cases {
				seen[c.ID]++
			}
		}
		all := readScorecardOfFullRun()
		Expect(seen).To(HaveLen(len(all.Cases)))
		for id, n := range seen {
			Expect(n).To(Equal(1), id)
		}
	})

	It("runs each case --repeat times", func() {
		r := run("run", "--out", out, "--repeat", "2")
		Expect(r.code).To(Equal(0))
		sc := readScorecard(out)
		Expect(sc.Totals.Attempts).To(Equal(2 * sc.Totals.Cases))
		Expect(sc.Cases[0].Attempts).To(HaveLen(2))
	})
})

func readScorecardOfFullRun() *score.Scorecard {
	dir := filepath.Join(GinkgoT().TempDir(), "all")
	Expect(run("run", "--out", dir).code).To(Equal(0))
	return readScorecard(dir)
}
