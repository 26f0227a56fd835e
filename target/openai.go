package target

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"github.com/tribunal-eval/tribunal/suite"
)

// openAIConn talks to an OpenAI-compatible /chat/completions endpoint.
// Chat completions are stateless, so every turn resends the conversation.
type openAIConn struct {
	client  *http.Client
	baseURL string
	apiKey  string
	model   string
	system  string
	handoff map[string]bool
	red     redactor
}

// captureDoer sits under go-openai for one call. It keeps the raw body
// (for Response.Raw and for errors that quote it) and the *StatusError
// with Retry-After, which go-openai's own errors leave out.
type captureDoer struct {
	client *http.Client
	red    redactor
	body   []byte
	status *StatusError
}

func (d *captureDoer) Do(req *http.Request) (*http.Response, error) {
	resp, body, err := exchange(d.client, req, d.red)
	if err != nil && !errors.As(err, &d.status) {
		return nil, err // transport failure, oversized body, refused redirect: nothing to decode
	}
	if d.status != nil && d.status.Code < 400 {
		// A 3xx net/http did not follow (no Location): go-openai would
		// decode it as a chat completion.
		return nil, d.status
	}
	d.body = body
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

func (o *openAIConn) Reply(ctx context.Context, req Request) (Response, error) {
	doer := &captureDoer{client: o.client, red: o.red}
	cfg := openai.DefaultConfig(o.apiKey)
	cfg.BaseURL = o.baseURL
	cfg.HTTPClient = doer
	// A client per call is cheap (a struct) and gives each call its own doer.
	res, err := openai.NewClientWithConfig(cfg).CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model:    o.model,
		Messages: o.messages(req),
	})
	if err != nil {
		return Response{}, o.mapError(err, doer)
	}
	if len(res.Choices) == 0 {
		return Response{}, &BodyError{Problem: "no choices", Body: o.red.snippet(doer.body)}
	}
	msg := res.Choices[0].Message
	out := Response{Reply: text(msg)}
	out.Raw = doer.body
	if !json.Valid(out.Raw) {
		out.Raw, _ = json.Marshal(res)
	}
	for _, call := range calls(msg) {
		if o.handoff[call.Name] {
			out.Handoff, out.HandoffSignal = Bool(true), call.Name
			break
		}
	}
	if strings.TrimSpace(out.Reply) == "" {
		out.Reply = argumentText(calls(msg), out.HandoffSignal)
	}
	return out, nil
}

// messages is the whole conversation: system prompt, history, new message.
func (o *openAIConn) messages(req Request) []openai.ChatCompletionMessage {
	msgs := make([]openai.ChatCompletionMessage, 0, len(req.History)+2)
	if o.system != "" {
		msgs = append(msgs, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleSystem, Content: o.system})
	}
	for _, m := range req.History {
		msgs = append(msgs, openai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	return append(msgs, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: req.Message})
}

// mapError turns go-openai's errors into this package's typed errors, so
// WithRetry can classify them and messages never carry raw bodies.
func (o *openAIConn) mapError(err error, d *captureDoer) error {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr) || errors.As(err, &reqErr):
		if d.status != nil {
			return d.status
		}
		code := 0
		if apiErr != nil {
			code = apiErr.HTTPStatusCode
		} else {
			code = reqErr.HTTPStatusCode
		}
		return &StatusError{Code: code}
	case d.body != nil && len(bytes.TrimSpace(d.body)) == 0:
		return &BodyError{Problem: "an empty body"}
	case d.body != nil:
		// The body arrived whole but did not decode as a chat completion.
		return &BodyError{Problem: "a body that is not chat-completions JSON (" + err.Error() + ")", Body: o.red.snippet(d.body)}
	}
	return err
}

func (o *openAIConn) CloseIdleConnections() { closeIdle(o.client) }

// text is the message's words: content, else text parts, else a refusal.
func text(m openai.ChatCompletionMessage) string {
	if m.Content != "" {
		return m.Content
	}
	var parts []string
	for _, p := range m.MultiContent {
		if p.Text != "" {
			parts = append(parts, p.Text)
		}
	}
	if len(parts) > 0 {
		return strings.Join(parts, "\n")
	}
	return m.Refusal
}

// calls lists tool calls and the legacy single function_call alike.
func calls(m openai.ChatCompletionMessage) []openai.FunctionCall {
	var out []openai.FunctionCall
	for _, c := range m.ToolCalls {
		out = append(out, c.Function)
	}
	if m.FunctionCall != nil {
		out = append(out, *m.FunctionCall)
	}
	return out
}

// argumentText recovers the words of a reply that came only as a tool call
// (e.g. transfer_to_human{"message": "..."}), preferring the handoff call.
func argumentText(calls []openai.FunctionCall, prefer string) string {
	sorted := make([]openai.FunctionCall, 0, len(calls))
	for _, c := range calls {
		if c.Name == prefer {
			sorted = append([]openai.FunctionCall{c}, sorted...)
		} else {
			sorted = append(sorted, c)
		}
	}
	for _, c := range sorted {
		var args map[string]any
		if json.Unmarshal([]byte(c.Arguments), &args) != nil {
			continue
		}
		for _, key := range []string{"message", "summary"} {
			if s, ok := args[key].(string); ok && strings.TrimSpace(s) != "" {
				return s
			}
		}
	}
	return ""
}

// OpenAIClientConfig is how go-openai reaches an OpenAI-compatible
// endpoint of the given API type (suite.APITypes): the key as a bearer
// token to BASE/chat/completions; or, on Azure OpenAI, to
// BASE/openai/deployments/MODEL/chat/completions?api-version=VERSION with
// the key in an api-key header (azure) or an Entra ID token as a bearer
// token (azure_ad). The LLM judges and the simulated customers share it.
func OpenAIClientConfig(apiType, key, baseURL, apiVersion string) openai.ClientConfig {
	if !suite.AzureAPI(apiType) {
		oc := openai.DefaultConfig(key)
		oc.BaseURL = baseURL
		return oc
	}
	oc := openai.DefaultAzureConfig(key, baseURL)
	if apiType == suite.APITypeAzureAD {
		oc.APIType = openai.APITypeAzureAD
	}
	oc.APIVersion = apiVersion
	// The model is the deployment's name as the user wrote it; go-openai's
	// default mapping strips "." and ":" from it and would miss a
	// deployment named gpt-3.5-turbo.
	oc.AzureModelMapperFunc = func(model string) string { return model }
	return oc
}
