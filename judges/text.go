package judges

import (
	"hash/maphash"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/tribunal-eval/tribunal/handoff"
)

// This file holds the text machinery the rule judges share: a tokeniser
// that keeps byte offsets (so evidence is quoted from the reply as written),
// phrase lexicons matched on tokens (map lookups, not regular expressions, so
// the default panel stays fast), the five supported languages and their
// stopwords, and negation.

// token is one word of a text: its lowercased form, where it is, and what
// the judges know about the word (nil when nothing).
type token struct {
	w          string
	start, end int32
	// info is vocab[w], or for another word whose first three bytes are
	// in stems, a wordInfo that only has that stem.
	info *wordInfo
}

// wordInfo is what the judges know about a word, looked up once when a
// text is tokenised: every lexicon then reads its phrases from the token
// instead of hashing the word again, and language votes read its stopword
// bits.
type wordInfo struct {
	// lexicons has the bits of the lexicons in phrases; withStem those
	// and the stem's.
	lexicons, withStem uint64
	phrases            []lexPhrases
	// stem is stems[w[:3]]: the lexicon phrases whose first word is a
	// prefix item ("refund*") sharing the word's first three bytes.
	stem *wordInfo
	// stop has a bit per language the word is a stopword of.
	stop uint8
	// number: a spelled-out number (numberWords); noContent: a word that
	// says nothing about what a figure is for (see contentStem).
	number, noContent bool
}

// lexPhrases are the phrases of one lexicon that start with a word.
type lexPhrases struct {
	lx *lexicon
	es []*entry
}

// phrasesOf returns the phrases of lx listed in wi (nil when none).
func (wi *wordInfo) phrasesOf(lx *lexicon) []*entry {
	if wi == nil || wi.lexicons&lx.bit == 0 {
		return nil
	}
	for _, p := range wi.phrases {
		if p.lx == lx {
			return p.es
		}
	}
	return nil
}

// vocab holds every word the judges know something about, and stems the
// first three bytes of every prefix item that starts a phrase. Both are
// filled while the package initialises (lexicons are package variables)
// and only read afterwards.
var (
	vocab = map[string]*wordInfo{}
	stems = map[string]*wordInfo{}
)

func infoFor(m map[string]*wordInfo, w string) *wordInfo {
	wi, ok := m[w]
	if !ok {
		wi = &wordInfo{}
		m[w] = wi
	}
	return wi
}

func init() {
	for w, bits := range stopwords {
		wi := infoFor(vocab, w)
		wi.stop, wi.noContent = bits, true
	}
	for w := range numberWords {
		wi := infoFor(vocab, w)
		wi.number, wi.noContent = true, true
	}
	for w := range unitWords {
		infoFor(vocab, w).noContent = true
	}
	for w := range genericWords {
		infoFor(vocab, w).noContent = true
	}
	words = newWordTable(vocab, stems)
}

// words is vocab and stems in the form tokenising reads them, built once
// they are complete.
var words *wordTable

// lookUp fills in what the judges know about a token's word. While the
// package initialises, lexicon phrases are tokenised for their words only.
func (t *token) lookUp() {
	if words != nil {
		t.info = words.get(t.w)
	}
}

// wordTable is an open-addressing hash table of vocab, whose entries also
// hold the stem of their first three bytes, and of stems, keyed by those
// bytes: most words of a text are looked up with one cheap hash and no
// map.
type wordTable struct {
	slots []wordSlot
	mask  uint32
	stems []stemSlot
	smask uint32
}

type wordSlot struct {
	w    string
	info *wordInfo
}

type stemSlot struct {
	key uint32 // the three bytes, and a fourth set to mark the slot used
	// info has only the stem: for the words that are not in vocab.
	info *wordInfo
}

func newWordTable(vocab, stems map[string]*wordInfo) *wordTable {
	t := &wordTable{}
	size := 1
	for size < 2*len(vocab) {
		size <<= 1
	}
	t.slots, t.mask = make([]wordSlot, size), uint32(size-1)
	for w, wi := range vocab {
		wi.withStem = wi.lexicons
		if len(w) >= 3 {
			wi.stem = stems[w[:3]]
			if wi.stem != nil {
				wi.withStem |= wi.stem.lexicons
			}
		}
		for i := hashWord(w) & t.mask; ; i = (i + 1) & t.mask {
			if t.slots[i].info == nil {
				t.slots[i] = wordSlot{w, wi}
				break
			}
		}
	}
	size = 1
	for size < 2*len(stems) {
		size <<= 1
	}
	t.stems, t.smask = make([]stemSlot, size), uint32(size-1)
	for k, st := range stems {
		key := stemKey(k)
		for i := hashStem(key) & t.smask; ; i = (i + 1) & t.smask {
			if t.stems[i].key == 0 {
				t.stems[i] = stemSlot{key, &wordInfo{stem: st, withStem: st.lexicons}}
				break
			}
		}
	}
	return t
}

// get returns token.info for w.
func (t *wordTable) get(w string) *wordInfo { return t.getHashed(w, hashWord(w)) }

// getHashed is get for a word whose hashWord is h.
func (t *wordTable) getHashed(w string, h uint32) *wordInfo {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.info == nil {
			break
		}
		if s.w == w {
			return s.info
		}
	}
	if len(w) < 3 {
		return nil
	}
	key := stemKey(w)
	for i := hashStem(key) & t.smask; ; i = (i + 1) & t.smask {
		s := &t.stems[i]
		if s.key == key || s.key == 0 {
			return s.info
		}
	}
}

// hashWord is FNV-1a.
func hashWord(w string) uint32 {
	h := uint32(fnvBasis)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * fnvPrime
	}
	return h
}

const (
	fnvBasis = 2166136261
	fnvPrime = 16777619
)

func stemKey(w string) uint32 { return uint32(w[0]) | uint32(w[1])<<8 | uint32(w[2])<<16 | 1<<24 }

func hashStem(k uint32) uint32 { return (k * 2654435761) >> 16 }

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
	// rewritten holds the word with plain apostrophes once it has a
	// typographic one; arena holds the lower-cased words that differ from
	// the text, one allocation for the whole text.
	var rewritten, arena []byte
	for i := 0; i < len(text); {
		r, size := runeAt(text, i)
		if !isWordRune(r) {
			i += size
			continue
		}
		// A word: word characters, and apostrophes and hyphens between
		// two of them. An ASCII word is hashed as it is read, lower-cased,
		// for the vocabulary.
		start := i
		plain, apos := true, false
		h := uint32(fnvBasis)
		rewritten = rewritten[:0]
		for {
			// r, at i, belongs to the word.
			switch {
			case r == '’':
				// Rewrite the word with a plain apostrophe.
				if len(rewritten) == 0 {
					rewritten = append(rewritten, text[start:i]...)
				}
				rewritten = append(rewritten, '\'')
				plain, apos = false, true
			case r < utf8.RuneSelf:
				c := byte(r)
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				h = (h ^ uint32(c)) * fnvPrime
				apos = apos || c == '\''
				if len(rewritten) > 0 {
					rewritten = append(rewritten, byte(r))
				}
			default:
				plain = false
				if len(rewritten) > 0 {
					rewritten = utf8.AppendRune(rewritten, r)
				}
			}
			i += size
			if i >= len(text) {
				break
			}
			r, size = runeAt(text, i)
			if isWordRune(r) {
				continue
			}
			if (r == '\'' || r == '’' || r == '-') && i+size < len(text) {
				if next, _ := runeAt(text, i+size); isWordRune(next) {
					continue
				}
			}
			break
		}
		end := i
		w := text[start:end]
		// Offsets are int32: a text is a reply or a policy, never 2 GB.
		start32, end32 := int32(start), int32(end)
		if len(rewritten) > 0 {
			w = lowerWord(&arena, string(rewritten))
		} else {
			w = lowerWord(&arena, w)
		}
		if !apos {
			toks = append(toks, token{w: w, start: start32, end: end32})
			if plain && words != nil {
				toks[len(toks)-1].info = words.getHashed(w, h)
			} else {
				toks[len(toks)-1].lookUp()
			}
			continue
		}
		// French elisions are two words: "d'indemnisation" is "d'" and
		// "indemnisation", so lexicons see the noun.
		if k := strings.IndexByte(w, '\''); k > 0 && k+1 < len(w) && elided[w[:k]] {
			raw := text[start:end]
			cut := strings.IndexAny(raw, "'’")
			size := 1
			if raw[cut] != '\'' {
				size = len("’")
			}
			toks = append(toks, token{w: w[:k+1], start: start32, end: start32 + int32(cut+size)},
				token{w: w[k+1:], start: start32 + int32(cut+size), end: end32})
			toks[len(toks)-2].lookUp()
		} else {
			toks = append(toks, token{w: w, start: start32, end: end32})
		}
		toks[len(toks)-1].lookUp()
	}
	return toks
}

// runeAt decodes the rune at text[i].
func runeAt(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// lowerWord returns strings.ToLower(w), which, when it is not w itself, is
// written to the end of *arena.
func lowerWord(arena *[]byte, w string) string {
	i := 0
	for i < len(w) && w[i] < utf8.RuneSelf && (w[i] < 'A' || w[i] > 'Z') {
		i++
	}
	if i == len(w) {
		return w
	}
	a := *arena
	if a == nil {
		a = make([]byte, 0, 256)
	}
	from := len(a)
	a = append(a, w[:i]...)
	for i < len(w) {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			a = append(a, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		a = utf8.AppendRune(a, unicode.ToLower(r))
		i += size
	}
	*arena = a
	// Bytes once written to the arena never change: appending reallocates
	// or writes past them.
	return unsafe.String(&a[from], len(a)-from)
}

// isWordRune reports whether r belongs inside a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for r := range t {
		t[r] = unicode.IsLetter(rune(r)) || unicode.IsDigit(rune(r))
	}
	return
}()

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
// matches any one word and "~" zero to three words. A phrase is indexed
// under its first word in vocab (or its stem's first three bytes in
// stems), so finding phrases costs no lookup for the many words that start
// none. Lexicons must be built while the package initialises.
type lexicon struct {
	short []*entry // stems shorter than three bytes
	bit   uint64   // the lexicon's bit in wordInfo.lexicons
}

// lexicons counts the lexicons built.
var lexicons int

// phrases is the source form of a lexicon: tag to phrases.
type phrases map[string][]string

func newLexicon(sets ...phrases) *lexicon {
	if lexicons == 64 {
		panic("judges: too many lexicons")
	}
	lx := &lexicon{bit: 1 << lexicons}
	lexicons++
	for _, set := range sets {
		for _, tag := range sortedTags(set) {
			for _, p := range set[tag] {
				lx.add(tag, p, -1)
			}
		}
	}
	return lx
}

// sortedTags lists a phrase set's tags in order: entries are added in this
// order, and when two phrases start with the same word the first added is
// quoted, so map order would change a verdict's evidence from run to run.
func sortedTags(set phrases) []string {
	tags := make([]string, 0, len(set))
	for tag := range set {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	return tags
}

// addLang adds phrases that only count in replies written in l.
func (lx *lexicon) addLang(l lang, set phrases) *lexicon {
	for _, tag := range sortedTags(set) {
		for _, p := range set[tag] {
			lx.add(tag, p, int(l))
		}
	}
	return lx
}

func (lx *lexicon) add(tag, p string, l int) {
	if words != nil {
		panic("judges: lexicons are built while the package initialises")
	}
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
		infoFor(vocab, first.word).addPhrase(lx, e)
	case len(first.word) >= 3:
		infoFor(stems, first.word[:3]).addPhrase(lx, e)
	default:
		lx.short = append(lx.short, e)
	}
}

func (wi *wordInfo) addPhrase(lx *lexicon, e *entry) {
	wi.lexicons |= lx.bit
	for i := range wi.phrases {
		if wi.phrases[i].lx == lx {
			wi.phrases[i].es = append(wi.phrases[i].es, e)
			return
		}
	}
	wi.phrases = append(wi.phrases, lexPhrases{lx: lx, es: []*entry{e}})
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
	for i := range toks {
		t := &toks[i]
		if t.info != nil && t.info.withStem&lx.bit != 0 {
			if es := t.info.phrasesOf(lx); es != nil {
				try(es, i)
			}
			if es := t.info.stem.phrasesOf(lx); es != nil {
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
func (h hit) span(toks []token) (int, int) { return int(toks[h.from].start), int(toks[h.to-1].end) }

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
		if int(toks[j].start) < sentStart {
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
	for i := range toks {
		if toks[i].info == nil {
			continue
		}
		bits := toks[i].info.stop
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

// hasDigit reports whether s has an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}
