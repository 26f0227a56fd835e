package judges

// Specs of the text machinery against straightforward versions of it (the
// ones it replaced, kept here as references): the tokeniser, the word
// table, trigram detection, word sets and figure keys.

import (
	"math"
	"math/rand"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	g "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/fixtures"
)

// corpus returns every string of the bundled cases and calibration set and
// of its policies, with variants: upper-cased, lower-cased, and cut at
// random bytes (so not always UTF-8).
func corpus() []string {
	out, err := fixtures.Texts(true)
	Expect(err).NotTo(HaveOccurred())
	rng := rand.New(rand.NewSource(1))
	for _, s := range out[:len(out):len(out)] {
		out = append(out, strings.ToUpper(s), strings.ToLower(s))
		if len(s) > 1 {
			out = append(out, s[rng.Intn(len(s)):], s[:rng.Intn(len(s))])
		}
	}
	return append(out, "", " ", "l’été d’aujourd’hui", "L'HÔTEL qu'il-a", "e-mail -x- y' 'z", "Straße ẞ İstanbul K", "1,5 kg; 3.5% 24/7", "😀 ok 😀",
		"Привет, мир", "Καλημέρα κόσμε", "你好，世界", "こんにちは世界", "שלום עולם", "مرحبا بالعالم", "नमस्ते दुनिया", "Ǆemal ǅ")
}

type refToken struct {
	w          string
	start, end int
}

func refIsWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func referenceTokenize(text string) []refToken {
	toks := make([]refToken, 0, len(text)/5+1)
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
			toks = append(toks, refToken{w: w[:k+1], start: start, end: start + cut + size},
				refToken{w: w[k+1:], start: start + cut + size, end: end})
		} else {
			toks = append(toks, refToken{w: w, start: start, end: end})
		}
		start = -1
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case refIsWordRune(r):
			if start < 0 {
				start = i
			} else if b.Len() > 0 {
				b.WriteRune(r)
			}
		case (r == '\'' || r == '’' || r == '-') && start >= 0 && i+size < len(text):
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			if !refIsWordRune(next) {
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

func referenceKeys(f figure) []string {
	v := f.value
	whole := func(x float64) bool { return x == math.Trunc(x) }
	switch f.kind {
	case figMoney:
		return []string{"m:" + refFmtNum(v)}
	case figPercent:
		return []string{"p:" + refFmtNum(v)}
	}
	out := []string{f.unit + ":" + refFmtNum(v)}
	switch f.unit {
	case "min":
		if whole(v / 60) {
			out = append(out, "h:"+refFmtNum(v/60))
		}
	case "h":
		out = append(out, "min:"+refFmtNum(v*60))
		if whole(v / 24) {
			out = append(out, "d:"+refFmtNum(v/24))
		}
	case "d":
		out = append(out, "h:"+refFmtNum(v*24))
		if whole(v / 7) {
			out = append(out, "w:"+refFmtNum(v/7))
		}
	case "w":
		out = append(out, "d:"+refFmtNum(v*7))
	case "mo":
		if whole(v / 12) {
			out = append(out, "y:"+refFmtNum(v/12))
		}
	case "y":
		out = append(out, "mo:"+refFmtNum(v*12))
	}
	return out
}

func refFmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

var _ = g.Describe("tokenize", func() {
	g.It("splits words as the reference tokeniser does, and looks them up in vocab and stems", func() {
		for _, text := range corpus() {
			got, want := tokenize(text), referenceTokenize(text)
			Expect(got).To(HaveLen(len(want)), "%q", text)
			for i, w := range want {
				t := got[i]
				Expect(refToken{t.w, int(t.start), int(t.end)}).To(Equal(w), "%q", text)
				var stem *wordInfo
				if len(w.w) >= 3 {
					stem = stems[w.w[:3]]
				}
				if info := vocab[w.w]; info != nil {
					Expect(t.info).To(BeIdenticalTo(info), w.w)
					Expect(t.info.stem).To(BeIdenticalTo(stem), w.w)
				} else if stem != nil {
					Expect(t.info).NotTo(BeNil(), w.w)
					Expect(t.info.stem).To(BeIdenticalTo(stem), w.w)
					Expect(t.info.phrases).To(BeEmpty())
					Expect(t.info.stop).To(BeZero())
					Expect(t.info.noContent || t.info.number).To(BeFalse())
				} else {
					Expect(t.info).To(BeNil(), w.w)
				}
			}
		}
	})

	g.It("lower-cases words with accents, keeps apostrophes, hyphens and elisions", func() {
		var words []string
		for _, t := range tokenize("L’Été d'Ümit, qu’IL À Åre: STRAßE e-mail aujourd’hui 3,5 kg") {
			words = append(words, t.w)
		}
		Expect(words).To(Equal([]string{"l'", "été", "d'", "ümit", "qu'", "il", "à", "åre", "straße", "e-mail", "aujourd'hui", "3", "5", "kg"}))
	})
})

var _ = g.Describe("word sets", func() {
	g.It("measure overlap as sets of strings do", func() {
		texts := corpus()
		rng := rand.New(rand.NewSource(3))
		set := func(toks []token) map[string]bool {
			m := map[string]bool{}
			for _, t := range toks {
				m[t.w] = true
			}
			return m
		}
		for range 2000 {
			a, b := tokenize(texts[rng.Intn(len(texts))]), tokenize(texts[rng.Intn(len(texts))])
			if rng.Intn(4) == 0 {
				b = a[:len(a)/2]
			}
			ma, mb := set(a), set(b)
			want := 0.0
			if len(ma) > 0 && len(mb) > 0 {
				inter := 0
				for w := range ma {
					if mb[w] {
						inter++
					}
				}
				want = float64(inter) / float64(len(ma)+len(mb)-inter)
			}
			sa, sb := newWordSet(a), newWordSet(b)
			Expect(overlap(sa, sb)).To(Equal(want))
			sa.release()
			sb.release()
		}
	})
})

var _ = g.Describe("figure keys", func() {
	g.It("agree when the reference's strings agree", func() {
		var figs []figure
		for _, text := range corpus() {
			figs = append(figs, extractFigures(text)...)
		}
		for _, v := range []float64{0, 0.5, 1, 7, 12, 14, 24, 48, 60, 90, 168, 336, 1440} {
			for _, u := range []string{"min", "h", "d", "w", "mo", "y"} {
				figs = append(figs, figure{kind: figDuration, value: v, unit: u})
			}
			figs = append(figs, figure{kind: figMoney, value: v}, figure{kind: figPercent, value: v})
		}
		type what struct {
			kind  figKind
			value float64
			unit  string
		}
		seen := map[what]bool{}
		uniq := figs[:0]
		for _, f := range figs {
			if w := (what{f.kind, f.value, f.unit}); !seen[w] {
				seen[w] = true
				uniq = append(uniq, f)
			}
		}
		figs = uniq
		Expect(len(figs)).To(BeNumerically(">", 200))
		shares := func(a, b []string) bool {
			for _, x := range a {
				for _, y := range b {
					if x == y {
						return true
					}
				}
			}
			return false
		}
		for i, f := range figs {
			fk := f.keys()
			for _, g := range figs[i:] {
				gk := g.keys()
				Expect(sharesKey(fk.list(), gk.list())).To(Equal(shares(referenceKeys(f), referenceKeys(g))), "%v %v", f, g)
			}
		}
		Expect(math.Float64bits(0)).NotTo(Equal(math.Float64bits(math.Copysign(0, -1))))
	})
})

var _ = g.Describe("content stems", func() {
	g.It("are the first five letters of the words that say what a figure is about", func() {
		var stems []string
		for _, t := range tokenize("Die Rückerstattung wird innerhalb von 14 Tagen überwiesen; Bagages enregistrés: 23 kg") {
			if st := contentStem(&t); st != "" {
				stems = append(stems, st)
			}
		}
		Expect(stems).To(Equal([]string{"rücke", "überw", "bagag", "enreg"}))
	})
})

var _ = g.Describe("the word table", func() {
	g.It("holds every vocabulary word and stem", func() {
		for w, wi := range vocab {
			Expect(words.get(w)).To(BeIdenticalTo(wi), w)
			want := wi.lexicons
			if wi.stem != nil {
				want |= wi.stem.lexicons
			}
			Expect(wi.withStem).To(Equal(want), w)
		}
		for k, st := range stems {
			w := k + "\x00"
			Expect(vocab[w]).To(BeNil())
			Expect(words.get(w).stem).To(BeIdenticalTo(st), k)
		}
		Expect(words.get("zzzzqx")).To(BeNil())
		Expect(words.get("")).To(BeNil())
	})
})

var _ = g.Describe("the format judge's expressions", func() {
	g.It("match only text that holds one of the bytes they need", func() {
		texts := append(corpus(), `{"reply": "x"}`, "<|im_end|>", "</s>", "[INST] x [/INST]", "<tool_call>", `"tool_calls": []`,
			`"function_call": {}`, "{{name}}", "${var}", "{0}", "{first}", "[CUSTOMER_NAME]", "[FÖRNAMN]", "[your name]",
			"<first_name>", "%(name)s", "%s and %d")
		for _, text := range texts {
			for _, nr := range append(append([]needRe{}, rawRes...), placeholderRes...) {
				for _, loc := range nr.re.FindAllStringIndex(text, -1) {
					Expect(strings.ContainsAny(text[loc[0]:loc[1]], nr.need)).To(BeTrue(), "%q in %q", nr.re, text)
				}
			}
		}
	})
})
