package score

import (
	"fmt"
	"math"
	"sort"

	"github.com/tribunal-eval/tribunal/suite"
)

// Exit codes a scorecard can decide. They are part of the CLI's contract
// and are never renumbered.
const (
	ExitOK          = 0
	ExitGateFailed  = 1
	ExitUnreachable = 3
)

// DefaultGates fail a run on any failed critical or high case and on any
// errored attempt.
func DefaultGates() suite.Gates {
	zero := 0.0
	return suite.Gates{
		MaxFailed:    map[suite.Severity]int{suite.Critical: 0, suite.High: 0},
		MaxErrorRate: &zero,
	}
}

// WithDefaults fills what g leaves unset from DefaultGates.
func WithDefaults(g suite.Gates) suite.Gates {
	d := DefaultGates()
	if g.MaxFailed == nil {
		g.MaxFailed = d.MaxFailed
	}
	if g.MaxErrorRate == nil {
		g.MaxErrorRate = d.MaxErrorRate
	}
	return g
}

// Evaluate checks the gates on sc. A failed quality check (failed cases,
// low pass rates) decides exit code 1; otherwise too many errored attempts
// decide 3, since the run could not tell whether the bot is good.
func Evaluate(sc *Scorecard, g suite.Gates) Gate {
	g = WithDefaults(g)
	var checks []GateCheck
	quality := true

	for _, s := range suite.Severities {
		limit, ok := g.MaxFailed[s]
		if !ok {
			continue
		}
		failed := 0
		for _, ss := range sc.Severities {
			if ss.Severity == s {
				failed = ss.Fail
			}
		}
		pass := failed <= limit
		quality = quality && pass
		checks = append(checks, GateCheck{Name: "max_failed." + string(s), Passed: pass,
			Detail: fmt.Sprintf("%d %s case(s) failed, %d allowed", failed, s, limit)})
	}

	names := make([]string, 0, len(g.MinPassRate))
	for n := range g.MinPassRate {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		floor := g.MinPassRate[n]
		var got float64
		var judged int
		if n == "overall" {
			got, judged = sc.Totals.PassRate, sc.Totals.Pass+sc.Totals.Fail
		} else {
			for _, ds := range sc.Dimensions {
				if string(ds.Dimension) == n {
					got, judged = ds.Rate, ds.Pass+ds.Fail
				}
			}
		}
		pass := judged == 0 || got+1e-12 >= floor
		quality = quality && pass
		checks = append(checks, GateCheck{Name: "min_pass_rate." + n, Passed: pass,
			Detail: fmt.Sprintf("%s pass rate %.1f%% over %d judged, %.1f%% required", n, 100*got, judged, 100*floor)})
	}

	errRate := 0.0
	if sc.Totals.Attempts > 0 {
		errRate = float64(sc.Totals.ErroredAttempts) / float64(sc.Totals.Attempts)
	}
	errorsOK := errRate <= *g.MaxErrorRate+1e-12
	checks = append(checks, GateCheck{Name: "max_error_rate", Passed: errorsOK,
		Detail: fmt.Sprintf("%d of %d attempts errored (%.1f%%), %.1f%% allowed",
			sc.Totals.ErroredAttempts, sc.Totals.Attempts, 100*errRate, 100**g.MaxErrorRate)})

	if ch := flakyCheck(sc, g); ch != nil {
		quality = quality && ch.Passed
		checks = append(checks, *ch)
	}

	gate := Gate{Passed: quality && errorsOK, Checks: checks}
	switch {
	case !quality:
		gate.ExitCode = ExitGateFailed
	case !errorsOK:
		gate.ExitCode = ExitUnreachable
	}
	return gate
}

// Wilson returns the 95% Wilson score interval for pass successes out of n.
// It stays inside [0, 1] and behaves at 0 and n, unlike the normal
// approximation, which matters for the small per-dimension counts of a suite.
func Wilson(pass, n int) (low, high float64) {
	if n == 0 {
		return 0, 1
	}
	const z = 1.959963984540054
	p := float64(pass) / float64(n)
	nn := float64(n)
	denom := 1 + z*z/nn
	center := (p + z*z/(2*nn)) / denom
	half := z * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn)) / denom
	return math.Max(0, center-half), math.Min(1, center+half)
}

// Failed lists the failed checks.
func (g Gate) Failed() []GateCheck {
	var out []GateCheck
	for _, c := range g.Checks {
		if !c.Passed {
			out = append(out, c)
		}
	}
	return out
}
