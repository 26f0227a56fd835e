package score

import (
	"sort"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/suite"
)

// SchemaVersion is the scorecard.json format this package writes.
const SchemaVersion = 1

// Builder gathers finished attempts into a scorecard. Add is called once per
// attempt, in any order; Scorecard can be called at any point.
type Builder struct {
	info  RunInfo
	order map[string]int
	meta  map[string]*suite.Case
	cases map[string]*Case
}

// NewBuilder starts a scorecard for the given cases. Cases keep the suite's
// order in the scorecard. When info has no SuiteHash, it is the hash of
// cases (see SuiteHash).
func NewBuilder(cases []*suite.Case, info RunInfo) *Builder {
	if info.SuiteHash == "" {
		info.SuiteHash = SuiteHash(cases)
	}
	b := &Builder{info: info, order: map[string]int{}, meta: map[string]*suite.Case{}, cases: map[string]*Case{}}
	for i, c := range cases {
		b.order[c.ID] = i
		b.meta[c.ID] = c
	}
	return b
}

// Add records one finished attempt. Records of cases not in the suite are
// kept too (a results file from an older suite), after the known ones.
func (b *Builder) Add(r *results.Record) {
	c, ok := b.cases[r.CaseID]
	if !ok {
		c = &Case{ID: r.CaseID, Severity: suite.Medium, Dimensions: map[judges.Dimension]Status{}}
		if m := b.meta[r.CaseID]; m != nil {
			c.Title, c.Severity, c.Tags, c.Language, c.Source, c.File, c.Line = m.Title, m.Severity, m.Tags, m.Language, m.Source, m.File, m.Line
			c.Escalation = m.EscalationExpected()
			if m.Policy != nil {
				c.Policy = m.Policy.Path
			}
		} else {
			b.order[r.CaseID] = len(b.order)
		}
		b.cases[r.CaseID] = c
	}
	a := Attempt{Attempt: r.Attempt, Verdicts: r.Verdicts, Transcript: r.Transcript}
	a.Status = AttemptStatus(r)
	if r.Transcript != nil {
		a.Error = r.Transcript.Error
		// The raw response is for debugging from results.jsonl; the
		// scorecard stays lean.
		t := *r.Transcript
		t.Turns = append(t.Turns[:0:0], t.Turns...)
		for i := range t.Turns {
			t.Turns[i].Raw = nil
		}
		a.Transcript = &t
	}
	// Keep attempts ordered; replace a duplicate attempt (a resumed run that
	// redid it) rather than counting it twice.
	i := sort.Search(len(c.Attempts), func(i int) bool { return c.Attempts[i].Attempt >= a.Attempt })
	if i < len(c.Attempts) && c.Attempts[i].Attempt == a.Attempt {
		c.Attempts[i] = a
	} else {
		c.Attempts = append(c.Attempts, Attempt{})
		copy(c.Attempts[i+1:], c.Attempts[i:])
		c.Attempts[i] = a
	}
}

// AttemptStatus is an attempt's outcome: error when the transcript failed, fail
// when any verdict failed, error when a judge errored, else pass.
func AttemptStatus(r *results.Record) Status {
	if r.Transcript == nil || r.Transcript.Failed() {
		return judges.Error
	}
	status := judges.Pass
	for _, v := range r.Verdicts {
		switch v.Status {
		case judges.Fail:
			return judges.Fail
		case judges.Error:
			status = judges.Error
		}
	}
	return status
}

// Scorecard computes the scorecard of everything added so far and evaluates
// the gates on it.
func (b *Builder) Scorecard(gates suite.Gates) *Scorecard {
	sc := &Scorecard{SchemaVersion: SchemaVersion, Run: b.info, Cases: []Case{}, Dimensions: []DimensionStats{}}
	ids := make([]string, 0, len(b.cases))
	for id := range b.cases {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return b.order[ids[i]] < b.order[ids[j]] })

	dims := map[judges.Dimension]*DimensionStats{}
	sev := map[suite.Severity]*SeverityStats{}
	for _, s := range suite.Severities {
		sev[s] = &SeverityStats{Severity: s}
	}
	for _, id := range ids {
		c := *b.cases[id]
		finish(&c)
		FillRepeats(&c)
		sc.Cases = append(sc.Cases, c)

		sc.Totals.Cases++
		sc.Totals.Attempts += len(c.Attempts)
		for _, a := range c.Attempts {
			if a.Status == judges.Error {
				sc.Totals.ErroredAttempts++
			}
		}
		ss := sev[c.Severity]
		if ss == nil {
			ss = &SeverityStats{Severity: c.Severity}
			sev[c.Severity] = ss
		}
		ss.Cases++
		switch c.Status {
		case judges.Pass:
			sc.Totals.Pass++
			ss.Pass++
		case judges.Fail:
			sc.Totals.Fail++
			ss.Fail++
		default:
			sc.Totals.Error++
			ss.Error++
		}
		for d, st := range c.Dimensions {
			ds := dims[d]
			if ds == nil {
				ds = &DimensionStats{Dimension: d}
				dims[d] = ds
			}
			switch st {
			case judges.Pass:
				ds.Pass++
			case judges.Fail:
				ds.Fail++
			case judges.Skipped:
				ds.Skipped++
			default:
				ds.Error++
			}
		}
	}
	sc.Totals.PassRate = rate(sc.Totals.Pass, sc.Totals.Fail)
	FillRepeatTotals(sc)
	sc.Run.Judges = judgesOf(sc.Run.Judges, sc.Cases)
	for _, d := range judges.Dimensions {
		if ds := dims[d]; ds != nil {
			ds.Rate = rate(ds.Pass, ds.Fail)
			ds.Low, ds.High = Wilson(ds.Pass, ds.Pass+ds.Fail)
			sc.Dimensions = append(sc.Dimensions, *ds)
			delete(dims, d)
		}
	}
	// Dimensions from custom judges follow the built-in ones, by name.
	var extra []judges.Dimension
	for d := range dims {
		extra = append(extra, d)
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i] < extra[j] })
	for _, d := range extra {
		ds := dims[d]
		ds.Rate = rate(ds.Pass, ds.Fail)
		ds.Low, ds.High = Wilson(ds.Pass, ds.Pass+ds.Fail)
		sc.Dimensions = append(sc.Dimensions, *ds)
	}
	for _, s := range suite.Severities {
		sc.Severities = append(sc.Severities, *sev[s])
	}
	sc.Gate = Evaluate(sc, gates)
	return sc
}

// finish derives a case's status, dimension outcomes and flat verdict list
// from its attempts.
func finish(c *Case) {
	c.Dimensions = map[judges.Dimension]Status{}
	c.Verdicts = nil
	status := judges.Pass
	for _, a := range c.Attempts {
		switch {
		case a.Status == judges.Fail:
			status = judges.Fail
		case a.Status == judges.Error && status != judges.Fail:
			status = judges.Error
		}
		c.Verdicts = append(c.Verdicts, a.Verdicts...)
		for _, v := range a.Verdicts {
			c.Dimensions[v.Dimension] = worse(c.Dimensions[v.Dimension], v.Status)
		}
	}
	c.Status = status
	// Lists are empty, never null, in scorecard.json.
	if c.Verdicts == nil {
		c.Verdicts = []judges.Verdict{}
	}
	for i := range c.Attempts {
		if c.Attempts[i].Verdicts == nil {
			c.Attempts[i].Verdicts = []judges.Verdict{}
		}
	}
}

// worse orders outcomes fail > error > pass > skipped: one failed verdict
// fails the dimension; a pass needs no failures and no errors.
func worse(a, b Status) Status {
	rank := map[Status]int{"": 0, judges.Skipped: 1, judges.Pass: 2, judges.Error: 3, judges.Fail: 4}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

func rate(pass, fail int) float64 {
	if pass+fail == 0 {
		return 0
	}
	return float64(pass) / float64(pass+fail)
}
