package cli

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/tribunal-eval/tribunal/suite"
)

// CoverageOptions are `tribunal coverage`'s inputs.
type CoverageOptions struct {
	IO   *IOStreams
	Dirs []string
	JSON bool
}

// NewCmdCoverage builds `tribunal coverage`.
func NewCmdCoverage(ios *IOStreams, runF func(*CoverageOptions) error) *cobra.Command {
	opts := &CoverageOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "coverage [SUITE_DIR...]",
		Short: "Show which policy clauses, tags and languages the cases exercise",
		Long: `Load the suites (the bundled library when no folder is given) and report, for
each policy text the cases cite, which of its numbered clauses ("4.4 ...") at
least one case exercises and which none does; then how many cases carry each
tag, language, severity and escalation expectation. Nothing is replayed.

A case exercises a clause when it says so with a tag, clause:4.4, or when a
phrase the bot must say (expect.must_say, per turn or for the conversation)
occurs in that clause and in no more than two clauses of the policy, or when
one of its facts shares most of its words with the clause. Tag the clause
when the phrase is in another language than the policy's main text.`,
		Example: `  tribunal coverage                 # the bundled library
  tribunal coverage ./cases --json  # for a dashboard`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dirs = args
			if runF != nil {
				return runF(opts)
			}
			return coverageRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "write the report as JSON")
	return cmd
}

// Coverage is `tribunal coverage --json`'s document.
type Coverage struct {
	Suites   []string         `json:"suites"`
	Cases    int              `json:"cases"`
	Policies []PolicyCoverage `json:"policies"`
	// Unlinked are cases tied to no clause (no clause: tag, nothing inferred).
	Unlinked []string `json:"unlinked_cases"`
	// UnknownClauses are clause: tags naming a clause the policy lacks.
	UnknownClauses []UnknownClause `json:"unknown_clauses,omitempty"`
	Tags           map[string]int  `json:"tags"`
	Languages      map[string]int  `json:"languages"`
	Severities     map[string]int  `json:"severities"`
	Escalation     map[string]int  `json:"escalation"`
}

// PolicyCoverage is one policy text's clauses and the cases that exercise
// them.
type PolicyCoverage struct {
	Path      string           `json:"path"`
	Title     string           `json:"title"`
	Cases     int              `json:"cases"`
	Total     int              `json:"clauses"`
	Exercised int              `json:"exercised"`
	Missing   []string         `json:"missing"`
	Clauses   []ClauseCoverage `json:"clause_coverage"`
}

// ClauseCoverage is one numbered clause.
type ClauseCoverage struct {
	ID      string `json:"id"`
	Section string `json:"section"`
	Text    string `json:"text"`
	// Declared cases tag the clause; Inferred ones say or state its words.
	Declared []string `json:"declared,omitempty"`
	Inferred []string `json:"inferred,omitempty"`
}

// Exercised reports whether any case exercises the clause.
func (c ClauseCoverage) Exercised() bool { return len(c.Declared)+len(c.Inferred) > 0 }

// UnknownClause is a clause: tag that names no clause of the case's policy.
type UnknownClause struct {
	Case   string `json:"case"`
	Clause string `json:"clause"`
	Policy string `json:"policy"`
}

func coverageRun(opts *CoverageOptions) error {
	suites, err := loadSuites(opts.Dirs)
	if err != nil {
		return err
	}
	cov := buildCoverage(suites)
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(cov)
	}
	printCoverage(opts.IO, cov)
	return nil
}

// covClause is a numbered clause of a policy, as parsed.
type covClause struct {
	id, section, text string
	norm              string // lower-cased, whitespace collapsed
}

var (
	covSectionHeader = regexp.MustCompile(`^##\s+(\d+)\.\s+(.*)$`)
	covClauseStart   = regexp.MustCompile(`^(\d+\.\d+)\s+(.*)$`)
	covPolicyTitle   = regexp.MustCompile(`(?m)^#\s+(.+)$`)
)

// parseClauses reads the numbered clauses of a policy: "## 4. Title"
// opens a section, "4.2 text" a clause that runs to the next clause or
// heading. Unnumbered sections (annexes, summaries) end the numbered part.
func covParseClauses(text string) []covClause {
	var out []covClause
	section := ""
	var cur *covClause
	flush := func() {
		if cur != nil {
			cur.text = strings.Join(strings.Fields(cur.text), " ")
			cur.norm = covNormalize(cur.text)
			out = append(out, *cur)
			cur = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") {
			flush()
			if m := covSectionHeader.FindStringSubmatch(trimmed); m != nil {
				section = m[1] + ". " + strings.TrimSpace(m[2])
			} else {
				section = ""
			}
			continue
		}
		if section == "" {
			continue
		}
		if m := covClauseStart.FindStringSubmatch(trimmed); m != nil {
			flush()
			cur = &covClause{id: m[1], section: section, text: m[2]}
			continue
		}
		if cur != nil {
			cur.text += " " + trimmed
		}
	}
	flush()
	return out
}

func covNormalize(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// sayTexts returns the leaf matchers of a case's must_say (whole and per
// turn) as plain texts and compiled expressions.
func covSayMatchers(c *suite.Case) []suite.Matcher {
	var out []suite.Matcher
	var walk func(ms []suite.Matcher)
	walk = func(ms []suite.Matcher) {
		for _, m := range ms {
			switch {
			case len(m.Any) > 0:
				walk(m.Any)
			case len(m.All) > 0:
				walk(m.All)
			default:
				out = append(out, m)
			}
		}
	}
	walk(c.Expect.MustSay)
	for _, t := range c.Turns {
		if t.Expect != nil {
			walk(t.Expect.MustSay)
		}
	}
	return out
}

// distinctive reports whether a must_say phrase says something about the
// policy rather than tone ("sorry"): a figure, an address, or two words.
func covDistinctive(text string) bool {
	if strings.IndexFunc(text, unicode.IsDigit) >= 0 || strings.ContainsAny(text, "./@€$£%") {
		return true
	}
	return len(strings.Fields(text)) >= 2
}

// contentWords are a text's words of four letters or more, lower-cased.
func covContentWords(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(w)) >= 4 {
			m[w] = true
		}
	}
	return m
}

// inferClauses returns the clauses a case's must_say phrases and facts
// point at.
func covInferClauses(c *suite.Case, clauses []covClause) map[string]bool {
	found := map[string]bool{}
	for _, m := range covSayMatchers(c) {
		var hits []string
		for _, cl := range clauses {
			if m.Regex != "" {
				if _, ok := m.Find(cl.text); ok {
					hits = append(hits, cl.id)
				}
				continue
			}
			if covDistinctive(m.Text) && strings.Contains(cl.norm, covNormalize(m.Text)) {
				hits = append(hits, cl.id)
			}
		}
		if len(hits) > 0 && len(hits) <= 2 {
			for _, h := range hits {
				found[h] = true
			}
		}
	}
	for _, f := range c.Expect.Facts {
		fw := covContentWords(f)
		if len(fw) < 3 {
			continue
		}
		best, bestShare := "", 0.0
		for _, cl := range clauses {
			cw := covContentWords(cl.text)
			n := 0
			for w := range fw {
				if cw[w] {
					n++
				}
			}
			if share := float64(n) / float64(len(fw)); share > bestShare {
				best, bestShare = cl.id, share
			}
		}
		if bestShare >= 0.6 {
			found[best] = true
		}
	}
	return found
}

func buildCoverage(suites []*suite.Suite) *Coverage {
	cov := &Coverage{Tags: map[string]int{}, Languages: map[string]int{}, Severities: map[string]int{}, Escalation: map[string]int{}}
	type policyState struct {
		pc      *PolicyCoverage
		clauses []covClause
		index   map[string]int
	}
	policies := map[string]*policyState{}
	var order []string
	for _, s := range suites {
		cov.Suites = append(cov.Suites, s.Name)
		for _, c := range s.Cases {
			cov.Cases++
			lang := c.Language
			if lang == "" {
				lang = "(unset)"
			}
			cov.Languages[lang]++
			cov.Severities[string(c.Severity)]++
			cov.Escalation[string(c.EscalationExpected())]++
			var declared []string
			for _, t := range c.Tags {
				if id, ok := strings.CutPrefix(t, "clause:"); ok {
					declared = append(declared, strings.TrimSpace(id))
					continue
				}
				cov.Tags[t]++
			}
			if c.Policy == nil {
				cov.Unlinked = append(cov.Unlinked, c.ID)
				continue
			}
			ps, ok := policies[c.Policy.Path]
			if !ok {
				title := c.Policy.Path
				if m := covPolicyTitle.FindStringSubmatch(c.Policy.Text); m != nil {
					title = strings.TrimSpace(m[1])
				}
				ps = &policyState{pc: &PolicyCoverage{Path: c.Policy.Path, Title: title}, clauses: covParseClauses(c.Policy.Text), index: map[string]int{}}
				for i, cl := range ps.clauses {
					ps.index[cl.id] = i
					ps.pc.Clauses = append(ps.pc.Clauses, ClauseCoverage{ID: cl.id, Section: cl.section, Text: cl.text})
				}
				policies[c.Policy.Path] = ps
				order = append(order, c.Policy.Path)
			}
			ps.pc.Cases++
			linked := false
			for _, id := range declared {
				i, ok := ps.index[id]
				if !ok {
					cov.UnknownClauses = append(cov.UnknownClauses, UnknownClause{Case: c.ID, Clause: id, Policy: c.Policy.Path})
					continue
				}
				ps.pc.Clauses[i].Declared = covAppendOnce(ps.pc.Clauses[i].Declared, c.ID)
				linked = true
			}
			for id := range covInferClauses(c, ps.clauses) {
				i := ps.index[id]
				if !covContains(ps.pc.Clauses[i].Declared, c.ID) {
					ps.pc.Clauses[i].Inferred = covAppendOnce(ps.pc.Clauses[i].Inferred, c.ID)
				}
				linked = true
			}
			if !linked {
				cov.Unlinked = append(cov.Unlinked, c.ID)
			}
		}
	}
	sort.Strings(order)
	for _, p := range order {
		pc := policies[p].pc
		pc.Total = len(pc.Clauses)
		pc.Missing = []string{}
		for i := range pc.Clauses {
			sort.Strings(pc.Clauses[i].Inferred)
			if pc.Clauses[i].Exercised() {
				pc.Exercised++
			} else {
				pc.Missing = append(pc.Missing, pc.Clauses[i].ID)
			}
		}
		cov.Policies = append(cov.Policies, *pc)
	}
	if cov.Unlinked == nil {
		cov.Unlinked = []string{}
	}
	return cov
}

func covAppendOnce(list []string, s string) []string {
	if covContains(list, s) {
		return list
	}
	return append(list, s)
}

func covContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func printCoverage(ios *IOStreams, cov *Coverage) {
	w := ios.Out
	fmt.Fprintf(w, "%d cases in %s\n", cov.Cases, strings.Join(cov.Suites, ", "))
	for _, p := range cov.Policies {
		pct := 0
		if p.Total > 0 {
			pct = 100 * p.Exercised / p.Total
		}
		fmt.Fprintf(w, "\n%s (%s): %d cases; %d of %d clauses exercised (%d%%)\n", p.Path, p.Title, p.Cases, p.Exercised, p.Total, pct)
		section := ""
		for _, cl := range p.Clauses {
			if cl.Section != section {
				section = cl.Section
				fmt.Fprintf(w, "  §%s\n", section)
			}
			n := len(cl.Declared) + len(cl.Inferred)
			mark := "✓"
			detail := fmt.Sprintf("%d case%s", n, covPlural(n))
			if n == 0 {
				mark, detail = "✗", "no case"
			} else {
				ids := append(append([]string{}, cl.Declared...), cl.Inferred...)
				if len(ids) > 3 {
					ids = append(ids[:3], "…")
				}
				detail += ": " + strings.Join(ids, ", ")
			}
			fmt.Fprintf(w, "    %s %-5s %-48s %s\n", mark, cl.ID, covClip(cl.Text, 48), detail)
		}
		if len(p.Missing) > 0 {
			fmt.Fprintf(w, "  not exercised: %s\n", strings.Join(p.Missing, ", "))
		}
	}
	if len(cov.UnknownClauses) > 0 {
		fmt.Fprintf(w, "\nclause tags naming no clause of the case's policy:\n")
		for _, u := range cov.UnknownClauses {
			fmt.Fprintf(w, "  %s: clause:%s is not in %s\n", u.Case, u.Clause, u.Policy)
		}
	}
	if len(cov.Unlinked) > 0 {
		fmt.Fprintf(w, "\ncases tied to no clause (%d): %s\n", len(cov.Unlinked), strings.Join(cov.Unlinked, ", "))
	}
	covPrintCounts(ios, "cases per tag", cov.Tags)
	covPrintCounts(ios, "cases per language", cov.Languages)
	covPrintCounts(ios, "cases per severity", cov.Severities)
	covPrintCounts(ios, "cases per escalation expectation", cov.Escalation)
}

func covPrintCounts(ios *IOStreams, title string, m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || m[keys[i]] == m[keys[j]] && keys[i] < keys[j] })
	fmt.Fprintf(ios.Out, "\n%s:\n", title)
	for _, k := range keys {
		fmt.Fprintf(ios.Out, "  %-24s %4d\n", k, m[k])
	}
}

func covPlural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// covClip shortens s to n runes with an ellipsis.
func covClip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
