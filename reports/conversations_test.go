package reports_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/reports"
	"github.com/tribunal-eval/tribunal/score"
)

// sections are the case ids of index.html's conversation sections, in
// page order.
func sections(page string) []string {
	GinkgoHelper()
	var ids []string
	for _, m := range regexp.MustCompile(`(?s)<details id="c\d+"[^>]*>\s*<summary>.*?<b class="id">([^<]*)</b>`).FindAllStringSubmatch(page, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// linkedRows are the case ids whose table row links to a conversation.
func linkedRows(page string) []string {
	GinkgoHelper()
	var ids []string
	for _, m := range regexp.MustCompile(`<td class="id"><a href="#c\d+">([^<]*)</a></td>`).FindAllStringSubmatch(page, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// mixed is large(n) with every third case passing and every fifth
// errored, so the reading order has all three kinds.
func mixed(n int) *score.Scorecard {
	sc := large(n)
	for i := range sc.Cases {
		c := &sc.Cases[i]
		switch {
		case i%5 == 0:
			c.Status = judges.Error
			c.Attempts[0].Status = judges.Error
		case i%3 == 0:
			c.Status = judges.Pass
			c.Attempts[0].Status = judges.Pass
			c.Dimensions = map[judges.Dimension]score.Status{judges.Accuracy: judges.Pass}
		}
	}
	tally(sc)
	return sc
}

var _ = Describe("index.html's conversations", func() {
	It("shows every conversation when the suite is within the limit", func() {
		sc := mixed(30)
		page := render(reports.HTML, sc)
		Expect(sections(page)).To(HaveLen(30))
		Expect(linkedRows(page)).To(HaveLen(30))
		Expect(page).NotTo(ContainSubstring(`id="omitted"`))
	})

	It("keeps failures first and leaves out the rest, each case keeping its row", func() {
		sc := mixed(30)
		var fails, errs, passes int
		for _, c := range sc.Cases {
			switch c.Status {
			case judges.Fail:
				fails++
			case judges.Error:
				errs++
			default:
				passes++
			}
		}
		Expect(fails).To(BeNumerically(">", 5))
		page := render(reports.HTMLWith(reports.Options{Conversations: fails + 1}), sc)

		shown := sections(page)
		Expect(shown).To(HaveLen(fails + 1))
		byID := map[string]score.Status{}
		for _, c := range sc.Cases {
			byID[c.ID] = c.Status
		}
		for i, id := range shown {
			if i < fails {
				Expect(byID[id]).To(Equal(judges.Fail), "section %d, %s", i, id)
			} else {
				Expect(byID[id]).To(Equal(judges.Error), "section %d, %s", i, id)
			}
		}
		// Rows link exactly to the conversations the page holds.
		Expect(linkedRows(page)).To(ConsistOf(shown))
		Expect(strings.Count(page, "<tr data-s=")).To(Equal(30))
		Expect(page).To(ContainSubstring(`id="omitted"`))
		Expect(text(page)).To(ContainSubstring(fmt.Sprintf("the first %d cases", fails+1)))
		Expect(text(page)).To(ContainSubstring(fmt.Sprintf("The other %d are listed in the table", errs+passes-1)))
	})

	It("does not link a baseline change to a conversation it left out", func() {
		sc := withBaseline()
		var fixed string
		for _, ch := range sc.Baseline.Fixes {
			fixed = ch.ID
		}
		Expect(fixed).NotTo(BeEmpty())
		page := render(reports.HTMLWith(reports.Options{Conversations: 1}), sc)
		Expect(sections(page)).NotTo(ContainElement(fixed))
		Expect(page).To(ContainSubstring(`<span class="id">` + fixed + `</span>`))
		Expect(page).NotTo(MatchRegexp(`<a href="#c\d+" class="id">` + regexp.QuoteMeta(fixed) + `</a>`))

		all := render(reports.HTMLWith(reports.Options{}), sc)
		Expect(all).To(MatchRegexp(`<a href="#c\d+" class="id">` + regexp.QuoteMeta(fixed) + `</a>`))
	})

	It("is what WriteAllWith writes, and WriteAll writes the default", func() {
		sc := large(reports.DefaultConversations + 3)
		dir := GinkgoT().TempDir()
		Expect(reports.WriteAllWith(filepath.Join(dir, "few"), sc, reports.Options{Conversations: 2})).To(Succeed())
		Expect(reports.WriteAll(filepath.Join(dir, "default"), sc)).To(Succeed())

		few, err := os.ReadFile(filepath.Join(dir, "few", "index.html"))
		Expect(err).NotTo(HaveOccurred())
		Expect(sections(string(few))).To(HaveLen(2))
		def, err := os.ReadFile(filepath.Join(dir, "default", "index.html"))
		Expect(err).NotTo(HaveOccurred())
		Expect(sections(string(def))).To(HaveLen(reports.DefaultConversations))

		// The other files hold every case whatever the page shows.
		for _, name := range []string{"scorecard.json", "junit.xml", "summary.md"} {
			a, err := os.ReadFile(filepath.Join(dir, "few", name))
			Expect(err).NotTo(HaveOccurred())
			b, err := os.ReadFile(filepath.Join(dir, "default", name))
			Expect(err).NotTo(HaveOccurred())
			Expect(bytes.Equal(a, b)).To(BeTrue(), name)
		}
	})
})
