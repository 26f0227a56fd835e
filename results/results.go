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

// Pos locates one record in a results file: the byte offset of its line
// and the line's length, newline included. Lines are only ever appended, so
// a Pos stays valid while the file grows.
type Pos struct {
	Off int64
	Len int
}

// Writer appends records to a results file. It is safe for concurrent use.
type Writer struct {
	mu       sync.Mutex
	f        *os.File
	size     int64 // where the next line starts
	lastSync time.Time
	// SyncEvery bounds how long a written line may wait for fsync. Lines
	// are written with one write(2) each, so a killed process loses none;
	// fsync guards against a machine crash.
	SyncEvery time.Duration
	// buf and enc encode each line, reused: a line is a whole transcript,
	// and a fresh one per record is most of a run's garbage.
	buf bytes.Buffer
	enc *json.Encoder
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
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &Writer{f: f, size: st.Size(), SyncEvery: time.Second}, nil
}

// Write appends one record as one line.
func (w *Writer) Write(r *Record) error {
	_, err := w.Put(r)
	return err
}

// Put appends one record as one line and returns where it is, so the
// record can be read back (ReadAt) instead of kept in memory.
func (w *Writer) Put(r *Record) (Pos, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.enc == nil {
		w.enc = json.NewEncoder(&w.buf)
	}
	w.buf.Reset()
	// Encode writes what json.Marshal would, and the newline.
	if err := w.enc.Encode(r); err != nil {
		return Pos{}, fmt.Errorf("encoding result %s#%d: %w", r.CaseID, r.Attempt, err)
	}
	line := w.buf.Bytes()
	if _, err := w.f.Write(line); err != nil {
		// A short write leaves a torn line that readers skip and Append
		// cuts; the next line starts after it either way.
		if st, serr := w.f.Stat(); serr == nil {
			w.size = st.Size()
		}
		return Pos{}, fmt.Errorf("writing %s: %w", w.f.Name(), err)
	}
	p := Pos{Off: w.size, Len: len(line)}
	w.size += int64(len(line))
	if time.Since(w.lastSync) >= w.SyncEvery {
		w.lastSync = time.Now()
		return p, w.f.Sync()
	}
	return p, nil
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
	return Scan(r, func(rec *Record, _ Pos) error { return fn(rec) })
}

// Scan is Read that also gives each record's position in the file.
func Scan(r io.Reader, fn func(*Record, Pos) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	var off int64
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		pos := Pos{Off: off, Len: len(line)}
		off += int64(len(line))
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
			if ferr := fn(&rec, pos); ferr != nil {
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

// ScanFile scans every record of a results file with its position.
func ScanFile(path string, fn func(*Record, Pos) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := Scan(f, fn); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// ReadAt reads the record at p, as Put or Scan gave it.
func ReadAt(f io.ReaderAt, p Pos) (*Record, error) {
	if p.Len <= 0 || p.Off < 0 {
		return nil, fmt.Errorf("no record at %d+%d", p.Off, p.Len)
	}
	buf := make([]byte, p.Len)
	if _, err := f.ReadAt(buf, p.Off); err != nil {
		return nil, fmt.Errorf("reading the record at byte %d: %w", p.Off, err)
	}
	var rec Record
	if err := json.Unmarshal(buf, &rec); err != nil {
		return nil, fmt.Errorf("the record at byte %d: %w", p.Off, err)
	}
	return &rec, nil
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
