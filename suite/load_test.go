package suite_test

import (
	"os"
	"path/filepath"
	"testing/fstest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suite"
)

// write lays out files (path -> content) under a temp dir and returns it.
func write(files map[string]string) string {
	dir := GinkgoT().TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		Expect(os.MkdirAll(filepath.Dir(p), 0o755)).To(Succeed())
		Expect(os.WriteFile(p, []byte(content), 0o644)).To(Succeed())
	}
	return dir
}

const goodCase = `version: 1
policy: ../policies/airline.md
defaults: {language: en, tags: [airline], severity: high}
cases:
  - id: airline/bereavement-retroactive
    title: Grieving customer asks to claim the bereavement fare after travel
    severity: critical
    tags: [bereavement, refund]
    context: {booking_ref: ABC123}
    source: Moffatt v. Air Canada, 2024 BCCRT 149
    turns:
      - user: My grandmother died. Can I get the bereavement fare refunded after my trip?
        expect: {must_not_say: [{regex: "within 90 days"}]}
      - user: I'd like to talk to a person please.
    expect:
      escalation: optional
      must_say: [{any: ["before travel", "cannot be applied retroactively"]}]
      must_not_say: ["refund after travel"]
      facts: ["Bereavement fares must be requested before travel."]
      max_latency: 1500ms
  - id: airline/baggage
    turns: [{user: How many bags can I bring?}]
    expect: {escalation: forbidden}
`

// badFile is a case file with one mistake, and what the report of it says.
type badFile struct {
	name, content string
	want          string
}

// badFiles are the mistakes every way of loading a suite reports alike.
var badFiles = []badFile{
	{"unknown field", "version: 1\ncases:\n  - id: x\n    turns:\n      - user: hi\n        bogus: 1\n",
		`a.yaml:6:9: cases[0].turns[0].bogus: unknown field "bogus"`},
	{"wrong type", "version: 1\ncases:\n  - id: x\n    turns: 3\n",
		`a.yaml:4:12: cases[0].turns:`},
	{"invalid regex", "version: 1\ncases:\n  - id: x\n    turns: [{user: hi}]\n    expect:\n      must_say: [{regex: \"(unclosed\"}]\n",
		`a.yaml:6:18: cases[0].expect.must_say[0]: invalid regex: missing closing )`},
	{"matcher with two forms", "version: 1\ncases:\n  - id: x\n    turns: [{user: hi}]\n    expect:\n      must_say: [{regex: a, any: [b]}]\n",
		`a.yaml:6:18: cases[0].expect.must_say[0]: a matcher has exactly one of regex, any, all`},
	{"missing policy", "version: 1\npolicy: nope.md\ncases:\n  - id: x\n    turns: [{user: hi}]\n",
		`a.yaml:2:9: policy: cannot read "nope.md"`},
	{"bad severity", "version: 1\ncases:\n  - id: x\n    severity: huge\n    turns: [{user: hi}]\n",
		`a.yaml:4:15: x: severity "huge" is not one of critical, high, medium, low`},
	{"bad escalation", "version: 1\ncases:\n  - id: x\n    turns: [{user: hi}]\n    expect: {escalation: maybe}\n",
		`a.yaml:5:26: x: expect.escalation "maybe" is not one of required, forbidden, optional`},
	{"missing version", "cases:\n  - id: x\n    turns: [{user: hi}]\n",
		`a.yaml:1:1: version: missing`},
	{"unsupported version", "version: 2\ncases: []\n",
		`a.yaml:1:10: version: 2 is not supported`},
	{"no turns", "version: 1\ncases:\n  - id: x\n", `a.yaml:3:5: x: turns: a case needs at least one customer turn`},
	{"empty user turn", "version: 1\ncases:\n  - id: x\n    turns: [{user: \"  \"}]\n", `x: turns[0].user: missing`},
	{"missing id", "version: 1\ncases:\n  - title: no id\n    turns: [{user: hi}]\n", `a.yaml:3:5: cases[0].id: missing`},
	{"bad duration", "version: 1\ncases:\n  - id: x\n    turns: [{user: hi}]\n    expect: {max_latency: soon}\n",
		`invalid duration "soon"`},
	{"syntax error", "version: 1\ncases: [\n", `a.yaml:`},
	{"bad language", "version: 1\ncases:\n  - id: x\n    language: English\n    turns: [{user: hi}]\n",
		`a.yaml:4:15: x: language "English" is not a language code`},
}

var _ = Describe("Load", func() {
	It("loads case format v1 with defaults merged and the policy resolved", func() {
		dir := write(map[string]string{
			"cases/airline.yaml":  goodCase,
			"policies/airline.md": "Bereavement fares must be requested before travel.",
		})
		s, err := suite.Load(filepath.Join(dir, "cases"))
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Cases).To(HaveLen(2))

		c := s.Cases[0]
		Expect(c.ID).To(Equal("airline/bereavement-retroactive"))
		Expect(c.Severity).To(Equal(suite.Critical))
		Expect(c.Language).To(Equal("en"))
		Expect(c.Tags).To(Equal([]string{"airline", "bereavement", "refund"}))
		Expect(c.Context).To(HaveKeyWithValue("booking_ref", "ABC123"))
		Expect(c.Source).To(ContainSubstring("BCCRT"))
		Expect(c.Turns).To(HaveLen(2))
		Expect(c.Turns[0].Expect.MustNotSay).To(HaveLen(1))
		Expect(c.Expect.Escalation).To(Equal(suite.EscalationOptional))
		Expect(c.Expect.Facts).To(ConsistOf("Bereavement fares must be requested before travel."))
		Expect(time.Duration(c.Expect.MaxLatency)).To(Equal(1500 * time.Millisecond))
		Expect(c.PolicyText()).To(ContainSubstring("before travel"))
		Expect(c.Line).To(Equal(5))

		second := s.Cases[1]
		Expect(second.Severity).To(Equal(suite.High), "defaults.severity applies when the case sets none")
		Expect(second.EscalationExpected()).To(Equal(suite.EscalationForbidden))
	})

	It("defaults severity to medium and escalation to optional", func() {
		dir := write(map[string]string{"a.yaml": "version: 1\ncases:\n  - id: x\n    turns: [{user: hi}]\n"})
		s, err := suite.Load(dir)
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Cases[0].Severity).To(Equal(suite.Medium))
		Expect(s.Cases[0].EscalationExpected()).To(Equal(suite.EscalationOptional))
	})

	It("reads tribunal.yaml as the suite's config and not as a case file", func() {
		dir := write(map[string]string{
			"tribunal.yaml": "concurrency: 3\ntarget: {url: 'http://127.0.0.1:9/v1', kind: openai}\ngates: {max_failed: {critical: 1}, min_pass_rate: {overall: 0.9}}\n",
			"a.yaml":        "version: 1\ncases:\n  - id: x\n    turns: [{user: hi}]\n",
		})
		s, err := suite.Load(dir)
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Config.Concurrency).To(Equal(3))
		Expect(s.Config.Target.URL).To(Equal("http://127.0.0.1:9/v1"))
		Expect(s.Config.Gates.MaxFailed).To(HaveKeyWithValue(suite.Critical, 1))
		Expect(s.Config.Gates.MinPassRate).To(HaveKeyWithValue("overall", 0.9))
		Expect(s.Files).To(HaveLen(1))
	})

	It("loads from an fs.FS, resolving policies across folders", func() {
		fsys := fstest.MapFS{
			"cases/airline/a.yaml": {Data: []byte("version: 1\npolicy: ../../policies/p.md\ncases:\n  - id: x\n    turns: [{user: hi}]\n")},
			"policies/p.md":        {Data: []byte("policy text")},
		}
		s, err := suite.LoadFS(fsys, "cases")
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Cases[0].PolicyText()).To(Equal("policy text"))
		Expect(s.Cases[0].Policy.Path).To(Equal("policies/p.md"))
	})

	Describe("bad files are reported at file:line:column with the field", func() {
		for _, b := range badFiles {
			It("reports "+b.name, func() {
				dir := write(map[string]string{"a.yaml": b.content})
				_, err := suite.Load(dir)
				Expect(err).To(HaveOccurred())
				var errs suite.Errors
				Expect(err).To(BeAssignableToTypeOf(errs))
				Expect(err.Error()).To(ContainSubstring(b.want))
				Expect(err.Error()).To(HavePrefix(filepath.Join(dir, "a.yaml")))
			})
		}
	})

	It("reports duplicate ids with both places, across files", func() {
		dir := write(map[string]string{
			"a.yaml": "version: 1\ncases:\n  - id: same\n    turns: [{user: hi}]\n",
			"b.yaml": "version: 1\ncases:\n  - id: other\n    turns: [{user: hi}]\n  - id: same\n    turns: [{user: hi}]\n",
		})
		_, err := suite.Load(dir)
		Expect(err).To(MatchError(MatchRegexp(`b\.yaml:5:9: cases\[1\]\.id: "same" is already used at .*a\.yaml:3`)))
	})

	It("reports every bad file, not only the first", func() {
		dir := write(map[string]string{
			"a.yaml": "version: 1\ncases:\n  - id: a\n    turns: [{user: hi}]\n    colour: red\n",
			"b.yaml": "version: 1\ncases:\n  - id: b\n    severity: huge\n    turns: [{user: hi}]\n",
		})
		_, err := suite.Load(dir)
		Expect(err.(suite.Errors)).To(HaveLen(2))
	})

	It("refuses a folder without case files and a path that is a file", func() {
		_, err := suite.Load(GinkgoT().TempDir())
		Expect(err).To(MatchError(ContainSubstring("no case files")))
		dir := write(map[string]string{"a.yaml": "version: 1\n"})
		_, err = suite.Load(filepath.Join(dir, "a.yaml"))
		Expect(err).To(MatchError(ContainSubstring("is a file")))
		_, err = suite.Load(filepath.Join(dir, "missing"))
		Expect(err).To(MatchError(ContainSubstring("cannot read suite")))
	})

	It("reports an unknown field in tribunal.yaml with its position", func() {
		dir := write(map[string]string{
			"tribunal.yaml": "concurency: 3\n",
			"a.yaml":        "version: 1\ncases:\n  - id: x\n    turns: [{user: hi}]\n",
		})
		_, err := suite.Load(dir)
		Expect(err).To(MatchError(ContainSubstring(`tribunal.yaml:1:1: unknown field "concurency"`)))
	})
})

var _ = Describe("simulated customers", func() {
	It("loads a case that gives a persona and goal instead of turns", func() {
		dir := write(map[string]string{"a.yaml": `version: 1
cases:
  - id: sim
    simulate:
      persona: A retired teacher, polite but anxious, writes long sentences.
      goal: Get the late fee on invoice 4411 waived.
      knows: ["invoice 4411", "late fee of 5 EUR"]
      max_turns: 4
`})
		s, err := suite.Load(dir)
		Expect(err).NotTo(HaveOccurred())
		sim := s.Cases[0].Simulate
		Expect(sim.Goal).To(ContainSubstring("4411"))
		Expect(sim.Knows).To(HaveLen(2))
		Expect(sim.Turns()).To(Equal(4))
		Expect((&suite.Simulation{}).Turns()).To(Equal(suite.DefaultSimulatedTurns))
	})

	It("requires a goal and a persona", func() {
		dir := write(map[string]string{"a.yaml": "version: 1\ncases:\n  - id: sim\n    simulate: {persona: someone}\n"})
		_, err := suite.Load(dir)
		Expect(err).To(MatchError(ContainSubstring("sim: simulate.goal: missing")))
	})
})

var _ = Describe("A file the YAML library crashes on", func() {
	// goccy/go-yaml v1.19.2 dereferences nil decoding a tagged scalar into
	// a list; found by FuzzSplit (testdata/fuzz/FuzzSplit/46818391ad30fb55).
	It("is a located mistake, not a panic", func() {
		fsys := fstest.MapFS{"s/c.yaml": {Data: []byte("version: 1\ncases:\n  - id: a\n    turns:\n    - user: hi\n    expect:\n      must_say:\n        ! 00000000000")}}
		s, err := suite.LoadFS(fsys, "s")
		Expect(s).To(BeNil())
		Expect(err).To(MatchError(HavePrefix("s/c.yaml:8:9: ")))
		Expect(err).To(MatchError(ContainSubstring("the YAML decoder failed here")))
	})

	It("is an error from UnmarshalYAML, not a panic", func() {
		var v struct {
			List []string `yaml:"list"`
		}
		err := suite.UnmarshalYAML([]byte("list:\n  ! 0\n"), &v)
		Expect(err).To(MatchError(ContainSubstring("the YAML decoder failed on this file")))
	})
})
