package results_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/transcript"
)

func record(id string, attempt int) *results.Record {
	return &results.Record{CaseID: id, Attempt: attempt,
		Transcript: &transcript.Transcript{CaseID: id, Attempt: attempt, Turns: []transcript.Turn{{Index: 1, User: "hi\nthere", Reply: "hello"}}},
		Verdicts:   []judges.Verdict{{Judge: "expect", Dimension: judges.Accuracy, Status: judges.Pass, Score: 1}}}
}

func readAll(path string) ([]*results.Record, error) {
	var out []*results.Record
	err := results.ReadFile(path, func(r *results.Record) error { out = append(out, r); return nil })
	return out, err
}

var _ = Describe("results.jsonl", func() {
	var path string
	BeforeEach(func() { path = filepath.Join(GinkgoT().TempDir(), results.FileName) })

	It("writes one line per record and reads them back in order", func() {
		w, err := results.Create(path)
		Expect(err).NotTo(HaveOccurred())
		Expect(w.Write(record("a", 1))).To(Succeed())
		Expect(w.Write(record("b", 1))).To(Succeed())
		// Visible to a reader before Close: a killed run keeps them.
		data, _ := os.ReadFile(path)
		Expect(strings.Count(string(data), "\n")).To(Equal(2))
		Expect(w.Close()).To(Succeed())

		recs, err := readAll(path)
		Expect(err).NotTo(HaveOccurred())
		Expect(recs).To(HaveLen(2))
		Expect(recs[0].Key()).To(Equal(results.Key{CaseID: "a", Attempt: 1}))
		Expect(recs[0].Transcript.Turns[0].User).To(Equal("hi\nthere"))
		Expect(recs[1].Verdicts[0].Status).To(Equal(judges.Pass))
	})

	It("writes each record as json.Marshal does, one line each, whatever came before", func() {
		w, err := results.Create(path)
		Expect(err).NotTo(HaveOccurred())
		long := record("long", 1)
		long.Transcript.Turns[0].Reply = strings.Repeat("a long reply <b>&</b> ", 2000)
		long.Transcript.Turns[0].Raw = json.RawMessage(`{"choices": [ {"message": {"content": "x"}} ]}`)
		short := record("short", 1)
		var want []byte
		for _, r := range []*results.Record{long, short, long} {
			_, err := w.Put(r)
			Expect(err).NotTo(HaveOccurred())
			line, err := json.Marshal(r)
			Expect(err).NotTo(HaveOccurred())
			want = append(append(want, line...), '\n')
		}
		Expect(w.Close()).To(Succeed())
		got, err := os.ReadFile(path)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(got)).To(Equal(string(want)))
	})

	It("ignores a torn last line and cuts it off before appending", func() {
		w, _ := results.Create(path)
		Expect(w.Write(record("a", 1))).To(Succeed())
		Expect(w.Close()).To(Succeed())
		f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		_, _ = f.WriteString(`{"case_id":"b","attem`)
		Expect(f.Close()).To(Succeed())

		recs, err := readAll(path)
		Expect(err).NotTo(HaveOccurred())
		Expect(recs).To(HaveLen(1))

		w, err = results.Append(path)
		Expect(err).NotTo(HaveOccurred())
		Expect(w.Write(record("b", 1))).To(Succeed())
		Expect(w.Close()).To(Succeed())
		recs, err = readAll(path)
		Expect(err).NotTo(HaveOccurred())
		Expect(recs).To(HaveLen(2))
		Expect(recs[1].CaseID).To(Equal("b"))
	})

	It("names the line of a corrupt record in the middle", func() {
		Expect(os.WriteFile(path, []byte("{\"case_id\":\"a\",\"attempt\":1}\nnot json\n{\"case_id\":\"b\",\"attempt\":1}\n"), 0o644)).To(Succeed())
		_, err := readAll(path)
		Expect(err).To(MatchError(ContainSubstring("line 2")))
	})

	It("creates the file when appending to a missing one", func() {
		w, err := results.Append(path)
		Expect(err).NotTo(HaveOccurred())
		Expect(w.Write(record("a", 2))).To(Succeed())
		Expect(w.Close()).To(Succeed())
		recs, _ := readAll(path)
		Expect(recs).To(HaveLen(1))
	})

	It("gives each record's position, the same from Put and from Scan, across a resumed file", func() {
		w, _ := results.Create(path)
		pa, err := w.Put(record("a", 1))
		Expect(err).NotTo(HaveOccurred())
		pb, err := w.Put(record("b", 1))
		Expect(err).NotTo(HaveOccurred())
		Expect(w.Close()).To(Succeed())
		f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		_, _ = f.WriteString(`{"case_id":"torn"`)
		Expect(f.Close()).To(Succeed())

		w, err = results.Append(path)
		Expect(err).NotTo(HaveOccurred())
		pc, err := w.Put(record("c", 2))
		Expect(err).NotTo(HaveOccurred())
		Expect(w.Close()).To(Succeed())
		Expect(pb.Off).To(Equal(pa.Off + int64(pa.Len)))
		Expect(pc.Off).To(Equal(pb.Off + int64(pb.Len)))

		var scanned []results.Pos
		Expect(results.ScanFile(path, func(_ *results.Record, p results.Pos) error {
			scanned = append(scanned, p)
			return nil
		})).To(Succeed())
		Expect(scanned).To(Equal([]results.Pos{pa, pb, pc}))

		file, err := os.Open(path)
		Expect(err).NotTo(HaveOccurred())
		defer file.Close()
		for id, p := range map[string]results.Pos{"a": pa, "b": pb, "c": pc} {
			r, err := results.ReadAt(file, p)
			Expect(err).NotTo(HaveOccurred())
			Expect(r.CaseID).To(Equal(id))
		}
		_, err = results.ReadAt(file, results.Pos{Off: pa.Off + 1, Len: pa.Len})
		Expect(err).To(MatchError(ContainSubstring("the record at byte 1")))
	})
})
