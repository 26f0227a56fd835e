package reports

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// clean makes untrusted text carriable by every format: invalid UTF-8
// becomes U+FFFD, and characters XML 1.0 forbids or that are invisible
// controls (C0 except tab, newline and carriage return; DEL; C1; U+FFFE,
// U+FFFF) are dropped.
func clean(s string) string {
	ok := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || dropped(r) {
			ok = false
			break
		}
		i += n
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case dropped(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func dropped(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0xfffe || r == 0xffff:
		return true
	}
	return false
}

// truncate cuts s to at most max runes, saying how much it left out.
func truncate(s string, max int) string {
	if len(s) <= max { // bytes >= runes
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			rest := utf8.RuneCountInString(s[i:])
			return s[:i] + fmt.Sprintf(" … [%d more characters]", rest)
		}
		n++
	}
	return s
}

// oneLine collapses every run of white space, newlines included, into one
// space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// secretParam matches query parameter names that carry credentials.
var secretParam = regexp.MustCompile(`(?i)key|token|secret|passw|auth|sig|credential|session`)

// redactTarget hides credentials a target URL may carry (a password in the
// user info, an API key in the query), so they never reach a report.
func redactTarget(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return s
	}
	changed := false
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "REDACTED")
		changed = true
	}
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if secretParam.MatchString(k) {
				q[k] = []string{"REDACTED"}
				changed = true
			}
		}
		if changed {
			u.RawQuery = q.Encode()
		}
	}
	if !changed {
		return s
	}
	return u.String()
}

// percent formats a 0..1 rate as a percentage with one decimal.
func percent(r float64) string {
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", r*100)
}

// latency formats milliseconds for people.
func latency(ms float64) string {
	if ms < 1000 {
		return fmt.Sprintf("%.0f ms", ms)
	}
	return fmt.Sprintf("%.2f s", ms/1000)
}

// runDuration formats a run's wall time, empty when unknown.
func runDuration(start, end time.Time) string {
	if start.IsZero() || end.IsZero() || end.Before(start) {
		return ""
	}
	d := end.Sub(start)
	switch {
	case d >= time.Minute:
		return d.Round(time.Second).String()
	case d >= time.Second:
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Millisecond).String()
}

// timestamp formats a time in UTC for reports, empty when zero.
func timestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}
