package suite_test

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/tribunal-eval/tribunal/bench/workload"
	"github.com/tribunal-eval/tribunal/suite"
)

// BenchmarkLoadRetained loads generated suites of single-turn cases (the
// benchmark workload, 1000 cases a file) and reports, besides the load
// time, the heap a loaded suite keeps alive per case: a run holds every
// case for its whole duration, so this is what peak memory grows with.
//
//	go test -run='^$' -bench=LoadRetained ./suite/
func BenchmarkLoadRetained(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			dir := benchSuite(b, n)
			before := liveHeap()
			var err error
			var s *suite.Suite
			for b.Loop() {
				s = nil // the previous load is garbage before the next
				if s, err = suite.Load(filepath.Join(dir, "cases")); err != nil {
					b.Fatal(err)
				}
			}
			elapsed := b.Elapsed()
			after := liveHeap()
			if len(s.Cases) != n {
				b.Fatalf("loaded %d cases, want %d", len(s.Cases), n)
			}
			b.ReportMetric(float64(int64(after)-int64(before))/float64(n), "retained-B/case")
			b.ReportMetric(float64(elapsed.Nanoseconds())/float64(b.N)/float64(n), "ns/case")
			runtime.KeepAlive(s)
		})
	}
}

// benchSuite writes n generated single-turn cases, 1000 a file, under a
// temporary folder (the suite is its "cases" folder) and returns it; the
// generated cases are garbage by the time it returns.
func benchSuite(b *testing.B, n int) string {
	b.Helper()
	if n > 10000 && testing.Short() {
		b.Skip("large suite skipped in -short mode")
	}
	cases, err := workload.Generate(n, 1)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := workload.WriteSuite(dir, cases, 1000); err != nil {
		b.Fatal(err)
	}
	return dir
}

// liveHeap is the heap in use after a full collection. Twice: the second
// also empties sync.Pool caches the first only moved aside.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkWalkRetained walks the suites BenchmarkLoadRetained loads,
// dropping each case as it is handed over (as a run does once the case is
// replayed), and reports the heap kept alive per case, measured as
// BenchmarkLoadRetained measures it: after the walk (retained-B/case), and
// in the middle of it, at the last case (walking-B/case: the case ids the
// duplicate check keeps, and the file being handed over). Both stay flat
// as the suite grows, where Load's grows with every case.
//
//	go test -run='^$' -bench=WalkRetained ./suite/
func BenchmarkWalkRetained(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			dir := benchSuite(b, n)
			before := liveHeap()
			var err error
			var s *suite.Suite
			var walking uint64
			measured := false
			for b.Loop() {
				s = nil
				seen := 0
				s, err = suite.Walk(filepath.Join(dir, "cases"), func(*suite.Case) error {
					if seen++; seen == n && !measured {
						b.StopTimer()
						walking, measured = liveHeap(), true
						b.StartTimer()
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				if seen != n {
					b.Fatalf("walked %d cases, want %d", seen, n)
				}
			}
			elapsed := b.Elapsed()
			after := liveHeap()
			if s.Cases != nil || len(s.Files) == 0 {
				b.Fatalf("Walk returned %d cases and %d files", len(s.Cases), len(s.Files))
			}
			b.ReportMetric(float64(int64(after)-int64(before))/float64(n), "retained-B/case")
			b.ReportMetric(float64(int64(walking)-int64(before))/float64(n), "walking-B/case")
			b.ReportMetric(float64(elapsed.Nanoseconds())/float64(b.N)/float64(n), "ns/case")
			runtime.KeepAlive(s)
		})
	}
}
