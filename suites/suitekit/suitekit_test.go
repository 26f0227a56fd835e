package suitekit_test

import (
	"context"
	"net/http/httptest"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/suites/suitekit"
)

var _ = Describe("suitekit", func() {
	It("labels a case by its tags, severity, language and escalation, dropping tags Ginkgo cannot take", func() {
		c := &suite.Case{ID: "x", Tags: []string{"fraud", "a/b", "clause:4.2"}, Severity: suite.Critical, Language: "fr",
			Expect: suite.Expect{Escalation: suite.EscalationRequired}}
		labels := suitekit.CaseLabels(c)
		Expect(labels).To(ContainElements("fraud", "clause:4.2", "severity:critical", "lang:fr", "escalation"))
		Expect(labels).NotTo(ContainElement("a/b"))
	})

	It("loads one domain of the bundled library and refuses an unknown one", func() {
		cases, err := suitekit.Cases("airline")
		Expect(err).NotTo(HaveOccurred())
		for _, c := range cases {
			Expect(c.ID).To(HavePrefix("airline/"))
		}
		_, err = suitekit.Cases("spaceflight")
		Expect(err).To(MatchError(ContainSubstring("no spaceflight cases")))
	})

	It("targets the embedded demo bot by default and TRIBUNAL_TARGET when set, never showing credentials", func() {
		_, name, err := suitekit.Target(func(string) string { return "" })
		Expect(err).NotTo(HaveOccurred())
		Expect(name).To(ContainSubstring("demobot"))

		srv := httptest.NewServer(demobot.New().Handler())
		defer srv.Close()
		env := map[string]string{"TRIBUNAL_TARGET": srv.URL + "/v1?key=secret"}
		tgt, name, err := suitekit.Target(func(k string) string { return env[k] })
		Expect(err).NotTo(HaveOccurred())
		Expect(name).NotTo(ContainSubstring("secret"))
		cases, _ := suitekit.Cases("parcels")
		recs, err := suitekit.Replay(context.Background(), tgt, name, cases[:3], 2)
		Expect(err).NotTo(HaveOccurred())
		Expect(recs).To(HaveLen(3))
	})
})
