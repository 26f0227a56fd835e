package demobot_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	openai "github.com/sashabaranov/go-openai"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/target"
)

// openaiTarget is a minimal OpenAI-compatible connector, as tribunal's would
// be: it sends the conversation as chat messages and reads the handoff from
// a transfer_to_human tool call.
type openaiTarget struct{ client *openai.Client }

func (o openaiTarget) Reply(ctx context.Context, req target.Request) (target.Response, error) {
	var msgs []openai.ChatCompletionMessage
	msgs = append(msgs, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleSystem, Content: "You are a support assistant."})
	for _, m := range req.History {
		msgs = append(msgs, openai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	msgs = append(msgs, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: req.Message})
	resp, err := o.client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{Model: "tribunal-demobot", Messages: msgs, Temperature: 0})
	if err != nil {
		return target.Response{}, err
	}
	if len(resp.Choices) != 1 {
		return target.Response{}, errors.New("want exactly one choice")
	}
	msg := resp.Choices[0].Message
	out := target.Response{Reply: msg.Content}
	for _, tc := range msg.ToolCalls {
		if tc.Function.Name == demobot.HandoffTool {
			out.Handoff = target.Bool(true)
			out.HandoffSignal = tc.Function.Name
		}
	}
	return out, nil
}

var _ = Describe("Handler", func() {
	var (
		srv    *httptest.Server
		client *openai.Client
	)
	BeforeEach(func() {
		srv = httptest.NewServer(demobot.New().Handler())
		DeferCleanup(srv.Close)
		cfg := openai.DefaultConfig("not-needed")
		cfg.BaseURL = srv.URL + "/v1"
		client = openai.NewClientWithConfig(cfg)
	})

	post := func(body string) (*http.Response, map[string]any) {
		GinkgoHelper()
		resp, err := http.Post(srv.URL+"/v1/chat/completions", "application/json", strings.NewReader(body))
		Expect(err).NotTo(HaveOccurred())
		defer resp.Body.Close()
		Expect(resp.Header.Get("Content-Type")).To(HavePrefix("application/json"))
		data, err := io.ReadAll(resp.Body)
		Expect(err).NotTo(HaveOccurred())
		var v map[string]any
		Expect(json.Unmarshal(data, &v)).To(Succeed(), string(data))
		return resp, v
	}

	It("answers a go-openai client with the in-process reply", func(ctx SpecContext) {
		resp, err := client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
			Model:    "gpt-4o-mini",
			Messages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: "what are your baggage allowance rules?"}},
		})
		Expect(err).NotTo(HaveOccurred())
		want, err := demobot.New().Reply(ctx, target.Request{Message: "what are your baggage allowance rules?"})
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.Object).To(Equal("chat.completion"))
		Expect(resp.ID).To(HavePrefix("chatcmpl-"))
		Expect(resp.Created).To(BeNumerically(">", 0))
		Expect(resp.Model).To(Equal("gpt-4o-mini"))
		Expect(resp.Choices).To(HaveLen(1))
		Expect(resp.Choices[0].Message.Role).To(Equal(openai.ChatMessageRoleAssistant))
		Expect(resp.Choices[0].Message.Content).To(Equal(want.Reply))
		Expect(resp.Choices[0].Message.ToolCalls).To(BeEmpty())
		Expect(resp.Choices[0].FinishReason).To(Equal(openai.FinishReasonStop))
		Expect(resp.Usage.TotalTokens).To(Equal(resp.Usage.PromptTokens + resp.Usage.CompletionTokens))
		Expect(resp.Usage.CompletionTokens).To(BeNumerically(">", 0))
	})

	It("signals a handoff as a transfer_to_human tool call next to the text", func(ctx SpecContext) {
		resp, err := client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
			Model: "x",
			Messages: []openai.ChatCompletionMessage{
				{Role: openai.ChatMessageRoleUser, Content: "Why did my Paylater payment get declined?"},
				{Role: openai.ChatMessageRoleAssistant, Content: "Every purchase goes through an automated check."},
				{Role: openai.ChatMessageRoleUser, Content: "Can I talk to a real person please?"},
			},
		})
		Expect(err).NotTo(HaveOccurred())
		choice := resp.Choices[0]
		Expect(choice.FinishReason).To(Equal(openai.FinishReasonToolCalls))
		Expect(choice.Message.Content).To(ContainSubstring("I'm transferring you to a human agent"))
		Expect(choice.Message.ToolCalls).To(HaveLen(1))
		tc := choice.Message.ToolCalls[0]
		Expect(tc.Type).To(Equal(openai.ToolTypeFunction))
		Expect(tc.ID).NotTo(BeEmpty())
		Expect(tc.Function.Name).To(Equal("transfer_to_human"))
		var args struct{ Summary, Reason, Language string }
		Expect(json.Unmarshal([]byte(tc.Function.Arguments), &args)).To(Succeed())
		Expect(args.Summary).To(ContainSubstring("Can I talk to a real person please?"))
		Expect(args.Reason).To(Equal("customer asked for a human"))
		Expect(args.Language).To(Equal("en"))
	})

	It("accepts content given as parts", func() {
		resp, body := post(`{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"How do I track my parcel?"}]}]}`)
		Expect(resp.StatusCode).To(Equal(http.StatusOK))
		Expect(body).To(HaveKeyWithValue("choices", ContainElement(HaveKeyWithValue("message", HaveKeyWithValue("content", ContainSubstring("swiftparcel.example/track"))))))
	})

	Describe("over the whole bundled library", func() {
		lib, err := library()
		It("loads the library", func() { Expect(err).NotTo(HaveOccurred()) })
		if err != nil {
			return
		}
		for _, c := range lib.Cases {
			It("replies to "+c.ID+" exactly as the embedded bot does", func(ctx SpecContext) {
				embedded, err := replay(ctx, demobot.New(), c)
				Expect(err).NotTo(HaveOccurred())
				remote, err := replay(ctx, openaiTarget{client}, c)
				Expect(err).NotTo(HaveOccurred())
				Expect(remote).To(HaveLen(len(embedded)))
				for i := range embedded {
					Expect(remote[i].reply).To(Equal(embedded[i].reply), "turn %d", i+1)
					Expect(remote[i].structured).To(Equal(embedded[i].structured), "turn %d handoff", i+1)
				}
				Expect(violations(c, remote)).To(BeEmpty())
			})
		}
	})

	Describe("bad requests", func() {
		expectError := func(resp *http.Response, body map[string]any, status int, message string) {
			GinkgoHelper()
			Expect(resp.StatusCode).To(Equal(status))
			Expect(body).To(HaveKey("error"))
			e := body["error"].(map[string]any)
			Expect(e).To(HaveKeyWithValue("type", "invalid_request_error"))
			Expect(e).To(HaveKeyWithValue("message", ContainSubstring(message)))
			Expect(e).To(HaveKey("param"))
			Expect(e).To(HaveKey("code"))
		}

		It("rejects malformed JSON with a 400 OpenAI-style error", func() {
			resp, body := post(`{"model": "x", "messages": [`)
			expectError(resp, body, http.StatusBadRequest, "invalid JSON body")
		})
		It("rejects trailing garbage", func() {
			resp, body := post(`{"messages":[{"role":"user","content":"hi"}]} {"again":1}`)
			expectError(resp, body, http.StatusBadRequest, "unexpected data")
		})
		It("rejects a request without messages", func() {
			resp, body := post(`{"model":"x","messages":[]}`)
			expectError(resp, body, http.StatusBadRequest, "messages: must contain at least one message")
		})
		It("rejects a conversation with no user message", func() {
			resp, body := post(`{"messages":[{"role":"system","content":"be nice"}]}`)
			expectError(resp, body, http.StatusBadRequest, "no user message")
		})
		It("rejects a message that is not a chat message", func() {
			resp, body := post(`{"messages":[42]}`)
			expectError(resp, body, http.StatusBadRequest, "messages[0]")
		})
		It("rejects streaming, which it does not support", func() {
			resp, body := post(`{"stream":true,"messages":[{"role":"user","content":"hi"}]}`)
			expectError(resp, body, http.StatusBadRequest, "streaming is not supported")
		})
		It("surfaces as an *openai.APIError with status 400 in go-openai", func(ctx SpecContext) {
			_, err := client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{Model: "x", Messages: []openai.ChatCompletionMessage{{Role: "system", Content: "only a system prompt"}}})
			var apiErr *openai.APIError
			Expect(errors.As(err, &apiErr)).To(BeTrue(), "%v", err)
			Expect(apiErr.HTTPStatusCode).To(Equal(http.StatusBadRequest))
			Expect(apiErr.Message).To(ContainSubstring("no user message"))
		})
		It("answers other methods with 405 and unknown paths with 404, as JSON", func() {
			resp, err := http.Get(srv.URL + "/v1/chat/completions")
			Expect(err).NotTo(HaveOccurred())
			resp.Body.Close()
			Expect(resp.StatusCode).To(Equal(http.StatusMethodNotAllowed))
			Expect(resp.Header.Get("Allow")).To(Equal("POST"))
			resp, err = http.Get(srv.URL + "/v1/embeddings")
			Expect(err).NotTo(HaveOccurred())
			resp.Body.Close()
			Expect(resp.StatusCode).To(Equal(http.StatusNotFound))
			Expect(resp.Header.Get("Content-Type")).To(HavePrefix("application/json"))
		})
	})

	It("lists its model", func(ctx SpecContext) {
		models, err := client.ListModels(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(models.Models).To(HaveLen(1))
		Expect(models.Models[0].ID).To(Equal(demobot.ModelName))
	})

	It("reports health, flaws and latency", func() {
		flawed := httptest.NewServer(demobot.New(demobot.Rude, demobot.AirCanada).Handler())
		defer flawed.Close()
		resp, err := http.Get(flawed.URL + "/healthz")
		Expect(err).NotTo(HaveOccurred())
		defer resp.Body.Close()
		Expect(resp.StatusCode).To(Equal(http.StatusOK))
		var v map[string]any
		Expect(json.NewDecoder(resp.Body).Decode(&v)).To(Succeed())
		Expect(v).To(HaveKeyWithValue("status", "ok"))
		Expect(v).To(HaveKeyWithValue("flaws", ConsistOf("air-canada", "rude")))
	})

	It("honours the request's context while it waits out its latency", func() {
		slow := httptest.NewServer(demobot.New().WithLatency(time.Minute).Handler())
		defer slow.Close()
		cfg := openai.DefaultConfig("k")
		cfg.BaseURL = slow.URL + "/v1"
		c := openai.NewClientWithConfig(cfg)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := c.CreateChatCompletion(ctx, openai.ChatCompletionRequest{Model: "x", Messages: []openai.ChatCompletionMessage{{Role: "user", Content: "hi"}}})
		Expect(err).To(HaveOccurred())
		Expect(time.Since(start)).To(BeNumerically("<", 5*time.Second))
	})
})
