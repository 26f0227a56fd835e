// Package results stores finished attempts as JSON lines (results.jsonl):
// one line per attempt, appended and flushed as each finishes, so a killed
// run loses nothing it finished and `--resume` can pick up where it stopped.
package results

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/transcript"
)

// FileName is the results file's name in the output folder.
const FileName = "results.jsonl"

// Record is one finished attempt at one case.
type Record struct {
	CaseID     string                 `json:"case_id"`
	Attempt    int                    `json:"attempt"`
	Transcript *transcript.Transcript `json:"transcript"`
	Verdicts   []judges.Verdict       `json:"verdicts"`
}

// Key identifies an attempt.
type Key struct {
	CaseID  string
	Attempt int
}

// Key returns the record's key.
func (r *Record) Key() Key { return Key{r.CaseID, r.Attempt} }

// Writer appends records to a results file. It is safe for concurrent use.
type Writer struct {
	mu       sync.Mutex
	f        *os.File
	lastSync time.Time
	// SyncEvery bounds how long a written line may wait for fsync. Lines
	// are written with one write(2) each, so a killed process loses none;
	// fsync guards against a machine crash.
	SyncEvery time.Duration
}

// Create starts a new results file at path, replacing any old one.
func Create(path string) (*Writer, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	return &Writer{f: f, SyncEvery: time.Second}, nil
}

// Append opens an existing results file to add to it (for --resume). A torn
// last line left by a killed run is cut off first, so the file stays
// readable line by line.
func Append(path string) (*Writer, error) {
	if err := truncateTorn(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	return &Writer{f: f, SyncEvery: time.Second}, nil
}

// Write appends one record as one line.
func (w *Writer) Write(r *Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encoding result %s#%d: %w", r.CaseID, r.Attempt, err)
	}
	line = append(line, '\n')
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := w.f.Write(line); err != nil {
		return fmt.Errorf("writing %s: %w", w.f.Name(), err)
	}
	if time.Since(w.lastSync) >= w.SyncEvery {
		w.lastSync = time.Now()
		return w.f.Sync()
	}
	return nil
}

// Close syncs and closes the file.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	serr := w.f.Sync()
	cerr := w.f.Close()
	return errors.Join(serr, cerr)
}

// Read calls fn for every complete record in r, in file order. A torn final
// line (a run killed mid-write) is ignored; a malformed line elsewhere is an
// error naming its line number.
func Read(r io.Reader, fn func(*Record) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			complete := err == nil
			var rec Record
			if uerr := json.Unmarshal(line, &rec); uerr != nil {
				if !complete {
					return nil // torn last line
				}
				return fmt.Errorf("line %d: %w", n, uerr)
			}
			if rec.CaseID == "" {
				return fmt.Errorf("line %d: record without case_id", n)
			}
			if ferr := fn(&rec); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// ReadFile reads every record of a results file.
func ReadFile(path string, fn func(*Record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := Read(f, fn); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// truncateTorn cuts the file after its last newline.
func truncateTorn(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return err
	}
	// Scan back in chunks for the last newline.
	const chunk = 64 << 10
	end := st.Size()
	buf := make([]byte, chunk)
	for pos := end; pos > 0; {
		n := int64(chunk)
		if pos < n {
			n = pos
		}
		pos -= n
		if _, err := f.ReadAt(buf[:n], pos); err != nil && err != io.EOF {
			return err
		}
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			if cut := pos + int64(i) + 1; cut != end {
				return f.Truncate(cut)
			}
			return nil
		}
	}
	return f.Truncate(0)
}
