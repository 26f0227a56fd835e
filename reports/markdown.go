package reports

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// MarkdownBudget is the size summary.md aims to stay under. GitHub rejects
// a job summary over 1 MiB; the failure list is cut to fit well below it.
const MarkdownBudget = 60 << 10

// Limits on one failure entry of summary.md.
const (
	mdVerdictsPerCase = 4
	mdTextMax         = 280 // runes of a rationale or evidence
	mdErrorsListed    = 10
)

// Markdown writes summary.md for a pull request or a GitHub job summary:
// the gate result (with pass@1, pass^k and flaky cases when cases were
// repeated), the change against the baseline when there is one, a table of
// dimensions with pass rates and 95% intervals, counts by severity, then the
// worst failures (critical first) with their failed dimensions and quoted
// evidence, cut with "…and N more" to stay under MarkdownBudget. Bot text
// is escaped so it renders as text, never as Markdown or HTML.
func Markdown(w io.Writer, sc *score.Scorecard) error {
	if sc == nil {
		return errNilScorecard
	}
	var b bytes.Buffer
	mdHeader(&b, sc)
	if sc.Baseline != nil {
		b.WriteString("\n")
		mdDiff(&b, sc.Baseline, true)
	}
	mdTables(&b, sc)
	mdJudging(&b, sc.Judging)

	order := readingOrder(sc)
	var failed, errored []int
	for _, i := range order {
		switch sc.Case(i).Status {
		case judges.Fail:
			failed = append(failed, i)
		case judges.Error:
			errored = append(errored, i)
		}
	}

	// The errored list is short by construction; reserve its room first so
	// failures cannot crowd it out.
	var errs bytes.Buffer
	if len(errored) > 0 {
		fmt.Fprintf(&errs, "\n### Errored cases (%d)\n\nAn error is neither a pass nor a fail: the bot or a judge could not be reached or answered badly.\n\n", len(errored))
		for i, ci := range errored {
			if i == mdErrorsListed {
				fmt.Fprintf(&errs, "\n…and %d more errored %s.\n", len(errored)-i, plural(len(errored)-i, "case", "cases"))
				break
			}
			c, err := sc.Detail(ci)
			if err != nil {
				return fmt.Errorf("reports: summary.md: %w", err)
			}
			msg := ""
			for ai := range c.Attempts {
				if c.Attempts[ai].Status == judges.Error {
					msg = attemptError(&c.Attempts[ai])
					break
				}
			}
			fmt.Fprintf(&errs, "- %s %s: %s\n", mdSeverity(c.Severity), mdCode(c.ID), mdText(truncate(msg, mdTextMax)))
		}
	}

	if len(failed) > 0 {
		fmt.Fprintf(&b, "\n### Failures (%d)\n\n", len(failed))
		const reserve = 256 // room for the "…and N more" note
		for i, ci := range failed {
			c, err := sc.Detail(ci)
			if err != nil {
				return fmt.Errorf("reports: summary.md: %w", err)
			}
			entry := mdFailure(c)
			if b.Len()+len(entry)+errs.Len()+reserve > MarkdownBudget {
				fmt.Fprintf(&b, "\n…and %d more failed %s, not listed here to keep this summary small; see index.html or junit.xml.\n", len(failed)-i, plural(len(failed)-i, "case", "cases"))
				break
			}
			b.WriteString(entry)
		}
	}
	b.Write(errs.Bytes())
	_, err := w.Write(b.Bytes())
	return err
}

func mdHeader(b *bytes.Buffer, sc *score.Scorecard) {
	if sc.Gate.Passed {
		b.WriteString("## ✅ tribunal: release gate passed\n\n")
	} else {
		fmt.Fprintf(b, "## ❌ tribunal: release gate failed (exit code %d)\n\n", sc.Gate.ExitCode)
	}
	if sc.Run.Interrupted {
		b.WriteString("> [!WARNING]\n> The run was interrupted: this summary covers only the attempts that finished.\n\n")
	}
	var failedChecks, warnChecks, heldChecks []score.GateCheck
	for _, ch := range sc.Gate.Checks {
		switch {
		case !ch.Passed:
			failedChecks = append(failedChecks, ch)
		case ch.Warning:
			warnChecks = append(warnChecks, ch)
		default:
			heldChecks = append(heldChecks, ch)
		}
	}
	switch {
	case len(sc.Gate.Checks) == 0:
		b.WriteString("No gate checks were configured.\n\n")
	default:
		for _, ch := range failedChecks {
			fmt.Fprintf(b, "- ❌ **%s**: %s\n", mdText(ch.Name), mdText(truncate(ch.Detail, mdTextMax)))
		}
		for _, ch := range warnChecks {
			fmt.Fprintf(b, "- ⚠️ **%s**: %s\n", mdText(ch.Name), mdText(truncate(ch.Detail, mdTextMax)))
		}
		for _, ch := range heldChecks {
			fmt.Fprintf(b, "- ✅ %s: %s\n", mdText(ch.Name), mdText(truncate(ch.Detail, mdTextMax)))
		}
		b.WriteString("\n")
	}

	t := sc.Totals
	var info []string
	if sc.Run.Suite != "" {
		info = append(info, "suite "+mdCode(sc.Run.Suite))
	}
	if sc.Run.Target != "" {
		info = append(info, "target "+mdCode(redactTarget(sc.Run.Target)))
	}
	attempts := fmt.Sprintf("%d cases, %d attempts", t.Cases, t.Attempts)
	if sc.Run.Repeat > 1 {
		attempts += fmt.Sprintf(" (repeat %d)", sc.Run.Repeat)
	}
	info = append(info, attempts)
	if d := runDuration(sc.Run.Started, sc.Run.Finished); d != "" {
		info = append(info, d)
	}
	b.WriteString(strings.Join(info, " · ") + "\n\n")
	fmt.Fprintf(b, "**%d passed · %d failed · %d errored** · pass rate %s", t.Pass, t.Fail, t.Error, percent(t.PassRate))
	if t.ErroredAttempts > 0 {
		fmt.Fprintf(b, " · %d errored %s", t.ErroredAttempts, plural(t.ErroredAttempts, "attempt", "attempts"))
	}
	if sc.Run.Repeat > 1 {
		fmt.Fprintf(b, "<br>\nRepeated %d times: **pass@1 %s** (the chance one attempt passes) · **pass^%d %s** (every attempt passes) · %d flaky %s",
			sc.Run.Repeat, percent(t.PassAt1), sc.Run.Repeat, percent(t.PassAllK), t.Flaky, plural(t.Flaky, "case", "cases"))
	}
	b.WriteString("\n")
}

// DiffMarkdown writes the comparison with a baseline as a Markdown section,
// as summary.md shows it and `tribunal diff --format markdown` prints it.
func DiffMarkdown(w io.Writer, d *score.Diff) error {
	if d == nil {
		return nil
	}
	var b bytes.Buffer
	mdDiff(&b, d, false)
	_, err := w.Write(b.Bytes())
	return err
}

// Limits on the baseline section of summary.md.
const (
	mdRegressionsListed = 20
	mdFixesListed       = 10
)

func mdDiff(b *bytes.Buffer, d *score.Diff, inSummary bool) {
	b.WriteString("### Against the baseline\n\n")
	var about []string
	if !d.Run.Started.IsZero() {
		about = append(about, "run of "+timestamp(d.Run.Started))
	}
	if d.Run.Target != "" {
		about = append(about, "target "+mdCode(redactTarget(d.Run.Target)))
	}
	if len(about) > 0 {
		b.WriteString("Baseline: " + strings.Join(about, " · ") + "\n\n")
	}
	blocking := len(d.BlockingRegressions())
	fmt.Fprintf(b, "**%d new %s** (%d critical/high) · **%d fixed** · %d added · %d removed",
		len(d.Regressions), plural(len(d.Regressions), "failure", "failures"), blocking, len(d.Fixes), len(d.Added), len(d.Removed))
	if len(d.Changed) > 0 {
		fmt.Fprintf(b, " · %d to or from error", len(d.Changed))
	}
	b.WriteString("\n\n")
	if len(d.Regressions) > 0 {
		b.WriteString("New failures (passed in the baseline, fail now):\n\n")
		for i, c := range d.Regressions {
			if i == mdRegressionsListed {
				fmt.Fprintf(b, "- …and %d more\n", len(d.Regressions)-i)
				break
			}
			fmt.Fprintf(b, "- %s %s %s", map[bool]string{true: "❌", false: "⚠️"}[c.Blocking], mdSeverity(c.Severity), mdCode(c.ID))
			if len(c.FailedDimensions) > 0 {
				b.WriteString(": " + mdText(joinDimensions(c.FailedDimensions)))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	if len(d.Fixes) > 0 {
		b.WriteString("Fixed (failed in the baseline, pass now):\n\n")
		for i, c := range d.Fixes {
			if i == mdFixesListed {
				fmt.Fprintf(b, "- …and %d more\n", len(d.Fixes)-i)
				break
			}
			fmt.Fprintf(b, "- ✅ %s %s\n", mdSeverity(c.Severity), mdCode(c.ID))
		}
		b.WriteString("\n")
	}
	b.WriteString("| Pass rate | Baseline | Now | Change | 95% interval | |\n|:--|--:|--:|--:|:--|:--|\n")
	for _, r := range append([]score.RateChange{d.Overall}, d.Dimensions...) {
		cell := func(s score.RateStat) string {
			if s.Judged == 0 {
				return "n/a"
			}
			return fmt.Sprintf("%s (%d/%d)", percent(s.Rate), s.Pass, s.Judged)
		}
		change, interval, verdict := "", "", "not comparable"
		if r.Change != score.ChangeNA {
			change = fmt.Sprintf("%+.1f pts", 100*r.Delta)
			interval = fmt.Sprintf("%+.1f to %+.1f", 100*r.Low, 100*r.High)
			switch r.Change {
			case score.ChangeDrop:
				verdict = "❌ **dropped beyond noise**"
			case score.ChangeRise:
				verdict = "✅ rose beyond noise"
			default:
				verdict = "within noise"
			}
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", mdText(r.Dimension), cell(r.Old), cell(r.New), change, interval, verdict)
	}
	for _, n := range d.Notes {
		b.WriteString("\n> " + mdText(n) + "\n")
	}
	if !inSummary {
		if d.Failed() {
			b.WriteString("\n**Result: blocking regression** (exit 1)\n")
		} else {
			b.WriteString("\n**Result: no blocking regression**\n")
		}
	}
}

func mdTables(b *bytes.Buffer, sc *score.Scorecard) {
	if len(sc.Dimensions) > 0 {
		b.WriteString("\n### Dimensions\n\n| Dimension | Pass | Fail | Skipped | Error | Pass rate (95% interval) |\n|:--|--:|--:|--:|--:|:--|\n")
		for _, d := range sc.Dimensions {
			rate := "n/a"
			if d.Pass+d.Fail > 0 {
				rate = fmt.Sprintf("%s (%s–%s)", percent(d.Rate), percent(d.Low), percent(d.High))
			}
			fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %s |\n", mdText(string(d.Dimension)), d.Pass, d.Fail, d.Skipped, d.Error, rate)
		}
	}
	if len(sc.Severities) > 0 {
		b.WriteString("\n### By severity\n\n| Severity | Cases | Pass | Fail | Error |\n|:--|--:|--:|--:|--:|\n")
		for _, s := range sc.Severities {
			fmt.Fprintf(b, "| %s | %d | %d | %d | %d |\n", mdText(string(s.Severity)), s.Cases, s.Pass, s.Fail, s.Error)
		}
	}
}

// mdFailure renders one failed case: its severity, id, title and failed
// dimensions, then its failed verdicts (repeats over attempts merged) with
// quoted evidence.
func mdFailure(c *score.Case) string {
	var b strings.Builder
	fmt.Fprintf(&b, "- %s %s", mdSeverity(c.Severity), mdCode(c.ID))
	if c.Title != "" {
		b.WriteString(" — " + mdText(truncate(c.Title, mdTextMax)))
	}
	failedAttempts := 0
	for _, a := range c.Attempts {
		if a.Status == judges.Fail {
			failedAttempts++
		}
	}
	fmt.Fprintf(&b, "<br>failed **%s**", mdText(joinDimensions(caseFailedDimensions(c))))
	if len(c.Attempts) > 1 {
		fmt.Fprintf(&b, " in %d of %d attempts", failedAttempts, len(c.Attempts))
	}
	if c.Flaky {
		b.WriteString(" (flaky)")
	}
	b.WriteString("\n")

	type group struct {
		v        judges.Verdict
		attempts []int
	}
	var groups []*group
	index := map[string]*group{}
	for ai := range c.Attempts {
		a := &c.Attempts[ai]
		for _, v := range a.Verdicts {
			if v.Status != judges.Fail {
				continue
			}
			key := strings.Join([]string{string(v.Dimension), v.Judge, strconv.Itoa(v.Turn), v.Evidence, v.Rationale}, "\x00")
			g := index[key]
			if g == nil {
				g = &group{v: v}
				index[key] = g
				groups = append(groups, g)
			}
			g.attempts = append(g.attempts, attemptNumber(a, ai))
		}
	}
	for i, g := range groups {
		if i == mdVerdictsPerCase {
			fmt.Fprintf(&b, "  - …and %d more failed %s\n", len(groups)-i, plural(len(groups)-i, "verdict", "verdicts"))
			break
		}
		v := g.v
		where := "whole conversation"
		if v.Turn > 0 {
			where = fmt.Sprintf("turn %d", v.Turn)
		}
		fmt.Fprintf(&b, "  - **%s** · %s · %s", mdText(string(v.Dimension)), mdCode(v.Judge), where)
		if len(c.Attempts) > 1 {
			nums := make([]string, len(g.attempts))
			for j, n := range g.attempts {
				nums[j] = strconv.Itoa(n)
			}
			word := "attempt"
			if len(nums) > 1 {
				word = "attempts"
			}
			fmt.Fprintf(&b, " · %s %s", word, strings.Join(nums, ", "))
		}
		if v.Rationale != "" {
			b.WriteString(": " + mdText(truncate(v.Rationale, mdTextMax)))
		}
		b.WriteString("\n")
		if v.Evidence != "" {
			b.WriteString("    > “" + mdText(truncate(v.Evidence, mdTextMax)) + "”\n")
		}
	}
	return b.String()
}

func mdSeverity(s suite.Severity) string {
	icon := map[suite.Severity]string{suite.Critical: "🔴", suite.High: "🟠", suite.Medium: "🟡", suite.Low: "⚪"}[s]
	if icon == "" {
		icon = "⚪"
	}
	return icon + " **" + mdText(string(s)) + "**"
}

// mdCode shows an identifier as code when it can be quoted safely, else as
// escaped text.
func mdCode(s string) string {
	s = clean(s)
	if s == "" || strings.ContainsAny(s, "`|<>&\r\n") || strings.TrimSpace(s) != s {
		return mdText(s)
	}
	return "`" + s + "`"
}

// mdText escapes untrusted text for Markdown: it comes out as one line of
// plain text in a paragraph, a list item or a table cell. No HTML (< > & are
// entities), no emphasis, code, links, images, footnotes, math or tables
// (\ ` * _ ~ [ ] | $ are backslash-escaped), no autolinks (the colon of
// "://", the dot of "www." and every @ are entities), no block syntax at
// its start, and no bidirectional overrides.
func mdText(s string) string {
	s = oneLine(clean(s))
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	if s != "" && strings.ContainsRune("#-+=>", rune(s[0])) {
		b.WriteByte('\\')
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case strings.ContainsRune("\\`*_~[]|$", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '@':
			b.WriteString("&#64;")
		case r == ':' && strings.HasPrefix(s[i+1:], "//"):
			b.WriteString("&#58;")
		case r == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www"):
			b.WriteString("&#46;")
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		case r == '.' || r == ')':
			// "1. " or "1) " at the start would begin an ordered list.
			if i > 0 && i < 10 && allDigits(s[:i]) && (i+1 == len(s) || s[i+1] == ' ') {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Annotations returns GitHub Actions workflow commands
// ("::error title=…::message") for the failed critical and high severity
// cases, critical first, at most maxAnnotations lines (GitHub shows ten
// error annotations per step); the last says how many were left out. They
// are preceded by one line per failed gate check that no case annotation
// explains (a pass rate below its floor or dropped since the baseline,
// flaky cases under flaky: fail, errors) and a ::warning per warning.
// Print them to stdout in a workflow step.
func Annotations(sc *score.Scorecard) []string {
	if sc == nil {
		return nil
	}
	var gate []string
	for _, ch := range sc.Gate.Checks {
		explained := strings.HasPrefix(ch.Name, "max_failed.") || ch.Name == "baseline.regressions"
		switch {
		case !ch.Passed && !explained:
			gate = append(gate, "::error title="+ghProperty("tribunal gate failed: "+ch.Name)+"::"+ghData(ch.Detail))
		case ch.Passed && ch.Warning:
			gate = append(gate, "::warning title="+ghProperty("tribunal gate warning: "+ch.Name)+"::"+ghData(ch.Detail))
		}
	}
	if len(gate) > maxAnnotations/2 {
		gate = gate[:maxAnnotations/2]
	}
	return append(gate, caseAnnotations(sc, maxAnnotations-len(gate))...)
}

// caseAnnotations are the annotations of failed critical and high cases, at
// most limit lines.
func caseAnnotations(sc *score.Scorecard, limit int) []string {
	var cases []int
	for _, i := range readingOrder(sc) {
		c := sc.Case(i)
		if c.Status == judges.Fail && (c.Severity == suite.Critical || c.Severity == suite.High) {
			cases = append(cases, i)
		}
	}
	var out []string
	for i, ci := range cases {
		if i == limit-1 && len(cases) > limit {
			out = append(out, "::error title="+ghProperty("tribunal")+"::"+
				ghData(fmt.Sprintf("%d more critical or high severity cases failed; see summary.md or index.html", len(cases)-i)))
			break
		}
		// Without its verdicts (the results file unreadable) the
		// annotation still names the case and its dimensions.
		c := sc.Case(ci)
		if d, err := sc.Detail(ci); err == nil {
			c = d
		}
		props := []string{}
		if f := filepath.ToSlash(c.File); f != "" && !filepath.IsAbs(c.File) && !strings.HasPrefix(f, "../") {
			props = append(props, "file="+ghProperty(f))
		}
		props = append(props, "title="+ghProperty(fmt.Sprintf("%s case failed: %s", c.Severity, oneLine(c.ID))))

		var msg strings.Builder
		msg.WriteString("failed: " + joinDimensions(caseFailedDimensions(c)))
		if c.Title != "" {
			msg.WriteString(" (" + oneLine(truncate(c.Title, 200)) + ")")
		}
		shown := 0
		for _, a := range c.Attempts {
			for _, v := range a.Verdicts {
				if v.Status != judges.Fail || shown == 3 {
					continue
				}
				shown++
				msg.WriteString("\n" + string(v.Dimension) + " (" + v.Judge)
				if v.Turn > 0 {
					msg.WriteString(", turn " + strconv.Itoa(v.Turn))
				}
				msg.WriteString(")")
				if v.Rationale != "" {
					msg.WriteString(": " + oneLine(truncate(v.Rationale, 300)))
				}
				if v.Evidence != "" {
					msg.WriteString(" — “" + oneLine(truncate(v.Evidence, 300)) + "”")
				}
			}
			if shown > 0 {
				break // one attempt's verdicts are enough for an annotation
			}
		}
		out = append(out, "::error "+strings.Join(props, ",")+"::"+ghData(msg.String()))
	}
	return out
}

const maxAnnotations = 10

// ghData escapes a workflow command's message.
func ghData(s string) string {
	s = clean(s)
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	s = clean(s)
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// mdJudging says what LLM judging cost, when a judge model ruled.
func mdJudging(b *bytes.Buffer, j *score.JudgingUsage) {
	if j == nil {
		return
	}
	fmt.Fprintf(b, "\nLLM judging with %s: %d calls (%d from cache), %d prompt + %d completion tokens, about $%.4f.",
		mdCode(j.Model), j.Calls, j.CacheHits, j.PromptTokens, j.CompletionTokens, j.CostUSD)
	if j.Discarded > 0 {
		fmt.Fprintf(b, " %d findings quoting words not in the transcript were discarded.", j.Discarded)
	}
	if j.BudgetReached {
		b.WriteString(" The judging budget was reached; later LLM verdicts are skipped.")
	}
	b.WriteString("\n")
}
