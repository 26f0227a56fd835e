// Command vspromptfoo runs tribunal and promptfoo side by side on the same
// workload and prints wall time and peak RSS for each, and their ratios.
// bench/promptfoo/run.sh installs the pinned promptfoo and calls it:
//
//	bench/promptfoo/run.sh                  # N=1000, C=16, L=20ms
//	bench/promptfoo/run.sh -n 5000 -c 64 -latency 0
//
// The workload: N single-turn cases generated from the bundled library
// (bench/workload), the demo bot on 127.0.0.1 with a fixed latency, served
// as OpenAI chat completions and memoized per conversation (the same
// replies, its CPU spent once per distinct conversation; -demobot to serve
// it plainly); tribunal reaches it with its openai connector,
// promptfoo with its http provider posting the same chat-completions body.
// The checks are the same words: must_say / must_not_say for tribunal,
// icontains / not-icontains for promptfoo. tribunal also runs its built-in
// rule judges on every reply (promptfoo has no equivalent), and writes
// results.jsonl and its report folder; promptfoo writes its JSON output and
// its local database. Both run C requests at a time, with caching off.
//
// promptfoo is kept off the network: telemetry, update checks, sharing and
// remote generation are switched off by environment variables, and its
// config and cache live in a temporary folder.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tribunal-eval/tribunal/bench/measure"
	"github.com/tribunal-eval/tribunal/bench/workload"
)

func main() {
	n := flag.Int("n", 1000, "cases (single-turn)")
	c := flag.Int("c", 16, "concurrency for both tools")
	latency := flag.Duration("latency", 20*time.Millisecond, "the bot's fixed latency per reply")
	runs := flag.Int("runs", 1, "runs of each tool; the median is reported")
	promptfoo := flag.String("promptfoo", "", "the promptfoo executable (bench/promptfoo/node_modules/.bin/promptfoo)")
	bin := flag.String("tribunal", "", "tribunal binary (default: go build ./cmd/tribunal)")
	keep := flag.Bool("keep", false, "keep the workload and the outputs")
	plain := flag.Bool("demobot", false, "serve the demo bot itself on every request, not memoized")
	flag.Parse()
	if err := run(*n, *c, *latency, *runs, *promptfoo, *bin, *keep, !*plain); err != nil {
		fmt.Fprintln(os.Stderr, "vspromptfoo:", err)
		os.Exit(1)
	}
}

// promptfooEnv keeps promptfoo local and quiet.
func promptfooEnv(home string) []string {
	return []string{
		"PROMPTFOO_DISABLE_TELEMETRY=1",
		"PROMPTFOO_DISABLE_UPDATE=1",
		"PROMPTFOO_DISABLE_SHARING=1",
		"PROMPTFOO_DISABLE_REMOTE_GENERATION=1",
		"PROMPTFOO_DISABLE_REDTEAM_REMOTE_GENERATION=1",
		"PROMPTFOO_SELF_HOSTED=1",
		"PROMPTFOO_CACHE_ENABLED=false",
		"PROMPTFOO_CONFIG_DIR=" + filepath.Join(home, "config"),
		"PROMPTFOO_CACHE_PATH=" + filepath.Join(home, "cache"),
		"PROMPTFOO_LOG_DIR=" + filepath.Join(home, "logs"),
		// Even with PROMPTFOO_DISABLE_TELEMETRY=1, promptfoo 0.121 posts
		// one "telemetry disabled" event to r.promptfoo.app. Its fetch
		// honours proxies: a proxy on the discard port of loopback stops
		// that request on this machine, while NO_PROXY lets the requests
		// to the bot go straight to it.
		"HTTPS_PROXY=http://127.0.0.1:9",
		"HTTP_PROXY=http://127.0.0.1:9",
		"https_proxy=http://127.0.0.1:9",
		"http_proxy=http://127.0.0.1:9",
		"NO_PROXY=127.0.0.1,localhost",
		"no_proxy=127.0.0.1,localhost",
		"NO_COLOR=1",
		"CI=1",
		"HOME=" + home,
	}
}

type sample struct {
	res  measure.Result
	bot  measure.Stats
	pass int
	fail int
	errs int
}

func run(n, c int, latency time.Duration, runs int, promptfoo, bin string, keep, memoized bool) error {
	if promptfoo == "" {
		return fmt.Errorf("-promptfoo: give the promptfoo executable (bench/promptfoo/run.sh installs it)")
	}
	if abs, err := filepath.Abs(promptfoo); err == nil {
		promptfoo = abs
	}
	tmp, err := os.MkdirTemp("", "vspromptfoo-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("keeping", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	if bin == "" {
		if bin, err = measure.BuildTribunal(tmp); err != nil {
			return err
		}
	}
	cases, err := workload.Generate(n, 1)
	if err != nil {
		return err
	}
	if err := workload.WriteSuite(filepath.Join(tmp, "suite"), cases, 1000); err != nil {
		return err
	}
	bot, err := measure.StartBot(latency, memoized)
	if err != nil {
		return err
	}
	defer bot.Close()
	if err := bot.Warm(workload.Conversations(cases)); err != nil {
		return err
	}
	cfg, err := workload.Promptfoo(cases, bot.URL+"/v1/chat/completions")
	if err != nil {
		return err
	}
	cfgPath := filepath.Join(tmp, "promptfooconfig.yaml")
	if err := os.WriteFile(cfgPath, cfg, 0o644); err != nil {
		return err
	}
	version, _ := measure.Run(tmp, promptfooEnv(filepath.Join(tmp, "pf-home")), promptfoo, "--version")
	fmt.Printf("vspromptfoo: %d single-turn cases, concurrency %d, bot latency %s on 127.0.0.1; %d CPUs, %s/%s, load average %s\n",
		n, c, latency, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, measure.LoadAvg())
	defer func() { fmt.Printf("  load average at the end: %s\n", measure.LoadAvg()) }()
	fmt.Printf("  promptfoo %s, node %s\n\n", versionLine(version.Stderr), nodeVersion())

	var tr, pf []sample
	for i := 0; i < runs; i++ {
		// tribunal
		bot.Reset()
		out := filepath.Join(tmp, fmt.Sprintf("tribunal-%d", i))
		res, err := measure.Run(tmp, []string{"CI=1"}, bin, "run", filepath.Join(tmp, "suite", "cases"),
			"--target", bot.URL+"/v1", "--target-kind", "openai", "--concurrency", strconv.Itoa(c), "--out", out)
		if err != nil {
			return err
		}
		if res.ExitCode != 0 && res.ExitCode != 1 {
			return fmt.Errorf("tribunal exited %d: %s", res.ExitCode, res.Stderr)
		}
		s := sample{res: res, bot: bot.Stats()}
		if err := tribunalCounts(out, &s); err != nil {
			return err
		}
		tr = append(tr, s)
		fmt.Printf("  run %d tribunal   wall %s  peak RSS %s  CPU %s  (%d requests; pass %d fail %d error %d; exit %d)\n",
			i+1, measure.Secs(res.Wall), measure.MB(res.MaxRSS), measure.Secs(res.User+res.Sys), s.bot.Requests, s.pass, s.fail, s.errs, res.ExitCode)

		// promptfoo
		bot.Reset()
		home := filepath.Join(tmp, fmt.Sprintf("pf-home-%d", i))
		pfOut := filepath.Join(tmp, fmt.Sprintf("promptfoo-%d.json", i))
		res, err = measure.Run(tmp, promptfooEnv(home), promptfoo, "eval", "-c", cfgPath,
			"--max-concurrency", strconv.Itoa(c), "--no-cache", "--no-progress-bar", "--no-table", "-o", pfOut)
		if err != nil {
			return err
		}
		s = sample{res: res, bot: bot.Stats()}
		if err := promptfooCounts(pfOut, &s); err != nil {
			return fmt.Errorf("promptfoo exited %d and %v:\n%s", res.ExitCode, err, tail(res.Stderr, 3000))
		}
		pf = append(pf, s)
		fmt.Printf("  run %d promptfoo  wall %s  peak RSS %s  CPU %s  (%d requests; pass %d fail %d error %d; exit %d)\n",
			i+1, measure.Secs(res.Wall), measure.MB(res.MaxRSS), measure.Secs(res.User+res.Sys), s.bot.Requests, s.pass, s.fail, s.errs, res.ExitCode)
	}
	for _, ss := range [][]sample{tr, pf} {
		for _, s := range ss {
			if s.bot.Requests != int64(n) {
				return fmt.Errorf("a run sent %d requests to the bot, want %d", s.bot.Requests, n)
			}
		}
	}
	tw, pw := median(tr, func(s sample) float64 { return s.res.Wall.Seconds() }), median(pf, func(s sample) float64 { return s.res.Wall.Seconds() })
	trss, prss := median(tr, func(s sample) float64 { return float64(s.res.MaxRSS) }), median(pf, func(s sample) float64 { return float64(s.res.MaxRSS) })
	ideal := time.Duration((n+c-1)/c) * latency
	cpu := func(s sample) float64 { return (s.res.User + s.res.Sys).Seconds() }
	tc, pc := median(tr, cpu), median(pf, cpu)
	fmt.Printf("\n  %-10s %10s %12s %10s   (medians of %d runs)\n", "", "wall", "peak RSS", "CPU", runs)
	fmt.Printf("  %-10s %9.2fs %9.0f MB %9.2fs\n", "tribunal", tw, trss/(1<<20), tc)
	fmt.Printf("  %-10s %9.2fs %9.0f MB %9.2fs\n", "promptfoo", pw, prss/(1<<20), pc)
	fmt.Printf("  %-10s %9.1f× %11.1f× %9.1f×   (promptfoo ÷ tribunal)\n", "ratio", pw/tw, prss/trss, pc/tc)
	if latency > 0 {
		fmt.Printf("  (the bot's latency alone, ceil(N/C)×L, is %s)\n", measure.Secs(ideal))
	}
	return nil
}

func nodeVersion() string {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

func tribunalCounts(out string, s *sample) error {
	data, err := os.ReadFile(filepath.Join(out, "scorecard.json"))
	if err != nil {
		return err
	}
	var sc struct {
		Totals struct{ Pass, Fail, Error int } `json:"totals"`
	}
	if err := json.Unmarshal(data, &sc); err != nil {
		return err
	}
	s.pass, s.fail, s.errs = sc.Totals.Pass, sc.Totals.Fail, sc.Totals.Error
	return nil
}

func promptfooCounts(path string, s *sample) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var out struct {
		Results struct {
			Stats struct {
				Successes int `json:"successes"`
				Failures  int `json:"failures"`
				Errors    int `json:"errors"`
			} `json:"stats"`
		} `json:"results"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		return err
	}
	st := out.Results.Stats
	s.pass, s.fail, s.errs = st.Successes, st.Failures, st.Errors
	return nil
}

func median(ss []sample, f func(sample) float64) float64 {
	vs := make([]float64, len(ss))
	for i, s := range ss {
		vs[i] = f(s)
	}
	sort.Float64s(vs)
	return vs[len(vs)/2]
}

// versionLine finds the version in promptfoo --version's output, which
// may start with runtime warnings.
func versionLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && l[0] >= '0' && l[0] <= '9' {
			return l
		}
	}
	return "(unknown version)"
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
