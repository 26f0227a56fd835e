// Package measure holds what the benchmark programs share: a local demo bot
// on loopback that counts what it serves, and a way to run a tool as a child
// process and read its wall time, CPU time and peak RSS.
package measure

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tribunal-eval/tribunal/demobot"
)

// Bot is the demo bot served over HTTP on 127.0.0.1 with a fixed latency
// (OpenAI chat completions at URL+"/v1/chat/completions").
//
// Memoized (the default of the benchmark programs), it answers each
// conversation the demo bot has answered before with the same response
// body, computed once: the replies are the demo bot's, but its rule
// engine's CPU time, which shares the machine with the tool under test, is
// spent once per distinct conversation rather than on every request (and
// before the measurement, with Warm). What is left per request is kept
// small for the same reason: its own HTTP/1.1 server (server.go), no
// reflection to read the request, no allocation to look the answer up, no
// lock to count it, the response written in one piece.
type Bot struct {
	URL string

	srv      *http.Server // the demo bot itself, when not memoized
	ms       *memoServer  // when memoized
	memo     *memo        // nil when not memoized
	epoch    time.Time
	requests atomic.Int64
	inflight atomic.Int64
	peak     atomic.Int64
	// first and last are offsets from epoch plus one (0: none yet); serving
	// sums the requests' durations.
	first, last, serving atomic.Int64
}

// StartBot starts the demo bot with the given per-reply latency, memoized
// or not.
func StartBot(latency time.Duration, memoized bool) (*Bot, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	b := &Bot{URL: "http://" + ln.Addr().String(), epoch: time.Now()}
	if memoized {
		b.memo = &memo{bot: demobot.New().Handler(), latency: latency, cache: map[string]*memoEntry{}}
		b.ms = &memoServer{bot: b, ln: ln, conns: map[net.Conn]struct{}{}, done: make(chan struct{})}
		b.ms.clock = startClock(b.ms.done)
		go b.ms.serve()
		return b, nil
	}
	h := demobot.New().WithLatency(latency).Handler()
	b.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := b.begin()
		h.ServeHTTP(w, r)
		b.end(start)
	}), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = b.srv.Serve(ln) }()
	return b, nil
}

// begin counts a request in; its result goes to end.
func (b *Bot) begin() int64 {
	start := int64(time.Since(b.epoch)) + 1
	b.first.CompareAndSwap(0, start)
	n := b.inflight.Add(1)
	for p := b.peak.Load(); n > p && !b.peak.CompareAndSwap(p, n); p = b.peak.Load() {
	}
	return start
}

// end counts a request out, once its reply is written.
func (b *Bot) end(start int64) {
	b.inflight.Add(-1)
	b.requests.Add(1)
	done := int64(time.Since(b.epoch)) + 1
	for l := b.last.Load(); done > l && !b.last.CompareAndSwap(l, done); l = b.last.Load() {
	}
	b.serving.Add(done - start)
}

// Warm computes the demo bot's answer to every prefix of each conversation
// (the customer's turns, in order) ahead of the measurement, when the bot
// is memoized.
func (b *Bot) Warm(conversations [][]string) error {
	if b.memo == nil {
		return nil
	}
	for _, turns := range conversations {
		var msgs []chatMessage
		for _, u := range turns {
			msgs = append(msgs, chatMessage{Role: "user", Content: u})
			e, err := b.memo.answer(msgs)
			if err != nil {
				return err
			}
			var resp struct {
				Choices []struct {
					Message struct {
						Content string `json:"content"`
					} `json:"message"`
				} `json:"choices"`
			}
			if err := json.Unmarshal(e.body, &resp); err != nil || len(resp.Choices) == 0 {
				return fmt.Errorf("warming the bot: unexpected answer %q", e.body)
			}
			msgs = append(msgs, chatMessage{Role: "assistant", Content: resp.Choices[0].Message.Content})
		}
	}
	return nil
}

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// memo serves the demo bot's 200 responses from a cache keyed by the
// conversation (the user and assistant messages' roles and texts), after
// waiting latency.
type memo struct {
	bot     http.Handler
	latency time.Duration
	mu      sync.RWMutex
	cache   map[string]*memoEntry // conversation key -> answer
}

// memoEntry is a cached answer: the demo bot's body, and the whole HTTP
// response ready to write.
type memoEntry struct {
	body, response []byte
}

// appendKey adds one message to a conversation key: role and text, each
// followed by a NUL.
func appendKey(key []byte, role string, content []byte) []byte {
	key = append(key, role...)
	key = append(key, 0)
	key = append(key, content...)
	return append(key, 0)
}

func conversationKey(msgs []chatMessage) string {
	var key []byte
	for _, m := range msgs {
		key = appendKey(key, m.Role, []byte(m.Content))
	}
	return string(key)
}

// answer returns the cached answer for msgs, computing it once.
func (m *memo) answer(msgs []chatMessage) (*memoEntry, error) {
	k := conversationKey(msgs)
	if e := m.lookup([]byte(k)); e != nil {
		return e, nil
	}
	body, _ := json.Marshal(map[string]any{"model": demobot.ModelName, "messages": msgs})
	rec := httptest.NewRecorder()
	m.bot.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/chat/completions", bytes.NewReader(body)))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("demo bot: HTTP %d: %s", rec.Code, rec.Body.String())
	}
	out := rec.Body.Bytes()
	e := &memoEntry{body: out, response: okResponse(out)}
	m.mu.Lock()
	m.cache[k] = e
	m.mu.Unlock()
	return e, nil
}

func (m *memo) lookup(key []byte) *memoEntry {
	m.mu.RLock()
	e := m.cache[string(key)] // indexing with string(bytes) does not allocate
	m.mu.RUnlock()
	return e
}

// memoBuffers are what a connection reuses across its requests: body and
// conversation key buffers, and its place in the bot's clock.
type memoBuffers struct {
	body, key []byte
	clock     *clock
	delay     *delay
}

// maxRequest bounds a request body, as the demo bot does.
const maxRequest = 1 << 20

// splitKey turns a conversation key back into its messages.
func splitKey(key []byte) []chatMessage {
	var msgs []chatMessage
	parts := strings.Split(string(key), "\x00")
	for i := 0; i+1 < len(parts); i += 2 {
		msgs = append(msgs, chatMessage{Role: parts[i], Content: parts[i+1]})
	}
	return msgs
}

// decodeConversation is the general way to read a chat completions request
// into a conversation key: any JSON, any content. A content that is not a
// string (a list of parts) is keyed by its JSON text.
func decodeConversation(body, key []byte) ([]byte, error) {
	var req struct {
		Messages []struct {
			Role    string          `json:"role"`
			Content json.RawMessage `json:"content"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return key, err
	}
	for _, raw := range req.Messages {
		if raw.Role != "user" && raw.Role != "assistant" {
			continue // the demo bot reads only these
		}
		var text string
		if json.Unmarshal(raw.Content, &text) != nil {
			text = string(raw.Content)
		}
		key = appendKey(key, raw.Role, []byte(text))
	}
	return key, nil
}

// Reset zeroes the counters between runs.
func (b *Bot) Reset() {
	b.requests.Store(0)
	b.peak.Store(0)
	b.first.Store(0)
	b.last.Store(0)
	b.serving.Store(0)
}

// Stats are what the bot saw since the last Reset.
type Stats struct {
	Requests int64
	// PeakInFlight is the most requests the bot was answering at once.
	PeakInFlight int64
	// MeanInFlight is the average number of requests it was answering
	// while busy: how well the client kept it fed.
	MeanInFlight float64
	// Busy is the span from the first request's arrival to the last reply.
	Busy time.Duration
	// MeanServing is how long the bot took over a request on average, its
	// latency included: what a client could at best see.
	MeanServing time.Duration
	// First and Last are when the first request arrived and the last reply
	// went out (zero when there was none).
	First, Last time.Time
}

// Stats returns what the bot saw since the last Reset.
func (b *Bot) Stats() Stats {
	s := Stats{Requests: b.requests.Load(), PeakInFlight: b.peak.Load()}
	first, last := b.first.Load(), b.last.Load()
	if first == 0 || last == 0 {
		return s
	}
	s.First = b.epoch.Add(time.Duration(first - 1))
	s.Last = b.epoch.Add(time.Duration(last - 1))
	s.Busy = s.Last.Sub(s.First)
	if s.Busy > 0 {
		s.MeanInFlight = float64(b.serving.Load()) / float64(s.Busy)
	}
	if s.Requests > 0 {
		s.MeanServing = time.Duration(b.serving.Load() / s.Requests)
	}
	return s
}

// Close stops the bot.
func (b *Bot) Close() error {
	if b.ms != nil {
		return b.ms.close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return b.srv.Shutdown(ctx)
}

// Result is one child process's run.
type Result struct {
	Wall      time.Duration
	User, Sys time.Duration
	// MaxRSS is the peak resident set size of the child's program, in
	// bytes: the highest VmHWM read while it ran (every 20 ms, so growth in
	// its last moments can be missed). wait4's rusage is no use here: Linux
	// starts a child's maxrss at its parent's peak (the child is forked from
	// this process, which holds the bot's replies), so a small run would
	// report this process's size. Where /proc is missing it falls back to
	// rusage.
	MaxRSS   int64
	ExitCode int
	Stderr   string
	// samples are CPU readings taken while it ran (see CPUBetween).
	samples []cpuSample
}

// Run runs name with args as a child process in dir with env added to
// the environment, and measures it, sampling CPU times as it runs. A non-zero exit is not an error: the
// caller decides what the code means.
func Run(dir string, env []string, name string, args ...string) (Result, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stdout = &stderr
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Result{}, err
	}
	sampler := startSampler(cmd.Process.Pid, 20*time.Millisecond)
	err := cmd.Wait()
	wall := time.Since(start)
	samples, hwm := sampler.finish()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return Result{}, err
	}
	res := Result{Wall: wall, ExitCode: cmd.ProcessState.ExitCode(), Stderr: stderr.String(), samples: samples}
	res.User, res.Sys = cmd.ProcessState.UserTime(), cmd.ProcessState.SystemTime()
	res.MaxRSS = childMaxRSS(cmd.ProcessState)
	if hwm > 0 {
		res.MaxRSS = hwm
	}
	return res, nil
}

// BuildTribunal builds cmd/tribunal into dir and returns the binary's path.
func BuildTribunal(dir string) (string, error) {
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "tribunal")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/tribunal")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/tribunal: %v\n%s", err, out)
	}
	return bin, nil
}

// ModuleRoot is the folder of tribunal's go.mod.
func ModuleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run the benchmarks from inside the tribunal module")
	}
	return filepath.Dir(mod), nil
}

// LoadAvg is the 1-minute load average from /proc/loadavg ("?" elsewhere):
// other work on the machine slows every measurement down.
func LoadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(data))[0]
}

// MB formats bytes as mebibytes.
func MB(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

// Secs formats a duration as seconds with two decimals.
func Secs(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }
