package llm

import (
	"strings"
	"sync"

	"github.com/pkoukk/tiktoken-go"
	tiktoken_loader "github.com/pkoukk/tiktoken-go-loader"
	openai "github.com/sashabaranov/go-openai"
)

// Token counts are made offline with the BPE tables embedded in
// tiktoken-go-loader: o200k_base for the GPT-4o/4.1/5 and o-series models,
// cl100k_base for everything else (an approximation for local models).

var (
	loaderOnce sync.Once
	encoders   sync.Map // encoding name -> *encoderOnce
)

type encoderOnce struct {
	once sync.Once
	enc  *tiktoken.Tiktoken
}

func encodingFor(model string) string {
	m := strings.ToLower(model)
	for _, p := range []string{"gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4"} {
		if strings.HasPrefix(m, p) {
			return "o200k_base"
		}
	}
	return "cl100k_base"
}

func encoder(model string) *tiktoken.Tiktoken {
	loaderOnce.Do(func() { tiktoken.SetBpeLoader(tiktoken_loader.NewOfflineLoader()) })
	name := encodingFor(model)
	v, _ := encoders.LoadOrStore(name, &encoderOnce{})
	e := v.(*encoderOnce)
	e.once.Do(func() {
		enc, err := tiktoken.GetEncoding(name)
		if err == nil {
			e.enc = enc
		}
	})
	return e.enc
}

// countText returns the tokens in s, or a rough len/4 when no encoding
// loads.
func countText(model, s string) int {
	if s == "" {
		return 0
	}
	if enc := encoder(model); enc != nil {
		return len(enc.EncodeOrdinary(s))
	}
	return (len(s) + 3) / 4
}

// countMessages estimates a chat request's prompt tokens the way OpenAI's
// cookbook does: each message costs its role and content plus 3, and the
// reply is primed with 3 more.
func countMessages(model string, msgs []openai.ChatCompletionMessage) int {
	n := 3
	for _, m := range msgs {
		n += 3 + countText(model, m.Role) + countText(model, m.Content)
	}
	return n
}
