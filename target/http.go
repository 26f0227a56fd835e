package target

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"text/template"

	"github.com/ohler55/ojg/jp"
)

// DefaultBody is the request template of an http target without `body`.
const DefaultBody = `{"message": {{json .Message}}, "history": {{json .History}}, "session_id": {{json .SessionID}}, "context": {{json .Context}}}`

// DefaultReplyPath is where an http target's reply text is looked up.
const DefaultReplyPath = "$.reply"

// httpConn POSTs a templated JSON body and picks the reply out of the JSON
// answer by JSONPath, to fit bots with their own API shape.
type httpConn struct {
	client  *http.Client
	url     string
	body    *template.Template
	reply   jp.Expr
	handoff jp.Expr // nil: the target has no structured handoff signal
	session jp.Expr
	// paths as configured, for messages and HandoffSignal
	replyPath, handoffPath string
	red                    redactor
}

// templateFuncs gives templates `json`, which encodes any value as JSON,
// so a customer's quotes or newlines cannot break the request body.
var templateFuncs = template.FuncMap{
	"json": func(v any) (string, error) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // keep "<" readable; it is still valid JSON
		if err := enc.Encode(v); err != nil {
			return "", err
		}
		return strings.TrimSuffix(b.String(), "\n"), nil
	},
}

func parseBody(text string) (*template.Template, error) {
	if strings.TrimSpace(text) == "" {
		text = DefaultBody
	}
	return template.New("body").Funcs(templateFuncs).Parse(text)
}

func parsePath(field, path, def string) (jp.Expr, string, error) {
	if strings.TrimSpace(path) == "" {
		if def == "" {
			return nil, "", nil
		}
		path = def
	}
	x, err := jp.ParseString(path)
	if err != nil {
		return nil, "", fmt.Errorf("target.%s: %q is not a JSONPath expression: %v", field, path, err)
	}
	return x, path, nil
}

func (h *httpConn) Reply(ctx context.Context, req Request) (Response, error) {
	body, err := h.render(req)
	if err != nil {
		return Response{}, err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url, bytes.NewReader(body))
	if err != nil {
		return Response{}, fmt.Errorf("http target: building the request: %w", err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "application/json")
	_, raw, err := exchange(h.client, hreq, h.red)
	if err != nil {
		return Response{}, err
	}
	return h.parse(raw)
}

// render fills the body template; the result must be JSON, since a broken
// body would otherwise surface as a confusing 400 from the bot.
func (h *httpConn) render(req Request) ([]byte, error) {
	// Empty rather than null, so the default body reads naturally.
	if req.History == nil {
		req.History = []Message{}
	}
	if req.Context == nil {
		req.Context = map[string]any{}
	}
	var b bytes.Buffer
	if err := h.body.Execute(&b, req); err != nil {
		return nil, fmt.Errorf("http target: rendering target.body: %w", err)
	}
	var v any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		return nil, fmt.Errorf("http target: target.body rendered invalid JSON (%v); use {{json .Field}} to insert values: %q",
			err, h.red.snippet(b.Bytes()))
	}
	return b.Bytes(), nil
}

func (h *httpConn) parse(raw []byte) (Response, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return Response{}, &BodyError{Problem: "an empty body"}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil || dec.More() {
		if err == nil {
			err = fmt.Errorf("data after the first JSON value")
		}
		return Response{}, &BodyError{Problem: fmt.Sprintf("a body that is not JSON (%v)", err), Body: h.red.snippet(raw)}
	}
	out := Response{Raw: json.RawMessage(raw)}
	v, ok := h.reply.FirstFound(doc)
	if !ok || v == nil {
		return Response{}, &BodyError{Problem: "no reply at reply_path " + h.replyPath, Body: h.red.snippet(raw)}
	}
	switch v := v.(type) {
	case string:
		out.Reply = v
	case json.Number, bool:
		out.Reply = fmt.Sprint(v)
	default:
		return Response{}, &BodyError{Problem: fmt.Sprintf("an object or list at reply_path %s, not text", h.replyPath), Body: h.red.snippet(raw)}
	}
	if h.handoff != nil {
		if v, ok := h.handoff.FirstFound(doc); ok {
			out.Handoff, out.HandoffSignal = Bool(truthy(v)), h.handoffPath
		}
	}
	if h.session != nil {
		if v, ok := h.session.FirstFound(doc); ok && v != nil {
			out.SessionID = fmt.Sprint(v)
		}
	}
	return out, nil
}

// truthy reads a handoff field the way bots write them: booleans, 0/1,
// "yes"/"no", or any non-empty value (e.g. a queue name) meaning yes.
// A present null means no.
func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case json.Number:
		f, err := v.Float64()
		return err == nil && f != 0
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "", "false", "no", "n", "off", "0", "none", "null":
			return false
		}
		return true
	case []any:
		return len(v) > 0
	case map[string]any:
		return len(v) > 0
	}
	return true
}

func (h *httpConn) CloseIdleConnections() { closeIdle(h.client) }
