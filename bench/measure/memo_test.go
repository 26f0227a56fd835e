package measure

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// requestBodies are chat completions requests as harnesses send them, and
// the odd shapes the scanner must either read as encoding/json does or
// leave to it.
var requestBodies = []string{
	`{"model":"default","messages":[{"role":"user","content":"Where is my bag?"}]}`,
	`{"model":"default","messages":[{"role":"system","content":"Be kind."},{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"},{"role":"user","content":"Où est mon sac ? 🧳"}]}`,
	`{ "messages" : [ { "content" : "Bonjour" , "role" : "user" } ] , "temperature" : 0.2, "stop": ["\n"], "metadata": {"a": [1, {"b": "}"}]} }`,
	`{"messages":[{"role":"user","content":"Tom \u0026 Jerry \u003cb\u003e \"quoted\"\nnew line \ud83d\ude00"}]}`,
	`{"messages":[{"role":"user","content":[{"type":"text","text":"parts"}]}]}`,
	`{"messages":[{"role":"user","content":null},{"role":"assistant"},{"role":"user","content":42}]}`,
	`{"messages":[{"role":"user","content":"first","content":"second"}]}`,
	`{"messages":[{"role":"tool","content":"x"},{"role":"","content":"y"},{"role":null,"content":"z"},{"content":"w"}]}`,
	`{"messages":null}`,
	`{"model":"m"}`,
	`{"messages":[]}`,
	"{\"messages\":[{\"role\":\"user\",\"content\":\"bad \xff utf-8\"}]}",
	`{"Messages":[{"role":"user","content":"cased key"}]}`,
	`{"messages":[{"Role":"user","content":"cased role"}]}`,
	`{"messages":[{"role":"us\u0065r","content":"escaped role"}]}`,
	`{"mess\u0061ges":[{"role":"user","content":"escaped key"}]}`,
	`{"messages":[{"role":"user","content":"a"}],"messages":[{"role":"user"}]}`,
	`{"messages":[null,{"role":"user","content":"after null"}]}`,
	`{"messages":[{"role":1,"content":"x"}]}`,
	`{"messages":{"role":"user"}}`,
	`{"messages":[{"role":"user","content":"unterminated"}`,
	`{"messages":[{"role":"user","content":"x"}]} trailing`,
	``,
	`[]`,
}

var _ = Describe("the memoized bot's request reading", func() {
	It("keys every body it accepts as encoding/json reads it", func() {
		accepted := 0
		for _, body := range requestBodies {
			key, ok := scanConversation([]byte(body), nil)
			if !ok {
				continue
			}
			accepted++
			want, err := decodeConversation([]byte(body), nil)
			Expect(err).NotTo(HaveOccurred(), body)
			Expect(string(key)).To(Equal(string(want)), body)
		}
		Expect(accepted).To(BeNumerically(">=", 10), "the usual shapes take the fast path")
	})

	It("takes the fast path for what a harness sends", func() {
		for _, body := range requestBodies[:4] {
			_, ok := scanConversation([]byte(body), nil)
			Expect(ok).To(BeTrue(), body)
		}
	})

	It("answers a conversation it was warmed with, and one it was not, with the demo bot's reply", func() {
		bot, err := StartBot(time.Millisecond, true)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(bot.Close)
		Expect(bot.Warm([][]string{{"Hi, my bag did not arrive."}})).To(Succeed())
		Expect(bot.memo.cache).To(HaveLen(1))

		post := func(body string) (int, map[string]any) {
			resp, err := http.Post(bot.URL+"/v1/chat/completions", "application/json", strings.NewReader(body))
			Expect(err).NotTo(HaveOccurred())
			defer resp.Body.Close()
			data, err := io.ReadAll(resp.Body)
			Expect(err).NotTo(HaveOccurred())
			var out map[string]any
			_ = json.Unmarshal(data, &out)
			return resp.StatusCode, out
		}
		code, warm := post(`{"model":"x","messages":[{"role":"user","content":"Hi, my bag did not arrive."}]}`)
		Expect(code).To(Equal(http.StatusOK))
		Expect(warm).To(HaveKey("choices"))
		Expect(bot.memo.cache).To(HaveLen(1), "served from the cache")

		code, cold := post(`{"messages":[{"role":"system","content":"ignored"},{"role":"user","content":"Can I change my flight?"}]}`)
		Expect(code).To(Equal(http.StatusOK))
		Expect(cold).To(HaveKey("choices"))
		Expect(bot.memo.cache).To(HaveLen(2), "computed once, then cached")

		code, _ = post(`{"messages":[`)
		Expect(code).To(Equal(http.StatusBadRequest))

		st := bot.Stats()
		Expect(st.Requests).To(BeEquivalentTo(3))
		Expect(st.Last).To(BeTemporally(">=", st.First))
		Expect(st.Busy).To(BeNumerically(">", 0))
	})
})

// FuzzScanConversation checks, on any body, that the fast reader either
// declines or agrees with encoding/json.
//
//	go test -run='^$' -fuzz=FuzzScanConversation -fuzztime=60s ./bench/measure/
func FuzzScanConversation(f *testing.F) {
	for _, b := range requestBodies {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		key, ok := scanConversation(body, nil)
		if !ok {
			return
		}
		want, err := decodeConversation(body, nil)
		if err != nil {
			t.Fatalf("fast path accepted what encoding/json refuses (%v): %q", err, body)
		}
		if !bytes.Equal(key, want) {
			t.Fatalf("keys differ for %q:\n fast %q\n json %q", body, key, want)
		}
	})
}
