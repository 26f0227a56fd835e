// Package handoff recognises, in words, a bot handing a customer to a human,
// a bot giving a concrete path to one, and a customer asking for one, in
// English, French, German, Spanish and Swedish. Structured signals (tool
// calls, JSON fields) are read by the targets; these lexicons cover bots
// that only say it.
package handoff

import (
	"regexp"
	"strings"

	"github.com/tribunal-eval/tribunal/fold"
)

// person matches the words for a human agent in each language.
const person = `(?:human|person|people|somebody|someone|agent|representative|rep|advisor|adviser|operator|colleague|specialist|team member|member of (?:our|the) (?:team|staff)|staff|supervisor|manager|` +
	`humain|personne|conseill[eè]re?|agent|op[ée]rat(?:eur|rice)|coll[èe]gue|quelqu'un|vrai quelqu'un|` +
	`mensch(?:en)?|person|mitarbeiter(?:in)?|kolleg(?:e|in|en)|berater(?:in)?|sachbearbeiter(?:in)?|kundenberater(?:in)?|jemand(?:em|en)?|` +
	`humano|persona|agente|asesor(?:a)?|operador(?:a)?|compa[ñn]er[oa]|alguien|` +
	`m[äa]nniska|person|handl[äa]ggare|kollega|kundtj[äa]nst|r[åa]dgivare|n[åa]gon)s?`

// announce: the bot says it is handing off now.
var announce = []pattern{
	// English
	then(`\b(?:i(?:'m| am|'ll| will)|we(?:'re| are|'ll| will)|let me)\s+(?:now\s+)?(?:transfer|connect|escalat|pass|hand|put(?:ting)?\s+you\s+through|rout|forward|bring(?:ing)? in)\w*\b`),
	then(`\b(?:transferring|connecting|escalating|handing|passing|routing|forwarding)\s+(?:you|your (?:case|chat|request|conversation))\b`),
	p(`\b(?:a|an|one of our)\s+` + person + `\s+(?:will|is going to|can)\s+(?:join|take over|be with you|contact you|call you|get back to you|reach out)`),
	p(`\b(?:i(?:'ve| have)|we(?:'ve| have))\s+(?:escalated|transferred|passed|handed|forwarded|referred)\b`),
	// French
	p(`\b(?:je|nous)\s+(?:vous\s+)?(?:mets|mettons|transf[èe]re|transf[ée]rons|redirige|redirigeons|passe|passons)\b[^.!?\n]*\b(?:en relation|en contact|` + person + `)`),
	p(`\b(?:un|une)\s+` + person + `\s+(?:va|vous)\s+(?:vous\s+)?(?:rappeler|contacter|prendre le relais|r[ée]pondre|prendre en charge)`),
	p(`\bje\s+(?:transmets|transf[èe]re|escalade)\s+(?:votre|ta)\s+(?:demande|dossier|conversation)`),
	// German
	p(`\b(?:ich|wir)\s+(?:verbinde|verbinden|leite|leiten|übergebe|übergeben|gebe|geben)\s+(?:sie|dich|ihre anfrage|ihr anliegen|das gespräch)\b[^.!?\n]*\b(?:weiter|` + person + `)`),
	p(`\b(?:ein|eine)\s+` + person + `\s+(?:wird sich|meldet sich|übernimmt|ruft sie)`),
	// Spanish
	then(`\b(?:le|te|lo|la)\s+(?:paso|pongo|transfiero|comunico|conecto|derivo)\b[^.!?\n]*\b(?:con|a)\b`),
	then(`\b(?:voy a|vamos a)\s+(?:transferir|pasar|conectar|derivar|comunicar)(?:le|te|lo|la)?\b`),
	p(`\b(?:un|una)\s+` + person + `\s+(?:le|te)\s+(?:atender[áa]|contactar[áa]|llamar[áa])`),
	// Swedish
	p(`\b(?:jag|vi)\s+(?:kopplar|skickar|f[öo]r|överl[äa]mnar|slussar)\s+(?:dig|er|vidare|ditt [äa]rende)\b[^.!?\n]*\b(?:vidare|` + person + `)`),
	p(`\b(?:en)\s+` + person + `\s+(?:kommer att|tar över|kontaktar dig|ringer dig)`),
}

// path: a concrete way to reach a person even without a live transfer.
var path = []pattern{
	p(`\b(?:call|phone|ring|contact|reach|email|write to|chat with)\s+(?:us|our (?:team|agents?|support|customer service|staff)|an? ` + person + `)\b[^.!?\n]*(?:\bat\b|\bon\b|\bvia\b|:|\+?\d[\d \-]{5,})`),
	p(`\b(?:our|a)\s+(?:support|customer service|care|claims|fraud|hardship|collections)\s+(?:team|line|desk|department)\b[^.!?\n]*(?:\+?\d[\d \-]{5,}|\bat\b\s+\S+@|available)`),
	p(`\+?\d{1,3}[\s\-]?\(?\d{2,4}\)?[\s\-]?\d{3,4}[\s\-]?\d{3,4}`),
	p(`\b(?:appelez|contactez|joignez)[- ]nous\b|\bnotre service client\b[^.!?\n]*\bau\b`),
	p(`\b(?:rufen sie uns|kontaktieren sie uns|erreichen sie uns|unsere hotline)\b`),
	p(`\b(?:ll[áa]menos|cont[áa]ctenos|escr[íi]banos|nuestro equipo de atenci[óo]n)\b`),
	p(`\b(?:ring oss|kontakta oss|n[åa] oss|v[åa]r kundtj[äa]nst)\b`),
	// "joindre nos conseillers au …", "unsere Mitarbeiter erreichen Sie
	// unter …", "ringa våra handläggare på …", "llamar a nuestros agentes"
	p(`\b(?:joindre|contacter|appeler)\s+(?:nos|notre|un|une)\s+` + person),
	p(`\berreichen\s+sie\b[^.!?\n]*\bunter\b|\b(?:rufen|kontaktieren)\s+sie\s+(?:unsere|einen|eine)\s+` + person),
	p(`\b(?:llamar|contactar|hablar)\s+(?:a|con)\s+(?:nuestros?|nuestras?|un|una)\s+` + person),
	p(`\b(?:ringa|kontakta|n[åa])\s+(?:v[åa]ra|v[åa]r|en)\s+` + person),
	// A phone number written in groups, national or international.
	p(`(?:\+\d{1,3}|\b0)[\s\-]?(?:\(?\d{1,4}\)?[\s\-]?){2,5}\d{2,4}\b`),
}

// request: the customer asks for a person. Phrasing is colloquial and
// misspelt in practice, so these are deliberately loose about the verb and
// strict about the person.
var request = []pattern{
	p(`\b(?:talk|speak|speek|tlak|chat)\s+(?:to|with)\s+(?:a|an|some|one of your|your|the|a real|an actual|a live|real|actual|live)?\s*(?:real |actual |live )?(?:human|person|somebody|someone|agent|representative|rep|operator|manager|supervisor|staff|people)\b`),
	p(`\b(?:need|want|get|give me|transfer me to|connect me (?:to|with)|put me through to)\s+(?:a|an|to|some|one)?\s*(?:real |actual |live )?(?:human|person|agent|representative|operator|supervisor|manager)\b`),
	p(`\b(?:real|actual|live)\s+(?:human|person|people)\b|\bhuman\s*(?:please|pls|plz|now)\b|\b(?:agent|representative|operator)\s*(?:please|pls|plz|now)\b|^\s*(?:agent|human|representative|operator)\s*[.!?]*\s*$`),
	p(`\bare you (?:a )?(?:real|human|a bot|a robot)\b|\bam i (?:talking|speaking|chatting) (?:to|with) (?:a )?(?:real|human|bot|robot|person)\b`),
	// French
	p(`\b(?:parler|discuter|avoir)\s+(?:à|a|avec)\s+(?:un|une|quelqu'un|vrai|une vraie|un vrai)?\s*(?:vrai |vraie |véritable )?(?:humain|personne|conseill[eè]re?|agent|op[ée]rat(?:eur|rice)|quelqu'un)\b`),
	p(`\b(?:un|une)\s+(?:vrai(?:e)?\s+)?(?:humain|conseill[eè]re?|agent|personne)\s*(?:svp|s'il vous pla[iî]t|stp|merci|!)`),
	p(`\bvrai(?:e)?\s+(?:humain|personne)\b|\bquelqu'un de r[ée]el\b`),
	// German
	p(`\b(?:mit|einen|einem|eine|einer)\s+(?:echten\s+|richtigen\s+|lebendigen\s+)?(?:menschen|mitarbeiter(?:in)?|berater(?:in)?|person|kundenberater(?:in)?)\s+(?:sprechen|reden|verbinden|haben|bitte)\b`),
	p(`\b(?:echte[rnm]?|richtige[rnm]?)\s+(?:mensch(?:en)?|person|mitarbeiter(?:in)?)\b|\bmenschen\s+sprechen\b`),
	// Spanish
	p(`\b(?:hablar|comunicarme|chatear)\s+(?:con)\s+(?:un|una|alguien|algún|alguna)?\s*(?:humano|persona|agente|asesor(?:a)?|operador(?:a)?|real|de verdad)\b`),
	p(`\b(?:persona|humano|agente)\s+(?:real|de verdad)\b|\bquiero\s+(?:un|una)\s+(?:humano|persona|agente|asesor)\b`),
	// Swedish
	p(`\b(?:prata|tala|snacka)\s+med\s+(?:en|någon|nån)?\s*(?:riktig|verklig|levande)?\s*(?:m[äa]nniska|person|handl[äa]ggare|kundtj[äa]nst|n[åa]gon|agent)\b`),
	p(`\briktig\s+(?:m[äa]nniska|person)\b`),
}

// negation before a handoff phrase in the same sentence ("I can't transfer
// you to an agent") turns it into a refusal.
var negation = re(`\b(?:can't|cannot|can not|unable|not able|won't|will not|don't|do not|no way to|ne (?:peux|pouvons) pas|impossible de|kann (?:sie )?nicht|können (?:sie )?nicht|keine möglichkeit|no (?:puedo|podemos)|kan inte|går inte)\b`)

// re compiles a lexicon pattern. Patterns are written in lower case and run
// over lower-cased text: much faster than (?i) on large alternations, and
// these lexicons run on every turn of every case.
func re(expr string) *regexp.Regexp { return regexp.MustCompile(expr) }

// pattern is one phrasing. When thenPerson is set, a word for a person must
// follow the match later in the same sentence; checking that with its own
// small regexp keeps the big alternation of person words out of every
// pattern, which made matching slow.
type pattern struct {
	re         *regexp.Regexp
	thenPerson bool
}

func p(expr string) pattern    { return pattern{re: re(expr)} }
func then(expr string) pattern { return pattern{re: re(expr), thenPerson: true} }

var personWord = re(`\b` + person + `\b`)

// lexicon is a set of patterns behind a cheap literal prefilter: most
// turns contain none of the keys and never reach the regexps.
type lexicon struct {
	keys     []string
	patterns []pattern
	digits   bool // a digit anywhere also lets text through
	// id is the lexicon's place in the literal index (see prefilter.go).
	id int
}

func (l lexicon) mayMatch(low string) bool {
	if l.digits && strings.ContainsAny(low, "0123456789") {
		return true
	}
	for _, k := range l.keys {
		if strings.Contains(low, k) {
			return true
		}
	}
	return false
}

// personKeys are fragments of every word for a person in the lexicons.
var personKeys = []string{"human", "person", "people", "body", "someone", "agent", "represent", "rep", "operat", "colleague",
	"specialist", "team", "staff", "supervisor", "manager", "humain", "personne", "conseill", "coll", "quelqu", "mensch",
	"mitarbeiter", "kolleg", "berater", "bearbeiter", "jemand", "humano", "persona", "asesor", "compa", "alguien",
	"nniska", "handl", "kollega", "kundtj", "dgivare", "gon", "nån", "real", "actual", "live", "bot", "robot", "vrai", "echt", "richtig", "riktig", "verdad"}

var (
	announceLex = lexicon{keys: append(append([]string{}, personKeys...), "relation", "contact", "weiter", "vidare", "escalat", "transf", "passed", "handed", "forward", "referred", "demande", "dossier", "anliegen"), patterns: announce, id: 0}
	pathLex     = lexicon{keys: append(append([]string{}, personKeys...), "call", "phone", "ring", "contact", "reach", "email", "write", "chat", "appel", "joindre", "rufen", "kontakt", "erreich", "hotline", "llam", "cont", "escr", "equipo", "oss", "service"), patterns: path, digits: true, id: 1}
	requestLex  = lexicon{keys: personKeys, patterns: request, id: 2}
	index       = newLiteralIndex(announceLex, pathLex, requestLex)
)

// literalIndex finds, in one pass over a text, the required literals of
// every pattern of the lexicons.
type literalIndex struct {
	m *matcher
	// need[lexicon][literal] has a bit per pattern that requires the
	// literal; always[lexicon] a bit per pattern the analysis found no
	// literal for, run on every sentence that passes the keys.
	need   [][]uint32
	always []uint32
}

func newLiteralIndex(lexicons ...lexicon) *literalIndex {
	ix := &literalIndex{need: make([][]uint32, len(lexicons)), always: make([]uint32, len(lexicons))}
	ids := map[string]int{}
	var lits []string
	type use struct{ lex, pattern int }
	var uses [][]use
	for li, lx := range lexicons {
		if lx.id != li || len(lx.patterns) > 32 {
			panic("handoff: bad lexicon index")
		}
		for pi, pt := range lx.patterns {
			set, ok := required(pt.re.String())
			if !ok {
				ix.always[li] |= 1 << pi
				continue
			}
			for _, l := range set {
				id, seen := ids[l]
				if !seen {
					id = len(lits)
					ids[l] = id
					lits = append(lits, l)
					uses = append(uses, nil)
				}
				uses[id] = append(uses[id], use{li, pi})
			}
		}
	}
	for li := range lexicons {
		ix.need[li] = make([]uint32, len(lits))
	}
	for id, us := range uses {
		for _, u := range us {
			ix.need[u.lex][id] |= 1 << u.pattern
		}
	}
	ix.m = newMatcher(lits)
	return ix
}

// Announced reports whether reply says the bot is handing off to a person
// now, and the sentence that says it.
func Announced(reply string) (string, bool) { return find(announceLex, reply, fold.Lower(reply), true) }

// Path reports whether reply gives a concrete way to reach a person (a
// transfer, a phone number, an address to write to), and the words.
func Path(reply string) (string, bool) {
	low := fold.Lower(reply)
	if s, ok := find(announceLex, reply, low, true); ok {
		return s, true
	}
	return find(pathLex, reply, low, true)
}

// Requested reports whether the customer's text asks for a human, and the
// words that ask.
func Requested(text string) (string, bool) { return find(requestLex, text, fold.Lower(text), false) }

// find looks for lex's patterns in text, whose fold.Lower is low.
func find(lex lexicon, text, low string, checkNegation bool) (string, bool) {
	// Patterns never cross a sentence, so each sentence is searched only
	// with the patterns whose required literals it holds, and only when it
	// holds a key: most of a reply never reaches the regexps.
	need, always := index.need[lex.id], index.always[lex.id]
	m := index.m
	from, cands, st := 0, always, int32(0)
	for i := 0; i < len(low); i++ {
		st = m.next[int(st)*m.classes+int(m.class[low[i]])]
		for _, id := range m.out[st] {
			if i+1-m.lens[id] >= from {
				cands |= need[id]
			}
		}
		if i+1 < len(low) && !endsSentence(low, i) {
			continue
		}
		if cands != 0 {
			if s, ok := lex.search(text, low, from, i+1, cands, checkNegation); ok {
				return s, true
			}
		}
		from, cands = i+1, always
	}
	return "", false
}

// endsSentence reports whether text[i] ends a sentence, as Sentence reads
// them.
func endsSentence(text string, i int) bool {
	switch text[i] {
	case '!', '?', '\n':
		return true
	case '.':
		return i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n'
	}
	return false
}

// search runs the patterns in cands on the sentence low[from:to].
func (lex lexicon) search(text, low string, from, to int, cands uint32, checkNegation bool) (string, bool) {
	sent := low[from:to]
	if !lex.mayMatch(sent) {
		return "", false
	}
	for pi, pt := range lex.patterns {
		if cands&(1<<pi) == 0 {
			continue
		}
		for _, loc := range pt.re.FindAllStringIndex(sent, -1) {
			if checkNegation && negation.MatchString(sent[:loc[0]]) {
				continue
			}
			if pt.thenPerson && !personWord.MatchString(sent[loc[1]:]) {
				continue
			}
			s, _ := Sentence(text, from+loc[0], from+loc[1])
			return s, true
		}
	}
	return "", false
}

// Sentence returns the sentence of text that contains [start, end), trimmed,
// and the offset where it starts. Evidence is quoted by sentence so a reader
// sees the claim in its own words.
func Sentence(text string, start, end int) (string, int) {
	from := 0
	for i := start - 1; i >= 0; i-- {
		if c := text[i]; c == '.' || c == '!' || c == '?' || c == '\n' {
			// Skip decimals and abbreviations like "3.5" or "e.g.".
			if c == '.' && i+1 < len(text) && text[i+1] != ' ' && text[i+1] != '\n' {
				continue
			}
			from = i + 1
			break
		}
	}
	to := len(text)
	for i := end; i < len(text); i++ {
		if c := text[i]; c == '.' || c == '!' || c == '?' || c == '\n' {
			if c == '.' && i+1 < len(text) && text[i+1] != ' ' && text[i+1] != '\n' {
				continue
			}
			to = i + 1
			break
		}
	}
	raw := text[from:to]
	trimmed := strings.TrimSpace(raw)
	return trimmed, from + strings.Index(raw, trimmed)
}
