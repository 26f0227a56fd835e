package score

import (
	"hash/fnv"
	"maps"
	"slices"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/suite"
)

// caseTable is a scorecard's cases kept compact: a run of 100,000 cases
// holds a row of about a hundred bytes per case instead of a Case and its
// Attempts, and Scorecard.Case makes the Case when a reporter asks for it.
// What many cases repeat (file names, tag lists, dimension outcomes, pass@1
// values) is stored once and referred to by number.
type caseTable struct {
	// rows hold no pointer, so the garbage collector never scans them
	// and a large table can keep them in a file (see rowStore): the ids
	// are bytes of arena, and ids finds a row by its id's hash (collide
	// by the id itself, for the rare ids whose hashes meet).
	rows    *rowStore
	arena   []byte
	ids     map[uint64]int32
	collide map[string]int32
	// more holds the attempts after each row's first, for repeated runs.
	more map[int32][]leanAttempt

	strs     []string // 0 is ""
	strIx    map[string]uint32
	tags     [][]string // 0 is nil
	tagIx    map[string]uint32
	dimSets  [][]dimOutcome // an attempt's dimension outcomes; 0 is none
	dimSetIx map[string]uint32
	dimMaps  []map[judges.Dimension]Status // a case's; 0 is unset
	dimMapIx map[string]uint32
	rates    []*float64 // 0 is nil
	rateIx   map[float64]uint32
	key      []byte
}

// caseRow is one case: its description from the suite, its attempts, and
// the outcome Builder.Scorecard derives from them.
type caseRow struct {
	idOff, idLen uint32 // the id is arena[idOff:idOff+idLen]
	line         int32
	// Indexes into strs; tags into tags.
	title, file, source, policy, lang, severity, escalation, tags uint32

	attempts uint16 // first holds attempt 1 of them, more the rest
	first    leanAttempt

	// The outcome, set by finish.
	status   uint8 // statuses index
	flaky    bool
	passAllK bool
	dims     uint32 // dimMaps index
	rate     uint32 // rates index
}

// leanAttempt is an attempt whose verdicts and transcript stay in its
// results file: where it is, and what the reports' summaries need.
type leanAttempt struct {
	pos                      results.Pos
	durationMS, maxLatencyMS float64
	attempt                  int32
	file                     int32  // 1 + index into the scorecard's files
	dims                     uint32 // dimSets index
	err                      uint32 // strs index of the transcript's error
	status                   uint8  // statuses index
	timed                    bool
}

func newCaseTable() *caseTable {
	return &caseTable{
		rows: &rowStore{}, ids: map[uint64]int32{}, more: map[int32][]leanAttempt{},
		strs: []string{""}, strIx: map[string]uint32{"": 0},
		tags: [][]string{nil}, tagIx: map[string]uint32{},
		dimSets: [][]dimOutcome{nil}, dimSetIx: map[string]uint32{},
		dimMaps: []map[judges.Dimension]Status{nil}, dimMapIx: map[string]uint32{},
		rates: []*float64{nil}, rateIx: map[float64]uint32{},
	}
}

// clone copies what a builder changes after a Scorecard shares the table:
// the rows and the repeated attempts. The shared lookups only grow.
func (t *caseTable) clone() *caseTable {
	c := *t
	c.rows = t.rows.clone()
	c.ids = maps.Clone(t.ids)
	c.collide = maps.Clone(t.collide)
	c.more = make(map[int32][]leanAttempt, len(t.more))
	for k, v := range t.more {
		c.more[k] = slices.Clone(v)
	}
	return &c
}

func (t *caseTable) str(s string) uint32 {
	if i, ok := t.strIx[s]; ok {
		return i
	}
	i := uint32(len(t.strs))
	t.strs = append(t.strs, s)
	t.strIx[s] = i
	return i
}

func (t *caseTable) tagList(tags []string) uint32 {
	if tags == nil {
		return 0
	}
	t.key = t.key[:0]
	for _, s := range tags {
		t.key = append(t.key, s...)
		t.key = append(t.key, 0)
	}
	if i, ok := t.tagIx[string(t.key)]; ok {
		return i
	}
	i := uint32(len(t.tags))
	t.tags = append(t.tags, slices.Clip(tags))
	t.tagIx[string(t.key)] = i
	return i
}

func (t *caseTable) dimSet(ds []dimOutcome) uint32 {
	if len(ds) == 0 {
		return 0
	}
	t.key = t.key[:0]
	for _, d := range ds {
		t.key = append(t.key, byte(d.dim>>8), byte(d.dim), d.status)
	}
	if i, ok := t.dimSetIx[string(t.key)]; ok {
		return i
	}
	i := uint32(len(t.dimSets))
	t.dimSets = append(t.dimSets, slices.Clone(ds))
	t.dimSetIx[string(t.key)] = i
	return i
}

// dimMap returns the number of the shared map equal to m.
func (t *caseTable) dimMap(m map[judges.Dimension]Status) uint32 {
	t.key = appendDimsKey(t.key[:0], m)
	if i, ok := t.dimMapIx[string(t.key)]; ok {
		return i
	}
	i := uint32(len(t.dimMaps))
	t.dimMaps = append(t.dimMaps, m)
	t.dimMapIx[string(t.key)] = i
	return i
}

func (t *caseTable) rate(p *float64) uint32 {
	if p == nil {
		return 0
	}
	if i, ok := t.rateIx[*p]; ok {
		return i
	}
	i := uint32(len(t.rates))
	t.rates = append(t.rates, p)
	t.rateIx[*p] = i
	return i
}

// find returns the row of case id.
func (t *caseTable) find(id string) (int32, bool) {
	if i, ok := t.ids[idHash(id)]; ok && t.id(i) == id {
		return i, true
	}
	i, ok := t.collide[id]
	return i, ok
}

// addRow adds a row for case id, which has none, and returns it.
func (t *caseTable) addRow(id string) int32 {
	i := t.rows.add(caseRow{idOff: uint32(len(t.arena)), idLen: uint32(len(id))})
	t.arena = append(t.arena, id...)
	h := idHash(id)
	if _, taken := t.ids[h]; taken {
		if t.collide == nil {
			t.collide = map[string]int32{}
		}
		t.collide[id] = i
	} else {
		t.ids[h] = i
	}
	return i
}

// id is row i's case id.
func (t *caseTable) id(i int32) string {
	r := t.rows.get(i)
	return string(t.arena[r.idOff : r.idOff+r.idLen])
}

// idHash is a variable so specs can make ids collide.
var idHash = func(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

// describe sets row i's description from the suite's case.
func (t *caseTable) describe(i int32, c *suite.Case) {
	r := t.rows.get(i)
	defer func() { t.rows.put(i, r) }()
	r.title, r.line = t.str(c.Title), int32(c.Line)
	r.file, r.source, r.lang = t.str(c.File), t.str(c.Source), t.str(c.Language)
	r.severity, r.escalation = t.str(string(c.Severity)), t.str(string(c.EscalationExpected()))
	if c.Policy != nil {
		r.policy = t.str(c.Policy.Path)
	}
	r.tags = t.tagList(c.Tags)
}

// add records a lean attempt of row i, replacing an earlier record of the
// same attempt (a resumed run that redid it) and keeping attempts ordered.
func (t *caseTable) add(i int32, a leanAttempt) {
	all := t.attemptsOf(i)
	r := t.rows.get(i)
	defer func() { t.rows.put(i, r) }()
	k, found := slices.BinarySearchFunc(all, a.attempt, func(x leanAttempt, n int32) int { return int(x.attempt - n) })
	if found {
		all[k] = a
	} else {
		all = slices.Insert(all, k, a)
	}
	r.first = all[0]
	r.attempts = uint16(len(all))
	if len(all) > 1 {
		t.more[i] = all[1:]
	}
}

// remove drops attempt n of row i, when it has one.
func (t *caseTable) remove(i int32, n int32) {
	all := t.attemptsOf(i)
	k := slices.IndexFunc(all, func(a leanAttempt) bool { return a.attempt == n })
	if k < 0 {
		return
	}
	all = slices.Delete(all, k, k+1)
	r := t.rows.get(i)
	defer func() { t.rows.put(i, r) }()
	r.attempts = uint16(len(all))
	delete(t.more, i)
	switch {
	case len(all) == 0:
		r.first = leanAttempt{}
	default:
		r.first = all[0]
		if len(all) > 1 {
			t.more[i] = all[1:]
		}
	}
}

// attemptsOf returns row i's attempts, in a slice the caller may keep.
func (t *caseTable) attemptsOf(i int32) []leanAttempt {
	r := t.rows.get(i)
	if r.attempts == 0 {
		return nil
	}
	out := make([]leanAttempt, 0, int(r.attempts)+1)
	out = append(out, r.first)
	return append(out, t.more[i]...)
}

// caseAt makes row i's Case: lean attempts, and the outcome finish set.
func (t *caseTable) caseAt(i int32) *Case {
	r := t.rows.get(i)
	c := &Case{
		ID: t.id(i), Title: t.strs[r.title], Line: int(r.line),
		File: t.strs[r.file], Source: t.strs[r.source], Policy: t.strs[r.policy], Language: t.strs[r.lang],
		Severity: suite.Severity(t.strs[r.severity]), Escalation: suite.Escalation(t.strs[r.escalation]),
		Tags: t.tags[r.tags], Status: statuses[r.status], Flaky: r.flaky, PassAllK: r.passAllK,
		Dimensions: t.dimMaps[r.dims], PassAt1: t.rates[r.rate],
	}
	if r.attempts > 0 {
		c.Attempts = make([]Attempt, 0, r.attempts)
		c.Attempts = append(c.Attempts, t.attempt(r.first))
		for _, a := range t.more[i] {
			c.Attempts = append(c.Attempts, t.attempt(a))
		}
	}
	return c
}

func (t *caseTable) attempt(a leanAttempt) Attempt {
	return Attempt{
		Attempt: int(a.attempt), Status: statuses[a.status], Error: t.strs[a.err],
		file: a.file, pos: a.pos, dims: t.dimSets[a.dims],
		timed: a.timed, durationMS: a.durationMS, maxLatencyMS: a.maxLatencyMS,
	}
}
