package score

import (
	"fmt"
	"os"
	"sync"
	"unsafe"
)

// rowStore holds a table's rows in blocks. A small table keeps them all in
// memory. Past spillRows rows it moves them to an unlinked temporary file
// and keeps only the last few blocks it used (rows are read and written in
// about suite order: declared in it, finished in about it, reported in
// it), so a run of 100,000 cases holds half a megabyte of rows instead of
// 12 MB and the collector's headroom over them; the file's pages sit in
// the page cache, not in the process.
//
// If the file cannot be made the rows stay in memory; if a write fails
// (a full disk), every block still in memory stays there. The rows are
// copied in and out (get, put), never pointed into, so a block can leave
// memory at any call, and the store is safe for concurrent use: reporters
// read a scorecard side by side.
type rowStore struct {
	mu     sync.Mutex
	n      int32
	blocks [][]caseRow // nil: in the file
	dirty  []bool      // changed since read from or written to the file
	file   *os.File    // nil: not spilled
	keep   bool        // a write failed: no block leaves memory again
	// resident lists the blocks in memory once spilled, least recently
	// used first; spare is an evicted block's memory, for the next read.
	resident []int32
	spare    []caseRow
}

const blockRows = 512

var rowBytes = int64(unsafe.Sizeof(caseRow{}))

// spillRows is the number of rows past which a store moves to a file, and
// residentBlocks how many blocks a spilled store keeps in memory; they are
// variables so specs can spill small tables.
var (
	spillRows      int32 = 16384
	residentBlocks       = 8
)

func (s *rowStore) len() int32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// add appends r and returns its index.
func (s *rowStore) add(r caseRow) int32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.n
	b := int(i / blockRows)
	if b == len(s.blocks) {
		if s.n >= spillRows && s.file == nil && !s.keep {
			s.spill()
		}
		blk := s.spare
		s.spare = nil
		if blk == nil {
			blk = make([]caseRow, blockRows)
		} else {
			clear(blk)
		}
		s.blocks = append(s.blocks, blk)
		s.dirty = append(s.dirty, true)
		s.touch(int32(b))
	}
	s.n++
	s.block(int32(b))[i%blockRows] = r
	s.dirty[b] = true
	return i
}

func (s *rowStore) get(i int32) caseRow {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.block(i / blockRows)[i%blockRows]
}

func (s *rowStore) put(i int32, r caseRow) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.block(i / blockRows)[i%blockRows] = r
	s.dirty[i/blockRows] = true
}

// clone copies the store's rows into a new store.
func (s *rowStore) clone() *rowStore {
	c := &rowStore{}
	for i := range s.len() {
		c.add(s.get(i))
	}
	return c
}

// spill moves the store to a new unlinked temporary file; when one cannot
// be made, the rows stay in memory.
func (s *rowStore) spill() {
	f, err := newSpillFile()
	if err != nil {
		s.keep = true
		return
	}
	s.file = f
	s.resident = s.resident[:0]
	for b := range s.blocks {
		s.touch(int32(b))
	}
}

// block returns block b, reading it from the file if it left memory.
func (s *rowStore) block(b int32) []caseRow {
	if blk := s.blocks[b]; blk != nil {
		s.touch(b)
		return blk
	}
	blk := s.spare
	s.spare = nil
	if blk == nil {
		blk = make([]caseRow, blockRows)
	}
	if _, err := s.file.ReadAt(rowBytesOf(blk), int64(b)*blockRows*rowBytes); err != nil {
		// The rows were written to a file only this process has open;
		// they are lost only if the disk itself fails.
		panic(fmt.Sprintf("score: reading back the scorecard's rows from its temporary file: %v", err))
	}
	s.blocks[b] = blk
	s.dirty[b] = false
	s.touch(b)
	return blk
}

// touch marks block b as just used and, once spilled, lets the least
// recently used block leave memory when too many are in it.
func (s *rowStore) touch(b int32) {
	if s.file == nil {
		return
	}
	for k, r := range s.resident {
		if r == b {
			copy(s.resident[k:], s.resident[k+1:])
			s.resident[len(s.resident)-1] = b
			return
		}
	}
	s.resident = append(s.resident, b)
	if s.keep || len(s.resident) <= residentBlocks {
		return
	}
	old := s.resident[0]
	if s.dirty[old] {
		if _, err := s.file.WriteAt(rowBytesOf(s.blocks[old]), int64(old)*blockRows*rowBytes); err != nil {
			s.keep = true
			return
		}
	}
	s.resident = s.resident[1:]
	s.spare, s.blocks[old], s.dirty[old] = s.blocks[old], nil, false
}

// rowBytesOf is blk's memory as bytes, for the file: a row holds no
// pointer, so its bytes are all of it.
func rowBytesOf(blk []caseRow) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(blk))), int64(len(blk))*rowBytes)
}

// newSpillFile is spillFile; specs replace it.
var newSpillFile = spillFile
