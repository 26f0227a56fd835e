package cli_test

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// faultFiles are the bundled library's first case files (36 cases at the
// time of writing): enough variety for the fault specs, and a fixed size as
// the library grows.
var faultFiles = map[string]bool{
	"cases/airline/bereavement.yaml": true, "cases/airline/boundaries.yaml": true, "cases/airline/faq.yaml": true,
	"cases/bnpl/handoff.yaml": true, "cases/bnpl/selfservice.yaml": true,
	"cases/parcels/missing.yaml": true, "cases/parcels/service.yaml": true,
}

// copyLibrary writes those case files of the bundled library and all its
// policies into dir and returns the cases folder, so a spec can add a
// tribunal.yaml.
func copyLibrary(dir string) string {
	Expect(fs.WalkDir(fixtures.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".md" && !faultFiles[p] {
			return err
		}
		data, err := fs.ReadFile(fixtures.FS, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})).To(Succeed())
	return filepath.Join(dir, fixtures.Dir)
}

// fault is what the faulty bot does to one request.
type fault string

const (
	healthy    fault = "healthy"
	status500  fault = "500"
	status429  fault = "429 Retry-After: 1"
	empty503   fault = "503 with an empty body"
	stall      fault = "stall past the timeout"
	closeConn  fault = "closed connection"
	malformed  fault = "200 with malformed JSON"
	empty200   fault = "200 with an empty body"
	alwaysDown fault = "500 on every try"
)

// transient faults stop after a try or two; tribunal retries them into the
// answer. Permanent ones end the attempt as an error: a 2xx body tribunal
// cannot use is not retried, and a bot down for every try stays down.
var (
	transient = []fault{status500, status429, empty503, stall, closeConn}
	permanent = []fault{malformed, empty200, alwaysDown}
)

// plan is how the bot treats one case: which turn goes wrong, how, and for
// how many tries.
type plan struct {
	fault fault
	turn  int
	times int
}

// faultyBot serves the demo bot as an http-kind target ({"reply",
// "handoff"}) and injects faults chosen at random per case from a seed, so
// the same seed gives the same faults whatever order requests arrive in.
type faultyBot struct {
	*httptest.Server
	seed uint64
	// faulty false: the same bot without faults, for the baseline.
	faulty bool
	bot    *demobot.Bot
	turns  map[string]int // case id -> its number of turns
	mu     sync.Mutex
	tries  map[string]int // case#attempt#turn -> requests so far
	plans  map[string]plan
}

func newFaultyBot(seed uint64, faulty bool) *faultyBot {
	lib, err := suite.LoadFS(fixtures.FS, fixtures.Dir)
	Expect(err).NotTo(HaveOccurred())
	b := &faultyBot{seed: seed, faulty: faulty, bot: demobot.New(), turns: map[string]int{}, tries: map[string]int{}, plans: map[string]plan{}}
	for _, c := range lib.Cases {
		b.turns[c.ID] = len(c.Turns)
	}
	b.Server = httptest.NewServer(http.HandlerFunc(b.serve))
	DeferCleanup(b.Close)
	return b
}

// planFor picks case id's fault: a third of the cases are healthy, the rest
// get a transient or a permanent fault on one of their turns.
func (b *faultyBot) planFor(id string, turns int) plan {
	b.mu.Lock()
	defer b.mu.Unlock()
	if p, ok := b.plans[id]; ok {
		return p
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	rng := rand.New(rand.NewPCG(b.seed, h.Sum64()))
	p := plan{fault: healthy}
	switch n := rng.IntN(6); {
	case !b.faulty:
	case n < 2:
	case n < 5:
		p = plan{fault: transient[rng.IntN(len(transient))], turn: 1 + rng.IntN(turns), times: 1 + rng.IntN(2)}
	default:
		p = plan{fault: permanent[rng.IntN(len(permanent))], turn: 1 + rng.IntN(turns), times: 1 << 30}
	}
	b.plans[id] = p
	return p
}

type faultyRequest struct {
	Case    string           `json:"case"`
	Attempt int              `json:"attempt"`
	Turn    int              `json:"turn"`
	Message string           `json:"message"`
	History []target.Message `json:"history"`
}

func (b *faultyBot) serve(w http.ResponseWriter, r *http.Request) {
	var req faultyRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	p := b.planFor(req.Case, max(b.turns[req.Case], 1))
	b.mu.Lock()
	key := fmt.Sprintf("%s#%d#%d", req.Case, req.Attempt, req.Turn)
	b.tries[key]++
	try := b.tries[key]
	b.mu.Unlock()

	f := healthy
	if req.Turn == p.turn && try <= p.times {
		f = p.fault
	}
	switch f {
	case status500, alwaysDown:
		http.Error(w, `{"error":"internal"}`, http.StatusInternalServerError)
		return
	case status429:
		w.Header().Set("Retry-After", "1")
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	case empty503:
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	case stall:
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		return
	case closeConn:
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
		return
	case malformed:
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"reply": "Happy to help with`)
		return
	case empty200:
		w.WriteHeader(http.StatusOK)
		return
	}
	resp, err := b.bot.Reply(r.Context(), target.Request{Message: req.Message, History: req.History})
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	// Like the embedded bot, signal a handoff only when there is one.
	out := map[string]any{"reply": resp.Reply}
	if resp.Handoff != nil {
		out["handoff"] = *resp.Handoff
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}

// faultSuite is the bundled library configured to reach the faulty bot
// through the http connector.
func faultSuite(url string, extra string) string {
	dir := copyLibrary(GinkgoT().TempDir())
	cfg := fmt.Sprintf(`target:
  kind: http
  url: %s/chat
  body: '{"case": {{json .CaseID}}, "attempt": {{json .Attempt}}, "turn": {{json .Turn}}, "message": {{json .Message}}, "history": {{json .History}}}'
  reply_path: $.reply
  handoff_path: $.handoff
  timeout: 1500ms
  retries: 2
%s`, url, extra)
	Expect(os.WriteFile(filepath.Join(dir, "tribunal.yaml"), []byte(cfg), 0o644)).To(Succeed())
	return dir
}

// expectEveryAttemptOnce checks results.jsonl holds each case × attempt
// exactly once, and reads back without error.
func expectEveryAttemptOnce(out string, cases []string, repeat int) map[results.Key]*results.Record {
	GinkgoHelper()
	recs := map[results.Key]*results.Record{}
	Expect(results.ReadFile(filepath.Join(out, results.FileName), func(r *results.Record) error {
		if _, dup := recs[r.Key()]; dup {
			return fmt.Errorf("%s #%d is in results.jsonl twice", r.CaseID, r.Attempt)
		}
		recs[r.Key()] = r
		return nil
	})).To(Succeed())
	Expect(recs).To(HaveLen(len(cases) * repeat))
	for _, id := range cases {
		for a := 1; a <= repeat; a++ {
			Expect(recs).To(HaveKey(results.Key{CaseID: id, Attempt: a}))
		}
	}
	return recs
}

func caseIDs(sc *score.Scorecard) []string {
	ids := make([]string, len(sc.Cases))
	for i, c := range sc.Cases {
		ids[i] = c.ID
	}
	return ids
}

var _ = Describe("faults", func() {
	It("ends every case of a faulty bot as pass, fail or error, each attempt once, retrying transient faults into the healthy verdicts", func() {
		// The baseline: the same suite, the same connector, no faults.
		base := filepath.Join(GinkgoT().TempDir(), "baseline")
		r := run("run", faultSuite(newFaultyBot(0, false).URL, ""), "--out", base, "--repeat", "2", "--concurrency", "16")
		Expect(r.code).To(BeElementOf(0, 1), r.out+r.errOut)
		baseline := readScorecard(base)
		Expect(len(baseline.Cases)).To(BeNumerically(">=", 20))
		Expect(baseline.Totals.Error).To(Equal(0))

		seed := uint64(20240214)
		if s, err := strconv.ParseUint(os.Getenv("TRIBUNAL_FAULT_SEED"), 10, 64); err == nil {
			seed = s // explore other fault patterns: TRIBUNAL_FAULT_SEED=7 go test ./cli/
		}
		bot := newFaultyBot(seed, true)
		out := filepath.Join(GinkgoT().TempDir(), "report")
		r = run("run", faultSuite(bot.URL, ""), "--out", out, "--repeat", "2", "--concurrency", "16")
		Expect(r.code).To(BeElementOf(1, 3), "permanent faults error beyond max_error_rate 0: "+r.out+r.errOut)

		sc := readScorecard(out)
		recs := expectEveryAttemptOnce(out, caseIDs(baseline), 2)
		Expect(sc.Totals.Attempts).To(Equal(2 * len(baseline.Cases)))
		Expect(sc.Totals.Pass + sc.Totals.Fail + sc.Totals.Error).To(Equal(len(baseline.Cases)))

		seen := map[fault]int{}
		retried := 0
		for _, want := range baseline.Cases {
			got := caseByID(sc, want.ID)
			p := bot.plans[want.ID]
			seen[p.fault]++
			Expect(got.Status).To(BeElementOf(judges.Pass, judges.Fail, judges.Error))
			switch {
			case p.fault == healthy:
				Expect(got.Status).To(Equal(want.Status), want.ID)
				Expect(got.Dimensions).To(Equal(want.Dimensions), want.ID)
			case isTransient(p.fault):
				// Retried into the answer the healthy bot gives: same verdicts.
				Expect(got.Status).To(Equal(want.Status), "%s under %q", want.ID, p.fault)
				Expect(got.Dimensions).To(Equal(want.Dimensions), want.ID)
				for a := 1; a <= 2; a++ {
					tr := recs[results.Key{CaseID: want.ID, Attempt: a}].Transcript
					Expect(tr.Error).To(BeEmpty())
					Expect(tr.Turns[p.turn-1].Attempts).To(Equal(p.times+1), "%s turn %d under %q", want.ID, p.turn, p.fault)
					retried++
				}
			default:
				Expect(got.Status).To(Equal(judges.Error), "%s under %q", want.ID, p.fault)
				Expect(got.Attempts[0].Error).NotTo(BeEmpty())
			}
		}
		Expect(retried).To(BeNumerically(">", 0))
		Expect(len(seen)).To(BeNumerically(">=", 5), "the seed exercises most kinds of fault: %v", seen)
		GinkgoWriter.Printf("seed %d: cases per fault %v; %d attempts retried into their answer\n", seed, seen, retried)
	})

	// A bot that takes 10 requests a second and answers the rest 429 with
	// Retry-After: 1. With 16 workers each 429 is a short wait; with 64, a
	// worker waiting alone would spend every try of its turn on the bot, so
	// the whole pool has to slow down (no --rps in either run).
	for _, tc := range []struct {
		name        string
		cases       int
		concurrency string
	}{
		{"retries 429s with Retry-After: 1 on bursts into passes", 24, "16"},
		{"slows the whole pool down for a bot that throttles far below its pace, with no --rps", 40, "64"},
	} {
		It(tc.name, func() {
			var mu sync.Mutex
			var window []time.Time
			var throttled atomic.Int32
			handler := demobot.New().Handler()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				now := time.Now()
				for len(window) > 0 && now.Sub(window[0]) > time.Second {
					window = window[1:]
				}
				busy := len(window) >= 10
				if !busy {
					window = append(window, now)
				}
				mu.Unlock()
				if busy {
					throttled.Add(1)
					w.Header().Set("Retry-After", "1")
					http.Error(w, `{"error":{"message":"rate limited"}}`, http.StatusTooManyRequests)
					return
				}
				handler.ServeHTTP(w, r)
			}))
			defer srv.Close()
			dir := writeSuite(map[string]string{"a.yaml": burstCases(tc.cases)})
			out := filepath.Join(GinkgoT().TempDir(), "report")
			r := run("run", dir, "--out", out, "--target", srv.URL+"/v1", "--concurrency", tc.concurrency)
			Expect(throttled.Load()).To(BeNumerically(">", 0), "the burst was throttled")
			Expect(r.code).To(Equal(0), r.out+r.errOut)
			sc := readScorecard(out)
			Expect(sc.Totals.Pass).To(Equal(tc.cases))
			Expect(sc.Totals.ErroredAttempts).To(Equal(0))
		})
	}

	It("--rps caps the requests a second the bot sees", func() {
		var mu sync.Mutex
		var at []time.Time
		handler := demobot.New().Handler()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			at = append(at, time.Now())
			mu.Unlock()
			handler.ServeHTTP(w, r)
		}))
		defer srv.Close()
		dir := writeSuite(map[string]string{"a.yaml": burstCases(30)})
		start := time.Now()
		r := run("run", dir, "--out", filepath.Join(GinkgoT().TempDir(), "r"), "--target", srv.URL+"/v1", "--concurrency", "16", "--rps", "40")
		Expect(r.code).To(Equal(0), r.out+r.errOut)
		Expect(time.Since(start)).To(BeNumerically(">=", 700*time.Millisecond), "30 requests at 40/s take at least 29/40 s")
		Expect(at).To(HaveLen(30))
		// In any window of 250 ms, at most 40 × 0.25 + 1 (the burst) = 11.
		for i := range at {
			n := 0
			for j := i; j < len(at) && at[j].Sub(at[i]) < 250*time.Millisecond; j++ {
				n++
			}
			Expect(n).To(BeNumerically("<=", 11))
		}
	})
})

func isTransient(f fault) bool {
	for _, t := range transient {
		if t == f {
			return true
		}
	}
	return false
}

// burstCases is a suite of n one-turn questions the demo bot answers itself.
func burstCases(n int) string {
	var b strings.Builder
	b.WriteString("version: 1\ncases:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  - id: q%02d\n    turns: [{user: \"What are your baggage allowance rules for economy classic? (%d)\"}]\n", i, i)
	}
	return b.String()
}
