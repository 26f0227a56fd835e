// Package calibrate measures the judges, rule and LLM, against a labelled set
// of transcripts: good and flawed replies to the same customer situations,
// in several languages, each labelled with the judges that must flag it. Run
// reports, per judge, true positives, misses, false alarms, precision,
// recall, false-alarm rate and Cohen's kappa (agreement with the human
// labels corrected for chance), so a judge's quality is measured rather than
// guessed, a spec can pin it, and a team knows whether to trust an LLM judge
// before it gates CI.
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
//	    labelled: [llm-empathy]      # optional: judges a human labelled every
//	                                 # reply of this case for (see below)
//	    rubrics:                     # optional: the case's own LLM rubrics,
//	      - {name: refund, rubric: "...", dimension: accuracy}  # as in case files
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
//	        labelled: [llm-accuracy] # optional: LLM judges a human labelled
//	                                 # this reply for, flagged or not
//	        ignore: [language]       # optional: judges not scored on it
//	        note: why it is labelled so
//
// Each reply is one labelled item: its case is replayed as a transcript of
// the customer's turns and that reply's bot turns, and every judge rules on
// it. A judge flags an item when it returns at least one failing verdict.
//
// # Labels for rule and LLM judges
//
// Rule judges are scored on every item (closed world): a rule judge listed
// in flags must fail the reply, every other one must pass it, unless it is
// in ignore.
//
// LLM judges (llm-accuracy, llm-empathy, llm-escalation, llm-injection,
// llm-rubric, and a case rubric's verdicts as "rubric:NAME", or "rubric" for
// an unnamed one) are scored only on the items a human labelled for them
// (open world): an item is a positive for an LLM judge when its flags name
// it, a negative when its case's or its reply's labelled list names it and
// flags do not, and is not scored otherwise. A label set written for the
// rule judges therefore never counts "not flagged" as a human verdict for an
// LLM judge the labeller never considered. See LabelledOnly.
//
// An LLM judge that could not rule on an item it is labelled for (its
// verdicts are skipped — no judge model, no policy to check against, the
// budget reached — or one is error, and none fails) is counted as skipped
// or errored on that item: neither agreement nor disagreement, and left out
// of every rate. A failing verdict still flags the item.
//
// # Agreement
//
// Kappa is Cohen's kappa between the judge's flag / no flag and the human
// label over the items scored: with n = TP+FN+FP+TN, observed agreement
// p_o = (TP+TN)/n and chance agreement p_e = ((TP+FP)(TP+FN) +
// (FN+TN)(FP+TN))/n², kappa = (p_o - p_e)/(1 - p_e): 1 is perfect
// agreement, 0 what chance gives, below 0 worse than chance. It is undefined
// (shown as "—", null in JSON) when nothing was scored, and when p_e = 1,
// which happens exactly when the judge and the human both put every scored
// item in the same single class (all flagged or all passed): they agree on
// every item, but a set without both classes cannot tell a judge that
// discriminates from one that always says the same thing, so no number is
// given rather than a flattering 1.
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
	// Labelled are the judges a human labelled the item for (the case's
	// and the reply's labelled lists): an LLM judge named here and not in
	// Flags must pass the item. See LabelledOnly.
	Labelled map[string]bool
	Note     string
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
	Labelled       []string       `yaml:"labelled"`
	Rubrics        []suite.Rubric `yaml:"rubrics"`
	Customer       []string       `yaml:"customer"`
	Replies        []rawReply     `yaml:"replies"`
}

type rawReply struct {
	ID        string    `yaml:"id"`
	Bot       texts     `yaml:"bot"`
	Handoff   []*bool   `yaml:"handoff"`
	LatencyMS []float64 `yaml:"latency_ms"`
	Flags     []string  `yaml:"flags"`
	Labelled  []string  `yaml:"labelled"`
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
		if err := suite.UnmarshalYAML(data, &raw, yaml.Strict()); err != nil {
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
			badRubric := false
			for k, rb := range rc.Rubrics {
				if strings.TrimSpace(rb.Rubric) == "" {
					fail("%s: rubrics[%d].rubric: missing", rc.ID, k)
					badRubric = true
				}
			}
			if badRubric {
				continue
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
					Flags: names(rr.Flags), Ignore: names(rr.Ignore), Note: rr.Note,
					Labelled: names(append(append([]string(nil), rc.Labelled...), rr.Labelled...))}
				c := &suite.Case{ID: it.ID, Severity: suite.Medium, Language: rc.Language, Policy: policy,
					Expect: suite.Expect{Escalation: suite.Escalation(rc.Escalation), EscalateByTurn: rc.EscalateByTurn,
						MaxLatency: rc.MaxLatency, Facts: rc.Facts},
					Judges: append([]suite.Rubric(nil), rc.Rubrics...),
					File:   file, Line: line}
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

// Outcome is one item a judge got wrong, or could not rule on.
type Outcome struct {
	Item string
	// Why is the judge's rationale for a false alarm, a skip or an error,
	// or the item's note for a miss.
	Why string
}

// Stats is one judge's record on the set.
type Stats struct {
	Judge          string
	TP, FN, FP, TN int
	// LabelledOnly is set for the LLM judges, scored only on the items a
	// human labelled for them (see LabelledOnly).
	LabelledOnly bool
	// Skipped and Errored count the items labelled for an LLM judge on
	// which it could not rule (skipped verdicts, or an error, and no
	// failure): neither agreement nor disagreement.
	Skipped, Errored int
	// SkipReason, when set, says why the judge did not run at all (no
	// judge model): it is listed as skipped, not scored.
	SkipReason  string
	Misses      []Outcome
	FalseAlarms []Outcome
	// Unruled lists the skipped and errored items, "skipped: " or
	// "error: " before the judge's rationale.
	Unruled []Outcome
}

// Positives counts the items labelled for the judge.
func (s Stats) Positives() int { return s.TP + s.FN }

// Negatives counts the items the judge must pass.
func (s Stats) Negatives() int { return s.FP + s.TN }

// Scored counts the items on which the judge's ruling was compared with
// the label.
func (s Stats) Scored() int { return s.TP + s.FN + s.FP + s.TN }

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

// Kappa is Cohen's kappa between the judge's flags and the human labels on
// the scored items, (p_o - p_e) / (1 - p_e). ok is false when it is
// undefined: nothing scored, or chance agreement p_e = 1 (judge and human
// both put every item in the same single class; see the package doc).
func (s Stats) Kappa() (kappa float64, ok bool) {
	return Kappa(s.TP, s.FN, s.FP, s.TN)
}

// Kappa is Cohen's kappa for a 2×2 table of judge against human: tp both
// flag, fn only the human, fp only the judge, tn neither. ok is false when
// the table is empty or chance agreement is 1.
func Kappa(tp, fn, fp, tn int) (kappa float64, ok bool) {
	n := float64(tp + fn + fp + tn)
	if n == 0 {
		return 0, false
	}
	po := float64(tp+tn) / n
	judgeYes, humanYes := float64(tp+fp), float64(tp+fn)
	judgeNo, humanNo := float64(fn+tn), float64(fp+tn)
	pe := (judgeYes*humanYes + judgeNo*humanNo) / (n * n)
	if pe >= 1 {
		return 0, false
	}
	return (po - pe) / (1 - pe), true
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

// MarkSkipped records that the named judges did not run (why says why,
// e.g. no judge model): they are listed as skipped, not scored, and their
// counts are cleared.
func (r *Report) MarkSkipped(why string, judgeNames ...string) {
	skip := names(judgeNames)
	for i := range r.Judges {
		if skip[r.Judges[i].Judge] {
			s := &r.Judges[i]
			*s = Stats{Judge: s.Judge, LabelledOnly: s.LabelledOnly, Skipped: s.Skipped + s.Errored + s.Scored(), SkipReason: why}
		}
	}
}

// LabelledOnly reports whether the judge is scored only on the items a
// human labelled for it (flags or labelled name it): the LLM judges, named
// "llm-..." or "rubric" / "rubric:NAME". Every other judge is scored on
// every item not ignored.
func LabelledOnly(judge string) bool {
	return strings.HasPrefix(judge, "llm-") || judge == "rubric" || strings.HasPrefix(judge, "rubric:")
}

// rubricJudge is the LLM rubric judge's name: its verdicts are scored per
// rubric, as "rubric:NAME".
const rubricJudge = "llm-rubric"

// scorer is one row of the report: a judge, and which of its verdicts
// count for the row.
type scorer struct {
	name  string
	judge int
	pick  func(judges.Verdict) bool
}

// Run has every judge rule on every item of the set and counts, per judge,
// how its rulings compare with the labels. The LLM rubric judge gets one
// row per rubric the set's cases carry ("rubric:NAME"), or one row of its
// own when they carry none.
func Run(set *Set, js ...judges.Judge) Report {
	ctx := context.Background()
	r := Report{Items: len(set.Items), Replies: set.Replies(), Languages: set.Languages()}
	var rubrics []string
	seen := map[string]bool{}
	for _, it := range set.Items {
		for _, rb := range it.Case.Judges {
			n := "rubric"
			if rb.Name != "" {
				n = "rubric:" + rb.Name
			}
			if !seen[n] {
				seen[n] = true
				rubrics = append(rubrics, n)
			}
		}
	}
	var scorers []scorer
	all := func(judges.Verdict) bool { return true }
	for k, j := range js {
		if j.Name() == rubricJudge && len(rubrics) > 0 {
			for _, n := range rubrics {
				scorers = append(scorers, scorer{name: n, judge: k, pick: func(v judges.Verdict) bool { return v.Judge == n }})
			}
			continue
		}
		scorers = append(scorers, scorer{name: j.Name(), judge: k, pick: all})
	}
	known := map[string]bool{}
	for _, sc := range scorers {
		known[sc.name] = true
	}
	unknown := map[string]bool{}
	for _, it := range set.Items {
		for _, m := range []map[string]bool{it.Flags, it.Ignore, it.Labelled} {
			for n := range m {
				if !known[n] {
					unknown[n] = true
				}
			}
		}
	}
	for n := range unknown {
		r.Unknown = append(r.Unknown, n)
	}
	sort.Strings(r.Unknown)
	// Each judge rules once per item, and only when some row needs it.
	verdicts := make([]map[*Item][]judges.Verdict, len(js))
	rule := func(k int, it *Item) []judges.Verdict {
		if verdicts[k] == nil {
			verdicts[k] = map[*Item][]judges.Verdict{}
		}
		vs, ok := verdicts[k][it]
		if !ok {
			vs = js[k].Judge(ctx, it.Case, it.Transcript)
			verdicts[k][it] = vs
		}
		return vs
	}
	for _, sc := range scorers {
		s := Stats{Judge: sc.name, LabelledOnly: LabelledOnly(sc.name)}
		for _, it := range set.Items {
			if it.Ignore[s.Judge] {
				continue
			}
			want := it.Flags[s.Judge]
			if s.LabelledOnly && !want && !it.Labelled[s.Judge] {
				continue
			}
			var failed, errored, skipped *judges.Verdict
			passed := false
			vs := rule(sc.judge, it)
			for i := range vs {
				if !sc.pick(vs[i]) {
					continue
				}
				switch vs[i].Status {
				case judges.Fail:
					if failed == nil {
						failed = &vs[i]
					}
				case judges.Error:
					if errored == nil {
						errored = &vs[i]
					}
				case judges.Skipped:
					if skipped == nil {
						skipped = &vs[i]
					}
				default:
					passed = true
				}
			}
			if s.LabelledOnly && failed == nil {
				switch {
				case errored != nil:
					s.Errored++
					s.Unruled = append(s.Unruled, Outcome{Item: it.ID, Why: "error: " + errored.Rationale})
					continue
				case !passed:
					why := "no verdict"
					if skipped != nil {
						why = skipped.Rationale
					}
					s.Skipped++
					s.Unruled = append(s.Unruled, Outcome{Item: it.ID, Why: "skipped: " + why})
					continue
				}
			}
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

// BelowKappa lists, one line each, the judges whose kappa is defined and
// below minKappa. A judge with undefined kappa (see Kappa) has none to hold.
func (r Report) BelowKappa(minKappa float64) []string {
	var out []string
	for _, s := range r.Judges {
		if k, ok := s.Kappa(); ok && k < minKappa {
			out = append(out, fmt.Sprintf("%s: kappa %.3f is below %.3f (agreement with the human labels on %d items)", s.Judge, k, minKappa, s.Scored()))
		}
	}
	return out
}
