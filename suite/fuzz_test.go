package suite_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"path"
	"testing"
	"testing/fstest"

	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/suite"
)

// FuzzLoad feeds arbitrary bytes to the loader as a case file and as the
// suite's tribunal.yaml. Whatever the bytes, loading returns a suite or
// errors that name a file and say something, never panics, and a loaded
// suite keeps the loader's promises (unique ids, known severities, customer
// turns with words, matchers that run).
//
// Seeds: the bundled library's case files (added here) and the inputs in
// testdata/fuzz/FuzzLoad. Run it with
//
//	go test -run='^$' -fuzz=FuzzLoad -fuzztime=60s ./suite/
func FuzzLoad(f *testing.F) {
	_ = fs.WalkDir(fixtures.FS, fixtures.Dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".yaml" {
			data, _ := fs.ReadFile(fixtures.FS, p)
			f.Add(data, []byte(nil))
		}
		return nil
	})
	f.Add([]byte("version: 1\ncases:\n  - id: a\n    turns: [{user: hi}]\n"),
		[]byte("target: {kind: http, url: 'http://127.0.0.1/', timeout: 2s, retries: 1, rps: 3}\nconcurrency: 4\ngates: {max_failed: {critical: 0}, min_pass_rate: {overall: 0.9}, max_error_rate: 0.5}\n"))

	// The fuzzed case file sits where the library's files do, so their
	// policy paths (../../policies/airline.md) resolve.
	base := fstest.MapFS{
		"suite/nested/other.yaml": {Data: []byte("version: 1\npolicy: ../../policies/airline.md\ncases:\n  - id: nested/one\n    turns: [{user: hello}]\n")},
	}
	_ = fs.WalkDir(fixtures.FS, fixtures.PoliciesDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := fs.ReadFile(fixtures.FS, p)
			base["policies/"+path.Base(p)] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, caseFile, config []byte) {
		fsys := fstest.MapFS{"suite/domain/cases.yaml": {Data: caseFile}}
		for k, v := range base {
			fsys[k] = v
		}
		if config != nil {
			fsys["suite/"+suite.ConfigFile] = &fstest.MapFile{Data: config}
		}
		s, err := suite.LoadFS(fsys, "suite")
		if err != nil {
			if s != nil {
				t.Fatalf("LoadFS returned a suite and an error: %v", err)
			}
			var errs suite.Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("LoadFS error is not suite.Errors: %T %v", err, err)
			}
			for _, e := range errs {
				if e.File == "" || e.Msg == "" || e.Line < 0 || e.Column < 0 {
					t.Fatalf("an error without file or message: %#v", e)
				}
				_ = e.Error()
			}
			return
		}
		seen := map[string]bool{}
		for _, c := range s.Cases {
			if c.ID == "" || seen[c.ID] {
				t.Fatalf("case id %q is empty or repeated", c.ID)
			}
			seen[c.ID] = true
			switch c.Severity {
			case suite.Critical, suite.High, suite.Medium, suite.Low:
			default:
				t.Fatalf("%s: severity %q", c.ID, c.Severity)
			}
			for i, turn := range c.Turns {
				if turn.User == "" {
					t.Fatalf("%s: turn %d has no words", c.ID, i+1)
				}
				if turn.Expect != nil {
					runMatchers(turn.Expect.MustSay, turn.User)
					runMatchers(turn.Expect.MustNotSay, turn.User)
				}
			}
			runMatchers(c.Expect.MustSay, "I'm sorry, refunds are within 14 days.")
			runMatchers(c.Expect.MustNotSay, "")
			_ = c.EscalationExpected()
			_ = c.PolicyText()
			// Reports and results.jsonl carry cases as JSON.
			if _, err := json.Marshal(c); err != nil {
				t.Fatalf("%s: cannot be written as JSON: %v", c.ID, err)
			}
		}
		if _, err := json.Marshal(s.Config); err != nil {
			t.Fatalf("config cannot be written as JSON: %v", err)
		}
	})
}

func runMatchers(ms []suite.Matcher, text string) {
	for _, m := range ms {
		m.Find(text)
		_ = m.String()
	}
}
