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
	"syscall"
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
// before the measurement, with Warm).
type Bot struct {
	URL string

	srv      *http.Server
	memo     *memo // nil when not memoized
	requests atomic.Int64
	inflight atomic.Int64
	peak     atomic.Int64
	mu       sync.Mutex
	first    time.Time
	last     time.Time
	serving  time.Duration // summed over requests
}

// StartBot starts the demo bot with the given per-reply latency, memoized
// or not.
func StartBot(latency time.Duration, memoized bool) (*Bot, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	b := &Bot{URL: "http://" + ln.Addr().String()}
	h := demobot.New().WithLatency(latency).Handler()
	if memoized {
		b.memo = &memo{bot: demobot.New().Handler(), latency: latency}
		h = b.memo
	}
	b.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		b.mu.Lock()
		if b.first.IsZero() {
			b.first = now
		}
		b.mu.Unlock()
		n := b.inflight.Add(1)
		for p := b.peak.Load(); n > p && !b.peak.CompareAndSwap(p, n); p = b.peak.Load() {
		}
		h.ServeHTTP(w, r)
		b.inflight.Add(-1)
		b.requests.Add(1)
		done := time.Now()
		b.mu.Lock()
		if done.After(b.last) {
			b.last = done
		}
		b.serving += done.Sub(now)
		b.mu.Unlock()
	}), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = b.srv.Serve(ln) }()
	return b, nil
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
			body, err := b.memo.answer(msgs)
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
			if err := json.Unmarshal(body, &resp); err != nil || len(resp.Choices) == 0 {
				return fmt.Errorf("warming the bot: unexpected answer %q", body)
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
// conversation (the messages' roles and texts), after waiting latency.
type memo struct {
	bot     http.Handler
	latency time.Duration
	cache   sync.Map // conversation key -> []byte
}

func conversationKey(msgs []chatMessage) string {
	var key strings.Builder
	for _, m := range msgs {
		key.WriteString(m.Role)
		key.WriteByte(0)
		key.WriteString(m.Content)
		key.WriteByte(0)
	}
	return key.String()
}

// answer returns the cached response body for msgs, computing it once.
func (m *memo) answer(msgs []chatMessage) ([]byte, error) {
	k := conversationKey(msgs)
	if cached, ok := m.cache.Load(k); ok {
		return cached.([]byte), nil
	}
	body, _ := json.Marshal(map[string]any{"model": demobot.ModelName, "messages": msgs})
	rec := httptest.NewRecorder()
	m.bot.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/chat/completions", bytes.NewReader(body)))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("demo bot: HTTP %d: %s", rec.Code, rec.Body.String())
	}
	out := rec.Body.Bytes()
	m.cache.Store(k, out)
	return out, nil
}

func (m *memo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Messages []struct {
			Role    string          `json:"role"`
			Content json.RawMessage `json:"content"`
		} `json:"messages"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	msgs := make([]chatMessage, 0, len(req.Messages))
	for _, raw := range req.Messages {
		if raw.Role != "user" && raw.Role != "assistant" {
			continue // the demo bot reads only these
		}
		var text string
		if json.Unmarshal(raw.Content, &text) != nil {
			text = string(raw.Content)
		}
		msgs = append(msgs, chatMessage{Role: raw.Role, Content: text})
	}
	if m.latency > 0 {
		t := time.NewTimer(m.latency)
		select {
		case <-r.Context().Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
	body, err := m.answer(msgs)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// Reset zeroes the counters between runs.
func (b *Bot) Reset() {
	b.requests.Store(0)
	b.peak.Store(0)
	b.mu.Lock()
	b.first, b.last, b.serving = time.Time{}, time.Time{}, 0
	b.mu.Unlock()
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
}

// Stats returns what the bot saw since the last Reset.
func (b *Bot) Stats() Stats {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := Stats{Requests: b.requests.Load(), PeakInFlight: b.peak.Load()}
	if !b.first.IsZero() {
		s.Busy = b.last.Sub(b.first)
		if s.Busy > 0 {
			s.MeanInFlight = float64(b.serving) / float64(s.Busy)
		}
	}
	return s
}

// Close stops the bot.
func (b *Bot) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return b.srv.Shutdown(ctx)
}

// Result is one child process's run.
type Result struct {
	Wall      time.Duration
	User, Sys time.Duration
	// MaxRSS is the peak resident set size of the child (and of any
	// descendants it waited for), in bytes, from wait4's rusage.
	MaxRSS   int64
	ExitCode int
	Stderr   string
}

// Run runs name with args as a child process in dir with env added to
// the environment, and measures it. A non-zero exit is not an error: the
// caller decides what the code means.
func Run(dir string, env []string, name string, args ...string) (Result, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stdout = &stderr
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return Result{}, err
	}
	res := Result{Wall: wall, ExitCode: cmd.ProcessState.ExitCode(), Stderr: stderr.String()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.MaxRSS = ru.Maxrss * 1024 // Linux reports KiB
		res.User = time.Duration(ru.Utime.Nano())
		res.Sys = time.Duration(ru.Stime.Nano())
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
