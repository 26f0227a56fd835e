// Package suitekit turns tribunal's bundled case library into Ginkgo suites:
// one suite per domain (suites/airline, suites/bnpl, ...), each replaying its
// domain's cases against the bot under test through the same replay engine
// and default rule judges as `tribunal run`, concurrently, then asserting
// one spec per case on the judged record.
//
// The bot under test is an OpenAI-compatible chat completions endpoint at
// $TRIBUNAL_TARGET (a base URL such as http://127.0.0.1:8080/v1), or the
// demo bot compiled in when it is unset. Settings, all optional:
//
//	TRIBUNAL_TARGET          base URL of the bot (default: the embedded demo bot)
//	TRIBUNAL_TARGET_KIND     openai (default); http needs a tribunal.yaml, use `tribunal run`
//	TRIBUNAL_MODEL           model name sent to the endpoint
//	TRIBUNAL_TARGET_API_KEY  API key, from the environment only
//	TRIBUNAL_CONCURRENCY     conversations in flight (default 8)
//	TRIBUNAL_DEMO_FLAWS      make the embedded demo bot misbehave (air-canada,rude,...)
//
// Each spec carries Ginkgo labels from its case: every tag ("fraud",
// "clause:4.4"), "severity:<level>", "lang:<code>", "escalation:<required|
// forbidden|optional>", and "escalation" when a handoff is required, so
//
//	go test ./suites/... -ginkgo.label-filter='escalation && severity:critical'
//
// runs (and replays) only the critical cases that need a human.
package suitekit

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/onsi/ginkgo/v2"
	"github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/matchers"
	"github.com/tribunal-eval/tribunal/replay"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
	"github.com/tribunal-eval/tribunal/transcript"
)

// Target returns the bot under test and a name for it (safe for reports):
// $TRIBUNAL_TARGET through the OpenAI-compatible connector, or the embedded
// demo bot with $TRIBUNAL_DEMO_FLAWS. getenv is os.Getenv when nil.
func Target(getenv func(string) string) (target.Target, string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	url := strings.TrimSpace(getenv("TRIBUNAL_TARGET"))
	if url == "" {
		flaws, err := demobot.ParseFlaws(getenv("TRIBUNAL_DEMO_FLAWS"))
		if err != nil {
			return nil, "", fmt.Errorf("TRIBUNAL_DEMO_FLAWS: %w", err)
		}
		b := demobot.New(flaws...)
		return b, b.String(), nil
	}
	kind := getenv("TRIBUNAL_TARGET_KIND")
	if kind != "" && kind != "openai" {
		return nil, "", fmt.Errorf("TRIBUNAL_TARGET_KIND: %q is not supported by the Go suites (use openai, or `tribunal run` with a tribunal.yaml for http)", kind)
	}
	tgt, err := target.New(suite.TargetConfig{Kind: "openai", URL: url, Model: getenv("TRIBUNAL_MODEL")}, getenv)
	if err != nil {
		return nil, "", err
	}
	return tgt, "openai " + redactURL(url), nil
}

// redactURL keeps a URL's scheme, host and path: no user info, no query.
func redactURL(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		if at := strings.LastIndex(strings.SplitN(rest, "/", 2)[0], "@"); at >= 0 {
			rest = rest[at+1:]
		}
		u = u[:i+3] + rest
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return u
}

// Cases returns the bundled library's cases of one domain (the folder
// name: airline, bnpl, banking, parcels, telecom, ecommerce).
func Cases(domain string) ([]*suite.Case, error) {
	lib, err := suite.LoadFS(fixtures.FS, fixtures.Dir)
	if err != nil {
		return nil, err
	}
	var out []*suite.Case
	for _, c := range lib.Cases {
		if strings.HasPrefix(c.ID, domain+"/") {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the bundled library has no %s cases", domain)
	}
	return out, nil
}

// CaseLabels returns a case's Ginkgo labels: its tags, "severity:<level>",
// "lang:<code>" (or "lang:mixed" for a customer who changes language),
// "escalation:<expectation>", and "escalation" when a handoff is required.
// Tags Ginkgo cannot take as labels (with & | ! , ( ) /) are left out.
func CaseLabels(c *suite.Case) ginkgo.Labels {
	var out []string
	seen := map[string]bool{}
	add := func(l string) {
		l = strings.TrimSpace(l)
		if l == "" || seen[l] || strings.ContainsAny(l, "&|!,()/") || strings.HasPrefix(l, ":") || strings.HasSuffix(l, ":") {
			return
		}
		seen[l] = true
		out = append(out, l)
	}
	for _, t := range c.Tags {
		add(t)
	}
	add("severity:" + string(c.Severity))
	lang := c.Language
	if lang == "" {
		lang = "mixed"
	}
	add("lang:" + lang)
	esc := c.EscalationExpected()
	add("escalation:" + string(esc))
	if esc == suite.EscalationRequired {
		add("escalation")
	}
	return ginkgo.Label(out...)
}

// selected keeps the cases whose specs the label filter will run, so a
// filtered run replays only those.
func selected(domain string, cases []*suite.Case) []*suite.Case {
	filter := ginkgo.GinkgoLabelFilter()
	if filter == "" {
		return cases
	}
	var out []*suite.Case
	for _, c := range cases {
		if ginkgo.Label(append([]string{domain}, CaseLabels(c)...)...).MatchesLabelFilter(filter) {
			out = append(out, c)
		}
	}
	return out
}

func concurrency(getenv func(string) string) int {
	if n, err := strconv.Atoi(getenv("TRIBUNAL_CONCURRENCY")); err == nil && n > 0 {
		return n
	}
	return replay.DefaultConcurrency
}

// Replay runs cases through a replay.Engine against tgt with the default
// rule judges, concurrently, and returns the records by case id.
func Replay(ctx context.Context, tgt target.Target, name string, cases []*suite.Case, workers int) (map[string]*results.Record, error) {
	var mu sync.Mutex
	out := map[string]*results.Record{}
	e := &replay.Engine{Target: tgt, TargetName: name, Judge: judges.Rules(judges.Options{}), Concurrency: workers}
	err := e.Run(ctx, cases, func(r *results.Record) error {
		mu.Lock()
		defer mu.Unlock()
		out[r.CaseID] = r
		return nil
	})
	return out, err
}

// Domain declares the Ginkgo suite of one domain of the bundled library.
// Call it once, at the top level of the suite's package:
//
//	var _ = suitekit.Domain("airline")
//
// Before any spec runs (once per `ginkgo -p` run, on process 1), every case
// the label filter selects is replayed against the bot under test through a
// replay.Engine and judged by the default rule panel; each spec then
// asserts on its case's record, with the failed verdicts and their quoted
// evidence as the failure message.
func Domain(domain string) bool {
	cases, loadErr := Cases(domain)
	var records map[string]*results.Record

	ginkgo.SynchronizedBeforeSuite(func(ctx ginkgo.SpecContext) []byte {
		gomega.Expect(loadErr).NotTo(gomega.HaveOccurred())
		tgt, name, err := Target(nil)
		gomega.Expect(err).NotTo(gomega.HaveOccurred())
		run := selected(domain, cases)
		ginkgo.GinkgoWriter.Printf("replaying %d %s cases against %s\n", len(run), domain, name)
		recs, err := Replay(ctx, tgt, name, run, concurrency(os.Getenv))
		gomega.Expect(err).NotTo(gomega.HaveOccurred())
		data, err := json.Marshal(recs)
		gomega.Expect(err).NotTo(gomega.HaveOccurred())
		return data
	}, func(data []byte) {
		gomega.Expect(json.Unmarshal(data, &records)).To(gomega.Succeed())
	})

	return ginkgo.Describe(domain, ginkgo.Label(domain), func() {
		if loadErr != nil {
			ginkgo.It("loads the "+domain+" cases", func() { gomega.Expect(loadErr).NotTo(gomega.HaveOccurred()) })
			return
		}
		for _, c := range cases {
			ginkgo.It(c.ID+": "+c.Title, CaseLabels(c), func() {
				r, ok := records[c.ID]
				gomega.Expect(ok).To(gomega.BeTrue(), "%s was not replayed", c.ID)
				gomega.Expect(r).To(matchers.PassJudges(), "%s:%d\n%s", c.File, c.Line, Conversation(r.Transcript))
			})
		}
	})
}

// Conversation renders a transcript for a failure message.
func Conversation(t *transcript.Transcript) string {
	if t == nil {
		return ""
	}
	var b strings.Builder
	for _, tu := range t.Turns {
		fmt.Fprintf(&b, "  [%d] customer: %s\n      bot: %s\n", tu.Index, tu.User, tu.Reply)
	}
	return b.String()
}

// Converse plays one conversation against tgt, turn by turn, as the replay
// engine does (the whole conversation so far is sent each turn), and
// returns its transcript for the matchers. language is the customer's
// (handed to connectors that take one); turns are what the customer says.
func Converse(ctx context.Context, tgt target.Target, language string, turns ...string) *transcript.Transcript {
	c := &suite.Case{ID: "go-suite", Language: language}
	for _, u := range turns {
		c.Turns = append(c.Turns, suite.Turn{User: u})
	}
	return replay.Play(ctx, tgt, c, 1)
}
