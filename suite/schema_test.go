package suite_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/suite"
)

// caseSchema compiles suite.CaseSchema.
func caseSchema() *jsonschema.Schema {
	GinkgoHelper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(suite.CaseSchema))
	Expect(err).NotTo(HaveOccurred())
	c := jsonschema.NewCompiler()
	Expect(c.AddResource("case.schema.json", doc)).To(Succeed())
	sch, err := c.Compile("case.schema.json")
	Expect(err).NotTo(HaveOccurred())
	return sch
}

// yamlToJSON converts a YAML case file into the JSON value a schema
// validator reads, as an editor's YAML extension does.
func yamlToJSON(data []byte) any {
	GinkgoHelper()
	var v any
	Expect(yaml.Unmarshal(data, &v)).To(Succeed())
	b, err := json.Marshal(v)
	Expect(err).NotTo(HaveOccurred())
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	Expect(err).NotTo(HaveOccurred())
	return out
}

var _ = Describe("The case file JSON Schema", func() {
	It("accepts every case file of the bundled library", func() {
		sch := caseSchema()
		n := 0
		Expect(fs.WalkDir(fixtures.FS, fixtures.Dir, func(p string, d fs.DirEntry, err error) error {
			Expect(err).NotTo(HaveOccurred())
			if d.IsDir() || (path.Ext(p) != ".yaml" && path.Ext(p) != ".yml") {
				return nil
			}
			data, err := fs.ReadFile(fixtures.FS, p)
			Expect(err).NotTo(HaveOccurred())
			Expect(sch.Validate(yamlToJSON(data))).To(Succeed(), p)
			n++
			return nil
		})).To(Succeed())
		Expect(n).To(BeNumerically(">=", 5))
	})

	DescribeTable("refuses what the loader refuses",
		func(doc, why string) {
			err := caseSchema().Validate(yamlToJSON([]byte(doc)))
			Expect(err).To(HaveOccurred(), why)
		},
		Entry("no version", "cases: [{id: a, turns: [{user: hi}]}]", "version is required"),
		Entry("version 2", "version: 2\ncases: [{id: a, turns: [{user: hi}]}]", "only version 1"),
		Entry("no cases", "version: 1\ncases: []", "at least one case"),
		Entry("unknown case field", "version: 1\ncases: [{id: a, turns: [{user: hi}], severty: high}]", "typo"),
		Entry("unknown top-level field", "version: 1\npolicies: x\ncases: [{id: a, turns: [{user: hi}]}]", "typo"),
		Entry("bad severity", "version: 1\ncases: [{id: a, severity: urgent, turns: [{user: hi}]}]", "enum"),
		Entry("bad escalation", "version: 1\ncases: [{id: a, turns: [{user: hi}], expect: {escalation: maybe}}]", "enum"),
		Entry("no turns and no simulation", "version: 1\ncases: [{id: a}]", "a case needs turns"),
		Entry("empty turns", "version: 1\ncases: [{id: a, turns: []}]", "a case needs turns"),
		Entry("a matcher with two forms", "version: 1\ncases: [{id: a, turns: [{user: hi}], expect: {must_say: [{regex: x, any: [y]}]}}]", "exactly one form"),
		Entry("an empty any", "version: 1\ncases: [{id: a, turns: [{user: hi}], expect: {must_say: [{any: []}]}}]", "any needs a matcher"),
		Entry("a bad language code", "version: 1\ncases: [{id: a, language: English, turns: [{user: hi}]}]", "language code"),
		Entry("a bad duration", "version: 1\ncases: [{id: a, turns: [{user: hi}], expect: {max_latency: soon}}]", "duration"),
		Entry("a rubric in an unknown dimension", "version: 1\ncases: [{id: a, turns: [{user: hi}], judges: [{rubric: be nice, dimension: tone}]}]", "dimension enum"),
		Entry("a simulation without a goal", "version: 1\ncases: [{id: a, simulate: {persona: p}}]", "goal required"),
	)

	It("accepts the forms the case format allows", func() {
		doc := `version: 1
policy: ../policies/airline.md
defaults: {language: pt-BR, tags: [a], severity: high, context: {k: v}}
cases:
  - id: a
    title: t
    severity: critical
    tags: [b]
    source: s
    context: {booking_ref: X1}
    turns:
      - user: hi
        expect: {must_say: ["plain", 42, {regex: "(?i)x"}, {any: ["a", {all: ["b", "c"]}]}], must_not_say: [x]}
    expect:
      escalation: required
      escalate_by_turn: 1
      max_latency: 1500ms
      facts: [f]
    judges: [{name: n, rubric: r, dimension: empathy}]
  - id: b
    simulate: {persona: p, goal: g, knows: [k], max_turns: 3}
    expect: {max_latency: 2}
`
		Expect(caseSchema().Validate(yamlToJSON([]byte(doc)))).To(Succeed())
	})

	It("describes every property, for editor completion", func() {
		var root map[string]any
		Expect(json.Unmarshal(suite.CaseSchema, &root)).To(Succeed())
		var walk func(where string, node any)
		walk = func(where string, node any) {
			switch n := node.(type) {
			case map[string]any:
				if props, ok := n["properties"].(map[string]any); ok {
					for name, p := range props {
						pm := p.(map[string]any)
						_, hasDesc := pm["description"]
						ref, _ := pm["$ref"].(string)
						if !hasDesc && ref != "" {
							// A reference carries the description of its definition.
							def := root["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
							_, hasDesc = def["description"]
						}
						Expect(hasDesc).To(BeTrue(), "%s.%s has no description", where, name)
					}
				}
				for k, v := range n {
					walk(where+"/"+k, v)
				}
			case []any:
				for _, v := range n {
					walk(where, v)
				}
			}
		}
		walk("#", root)
	})

	It("has every field of the case model, so a new field cannot be forgotten", func() {
		var root struct {
			Properties map[string]any `json:"properties"`
			Defs       map[string]struct {
				Properties map[string]any `json:"properties"`
			} `json:"$defs"`
		}
		Expect(json.Unmarshal(suite.CaseSchema, &root)).To(Succeed())
		turnExpect := root.Defs["turn"].Properties["expect"].(map[string]any)["properties"].(map[string]any)
		check := func(t reflect.Type, tag string, props map[string]any, skip ...string) {
			for i := 0; i < t.NumField(); i++ {
				name, _, _ := strings.Cut(t.Field(i).Tag.Get(tag), ",")
				if name == "" || name == "-" || strings.Contains(strings.Join(skip, " "), name) {
					continue
				}
				Expect(props).To(HaveKey(name), "%s.%s is missing from case.schema.json", t.Name(), name)
			}
		}
		check(reflect.TypeOf(suite.Case{}), "json", root.Defs["case"].Properties, "file", "line", "policy")
		check(reflect.TypeOf(suite.Turn{}), "yaml", root.Defs["turn"].Properties)
		check(reflect.TypeOf(suite.TurnExpect{}), "yaml", turnExpect)
		check(reflect.TypeOf(suite.Expect{}), "yaml", root.Defs["expect"].Properties)
		check(reflect.TypeOf(suite.Rubric{}), "yaml", root.Defs["rubric"].Properties)
		check(reflect.TypeOf(suite.Simulation{}), "yaml", root.Defs["simulate"].Properties)
		Expect(root.Properties).To(HaveKey("policy"))
	})
})
