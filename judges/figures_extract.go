package judges

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// figKind is what a concrete figure measures.
type figKind uint8

const (
	figMoney figKind = iota + 1
	figPercent
	figDuration
)

// figure is a concrete claim a reply can make: an amount of money, a
// percentage or a time window, normalised so "€25", "25 EUR" and "25,00 €"
// compare equal, and "90 days" and "ninety days" too.
type figure struct {
	kind  figKind
	value float64
	// unit is the duration unit (min, h, d, w, mo, y); empty for money and
	// percentages (the currency is not compared: replies and policies name
	// it in too many ways, and a wrong number is the failure that matters).
	unit       string
	start, end int
}

// text quotes the figure from the text it was found in.
func (f figure) text(s string) string { return strings.TrimSpace(s[f.start:f.end]) }

// figKey is one normalised form of a figure: what it measures (money, a
// percentage or a duration in one unit) and the bits of its value. Two
// figures agree when they share one.
type figKey struct {
	unit uint8
	bits uint64
}

// What a figKey measures.
const (
	keyMoney uint8 = iota + 1
	keyPercent
	keyMin
	keyHour
	keyDay
	keyWeek
	keyMonth
	keyYear
)

// figKeys are a figure's keys: at most three.
type figKeys struct {
	n uint8
	k [3]figKey
}

func (ks *figKeys) add(unit uint8, v float64) {
	ks.k[ks.n] = figKey{unit, math.Float64bits(v)}
	ks.n++
}

func (ks *figKeys) list() []figKey { return ks.k[:ks.n] }

// keys are the normalised forms of f; two figures agree when they share
// one. Durations are keyed in neighbouring units too ("24 hours" is "1
// day", "2 weeks" is "14 days", "1 year" is "12 months").
func (f figure) keys() figKeys {
	var ks figKeys
	v := f.value
	whole := func(x float64) bool { return x == math.Trunc(x) }
	switch f.kind {
	case figMoney:
		ks.add(keyMoney, v)
		return ks
	case figPercent:
		ks.add(keyPercent, v)
		return ks
	}
	switch f.unit {
	case "min":
		ks.add(keyMin, v)
		if whole(v / 60) {
			ks.add(keyHour, v/60)
		}
	case "h":
		ks.add(keyHour, v)
		ks.add(keyMin, v*60)
		if whole(v / 24) {
			ks.add(keyDay, v/24)
		}
	case "d":
		ks.add(keyDay, v)
		ks.add(keyHour, v*24)
		if whole(v / 7) {
			ks.add(keyWeek, v/7)
		}
	case "w":
		ks.add(keyWeek, v)
		ks.add(keyDay, v*7)
	case "mo":
		ks.add(keyMonth, v)
		if whole(v / 12) {
			ks.add(keyYear, v/12)
		}
	case "y":
		ks.add(keyYear, v)
		ks.add(keyMonth, v*12)
	}
	return ks
}

// units maps the words for time units (five languages) to a unit, and the
// languages the word belongs to (a bit per lang) so number words pair only
// with units of their own language.
type unitWord struct {
	unit  string
	kind  figKind
	langs uint8
}

var unitWords = func() map[string]unitWord {
	m := map[string]unitWord{}
	add := func(l lang, kind figKind, unit string, words string) {
		for _, w := range strings.Fields(words) {
			u := m[w]
			u.unit, u.kind = unit, kind
			u.langs |= 1 << l
			m[w] = u
		}
	}
	add(en, figDuration, "min", "minute minutes min mins")
	add(en, figDuration, "h", "hour hours hr hrs")
	add(en, figDuration, "d", "day days")
	add(en, figDuration, "w", "week weeks")
	add(en, figDuration, "mo", "month months")
	add(en, figDuration, "y", "year years")
	add(fr, figDuration, "min", "minute minutes min")
	add(fr, figDuration, "h", "heure heures")
	add(fr, figDuration, "d", "jour jours")
	add(fr, figDuration, "w", "semaine semaines")
	add(fr, figDuration, "mo", "mois")
	add(fr, figDuration, "y", "an ans année années")
	add(de, figDuration, "min", "minute minuten min")
	add(de, figDuration, "h", "stunde stunden std")
	add(de, figDuration, "d", "tag tage tagen werktag werktage werktagen arbeitstag arbeitstage arbeitstagen kalendertag kalendertage kalendertagen bankarbeitstage bankarbeitstagen")
	add(de, figDuration, "w", "woche wochen")
	add(de, figDuration, "mo", "monat monate monaten")
	add(de, figDuration, "y", "jahr jahre jahren")
	add(es, figDuration, "min", "minuto minutos min")
	add(es, figDuration, "h", "hora horas")
	add(es, figDuration, "d", "día días dia dias")
	add(es, figDuration, "w", "semana semanas")
	add(es, figDuration, "mo", "mes meses")
	add(es, figDuration, "y", "año años")
	add(sv, figDuration, "min", "minut minuter min")
	add(sv, figDuration, "h", "timme timmar tim")
	add(sv, figDuration, "d", "dag dagar dagars dygn arbetsdag arbetsdagar arbetsdagars bankdag bankdagar bankdagars vardag vardagar")
	add(sv, figDuration, "w", "vecka veckor veckors")
	add(sv, figDuration, "mo", "månad månader månaders")
	add(sv, figDuration, "y", "år års")
	add(en, figPercent, "", "percent")
	add(fr, figPercent, "", "pourcent")
	add(de, figPercent, "", "prozent")
	add(sv, figPercent, "", "procent")
	for _, l := range []lang{en, fr, de, es, sv} {
		add(l, figMoney, "", "eur euro euros usd dollar dollars gbp pound pounds sek kr kronor krona cad chf")
	}
	return m
}()

// twoWordPercent are percent units written in two words.
var twoWordPercent = map[string]string{"per": "cent", "pour": "cent", "por": "ciento"}

// leadingAdjectives may stand between a number and its unit ("14 business
// days").
var leadingAdjectives = map[string]bool{"business": true, "working": true, "calendar": true, "banking": true,
	"full": true, "consecutive": true, "more": true, "additional": true, "extra": true, "further": true}

// numberWords are spelled-out numbers that often state time windows, with
// the languages they belong to.
var numberWords = func() map[string]struct {
	v     float64
	langs uint8
} {
	m := map[string]struct {
		v     float64
		langs uint8
	}{}
	add := func(l lang, list string) {
		fs := strings.Fields(list)
		for i := 0; i+1 < len(fs); i += 2 {
			v, _ := strconv.ParseFloat(fs[i+1], 64)
			e := m[fs[i]]
			e.v = v
			e.langs |= 1 << l
			m[fs[i]] = e
		}
	}
	add(en, `one 1 two 2 three 3 four 4 five 5 six 6 seven 7 eight 8 nine 9 ten 10 eleven 11 twelve 12 fourteen 14 fifteen 15
		twenty 20 twenty-one 21 twenty-four 24 thirty 30 forty 40 forty-five 45 forty-eight 48 sixty 60 seventy-two 72 ninety 90 hundred 100`)
	add(fr, `un 1 une 1 deux 2 trois 3 quatre 4 cinq 5 six 6 sept 7 huit 8 neuf 9 dix 10 onze 11 douze 12 quatorze 14 quinze 15
		vingt 20 vingt-quatre 24 trente 30 quarante 40 quarante-cinq 45 quarante-huit 48 soixante 60 soixante-douze 72 quatre-vingt-dix 90 cent 100`)
	add(de, `ein 1 eine 1 einen 1 einem 1 zwei 2 drei 3 vier 4 fünf 5 sechs 6 sieben 7 acht 8 neun 9 zehn 10 elf 11 zwölf 12
		vierzehn 14 fünfzehn 15 zwanzig 20 vierundzwanzig 24 dreißig 30 dreissig 30 vierzig 40 achtundvierzig 48 sechzig 60
		zweiundsiebzig 72 neunzig 90 hundert 100`)
	add(es, `un 1 una 1 uno 1 dos 2 tres 3 cuatro 4 cinco 5 seis 6 siete 7 ocho 8 nueve 9 diez 10 once 11 doce 12 catorce 14
		quince 15 veinte 20 veinticuatro 24 treinta 30 cuarenta 40 sesenta 60 noventa 90 cien 100`)
	add(sv, `en 1 ett 1 två 2 tre 3 fyra 4 fem 5 sex 6 sju 7 åtta 8 nio 9 tio 10 elva 11 tolv 12 fjorton 14 femton 15 tjugo 20
		tjugofyra 24 trettio 30 fyrtio 40 fyrtioåtta 48 sextio 60 sjuttiotvå 72 nittio 90 hundra 100`)
	return m
}()

// rangeWords join the two ends of a range ("2 to 3 days").
var rangeWords = map[string]bool{"to": true, "and": true, "or": true, "à": true, "a": true, "et": true, "ou": true,
	"bis": true, "und": true, "oder": true, "y": true, "o": true, "till": true, "och": true, "eller": true}

// roundTheClock follows a unit in "24 hours a day", "7 jours sur 7": not a
// time window.
var roundTheClock = []string{" a day", " a week", " per day", " per week", " sur 24", " sur 7", " par jour", " par semaine",
	" am tag", " die woche", " pro tag", " pro woche", " in der woche", " al día", " a la semana", " por día", " por semana",
	" del día", " de la semana", " om dygnet", " om dagen", " i veckan", " per dygn", " per vecka", " dygnet runt"}

// rawNum is a number found in text before its unit is known.
type rawNum struct {
	value      float64
	start, end int // the digits
	// fig is set once a unit is attached.
	kind figKind
	unit string
	// figStart, figEnd include the currency or unit.
	figStart, figEnd int
	skip             bool
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// runeBefore returns the rune ending at i.
func runeBefore(s string, i int) rune {
	if i <= 0 {
		return utf8.RuneError
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// spaceAt returns the byte length of a space (plain, no-break or narrow
// no-break) at i, or 0.
func spaceAt(s string, i int) int {
	switch {
	case i < len(s) && s[i] == ' ':
		return 1
	case strings.HasPrefix(s[i:], "\u00a0"):
		return 2
	case strings.HasPrefix(s[i:], "\u202f"):
		return 3
	}
	return 0
}

// digitsAt counts the ASCII digits starting at i.
func digitsAt(s string, i int) int {
	n := 0
	for i+n < len(s) && isDigit(s[i+n]) {
		n++
	}
	return n
}

// scanNumber reads the number starting at i (a digit with no word
// character before it), handling thousands separators (",", ".", spaces,
// "'") and decimal commas or points. It returns the value and the end.
func scanNumber(s string, i int) (float64, int) {
	j := i + digitsAt(s, i)
	type sep struct {
		c     byte
		after int // digits after it
	}
	var seps []sep
	firstGroup := j - i
	for j < len(s) {
		if c := s[j]; (c == '.' || c == ',' || c == '\'') && j+1 < len(s) && isDigit(s[j+1]) {
			n := digitsAt(s, j+1)
			seps = append(seps, sep{c, n})
			j += 1 + n
			continue
		}
		// A space groups thousands only as "1 299": one to three digits,
		// then groups of exactly three.
		if sp := spaceAt(s, j); sp > 0 && (len(seps) == 0 && firstGroup <= 3 || len(seps) > 0 && seps[len(seps)-1].after == 3) {
			if n := digitsAt(s, j+sp); n == 3 && (j+sp+3 == len(s) || !isDigit(s[j+sp+3])) {
				seps = append(seps, sep{' ', 3})
				j += sp + 3
				continue
			}
		}
		break
	}
	raw := s[i:j]
	// Decide which separator, if any, is the decimal one: the last "." or
	// "," when it is followed by other than three digits, or when both
	// kinds occur.
	dec := byte(0)
	if len(seps) > 0 {
		last := seps[len(seps)-1]
		both := false
		for _, sp := range seps[:len(seps)-1] {
			if sp.c != last.c && sp.c != ' ' {
				both = true
			}
		}
		if (last.c == '.' || last.c == ',') && (last.after != 3 || both) {
			dec = last.c
		}
	}
	var b strings.Builder
	for k := 0; k < len(raw); k++ {
		c := raw[k]
		switch {
		case isDigit(c):
			b.WriteByte(c)
		case c == dec && k == strings.LastIndexByte(raw, dec):
			b.WriteByte('.')
		}
	}
	v, _ := strconv.ParseFloat(b.String(), 64)
	return v, j
}

// currencyBefore reports whether a currency sign or code ends at i (allowing
// one space) and where it starts.
func currencyBefore(s string, i int) (int, bool) {
	k := i
	if k > 0 && (s[k-1] == ' ') {
		k--
	} else if k >= 2 && s[k-2:k] == "\u00a0" {
		k -= 2
	}
	for _, sym := range []string{"€", "$", "£"} {
		if strings.HasSuffix(s[:k], sym) {
			return k - len(sym), true
		}
	}
	// A code: up to three letters, upper case, not part of a longer word.
	end := k
	for k > 0 && k > end-3 && s[k-1] >= 'A' && s[k-1] <= 'Z' {
		k--
	}
	if end-k == 3 && (k == 0 || !unicode.IsLetter(runeBefore(s, k))) {
		switch s[k:end] {
		case "EUR", "USD", "GBP", "SEK", "CAD", "CHF", "NOK", "DKK":
			return k, true
		}
	}
	return i, false
}

// wordAt returns the lowercased word starting at i (letters only) and its
// end.
func wordAt(s string, i int) (string, int) {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += size
	}
	return strings.ToLower(s[i:j]), j
}

// unitAfter reads what follows a number ending at i: a currency, a percent
// sign or word, or a time unit. It returns the kind, the unit and where
// the figure ends.
func unitAfter(s string, i int, v float64) (figKind, string, int) {
	j := i
	if sp := spaceAt(s, j); sp > 0 {
		j += sp
	}
	if j >= len(s) {
		return 0, "", i
	}
	switch {
	case s[j] == '%':
		return figPercent, "", j + 1
	case strings.HasPrefix(s[j:], "€"):
		return figMoney, "", j + len("€")
	case strings.HasPrefix(s[j:], "£"):
		return figMoney, "", j + len("£")
	case s[j] == '$':
		return figMoney, "", j + 1
	case j == i && strings.HasPrefix(s[j:], ":-"):
		return figMoney, "", j + 2
	}
	w, end := wordAt(s, j)
	if w == "" {
		return 0, "", i
	}
	if j == i {
		// Letters glued to the number: "48h", "30min", "25kr"; anything
		// else ("3pm", "2nd", "1er", "AC123") is not a figure. A glued "h"
		// under 24 is a time of day in French and Swedish ("9h-17h",
		// "14h30").
		switch w {
		case "h":
			if v >= 24 && (end == len(s) || !isDigit(s[end])) {
				return figDuration, "h", end
			}
			return 0, "", i
		case "min", "kr":
			u := unitWords[w]
			return u.kind, u.unit, end
		}
		return 0, "", i
	}
	if leadingAdjectives[w] {
		if sp := spaceAt(s, end); sp > 0 {
			if w2, end2 := wordAt(s, end+sp); w2 != "" {
				if u, ok := unitWords[w2]; ok && u.kind == figDuration {
					return u.kind, u.unit, end2
				}
			}
		}
		return 0, "", i
	}
	if next, ok := twoWordPercent[w]; ok {
		if sp := spaceAt(s, end); sp > 0 {
			if w2, end2 := wordAt(s, end+sp); w2 == next {
				return figPercent, "", end2
			}
		}
		return 0, "", i
	}
	if u, ok := unitWords[w]; ok {
		if u.kind == figMoney && w == "kr" && end < len(s) && s[end] == '.' {
			end++
		}
		return u.kind, u.unit, end
	}
	// German and Swedish compounds: "Werktage", "arbetsdagar".
	for _, suf := range []struct{ s, unit string }{{"tage", "d"}, {"tagen", "d"}, {"dagar", "d"}, {"wochen", "w"}, {"veckor", "w"}, {"monate", "mo"}, {"månader", "mo"}} {
		if len(w) > len(suf.s)+2 && strings.HasSuffix(w, suf.s) {
			return figDuration, suf.unit, end
		}
	}
	return 0, "", i
}

// extractFigures finds the money amounts, percentages and time windows in
// text. Dates, times of day, phone numbers, order numbers and references,
// ordinals and bare counts are not figures.
func extractFigures(s string) []figure {
	var buf [16]rawNum
	nums := buf[:0]
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			continue
		}
		if r := runeBefore(s, i); i > 0 && (isWordRune(r) || r == '#' || r == '+' || r == '/' || r == '.' || r == ',') {
			// Part of a code, a reference or a phone number: skip it.
			for i < len(s) && (isDigit(s[i]) || unicode.IsLetter(rune(s[i]))) {
				i++
			}
			continue
		}
		v, end := scanNumber(s, i)
		n := rawNum{value: v, start: i, end: end, figStart: i, figEnd: end}
		// Times of day, dates and "24/7".
		if end < len(s) && (s[end] == ':' && end+1 < len(s) && isDigit(s[end+1]) || s[end] == '/' || s[end] == '.' && end+1 < len(s) && isDigit(s[end+1])) {
			n.skip = true
		}
		if end-i == 4 && end+1 < len(s) && s[end] == '-' && isDigit(s[end+1]) {
			n.skip = true // 2024-03-12
		}
		if !n.skip {
			if start, ok := currencyBefore(s, i); ok {
				n.kind, n.figStart = figMoney, start
				if k, _, e := unitAfter(s, end, v); k == figMoney {
					n.figEnd = e
				}
			} else if k, u, e := unitAfter(s, end, v); k != 0 {
				n.kind, n.unit, n.figEnd = k, u, e
				if k == figDuration && clockPhrase(s, e) {
					n.skip = true
				}
			}
		}
		nums = append(nums, n)
		i = end - 1
		for i+1 < len(s) && isDigit(s[i+1]) {
			i++
		}
	}
	// Ranges: "2-3 days", "€25–30", "2 à 3 jours": a bare number joined to
	// a figure takes its unit.
	for k := range nums {
		if nums[k].kind != 0 || nums[k].skip {
			continue
		}
		if k+1 < len(nums) && !nums[k+1].skip && nums[k+1].kind != 0 && joined(s, nums[k].end, nums[k+1].start) {
			nums[k].kind, nums[k].unit = nums[k+1].kind, nums[k+1].unit
			nums[k].figEnd = nums[k+1].figEnd // quoted as "5-10 business days"
			if nums[k].kind == figMoney && nums[k+1].figStart < nums[k+1].start {
				nums[k].kind = 0 // "25 or €30": the first has no currency
			}
			continue
		}
		if k > 0 && !nums[k-1].skip && nums[k-1].kind == figMoney && nums[k-1].figStart < nums[k-1].start && joined(s, nums[k-1].figEnd, nums[k].start) {
			nums[k].kind = figMoney
		}
	}
	var out []figure
	for _, n := range nums {
		if n.kind == figPercent && n.value == 100 {
			continue // "100% sure", "100 % remboursé": rhetoric, not a rate
		}
		if n.kind != 0 && !n.skip {
			out = append(out, figure{kind: n.kind, value: n.value, unit: n.unit, start: n.figStart, end: n.figEnd})
		}
	}
	out = append(out, spelledFigures(s)...)
	// Figures never share a start, so any sort gives this order.
	slices.SortFunc(out, func(a, b figure) int { return cmp.Compare(a.start, b.start) })
	return out
}

// joined reports whether the text between two numbers is a range joiner.
func joined(s string, from, to int) bool {
	if to < from || to-from > 8 {
		return false
	}
	mid := strings.TrimSpace(s[from:to])
	switch mid {
	case "-", "–", "—":
		return true
	}
	return rangeWords[strings.ToLower(mid)]
}

// clockPhrase reports whether the words after a time unit make it round
// the clock ("24 hours a day").
func clockPhrase(s string, end int) bool {
	rest := s[end:]
	if len(rest) > 16 {
		rest = rest[:16]
	}
	rest = strings.ToLower(rest)
	for _, p := range roundTheClock {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// spelledFigures finds spelled-out numbers followed by a unit of the same
// language ("ninety days", "quatorze jours", "vierzehn Tage").
func spelledFigures(s string) []figure {
	var out []figure
	toks := tokensOf(s)
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].info == nil || !toks[i].info.number {
			continue
		}
		nw, ok := numberWords[toks[i].w]
		if !ok {
			continue
		}
		j := i + 1
		if leadingAdjectives[toks[j].w] && j+1 < len(toks) {
			j++
		}
		u, ok := unitWords[toks[j].w]
		if !ok || u.langs&nw.langs == 0 || u.kind == figMoney && nw.v == 1 {
			continue
		}
		if u.kind == figDuration && clockPhrase(s, int(toks[j].end)) {
			continue
		}
		out = append(out, figure{kind: u.kind, value: nw.v, unit: u.unit, start: int(toks[i].start), end: int(toks[j].end)})
	}
	return out
}
