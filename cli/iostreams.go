package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams is what a command reads and writes, injected so the whole CLI
// runs in-process in tests.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// IsTTY is true when Out is a terminal: progress lines and colour are
	// for people, not for CI logs.
	IsTTY  bool
	Getenv func(string) string
}

// System returns the process's own streams.
func System() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		IsTTY:  term.IsTerminal(int(os.Stdout.Fd())) && os.Getenv("CI") == "",
		Getenv: os.Getenv,
	}
}
