package bench_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/tribunal-eval/tribunal/bench/workload"
	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
	"github.com/tribunal-eval/tribunal/transcript"
)

// loadWorkload writes one round of the generated workload (one case per
// library case, turns turns each) as a suite and loads it back, policies
// and all, as tribunal run would.
func loadWorkload(tb testing.TB, turns int) []*suite.Case {
	tb.Helper()
	cases, err := workload.Generate(36, turns)
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	if err := workload.WriteSuite(dir, cases, 1000); err != nil {
		tb.Fatal(err)
	}
	s, err := suite.Load(filepath.Join(dir, "cases"))
	if err != nil {
		tb.Fatal(err)
	}
	return s.Cases
}

// transcripts replays each case once against the in-process demo bot.
func transcripts(tb testing.TB, cases []*suite.Case) []*transcript.Transcript {
	out := make([]*transcript.Transcript, len(cases))
	for i, c := range cases {
		out[i] = replay.Play(context.Background(), demobot.New(), c, 1)
		if out[i].Failed() {
			tb.Fatalf("%s: %s", c.ID, out[i].Error)
		}
	}
	return out
}

// BenchmarkRules measures the default judges panel (whatever judges.Rules
// returns) on real demo-bot transcripts of the generated workload. One
// goroutine: replies/s is replies per second per core. The parallel run
// spreads over GOMAXPROCS cores and also reports replies/s/core.
//
//	go test -run='^$' -bench=Rules -benchtime=3s ./bench/
func BenchmarkRules(b *testing.B) {
	for _, turns := range []int{1, 3} {
		cases := loadWorkload(b, turns)
		ts := transcripts(b, cases)
		panel := judges.Rules(judges.Options{})
		ctx := context.Background()
		b.Run(fmt.Sprintf("turns=%d", turns), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				k := i % len(cases)
				panel.Judge(ctx, cases[k], ts[k])
			}
			b.ReportMetric(float64(b.N*turns)/b.Elapsed().Seconds(), "replies/s")
		})
		b.Run(fmt.Sprintf("turns=%d/parallel", turns), func(b *testing.B) {
			b.ReportAllocs()
			var next atomic.Int64
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					k := int(next.Add(1)) % len(cases)
					panel.Judge(ctx, cases[k], ts[k])
				}
			})
			rps := float64(b.N*turns) / b.Elapsed().Seconds()
			b.ReportMetric(rps, "replies/s")
			b.ReportMetric(rps/float64(runtime.GOMAXPROCS(0)), "replies/s/core")
		})
	}
}

// BenchmarkEngine measures the replay engine with an in-process target that
// answers at once, 64 attempts in flight, on single-turn cases: the pool
// alone, the pool with the judges, the demo bot's own answering, and the
// whole in-process pipeline (results.jsonl and the scorecard builder).
//
//	go test -run='^$' -bench=Engine -benchtime=20000x ./bench/
func BenchmarkEngine(b *testing.B) {
	lib := loadWorkload(b, 1)
	canned := target.Func(func(_ context.Context, req target.Request) (target.Response, error) {
		return target.Response{Reply: "I'm sorry to hear that. Bereavement fares must be requested before travel; I can check other options for your booking."}, nil
	})
	rules := judges.Rules(judges.Options{})
	for _, bc := range []struct {
		name    string
		target  target.Target
		judge   replay.Judge
		results bool
	}{
		{"canned-reply/no-judges", canned, nil, false},
		{"canned-reply/rules", canned, rules, false},
		{"demobot/rules", demobot.New(), rules, false},
		{"demobot/rules/results.jsonl+scorecard", demobot.New(), rules, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cases := make([]*suite.Case, b.N)
			for i := range cases {
				cases[i] = lib[i%len(lib)]
			}
			var sink replay.Sink = func(*results.Record) error { return nil }
			var w *results.Writer
			if bc.results {
				var err error
				if w, err = results.Create(filepath.Join(b.TempDir(), results.FileName)); err != nil {
					b.Fatal(err)
				}
				builder := score.NewBuilder(lib, score.RunInfo{})
				sink = func(r *results.Record) error {
					builder.Add(r)
					return w.Write(r)
				}
			}
			e := &replay.Engine{Target: bc.target, Judge: bc.judge, Concurrency: 64}
			b.ReportAllocs()
			b.ResetTimer()
			if err := e.Run(context.Background(), cases, sink); err != nil {
				b.Fatal(err)
			}
			if w != nil {
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "attempts/s")
		})
	}
}
