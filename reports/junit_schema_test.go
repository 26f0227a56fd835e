package reports_test

import (
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/reports"
	"github.com/tribunal-eval/tribunal/score"
)

// xmlNode is an element of a parsed XML document.
type xmlNode struct {
	name     string
	attrs    map[string]string
	children []*xmlNode
	text     strings.Builder
}

func parseXML(doc string) (*xmlNode, error) {
	dec := xml.NewDecoder(strings.NewReader(doc))
	dec.Strict = true
	var stack []*xmlNode
	var root *xmlNode
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != "" {
				return nil, fmt.Errorf("<%s> has a namespace %q", t.Name.Local, t.Name.Space)
			}
			n := &xmlNode{name: t.Name.Local, attrs: map[string]string{}}
			for _, a := range t.Attr {
				if _, dup := n.attrs[a.Name.Local]; dup {
					return nil, fmt.Errorf("<%s> repeats attribute %s", n.name, a.Name.Local)
				}
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else if root != nil {
				return nil, fmt.Errorf("two root elements")
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	return root, nil
}

// The JUnit schema Jenkins' xUnit plugin validates against (junit-10.xsd,
// which GitLab's and Jenkins' JUnit parsers read too), as Go checks: which
// attributes each element may and must have, which children it may hold,
// and the time pattern. On top, what tribunal promises: counts that add
// up, a classname and time on every testcase, a message and type on every
// failure and error.
var (
	surefireTime = regexp.MustCompile(`^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$`)
	junitAttrs   = map[string]struct{ required, optional []string }{
		"testsuites": {nil, []string{"name", "time", "tests", "failures", "errors"}},
		"testsuite":  {[]string{"name", "tests", "failures", "errors"}, []string{"group", "time", "skipped", "timestamp", "hostname", "id", "package", "file", "log", "url"}},
		"properties": {nil, nil},
		"property":   {[]string{"name", "value"}, nil},
		"testcase":   {[]string{"name"}, []string{"time", "classname", "group"}},
		"failure":    {nil, []string{"type", "message"}},
		"error":      {nil, []string{"type", "message"}},
		"skipped":    {nil, []string{"type", "message"}},
		"system-out": {nil, nil},
		"system-err": {nil, nil},
	}
	junitChildren = map[string][]string{
		"testsuites": {"testsuite"},
		"testsuite":  {"testsuite", "properties", "testcase", "system-out", "system-err"},
		"properties": {"property"},
		"testcase":   {"skipped", "error", "failure", "rerunFailure", "rerunError", "flakyFailure", "flakyError", "system-out", "system-err"},
	}
	// Elements whose content is text (mixed or xs:string); the others hold
	// only elements and white space.
	junitText = []string{"failure", "error", "skipped", "system-out", "system-err"}
)

// checkJUnit returns every way doc breaks the schema or tribunal's promises.
func checkJUnit(doc string) []string {
	root, err := parseXML(doc)
	if err != nil {
		return []string{"not well-formed XML: " + err.Error()}
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	count := func(n *xmlNode, attr string) int {
		v, ok := n.attrs[attr]
		if !ok {
			return -1
		}
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 {
			bad("<%s %s=%q> is not a count", n.name, attr, v)
		}
		return i
	}
	var walk func(n *xmlNode, path string)
	walk = func(n *xmlNode, path string) {
		path += "/" + n.name
		rules, known := junitAttrs[n.name]
		if !known {
			bad("%s: element not in the schema", path)
			return
		}
		for _, a := range rules.required {
			if _, ok := n.attrs[a]; !ok {
				bad("%s: missing required attribute %s", path, a)
			}
		}
		for a := range n.attrs {
			if !slices.Contains(rules.required, a) && !slices.Contains(rules.optional, a) {
				bad("%s: attribute %s is not in the schema", path, a)
			}
		}
		if (n.name == "testsuite" || n.name == "testsuites") && n.attrs["time"] != "" && !surefireTime.MatchString(n.attrs["time"]) {
			bad("%s: time %q does not match the schema's pattern", path, n.attrs["time"])
		}
		allowed := junitChildren[n.name]
		for _, c := range n.children {
			if !slices.Contains(allowed, c.name) {
				bad("%s: <%s> may not hold <%s>", path, n.name, c.name)
				continue
			}
			walk(c, path)
		}
		if !slices.Contains(junitText, n.name) && strings.TrimSpace(n.text.String()) != "" {
			bad("%s: text outside an element that takes text", path)
		}
		if slices.Contains(junitText, n.name) && len(n.children) > 0 {
			bad("%s: elements inside a text element", path)
		}
	}
	if root.name != "testsuites" {
		return []string{"the root is <" + root.name + ">, not <testsuites>"}
	}
	walk(root, "")
	if len(problems) > 0 {
		return problems
	}

	// tribunal's promises.
	for _, a := range []string{"tests", "failures", "errors", "time"} {
		if _, ok := root.attrs[a]; !ok {
			bad("<testsuites> has no %s", a)
		}
	}
	var tests, failures, errs int
	for _, s := range root.children {
		for _, a := range []string{"skipped", "time"} {
			if _, ok := s.attrs[a]; !ok {
				bad("<testsuite %s> has no %s", s.attrs["name"], a)
			}
		}
		var t, f, e, sk int
		for _, c := range s.children {
			if c.name != "testcase" {
				continue
			}
			t++
			for _, a := range []string{"classname", "time"} {
				if c.attrs[a] == "" {
					bad("testcase %q has no %s", c.attrs["name"], a)
				}
			}
			if _, err := strconv.ParseFloat(c.attrs["time"], 64); err != nil {
				bad("testcase %q: time %q is not seconds", c.attrs["name"], c.attrs["time"])
			}
			outcomes := 0
			for _, o := range c.children {
				switch o.name {
				case "failure", "error":
					outcomes++
					if o.attrs["message"] == "" || o.attrs["type"] == "" {
						bad("testcase %q: <%s> needs a message and a type", c.attrs["name"], o.name)
					}
					if o.name == "failure" {
						f++
					} else {
						e++
					}
				case "skipped":
					outcomes++
					sk++
				}
			}
			if outcomes > 1 {
				bad("testcase %q has %d outcomes", c.attrs["name"], outcomes)
			}
		}
		if count(s, "tests") != t || count(s, "failures") != f || count(s, "errors") != e || count(s, "skipped") != sk {
			bad("<testsuite %s> counts %s/%s/%s/%s, its testcases %d/%d/%d/%d", s.attrs["name"],
				s.attrs["tests"], s.attrs["failures"], s.attrs["errors"], s.attrs["skipped"], t, f, e, sk)
		}
		tests, failures, errs = tests+t, failures+f, errs+e
	}
	if count(root, "tests") != tests || count(root, "failures") != failures || count(root, "errors") != errs {
		bad("<testsuites> counts do not add up")
	}
	return problems
}

var _ = Describe("junit.xml against the JUnit schema Jenkins and GitLab read", func() {
	DescribeTable("is valid",
		func(sc func() *score.Scorecard) {
			Expect(checkJUnit(render(reports.JUnit, sc()))).To(BeEmpty())
		},
		Entry("a repeated run with failures, an error and a flaky case", fixture),
		Entry("a run compared with a baseline", withBaseline),
		Entry("hostile bot text", func() *score.Scorecard {
			sc := hostile()
			sc.Cases[0].Attempts[0].Transcript.Turns[0].Reply += " ]]><injected/> <![CDATA[ \x00"
			return sc
		}),
		Entry("an interrupted run with a case never attempted", func() *score.Scorecard {
			sc := fixture()
			sc.Run.Interrupted = true
			sc.Cases[0].Attempts = nil
			return sc
		}),
		Entry("an empty run", func() *score.Scorecard { return &score.Scorecard{SchemaVersion: 1, Gate: score.Gate{Passed: true}} }),
		Entry("1,000 failing cases", func() *score.Scorecard { return large(1000) }),
	)

	It("catches what the schema forbids", func() {
		for doc, want := range map[string]string{
			`<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c" file="x.yaml"/></testsuite></testsuites>`: "attribute file is not in the schema",
			`<testsuites skipped="0"></testsuites>`: "attribute skipped is not in the schema",
			`<testsuites><testsuite name="s" tests="1" failures="0"><testcase name="c"/></testsuite></testsuites>`:                                                                                                                                 "missing required attribute errors",
			`<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c"><note/></testcase></testsuite></testsuites>`:                                                                                                     "may not hold <note>",
			`<testsuites><testsuite name="s" tests="1" failures="0" errors="0" time="1.5s"></testsuite></testsuites>`:                                                                                                                              "does not match the schema's pattern",
			`<testsuites><testsuite name="s" tests="2" failures="0" errors="0" skipped="0" time="0"><testcase name="c" classname="k" time="0"/></testsuite></testsuites>`:                                                                          "counts 2/0/0/0, its testcases 1/0/0/0",
			`<testsuites tests="1" failures="1" errors="0" time="0"><testsuite name="s" tests="1" failures="1" errors="0" skipped="0" time="0"><testcase name="c" classname="k" time="0"><failure>x</failure></testcase></testsuite></testsuites>`: "needs a message and a type",
		} {
			Expect(strings.Join(checkJUnit(doc), "\n")).To(ContainSubstring(want), doc)
		}
	})
})
