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

// novelPool is how many variants of each demo-bot transcript the novel
// runs cycle through: 14,400 distinct replies for one-turn cases, 43,200 for
// three-turn ones, several times what the judges' bounded caches (tokens,
// language detections) hold, so every reply is new to them, as with an LLM
// bot that never repeats itself.
const novelPool = 400

// refLetters spell the case references of the novel variants: consonants
// only, so no reference is a word (or a swear word) of any lexicon.
const refLetters = "BCDFGHJKLMNPQRSTVWXZ"

// caseRef returns the n-th six-letter case reference. It has no digits:
// the language judge drops words with digits before detection, so a
// numbered reference would leave the text it detects unchanged.
func caseRef(n int) string {
	n = n*7919 + 104729 // neighbours differ in more than the last letter
	var b [6]byte
	for i := range b {
		b[i] = refLetters[n%len(refLetters)]
		n /= len(refLetters)
	}
	return string(b[:])
}

// refSentence is the sentence each novel reply gains, in the case's
// language; a case that sets none gets only the reference.
var refSentence = map[string]string{
	"en": "Your case reference is %s.",
	"fr": "Votre référence de dossier est %s.",
	"de": "Ihre Vorgangsnummer lautet %s.",
	"es": "Su número de referencia es %s.",
	"sv": "Ditt ärendenummer är %s.",
	"":   "(Ref. %s)",
}

// novelVariants returns n variants of each transcript whose every reply
// ends with a sentence giving its own case reference: the demo bot's words,
// plus text the judges have not seen before. Customer turns are kept: a
// suite replays the same ones.
func novelVariants(tb testing.TB, cases []*suite.Case, ts []*transcript.Transcript, n int) ([]*suite.Case, []*transcript.Transcript) {
	outC := make([]*suite.Case, 0, n*len(cases))
	outT := make([]*transcript.Transcript, 0, n*len(cases))
	ref := 0
	for v := 0; v < n; v++ {
		for k, c := range cases {
			format, ok := refSentence[c.Language]
			if !ok {
				tb.Fatalf("%s: no reference sentence for language %q", c.ID, c.Language)
			}
			t := *ts[k]
			t.Turns = append([]transcript.Turn(nil), ts[k].Turns...)
			for i := range t.Turns {
				t.Turns[i].Reply += " " + fmt.Sprintf(format, caseRef(ref))
				ref++
			}
			outC, outT = append(outC, c), append(outT, &t)
		}
	}
	return outC, outT
}

// BenchmarkRules measures the default judges panel (whatever judges.Rules
// returns) on real demo-bot transcripts of the generated workload:
//
//   - novel: every reply is text the judges have not seen (each demo-bot
//     reply plus its own case reference), as with an LLM bot; the number
//     to go by;
//   - repeated: the demo bot's own transcripts, cycled, so the judges'
//     bounded caches hit, as with a templated bot or a re-run suite.
//
// One goroutine: replies/s is replies per second per core. The parallel
// run spreads over GOMAXPROCS cores and also reports replies/s/core.
//
//	go test -run='^$' -bench=Rules -benchtime=3s -cpu 1,2 ./bench/
func BenchmarkRules(b *testing.B) {
	for _, turns := range []int{1, 3} {
		cases := loadWorkload(b, turns)
		ts := transcripts(b, cases)
		novelCases, novelTs := novelVariants(b, cases, ts, novelPool)
		panel := judges.Rules(judges.Options{})
		ctx := context.Background()
		for _, w := range []struct {
			name  string
			cases []*suite.Case
			ts    []*transcript.Transcript
		}{
			{"novel", novelCases, novelTs},
			{"repeated", cases, ts},
		} {
			name := fmt.Sprintf("turns=%d/%s", turns, w.name)
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					k := i % len(w.cases)
					panel.Judge(ctx, w.cases[k], w.ts[k])
				}
				b.ReportMetric(float64(b.N*turns)/b.Elapsed().Seconds(), "replies/s")
			})
			b.Run(name+"/parallel", func(b *testing.B) {
				b.ReportAllocs()
				var next atomic.Int64
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						k := int(next.Add(1)) % len(w.cases)
						panel.Judge(ctx, w.cases[k], w.ts[k])
					}
				})
				rps := float64(b.N*turns) / b.Elapsed().Seconds()
				b.ReportMetric(rps, "replies/s")
				b.ReportMetric(rps/float64(runtime.GOMAXPROCS(0)), "replies/s/core")
			})
		}
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
