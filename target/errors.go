package target

import (
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// StatusError is an HTTP reply outside 2xx. WithRetry reads Code and
// RetryAfter to decide whether and when to try again.
type StatusError struct {
	Code int
	// RetryAfter is the wait the target asked for (Retry-After), or 0.
	RetryAfter time.Duration
	// Body is a short, truncated snippet of the reply body with known
	// secrets scrubbed; it is safe to log.
	Body string
}

func (e *StatusError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d", e.Code)
	if t := http.StatusText(e.Code); t != "" {
		b.WriteString(" " + t)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.Body != "" {
		fmt.Fprintf(&b, ": body %q", e.Body)
	} else {
		b.WriteString(": empty body")
	}
	return b.String()
}

// BodyError is a 2xx reply tribunal cannot use: empty, not JSON, or without
// the reply. Retrying would not help, so WithRetry does not.
type BodyError struct {
	// Problem says what is wrong, e.g. "an empty body".
	Problem string
	// Body is a short, truncated, secret-scrubbed snippet of the body.
	Body string
}

func (e *BodyError) Error() string {
	if e.Body == "" {
		return "target replied with " + e.Problem
	}
	return fmt.Sprintf("target replied with %s: body %q", e.Problem, e.Body)
}

// TransportError is a failure to exchange a request and a reply at all
// (refused, reset, closed connection). WithRetry retries it.
type TransportError struct{ Err error }

func (e *TransportError) Error() string { return "cannot reach target: " + e.Err.Error() }
func (e *TransportError) Unwrap() error { return e.Err }

// RedirectError is a redirect tribunal refuses to follow: one that would
// turn the POST into a GET without its body (301, 302, 303), one to
// another scheme, host or port (which would receive the configured
// headers and query parameters), or the 10th redirect in a row. A redirect
// does not go away on its own, so WithRetry does not retry it. The URLs
// are redacted like Describe's.
type RedirectError struct {
	// Code is the status of the refused redirect.
	Code int
	// Method and URL are the request tribunal made.
	Method, URL string
	// Location is where the refused redirect pointed.
	Location string

	problem redirectProblem
	from    string    // the URL that answered the refused redirect, after earlier hops
	hosts   [2]string // for redirectOtherHost: the configured host, the other one
	hops    int       // for redirectTooMany
}

type redirectProblem int

const (
	redirectChangesMethod redirectProblem = iota
	redirectOtherHost
	redirectTooMany
)

func (e *RedirectError) Error() string {
	var b strings.Builder
	status := fmt.Sprintf("HTTP %d", e.Code)
	if t := http.StatusText(e.Code); t != "" {
		status += " " + t
	}
	fmt.Fprintf(&b, "target redirected %s %s with %s to %s", e.Method, e.URL, status, e.Location)
	if e.from != "" {
		fmt.Fprintf(&b, " (at %s, after earlier redirects)", e.from)
	}
	b.WriteString("; tribunal does not follow it: ")
	switch e.problem {
	case redirectChangesMethod:
		fmt.Fprintf(&b, "following a %d would re-send the turn as a GET without its body; set target.url to the final URL", e.Code)
	case redirectOtherHost:
		fmt.Fprintf(&b, "%s is another host than %s, and would receive the configured headers and query parameters; "+
			"if that host is the bot, set target.url to the final URL", e.hosts[1], e.hosts[0])
	case redirectTooMany:
		fmt.Fprintf(&b, "stopped after %d redirects; if they do not loop, set target.url to the final URL", e.hops)
	}
	return b.String()
}

// RetryError is how WithRetry reports a failed turn: how many requests it
// made and what the last one ended with (Unwrap gives that error, so
// errors.As finds a *StatusError and errors.Is finds context.Canceled).
type RetryError struct {
	Tries int
	Err   error
	// why says why trying stopped, e.g. "gave up".
	why string
}

func (e *RetryError) Error() string {
	tries := "tries"
	if e.Tries == 1 {
		tries = "try"
	}
	return fmt.Sprintf("target: %s after %d %s; last try: %v", e.why, e.Tries, tries, e.Err)
}

func (e *RetryError) Unwrap() error { return e.Err }

// snippetLen bounds how much of a body an error quotes: enough to
// recognise an HTML error page or a JSON error, short enough for a log.
const snippetLen = 200

// redactor scrubs known secrets (API key, header values) out of text a
// target sent back, since echoing servers would otherwise leak them.
type redactor []string

// minSecret keeps very short header values ("1", "en") from shredding
// every snippet; real secrets are longer.
const minSecret = 4

func newRedactor(secrets ...string) redactor {
	var r redactor
	for _, s := range secrets {
		if len(s) >= minSecret {
			r = append(r, s)
		}
	}
	return r
}

func (r redactor) scrub(s string) string {
	for _, secret := range r {
		s = strings.ReplaceAll(s, secret, "[redacted]")
	}
	return s
}

// snippet is a body cut down for an error message: secrets scrubbed
// first (so a cut cannot leave half a secret), then truncated on a rune
// boundary.
func (r redactor) snippet(body []byte) string {
	s := strings.TrimSpace(r.scrub(strings.ToValidUTF8(string(body), "\uFFFD")))
	if len(s) <= snippetLen {
		return s
	}
	cut := snippetLen
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf("… (%d bytes in all)", len(body))
}
