package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
)

// resultKeys reads a results.jsonl and returns its keys in file order.
func resultKeys(path string) []results.Key {
	var keys []results.Key
	Expect(results.ReadFile(path, func(r *results.Record) error {
		keys = append(keys, r.Key())
		return nil
	})).To(Succeed())
	return keys
}

// expectSameScorecard compares two scorecards case by case: everything but
// the run's timestamps, transcripts' timings and session ids.
func expectSameScorecard(got, want *score.Scorecard) {
	GinkgoHelper()
	Expect(got.Totals).To(Equal(want.Totals))
	Expect(got.Dimensions).To(Equal(want.Dimensions))
	Expect(got.Severities).To(Equal(want.Severities))
	Expect(got.Gate).To(Equal(want.Gate))
	Expect(got.Run.Repeat).To(Equal(want.Run.Repeat))
	Expect(got.Run.SuiteHash).To(Equal(want.Run.SuiteHash))
	Expect(got.Run.Judges).To(Equal(want.Run.Judges))
	Expect(got.Run.Interrupted).To(Equal(want.Run.Interrupted))
	Expect(got.Cases).To(HaveLen(len(want.Cases)))
	for i := range want.Cases {
		g, w := got.Cases[i], want.Cases[i]
		Expect(g.ID).To(Equal(w.ID), "case %d", i)
		Expect([]any{g.Title, g.Severity, g.Status, g.Escalation, g.Policy, g.Line}).
			To(Equal([]any{w.Title, w.Severity, w.Status, w.Escalation, w.Policy, w.Line}), w.ID)
		Expect(g.Dimensions).To(Equal(w.Dimensions), w.ID)
		Expect(g.Verdicts).To(HaveLen(len(w.Verdicts)), w.ID)
		for j := range w.Verdicts {
			gv, wv := g.Verdicts[j], w.Verdicts[j]
			Expect([]any{gv.Judge, gv.Dimension, gv.Status, gv.Turn, gv.Evidence, gv.Rationale}).
				To(Equal([]any{wv.Judge, wv.Dimension, wv.Status, wv.Turn, wv.Evidence, wv.Rationale}), w.ID)
		}
		Expect(g.Attempts).To(HaveLen(len(w.Attempts)), w.ID)
		for j := range w.Attempts {
			Expect(g.Attempts[j].Status).To(Equal(w.Attempts[j].Status), w.ID)
			Expect(g.Attempts[j].Error).To(Equal(w.Attempts[j].Error), w.ID)
			gt, wt := g.Attempts[j].Transcript, w.Attempts[j].Transcript
			Expect(gt.Turns).To(HaveLen(len(wt.Turns)), w.ID)
			for k := range wt.Turns {
				Expect(gt.Turns[k].Reply).To(Equal(wt.Turns[k].Reply), w.ID)
			}
		}
	}
}

var _ = Describe("sharding and tribunal merge", func() {
	var tmp string
	BeforeEach(func() { tmp = GinkgoT().TempDir() })
	at := func(name string) string { return filepath.Join(tmp, name) }

	// runShards runs a suite (the bundled library when suiteDir is "") in
	// n shards picked by JOB_COMPLETION_INDEX, as the pods of a Kubernetes
	// Indexed Job do.
	runShards := func(suiteDir string, n int, extra ...string) []string {
		var dirs []string
		for i := 0; i < n; i++ {
			dir := at("shard-" + string(rune('1'+i)))
			env := map[string]string{"JOB_COMPLETION_INDEX": string(rune('0' + i))}
			args := []string{"run", "--shard", "auto/" + string(rune('0'+n)), "--out", dir}
			if suiteDir != "" {
				args = append(args, suiteDir)
			}
			args = append(args, extra...)
			r := tribunal(context.Background(), env, false, args...)
			Expect(r.code).To(BeElementOf(0, 1), r.out+r.errOut)
			dirs = append(dirs, dir)
		}
		return dirs
	}

	It("3 shards from JOB_COMPLETION_INDEX, merged, give the single run's scorecard case by case", func() {
		single := run("run", "--out", at("single"))
		Expect(single.code).To(BeElementOf(0, 1), single.out+single.errOut)
		shards := runShards("", 3)

		// The shards split the library: disjoint, and together all of it.
		seen := map[results.Key]string{}
		for _, d := range shards {
			keys := resultKeys(filepath.Join(d, results.FileName))
			Expect(keys).NotTo(BeEmpty(), "each shard gets some of the library")
			for _, k := range keys {
				Expect(seen).NotTo(HaveKey(k), "%v is in %s and %s", k, seen[k], d)
				seen[k] = d
			}
		}
		want := readScorecard(at("single"))
		Expect(seen).To(HaveLen(len(want.Cases)))

		m := run(append([]string{"merge", at("merged")}, shards...)...)
		Expect(m.code).To(Equal(single.code), m.out+m.errOut)
		Expect(m.errOut).NotTo(ContainSubstring("warning"))
		got := readScorecard(at("merged"))
		expectSameScorecard(got, want)
		Expect(got.Run.Suite).To(Equal(want.Run.Suite))
		Expect(got.Run.Target).To(Equal(want.Run.Target))

		// One results.jsonl with every attempt once, in suite order.
		keys := resultKeys(at("merged/results.jsonl"))
		Expect(keys).To(HaveLen(len(want.Cases)))
		for i, k := range keys {
			Expect(k).To(Equal(results.Key{CaseID: want.Cases[i].ID, Attempt: 1}))
		}
		for _, f := range []string{"index.html", "junit.xml", "summary.md"} {
			Expect(at("merged/" + f)).To(BeAnExistingFile())
		}
	})

	// The other specs use a fixed part of the library (36 cases), so their
	// time does not grow with it.
	var lib string
	BeforeEach(func() { lib = copyLibrary(GinkgoT().TempDir()) })

	It("merges repeated attempts too", func() {
		Expect(run("run", lib, "--out", at("single"), "--repeat", "2").code).To(BeElementOf(0, 1))
		shards := runShards(lib, 2, "--repeat", "2")
		Expect(run(append([]string{"merge", "--suite", lib, at("merged")}, shards...)...).code).To(BeElementOf(0, 1))
		want, got := readScorecard(at("single")), readScorecard(at("merged"))
		Expect(got.Totals.Attempts).To(Equal(2 * len(want.Cases)))
		expectSameScorecard(got, want)
	})

	It("gates the merged run on a --baseline and --flaky, as run does", func() {
		Expect(run("run", lib, "--out", at("single"), "--repeat", "2").code).To(BeElementOf(0, 1))
		shards := runShards(lib, 2, "--repeat", "2", "--demo-flaws", "air-canada")
		m := run(append([]string{"merge", "--suite", lib, "--baseline", at("single"), "--flaky", "fail", at("merged")}, shards...)...)
		Expect(m.code).To(Equal(1), m.out+m.errOut)
		got := readScorecard(at("merged"))
		Expect(got.Baseline).NotTo(BeNil())
		Expect(got.Baseline.Regressions).NotTo(BeEmpty(), "the flawed shards regress on the clean single run")
		Expect(at("merged/summary.md")).To(BeAnExistingFile())
		md, _ := os.ReadFile(at("merged/summary.md"))
		Expect(string(md)).To(ContainSubstring("baseline"))

		bad := run(append([]string{"merge", "--suite", lib, "--flaky", "sometimes", at("merged2")}, shards...)...)
		Expect(bad.code).To(Equal(2), bad.errOut)
		Expect(bad.errOut).To(ContainSubstring("--flaky"))
	})

	It("warns about an attempt found in two shards, keeps one and counts it once", func() {
		shards := runShards(lib, 2)
		r := run("merge", "--suite", lib, at("merged"), shards[0], shards[1], shards[0])
		Expect(r.code).To(BeElementOf(0, 1), r.out+r.errOut)
		Expect(r.errOut).To(ContainSubstring("in more than one shard"))
		sc := readScorecard(at("merged"))
		keys := resultKeys(at("merged/results.jsonl"))
		Expect(keys).To(HaveLen(sc.Totals.Cases))
		Expect(sc.Totals.Attempts).To(Equal(sc.Totals.Cases))
	})

	It("refuses a merge with a shard missing (exit 2) but still writes the partial report; --allow-partial accepts it", func() {
		shards := runShards(lib, 3)
		r := run("merge", "--suite", lib, at("merged"), shards[0], shards[2])
		Expect(r.code).To(Equal(2), r.out+r.errOut)
		Expect(r.errOut).To(ContainSubstring("is a shard missing"))
		sc := readScorecard(at("merged"))
		Expect(sc.Run.Interrupted).To(BeTrue())

		r = run("merge", "--suite", lib, "--allow-partial", at("merged2"), shards[0], shards[2])
		Expect(r.code).To(BeElementOf(0, 1), r.out+r.errOut)
		Expect(readScorecard(at("merged2")).Run.Interrupted).To(BeTrue())
	})

	It("refuses results of cases the suite does not have, naming --suite", func() {
		shards := runShards(lib, 2)
		r := run("merge", at("merged-bundled"), shards[0], shards[1])
		Expect(r.code).To(Equal(2), "the bundled library is the default --suite, and it has other ids")
		dir := writeSuite(map[string]string{"a.yaml": "version: 1\ncases:\n  - id: other\n    turns: [{user: hello}]\n"})
		r = run("merge", "--suite", dir, at("merged"), shards[0], shards[1])
		Expect(r.code).To(Equal(2))
		Expect(r.errOut).To(ContainSubstring("--suite"))
	})

	It("refuses bad arguments with exit 2", func() {
		shards := runShards(lib, 2)
		Expect(run("merge", at("merged")).code).To(Equal(2))
		Expect(run("merge", at("merged"), at("nope")).code).To(Equal(2))
		Expect(run("merge", shards[0], shards[0], shards[1]).code).To(Equal(2), "OUT_DIR may not be a shard")
		empty := at("empty")
		Expect(os.MkdirAll(empty, 0o755)).To(Succeed())
		r := run("merge", at("merged"), empty)
		Expect(r.code).To(Equal(2))
		Expect(r.errOut).To(ContainSubstring("results.jsonl"))
	})

	Describe("--shard auto/N", func() {
		It("reads another variable with --shard-index-env", func() {
			env := map[string]string{"MY_INDEX": "1"}
			a := tribunal(context.Background(), env, false, "run", lib, "--shard", "auto/2", "--shard-index-env", "MY_INDEX", "--out", at("a"))
			b := run("run", lib, "--shard", "2/2", "--out", at("b"))
			Expect(a.code).To(Equal(b.code), a.errOut)
			Expect(resultKeys(at("a/results.jsonl"))).To(ConsistOf(resultKeys(at("b/results.jsonl"))))
		})

		It("is a usage error (exit 2) when the variable is unset, not a number or out of range", func() {
			r := run("run", "--shard", "auto/4", "--out", at("x"))
			Expect(r.code).To(Equal(2))
			Expect(r.errOut).To(ContainSubstring("JOB_COMPLETION_INDEX"))
			for _, v := range []string{"4", "-1", "two"} {
				r := tribunal(context.Background(), map[string]string{"JOB_COMPLETION_INDEX": v}, false, "run", "--shard", "auto/4", "--out", at("x"))
				Expect(r.code).To(Equal(2), v)
				Expect(r.errOut).To(ContainSubstring("0-based"), v)
			}
			Expect(run("run", "--shard", "auto/0", "--out", at("x")).code).To(Equal(2))
		})
	})

	Describe("the example files", func() {
		read := func(name string) map[string]any {
			data, err := os.ReadFile(filepath.Join("..", "examples", name))
			Expect(err).NotTo(HaveOccurred())
			var doc map[string]any
			Expect(yaml.Unmarshal(data, &doc)).To(Succeed(), name)
			return doc
		}

		It("the Kubernetes Indexed Job runs 4 completions, each picking its shard from JOB_COMPLETION_INDEX", func() {
			data, err := os.ReadFile(filepath.Join("..", "examples", "kubernetes", "indexed-job.yaml"))
			Expect(err).NotTo(HaveOccurred())
			jobs := map[string]map[string]any{}
			for _, doc := range strings.Split(string(data), "\n---\n") {
				var d map[string]any
				Expect(yaml.Unmarshal([]byte(doc), &d)).To(Succeed())
				if d["kind"] == "Job" {
					jobs[d["metadata"].(map[string]any)["name"].(string)] = d
				}
			}
			Expect(jobs).To(HaveKey("tribunal-shards"))
			Expect(jobs).To(HaveKey("tribunal-merge"))
			spec := jobs["tribunal-shards"]["spec"].(map[string]any)
			Expect(spec["completionMode"]).To(Equal("Indexed"))
			Expect(spec["completions"]).To(BeNumerically("==", 4))
			containers := spec["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)
			args := strings.Join(toStrings(containers[0].(map[string]any)["args"]), " ")
			Expect(args).To(ContainSubstring("--shard auto/4"))
			Expect(args).To(ContainSubstring("--out"))
			merge := jobs["tribunal-merge"]["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)
			margs := toStrings(merge["args"])
			Expect(margs[0]).To(Equal("merge"))
			Expect(margs).To(ContainElements("/results/shard-0", "/results/shard-1", "/results/shard-2", "/results/shard-3"))
		})

		It("the GitHub Actions workflow runs a matrix of 4 shards and merges them", func() {
			wf := read(filepath.Join("github-actions", "tribunal.yml"))
			jobs := wf["jobs"].(map[string]any)
			Expect(jobs).To(HaveKey("shard"))
			Expect(jobs).To(HaveKey("merge"))
			matrix := jobs["shard"].(map[string]any)["strategy"].(map[string]any)["matrix"].(map[string]any)
			Expect(matrix["shard"]).To(HaveLen(4))
			var shardRun, mergeRun string
			for _, s := range jobs["shard"].(map[string]any)["steps"].([]any) {
				if r, ok := s.(map[string]any)["run"].(string); ok && strings.Contains(r, "tribunal run") {
					shardRun = r
				}
			}
			for _, s := range jobs["merge"].(map[string]any)["steps"].([]any) {
				if r, ok := s.(map[string]any)["run"].(string); ok && strings.Contains(r, "tribunal merge") {
					mergeRun = r
				}
			}
			Expect(shardRun).To(ContainSubstring("--shard ${{ matrix.shard }}/4"))
			Expect(mergeRun).To(ContainSubstring("tribunal merge tribunal-report shards/*"))
		})

		It("relies on merge writing the job summary itself on GitHub Actions", func() {
			shardDir := filepath.Join(GinkgoT().TempDir(), "shard-1")
			Expect(run("run", "--out", shardDir, "--shard", "1/1").code).To(Equal(0))
			stepSummary := filepath.Join(GinkgoT().TempDir(), "step-summary.md")
			env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": stepSummary}
			r := tribunal(context.Background(), env, false, "merge", filepath.Join(GinkgoT().TempDir(), "merged"), shardDir)
			Expect(r.code).To(Equal(0), r.out+r.errOut)
			summary, err := os.ReadFile(stepSummary)
			Expect(err).NotTo(HaveOccurred())
			Expect(string(summary)).To(ContainSubstring("passed"))
		})
	})
})

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}
