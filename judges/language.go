package judges

import (
	"context"
	"fmt"
	"hash/maphash"
	"strings"
	"sync"

	"github.com/abadojack/whatlanggo"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// LanguageJudge fails a reply written in another language than the
// customer's (dimension language): the case's language, or, when the case
// does not set one, the language of the customer's own turns. Two detectors
// must agree before a reply fails: whatlanggo (trigram statistics, with
// its reliability threshold, or a reliable win of its first choice over the
// customer's language alone, which tells Norwegian from Swedish when it
// cannot tell Norwegian from Danish, or a weaker first choice that the
// stopwords clearly confirm, for short replies) and a vote of the most frequent function
// words of en, fr, de, es and sv. A reply whose stopwords are
// overwhelmingly the customer's language passes without the statistical
// detector, which keeps the judge fast on the common case.
//
// Short replies (under five words), names, order numbers, URLs and
// anything the two detectors do not agree on are inconclusive: the turn is
// skipped, not failed. If no reply could be checked the verdict is
// skipped.
//
// It cannot judge a reply that mixes two languages evenly, nor closely
// related languages outside the five (Swedish against Norwegian or Danish
// is left to the stopwords, which these share in part), and it trusts the
// case's language over what the customer actually wrote.
type LanguageJudge struct{}

// Name returns "language".
func (LanguageJudge) Name() string { return "language" }

var (
	detectable = []whatlanggo.Lang{whatlanggo.Eng, whatlanggo.Fra, whatlanggo.Deu, whatlanggo.Spa, whatlanggo.Swe,
		whatlanggo.Ita, whatlanggo.Por, whatlanggo.Nld, whatlanggo.Dan, whatlanggo.Nob, whatlanggo.Fin, whatlanggo.Pol}
	detectOpts = func() whatlanggo.Options {
		wl := map[whatlanggo.Lang]bool{}
		for _, l := range detectable {
			wl[l] = true
		}
		return whatlanggo.Options{Whitelist: wl}
	}()
	// isoOf maps the detectable languages to their ISO 639-1 codes (the
	// library builds a map on every call to Iso6391).
	isoOf = func() map[whatlanggo.Lang]string {
		m := map[whatlanggo.Lang]string{}
		for _, l := range detectable {
			m[l] = l.Iso6391()
		}
		return m
	}()
	langOfISO = func() map[string]whatlanggo.Lang {
		m := map[string]whatlanggo.Lang{}
		for l, code := range isoOf {
			m[code] = l
		}
		return m
	}()
	langNames = map[string]string{"en": "English", "fr": "French", "de": "German", "es": "Spanish", "sv": "Swedish",
		"it": "Italian", "pt": "Portuguese", "nl": "Dutch", "da": "Danish", "nb": "Norwegian", "fi": "Finnish", "pl": "Polish"}
)

// minWords is the fewest words a reply needs to be judged at all;
// detection on fewer is guesswork.
const minWords = 5

// reliable is the confidence whatlanggo must reach to count as a detection.
const reliable = 0.8

func langName(code string) string {
	if n, ok := langNames[code]; ok {
		return n
	}
	return code
}

// cleanText drops what carries no language from s before statistical
// detection: URLs, e-mail addresses and anything with a digit in it.
func cleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for f := range strings.FieldsSeq(s) {
		if strings.Contains(f, "://") || strings.HasPrefix(f, "www.") || strings.Contains(f, "@") || hasDigit(f) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}

// detection is what the two detectors say about a text.
type detection struct {
	words int
	vote  [nLangs]int
	// stat is whatlanggo's language (ISO 639-1) when reliable, else "".
	stat    string
	statRan bool
	text    string
	// top is whatlanggo's first choice, however unsure; cleaned is the
	// text it read.
	top, cleaned string
	conf         float64
}

func (d *detection) statistical() string {
	if !d.statRan {
		d.statRan = true
		d.cleaned = cleanText(d.text)
		info := statCache.detect(d.cleaned, "", detectOpts)
		d.top, d.conf = isoOf[info.Lang], info.Confidence
		if info.Confidence >= reliable {
			d.stat = d.top
		}
	}
	return d.stat
}

// against returns the language whatlanggo prefers, reliably, when the only
// candidates are its own first choice and want: Norwegian and Danish are
// hard to tell apart, but either is reliably not Swedish.
func (d *detection) against(want string) string {
	if d.statistical() != "" {
		return d.stat
	}
	wl, ok := langOfISO[want]
	top, ok2 := langOfISO[d.top]
	if !ok || !ok2 || d.top == want {
		return ""
	}
	info := statCache.detect(d.cleaned, want+"/"+d.top, whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{wl: true, top: true}})
	if info.Confidence >= reliable {
		return isoOf[info.Lang]
	}
	return ""
}

// whatlanggo reads every trigram of a text, by far the slowest step of the
// judge; templated bots and re-run suites send the same replies again and
// again. statCache keeps its answers in a small bounded cache, sharded so
// concurrent workers do not queue on one lock (each shard is dropped when
// full: memory stays bounded over any run).
const (
	statShards   = 16
	statShardCap = 256
)

type statKey struct{ text, whitelist string }

type statShard struct {
	sync.Mutex
	m map[statKey]whatlanggo.Info
}

type statCacheT [statShards]statShard

var statCache statCacheT

// detect returns whatlanggo.DetectWithOptions(text, opts); whitelist names
// opts' whitelist ("" for detectOpts).
func (c *statCacheT) detect(text, whitelist string, opts whatlanggo.Options) whatlanggo.Info {
	k := statKey{text, whitelist}
	sh := &c[maphash.String(tokenSeed, text)%statShards]
	sh.Lock()
	info, ok := sh.m[k]
	sh.Unlock()
	if ok {
		return info
	}
	info = whatlanggo.DetectWithOptions(text, opts)
	sh.Lock()
	if sh.m == nil || len(sh.m) >= statShardCap {
		sh.m = make(map[statKey]whatlanggo.Info, statShardCap)
	}
	sh.m[k] = info
	sh.Unlock()
	return info
}

func detect(s string) *detection {
	d := &detection{text: s}
	toks := tokensOf(s)
	for i := range toks {
		t := &toks[i]
		if hasDigit(t.w) || t.w == "https" || t.w == "http" || t.w == "www" {
			continue
		}
		d.words++
		if t.info == nil {
			continue
		}
		if bits := t.info.stop; bits != 0 {
			for l := lang(0); l < nLangs; l++ {
				if bits&(1<<l) != 0 {
					d.vote[l]++
				}
			}
		}
	}
	return d
}

// leader returns the language with the most stopwords and whether it leads
// clearly (at least two, and twice any other).
func (d *detection) leader() (lang, bool) {
	best, second := lang(0), 0
	for l := lang(1); l < nLangs; l++ {
		if d.vote[l] > d.vote[best] {
			best = l
		}
	}
	for l := lang(0); l < nLangs; l++ {
		if l != best && d.vote[l] > second {
			second = d.vote[l]
		}
	}
	return best, d.vote[best] >= 2 && d.vote[best] >= 2*second && d.vote[best] > second
}

// verdict rules on one reply against the expected language: "pass",
// "fail" with the language found, or "" when inconclusive.
func (d *detection) verdict(want string) (string, string) {
	if d.words < minWords {
		return "", ""
	}
	wl, five := langOf(want)
	if five {
		if best, clear := d.leader(); clear && best == wl {
			return "pass", ""
		}
	}
	got := d.against(want)
	if got == "" {
		// whatlanggo is unsure on short texts; its first choice still
		// counts when the stopwords clearly lead for the same language.
		if best, clear := d.leader(); clear && d.conf >= 0.5 && d.top == langCodes[best] {
			got = d.top
		}
	}
	switch {
	case got == "":
		return "", ""
	case got == want:
		if !five || d.vote[wl] >= maxOther(d.vote, wl) {
			return "pass", ""
		}
		return "", ""
	}
	// The statistical detector says another language: the stopwords must
	// confirm it.
	if gl, ok := langOf(got); ok {
		if d.vote[gl] >= 2 && (!five || d.vote[gl] > d.vote[wl]) {
			return "fail", got
		}
		return "", ""
	}
	// A language outside the five (Portuguese for a Spanish customer): the
	// customer's own stopwords must be scarce, as they are in any text not
	// written in that language (a quarter or more of the words of a text
	// in one of the five are its stopwords).
	if !five || d.words >= 6 && 4*d.vote[wl] < d.words {
		return "fail", got
	}
	return "", ""
}

func maxOther(v [nLangs]int, not lang) int {
	m := 0
	for l := lang(0); l < nLangs; l++ {
		if l != not && v[l] > m {
			m = v[l]
		}
	}
	return m
}

// customerLanguage returns the case's language or, when unset, the one the
// customer writes in ("" when it cannot be told).
func customerLanguage(c *suite.Case, t *transcript.Transcript) string {
	if c.Language != "" {
		code := strings.ToLower(c.Language)
		if i := strings.IndexAny(code, "-_"); i >= 0 {
			code = code[:i]
		}
		return code
	}
	var b strings.Builder
	for _, tu := range t.Turns {
		b.WriteString(tu.User)
		b.WriteString("\n")
	}
	return languageOfText(b.String())
}

// languageOfText detects the language customer text is written in, or ""
// when it cannot be told.
func languageOfText(text string) string {
	d := detect(text)
	if d.words < minWords {
		return ""
	}
	best, clear := d.leader()
	stat := d.statistical()
	switch {
	case clear && (stat == "" || stat == langCodes[best]):
		return langCodes[best]
	case stat != "" && !clear:
		if l, ok := langOf(stat); !ok || d.vote[l] >= maxOther(d.vote, l) {
			return stat
		}
	}
	return ""
}

// Judge returns a failing verdict per reply in another language, one pass,
// or a skipped verdict when nothing could be told.
func (LanguageJudge) Judge(_ context.Context, c *suite.Case, t *transcript.Transcript) []Verdict {
	overall := customerLanguage(c, t)
	// A case that sets no language may have a customer who switches
	// language: each reply then follows the turn it answers, when that
	// turn's language can be told, else the conversation's.
	perTurn := c.Language == ""
	if overall == "" && !perTurn {
		return []Verdict{{Dimension: Language, Status: Skipped,
			Rationale: "the customer's language could not be told (the case sets none and the customer's turns are too short)"}}
	}
	var out []Verdict
	checked := 0
	// A bot that repeats itself is detected once per distinct reply.
	type ruling struct{ st, got string }
	type key struct{ want, reply string }
	seen := map[key]ruling{}
	for _, tu := range t.Turns {
		want := overall
		if perTurn {
			if l := languageOfText(tu.User); l != "" {
				want = l
			}
		}
		if want == "" {
			continue
		}
		k := key{want, tu.Reply}
		r, ok := seen[k]
		if !ok {
			r.st, r.got = detect(tu.Reply).verdict(want)
			seen[k] = r
		}
		st, got := r.st, r.got
		switch st {
		case "pass":
			checked++
		case "fail":
			checked++
			out = append(out, Verdict{Dimension: Language, Status: Fail, Score: 0, Turn: tu.Index,
				Evidence:  clip(strings.TrimSpace(tu.Reply), 200),
				Rationale: fmt.Sprintf("the reply is in %s; the customer writes %s", langName(got), langName(want))})
		}
	}
	switch {
	case len(out) > 0:
		return out
	case checked == 0:
		return []Verdict{{Dimension: Language, Status: Skipped,
			Rationale: "language detection was inconclusive on every reply (too short, or the detectors disagree)"}}
	case perTurn:
		return []Verdict{{Dimension: Language, Status: Pass, Score: 1,
			Rationale: "each reply is in the language of the customer's turn it answers"}}
	}
	return []Verdict{{Dimension: Language, Status: Pass, Score: 1,
		Rationale: fmt.Sprintf("the replies are in %s, the customer's language", langName(overall))}}
}
