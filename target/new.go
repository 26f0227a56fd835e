package target

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/tribunal-eval/tribunal/suite"
)

// DefaultAPIKeyEnv names the variable holding the target's API key when
// api_key_env is unset.
const DefaultAPIKeyEnv = "TRIBUNAL_TARGET_API_KEY"

// DefaultModel is sent when model is unset; local OpenAI-compatible
// servers mostly ignore it, hosted APIs need a real name.
const DefaultModel = "default"

// DefaultHandoffTools are the tool names that mean "hand off to a human"
// when handoff_tools is unset.
var DefaultHandoffTools = []string{"transfer_to_human"}

// New builds the connector cfg describes, wrapped in WithRetry and
// WithRateLimit. getenv (os.Getenv when nil) supplies the API key and the
// ${VAR}s in header values. adjust may tune the retry policy New derives
// from cfg (tests use it to shorten backoff). Every Target New returns
// also has CloseIdleConnections(), to drop keep-alive connections.
func New(cfg suite.TargetConfig, getenv func(string) string, adjust ...func(*RetryOptions)) (Target, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	kind := strings.ToLower(strings.TrimSpace(cfg.Kind))
	if kind == "" {
		kind = "openai"
	}
	if kind != "openai" && kind != "http" {
		return nil, fmt.Errorf("target.kind: %q is not a target kind; use openai or http", cfg.Kind)
	}
	if err := checkURL(cfg.URL); err != nil {
		return nil, err
	}
	if err := checkFieldsFit(kind, cfg); err != nil {
		return nil, err
	}
	if cfg.Timeout < 0 {
		return nil, fmt.Errorf("target.timeout: %s is negative", time.Duration(cfg.Timeout))
	}
	if cfg.Retries != nil && *cfg.Retries < 0 {
		return nil, fmt.Errorf("target.retries: %d is negative", *cfg.Retries)
	}
	if cfg.RPS < 0 {
		return nil, fmt.Errorf("target.rps: %g is negative", cfg.RPS)
	}
	headers, err := expandHeaders(cfg.Headers, getenv)
	if err != nil {
		return nil, err
	}
	keyEnv := cfg.APIKeyEnv
	if keyEnv == "" {
		keyEnv = DefaultAPIKeyEnv
	}
	key := getenv(keyEnv)
	secrets := append(urlSecrets(cfg.URL), key)
	for _, v := range headers {
		secrets = append(secrets, v)
	}
	red := newRedactor(secrets...)

	var conn Target
	switch kind {
	case "openai":
		conn = newOpenAI(cfg, key, headers, red)
	case "http":
		if key != "" && !hasHeader(headers, "Authorization") {
			headers["Authorization"] = "Bearer " + key
		}
		if conn, err = newHTTP(cfg, headers, red); err != nil {
			return nil, err
		}
	}
	opts := RetryOptions{Timeout: time.Duration(cfg.Timeout), Retries: cfg.Retries}
	for _, f := range adjust {
		f(&opts)
	}
	return WithRetry(WithRateLimit(conn, cfg.RPS), opts), nil
}

func newOpenAI(cfg suite.TargetConfig, key string, headers map[string]string, red redactor) *openAIConn {
	model := cfg.Model
	if model == "" {
		model = DefaultModel
	}
	tools := cfg.HandoffTools
	if len(tools) == 0 {
		tools = DefaultHandoffTools
	}
	handoff := map[string]bool{}
	for _, t := range tools {
		handoff[t] = true
	}
	// go-openai appends /chat/completions to the base URL, so the query
	// travels separately. Accept the full endpoint as well as the base URL.
	u, _ := url.Parse(cfg.URL) // checked by checkURL
	query := u.Query()
	u.RawQuery, u.Fragment, u.RawFragment = "", "", ""
	base := strings.TrimSuffix(strings.TrimRight(u.String(), "/"), "/chat/completions")
	return &openAIConn{client: newHTTPClient(headers, query, red), baseURL: base, apiKey: key,
		model: model, system: cfg.SystemPrompt, handoff: handoff, red: red}
}

func newHTTP(cfg suite.TargetConfig, headers map[string]string, red redactor) (*httpConn, error) {
	body, err := parseBody(cfg.Body)
	if err != nil {
		return nil, fmt.Errorf("target.body: not a valid Go template: %v", err)
	}
	h := &httpConn{client: newHTTPClient(headers, nil, red), url: cfg.URL, body: body, red: red}
	if h.reply, h.replyPath, err = parsePath("reply_path", cfg.ReplyPath, DefaultReplyPath); err != nil {
		return nil, err
	}
	if h.handoff, h.handoffPath, err = parsePath("handoff_path", cfg.HandoffPath, ""); err != nil {
		return nil, err
	}
	if h.session, _, err = parsePath("session_path", cfg.SessionPath, ""); err != nil {
		return nil, err
	}
	return h, nil
}

// checkURL insists on an absolute http(s) URL. Its errors never echo the
// URL, which may carry a password or a key.
func checkURL(raw string) error {
	if strings.TrimSpace(raw) == "" {
		return fmt.Errorf("target.url: missing; give the bot's address, e.g. http://127.0.0.1:8080/v1")
	}
	u, err := url.Parse(raw)
	if err != nil {
		if ue, ok := err.(*url.Error); ok {
			err = ue.Err
		}
		return fmt.Errorf("target.url: not a valid URL: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("target.url: must start with http:// or https:// (got scheme %q)", u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("target.url: has no host")
	}
	return nil
}

// checkFieldsFit rejects settings the chosen kind would silently ignore.
func checkFieldsFit(kind string, cfg suite.TargetConfig) error {
	var wrong []string
	if kind == "openai" {
		for name, v := range map[string]string{"body": cfg.Body, "reply_path": cfg.ReplyPath,
			"handoff_path": cfg.HandoffPath, "session_path": cfg.SessionPath} {
			if v != "" {
				wrong = append(wrong, name)
			}
		}
	} else {
		for name, set := range map[string]bool{"model": cfg.Model != "", "system_prompt": cfg.SystemPrompt != "",
			"handoff_tools": len(cfg.HandoffTools) > 0} {
			if set {
				wrong = append(wrong, name)
			}
		}
	}
	if len(wrong) == 0 {
		return nil
	}
	sort.Strings(wrong)
	return fmt.Errorf("target.%s: does not apply to kind %s", strings.Join(wrong, ", target."), kind)
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expandHeaders replaces ${VAR} in header values. Errors name the header
// and the variable, never the value.
func expandHeaders(in map[string]string, getenv func(string) string) (map[string]string, error) {
	out := make(map[string]string, len(in))
	for name, v := range in {
		if !validHeaderName(name) {
			return nil, fmt.Errorf("target.headers: %q is not a valid header name", name)
		}
		var missing string
		v = envRef.ReplaceAllStringFunc(v, func(ref string) string {
			val := getenv(envRef.FindStringSubmatch(ref)[1])
			if val == "" && missing == "" {
				missing = ref
			}
			return val
		})
		if missing != "" {
			return nil, fmt.Errorf("target.headers.%s: environment variable %s is unset or empty", name, missing[2:len(missing)-1])
		}
		if strings.ContainsAny(v, "\r\n\x00") {
			return nil, fmt.Errorf("target.headers.%s: the value contains a line break or NUL", name)
		}
		out[name] = v
	}
	return out, nil
}

// validHeaderName accepts RFC 9110 tokens.
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c > 0x7e || c <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, c) {
			return false
		}
	}
	return true
}

func hasHeader(h map[string]string, name string) bool {
	for k := range h {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// urlSecrets are the parts of a URL an echoing server could send back:
// the password, the Basic credentials net/http derives from userinfo, and
// query values.
func urlSecrets(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	var out []string
	if pw, ok := u.User.Password(); ok {
		out = append(out, pw, base64.StdEncoding.EncodeToString([]byte(u.User.Username()+":"+pw)))
	}
	for _, vs := range u.Query() {
		out = append(out, vs...)
	}
	return out
}

// Describe names the target for reports and logs: kind, URL without
// userinfo, fragment or query values, and the model. It never includes
// header values or keys.
func Describe(cfg suite.TargetConfig) string {
	kind := strings.ToLower(strings.TrimSpace(cfg.Kind))
	if kind == "" {
		kind = "openai"
	}
	u := "<no URL>"
	if strings.TrimSpace(cfg.URL) != "" {
		u = redactURL(cfg.URL)
	}
	d := kind + " " + u
	if kind == "openai" {
		m := cfg.Model
		if m == "" {
			m = DefaultModel
		}
		d += " (model " + m + ")"
	}
	return d
}
