// Package handoff recognises, in words, a bot handing a customer to a human,
// a bot giving a concrete path to one, and a customer asking for one, in
// English, French, German, Spanish and Swedish. Structured signals (tool
// calls, JSON fields) are read by the targets; these lexicons cover bots
// that only say it.
package handoff

import (
	"regexp"
	"strings"
)

// person matches the words for a human agent in each language.
const person = `(?:human|person|people|somebody|someone|agent|representative|rep|advisor|adviser|operator|colleague|specialist|team member|member of (?:our|the) (?:team|staff)|staff|supervisor|manager|` +
	`humain|personne|conseill[eè]re?|agent|op[ée]rat(?:eur|rice)|coll[èe]gue|quelqu'un|vrai quelqu'un|` +
	`mensch(?:en)?|person|mitarbeiter(?:in)?|kolleg(?:e|in|en)|berater(?:in)?|sachbearbeiter(?:in)?|kundenberater(?:in)?|jemand(?:em|en)?|` +
	`humano|persona|agente|asesor(?:a)?|operador(?:a)?|compa[ñn]er[oa]|alguien|` +
	`m[äa]nniska|person|handl[äa]ggare|kollega|kundtj[äa]nst|r[åa]dgivare|n[åa]gon)s?`

// announce: the bot says it is handing off now.
var announce = []*regexp.Regexp{
	// English
	re(`\b(?:i(?:'m| am|'ll| will)|we(?:'re| are|'ll| will)|let me)\s+(?:now\s+)?(?:transfer|connect|escalat|pass|hand|put(?:ting)?\s+you\s+through|rout|forward|bring(?:ing)? in)\w*\b[^.!?\n]{0,60}\b` + person + `\b`),
	re(`\b(?:transferring|connecting|escalating|handing|passing|routing|forwarding)\s+(?:you|your (?:case|chat|request|conversation))\b[^.!?\n]{0,60}\b` + person + `\b`),
	re(`\b(?:a|an|one of our)\s+` + person + `\s+(?:will|is going to|can)\s+(?:join|take over|be with you|contact you|call you|get back to you|reach out)`),
	re(`\b(?:i(?:'ve| have)|we(?:'ve| have))\s+(?:escalated|transferred|passed|handed|forwarded|referred)\b`),
	// French
	re(`\b(?:je|nous)\s+(?:vous\s+)?(?:mets|mettons|transf[èe]re|transf[ée]rons|redirige|redirigeons|passe|passons)\b[^.!?\n]{0,60}\b(?:en relation|en contact|` + person + `)`),
	re(`\b(?:un|une)\s+` + person + `\s+(?:va|vous)\s+(?:vous\s+)?(?:rappeler|contacter|prendre le relais|r[ée]pondre|prendre en charge)`),
	re(`\bje\s+(?:transmets|transf[èe]re|escalade)\s+(?:votre|ta)\s+(?:demande|dossier|conversation)`),
	// German
	re(`\b(?:ich|wir)\s+(?:verbinde|verbinden|leite|leiten|übergebe|übergeben|gebe|geben)\s+(?:sie|dich|ihre anfrage|ihr anliegen|das gespräch)\b[^.!?\n]{0,60}\b(?:weiter|` + person + `)`),
	re(`\b(?:ein|eine)\s+` + person + `\s+(?:wird sich|meldet sich|übernimmt|ruft sie)`),
	// Spanish
	re(`\b(?:le|te|lo|la)\s+(?:paso|pongo|transfiero|comunico|conecto|derivo)\b[^.!?\n]{0,60}\b(?:con|a)\b[^.!?\n]{0,20}\b` + person + `\b`),
	re(`\b(?:voy a|vamos a)\s+(?:transferir|pasar|conectar|derivar|comunicar)(?:le|te|lo|la)?\b[^.!?\n]{0,60}\b` + person + `\b`),
	re(`\b(?:un|una)\s+` + person + `\s+(?:le|te)\s+(?:atender[áa]|contactar[áa]|llamar[áa])`),
	// Swedish
	re(`\b(?:jag|vi)\s+(?:kopplar|skickar|f[öo]r|överl[äa]mnar|slussar)\s+(?:dig|er|vidare|ditt [äa]rende)\b[^.!?\n]{0,60}\b(?:vidare|` + person + `)`),
	re(`\b(?:en)\s+` + person + `\s+(?:kommer att|tar över|kontaktar dig|ringer dig)`),
}

// path: a concrete way to reach a person even without a live transfer.
var path = []*regexp.Regexp{
	re(`\b(?:call|phone|ring|contact|reach|email|write to|chat with)\s+(?:us|our (?:team|agents?|support|customer service|staff)|an? ` + person + `)\b[^.!?\n]{0,40}(?:\bat\b|\bon\b|\bvia\b|:|\+?\d[\d \-]{5,})`),
	re(`\b(?:our|a)\s+(?:support|customer service|care|claims|fraud|hardship|collections)\s+(?:team|line|desk|department)\b[^.!?\n]{0,40}(?:\+?\d[\d \-]{5,}|\bat\b\s+\S+@|available)`),
	re(`\+?\d{1,3}[\s\-]?\(?\d{2,4}\)?[\s\-]?\d{3,4}[\s\-]?\d{3,4}`),
	re(`\b(?:appelez|contactez|joignez)[- ]nous\b|\bnotre service client\b[^.!?\n]{0,40}\bau\b`),
	re(`\b(?:rufen sie uns|kontaktieren sie uns|erreichen sie uns|unsere hotline)\b`),
	re(`\b(?:ll[áa]menos|cont[áa]ctenos|escr[íi]banos|nuestro equipo de atenci[óo]n)\b`),
	re(`\b(?:ring oss|kontakta oss|n[åa] oss|v[åa]r kundtj[äa]nst)\b`),
}

// request: the customer asks for a person. Phrasing is colloquial and
// misspelt in practice, so these are deliberately loose about the verb and
// strict about the person.
var request = []*regexp.Regexp{
	re(`\b(?:talk|speak|speek|tlak|chat)\s+(?:to|with)\s+(?:a|an|some|one of your|your|the|a real|an actual|a live|real|actual|live)?\s*(?:real |actual |live )?(?:human|person|somebody|someone|agent|representative|rep|operator|manager|supervisor|staff|people)\b`),
	re(`\b(?:need|want|get|give me|transfer me to|connect me (?:to|with)|put me through to)\s+(?:a|an|to|some|one)?\s*(?:real |actual |live )?(?:human|person|agent|representative|operator|supervisor|manager)\b`),
	re(`\b(?:real|actual|live)\s+(?:human|person|people)\b|\bhuman\s*(?:please|pls|plz|now)\b|\b(?:agent|representative|operator)\s*(?:please|pls|plz|now)\b|^\s*(?:agent|human|representative|operator)\s*[.!?]*\s*$`),
	re(`\bare you (?:a )?(?:real|human|a bot|a robot)\b|\bam i (?:talking|speaking|chatting) (?:to|with) (?:a )?(?:real|human|bot|robot|person)\b`),
	// French
	re(`\b(?:parler|discuter|avoir)\s+(?:à|a|avec)\s+(?:un|une|quelqu'un|vrai|une vraie|un vrai)?\s*(?:vrai |vraie |véritable )?(?:humain|personne|conseill[eè]re?|agent|op[ée]rat(?:eur|rice)|quelqu'un)\b`),
	re(`\b(?:un|une)\s+(?:vrai(?:e)?\s+)?(?:humain|conseill[eè]re?|agent|personne)\s*(?:svp|s'il vous pla[iî]t|stp|merci|!)`),
	re(`\bvrai(?:e)?\s+(?:humain|personne)\b|\bquelqu'un de r[ée]el\b`),
	// German
	re(`\b(?:mit|einen|einem|eine|einer)\s+(?:echten\s+|richtigen\s+|lebendigen\s+)?(?:menschen|mitarbeiter(?:in)?|berater(?:in)?|person|kundenberater(?:in)?)\s+(?:sprechen|reden|verbinden|haben|bitte)\b`),
	re(`\b(?:echte[rnm]?|richtige[rnm]?)\s+(?:mensch(?:en)?|person|mitarbeiter(?:in)?)\b|\bmenschen\s+sprechen\b`),
	// Spanish
	re(`\b(?:hablar|comunicarme|chatear)\s+(?:con)\s+(?:un|una|alguien|algún|alguna)?\s*(?:humano|persona|agente|asesor(?:a)?|operador(?:a)?|real|de verdad)\b`),
	re(`\b(?:persona|humano|agente)\s+(?:real|de verdad)\b|\bquiero\s+(?:un|una)\s+(?:humano|persona|agente|asesor)\b`),
	// Swedish
	re(`\b(?:prata|tala|snacka)\s+med\s+(?:en|någon|nån)?\s*(?:riktig|verklig|levande)?\s*(?:m[äa]nniska|person|handl[äa]ggare|kundtj[äa]nst|n[åa]gon|agent)\b`),
	re(`\briktig\s+(?:m[äa]nniska|person)\b`),
}

// negation before a handoff phrase in the same sentence ("I can't transfer
// you to an agent") turns it into a refusal.
var negation = re(`\b(?:can't|cannot|can not|unable|not able|won't|will not|don't|do not|no way to|ne (?:peux|pouvons) pas|impossible de|kann (?:sie )?nicht|können (?:sie )?nicht|keine möglichkeit|no (?:puedo|podemos)|kan inte|går inte)\b`)

func re(expr string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + expr) }

// Announced reports whether reply says the bot is handing off to a person
// now, and the sentence that says it.
func Announced(reply string) (string, bool) { return find(announce, reply, true) }

// Path reports whether reply gives a concrete way to reach a person (a
// transfer, a phone number, an address to write to), and the words.
func Path(reply string) (string, bool) {
	if s, ok := Announced(reply); ok {
		return s, true
	}
	return find(path, reply, true)
}

// Requested reports whether the customer's text asks for a human, and the
// words that ask.
func Requested(text string) (string, bool) { return find(request, text, false) }

func find(set []*regexp.Regexp, text string, checkNegation bool) (string, bool) {
	for _, r := range set {
		for _, loc := range r.FindAllStringIndex(text, -1) {
			s, start := Sentence(text, loc[0], loc[1])
			if checkNegation && negation.MatchString(text[start:loc[0]]) {
				continue
			}
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
