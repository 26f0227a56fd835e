package cli_test

import (
	"encoding/json"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/cli"
)

var _ = Describe("tribunal coverage", func() {
	policy := `# Acme Support Policy

## 1. Refunds

1.1 Refunds are paid within 14 days of approval.

1.2 Gift cards are never refunded.

## 2. Handoff

2.1 The assistant hands off when the customer asks for a person,
in any words or language.

## Annexe — Résumé en français

- Remboursements sous 14 jours.
`
	cases := `version: 1
policy: ../policy.md
defaults: {language: en, tags: [acme]}
cases:
  - id: acme/refund-time
    turns: [{user: how long do refunds take?}]
    expect: {must_say: ["14 days"]}
  - id: acme/human
    tags: ["clause:2.1", human-request]
    language: fr
    turns: [{user: je veux un humain}]
    expect: {escalation: required}
  - id: acme/gift-card
    turns: [{user: refund my gift card}]
    expect:
      facts: ["Gift cards are never refunded by Acme."]
  - id: acme/typo
    tags: ["clause:9.9"]
    turns: [{user: hello}]
    expect: {escalation: forbidden}
`

	It("lists each clause with the cases that exercise it, declared or inferred, and the ones none does", func() {
		dir := writeSuite(map[string]string{"policy.md": policy, "cases/a.yaml": cases})
		r := run("coverage", dir+"/cases")
		Expect(r.code).To(Equal(0), r.errOut)
		Expect(r.out).To(ContainSubstring("4 cases in"))
		Expect(r.out).To(MatchRegexp(`policy.md \(Acme Support Policy\): 4 cases; 3 of 3 clauses exercised \(100%\)`))
		Expect(r.out).To(MatchRegexp(`✓ 1\.1 +Refunds are paid within 14 days of approval\. +1 case: acme/refund-time`))
		Expect(r.out).To(MatchRegexp(`✓ 1\.2 .*acme/gift-card`))
		Expect(r.out).To(MatchRegexp(`✓ 2\.1 .*acme/human`))
		Expect(r.out).To(ContainSubstring("acme/typo: clause:9.9 is not in"))
		Expect(r.out).To(ContainSubstring("cases tied to no clause (1): acme/typo"))
		Expect(r.out).To(MatchRegexp(`(?m)^  acme +4$`))
		Expect(r.out).To(MatchRegexp(`(?m)^  fr +1$`))
		Expect(r.out).NotTo(ContainSubstring("clause:2.1 "), "clause tags are coverage, not tags to count")
	})

	It("reports an unexercised clause as missing, in JSON too", func() {
		dir := writeSuite(map[string]string{"policy.md": policy, "cases/a.yaml": `version: 1
policy: ../policy.md
cases:
  - id: acme/only-refunds
    turns: [{user: refund?}]
    expect: {must_say: ["within 14 days"]}
`})
		r := run("coverage", dir+"/cases", "--json")
		Expect(r.code).To(Equal(0), r.errOut)
		var cov cli.Coverage
		Expect(json.Unmarshal([]byte(r.out), &cov)).To(Succeed(), r.out)
		Expect(cov.Cases).To(Equal(1))
		Expect(cov.Policies).To(HaveLen(1))
		p := cov.Policies[0]
		Expect(p.Total).To(Equal(3))
		Expect(p.Exercised).To(Equal(1))
		Expect(p.Missing).To(Equal([]string{"1.2", "2.1"}))
		Expect(p.Clauses[0].Inferred).To(Equal([]string{"acme/only-refunds"}))
		Expect(p.Clauses[2].Section).To(Equal("2. Handoff"))
		Expect(p.Clauses[2].Text).To(Equal("The assistant hands off when the customer asks for a person, in any words or language."))
	})

	It("covers the bundled library: six policies, five languages, every case tied to a clause", func() {
		r := run("coverage", "--json")
		Expect(r.code).To(Equal(0), r.errOut)
		var cov cli.Coverage
		Expect(json.Unmarshal([]byte(r.out), &cov)).To(Succeed())
		Expect(cov.Cases).To(BeNumerically(">=", 200))
		Expect(cov.Policies).To(HaveLen(6))
		for _, p := range cov.Policies {
			Expect(p.Exercised*10).To(BeNumerically(">=", p.Total*7), "%s: %d of %d clauses", p.Path, p.Exercised, p.Total)
		}
		Expect(cov.UnknownClauses).To(BeEmpty())
		Expect(cov.Unlinked).To(BeEmpty())
		for _, l := range []string{"en", "fr", "de", "es", "sv"} {
			Expect(cov.Languages[l]).To(BeNumerically(">=", 25), l)
		}
		Expect(cov.Tags).To(HaveKey("legally-binding"))
	})

	It("rejects a folder that is not a suite", func() {
		r := run("coverage", "/nonexistent/suite")
		Expect(r.code).To(Equal(2))
	})
})
