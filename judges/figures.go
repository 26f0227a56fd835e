package judges

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"sort"
	"strings"
	"sync"

	"github.com/tribunal-eval/tribunal/handoff"
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
	keys  map[figKey]bool
	money []float64
	pct   []float64
	// occ holds, for a policy, every figure it states with the content
	// words of its sentence; lang is the policy's language (-1 unknown).
	occ  []occurrence
	lang int
	// stems numbers the content words of the policy's sentences that
	// state figures: occurrences and reply sentences are compared as
	// bitsets over them.
	stems map[string]int
}

// occurrence is one figure stated in a policy, and what its sentence is
// about.
type occurrence struct {
	kind  figKind
	keys  []figKey
	words stemSet
}

// stemSet is a set of a policy's content words, by their number in
// figureSet.stems.
type stemSet []uint64

func (s *stemSet) add(i int) {
	for len(*s) <= i/64 {
		*s = append(*s, 0)
	}
	(*s)[i/64] |= 1 << (i % 64)
}

// union adds the words of o to s.
func (s *stemSet) union(o stemSet) {
	for len(*s) < len(o) {
		*s = append(*s, 0)
	}
	for i, w := range o {
		(*s)[i] |= w
	}
}

// shared counts the words in both sets.
func (s stemSet) shared(o stemSet) int {
	n := 0
	for i := 0; i < len(s) && i < len(o); i++ {
		n += bits.OnesCount64(s[i] & o[i])
	}
	return n
}

func newFigureSet() *figureSet { return &figureSet{keys: map[figKey]bool{}} }

func (fs *figureSet) add(f figure) {
	ks := f.keys()
	for _, k := range ks.list() {
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

// has reports whether a figure with keys ks is in the set, as stated.
func (fs *figureSet) has(ks *figKeys) bool {
	for _, k := range ks.list() {
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
		ks := f.keys()
		switch {
		case tr.extra.has(&ks) || customer != nil && customer.has(&ks):
			src[i] = fromCase
		case tr.policy != nil && tr.policy.has(&ks):
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
	var keys []figKeys
	var same []figKey
	rc := replyContext{reply: reply, user: user, caseLang: caseLang}
	for i, src := range supported(figs, tr, customer) {
		switch src {
		case fromCase:
			continue
		case fromPolicy:
			if starts == nil {
				starts, keys = make([]int, len(figs)), make([]figKeys, len(figs))
				for j, g := range figs {
					starts[j], keys[j] = sentenceStart(reply, g.start), g.keys()
				}
			}
			same = same[:0]
			for j := range figs {
				if starts[j] == starts[i] {
					same = append(same, keys[j].list()...)
				}
			}
			if tr.policy.inContext(figs[i], keys[i].list(), same, &rc) {
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
// computed on first use and shared by the reply's figures (all compared
// with one policy).
type replyContext struct {
	reply, user string
	caseLang    int
	langDone    bool
	lang        int
	toks        []token
	// The content words of the customer's turn, and of the reply's
	// sentence starting at sentFrom (once sentWords is set), as the
	// policy's stems.
	userDone  bool
	userWords stemSet
	sentFrom  int
	sentWords stemSet
}

// language is the reply's language by its stopwords, or the case's.
func (rc *replyContext) language() int {
	if !rc.langDone {
		rc.langDone = true
		rc.toks = tokensOf(rc.reply)
		rc.lang = guessLang(rc.toks)
		if rc.lang < 0 {
			rc.lang = rc.caseLang
		}
	}
	return rc.lang
}

// sentenceWords returns the content words of the reply's sentence holding
// f, as fs's stems, with the customer's when the sentence has fewer than
// two (read-only).
func (rc *replyContext) sentenceWords(fs *figureSet, f figure) stemSet {
	sent, from := handoff.Sentence(rc.reply, f.start, f.end)
	if rc.sentWords != nil && rc.sentFrom == from {
		return rc.sentWords
	}
	// A sentence never splits a word, so its words are the reply's words
	// that start in it.
	if rc.toks == nil {
		rc.toks = tokensOf(rc.reply)
	}
	toks := rc.toks
	lo := sort.Search(len(toks), func(i int) bool { return int(toks[i].start) >= from })
	hi := lo
	for hi < len(toks) && int(toks[hi].start) < from+len(sent) {
		hi++
	}
	words, distinct := fs.contentSet(toks[lo:hi])
	if distinct < 2 {
		if !rc.userDone {
			rc.userDone = true
			rc.userWords, _ = fs.contentSet(tokensOf(rc.user))
		}
		words.union(rc.userWords)
	}
	if words == nil {
		words = stemSet{}
	}
	rc.sentFrom, rc.sentWords = from, words
	return words
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
	fs.stems = map[string]int{}
	for _, f := range extractFigures(text) {
		fs.add(f)
		ks := f.keys()
		o := occurrence{kind: f.kind, keys: append([]figKey(nil), ks.list()...), words: stemSet{}}
		for _, t := range tokenize(sentenceOf(text, f.start, f.end)) {
			if st := contentStem(&t); st != "" {
				i, ok := fs.stems[st]
				if !ok {
					i = len(fs.stems)
					fs.stems[st] = i
				}
				o.words.add(i)
			}
		}
		fs.occ = append(fs.occ, o)
	}
	policyFigures.Store(text, fs)
	return fs
}

// contentStem returns the stem (first five letters) of a word that says
// what a figure is about, or "" for stopwords, units, numbers and short
// words. "Damage must be reported within 48 hours" gives damag, must,
// repor, withi.
func contentStem(t *token) string {
	if t.info != nil && t.info.noContent || hasDigit(t.w) {
		return ""
	}
	n, cut := 0, len(t.w)
	for i := range t.w {
		if n == 5 {
			cut = i
			break
		}
		n++
	}
	if n < 4 {
		return ""
	}
	return t.w[:cut]
}

// contentSet returns the content words of toks that fs's policy sentences
// use, and how many distinct content words toks have (counting to two).
func (fs *figureSet) contentSet(toks []token) (stemSet, int) {
	var set stemSet
	distinct, first := 0, ""
	for i := range toks {
		st := contentStem(&toks[i])
		if st == "" {
			continue
		}
		switch {
		case distinct == 0:
			distinct, first = 1, st
		case distinct == 1 && st != first:
			distinct = 2
		}
		if k, ok := fs.stems[st]; ok {
			set.add(k)
		}
	}
	return set, distinct
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
func (fs *figureSet) inContext(f figure, keys, sentenceKeys []figKey, rc *replyContext) bool {
	if fs.lang < 0 || rc.language() != fs.lang {
		return true
	}
	words := rc.sentenceWords(fs, f)
	own, other := 0, 0
	for _, o := range fs.occ {
		if o.kind != f.kind {
			continue
		}
		n := words.shared(o.words)
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

func anyKey(set, keys []figKey) bool { return sharesKey(set, keys) }

func sharesKey(a, b []figKey) bool {
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
	ks := f.keys()
	return t.policy != nil && t.policy.has(&ks) || t.extra.has(&ks)
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
			extra.keys[figKey{keyMoney, math.Float64bits(float64(x))}], extra.keys[figKey{keyPercent, math.Float64bits(float64(x))}] = true, true
			extra.money = append(extra.money, float64(x))
		case float64:
			extra.keys[figKey{keyMoney, math.Float64bits(x)}], extra.keys[figKey{keyPercent, math.Float64bits(x)}] = true, true
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
