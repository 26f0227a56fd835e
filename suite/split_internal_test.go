package suite

import (
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	. "github.com/onsi/ginkgo/v2"
	"github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/fixtures"
)

// twoWays loads data as the only case file of a suite both ways the loader
// can: item by item (itemsOK says whether it could) and whole. It returns
// each way's cases as JSON, and the whole way's mistakes.
func twoWays(data []byte) (items, whole string, itemsOK bool, errs Errors) {
	fsys := fstest.MapFS{"s/cases.yaml": {Data: data}, "policies/p.md": {Data: []byte("Refunds within 30 days.")}}
	return twoWaysIn(fsys, "s/cases.yaml", data)
}

// twoWaysIn is twoWays for the case file at file in fsys.
func twoWaysIn(fsys fs.FS, file string, data []byte) (items, whole string, itemsOK bool, errs Errors) {
	newLoader := func() *loader {
		return &loader{fsys: fsys, display: fsPath, policies: map[string]*Policy{}, ids: map[string]place{},
			files: []string{file}, share: newInterner()}
	}
	asJSON := func(cs []*Case) string {
		b, err := json.Marshal(cs)
		if err != nil {
			panic(err)
		}
		return string(b)
	}
	l := newLoader()
	if head, its, ok := splitCases(data); ok {
		var cs []*Case
		if cs, itemsOK = l.loadItems(file, 0, data, head, its); itemsOK {
			items = asJSON(cs)
		}
	}
	if len(l.errs) > 0 {
		panic("loadItems reported a mistake")
	}
	w := newLoader()
	whole = asJSON(w.loadWhole(file, 0, data))
	return items, whole, itemsOK, w.errs
}

var _ = Describe("Loading a case file one case at a time", func() {
	It("reads every bundled case file that way, as it reads it whole", func() {
		n := 0
		gomega.Expect(fs.WalkDir(fixtures.FS, fixtures.Dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(p) != ".yaml" {
				return err
			}
			data, err := fs.ReadFile(fixtures.FS, p)
			gomega.Expect(err).NotTo(gomega.HaveOccurred())
			items, whole, ok, errs := twoWaysIn(fixtures.FS, p, data)
			gomega.Expect(errs).To(gomega.BeEmpty(), p)
			gomega.Expect(ok).To(gomega.BeTrue(), p)
			gomega.Expect(items).To(gomega.Equal(whole), p)
			n++
			return nil
		})).To(gomega.Succeed())
		gomega.Expect(n).To(gomega.BeNumerically(">", 5))
	})

	Describe("layouts it splits", func() {
		for _, l := range []struct{ name, file string }{
			{"items at the key's indentation", "version: 1\ncases:\n- id: a\n  turns: [{user: hi}]\n- id: b\n  turns: [{user: yo}]\n"},
			{"items indented four", "version: 1\ncases:\n    - id: a\n      turns:\n        - user: hi\n    - id: b\n      turns: [{user: yo}]\n"},
			{"Windows line ends", "version: 1\r\ncases:\r\n  - id: a\r\n    turns: [{user: hi}]\r\n  - id: b\r\n    turns: [{user: yo}]\r\n"},
			{"a document start and comments everywhere", "---\n# suite\nversion: 1 # v\ncases: # the cases\n# first\n  - id: a # x\n# between, at column 0\n    turns: [{user: hi}]\n\n  # indented comment\n  - id: b\n    turns: [{user: yo}]\n# end\n"},
			{"keys after the cases", "version: 1\ncases:\n  - id: a\n    turns: [{user: hi}]\n  - id: b\n    turns: [{user: yo}]\ndefaults:\n  severity: high\n  tags: [late]\npolicy: ../policies/p.md\n"},
			{"block scalars that look like items", "version: 1\ncases:\n  - id: a\n    turns:\n      - user: |\n          - not an item\n          cases:\n          - still text\n  - id: b\n    title: >-\n      folded\n      - text\n    turns: [{user: yo}]\n"},
			{"single-key items and a dash on its own line", "version: 1\ncases:\n  -\n    id: a\n    turns: [{user: hi}]\n  - {id: b, turns: [{user: yo}]}\n"},
			{"an anchor used inside its own item", "version: 1\ncases:\n  - id: a\n    turns: [{user: &t hi}, {user: *t}]\n  - id: b\n    turns: [{user: yo}]\n"},
			{"no newline at the end", "version: 1\ncases:\n  - id: a\n    turns: [{user: hi}]"},
		} {
			It("splits "+l.name, func() {
				items, whole, ok, errs := twoWays([]byte(l.file))
				gomega.Expect(errs).To(gomega.BeEmpty())
				gomega.Expect(ok).To(gomega.BeTrue())
				gomega.Expect(items).To(gomega.Equal(whole))
				gomega.Expect(whole).To(gomega.ContainSubstring(`"id":"a"`))
			})
		}
	})

	Describe("layouts it leaves to the whole-file parse", func() {
		for _, l := range []struct{ name, file string }{
			{"a flow list", "version: 1\ncases: [{id: a, turns: [{user: hi}]}]\n"},
			{"an anchor of another item", "version: 1\ncases:\n  - id: a\n    turns: &t [{user: hi}]\n  - id: b\n    turns: *t\n"},
			{"a merge key from the head", "version: 1\nbase: &b {turns: [{user: hi}]}\ncases:\n  - <<: *b\n    id: a\n"},
			{"an anchored list", "version: 1\ncases: &all\n  - id: a\n    turns: [{user: hi}]\n"},
			{"a YAML directive", "%YAML 1.2\n---\nversion: 1\ncases:\n  - id: a\n    turns: [{user: hi}]\n"},
			{"a second document", "version: 1\ncases:\n  - id: a\n    turns: [{user: hi}]\n---\nversion: 1\n"},
			{"a key written twice", "version: 1\ncases:\n  - id: a\n    turns: [{user: hi}]\ncases:\n  - id: b\n    turns: [{user: yo}]\n"},
			{"a mistake in the third case", "version: 1\ncases:\n  - id: a\n    turns: [{user: hi}]\n  - id: b\n    turns: [{user: yo}]\n  - id: c\n    severity: urgent\n    turns: [{user: hey}]\n"},
			{"an unknown field", "version: 1\ncases:\n  - id: a\n    turns: [{user: hi}]\n    expect: {bogus: [x]}\n"},
			{"a duplicate id", "version: 1\ncases:\n  - id: a\n    turns: [{user: hi}]\n  - id: a\n    turns: [{user: yo}]\n"},
			{"a missing version", "cases:\n  - id: a\n    turns: [{user: hi}]\n"},
		} {
			It("falls back on "+l.name, func() {
				_, _, ok, _ := twoWays([]byte(l.file))
				gomega.Expect(ok).To(gomega.BeFalse())
			})
		}
	})

	It("reports a file's mistakes as the whole-file parse does, keeping no id from the attempt", func() {
		good := "version: 1\ncases:\n  - id: x\n    turns: [{user: hi}]\n"
		bad := "version: 1\ncases:\n  - id: a\n    turns: [{user: hi}]\n  - id: b\n    language: English\n    turns: [{user: yo}]\n"
		fsys := fstest.MapFS{"s/1.yaml": {Data: []byte(bad)}, "s/2.yaml": {Data: []byte(good)}}
		_, err := LoadFS(fsys, "s")
		gomega.Expect(err).To(gomega.MatchError(`s/1.yaml:6:15: b: language "English" is not a language code like en, fr or pt-BR`))

		// The first file's items were read before its mistake; its ids
		// must not make the whole-file parse call them duplicates.
		fsys["s/2.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(good, "id: x", "id: a", 1))}
		_, err = LoadFS(fsys, "s")
		gomega.Expect(err).To(gomega.MatchError(gomega.ContainSubstring(`s/2.yaml:3:9: cases[0].id: "a" is already used at s/1.yaml:3`)))
		gomega.Expect(err.(Errors)).To(gomega.HaveLen(2))
	})

	It("numbers each case's line as in the file", func() {
		s, err := LoadFS(fstest.MapFS{"s/c.yaml": {Data: []byte("version: 1\n\ncases:\n  # one\n  - id: a\n    turns: [{user: hi}]\n\n\n  -\n    id: b\n    turns: [{user: yo}]\n")}}, "s")
		gomega.Expect(err).NotTo(gomega.HaveOccurred())
		gomega.Expect(s.Cases).To(gomega.HaveLen(2))
		gomega.Expect([]int{s.Cases[0].Line, s.Cases[1].Line}).To(gomega.Equal([]int{5, 10}))
	})
})

// FuzzSplit checks that reading a case file one case at a time never
// differs from reading it whole: whenever the items can be read on their
// own, the whole file reads without a mistake and gives the same cases.
//
//	go test -run='^$' -fuzz=FuzzSplit -fuzztime=60s ./suite/
func FuzzSplit(f *testing.F) {
	_ = fs.WalkDir(fixtures.FS, fixtures.Dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".yaml" {
			data, _ := fs.ReadFile(fixtures.FS, p)
			f.Add(data)
		}
		return nil
	})
	f.Add([]byte("version: 1\ncases:\n- id: a\n  turns: [{user: hi}]\n- id: b\n  turns: [{user: yo}]\ndefaults: {severity: low}\n"))
	f.Add([]byte("---\nversion: 1\ncases: # c\n  - id: a\n    turns:\n      - user: |\n          - x\n  -\n    id: b\n    turns: [{user: yo}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, whole, ok, errs := twoWays(data)
		if !ok {
			return
		}
		if len(errs) > 0 {
			t.Fatalf("read item by item, but the whole file has mistakes: %v", errs)
		}
		if items != whole {
			t.Fatalf("item by item:\n%s\nwhole:\n%s", items, whole)
		}
	})
}
