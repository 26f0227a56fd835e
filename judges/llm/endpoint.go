package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cenkalti/backoff/v5"
	openai "github.com/sashabaranov/go-openai"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
	"golang.org/x/sync/semaphore"
	"golang.org/x/time/rate"
)

// Structured output modes, tried in this order. A server that rejects
// response_format json_schema (HTTP 400 naming response_format or
// json_schema) is asked with json_object from then on, and one that
// rejects that too with no response_format at all: the schema is in the
// system prompt either way, and the reply is parsed just as strictly.
const (
	modeSchema int32 = iota
	modeObject
	modeNone
)

var modeNames = []string{"json_schema", "json_object", "none"}

// endpoint is one judge server: its client, its concurrency and rate
// limits, and what it has been found to support.
type endpoint struct {
	cfg    Config
	client *openai.Client
	http   *http.Client
	sem    *semaphore.Weighted
	rpm    *rate.Limiter
	tpm    *rate.Limiter
	mode   atomic.Int32
	// fixed is true for a model that refuses a temperature and max_tokens
	// (the reasoning models): known by name, or learnt from a refusal, as
	// an Azure deployment may have any name.
	fixed *atomic.Bool
	price Price
}

func newEndpoint(cfg Config, price Price) *endpoint {
	base := http.DefaultTransport.(*http.Transport).Clone()
	fixed := &atomic.Bool{}
	fixed.Store(suite.ReasoningModel(cfg.Model))
	hc := &http.Client{Transport: &transport{base: base, fixed: fixed}}
	oc := target.OpenAIClientConfig(cfg.APIType, cfg.APIKey, cfg.BaseURL, cfg.APIVersion)
	oc.HTTPClient = hc
	e := &endpoint{
		cfg:    cfg,
		fixed:  fixed,
		client: openai.NewClientWithConfig(oc),
		http:   hc,
		sem:    semaphore.NewWeighted(int64(cfg.MaxConcurrency)),
		price:  price,
	}
	if cfg.RPM > 0 {
		e.rpm = rate.NewLimiter(rate.Limit(cfg.RPM/60), 1)
	}
	if cfg.TPM > 0 {
		e.tpm = rate.NewLimiter(rate.Limit(cfg.TPM/60), max(1, int(cfg.TPM)))
	}
	return e
}

func (e *endpoint) closeIdle() { e.http.CloseIdleConnections() }

// scrub removes the API key from text bound for errors and verdicts.
func (e *endpoint) scrub(s string) string {
	if k := e.cfg.APIKey; len(k) >= 4 {
		s = strings.ReplaceAll(s, k, "[redacted]")
	}
	return s
}

// transport sits under go-openai. go-openai drops a zero temperature
// (its field is omitempty), so the transport writes "temperature":0 into
// chat requests that lack one; and it records each response's status and
// headers for the call that made it (go-openai's errors leave Retry-After
// out).
type transport struct {
	base  http.RoundTripper
	fixed *atomic.Bool // no temperature for this model
}

type captureKey struct{}

type capture struct {
	status int
	header http.Header
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.fixed.Load() && req.Method == http.MethodPost && req.Body != nil && strings.HasSuffix(req.URL.Path, "/chat/completions") {
		body, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		var fields map[string]json.RawMessage
		if json.Unmarshal(body, &fields) == nil {
			if _, ok := fields["temperature"]; !ok && bytes.HasPrefix(body, []byte("{")) {
				body = append([]byte(`{"temperature":0,`), body[1:]...)
			}
		}
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.ContentLength = int64(len(body))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}
	resp, err := t.base.RoundTrip(req)
	if c, ok := req.Context().Value(captureKey{}).(*capture); ok && resp != nil {
		c.status = resp.StatusCode
		c.header = resp.Header.Clone()
	}
	return resp, err
}

func (t *transport) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// request is one judge request, fence already substituted.
type request struct {
	judge, caseID string
	schemaName    string
	schema        json.RawMessage
	messages      []openai.ChatCompletionMessage
	seed          int
	estPrompt     int
}

// callError is why a request failed for good.
type callError struct {
	msg string
}

func (e *callError) Error() string { return e.msg }

// statusError is an HTTP error status from the server.
type statusError struct {
	code       int
	msg        string
	retryAfter time.Duration
}

func (e *statusError) Error() string {
	if e.msg == "" {
		return fmt.Sprintf("HTTP %d", e.code)
	}
	return fmt.Sprintf("HTTP %d: %s", e.code, e.msg)
}

type formatRejected struct{ err error }

func (e *formatRejected) Error() string { return e.err.Error() }

// samplingRejected is a model refusing temperature 0 or max_tokens, as the
// reasoning models do: it is asked again without them, and so is every
// later request.
type samplingRejected struct{ err error }

func (e *samplingRejected) Error() string { return e.err.Error() }

// waitError carries a Retry-After to backoff while printing as its cause.
type waitError struct {
	err  error
	wait *backoff.RetryAfterError
}

func (e *waitError) Error() string   { return e.err.Error() }
func (e *waitError) Unwrap() []error { return []error{e.err, e.wait} }

// complete sends a request, retrying passing failures, and falls back
// from json_schema to json_object (and then to no response_format) when
// the server rejects the structured-output request.
func (e *endpoint) complete(ctx context.Context, l *ledger, r request) (string, error) {
	for {
		mode := e.mode.Load()
		content, err := e.try(ctx, l, r, mode)
		var fr *formatRejected
		if errors.As(err, &fr) && mode < modeNone {
			e.mode.CompareAndSwap(mode, mode+1)
			continue
		}
		var sr *samplingRejected
		if errors.As(err, &sr) && !e.fixed.Load() {
			e.fixed.Store(true)
			continue
		}
		return content, err
	}
}

func (e *endpoint) chatRequest(r request, mode int32) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{
		Model:    e.cfg.Model,
		Messages: r.messages,
		Seed:     new(r.seed),
	}
	if e.fixed.Load() {
		req.MaxCompletionTokens = e.cfg.MaxReplyTokens
	} else {
		req.MaxTokens = e.cfg.MaxReplyTokens
	}
	switch mode {
	case modeSchema:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name: r.schemaName, Schema: r.schema, Strict: true,
			},
		}
	case modeObject:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	}
	return req
}

func (e *endpoint) try(ctx context.Context, l *ledger, r request, mode int32) (string, error) {
	req := e.chatRequest(r, mode)
	tries := 0
	op := func() (string, error) {
		if err := e.sem.Acquire(ctx, 1); err != nil {
			return "", backoff.Permanent(err)
		}
		defer e.sem.Release(1)
		if e.rpm != nil {
			if err := e.rpm.Wait(ctx); err != nil {
				return "", backoff.Permanent(err)
			}
		}
		if e.tpm != nil {
			n := min(r.estPrompt+max(e.cfg.MaxReplyTokens, 256), e.tpm.Burst())
			if err := e.tpm.WaitN(ctx, n); err != nil {
				return "", backoff.Permanent(err)
			}
		}
		tries++
		l.add(r.judge, r.caseID, func(u *Usage) { u.Requests++ })
		c := &capture{}
		tctx, cancel := context.WithTimeout(context.WithValue(ctx, captureKey{}, c), e.cfg.Timeout)
		resp, err := e.client.CreateChatCompletion(tctx, req)
		timedOut := errors.Is(tctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil
		cancel()
		if err == nil {
			if len(resp.Choices) == 0 {
				return "", backoff.Permanent(errors.New("the server's reply has no choices"))
			}
			content := resp.Choices[0].Message.Content
			e.account(l, r, content, resp.Usage)
			return content, nil
		}
		switch {
		case ctx.Err() != nil:
			return "", backoff.Permanent(ctx.Err())
		case timedOut:
			return "", fmt.Errorf("no reply within %s", e.cfg.Timeout)
		}
		se := asStatus(err, c)
		if se == nil {
			var ue *url.Error
			switch {
			case c.status >= 200 && c.status < 300:
				return "", backoff.Permanent(fmt.Errorf("the server's response is not a chat completion: %v", err))
			case errors.As(err, &ue):
				return "", err // transport error: retry
			}
			return "", backoff.Permanent(err) // refused before sending
		}
		if (se.code == http.StatusBadRequest || se.code == http.StatusUnprocessableEntity) && mode < modeNone && mentionsFormat(se.msg) {
			return "", backoff.Permanent(&formatRejected{err: se})
		}
		if se.code == http.StatusBadRequest && !e.fixed.Load() && mentionsSampling(se.msg) {
			return "", backoff.Permanent(&samplingRejected{err: se})
		}
		if se.code == http.StatusRequestTimeout || se.code == http.StatusTooManyRequests || se.code >= 500 {
			if se.retryAfter > 0 {
				if se.retryAfter > e.cfg.MaxRetryAfter {
					return "", backoff.Permanent(fmt.Errorf("%w (the server asked to wait %s, more than the %s limit)", se, se.retryAfter, e.cfg.MaxRetryAfter))
				}
				return "", &waitError{err: se, wait: &backoff.RetryAfterError{Duration: se.retryAfter}}
			}
			return "", se
		}
		return "", backoff.Permanent(se)
	}
	content, err := backoff.Retry(ctx, op,
		backoff.WithBackOff(&backoff.ExponentialBackOff{
			InitialInterval:     e.cfg.InitialBackoff,
			RandomizationFactor: backoff.DefaultRandomizationFactor,
			Multiplier:          2,
			MaxInterval:         e.cfg.MaxBackoff,
		}),
		backoff.WithMaxTries(uint(*e.cfg.Retries+1)),
		backoff.WithMaxElapsedTime(0),
	)
	if err == nil {
		return content, nil
	}
	var perm *backoff.PermanentError
	if errors.As(err, &perm) {
		err = perm.Err
	}
	var fr *formatRejected
	if errors.As(err, &fr) {
		return "", fr
	}
	var sr *samplingRejected
	if errors.As(err, &sr) {
		return "", sr
	}
	var we *waitError
	if errors.As(err, &we) {
		err = we.err
	}
	if cerr := ctx.Err(); cerr != nil {
		err = cerr
	}
	what := "try"
	if tries != 1 {
		what = "tries"
	}
	return "", &callError{msg: e.scrub(fmt.Sprintf("%v (after %d %s)", err, tries, what))}
}

// account records a successful request's tokens and cost.
func (e *endpoint) account(l *ledger, r request, content string, api openai.Usage) {
	u := usage{
		EstPromptTokens:     r.estPrompt,
		EstCompletionTokens: countText(e.cfg.Model, content),
		APIPromptTokens:     api.PromptTokens,
		APICompletionTokens: api.CompletionTokens,
	}
	u.PromptTokens, u.CompletionTokens = u.EstPromptTokens, u.EstCompletionTokens
	if api.PromptTokens > 0 || api.CompletionTokens > 0 {
		u.PromptTokens, u.CompletionTokens = api.PromptTokens, api.CompletionTokens
	}
	u.CostUSD = e.cost(u.PromptTokens, u.CompletionTokens)
	l.spend(r.judge, r.caseID, u)
}

func (e *endpoint) cost(prompt, completion int) float64 {
	return float64(prompt)/1000*e.price.Input + float64(completion)/1000*e.price.Output
}

// mentionsSampling reports a refusal naming the parameters a reasoning
// model does not take ("Unsupported value: 'temperature' does not support
// 0 with this model", "Unsupported parameter: 'max_tokens'").
func mentionsSampling(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "unsupported") && (strings.Contains(m, "temperature") || strings.Contains(m, "max_tokens"))
}

func mentionsFormat(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "response_format") || strings.Contains(m, "json_schema") || strings.Contains(m, "response format")
}

// asStatus turns go-openai's HTTP errors into a statusError with the
// Retry-After the transport captured.
func asStatus(err error, c *capture) *statusError {
	se := &statusError{}
	var ae *openai.APIError
	var re *openai.RequestError
	switch {
	case errors.As(err, &ae) && ae.HTTPStatusCode > 0:
		se.code = ae.HTTPStatusCode
		se.msg = ae.Message
		if ae.Param != nil && *ae.Param != "" {
			se.msg += " (param " + *ae.Param + ")"
		}
	case errors.As(err, &re) && re.HTTPStatusCode > 0:
		se.code = re.HTTPStatusCode
		se.msg = strings.TrimSpace(string(re.Body))
	default:
		return nil
	}
	if len(se.msg) > 300 {
		se.msg = se.msg[:300] + "…"
	}
	if c.header != nil {
		se.retryAfter = parseRetryAfter(c.header, time.Now())
	}
	return se
}

// parseRetryAfter reads retry-after-ms (OpenAI) or Retry-After (seconds or
// an HTTP date). Absent, malformed or past values give 0.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	if ms, err := strconv.ParseFloat(strings.TrimSpace(h.Get("Retry-After-Ms")), 64); err == nil && ms > 0 {
		return time.Duration(ms * float64(time.Millisecond))
	}
	return target.ParseRetryAfter(h.Get("Retry-After"), now)
}
