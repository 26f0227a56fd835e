package score

import (
	"sort"
	"sync"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// SchemaVersion is the scorecard.json format this package writes.
const SchemaVersion = 1

// Builder gathers finished attempts into a scorecard. Add or AddAt is called
// once per attempt, in any order; Scorecard can be called at any point.
//
// Add keeps the attempt's transcript and verdicts in memory. AddAt keeps
// only what the totals, gates and case list need (status, dimensions) and
// where the record is in its results file: the reports read the rest back
// one case at a time (Scorecard.Detail), so a run's memory does not grow
// with its transcripts.
type Builder struct {
	info RunInfo
	// cases holds every case of the suite and any other case a record
	// named, by id; next numbers the latter after the suite's.
	cases  map[string]*entry
	next   int
	files  []string
	fileIx map[string]int
	judges map[string]bool
}

// entry is what the builder keeps of a case until Scorecard: where it is in
// the suite, and its attempts. The rest of a scorecard case comes from the
// suite's case when the scorecard is made.
type entry struct {
	order    int
	meta     *suite.Case
	attempts []Attempt
}

// NewBuilder starts a scorecard for the given cases. Cases keep the suite's
// order in the scorecard. When info has no SuiteHash, it is the hash of
// cases (see SuiteHash).
func NewBuilder(cases []*suite.Case, info RunInfo) *Builder {
	if info.SuiteHash == "" {
		info.SuiteHash = SuiteHash(cases)
	}
	b := &Builder{info: info, cases: make(map[string]*entry, len(cases)), next: len(cases),
		fileIx: map[string]int{}, judges: map[string]bool{}}
	all := make([]entry, len(cases)) // one allocation, not one per case
	for i, c := range cases {
		if _, dup := b.cases[c.ID]; !dup {
			all[i] = entry{order: i, meta: c}
			b.cases[c.ID] = &all[i]
		}
	}
	return b
}

// Add records one finished attempt, transcript and verdicts included.
// Records of cases not in the suite are kept too (a results file from an
// older suite), after the known ones.
func (b *Builder) Add(r *results.Record) {
	a := Attempt{Attempt: r.Attempt, Verdicts: r.Verdicts, Status: AttemptStatus(r)}
	if r.Transcript != nil {
		a.Error = r.Transcript.Error
		a.Transcript = leanTranscript(r.Transcript)
	}
	b.add(r, a)
}

// AddAt records one finished attempt that is stored in the results file at
// path, at pos, keeping only its outcome in memory. The file must stay
// readable until the scorecard's reports are written.
func (b *Builder) AddAt(r *results.Record, path string, pos results.Pos) {
	fi, ok := b.fileIx[path]
	if !ok {
		fi = len(b.files)
		b.files = append(b.files, path)
		b.fileIx[path] = fi
	}
	a := Attempt{Attempt: r.Attempt, Status: AttemptStatus(r), file: int32(fi + 1), pos: pos}
	if r.Transcript != nil {
		a.Error = r.Transcript.Error
		a.Transcript = r.Transcript
		a.durationMS, a.maxLatencyMS, a.timed = a.Timing()
		a.Transcript = nil
	}
	for _, v := range r.Verdicts {
		a.dims = setDim(a.dims, v.Dimension, v.Status)
	}
	b.add(r, a)
}

func (b *Builder) add(r *results.Record, a Attempt) {
	for _, v := range r.Verdicts {
		if v.Judge != "" {
			b.judges[v.Judge] = true
		}
	}
	c := b.cases[r.CaseID]
	if c == nil {
		c = &entry{order: b.next}
		b.next++
		b.cases[r.CaseID] = c
	}
	// Keep attempts ordered; replace a duplicate attempt (a resumed run that
	// redid it) rather than counting it twice.
	i := sort.Search(len(c.attempts), func(i int) bool { return c.attempts[i].Attempt >= a.Attempt })
	if i < len(c.attempts) && c.attempts[i].Attempt == a.Attempt {
		c.attempts[i] = a
	} else {
		c.attempts = append(c.attempts, Attempt{})
		copy(c.attempts[i+1:], c.attempts[i:])
		c.attempts[i] = a
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
	sc := &Scorecard{SchemaVersion: SchemaVersion, Run: b.info, Cases: make([]Case, 0, len(b.cases)), Dimensions: []DimensionStats{},
		files: append([]string(nil), b.files...)}
	ids := make([]string, 0, len(b.cases))
	for id, e := range b.cases {
		if len(e.attempts) > 0 {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return b.cases[ids[i]].order < b.cases[ids[j]].order })
	shared := sharing{dims: map[string]map[judges.Dimension]Status{}, rates: map[float64]*float64{}}

	dims := map[judges.Dimension]*DimensionStats{}
	sev := map[suite.Severity]*SeverityStats{}
	for _, s := range suite.Severities {
		sev[s] = &SeverityStats{Severity: s}
	}
	for _, id := range ids {
		c := b.caseOf(id)
		finish(&c)
		FillRepeats(&c)
		shared.share(&c)
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
	sc.Run.Judges = judgesOf(sc.Run.Judges, b.judges)
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

// caseOf is the scorecard case of id, before finish: the suite's
// description of it and its attempts.
func (b *Builder) caseOf(id string) Case {
	e := b.cases[id]
	c := Case{ID: id, Severity: suite.Medium, Attempts: e.attempts}
	if m := e.meta; m != nil {
		c.Title, c.Severity, c.Tags, c.Language, c.Source, c.File, c.Line = m.Title, m.Severity, m.Tags, m.Language, m.Source, m.File, m.Line
		c.Escalation = m.EscalationExpected()
		if m.Policy != nil {
			c.Policy = m.Policy.Path
		}
	}
	return c
}

// sharing makes the cases of a scorecard share equal dimension maps and
// pass@1 values: most cases of a large run have the same few, and one map
// per case would be most of the scorecard's memory. Nothing changes a
// finished case's map.
type sharing struct {
	dims  map[string]map[judges.Dimension]Status
	rates map[float64]*float64
	key   []byte
}

func (s *sharing) share(c *Case) {
	ds := make([]judges.Dimension, 0, len(c.Dimensions))
	for d := range c.Dimensions {
		ds = append(ds, d)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	s.key = s.key[:0]
	for _, d := range ds {
		s.key = append(s.key, d...)
		s.key = append(s.key, 0)
		s.key = append(s.key, c.Dimensions[d]...)
		s.key = append(s.key, 0)
	}
	if m, ok := s.dims[string(s.key)]; ok {
		c.Dimensions = m
	} else {
		s.dims[string(s.key)] = c.Dimensions
	}
	if c.PassAt1 != nil {
		if p, ok := s.rates[*c.PassAt1]; ok {
			c.PassAt1 = p
		} else {
			s.rates[*c.PassAt1] = c.PassAt1
		}
	}
}

// leanTranscript drops the raw responses: they are for debugging from
// results.jsonl, and the scorecard stays lean.
func leanTranscript(tr *transcript.Transcript) *transcript.Transcript {
	t := *tr
	t.Turns = append(t.Turns[:0:0], t.Turns...)
	for i := range t.Turns {
		t.Turns[i].Raw = nil
	}
	return &t
}

// finish derives a case's status, dimension outcomes and flat verdict list
// from its attempts. A case with lean attempts gets its verdicts from
// Scorecard.Detail; its dimensions come from the outcomes AddAt kept.
func finish(c *Case) {
	c.Dimensions = make(map[judges.Dimension]Status, 6)
	c.Verdicts = nil
	status := judges.Pass
	lean := false
	for _, a := range c.Attempts {
		switch {
		case a.Status == judges.Fail:
			status = judges.Fail
		case a.Status == judges.Error && status != judges.Fail:
			status = judges.Error
		}
		if a.file != 0 {
			lean = true
			for _, d := range a.dims {
				dim, st := d.get()
				c.Dimensions[dim] = worse(c.Dimensions[dim], st)
			}
			continue
		}
		c.Verdicts = append(c.Verdicts, a.Verdicts...)
		for _, v := range a.Verdicts {
			c.Dimensions[v.Dimension] = worse(c.Dimensions[v.Dimension], v.Status)
		}
	}
	c.Status = status
	if lean {
		c.Verdicts = nil
		return
	}
	normalize(c)
}

// normalize makes a complete case's lists empty, never null, as
// scorecard.json shows them.
func normalize(c *Case) {
	if c.Verdicts == nil {
		c.Verdicts = []judges.Verdict{}
	}
	for i := range c.Attempts {
		if c.Attempts[i].Verdicts == nil {
			c.Attempts[i].Verdicts = []judges.Verdict{}
		}
	}
}

// dimOutcome is one dimension's outcome in a lean attempt, in four bytes
// instead of a verdict list: a dimension number (see dimNames) and a status.
type dimOutcome struct {
	dim    uint16
	status uint8
}

var (
	dimMu    sync.Mutex
	dimNames = []judges.Dimension{}
	dimIndex = map[judges.Dimension]uint16{}
	statuses = []Status{"", judges.Pass, judges.Fail, judges.Error, judges.Skipped}
)

func statusCode(s Status) uint8 {
	for i, t := range statuses {
		if t == s {
			return uint8(i)
		}
	}
	return 0 // an unknown status ranks lowest, as worse ranks it
}

// setDim folds one verdict into a lean attempt's outcomes.
func setDim(ds []dimOutcome, d judges.Dimension, s Status) []dimOutcome {
	dimMu.Lock()
	n, ok := dimIndex[d]
	if !ok {
		n = uint16(len(dimNames))
		dimNames = append(dimNames, d)
		dimIndex[d] = n
	}
	dimMu.Unlock()
	for i := range ds {
		if ds[i].dim == n {
			if w := worse(statuses[ds[i].status], s); w != statuses[ds[i].status] {
				ds[i].status = statusCode(w)
			}
			return ds
		}
	}
	return append(ds, dimOutcome{dim: n, status: statusCode(s)})
}

func (d dimOutcome) get() (judges.Dimension, Status) {
	dimMu.Lock()
	defer dimMu.Unlock()
	return dimNames[d.dim], statuses[d.status]
}

// worse orders outcomes fail > error > pass > skipped: one failed verdict
// fails the dimension; a pass needs no failures and no errors.
func worse(a, b Status) Status {
	if rank(b) > rank(a) {
		return b
	}
	return a
}

func rank(s Status) int {
	switch s {
	case judges.Skipped:
		return 1
	case judges.Pass:
		return 2
	case judges.Error:
		return 3
	case judges.Fail:
		return 4
	}
	return 0
}

func rate(pass, fail int) float64 {
	if pass+fail == 0 {
		return 0
	}
	return float64(pass) / float64(pass+fail)
}
