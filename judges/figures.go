package judges

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// Figures checks, without an LLM, that every concrete figure a reply states
// (money amounts and fees, percentages, time windows such as "within 90
// days") appears in the policy text the case cites (dimension accuracy). A
// figure that does not is an unsupported claim, quoted as evidence: the Air
// Canada failure, where the bot invented "within 90 days".
//
// Formats are normalised: "€25", "25 EUR" and "25,00 €" agree, as do "90
// days" and "ninety days" (spelled numbers in en, fr, de, es and sv), "24
// hours" and "1 day", "2 weeks" and "14 days". A figure is supported when
// it is in the policy, in the case's facts or context, when the customer
// said it first, or when it is the sum, difference or percentage of such
// figures ("€40 minus the €5 fee is €35"). Dates, times of day, booking
// and order references, phone numbers, ordinals and bare counts are not
// claims.
//
// A figure the policy states is also checked in context: the reply's
// sentence must share a content word with a policy sentence that states
// it, and not match another clause much better (a bot that says damage can
// be reported "within 7 days" when 7 days is how long parcels wait at the
// pickup point). This reads words, not meaning: a figure from the wrong
// clause that shares the clause's words passes. It does not compare
// currencies, and does not check counts and weights ("2 bags", "23 kg").
// Cases without a policy (and without facts) get no verdict.
type Figures struct{}

// Name returns "figures".
func (Figures) Name() string { return "figures" }

// figureSet is the set of figures a reply may state.
type figureSet struct {
	keys  map[string]bool
	money []float64
	pct   []float64
	// occ holds, for a policy, every figure it states with the content
	// words of its sentence; lang is the policy's language (-1 unknown).
	occ  []occurrence
	lang int
}

// occurrence is one figure stated in a policy, and what its sentence is
// about.
type occurrence struct {
	kind  figKind
	keys  []string
	words map[string]bool
}

func newFigureSet() *figureSet { return &figureSet{keys: map[string]bool{}} }

func (fs *figureSet) add(f figure) {
	for _, k := range f.keys() {
		fs.keys[k] = true
	}
	switch f.kind {
	case figMoney:
		fs.money = append(fs.money, f.value)
	case figPercent:
		fs.pct = append(fs.pct, f.value)
	}
}

func (fs *figureSet) addText(s string) {
	for _, f := range extractFigures(s) {
		fs.add(f)
	}
}

// has reports whether f is in the set, as stated.
func (fs *figureSet) has(f figure) bool {
	for _, k := range f.keys() {
		if fs.keys[k] {
			return true
		}
	}
	return false
}

// derives reports whether v is the sum, difference or percentage of the
// operands: money amounts and percentages the conversation has already
// established.
func derives(v float64, money, pct []float64) bool {
	near := func(x float64) bool { return math.Abs(x-v) < 0.005 }
	for i, a := range money {
		for _, p := range pct {
			if near(a*p/100) || near(a*(100-p)/100) {
				return true
			}
		}
		for j, b := range money {
			if i != j && (near(a-b) || near(a+b)) {
				return true
			}
		}
	}
	return false
}

// Where a figure's support comes from.
type source uint8

const (
	unsupported source = iota
	// fromPolicy: the policy states it (to be checked in context).
	fromPolicy
	// fromCase: the case's facts or context, or the customer, state it, or
	// it is worked out from figures so stated.
	fromCase
)

// supported says, for each figure of a reply, where the case backs it: the
// policy, facts or context state it, or (when customer is not nil) the
// customer said it, or it is the sum, difference or percentage of figures
// so backed that the reply or the customer states ("your €40 minus the
// €5.95 return shipping is €34.05"). Policy figures alone are not combined:
// a policy full of amounts would back almost any sum.
func supported(figs []figure, tr truth, customer *figureSet) []source {
	src := make([]source, len(figs))
	var money, pct []float64
	if tr.policy != nil {
		pct = append(pct, tr.policy.pct...)
	}
	pct = append(pct, tr.extra.pct...)
	money = append(money, tr.extra.money...)
	if customer != nil {
		money = append(money, customer.money...)
		pct = append(pct, customer.pct...)
	}
	pending := false
	for i, f := range figs {
		switch {
		case tr.extra.has(f) || customer != nil && customer.has(f):
			src[i] = fromCase
		case tr.policy != nil && tr.policy.has(f):
			src[i] = fromPolicy
		}
		switch {
		case src[i] != unsupported && f.kind == figMoney:
			money = append(money, f.value)
		case src[i] != unsupported && f.kind == figPercent:
			pct = append(pct, f.value)
		case src[i] == unsupported && f.kind == figMoney:
			pending = true
		}
	}
	if pending {
		for i, f := range figs {
			if src[i] == unsupported && f.kind == figMoney && derives(f.value, money, pct) {
				src[i] = fromCase
			}
		}
	}
	return src
}

// grounded checks each figure of a reply against the case, in context:
// the figures that are not backed, and for each whether it is in the
// policy but about something else.
func grounded(figs []figure, tr truth, customer *figureSet, reply, user string, caseLang int) (bad []figure, elsewhere []bool) {
	// Sentence starts and keys of the reply's figures, and what inContext
	// reads of the reply, are worked out once per reply (on the first
	// policy figure), not once per figure.
	var starts []int
	var keys [][]string
	rc := replyContext{reply: reply, user: user, caseLang: caseLang}
	for i, src := range supported(figs, tr, customer) {
		switch src {
		case fromCase:
			continue
		case fromPolicy:
			if starts == nil {
				starts, keys = make([]int, len(figs)), make([][]string, len(figs))
				for j, g := range figs {
					starts[j], keys[j] = sentenceStart(reply, g.start), g.keys()
				}
			}
			same := map[string]bool{}
			for j := range figs {
				if starts[j] == starts[i] {
					for _, k := range keys[j] {
						same[k] = true
					}
				}
			}
			if tr.policy.inContext(figs[i], keys[i], same, &rc) {
				continue
			}
			bad, elsewhere = append(bad, figs[i]), append(elsewhere, true)
		default:
			bad, elsewhere = append(bad, figs[i]), append(elsewhere, false)
		}
	}
	return bad, elsewhere
}

// replyContext is what inContext reads of a reply and the customer's turn,
// computed on first use and shared by the reply's figures.
type replyContext struct {
	reply, user string
	caseLang    int
	langDone    bool
	lang        int
	userWords   map[string]bool
}

// language is the reply's language by its stopwords, or the case's.
func (rc *replyContext) language() int {
	if !rc.langDone {
		rc.langDone = true
		rc.lang = guessLang(tokensOf(rc.reply))
		if rc.lang < 0 {
			rc.lang = rc.caseLang
		}
	}
	return rc.lang
}

// userContent returns the content words of the customer's turn (read-only).
func (rc *replyContext) userContent() map[string]bool {
	if rc.userWords == nil {
		rc.userWords = contentWords(tokensOf(rc.user))
	}
	return rc.userWords
}

// policyFigures caches the figures of each policy text: a suite cites a
// handful of policies thousands of times.
var policyFigures sync.Map // string -> *figureSet

func figuresOf(text string) *figureSet {
	if fs, ok := policyFigures.Load(text); ok {
		return fs.(*figureSet)
	}
	fs := newFigureSet()
	fs.lang = guessLang(tokenize(text))
	for _, f := range extractFigures(text) {
		fs.add(f)
		fs.occ = append(fs.occ, occurrence{kind: f.kind, keys: f.keys(),
			words: contentWords(tokenize(sentenceOf(text, f.start, f.end)))})
	}
	policyFigures.Store(text, fs)
	return fs
}

// contentWords returns the stems (first five letters) of the words of toks
// that say what a figure is about: no stopwords, units, numbers or short
// words. "Damage must be reported within 48 hours" gives damag, must,
// repor, withi.
func contentWords(toks []token) map[string]bool {
	m := map[string]bool{}
	for _, t := range toks {
		if stopwords[t.w] != 0 || genericWords[t.w] || strings.ContainsAny(t.w, "0123456789") {
			continue
		}
		if _, ok := unitWords[t.w]; ok {
			continue
		}
		if _, ok := numberWords[t.w]; ok {
			continue
		}
		r := []rune(t.w)
		if len(r) < 4 {
			continue
		}
		if len(r) > 5 {
			r = r[:5]
		}
		m[string(r)] = true
	}
	return m
}

// genericWords say nothing about what a figure is for ("within", "must").
var genericWords = wordList(`within inside after before from until least most more less than each every must will have only also
	maximum minimum upto about around later
	dans sous après avant jusqu moins plus chaque doit doivent maximum minimum environ
	innerhalb nach bis mindestens höchstens jeder jede jedes muss müssen werden maximal spätestens etwa
	dentro después antes hasta cada menos debe deben máximo mínimo unos
	inom efter före senast minst högst varje måste cirka`)

// inContext reports whether a figure the policy states is stated there
// about the same thing as in the reply. The reply's sentence (with the
// customer's turn when the sentence is too short to say) is compared with
// every policy sentence that states a figure of the same kind: the figure
// is out of context when no sentence stating it shares a content word with
// the reply, or when a sentence stating another figure shares at least two
// more ("you have 60 days to pay the invoice" against "invoices are due
// within 30 days" and "a payment pause of up to 60 days"). Replies in
// another language than the policy are not compared.
func (fs *figureSet) inContext(f figure, keys []string, sentenceKeys map[string]bool, rc *replyContext) bool {
	if fs.lang < 0 || rc.language() != fs.lang {
		return true
	}
	words := contentWords(tokenize(sentenceOf(rc.reply, f.start, f.end)))
	if len(words) < 2 {
		for w := range rc.userContent() {
			words[w] = true
		}
	}
	// A slice iterates much faster than a map, and every occurrence of the
	// policy is compared with these words.
	list := make([]string, 0, len(words))
	for w := range words {
		list = append(list, w)
	}
	own, other := 0, 0
	for _, o := range fs.occ {
		if o.kind != f.kind {
			continue
		}
		n := 0
		for _, w := range list {
			if o.words[w] {
				n++
			}
		}
		switch {
		case sharesKey(keys, o.keys):
			own = max(own, n)
		case !anyKey(sentenceKeys, o.keys):
			// A clause about another figure the same sentence states
			// ("€3.50 per parcel, covering up to €500") is no rival.
			other = max(other, n)
		}
	}
	return own > 0 && other < own+2
}

func anyKey(set map[string]bool, keys []string) bool {
	for _, k := range keys {
		if set[k] {
			return true
		}
	}
	return false
}

func sharesKey(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// truth is what a case says about figures: its policy's (cached) and
// those of its facts and context.
type truth struct{ policy, extra *figureSet }

func (t truth) has(f figure) bool {
	return t.policy != nil && t.policy.has(f) || t.extra.has(f)
}

// groundTruth collects what a case says about figures: its policy, its
// facts and its context. ok is false when the case cites no policy and has
// no facts, so there is nothing to check against.
func groundTruth(c *suite.Case) (truth, bool) {
	policy := c.PolicyText()
	extra := newFigureSet()
	for _, f := range c.Expect.Facts {
		extra.addText(f)
	}
	for _, v := range c.Context {
		switch x := v.(type) {
		case string:
			extra.addText(x)
		case int:
			extra.keys["m:"+fmtNum(float64(x))], extra.keys["p:"+fmtNum(float64(x))] = true, true
			extra.money = append(extra.money, float64(x))
		case float64:
			extra.keys["m:"+fmtNum(x)], extra.keys["p:"+fmtNum(x)] = true, true
			extra.money = append(extra.money, x)
		}
	}
	if strings.TrimSpace(policy) == "" {
		return truth{extra: extra}, len(c.Expect.Facts) > 0
	}
	return truth{policy: figuresOf(policy), extra: extra}, true
}

// Judge returns a failing verdict per turn that states unsupported figures,
// or one pass.
func (Figures) Judge(_ context.Context, c *suite.Case, t *transcript.Transcript) []Verdict {
	truth, ok := groundTruth(c)
	if !ok {
		return nil
	}
	source := "the policy"
	if c.Policy != nil && c.Policy.Path != "" {
		source = "the policy (" + c.Policy.Path + ")"
	}
	caseLang := -1
	if l, ok := langOf(c.Language); ok {
		caseLang = int(l)
	}
	customer := newFigureSet()
	var out []Verdict
	stated := 0
	for _, tu := range t.Turns {
		customer.addText(tu.User)
		if rawJSON(tu.Reply) {
			continue // the format judge's; its figures have no sentences to read
		}
		figs := extractFigures(tu.Reply)
		stated += len(figs)
		bad, elsewhere := grounded(figs, truth, customer, tu.Reply, tu.User, caseLang)
		if len(bad) == 0 {
			continue
		}
		var quotes, absent, other []string
		for i, f := range bad {
			quotes = append(quotes, sentenceOf(tu.Reply, f.start, f.end))
			if elsewhere[i] {
				other = append(other, fmt.Sprintf("%q", f.text(tu.Reply)))
			} else {
				absent = append(absent, fmt.Sprintf("%q", f.text(tu.Reply)))
			}
		}
		var why []string
		if len(absent) > 0 {
			why = append(why, fmt.Sprintf("%s does not appear in %s", strings.Join(absent, ", "), source))
		}
		if len(other) > 0 {
			why = append(why, fmt.Sprintf("%s appears in %s only about something else", strings.Join(other, ", "), source))
		}
		out = append(out, Verdict{Dimension: Accuracy, Status: Fail,
			Score: 1 - float64(len(bad))/float64(len(figs)), Turn: tu.Index,
			Evidence:  join(quotes),
			Rationale: "unsupported claim: " + strings.Join(why, "; ")})
	}
	if len(out) > 0 {
		return out
	}
	if stated == 0 {
		return []Verdict{{Dimension: Accuracy, Status: Pass, Score: 1, Rationale: "the replies state no concrete figures"}}
	}
	return []Verdict{{Dimension: Accuracy, Status: Pass, Score: 1,
		Rationale: fmt.Sprintf("every figure the replies state (%d) appears in %s or the customer's words", stated, source)}}
}
