package judges

import (
	"hash/maphash"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tribunal-eval/tribunal/handoff"
)

// This file holds the text machinery the rule judges share: a tokeniser
// that keeps byte offsets (so evidence is quoted from the reply as written),
// phrase lexicons matched on tokens (map lookups, not regular expressions, so
// the default panel stays fast), the five supported languages and their
// stopwords, and negation.

// token is one word of a text: its lowercased form and where it is.
type token struct {
	w          string
	start, end int
}

// isWordRune reports whether r belongs inside a word.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// The judges of a panel read the same replies and customer turns one
// after the other; tokensOf tokenises each text once and shares the result
// (read-only) through a small bounded cache, sharded so concurrent workers
// do not queue on one lock.
const (
	tokenShards   = 16
	tokenShardCap = 128
)

var (
	tokenSeed  = maphash.MakeSeed()
	tokenCache [tokenShards]struct {
		sync.Mutex
		m map[string][]token
	}
)

// tokensOf returns tokenize(text), from the cache when it is there. The
// returned slice must not be modified.
func tokensOf(text string) []token {
	if len(text) < 16 {
		return tokenize(text)
	}
	sh := &tokenCache[maphash.String(tokenSeed, text)%tokenShards]
	sh.Lock()
	toks, ok := sh.m[text]
	sh.Unlock()
	if ok {
		return toks
	}
	toks = tokenize(text)
	sh.Lock()
	if sh.m == nil || len(sh.m) >= tokenShardCap {
		sh.m = make(map[string][]token, tokenShardCap)
	}
	sh.m[text] = toks
	sh.Unlock()
	return toks
}

// elided are the French words that lose their vowel before another word.
var elided = map[string]bool{"d": true, "l": true, "j": true, "n": true, "m": true, "t": true, "s": true, "c": true, "qu": true}

// tokenize splits text into words: letters and digits, with apostrophes and
// hyphens kept when they join two word characters ("don't", "aujourd'hui",
// "e-mail"), except after a French elided word ("l'", "d'", "qu'"), which
// is a word of its own. The typographic apostrophe is read as a plain one.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5+1)
	start := -1
	var b strings.Builder
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		if b.Len() > 0 {
			w = b.String()
			b.Reset()
		}
		w = strings.ToLower(w)
		// French elisions are two words: "d'indemnisation" is "d'" and
		// "indemnisation", so lexicons see the noun.
		if k := strings.IndexByte(w, '\''); k > 0 && k+1 < len(w) && elided[w[:k]] {
			raw := text[start:end]
			cut := strings.IndexAny(raw, "'’")
			size := 1
			if raw[cut] != '\'' {
				size = len("’")
			}
			toks = append(toks, token{w: w[:k+1], start: start, end: start + cut + size},
				token{w: w[k+1:], start: start + cut + size, end: end})
		} else {
			toks = append(toks, token{w: w, start: start, end: end})
		}
		start = -1
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			} else if b.Len() > 0 {
				b.WriteRune(r)
			}
		case (r == '\'' || r == '’' || r == '-') && start >= 0 && i+size < len(text):
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			if !isWordRune(next) {
				flush(i)
				break
			}
			if r == '’' {
				// Rewrite the word with a plain apostrophe.
				if b.Len() == 0 {
					b.WriteString(text[start:i])
				}
				b.WriteByte('\'')
			} else if b.Len() > 0 {
				b.WriteRune(r)
			}
		default:
			flush(i)
		}
		i += size
	}
	flush(len(text))
	return toks
}

// lang is one of the five languages the lexicons cover.
type lang uint8

const (
	en lang = iota
	fr
	de
	es
	sv
	nLangs
)

var langCodes = [nLangs]string{"en", "fr", "de", "es", "sv"}

// langOf maps a case's language code ("fr", "fr-CA", "sv-SE") to one of the
// five, reporting false for others.
func langOf(code string) (lang, bool) {
	code = strings.ToLower(code)
	if i := strings.IndexAny(code, "-_"); i >= 0 {
		code = code[:i]
	}
	for i, c := range langCodes {
		if c == code {
			return lang(i), true
		}
	}
	return 0, false
}

// item is one position of a phrase.
type item struct {
	word   string
	prefix bool // word* : any word starting with word
	any    bool // _ : exactly one word
	gap    bool // ~ : zero to three words
}

// entry is one phrase of a lexicon.
type entry struct {
	text  string
	items []item
	tag   string
	// lang restricts the phrase to replies in that language (for words
	// that are harmless elsewhere: Spanish "con", English "fan"); -1 for
	// any.
	lang int
}

// lexicon finds phrases in token streams. Phrases are written as words
// separated by spaces; "word*" matches any word starting with word, "_"
// matches any one word and "~" zero to three words.
type lexicon struct {
	exact  map[string][]*entry
	prefix map[string][]*entry // keyed by the first three bytes of the stem
	short  []*entry            // stems shorter than three bytes
}

// phrases is the source form of a lexicon: tag to phrases.
type phrases map[string][]string

func newLexicon(sets ...phrases) *lexicon {
	lx := &lexicon{exact: map[string][]*entry{}, prefix: map[string][]*entry{}}
	for _, set := range sets {
		for tag, list := range set {
			for _, p := range list {
				lx.add(tag, p, -1)
			}
		}
	}
	return lx
}

// addLang adds phrases that only count in replies written in l.
func (lx *lexicon) addLang(l lang, set phrases) *lexicon {
	for tag, list := range set {
		for _, p := range list {
			lx.add(tag, p, int(l))
		}
	}
	return lx
}

func (lx *lexicon) add(tag, p string, l int) {
	e := &entry{text: p, tag: tag, lang: l}
	for _, w := range tokenizePhrase(p) {
		switch {
		case w == "_":
			e.items = append(e.items, item{any: true})
		case w == "~":
			e.items = append(e.items, item{gap: true})
		case strings.HasSuffix(w, "*"):
			e.items = append(e.items, item{word: strings.TrimSuffix(w, "*"), prefix: true})
		default:
			e.items = append(e.items, item{word: w})
		}
	}
	if len(e.items) == 0 || e.items[0].any || e.items[0].gap {
		panic("judges: lexicon phrase must start with a word: " + p)
	}
	first := e.items[0]
	switch {
	case !first.prefix:
		lx.exact[first.word] = append(lx.exact[first.word], e)
	case len(first.word) >= 3:
		lx.prefix[first.word[:3]] = append(lx.prefix[first.word[:3]], e)
	default:
		lx.short = append(lx.short, e)
	}
}

// tokenizePhrase splits a lexicon phrase the way tokenize splits text, but
// keeps the * _ ~ markers.
func tokenizePhrase(p string) []string {
	var out []string
	for _, f := range strings.Fields(strings.ToLower(strings.ReplaceAll(p, "’", "'"))) {
		marker := ""
		if strings.HasSuffix(f, "*") && len(f) > 1 {
			marker, f = "*", strings.TrimSuffix(f, "*")
		}
		if f == "_" || f == "~" {
			out = append(out, f)
			continue
		}
		toks := tokenize(f)
		for i, t := range toks {
			w := t.w
			if i == len(toks)-1 {
				w += marker
			}
			out = append(out, w)
		}
	}
	return out
}

// hit is a phrase found in a token stream: tokens [from, to).
type hit struct {
	e        *entry
	from, to int
}

func (it item) matches(w string) bool {
	if it.prefix {
		return strings.HasPrefix(w, it.word)
	}
	return w == it.word
}

// matchRest matches items against toks from position i and returns the end.
func matchRest(items []item, toks []token, i int) (int, bool) {
	if len(items) == 0 {
		return i, true
	}
	it := items[0]
	switch {
	case it.gap:
		for skip := 0; skip <= 3 && i+skip <= len(toks); skip++ {
			if end, ok := matchRest(items[1:], toks, i+skip); ok {
				return end, true
			}
		}
		return 0, false
	case i >= len(toks):
		return 0, false
	case it.any || it.matches(toks[i].w):
		return matchRest(items[1:], toks, i+1)
	}
	return 0, false
}

// find returns every phrase of lx in toks. replyLang is the reply's language
// (-1 when unknown): phrases restricted to another language are skipped.
func (lx *lexicon) find(toks []token, replyLang int) []hit {
	var out []hit
	try := func(es []*entry, i int) {
		for _, e := range es {
			if e.lang >= 0 && e.lang != replyLang {
				continue
			}
			if !e.items[0].matches(toks[i].w) {
				continue
			}
			if end, ok := matchRest(e.items[1:], toks, i+1); ok {
				out = append(out, hit{e: e, from: i, to: end})
			}
		}
	}
	for i, t := range toks {
		if es, ok := lx.exact[t.w]; ok {
			try(es, i)
		}
		if len(t.w) >= 3 {
			if es, ok := lx.prefix[t.w[:3]]; ok {
				try(es, i)
			}
		}
		if len(lx.short) > 0 {
			try(lx.short, i)
		}
	}
	return out
}

// has reports whether any phrase of lx occurs in toks.
func (lx *lexicon) has(toks []token, replyLang int) bool { return len(lx.find(toks, replyLang)) > 0 }

// span returns the byte range of a hit in the text.
func (h hit) span(toks []token) (int, int) { return toks[h.from].start, toks[h.to-1].end }

// sentenceOf quotes the sentence of text holding [start, end).
func sentenceOf(text string, start, end int) string {
	s, _ := handoff.Sentence(text, start, end)
	return s
}

// sentenceStart returns the offset where the sentence holding pos begins.
func sentenceStart(text string, pos int) int {
	_, start := handoff.Sentence(text, pos, pos)
	return start
}

// negators are the words that turn a phrase into its opposite when they
// come shortly before it in the same sentence ("I can't offer a discount").
var negators = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`not no never cannot can't won't don't doesn't didn't isn't aren't wasn't unable nothing nor neither none without
		ne n' n'est pas jamais rien aucun aucune ni sans impossible
		nicht kein keine keinen keinem keiner keines nie niemals nichts ohne weder
		nunca nada ningún ninguna ninguno tampoco sin ni
		inte icke aldrig ingen inget inga ej utan varken`) {
		m[w] = true
	}
	return m
}()

// negatedBefore reports whether a negator occurs in the window of up to
// eight words before token i, within the sentence that starts at byte
// sentStart.
func negatedBefore(toks []token, i, sentStart int) bool {
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if toks[j].start < sentStart {
			return false
		}
		if negators[toks[j].w] {
			return true
		}
	}
	return false
}

// stopwords are each language's most frequent function words; a word
// listed for several languages votes for each.
var stopwords = func() map[string]uint8 {
	lists := [nLangs]string{
		en: `the and you your is are to of for with this that we our it be will have has can not please would could should i
			on at as if or my me i'm it's you're we'll we're i'll i've don't can't there their they what when how any from by an
			was were been would which about just also here so do does did but than then them these those into out up all only`,
		fr: `le la les un une des du de et est sont vous votre vos nous notre nos je j'ai ce cette ces pour avec dans sur au aux
			que qui ne pas plus il elle ils mais ou si très bien être avoir fait peut pouvez sera été merci votre
			l' d' j' qu' n' c' s' aussi tout tous toutes comme cela ça y en`,
		de: `der die das den dem des ein eine einen einem einer und ist sind sie ihr ihre ihren ihnen wir uns unser unsere ich
			leider danke hallo
			mit für auf nicht auch es zu zum zur von vom im bei nach aus oder aber wenn dass wird werden kann können haben hat
			bitte gerne noch schon sehr gibt diese dieser dieses wie was wo`,
		es: `el la los las un una unos unas y o de en a si es son está están usted ustedes su sus nuestro nuestra nosotros yo
			le les lo con para por del al que no sí pero como muy puede pueden puedo ha han he hay este esta estos estas
			también gracias ya se me mi cuando donde sobre entre sin todo hasta desde más así porque qué cuál eso esto tiene
			tengo siento mucho hola`,
		sv: `och är att det den de en ett i du dig din ditt dina vi oss vår vårt våra jag mig min mitt med för på av till om
			inte som har kan kommer ska skulle finns eller men här där vad hur när också så från bara mycket tack era ni er
			sig hos efter hej får gärna`,
	}
	m := map[string]uint8{}
	for l, list := range lists {
		for _, w := range strings.Fields(list) {
			m[w] |= 1 << l
		}
	}
	return m
}()

// stopVote counts each language's stopwords in toks.
func stopVote(toks []token) [nLangs]int {
	var v [nLangs]int
	for _, t := range toks {
		bits := stopwords[t.w]
		if bits == 0 {
			continue
		}
		for l := lang(0); l < nLangs; l++ {
			if bits&(1<<l) != 0 {
				v[l]++
			}
		}
	}
	return v
}

// guessLang returns the language with the most stopwords in toks, or -1 when
// there are too few or it does not lead clearly. The lexicons use it to decide whether
// a word that is harmless in other languages counts.
func guessLang(toks []token) int {
	v := stopVote(toks)
	best, second := -1, 0
	for l := range v {
		if best < 0 || v[l] > v[best] {
			if best >= 0 {
				second = v[best]
			}
			best = l
		} else if v[l] > second {
			second = v[l]
		}
	}
	if best < 0 || v[best] < 2 || 2*v[best] < 3*second {
		return -1 // fewer than two, or not 1.5 times the runner-up
	}
	return best
}

// clip shortens s for a rationale.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// evidence collects quoted sentences with where they start, to join them
// in the order the reply says them.
type evidence []struct {
	at int
	s  string
}

func (e *evidence) add(at int, s string) {
	*e = append(*e, struct {
		at int
		s  string
	}{at, s})
}

func (e evidence) String() string {
	sorted := append(evidence(nil), e...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].at < sorted[j].at })
	parts := make([]string, len(sorted))
	for i, q := range sorted {
		parts[i] = q.s
	}
	return join(parts)
}

// join quotes several pieces of evidence.
func join(parts []string) string {
	seen := map[string]bool{}
	var out []string
	for _, p := range parts {
		if p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return strings.Join(out, " … ")
}
