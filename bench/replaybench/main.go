// Command replaybench measures tribunal end to end: the built binary
// replays generated cases against the demo bot served on 127.0.0.1, as a
// user would run it, and the numbers are read from outside the process.
//
//	go run ./bench/replaybench                 # all three measurements
//	go run ./bench/replaybench -mode latency -n 10000 -c 64 -turns 3 -latency 20ms
//	go run ./bench/replaybench -mode overhead  # zero-latency bot: the harness's own cost
//	go run ./bench/replaybench -mode rss       # peak RSS at 1,000 vs 100,000 cases
//
// The bot is the demo bot memoized per conversation (see measure.Bot): the
// same replies, without its rule engine's CPU time on every request, which
// would otherwise compete with tribunal for the machine; -demobot serves the
// demo bot itself.
//
// latency: N cases of T turns against a bot answering after L, C at a time.
// The ideal is ceil(N/C)×T×L: the bot's latency, nothing else. It prints the
// process's wall time (loading the cases, replaying, judging, writing every
// report) and the replay phase as the bot saw it (first request to last
// reply), each against the ideal, and the CPU time spent in that window by
// tribunal, by the bot (this process) and by any other process on the
// machine, per reply: on a machine with few cores, tribunal's and the bot's
// CPU per reply bound how close to the ideal a run can get, and other
// work competing for the CPUs makes the run slower than it should be
// (-quiet waits for the machine to settle first).
//
// overhead: 10,000 single-turn cases against a bot that answers at once;
// what remains is tribunal's own work (load, replay, judge, results.jsonl,
// reports) plus the demo bot's, which shares the machine.
//
// rss: the same zero-latency run at 1,000 and at 100,000 cases; the peak
// resident set size of each tribunal process (from wait4's rusage) and their
// ratio.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"

	"github.com/tribunal-eval/tribunal/bench/measure"
	"github.com/tribunal-eval/tribunal/bench/workload"
)

type options struct {
	mode     string
	n, c     int
	turns    int
	latency  time.Duration
	overN    int
	rssSmall int
	rssLarge int
	bin      string
	keep     bool
	demobot  bool
	quiet    time.Duration
	profile  string
}

func main() {
	var o options
	flag.StringVar(&o.mode, "mode", "all", "latency, overhead, rss or all")
	flag.IntVar(&o.n, "n", 10000, "cases for the latency run")
	flag.IntVar(&o.c, "c", 64, "concurrency (--concurrency)")
	flag.IntVar(&o.turns, "turns", 3, "customer turns per case for the latency run")
	flag.DurationVar(&o.latency, "latency", 20*time.Millisecond, "the bot's fixed latency per reply for the latency run")
	flag.IntVar(&o.overN, "overhead-n", 10000, "single-turn cases for the overhead run")
	flag.IntVar(&o.rssSmall, "rss-small", 1000, "cases for the small RSS run")
	flag.IntVar(&o.rssLarge, "rss-large", 100000, "cases for the large RSS run")
	flag.StringVar(&o.bin, "tribunal", "", "tribunal binary to measure (default: go build ./cmd/tribunal)")
	flag.BoolVar(&o.keep, "keep", false, "keep the generated suites and reports")
	flag.BoolVar(&o.demobot, "demobot", false, "serve the demo bot itself on every request, not memoized (its CPU then competes with tribunal's)")
	flag.DurationVar(&o.quiet, "quiet", 2*time.Minute, "before each run, wait up to this long for other processes to use less than a tenth of a CPU (0: don't wait)")
	flag.StringVar(&o.profile, "cpuprofile", "", "write a CPU profile of this process (the bot) during each tribunal run to this file")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "replaybench:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	tmp, err := os.MkdirTemp("", "replaybench-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Println("keeping", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	if o.bin == "" {
		if o.bin, err = measure.BuildTribunal(tmp); err != nil {
			return err
		}
	}
	fmt.Printf("replaybench: %s/%s, %d CPUs, %s, load average %s; tribunal at %s\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), measure.LoadAvg(), o.bin)
	defer func() { fmt.Printf("load average at the end: %s\n", measure.LoadAvg()) }()
	b := &bench{options: o, tmp: tmp}
	switch o.mode {
	case "latency":
		return b.latencyRun()
	case "overhead":
		return b.overheadRun()
	case "rss":
		return b.rssRun()
	case "all":
		for _, f := range []func() error{b.latencyRun, b.overheadRun, b.rssRun} {
			if err := f(); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("-mode %q: want latency, overhead, rss or all", o.mode)
}

type bench struct {
	options
	tmp string
	seq int
}

// outcome is one measured tribunal run.
type outcome struct {
	res    measure.Result
	bot    measure.Stats
	totals struct {
		Cases    int `json:"cases"`
		Attempts int `json:"attempts"`
		Pass     int `json:"pass"`
		Fail     int `json:"fail"`
		Error    int `json:"error"`
	}
}

// replay generates n cases of turns turns, serves the bot with latency and
// runs the tribunal binary over them at concurrency c.
func (b *bench) replay(n, turns, c int, latency time.Duration) (*outcome, error) {
	b.seq++
	dir := filepath.Join(b.tmp, fmt.Sprintf("run-%d", b.seq))
	cases, err := workload.Generate(n, turns)
	if err != nil {
		return nil, err
	}
	if err := workload.WriteSuite(dir, cases, 1000); err != nil {
		return nil, err
	}
	bot, err := measure.StartBot(latency, !b.demobot)
	if err != nil {
		return nil, err
	}
	defer bot.Close()
	if err := bot.Warm(workload.Conversations(cases)); err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "report")
	if b.quiet > 0 {
		if busy, ok := measure.WaitQuiet(0.1, b.quiet); !ok {
			fmt.Printf("  (the machine did not settle: other processes still use %.1f CPUs)\n", busy)
		}
	}
	if b.profile != "" {
		f, err := os.Create(b.profile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, err
		}
		defer pprof.StopCPUProfile()
	}
	res, err := measure.Run(dir, []string{"CI=1"}, b.bin, "run", filepath.Join(dir, "cases"),
		"--target", bot.URL+"/v1", "--target-kind", "openai",
		"--concurrency", strconv.Itoa(c), "--out", out)
	if err != nil {
		return nil, err
	}
	o := &outcome{res: res, bot: bot.Stats()}
	if res.ExitCode != 0 && res.ExitCode != 1 {
		return nil, fmt.Errorf("tribunal exited %d:\n%s", res.ExitCode, tail(res.Stderr, 2000))
	}
	data, err := os.ReadFile(filepath.Join(out, "scorecard.json"))
	if err != nil {
		return nil, err
	}
	var sc struct {
		Totals json.RawMessage `json:"totals"`
	}
	if err := json.Unmarshal(data, &sc); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(sc.Totals, &o.totals); err != nil {
		return nil, err
	}
	if o.totals.Attempts != n {
		return nil, fmt.Errorf("the scorecard has %d attempts, want %d", o.totals.Attempts, n)
	}
	if want := int64(n * turns); o.bot.Requests != want {
		return nil, fmt.Errorf("the bot answered %d requests, want %d", o.bot.Requests, want)
	}
	if !b.keep {
		_ = os.RemoveAll(dir)
	}
	return o, nil
}

// cpu is the CPU time spent while the bot was busy, per reply, and over
// the whole run.
func (o *outcome) cpu() string {
	w, ok := o.res.CPUBetween(o.bot.First, o.bot.Last)
	all, ok2 := o.res.CPU()
	if !ok || !ok2 || o.bot.Requests == 0 {
		return "cpu     not measured here (needs /proc)"
	}
	per := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(o.bot.Requests) }
	return fmt.Sprintf("cpu     while replaying: tribunal %s (%.0f µs/reply), bot %s (%.0f µs/reply), interrupts (loopback TCP) %s (%.0f µs/reply), other processes %s (%.2f CPUs)\n"+
		"          whole run: tribunal %s, bot %s, interrupts %s, other processes %s (%.2f CPUs)",
		measure.Secs(w.Child), per(w.Child), measure.Secs(w.Self), per(w.Self), measure.Secs(w.Interrupts), per(w.Interrupts),
		measure.Secs(w.Others), w.Others.Seconds()/w.Span.Seconds(),
		measure.Secs(all.Child), measure.Secs(all.Self), measure.Secs(all.Interrupts), measure.Secs(all.Others), all.Others.Seconds()/all.Span.Seconds())
}

func (o *outcome) summary() string {
	return fmt.Sprintf("cases   pass %d, fail %d, error %d (exit %d); peak RSS %s; tribunal CPU user %s sys %s\n  bot     requests in flight: mean %.1f, peak %d; a request took the bot %.2f ms on average",
		o.totals.Pass, o.totals.Fail, o.totals.Error, o.res.ExitCode, measure.MB(o.res.MaxRSS),
		measure.Secs(o.res.User), measure.Secs(o.res.Sys), o.bot.MeanInFlight, o.bot.PeakInFlight, float64(o.bot.MeanServing.Microseconds())/1000)
}

func (b *bench) latencyRun() error {
	fmt.Printf("latency: N=%d cases × %d turns, C=%d, bot latency L=%s\n", b.n, b.turns, b.c, b.latency)
	o, err := b.replay(b.n, b.turns, b.c, b.latency)
	if err != nil {
		return err
	}
	ideal := time.Duration((b.n+b.c-1)/b.c*b.turns) * b.latency
	fmt.Printf("  ideal   ceil(N/C)×turns×L = %s\n", measure.Secs(ideal))
	fmt.Printf("  wall    %s (%+.1f%% over ideal)  process start to exit: load, replay, judge, write the reports\n", measure.Secs(o.res.Wall), pct(o.res.Wall, ideal))
	fmt.Printf("  replay  %s (%+.1f%% over ideal)  the bot's first request to its last reply\n", measure.Secs(o.bot.Busy), pct(o.bot.Busy, ideal))
	fmt.Printf("  %s\n", o.cpu())
	fmt.Printf("  %s\n\n", o.summary())
	return nil
}

func (b *bench) overheadRun() error {
	fmt.Printf("overhead: N=%d single-turn cases, C=%d, bot latency 0\n", b.overN, b.c)
	o, err := b.replay(b.overN, 1, b.c, 0)
	if err != nil {
		return err
	}
	fmt.Printf("  wall    %s  process start to exit: load %d cases, replay, judge, write results.jsonl and the reports\n", measure.Secs(o.res.Wall), b.overN)
	fmt.Printf("  replay  %s  the bot's first request to its last reply\n", measure.Secs(o.bot.Busy))
	fmt.Printf("  %s\n", o.cpu())
	fmt.Printf("  per case %.0f µs of wall, %.0f µs of tribunal CPU\n",
		float64(o.res.Wall.Microseconds())/float64(b.overN), float64((o.res.User+o.res.Sys).Microseconds())/float64(b.overN))
	fmt.Printf("  %s\n\n", o.summary())
	return nil
}

func (b *bench) rssRun() error {
	fmt.Printf("rss: peak RSS of tribunal at %d vs %d single-turn cases, C=%d, bot latency 0\n", b.rssSmall, b.rssLarge, b.c)
	small, err := b.replay(b.rssSmall, 1, b.c, 0)
	if err != nil {
		return err
	}
	fmt.Printf("  %7d cases  peak RSS %s  wall %s\n", b.rssSmall, measure.MB(small.res.MaxRSS), measure.Secs(small.res.Wall))
	large, err := b.replay(b.rssLarge, 1, b.c, 0)
	if err != nil {
		return err
	}
	fmt.Printf("  %7d cases  peak RSS %s  wall %s\n", b.rssLarge, measure.MB(large.res.MaxRSS), measure.Secs(large.res.Wall))
	fmt.Printf("  ratio  %.1f× (the goal: within 2×)\n\n", float64(large.res.MaxRSS)/float64(small.res.MaxRSS))
	return nil
}

func pct(d, ideal time.Duration) float64 {
	return (d.Seconds() - ideal.Seconds()) / ideal.Seconds() * 100
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
