// Package calibrate measures the rule judges against a labelled set of
// transcripts: good and flawed replies to the same customer situations, in
// several languages, each labelled with the judges that must flag it. Run
// reports, per judge, true positives, misses, false alarms, precision,
// recall and false-alarm rate, so a judge's quality is measured rather than
// guessed, and a spec can pin it.
//
// # File format
//
// A calibration set is a folder of *.yaml files (policies/ beside them holds
// the policy texts they cite). Each file:
//
//	canary: CANARY-7f3a-LUMEN        # optional: the system-prompt secret the
//	                                 # leak judge looks for (one per set)
//	cases:
//	  - id: en/bereavement           # unique in the set
//	    language: en                 # the customer's language (required)
//	    detect_language: true        # optional: leave the case's language
//	                                 # unset so the judge must detect it
//	    policy: policies/aurora-air.en.md   # optional, relative to the set
//	    facts: ["..."]               # optional, as in case files
//	    escalation: required         # optional: required|forbidden|optional
//	    escalate_by_turn: 1          # optional
//	    max_latency: 2s              # optional
//	    customer:                    # what the customer says, turn by turn
//	      - My father died ...
//	    replies:                     # alternative bot replies to the same turns
//	      - id: good                 # unique in the case
//	        bot: "I'm so sorry ..."  # a string for one turn, or a list
//	        handoff: [true]          # optional: the target's structured handoff
//	                                 # signal per turn (true, false or null
//	                                 # for none); without it, handoffs are
//	                                 # read from the words only
//	        latency_ms: [900]        # optional, per turn
//	        flags: [empathy]         # judges that must fail this reply; every
//	                                 # other judge must not
//	        ignore: [language]       # optional: judges not scored on it
//	        note: why it is labelled so
//
// Each reply is one labelled item: its case is replayed as a transcript of
// the customer's turns and that reply's bot turns, and every judge rules on
// it. A judge flags an item when it returns at least one failing verdict.
package calibrate

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/tribunal-eval/tribunal/handoff"
	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// Set is a loaded calibration set.
type Set struct {
	// Canary is the set's system-prompt secret, for the leak judge.
	Canary string
	Items  []*Item
	// Files lists the files read, in order.
	Files []string
}

// Item is one labelled reply: a case and the transcript of that reply.
type Item struct {
	// ID is "<case id>/<reply id>".
	ID         string
	File       string
	Line       int
	Language   string
	Case       *suite.Case
	Transcript *transcript.Transcript
	// Flags are the judges that must fail the item; Ignore those not scored.
	Flags  map[string]bool
	Ignore map[string]bool
	Note   string
}

// Replies counts the bot turns in the set.
func (s *Set) Replies() int {
	n := 0
	for _, it := range s.Items {
		n += len(it.Transcript.Turns)
	}
	return n
}

// Languages counts items per language.
func (s *Set) Languages() map[string]int {
	m := map[string]int{}
	for _, it := range s.Items {
		m[it.Language]++
	}
	return m
}

// texts is one string or a list of them.
type texts []string

// UnmarshalYAML accepts a scalar or a sequence.
func (t *texts) UnmarshalYAML(unmarshal func(any) error) error {
	var one string
	if err := unmarshal(&one); err == nil {
		*t = texts{one}
		return nil
	}
	var many []string
	if err := unmarshal(&many); err != nil {
		return err
	}
	*t = many
	return nil
}

type rawFile struct {
	Canary string    `yaml:"canary"`
	Cases  []rawCase `yaml:"cases"`
}

type rawCase struct {
	ID             string         `yaml:"id"`
	Language       string         `yaml:"language"`
	DetectLanguage bool           `yaml:"detect_language"`
	Policy         string         `yaml:"policy"`
	Facts          []string       `yaml:"facts"`
	Escalation     string         `yaml:"escalation"`
	EscalateByTurn int            `yaml:"escalate_by_turn"`
	MaxLatency     suite.Duration `yaml:"max_latency"`
	Customer       []string       `yaml:"customer"`
	Replies        []rawReply     `yaml:"replies"`
}

type rawReply struct {
	ID        string    `yaml:"id"`
	Bot       texts     `yaml:"bot"`
	Handoff   []*bool   `yaml:"handoff"`
	LatencyMS []float64 `yaml:"latency_ms"`
	Flags     []string  `yaml:"flags"`
	Ignore    []string  `yaml:"ignore"`
	Note      string    `yaml:"note"`
}

var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Load reads every *.yaml file in dir of fsys (not recursively: policies/
// holds policy texts). Problems are returned as suite.Errors naming the
// file and line.
func Load(fsys fs.FS, dir string) (*Set, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, suite.Errors{{File: dir, Msg: "cannot read calibration set: " + err.Error()}}
	}
	set := &Set{}
	var errs suite.Errors
	ids := map[string]string{}
	policies := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		file := path.Join(dir, name)
		set.Files = append(set.Files, file)
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			errs = append(errs, &suite.Error{File: file, Msg: err.Error()})
			continue
		}
		var raw rawFile
		if err := yaml.UnmarshalWithOptions(data, &raw, yaml.Strict()); err != nil {
			errs = append(errs, &suite.Error{File: file, Msg: yaml.FormatError(err, false, true)})
			continue
		}
		if raw.Canary != "" {
			if set.Canary != "" && set.Canary != raw.Canary {
				errs = append(errs, &suite.Error{File: file, Line: lineOf(data, "canary:"), Column: 1,
					Msg: "canary: a set has one canary; another file sets a different one"})
			}
			set.Canary = raw.Canary
		}
		for i, rc := range raw.Cases {
			line := lineOf(data, "id: "+rc.ID)
			fail := func(format string, args ...any) {
				errs = append(errs, &suite.Error{File: file, Line: line, Column: 1, Msg: fmt.Sprintf(format, args...)})
			}
			if rc.ID == "" {
				fail("cases[%d].id: missing", i)
				continue
			}
			if prev, dup := ids[rc.ID]; dup {
				fail("%s: id already used in %s", rc.ID, prev)
				continue
			}
			ids[rc.ID] = file
			if !langCode.MatchString(rc.Language) {
				fail("%s: language %q is not a language code like en or fr", rc.ID, rc.Language)
			}
			if len(rc.Customer) == 0 {
				fail("%s: customer: a case needs at least one customer turn", rc.ID)
				continue
			}
			switch suite.Escalation(rc.Escalation) {
			case "", suite.EscalationRequired, suite.EscalationForbidden, suite.EscalationOptional:
			default:
				fail("%s: escalation %q is not one of required, forbidden, optional", rc.ID, rc.Escalation)
			}
			if rc.EscalateByTurn < 0 || rc.EscalateByTurn > len(rc.Customer) {
				fail("%s: escalate_by_turn %d is not a turn of this case", rc.ID, rc.EscalateByTurn)
			}
			var policy *suite.Policy
			if rc.Policy != "" {
				p := path.Join(dir, rc.Policy)
				text, ok := policies[p]
				if !ok {
					b, err := fs.ReadFile(fsys, p)
					if err != nil {
						fail("%s: policy %s: %v", rc.ID, rc.Policy, err)
						continue
					}
					text = string(b)
					policies[p] = text
				}
				policy = &suite.Policy{Path: rc.Policy, Text: text}
			}
			replyIDs := map[string]bool{}
			for j, rr := range rc.Replies {
				if rr.ID == "" || replyIDs[rr.ID] {
					fail("%s: replies[%d].id: missing or repeated", rc.ID, j)
					continue
				}
				replyIDs[rr.ID] = true
				if len(rr.Bot) != len(rc.Customer) {
					fail("%s/%s: bot: %d replies for %d customer turns", rc.ID, rr.ID, len(rr.Bot), len(rc.Customer))
					continue
				}
				if len(rr.Handoff) > len(rc.Customer) || len(rr.LatencyMS) > len(rc.Customer) {
					fail("%s/%s: handoff or latency_ms has more entries than there are turns", rc.ID, rr.ID)
					continue
				}
				it := &Item{ID: rc.ID + "/" + rr.ID, File: file, Line: line, Language: rc.Language,
					Flags: names(rr.Flags), Ignore: names(rr.Ignore), Note: rr.Note}
				c := &suite.Case{ID: it.ID, Severity: suite.Medium, Language: rc.Language, Policy: policy,
					Expect: suite.Expect{Escalation: suite.Escalation(rc.Escalation), EscalateByTurn: rc.EscalateByTurn,
						MaxLatency: rc.MaxLatency, Facts: rc.Facts},
					File: file, Line: line}
				if rc.DetectLanguage {
					c.Language = ""
				}
				t := &transcript.Transcript{CaseID: it.ID, Attempt: 1, Target: "calibration"}
				for k, user := range rc.Customer {
					c.Turns = append(c.Turns, suite.Turn{User: user})
					tu := transcript.Turn{Index: k + 1, User: user, Reply: rr.Bot[k], Attempts: 1}
					var reported *bool
					if k < len(rr.Handoff) {
						reported = rr.Handoff[k]
					}
					tu.Handoff = observe(rr.Bot[k], reported)
					if k < len(rr.LatencyMS) {
						tu.LatencyMS = rr.LatencyMS[k]
					}
					t.Turns = append(t.Turns, tu)
				}
				it.Case, it.Transcript = c, t
				set.Items = append(set.Items, it)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(set.Items) == 0 {
		return nil, suite.Errors{{File: dir, Msg: "no labelled replies (*.yaml with cases) in this folder"}}
	}
	return set, nil
}

// observe records a turn's handoff the way the replay engine does: the
// target's structured signal when it reports one, else the reply's words.
func observe(reply string, reported *bool) transcript.Handoff {
	h := transcript.Handoff{Reported: reported}
	if reported != nil && *reported {
		h.Detected, h.Source, h.Signal = true, transcript.Structured, "transfer_to_human"
		return h
	}
	if words, ok := handoff.Announced(reply); ok {
		h.Detected, h.Source, h.Signal = true, transcript.Textual, words
	}
	return h
}

func names(list []string) map[string]bool {
	m := map[string]bool{}
	for _, n := range list {
		m[strings.TrimSpace(n)] = true
	}
	return m
}

// lineOf returns the 1-based line of the first occurrence of needle.
func lineOf(data []byte, needle string) int {
	i := bytes.Index(data, []byte(needle))
	if i < 0 {
		return 1
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}

// Outcome is one item a judge got wrong.
type Outcome struct {
	Item string
	// Why is the judge's rationale for a false alarm, or the item's note for
	// a miss.
	Why string
}

// Stats is one judge's record on the set.
type Stats struct {
	Judge          string
	TP, FN, FP, TN int
	Misses         []Outcome
	FalseAlarms    []Outcome
}

// Positives counts the items labelled for the judge.
func (s Stats) Positives() int { return s.TP + s.FN }

// Negatives counts the items the judge must pass.
func (s Stats) Negatives() int { return s.FP + s.TN }

// Precision is TP / (TP + FP); 1 when the judge flagged nothing.
func (s Stats) Precision() float64 {
	if s.TP+s.FP == 0 {
		return 1
	}
	return float64(s.TP) / float64(s.TP+s.FP)
}

// Recall is TP / (TP + FN); 1 when nothing is labelled for the judge.
func (s Stats) Recall() float64 {
	if s.TP+s.FN == 0 {
		return 1
	}
	return float64(s.TP) / float64(s.TP+s.FN)
}

// FalseAlarmRate is FP / (FP + TN); 0 without negatives.
func (s Stats) FalseAlarmRate() float64 {
	if s.FP+s.TN == 0 {
		return 0
	}
	return float64(s.FP) / float64(s.FP+s.TN)
}

// Report is the outcome of running judges on a set.
type Report struct {
	Items     int
	Replies   int
	Languages map[string]int
	Judges    []Stats
	// Unknown lists labels that name no judge that was run.
	Unknown []string
}

// Stats returns the named judge's record.
func (r Report) Stats(judge string) (Stats, bool) {
	for _, s := range r.Judges {
		if s.Judge == judge {
			return s, true
		}
	}
	return Stats{}, false
}

// Run has every judge rule on every item of the set and counts, per judge,
// how its rulings compare with the labels.
func Run(set *Set, js ...judges.Judge) Report {
	ctx := context.Background()
	r := Report{Items: len(set.Items), Replies: set.Replies(), Languages: set.Languages()}
	known := map[string]bool{}
	for _, j := range js {
		known[j.Name()] = true
	}
	unknown := map[string]bool{}
	for _, it := range set.Items {
		for n := range it.Flags {
			if !known[n] {
				unknown[n] = true
			}
		}
		for n := range it.Ignore {
			if !known[n] {
				unknown[n] = true
			}
		}
	}
	for n := range unknown {
		r.Unknown = append(r.Unknown, n)
	}
	sort.Strings(r.Unknown)
	for _, j := range js {
		s := Stats{Judge: j.Name()}
		for _, it := range set.Items {
			if it.Ignore[s.Judge] {
				continue
			}
			var failed *judges.Verdict
			vs := j.Judge(ctx, it.Case, it.Transcript)
			for i := range vs {
				if vs[i].Status == judges.Fail {
					failed = &vs[i]
					break
				}
			}
			want := it.Flags[s.Judge]
			switch {
			case want && failed != nil:
				s.TP++
			case want:
				s.FN++
				s.Misses = append(s.Misses, Outcome{Item: it.ID, Why: it.Note})
			case failed != nil:
				s.FP++
				why := failed.Rationale
				if failed.Evidence != "" {
					why += ": " + failed.Evidence
				}
				s.FalseAlarms = append(s.FalseAlarms, Outcome{Item: it.ID, Why: why})
			default:
				s.TN++
			}
		}
		r.Judges = append(r.Judges, s)
	}
	return r
}

// Below lists, one line each, the judges under minRecall or over
// maxFalseAlarm. A judge with nothing labelled for it has no recall to
// hold; one with no negatives no false-alarm rate.
func (r Report) Below(minRecall, maxFalseAlarm float64) []string {
	var out []string
	for _, s := range r.Judges {
		if s.Positives() > 0 && s.Recall() < minRecall {
			out = append(out, fmt.Sprintf("%s: recall %.3f is below %.3f (%d of %d caught)", s.Judge, s.Recall(), minRecall, s.TP, s.Positives()))
		}
		if s.Negatives() > 0 && s.FalseAlarmRate() > maxFalseAlarm {
			out = append(out, fmt.Sprintf("%s: false-alarm rate %.3f is above %.3f (%d false alarms on %d good replies)", s.Judge, s.FalseAlarmRate(), maxFalseAlarm, s.FP, s.Negatives()))
		}
	}
	return out
}
