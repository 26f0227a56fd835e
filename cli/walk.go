package cli

import (
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/suite"
)

// holdMax is the most cases a run holds once they are validated. A larger
// suite is read again file by file as it is replayed (see suite.Walk), so
// its memory does not grow with it; that costs parsing every file again,
// which a smaller suite is spared.
var holdMax = 20000

// walkedSuites are a run's suites, validated by a first walk. Up to
// holdMax cases, the walk kept them; beyond, it kept none, and each attempt
// round walks the files again, so a run holds only the cases it is
// replaying.
type walkedSuites struct {
	dirs   []string // none: the bundled library
	suites []*suite.Suite
	// keep selects the cases of the run's shard (nil: every case).
	keep func(id string) bool
	// cases counts the cases kept; held are they, when there are at most
	// holdMax.
	cases int
	hold  int
	held  []*suite.Case
}

// walkSuites validates the suites in dirs (the bundled library when there
// are none), calling declare with each case the shard keeps, in order, and
// holding them when there are at most hold. It reports every mistake of
// every file at once, like loadSuites, and a case id used twice across
// suites.
func walkSuites(dirs []string, keep func(id string) bool, declare func(*suite.Case), hold int) (*walkedSuites, error) {
	w := &walkedSuites{dirs: dirs, keep: keep, hold: hold}
	var errs suite.Errors
	// Where each id was first seen (a file number and a line), for the
	// message about a second one: all the first walk keeps per case
	// besides what declare keeps.
	seen := map[string]uint64{}
	var files []string
	fileIx := map[string]uint64{}
	visit := func(c *suite.Case) error {
		if at, dup := seen[c.ID]; dup {
			errs = append(errs, &suite.Error{File: c.File, Line: c.Line, Column: 1,
				Msg: fmt.Sprintf("case id %q is also used at %s:%d", c.ID, files[at>>32], uint32(at))})
			return nil
		}
		fi, ok := fileIx[c.File]
		if !ok {
			fi = uint64(len(files))
			files = append(files, c.File)
			fileIx[c.File] = fi
		}
		seen[c.ID] = fi<<32 | uint64(uint32(c.Line))
		if w.keep == nil || w.keep(c.ID) {
			w.cases++
			declare(c)
			if w.cases <= w.hold {
				w.held = append(w.held, c)
			} else {
				w.held = nil
			}
		}
		return nil
	}
	err := w.each(func(s *suite.Suite, err error) error {
		var se suite.Errors
		switch {
		case errors.As(err, &se):
			errs = append(errs, se...)
		case err != nil:
			return err
		default:
			w.suites = append(w.suites, s)
		}
		return nil
	}, visit)
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return w, nil
}

// each walks every suite in order, calling fn with each case and done
// with each suite's outcome.
func (w *walkedSuites) each(done func(*suite.Suite, error) error, fn func(*suite.Case) error) error {
	if len(w.dirs) == 0 {
		s, err := suite.WalkFS(fixtures.FS, fixtures.Dir, fn)
		if s != nil {
			s.Name = "bundled library"
		}
		return done(s, err)
	}
	for _, d := range w.dirs {
		s, err := suite.Walk(d, fn)
		if err := done(s, err); err != nil {
			return err
		}
	}
	return nil
}

// errStopWalk ends a walk early without an error.
var errStopWalk = errors.New("stop walking")

// source hands the engine the kept cases: those held, or those of a new
// walk of the suites.
func (w *walkedSuites) source() replay.Source {
	if w.cases <= w.hold {
		return func(yield func(*suite.Case) bool) error {
			for _, c := range w.held {
				if !yield(c) {
					return nil
				}
			}
			return nil
		}
	}
	return func(yield func(*suite.Case) bool) error {
		err := w.each(func(_ *suite.Suite, err error) error {
			if err != nil && !errors.Is(err, errStopWalk) {
				return fmt.Errorf("the suite changed during the run: %w", err)
			}
			return err
		}, func(c *suite.Case) error {
			if w.keep != nil && !w.keep(c.ID) {
				return nil
			}
			if !yield(c) {
				return errStopWalk
			}
			return nil
		})
		if errors.Is(err, errStopWalk) {
			return nil
		}
		return err
	}
}

// shardFilter keeps the cases whose id hashes into shard i of n. Hashing
// the id (not the position) keeps a case on the same shard when others are
// added.
func shardFilter(spec string) (func(id string) bool, error) {
	is, ns, ok := strings.Cut(spec, "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return nil, usageErrorf("--shard %q: want I/N with 1 ≤ I ≤ N, like 2/4", spec)
	}
	return func(id string) bool {
		h := fnv.New32a()
		h.Write([]byte(id))
		return int(h.Sum32()%uint32(n)) == i-1
	}, nil
}
