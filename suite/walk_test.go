package suite_test

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing/fstest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/suite"
)

// openLog is a file system that notes every name opened in it, in order.
type openLog struct {
	fs.FS
	opened []string
}

func (o *openLog) Open(name string) (fs.File, error) {
	o.opened = append(o.opened, name)
	return o.FS.Open(name)
}

// caseFile is a valid case file with one single-turn case per id.
func caseFile(ids ...string) string {
	var b strings.Builder
	b.WriteString("version: 1\ncases:\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "  - id: %s\n    turns: [{user: hello}]\n    expect: {must_not_say: [\"within 90 days\", {regex: \"(?i)legally binding\"}]}\n", id)
	}
	return b.String()
}

func caseIDs(cs []*suite.Case) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// values dereferences cases, so that Equal compares them field by field
// (policies, matchers and their compiled forms included).
func values(cs []*suite.Case) []suite.Case {
	out := make([]suite.Case, len(cs))
	for i, c := range cs {
		out[i] = *c
	}
	return out
}

var _ = Describe("Walk", func() {
	// walkAll walks dir and returns the suite, every case handed over in
	// order, and the error.
	walkAll := func(dir string) (*suite.Suite, []*suite.Case, error) {
		var got []*suite.Case
		s, err := suite.Walk(dir, func(c *suite.Case) error { got = append(got, c); return nil })
		return s, got, err
	}

	It("hands over the cases Load loads, in the same order, equal field by field", func() {
		dir := write(map[string]string{
			"cases/tribunal.yaml":     "concurrency: 3\ngates: {max_failed: {critical: 1}}\n",
			"cases/airline.yaml":      goodCase,
			"cases/more/parcels.yaml": "version: 1\npolicy: ../../policies/airline.md\ndefaults: {tags: [parcel]}\ncases:\n  - id: parcel/lost\n    turns: [{user: Where is my parcel?}]\n    expect: {must_not_say: [\"refund after travel\"]}\n",
			"cases/zz.yml":            caseFile("zz/one", "zz/two", "zz/three"),
			"cases/.hidden/skip.yaml": "not: read",
			"policies/airline.md":     "Bereavement fares must be requested before travel.",
		})
		loaded, err := suite.Load(filepath.Join(dir, "cases"))
		Expect(err).NotTo(HaveOccurred())

		s, got, err := walkAll(filepath.Join(dir, "cases"))
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Cases).To(BeNil())
		Expect(s.Name).To(Equal(loaded.Name))
		Expect(s.Config).To(Equal(loaded.Config))
		Expect(s.Config.Concurrency).To(Equal(3))
		Expect(s.Files).To(Equal(loaded.Files))
		Expect(s.Files).To(HaveLen(3))
		Expect(caseIDs(got)).To(Equal(caseIDs(loaded.Cases)))
		Expect(got).To(HaveLen(6))
		Expect(values(got)).To(Equal(values(loaded.Cases)))
		Expect(got[2].PolicyText()).To(ContainSubstring("before travel"))
	})

	It("hands over the bundled library as LoadFS loads it", func() {
		loaded, err := suite.LoadFS(fixtures.FS, fixtures.Dir)
		Expect(err).NotTo(HaveOccurred())
		var got []*suite.Case
		s, err := suite.WalkFS(fixtures.FS, fixtures.Dir, func(c *suite.Case) error { got = append(got, c); return nil })
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Cases).To(BeNil())
		Expect(s.Files).To(Equal(loaded.Files))
		Expect(len(s.Files)).To(BeNumerically(">", 1))
		Expect(caseIDs(got)).To(Equal(caseIDs(loaded.Cases)))
		Expect(values(got)).To(Equal(values(loaded.Cases)))
	})

	It("walks an fs.FS, resolving policies across folders, as LoadFS loads it", func() {
		fsys := fstest.MapFS{
			"cases/airline/a.yaml": {Data: []byte("version: 1\npolicy: ../../policies/p.md\ncases:\n  - id: x\n    turns: [{user: hi}]\n")},
			"cases/b.yaml":         {Data: []byte(caseFile("y", "z"))},
			"policies/p.md":        {Data: []byte("policy text")},
		}
		loaded, err := suite.LoadFS(fsys, "cases")
		Expect(err).NotTo(HaveOccurred())
		var got []*suite.Case
		s, err := suite.WalkFS(fsys, "cases", func(c *suite.Case) error { got = append(got, c); return nil })
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Name).To(Equal("cases"))
		Expect(s.Files).To(Equal([]string{"cases/airline/a.yaml", "cases/b.yaml"}))
		Expect(caseIDs(got)).To(Equal([]string{"x", "y", "z"}))
		Expect(got[0].PolicyText()).To(Equal("policy text"))
		Expect(got[0].Policy.Path).To(Equal("policies/p.md"))
		Expect(values(got)).To(Equal(values(loaded.Cases)))
	})

	It("hands over each file's cases before it reads the next file", func() {
		fsys := &openLog{FS: fstest.MapFS{
			"suite/a.yaml": {Data: []byte(caseFile("a1", "a2"))},
			"suite/b.yaml": {Data: []byte(caseFile("b1"))},
		}}
		openedBefore := map[string][]string{}
		_, err := suite.WalkFS(fsys, "suite", func(c *suite.Case) error {
			openedBefore[c.ID] = slices.Clone(fsys.opened)
			return nil
		})
		Expect(err).NotTo(HaveOccurred())
		Expect(openedBefore).To(HaveLen(3))
		for _, id := range []string{"a1", "a2"} {
			Expect(openedBefore[id]).To(ContainElement("suite/a.yaml"), id)
			Expect(openedBefore[id]).NotTo(ContainElement("suite/b.yaml"), id)
		}
		Expect(openedBefore["b1"]).To(ContainElement("suite/b.yaml"))
	})

	Describe("reports a bad file as Load does, handing over nothing", func() {
		for _, b := range badFiles {
			It("reports "+b.name, func() {
				dir := write(map[string]string{"a.yaml": b.content})
				_, loadErr := suite.Load(dir)
				Expect(loadErr).To(HaveOccurred())

				s, got, err := walkAll(dir)
				Expect(s).To(BeNil())
				Expect(got).To(BeEmpty())
				Expect(err).To(BeAssignableToTypeOf(suite.Errors{}))
				Expect(err).To(Equal(loadErr))
				Expect(err.Error()).To(ContainSubstring(b.want))
				Expect(err.Error()).To(HavePrefix(filepath.Join(dir, "a.yaml")))
			})
		}
	})

	It("reads every file after a mistake and reports all of them, handing over only the files before the first", func() {
		dir := write(map[string]string{
			"a.yaml": caseFile("a1", "a2"),
			"b.yaml": "version: 1\ncases:\n  - id: b\n    turns: [{user: hi}]\n    colour: red\n",
			"c.yaml": caseFile("c1"),
			"d.yaml": "version: 1\ncases:\n  - id: d\n    severity: huge\n    turns: [{user: hi}]\n",
		})
		_, loadErr := suite.Load(dir)
		s, got, err := walkAll(dir)
		Expect(s).To(BeNil())
		Expect(err).To(Equal(loadErr))
		Expect(err.(suite.Errors)).To(HaveLen(2))
		Expect(err.Error()).To(ContainSubstring(`unknown field "colour"`))
		Expect(err.Error()).To(ContainSubstring(`severity "huge"`))
		Expect(caseIDs(got)).To(Equal([]string{"a1", "a2"}))
	})

	It("reports a bad tribunal.yaml as Load does, before handing over any case", func() {
		dir := write(map[string]string{"tribunal.yaml": "concurency: 3\n", "a.yaml": caseFile("x")})
		_, loadErr := suite.Load(dir)
		_, got, err := walkAll(dir)
		Expect(err).To(Equal(loadErr))
		Expect(err).To(MatchError(ContainSubstring(`tribunal.yaml:1:1: unknown field "concurency"`)))
		Expect(got).To(BeEmpty())
	})

	It("refuses what Load refuses: a folder without case files, a file, a missing path", func() {
		dir := write(map[string]string{"a.yaml": "version: 1\n"})
		for _, p := range []string{GinkgoT().TempDir(), filepath.Join(dir, "a.yaml"), filepath.Join(dir, "missing")} {
			_, loadErr := suite.Load(p)
			Expect(loadErr).To(HaveOccurred(), p)
			s, got, err := walkAll(p)
			Expect(s).To(BeNil(), p)
			Expect(got).To(BeEmpty(), p)
			Expect(err).To(Equal(loadErr), p)
		}
	})

	It("reports a duplicate id across files with both places", func() {
		dir := write(map[string]string{
			"a.yaml": "version: 1\ncases:\n  - id: same\n    turns: [{user: hi}]\n",
			"b.yaml": "version: 1\ncases:\n  - id: other\n    turns: [{user: hi}]\n  - id: same\n    turns: [{user: hi}]\n",
		})
		_, loadErr := suite.Load(dir)
		_, got, err := walkAll(dir)
		Expect(err).To(MatchError(MatchRegexp(`b\.yaml:5:9: cases\[1\]\.id: "same" is already used at .*a\.yaml:3$`)))
		Expect(err).To(Equal(loadErr))
		Expect(caseIDs(got)).To(Equal([]string{"same"}), "the file before the mistake was handed over")
	})

	It("stops at an error from fn, right after that case, and returns the error as it is", func() {
		fsys := &openLog{FS: fstest.MapFS{
			"suite/a.yaml": {Data: []byte(caseFile("a1", "a2"))},
			"suite/b.yaml": {Data: []byte(caseFile("b1", "b2"))},
			"suite/c.yaml": {Data: []byte(caseFile("c1"))},
		}}
		stop := errors.New("the target is gone")
		var seen []string
		s, err := suite.WalkFS(fsys, "suite", func(c *suite.Case) error {
			seen = append(seen, c.ID)
			if c.ID == "b1" {
				return fmt.Errorf("replaying %s: %w", c.ID, stop)
			}
			return nil
		})
		Expect(s).To(BeNil())
		Expect(err).To(MatchError(stop))
		var errs suite.Errors
		Expect(errors.As(err, &errs)).To(BeFalse(), "fn's error is not a mistake in the suite")
		Expect(seen).To(Equal([]string{"a1", "a2", "b1"}))
		Expect(fsys.opened).To(ContainElement("suite/b.yaml"))
		Expect(fsys.opened).NotTo(ContainElement("suite/c.yaml"), "no file is read after fn failed")
	})

	It("shares texts and matchers among the cases of a file, not across files, and reads a policy once", func() {
		fsys := fstest.MapFS{
			"suite/a.yaml": {Data: []byte("version: 1\npolicy: ../p.md\n" + strings.TrimPrefix(caseFile("a1", "a2"), "version: 1\n"))},
			"suite/b.yaml": {Data: []byte("version: 1\npolicy: ../p.md\n" + strings.TrimPrefix(caseFile("b1"), "version: 1\n"))},
			"p.md":         {Data: []byte("policy text")},
		}
		var got []*suite.Case
		_, err := suite.WalkFS(fsys, "suite", func(c *suite.Case) error { got = append(got, c); return nil })
		Expect(err).NotTo(HaveOccurred())
		a1, a2, b1 := got[0], got[1], got[2]
		Expect(&a1.Expect.MustNotSay[0]).To(BeIdenticalTo(&a2.Expect.MustNotSay[0]))
		Expect(&a1.Expect.MustNotSay[0]).NotTo(BeIdenticalTo(&b1.Expect.MustNotSay[0]))
		Expect(a1.Expect.MustNotSay).To(Equal(b1.Expect.MustNotSay))
		for _, c := range got {
			_, ok := c.Expect.MustNotSay[1].Find("This is LEGALLY binding.")
			Expect(ok).To(BeTrue(), c.ID)
		}
		Expect(a1.Policy).To(BeIdenticalTo(b1.Policy))
	})

	It("keeps no case it has handed over", func() {
		files := map[string]string{}
		const perFile, nFiles = 50, 5
		for f := range nFiles {
			ids := make([]string, perFile)
			for i := range ids {
				ids[i] = fmt.Sprintf("f%d/c%02d", f, i)
			}
			files[fmt.Sprintf("f%d.yaml", f)] = caseFile(ids...)
		}
		dir := write(files)
		var freed atomic.Int32
		collected := func() int32 {
			runtime.GC()
			return freed.Load()
		}
		seen := 0
		s, err := suite.Walk(dir, func(c *suite.Case) error {
			runtime.AddCleanup(c, func(n *atomic.Int32) { n.Add(1) }, &freed)
			if seen++; seen == perFile*(nFiles-1)+1 {
				// The cases of the files before this one are garbage.
				Eventually(collected).WithTimeout(5 * time.Second).Should(BeNumerically(">=", perFile*(nFiles-1)))
			}
			return nil
		})
		Expect(err).NotTo(HaveOccurred())
		Expect(seen).To(Equal(perFile * nFiles))
		Eventually(collected).WithTimeout(5*time.Second).Should(BeEquivalentTo(perFile*nFiles), "the suite Walk returns holds no case")
		runtime.KeepAlive(s)
	})
})
