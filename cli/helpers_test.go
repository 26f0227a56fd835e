package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/cli"
	"github.com/tribunal-eval/tribunal/score"
)

// result is one in-process run of the CLI.
type result struct {
	code        int
	out, errOut string
}

// tribunal runs the CLI in-process with injected streams and environment.
func tribunal(ctx context.Context, env map[string]string, tty bool, args ...string) result {
	var out, errOut bytes.Buffer
	ios := &cli.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, IsTTY: tty,
		Getenv: func(k string) string { return env[k] }}
	code := cli.Run(ctx, args, ios)
	return result{code, out.String(), errOut.String()}
}

func run(args ...string) result { return tribunal(context.Background(), nil, false, args...) }

func readScorecard(dir string) *score.Scorecard {
	data, err := os.ReadFile(filepath.Join(dir, "scorecard.json"))
	Expect(err).NotTo(HaveOccurred())
	var sc score.Scorecard
	Expect(json.Unmarshal(data, &sc)).To(Succeed())
	return &sc
}

func caseByID(sc *score.Scorecard, id string) *score.Case {
	for i := range sc.Cases {
		if sc.Cases[i].ID == id {
			return &sc.Cases[i]
		}
	}
	Fail("no case " + id + " in the scorecard")
	return nil
}

// writeSuite lays out a suite folder from path -> content.
func writeSuite(files map[string]string) string {
	dir := GinkgoT().TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		Expect(os.MkdirAll(filepath.Dir(p), 0o755)).To(Succeed())
		Expect(os.WriteFile(p, []byte(content), 0o644)).To(Succeed())
	}
	return dir
}

func countLines(path string) int {
	data, err := os.ReadFile(path)
	Expect(err).NotTo(HaveOccurred())
	return strings.Count(string(data), "\n")
}

func readBytes(path string) ([]byte, error) { return os.ReadFile(path) }
