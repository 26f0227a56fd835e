package demobot

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/tribunal-eval/tribunal/target"
)

// ModelName is the model id the HTTP endpoint reports (any model name in a
// request is accepted and echoed back).
const ModelName = "tribunal-demobot"

// maxBody bounds a chat completions request body.
const maxBody = 1 << 20

// chatRequest is the part of an OpenAI chat completions request the bot
// reads. Other fields (temperature, tools, stop, ...) are accepted and
// ignored.
type chatRequest struct {
	Model    string            `json:"model"`
	Messages []json.RawMessage `json:"messages"`
	Stream   bool              `json:"stream"`
	// Metadata may carry {"language": "fr"}, used like target.Request's
	// Language: only when the text itself does not show the language.
	Metadata map[string]string `json:"metadata"`
}

// handoffArguments is the JSON arguments of the transfer_to_human tool call.
type handoffArguments struct {
	Summary  string `json:"summary"`
	Reason   string `json:"reason"`
	Language string `json:"language"`
}

// The response types mirror OpenAI's chat.completion object (go-openai's
// own response type carries Azure-only fields a plain client does not
// expect).
type chatResponse struct {
	ID      string       `json:"id"`
	Object  string       `json:"object"`
	Created int64        `json:"created"`
	Model   string       `json:"model"`
	Choices []chatChoice `json:"choices"`
	Usage   chatUsage    `json:"usage"`
}

type chatChoice struct {
	Index        int                 `json:"index"`
	Message      chatMessage         `json:"message"`
	Logprobs     *struct{}           `json:"logprobs"`
	FinishReason openai.FinishReason `json:"finish_reason"`
}

type chatMessage struct {
	Role      string            `json:"role"`
	Content   string            `json:"content"`
	Refusal   *string           `json:"refusal"`
	ToolCalls []openai.ToolCall `json:"tool_calls,omitempty"`
}

type chatUsage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

var completionSeq atomic.Uint64

// Handler serves the bot over HTTP as an OpenAI-compatible API:
//
//	POST /v1/chat/completions  chat completions (no streaming)
//	GET  /v1/models            the one model, "tribunal-demobot"
//	GET  /healthz              {"status":"ok",...}
//
// The last user message is the new turn; earlier user and assistant
// messages are the history; system, developer and tool messages are
// ignored. The reply is the one Reply gives for the same conversation. A
// handoff comes as a transfer_to_human tool call next to the text, with
// finish_reason "tool_calls". Errors are OpenAI-style JSON.
func (b *Bot) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/chat/completions", b.serveChat)
	mux.HandleFunc("/v1/models", b.serveModels)
	mux.HandleFunc("/healthz", b.serveHealth)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "", fmt.Sprintf("no route for %s %s (try POST /v1/chat/completions)", r.Method, r.URL.Path))
	})
	return mux
}

func (b *Bot) serveChat(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "", "use POST for /v1/chat/completions")
		return
	}
	var req chatRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	if err := dec.Decode(&req); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "request_too_large", "", fmt.Sprintf("request body is larger than %d bytes", maxBody))
			return
		}
		writeError(w, http.StatusBadRequest, "invalid_json", "", "invalid JSON body: "+err.Error())
		return
	}
	if dec.More() {
		writeError(w, http.StatusBadRequest, "invalid_json", "", "invalid JSON body: unexpected data after the JSON object")
		return
	}
	if req.Stream {
		writeError(w, http.StatusBadRequest, "unsupported_parameter", "stream", "stream: streaming is not supported by the demo bot; send stream=false")
		return
	}
	if len(req.Messages) == 0 {
		writeError(w, http.StatusBadRequest, "invalid_value", "messages", "messages: must contain at least one message")
		return
	}
	msgs := make([]openai.ChatCompletionMessage, len(req.Messages))
	last := -1
	for i, raw := range req.Messages {
		if err := json.Unmarshal(raw, &msgs[i]); err != nil {
			writeError(w, http.StatusBadRequest, "invalid_value", fmt.Sprintf("messages[%d]", i), fmt.Sprintf("messages[%d]: not a chat message: %v", i, err))
			return
		}
		if msgs[i].Role == "" {
			writeError(w, http.StatusBadRequest, "invalid_value", fmt.Sprintf("messages[%d].role", i), fmt.Sprintf("messages[%d].role: missing", i))
			return
		}
		if msgs[i].Role == openai.ChatMessageRoleUser {
			last = i
		}
	}
	if last < 0 {
		writeError(w, http.StatusBadRequest, "invalid_value", "messages", "messages: there is no user message to answer")
		return
	}
	message := content(msgs[last])
	if strings.TrimSpace(message) == "" {
		writeError(w, http.StatusBadRequest, "invalid_value", fmt.Sprintf("messages[%d].content", last), fmt.Sprintf("messages[%d].content: the last user message is empty", last))
		return
	}
	var history []target.Message
	for _, m := range msgs[:last] {
		if m.Role != openai.ChatMessageRoleUser && m.Role != openai.ChatMessageRoleAssistant {
			continue
		}
		if c := content(m); c != "" {
			history = append(history, target.Message{Role: m.Role, Content: c})
		}
	}

	if err := b.wait(r.Context()); err != nil {
		writeError(w, http.StatusServiceUnavailable, "cancelled", "", "request cancelled: "+err.Error())
		return
	}
	a := b.answer(message, history, req.Metadata["language"])

	n := completionSeq.Add(1)
	id := strconv.FormatInt(time.Now().UnixNano(), 36) + "x" + strconv.FormatUint(n, 36)
	msg := chatMessage{Role: openai.ChatMessageRoleAssistant, Content: a.reply}
	finish := openai.FinishReasonStop
	if a.handoff {
		args, _ := json.Marshal(handoffArguments{Summary: a.summary, Reason: string(a.reason), Language: a.lang})
		msg.ToolCalls = []openai.ToolCall{{
			ID:       "call_" + id,
			Type:     openai.ToolTypeFunction,
			Function: openai.FunctionCall{Name: HandoffTool, Arguments: string(args)},
		}}
		finish = openai.FinishReasonToolCalls
	}
	model := req.Model
	if model == "" {
		model = ModelName
	}
	prompt := 0
	for _, m := range msgs {
		prompt += len(strings.Fields(content(m)))
	}
	completion := len(strings.Fields(a.reply))
	writeJSON(w, http.StatusOK, chatResponse{
		ID:      "chatcmpl-" + id,
		Object:  "chat.completion",
		Created: time.Now().Unix(),
		Model:   model,
		Choices: []chatChoice{{Index: 0, Message: msg, FinishReason: finish}},
		Usage:   chatUsage{PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion},
	})
}

// content is a message's text: its content string, or its text parts.
func content(m openai.ChatCompletionMessage) string {
	if m.Content != "" || len(m.MultiContent) == 0 {
		return m.Content
	}
	var parts []string
	for _, p := range m.MultiContent {
		if p.Type == openai.ChatMessagePartTypeText || (p.Type == "" && p.Text != "") {
			parts = append(parts, p.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// created is when the demo model "was created", for /v1/models.
const created = 1735689600 // 2025-01-01T00:00:00Z

func (b *Bot) serveModels(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "", "use GET for /v1/models")
		return
	}
	type model struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Created int64  `json:"created"`
		OwnedBy string `json:"owned_by"`
	}
	writeJSON(w, http.StatusOK, struct {
		Object string  `json:"object"`
		Data   []model `json:"data"`
	}{"list", []model{{ModelName, "model", created, "tribunal"}}})
}

func (b *Bot) serveHealth(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "", "use GET for /healthz")
		return
	}
	flaws := []string{}
	for _, f := range b.Flaws() {
		flaws = append(flaws, string(f))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"status":     "ok",
		"bot":        b.String(),
		"model":      ModelName,
		"flaws":      flaws,
		"latency_ms": b.latency.Milliseconds(),
	})
}

type apiError struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    string  `json:"code"`
}

func writeError(w http.ResponseWriter, status int, code, param, msg string) {
	e := apiError{Message: msg, Type: "invalid_request_error", Code: code}
	if status >= 500 {
		e.Type = "server_error"
	}
	if param != "" {
		e.Param = &param
	}
	writeJSON(w, status, struct {
		Error apiError `json:"error"`
	}{e})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}
