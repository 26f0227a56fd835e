package score

import (
	"fmt"
	"os"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
)

// Detail returns case i of sc complete: its verdicts, and every attempt's
// verdicts and transcript. A scorecard built with Builder.AddAt keeps only
// outcomes in memory and reads the rest back from its results files here,
// one case at a time, so a reporter that walks every case holds one case's
// transcripts at once. For any other scorecard (built with Add, or decoded
// from scorecard.json) it is Case(i). The returned case must not be
// changed.
func (sc *Scorecard) Detail(i int) (*Case, error) {
	c := sc.Case(i)
	if !c.Lean() {
		return c, nil
	}
	d := *c
	d.Attempts = append([]Attempt(nil), c.Attempts...)
	d.Verdicts = []judges.Verdict{}
	open := map[int32]*os.File{}
	defer func() {
		for _, f := range open {
			f.Close()
		}
	}()
	for ai := range d.Attempts {
		a := &d.Attempts[ai]
		if a.file != 0 {
			if err := sc.load(a, c.ID, open); err != nil {
				return nil, err
			}
		}
		d.Verdicts = append(d.Verdicts, a.Verdicts...)
	}
	normalize(&d)
	return &d, nil
}

// Lean is true when some attempt's verdicts and transcript are not in
// memory: Detail reads them back.
func (c *Case) Lean() bool {
	for ai := range c.Attempts {
		if c.Attempts[ai].file != 0 {
			return true
		}
	}
	return false
}

// load reads a lean attempt's verdicts and transcript back into a.
func (sc *Scorecard) load(a *Attempt, id string, open map[int32]*os.File) error {
	if int(a.file) > len(sc.files) {
		return fmt.Errorf("score: case %s attempt %d: no results file", id, a.Attempt)
	}
	path := sc.files[a.file-1]
	f := open[a.file]
	if f == nil {
		var err error
		if f, err = os.Open(path); err != nil {
			return fmt.Errorf("score: reading case %s back: %w", id, err)
		}
		open[a.file] = f
	}
	r, err := results.ReadAt(f, a.pos)
	if err != nil {
		return fmt.Errorf("score: %s: %w", path, err)
	}
	// The file changed under the run: better an error than another case's
	// transcript in the report.
	if r.CaseID != id || r.Attempt != a.Attempt {
		return fmt.Errorf("score: %s: expected case %s attempt %d at byte %d, found %s attempt %d", path, id, a.Attempt, a.pos.Off, r.CaseID, r.Attempt)
	}
	a.Verdicts = r.Verdicts
	if r.Transcript != nil {
		a.Transcript = leanTranscript(r.Transcript)
	}
	a.file, a.pos, a.dims = 0, results.Pos{}, nil
	a.timed, a.durationMS, a.maxLatencyMS = false, 0, 0
	return nil
}
