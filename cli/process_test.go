//go:build unix

package cli_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/results"
)

// The process-level faults run the built binary: a SIGKILL leaves no Go
// defer to run, and SIGINT goes through the real signal handling.
var _ = Describe("the tribunal process", Ordered, func() {
	var bin string
	BeforeAll(func() {
		bin = filepath.Join(GinkgoT().TempDir(), "tribunal")
		build := exec.Command("go", "build", "-o", bin, "./cmd/tribunal")
		build.Dir = ".."
		outb, err := build.CombinedOutput()
		Expect(err).NotTo(HaveOccurred(), string(outb))
	})

	// lastRequest is when slowBot last saw a request (unix nanoseconds).
	var lastRequest atomic.Int64

	// quiet waits until the bot has seen no request for a while: requests a
	// killed process had already sent can still reach the bot after it died,
	// and must not be counted as the next run's.
	quiet := func() {
		Eventually(func() time.Duration {
			return time.Since(time.Unix(0, lastRequest.Load()))
		}).WithTimeout(10 * time.Second).WithPolling(20 * time.Millisecond).Should(BeNumerically(">", 400*time.Millisecond))
	}

	// slowBot serves the demo bot with latency and counts conversations
	// started (requests carrying a single user message).
	slowBot := func(latency time.Duration) (*httptest.Server, *atomic.Int32) {
		var started atomic.Int32
		handler := demobot.New().WithLatency(latency).Handler()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			lastRequest.Store(time.Now().UnixNano())
			body, _ := io.ReadAll(r.Body)
			var req struct {
				Messages []struct{ Role string } `json:"messages"`
			}
			_ = json.Unmarshal(body, &req)
			users := 0
			for _, m := range req.Messages {
				if m.Role == "user" {
					users++
				}
			}
			if users == 1 {
				started.Add(1)
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			handler.ServeHTTP(w, r)
		}))
		DeferCleanup(srv.Close)
		return srv, &started
	}

	start := func(args ...string) (*exec.Cmd, *bytes.Buffer) {
		var stderr bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Stdout, cmd.Stderr = io.Discard, &stderr
		cmd.Env = append(os.Environ(), "CI=1")
		Expect(cmd.Start()).To(Succeed())
		DeferCleanup(func() { _ = cmd.Process.Kill() })
		return cmd, &stderr
	}

	waitLines := func(path string, n int) {
		Eventually(func() int {
			data, _ := os.ReadFile(path)
			return bytes.Count(data, []byte("\n"))
		}).WithTimeout(15 * time.Second).WithPolling(5 * time.Millisecond).Should(BeNumerically(">=", n))
	}

	exitCode := func(cmd *exec.Cmd) int {
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		Expect(err).NotTo(HaveOccurred())
		return 0
	}

	It("after kill -9, --resume replays only the missing attempts, to an uninterrupted run's scorecard", func() {
		srv, started := slowBot(60 * time.Millisecond)
		out := filepath.Join(GinkgoT().TempDir(), "report")
		resultsPath := filepath.Join(out, results.FileName)
		lib := copyLibrary(GinkgoT().TempDir())
		args := []string{"run", lib, "--out", out, "--target", srv.URL + "/v1", "--repeat", "2", "--concurrency", "4"}

		cmd, _ := start(args...)
		waitLines(resultsPath, 12)
		Expect(cmd.Process.Signal(syscall.SIGKILL)).To(Succeed())
		_ = cmd.Wait()

		// What the killed run left reads back cleanly.
		before, err := os.ReadFile(resultsPath)
		Expect(err).NotTo(HaveOccurred())
		done := map[results.Key]bool{}
		Expect(results.ReadFile(resultsPath, func(r *results.Record) error {
			Expect(done).NotTo(HaveKey(r.Key()))
			done[r.Key()] = true
			return nil
		})).To(Succeed())
		Expect(len(done)).To(BeNumerically(">=", 12))

		srv.CloseClientConnections()
		quiet()
		started.Store(0)
		resume, stderr := start(append(args, "--resume")...)
		code := exitCode(resume)
		replayed := int(started.Load())

		// The uninterrupted run: the same binary against the same bot.
		full := filepath.Join(GinkgoT().TempDir(), "full")
		uninterrupted, _ := start("run", lib, "--out", full, "--target", srv.URL+"/v1", "--repeat", "2", "--concurrency", "16")
		Expect(code).To(Equal(exitCode(uninterrupted)), stderr.String())
		wantSC := readScorecard(full)
		total := 2 * len(wantSC.Cases)
		Expect(len(done)).To(BeNumerically("<", total), "killed in the middle")
		Expect(replayed).To(Equal(total-len(done)), "the resumed run replays exactly the missing attempts")

		after, err := os.ReadFile(resultsPath)
		Expect(err).NotTo(HaveOccurred())
		Expect(bytes.HasPrefix(after, before[:bytes.LastIndexByte(before, '\n')+1])).To(BeTrue(), "finished lines are kept as they were")
		expectEveryAttemptOnce(out, caseIDs(wantSC), 2)
		got := readScorecard(out)
		Expect(got.Run.Interrupted).To(BeFalse())
		expectSameScorecard(got, wantSC)
	})

	It("on SIGINT drains the pool, writes the report for what finished and exits 130", func() {
		srv, _ := slowBot(300 * time.Millisecond)
		out := filepath.Join(GinkgoT().TempDir(), "report")
		cmd, stderr := start("run", copyLibrary(GinkgoT().TempDir()), "--out", out, "--target", srv.URL+"/v1", "--concurrency", "4")
		waitLines(filepath.Join(out, results.FileName), 4)
		sent := time.Now()
		Expect(cmd.Process.Signal(syscall.SIGINT)).To(Succeed())
		Expect(exitCode(cmd)).To(Equal(130), stderr.String())
		Expect(time.Since(sent)).To(BeNumerically("<", 3*time.Second), "in-flight attempts are abandoned, not waited for")
		Expect(stderr.String()).To(ContainSubstring("interrupted"))

		sc := readScorecard(out)
		Expect(sc.Run.Interrupted).To(BeTrue())
		Expect(sc.Totals.Attempts).To(BeNumerically(">=", 4))
		Expect(countLines(filepath.Join(out, results.FileName))).To(Equal(sc.Totals.Attempts))
		for _, f := range []string{"index.html", "junit.xml", "summary.md"} {
			Expect(filepath.Join(out, f)).To(BeAnExistingFile())
		}
	})
})
