// Package simulate has a model play the customer of a case that gives a
// persona and a goal (suite.Simulation). The customer model speaks through
// any OpenAI-compatible chat endpoint; its lines are checked so a simulator
// that breaks its brief (steps out of persona, invents facts it was not
// given, never ends) is reported as the simulator's error, not the bot's.
package simulate

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cenkalti/backoff/v5"
	openai "github.com/sashabaranov/go-openai"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// EndMarker is what the customer model writes when the conversation is over.
const EndMarker = "[END]"

// PromptVersion changes whenever the customer brief changes meaning.
const PromptVersion = "customer/1"

// Config says which model plays the customers.
type Config struct {
	Model   string
	BaseURL string
	// APIKey is sent as a bearer token, or in an api-key header with
	// APIType azure; it never appears in errors or printed configuration.
	APIKey string
	// APIType is suite.APITypeOpenAI (the default), suite.APITypeAzure or
	// suite.APITypeAzureAD,
	// for which Model names the deployment and BaseURL is required.
	APIType string
	// APIVersion is the Azure OpenAI API version, required with APIType
	// azure and refused otherwise.
	APIVersion string
	// Timeout bounds one request (default 60s); Retries bounds retries of
	// 429, 5xx and transport errors (default 3).
	Timeout time.Duration
	Retries int
	// InitialBackoff is the first wait between retries (default 500ms).
	InitialBackoff time.Duration
	Seed           int
}

// Customer is a model-played customer; it implements replay.Customer.
type Customer struct {
	cfg    Config
	client *openai.Client
	// reasoning is true for a model that refuses max_tokens (see
	// suite.ReasoningModel), known by name or learnt from its refusal.
	reasoning atomic.Bool
}

// New returns a customer played by cfg.Model.
func New(cfg Config) (*Customer, error) {
	if cfg.Model == "" {
		return nil, errors.New("simulator: no model (set --simulator-model or --judge-model)")
	}
	if cfg.APIType == "" {
		cfg.APIType = suite.APITypeOpenAI
	}
	if err := suite.CheckEndpoint(cfg.APIType, cfg.BaseURL, cfg.APIVersion); err != nil {
		return nil, fmt.Errorf("simulator: %w", err)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://api.openai.com/v1"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.Retries <= 0 {
		cfg.Retries = 3
	}
	if cfg.InitialBackoff <= 0 {
		cfg.InitialBackoff = 500 * time.Millisecond
	}
	oc := target.OpenAIClientConfig(cfg.APIType, cfg.APIKey, strings.TrimRight(cfg.BaseURL, "/"), cfg.APIVersion)
	oc.HTTPClient = &http.Client{}
	cu := &Customer{cfg: cfg, client: openai.NewClientWithConfig(oc)}
	cu.reasoning.Store(suite.ReasoningModel(cfg.Model))
	return cu, nil
}

// String prints the configuration without the API key.
func (c Config) String() string {
	key := ""
	if c.APIKey != "" {
		key = "[redacted]"
	}
	return fmt.Sprintf("simulate.Config{Model:%q BaseURL:%q APIType:%q APIVersion:%q APIKey:%q}", c.Model, c.BaseURL, c.APIType, c.APIVersion, key)
}

// GoString is String, so %#v does not print the key either.
func (c Config) GoString() string { return c.String() }

// scrub keeps the API key out of an error, should the endpoint echo it.
func (cu *Customer) scrub(err error) error {
	k := cu.cfg.APIKey
	if len(k) < 4 || !strings.Contains(err.Error(), k) {
		return err
	}
	return &scrubbed{msg: strings.ReplaceAll(err.Error(), k, "[redacted]"), err: err}
}

// scrubbed is an error with the key taken out of its text; errors.Is and
// errors.As still see the cause (a cancelled context, say).
type scrubbed struct {
	msg string
	err error
}

func (e *scrubbed) Error() string { return e.msg }
func (e *scrubbed) Unwrap() error { return e.err }

// Brief is the system prompt that casts the model as the customer.
func Brief(c *suite.Case) string {
	sim := c.Simulate
	var b strings.Builder
	b.WriteString("You are role-playing a CUSTOMER writing to a company's support chat. You are not an assistant.\n")
	fmt.Fprintf(&b, "Who you are: %s\n", sim.Persona)
	fmt.Fprintf(&b, "What you want: %s\n", sim.Goal)
	if len(sim.Knows) > 0 {
		b.WriteString("Facts you know and may state (state no other numbers, names, dates or references):\n")
		for _, k := range sim.Knows {
			fmt.Fprintf(&b, "- %s\n", k)
		}
	} else {
		b.WriteString("You know no account numbers, amounts, dates or references: do not make any up.\n")
	}
	if c.Language != "" {
		fmt.Fprintf(&b, "Write in the language with code %q.\n", c.Language)
	}
	b.WriteString("Write one short chat message per turn, in character, and nothing else. ")
	fmt.Fprintf(&b, "When your goal is met, or you give up, reply with exactly %s and nothing else.", EndMarker)
	return b.String()
}

// Next asks the model for the customer's next message. The bot's replies
// are the model's "user" messages and the customer's own lines its
// "assistant" messages, so the model stays on the customer's side.
func (cu *Customer) Next(ctx context.Context, c *suite.Case, history []target.Message) (string, bool, error) {
	msgs := []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleSystem, Content: Brief(c)}}
	for _, m := range history {
		role := openai.ChatMessageRoleAssistant // the customer's own line
		if m.Role == "assistant" {
			role = openai.ChatMessageRoleUser // the bot speaking to the customer
		}
		msgs = append(msgs, openai.ChatCompletionMessage{Role: role, Content: m.Content})
	}
	if len(history) == 0 {
		msgs = append(msgs, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: "(The support chat opens. Write your first message.)"})
	}
	seed := cu.cfg.Seed
	for {
		text, err := cu.ask(ctx, msgs, seed)
		var pe *paramError
		if errors.As(err, &pe) && !cu.reasoning.Load() {
			cu.reasoning.Store(true)
			continue
		}
		if err != nil {
			return "", false, cu.scrub(err)
		}
		return Check(c, history, text)
	}
}

// A reasoning model spends part of its completion tokens thinking, so its
// cap is higher than the few hundred a chat message needs.
const (
	maxTokens          = 400
	maxReasoningTokens = 4000
)

// paramError is a model refusing max_tokens, as the reasoning models do.
type paramError struct{ err error }

func (e *paramError) Error() string { return e.err.Error() }

// ask makes one request for the customer's next line, retrying passing
// failures.
func (cu *Customer) ask(ctx context.Context, msgs []openai.ChatCompletionMessage, seed int) (string, error) {
	req := openai.ChatCompletionRequest{Model: cu.cfg.Model, Messages: msgs, Seed: &seed, MaxTokens: maxTokens}
	if cu.reasoning.Load() {
		req.MaxTokens, req.MaxCompletionTokens = 0, maxReasoningTokens
	}
	op := func() (string, error) {
		rctx, cancel := context.WithTimeout(ctx, cu.cfg.Timeout)
		defer cancel()
		resp, err := cu.client.CreateChatCompletion(rctx, req)
		if err != nil {
			if ctx.Err() != nil {
				return "", backoff.Permanent(ctx.Err())
			}
			var apiErr *openai.APIError
			var reqErr *openai.RequestError
			switch {
			case errors.As(err, &apiErr) && apiErr.HTTPStatusCode == 400 && !cu.reasoning.Load() && refusesMaxTokens(apiErr.Message):
				return "", backoff.Permanent(&paramError{err})
			case errors.As(err, &apiErr) && !retryable(apiErr.HTTPStatusCode):
				return "", backoff.Permanent(fmt.Errorf("model endpoint answered %d: %s", apiErr.HTTPStatusCode, apiErr.Message))
			case errors.As(err, &reqErr) && !retryable(reqErr.HTTPStatusCode):
				return "", backoff.Permanent(fmt.Errorf("model endpoint answered %d", reqErr.HTTPStatusCode))
			}
			return "", err
		}
		if len(resp.Choices) == 0 {
			return "", backoff.Permanent(errors.New("model returned no choices"))
		}
		return resp.Choices[0].Message.Content, nil
	}
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = cu.cfg.InitialBackoff
	return backoff.Retry(ctx, op, backoff.WithBackOff(b), backoff.WithMaxTries(uint(cu.cfg.Retries+1)))
}

// refusesMaxTokens reports a refusal naming max_tokens ("Unsupported
// parameter: 'max_tokens' is not supported with this model").
func refusesMaxTokens(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "unsupported") && strings.Contains(m, "max_tokens")
}

func retryable(code int) bool { return code == 0 || code == 408 || code == 429 || code >= 500 }

var (
	outOfPersona = regexp.MustCompile(`(?i)\b(?:as an ai|i am an ai|i'm an ai|language model|as the customer,|i am role-?playing|my instructions)\b`)
	// figure: numbers a customer might invent (amounts, references, dates).
	figure = regexp.MustCompile(`\d[\d.,/:\-]*\d|\d`)
)

// Check validates one line of the customer model against its brief: the
// end marker ends the conversation; an empty line, a line out of persona,
// or a figure the customer was never given is the simulator's error.
func Check(c *suite.Case, history []target.Message, text string) (string, bool, error) {
	text = strings.TrimSpace(text)
	if strings.Contains(text, EndMarker) {
		return "", true, nil
	}
	if text == "" {
		return "", false, errors.New("the customer model wrote nothing and no end marker")
	}
	if m := outOfPersona.FindString(text); m != "" {
		return "", false, fmt.Errorf("the customer model stepped out of persona (%q)", m)
	}
	known := knownText(c, history)
	for _, f := range figure.FindAllString(text, -1) {
		if _, err := strconv.Atoi(f); err == nil && len(f) == 1 {
			continue // "1 parcel", "2 bags": small counts are not facts
		}
		if !strings.Contains(known, f) {
			return "", false, fmt.Errorf("the customer model invented %q, which its brief does not give", f)
		}
	}
	return text, false, nil
}

// knownText is everything the customer may legitimately repeat.
func knownText(c *suite.Case, history []target.Message) string {
	var b strings.Builder
	b.WriteString(c.Simulate.Persona + "\n" + c.Simulate.Goal + "\n")
	for _, k := range c.Simulate.Knows {
		b.WriteString(k + "\n")
	}
	for _, t := range c.Turns {
		b.WriteString(t.User + "\n")
	}
	for _, m := range history {
		b.WriteString(m.Content + "\n")
	}
	return b.String()
}
