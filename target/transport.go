package target

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// maxBody caps how much of a reply is read, so a runaway target cannot
// exhaust memory; chat replies are far smaller.
const maxBody = 8 << 20

// headerTransport adds the configured headers to every request. It is a
// RoundTripper so it works under go-openai's client, which builds its own
// requests.
// It also adds query parameters (e.g. api-version) that go-openai would
// otherwise mangle by appending its path after the base URL's query.
type headerTransport struct {
	base    http.RoundTripper
	headers map[string]string
	query   url.Values
}

func (t *headerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if len(t.headers) == 0 && len(t.query) == 0 {
		return t.base.RoundTrip(req)
	}
	req = req.Clone(req.Context()) // a RoundTripper must not modify its request
	for k, v := range t.headers {
		req.Header.Set(k, v)
	}
	if len(t.query) > 0 {
		q := req.URL.Query()
		for k, vs := range t.query {
			q[k] = vs
		}
		req.URL.RawQuery = q.Encode()
	}
	return t.base.RoundTrip(req)
}

// maxIdlePerHost bounds the keep-alive connections a target keeps. A
// connection goes idle only after a request in flight on it ends, so the
// pool holds about as many as the replay's concurrency (a few more when a
// turn dials while another's connection is on its way back to the pool);
// the bound only guards against the unforeseen.
const maxIdlePerHost = 4096

// newHTTPClient gives each target its own connection pool, so targets do
// not share keep-alive state and CloseIdleConnections is per target. No
// client timeout: WithRetry sets one per try through the context. r
// scrubs secrets out of the URLs a refused redirect names.
func newHTTPClient(headers map[string]string, query url.Values, r redactor) *http.Client {
	base := http.DefaultTransport.(*http.Transport).Clone()
	// net/http keeps 2 idle connections per host (100 in all) by default:
	// with more workers than that, most replies closed their connection
	// and the next turn opened a new one, a TCP handshake and new
	// goroutines on both ends for nearly every turn.
	base.MaxIdleConnsPerHost = maxIdlePerHost
	base.MaxIdleConns = maxIdlePerHost
	return &http.Client{
		Transport:     &headerTransport{base: base, headers: headers, query: query},
		CheckRedirect: func(req *http.Request, via []*http.Request) error { return checkRedirect(req, via, r) },
	}
}

// maxRedirects is net/http's own bound on a chain of redirects.
const maxRedirects = 10

// checkRedirect follows only redirects that reach the same bot with the
// same request. net/http turns a POST into a bodiless GET on 301, 302 and
// 303, so the bot would get no turn at all. On any redirect headerTransport
// adds the configured headers and query again (net/http strips only the
// Authorization it copies itself, and not between ports of one host), so
// another host would receive the keys.
func checkRedirect(req *http.Request, via []*http.Request, r redactor) error {
	first, prev := via[0], via[len(via)-1]
	e := &RedirectError{
		Method:   first.Method,
		URL:      r.scrub(redactURL(first.URL.String())),
		Location: r.scrub(redactURL(req.URL.String())),
	}
	if req.Response != nil {
		e.Code = req.Response.StatusCode
	}
	if len(via) > 1 {
		e.from = r.scrub(redactURL(prev.URL.String()))
	}
	switch {
	case req.Method != prev.Method:
		e.problem = redirectChangesMethod
	case origin(req.URL) != origin(first.URL):
		e.problem = redirectOtherHost
		e.hosts = [2]string{r.scrub(hostOf(first.URL)), r.scrub(hostOf(req.URL))}
	case len(via) >= maxRedirects:
		e.problem = redirectTooMany
		e.hops = len(via)
	default:
		return nil
	}
	return e
}

// origin is scheme://host:port with the default port spelled out, so
// http://a and http://a:80 are one host.
func origin(u *url.URL) string {
	scheme, port := strings.ToLower(u.Scheme), u.Port()
	if port == "" {
		switch scheme {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// hostOf is scheme://host[:port] as the URL spells it, without userinfo.
func hostOf(u *url.URL) string { return u.Scheme + "://" + u.Host }

func closeIdle(c *http.Client) {
	if t, ok := c.Transport.(*headerTransport); ok {
		if b, ok := t.base.(interface{ CloseIdleConnections() }); ok {
			b.CloseIdleConnections()
		}
	}
}

// exchange sends req and reads the whole reply. Transport failures come
// back as *TransportError, statuses outside 2xx as *StatusError; the body
// is returned either way for callers that want it.
func exchange(c *http.Client, req *http.Request, r redactor) (*http.Response, []byte, error) {
	resp, err := c.Do(req)
	if err != nil {
		// A refused redirect is no transport failure: unwrapped, it is not
		// retried, and the *url.Error around it would quote the raw Location.
		var re *RedirectError
		if errors.As(err, &re) {
			return nil, nil, re
		}
		return nil, nil, transportError(err)
	}
	defer resp.Body.Close()
	body, err := readBody(resp)
	if err != nil {
		return resp, nil, transportError(fmt.Errorf("reading the reply: %w", err))
	}
	if len(body) > maxBody {
		return resp, nil, &BodyError{Problem: fmt.Sprintf("a body larger than %d bytes", maxBody), Body: r.snippet(body)}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp, body, &StatusError{
			Code:       resp.StatusCode,
			RetryAfter: ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
			Body:       r.snippet(body),
		}
	}
	return resp, body, nil
}

// readBody reads a reply's body to its end (a connection goes back to the
// pool only once its body has been read through), at most maxBody+1 bytes.
// A body of declared length is read into a buffer of that size: it is kept
// as Response.Raw, and growing a buffer to fit would copy it.
func readBody(resp *http.Response) ([]byte, error) {
	n := resp.ContentLength
	if n < 0 || n > maxBody {
		return io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	}
	// One byte more than declared, to read up to the end.
	buf := make([]byte, n+1)
	m, err := io.ReadFull(resp.Body, buf)
	switch {
	case int64(m) == n && (err == io.ErrUnexpectedEOF || err == io.EOF):
		return buf[:n:n], nil
	case err == nil:
		return nil, fmt.Errorf("the body is longer than its Content-Length of %d bytes", n)
	}
	return nil, err // cut short: net/http says io.ErrUnexpectedEOF, as io.ReadAll would
}

// transportError wraps err, replacing the URL in a *url.Error with its
// redacted form: net/http strips passwords but keeps query strings, where
// some APIs carry keys.
func transportError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		c := *ue
		c.URL = redactURL(ue.URL)
		err = &c
	}
	return &TransportError{Err: err}
}

// redactURL drops userinfo and fragment and blanks every query value.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "<unparseable URL>"
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		keys := map[string]bool{}
		for _, kv := range strings.Split(u.RawQuery, "&") {
			k, _, _ := strings.Cut(kv, "=")
			if k, err := url.QueryUnescape(k); err == nil && k != "" {
				keys[k] = true
			}
		}
		parts := make([]string, 0, len(keys))
		for k := range keys {
			parts = append(parts, url.QueryEscape(k)+"=REDACTED")
		}
		sort.Strings(parts)
		u.RawQuery = strings.Join(parts, "&")
	}
	return u.String()
}
