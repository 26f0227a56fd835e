// Command demobot serves tribunal's reference support bot over HTTP as an
// OpenAI-compatible chat completions endpoint, with switchable flaws, so a
// tribunal run (or any other harness) has a bot to judge.
//
//	go run ./cmd/demobot --addr 127.0.0.1:8080 --flaws air-canada --latency 0ms
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/tribunal-eval/tribunal/demobot"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func usage(fs *flag.FlagSet, w io.Writer) func() {
	return func() {
		fmt.Fprintf(w, `demobot: a rule-based customer-support bot for tribunal to judge.

It answers as the six fictional companies of tribunal's bundled case library
(an airline, a buy-now-pay-later lender, a bank, a parcel carrier, a telecom
operator and an online shop) from their policies, in English, French, German,
Spanish and Swedish, and hands off to a human with a transfer_to_human tool
call.

Usage:
  demobot [--addr HOST:PORT] [--flaws NAME,NAME] [--latency DURATION]

Endpoints:
  POST /v1/chat/completions   OpenAI chat completions (no streaming)
  GET  /v1/models             lists the model %q
  GET  /healthz               liveness, flaws and latency

Flags:
`, demobot.ModelName)
		prev := fs.Output()
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(prev)
		fmt.Fprintf(w, "\nFlaws (make the bot misbehave, to see the judges catch it):\n")
		width := 0
		for _, f := range demobot.Flaws() {
			width = max(width, len(f.Name))
		}
		for _, f := range demobot.Flaws() {
			fmt.Fprintf(w, "  %-*s  %s\n  %-*s  (fails %s)\n", width, f.Name, f.Description, width, "", f.Fails)
		}
		fmt.Fprintf(w, `
Example:
  demobot --addr 127.0.0.1:8080 --flaws air-canada,rude
  tribunal run --target http://127.0.0.1:8080/v1 --target-kind openai
`)
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demobot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "`HOST:PORT` to listen on (port 0 picks a free port)")
	flawList := fs.String("flaws", "", "comma-separated `NAMES` of flaws to switch on (see below)")
	latency := fs.Duration("latency", 0, "fixed `DURATION` to wait before every reply, e.g. 250ms")
	fs.Usage = usage(fs, stderr)
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" || a == "-?" {
			usage(fs, stdout)()
			return 0
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "demobot: unexpected argument %q (see --help)\n", fs.Arg(0))
		return 2
	}
	flaws, err := demobot.ParseFlaws(*flawList)
	if err != nil {
		fmt.Fprintf(stderr, "demobot: --flaws: %v\n", err)
		return 2
	}
	if *latency < 0 {
		fmt.Fprintf(stderr, "demobot: --latency: must not be negative\n")
		return 2
	}
	bot := demobot.New(flaws...).WithLatency(*latency)
	logger := log.New(stderr, "demobot: ", log.LstdFlags)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "demobot: cannot listen on %s: %v\n", *addr, err)
		return 1
	}
	srv := &http.Server{
		Handler:           bot.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          logger,
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	names := "none"
	if fs := bot.Flaws(); len(fs) > 0 {
		parts := make([]string, len(fs))
		for i, f := range fs {
			parts[i] = string(f)
		}
		names = strings.Join(parts, ",")
	}
	logger.Printf("listening on http://%s (OpenAI base URL http://%s/v1; flaws: %s; latency: %s)", ln.Addr(), ln.Addr(), names, *latency)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Printf("server error: %v", err)
			return 1
		}
		return 0
	case <-ctx.Done():
	}
	stop()
	logger.Printf("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		logger.Printf("shutdown: %v", err)
		return 1
	}
	logger.Printf("stopped")
	return 0
}
