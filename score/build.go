package score

import (
	"slices"
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
// only what the totals, gates and case list need (status, dimensions,
// timing) and where the record is in its results file: the reports read
// the rest back one case at a time (Scorecard.Detail). A builder fed only
// by AddAt keeps its cases compact, about a hundred bytes each plus their
// ids and titles, and so does its scorecard (see Scorecard.Case): a run's
// memory barely grows with its cases.
type Builder struct {
	info RunInfo
	// hash computes the suite hash as cases are declared, unless info has
	// one.
	hash *suiteHasher
	// t holds every declared case, in order, then every other case a
	// record named, in the order they came.
	t *caseTable
	// full holds the attempts added with Add, by row.
	full map[int32][]Attempt
	// sealed is true while a scorecard shares t: the next change copies it.
	sealed bool

	files   []string
	fileIx  map[string]int
	judges  map[string]bool
	scratch []dimOutcome
}

// NewBuilder starts a scorecard for the given cases (see Declare). When
// info has no SuiteHash, it is the hash of the cases declared (see
// SuiteHash).
func NewBuilder(cases []*suite.Case, info RunInfo) *Builder {
	b := &Builder{info: info, t: newCaseTable(),
		full: map[int32][]Attempt{}, fileIx: map[string]int{}, judges: map[string]bool{}}
	if info.SuiteHash == "" {
		b.hash = newSuiteHasher()
	}
	for _, c := range cases {
		b.Declare(c)
	}
	return b
}

// Declare adds a case of the suite after the ones declared before it;
// cases keep this order in the scorecard. Only the case's description is
// kept (id, title, severity, tags, language, source, policy path, where it
// is written), so a run can walk its suite case by case and let each case
// go. Declare the cases before adding attempts: a record of a case never
// declared is kept after the declared ones. A repeated id is hashed but
// keeps its first description.
func (b *Builder) Declare(c *suite.Case) {
	if b.hash != nil {
		b.hash.add(c)
	}
	if _, dup := b.t.find(c.ID); dup {
		return
	}
	b.own()
	b.t.describe(b.t.addRow(c.ID), c)
}

// SetRun sets the run's description, for a builder started before the run
// was set up (cases declared as a suite was first walked). Its SuiteHash is
// kept unless info has one.
func (b *Builder) SetRun(info RunInfo) {
	switch {
	case info.SuiteHash != "":
		b.hash = nil
	case b.hash == nil:
		info.SuiteHash = b.info.SuiteHash
	}
	b.info = info
}

// SuiteHash is the run's suite hash: info's, or that of the cases declared
// so far.
func (b *Builder) SuiteHash() string {
	if b.hash != nil {
		return b.hash.sum()
	}
	return b.info.SuiteHash
}

// own makes the builder's table its own before a change, when a scorecard
// shares it.
func (b *Builder) own() {
	if b.sealed {
		b.t = b.t.clone()
		b.sealed = false
	}
}

// row is the row of case id, added after the others when it was never
// declared (a results file from an older suite).
func (b *Builder) row(id string) int32 {
	if i, ok := b.t.find(id); ok {
		return i
	}
	i := b.t.addRow(id)
	r := b.t.rows.get(i)
	r.severity = b.t.str(string(suite.Medium))
	b.t.rows.put(i, r)
	return i
}

func (b *Builder) noteJudges(r *results.Record) {
	for _, v := range r.Verdicts {
		if v.Judge != "" {
			b.judges[v.Judge] = true
		}
	}
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
	b.noteJudges(r)
	b.own()
	i := b.row(r.CaseID)
	b.t.remove(i, int32(r.Attempt))
	// Keep attempts ordered; replace a duplicate attempt (a resumed run
	// that redid it) rather than counting it twice.
	all := b.full[i]
	k, found := slices.BinarySearchFunc(all, a.Attempt, func(x Attempt, n int) int { return x.Attempt - n })
	if found {
		all[k] = a
	} else {
		all = slices.Insert(all, k, a)
	}
	b.full[i] = all
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
	a := leanAttempt{attempt: int32(r.Attempt), status: statusCode(AttemptStatus(r)), file: int32(fi + 1), pos: pos}
	errText := ""
	if r.Transcript != nil {
		errText = r.Transcript.Error
		tr := Attempt{Transcript: r.Transcript}
		a.durationMS, a.maxLatencyMS, a.timed = tr.Timing()
	}
	b.scratch = b.scratch[:0]
	for _, v := range r.Verdicts {
		b.scratch = setDim(b.scratch, v.Dimension, v.Status)
	}
	b.noteJudges(r)
	b.own()
	a.dims, a.err = b.t.dimSet(b.scratch), b.t.str(errText)
	i := b.row(r.CaseID)
	if all := b.full[i]; len(all) > 0 {
		b.full[i] = slices.DeleteFunc(all, func(x Attempt) bool { return x.Attempt == r.Attempt })
	}
	b.t.add(i, a)
}

// caseOf is row i's case before finish: its description and every
// attempt, lean or complete, in attempt order.
func (b *Builder) caseOf(i int32) *Case {
	c := b.t.caseAt(i)
	if full := b.full[i]; len(full) > 0 {
		c.Attempts = append(c.Attempts, full...)
		slices.SortStableFunc(c.Attempts, func(x, y Attempt) int { return x.Attempt - y.Attempt })
	}
	return c
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
// the gates on it. When every attempt was added with AddAt, the scorecard
// keeps its cases compact (Scorecard.Case makes each one when asked) and
// shares them with the builder until the builder changes.
func (b *Builder) Scorecard(gates suite.Gates) *Scorecard {
	info := b.info
	info.SuiteHash = b.SuiteHash()
	sc := &Scorecard{SchemaVersion: SchemaVersion, Run: info, Dimensions: []DimensionStats{},
		files: append([]string(nil), b.files...)}
	lean := true
	for _, full := range b.full {
		lean = lean && len(full) == 0
	}
	shared := sharing{dims: map[string]map[judges.Dimension]Status{}, rates: map[float64]*float64{}}
	tl := newTally()
	var present []int32
	rows := b.t.rows.len()
	for i := range rows {
		if b.t.rows.get(i).attempts == 0 && len(b.full[i]) == 0 {
			continue
		}
		c := b.caseOf(i)
		finish(c)
		FillRepeats(c)
		if lean {
			r := b.t.rows.get(i)
			r.status, r.flaky, r.passAllK = statusCode(c.Status), c.Flaky, c.PassAllK
			r.dims, r.rate = b.t.dimMap(c.Dimensions), b.t.rate(c.PassAt1)
			b.t.rows.put(i, r)
			present = append(present, i)
		} else {
			shared.share(c)
			sc.Cases = append(sc.Cases, *c)
		}
		tl.add(sc, c)
	}
	if lean {
		sc.table = b.t
		if int32(len(present)) < rows {
			sc.present = present
		}
		sc.n = len(present)
		b.sealed = true
	} else if sc.Cases == nil {
		sc.Cases = []Case{}
	}
	tl.finish(sc)
	FillRepeatTotals(sc)
	sc.Run.Judges = judgesOf(sc.Run.Judges, b.judges)
	sc.Gate = Evaluate(sc, gates)
	return sc
}

// tally sums cases into a scorecard's totals and statistics.
type tally struct {
	dims map[judges.Dimension]*DimensionStats
	sev  map[suite.Severity]*SeverityStats
}

func newTally() *tally {
	t := &tally{dims: map[judges.Dimension]*DimensionStats{}, sev: map[suite.Severity]*SeverityStats{}}
	for _, s := range suite.Severities {
		t.sev[s] = &SeverityStats{Severity: s}
	}
	return t
}

func (t *tally) add(sc *Scorecard, c *Case) {
	sc.Totals.Cases++
	sc.Totals.Attempts += len(c.Attempts)
	for _, a := range c.Attempts {
		if a.Status == judges.Error {
			sc.Totals.ErroredAttempts++
		}
	}
	ss := t.sev[c.Severity]
	if ss == nil {
		ss = &SeverityStats{Severity: c.Severity}
		t.sev[c.Severity] = ss
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
		ds := t.dims[d]
		if ds == nil {
			ds = &DimensionStats{Dimension: d}
			t.dims[d] = ds
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

func (t *tally) finish(sc *Scorecard) {
	sc.Totals.PassRate = rate(sc.Totals.Pass, sc.Totals.Fail)
	dims := t.dims
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
		sc.Severities = append(sc.Severities, *t.sev[s])
	}
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
	s.key = appendDimsKey(s.key[:0], c.Dimensions)
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

// appendDimsKey appends a key that equal dimension maps share.
func appendDimsKey(key []byte, m map[judges.Dimension]Status) []byte {
	ds := make([]judges.Dimension, 0, len(m))
	for d := range m {
		ds = append(ds, d)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	for _, d := range ds {
		key = append(key, d...)
		key = append(key, 0)
		key = append(key, m[d]...)
		key = append(key, 0)
	}
	return key
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
