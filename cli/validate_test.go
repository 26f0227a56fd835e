package cli_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("tribunal validate", func() {
	It("passes the bundled library", func() {
		r := run("validate")
		Expect(r.code).To(Equal(0), r.errOut)
		Expect(r.out).To(MatchRegexp(`ok  bundled library: \d+ cases in \d+ files`))
	})

	It("lists every problem with file:line:column and exits 2", func() {
		dir := writeSuite(map[string]string{
			"a.yaml": "version: 1\ncases:\n  - id: a\n    turns: [{user: hi}]\n    colour: red\n",
			"b.yaml": "version: 1\ncases:\n  - id: b\n    turns: [{user: hi}]\n    expect: {must_say: [{regex: \"(\"}]}\n",
		})
		r := run("validate", dir)
		Expect(r.code).To(Equal(2))
		Expect(r.errOut).To(ContainSubstring(`a.yaml:5:5: cases[0].colour: unknown field "colour"`))
		Expect(r.errOut).To(ContainSubstring(`b.yaml:5:25: cases[0].expect.must_say[0]: invalid regex`))
	})

	It("refuses the same case id in two suites", func() {
		one := writeSuite(map[string]string{"a.yaml": "version: 1\ncases:\n  - id: same\n    turns: [{user: hi}]\n"})
		two := writeSuite(map[string]string{"b.yaml": "version: 1\ncases:\n  - id: same\n    turns: [{user: hi}]\n"})
		r := run("validate", one, two)
		Expect(r.code).To(Equal(2))
		Expect(r.errOut).To(ContainSubstring(`case id "same" is also used at`))
	})
})
