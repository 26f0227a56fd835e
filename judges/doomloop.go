package judges

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// DoomLoop fails the conversation pattern the CFPB calls a doom loop
// (dimension escalation), in en, fr, de, es and sv:
//   - the bot gives the same or nearly the same reply (word overlap of 75%
//     or more) to a customer who is repeating themselves or says so ("I
//     already told you", "toujours pas", "schon wieder", "otra vez",
//     "igen");
//   - the bot asks for information the customer already gave: an order or
//     booking number, a tracking number, an e-mail address or a phone
//     number that appears in an earlier (or the same) customer turn.
//
// Short replies (under six words) and replies to thanks and goodbyes are
// not loops. It cannot tell a reply that is reworded but says nothing new
// from a useful one, nor see information given in a form it does not
// recognise (a name, an address, a date of birth).
type DoomLoop struct{}

// Name returns "doom-loop".
func (DoomLoop) Name() string { return "doom-loop" }

var repeatLex = newLexicon(phrases{"repeat": {
	"again", "already told", "already said", "already gave", "already sent", "already provided", "i said", "as i said", "i told you",
	"asked already", "already asked", "not listening", "i asked", "i just asked", "still not", "still no", "still haven't", "still hasn't", "same answer", "same thing", "keep asking", "keep saying", "how many times",
	"encore", "déjà dit", "déjà donné", "déjà envoyé", "déjà indiqué", "déjà fourni", "je vous ai dit", "je l'ai dit", "toujours pas",
	"toujours rien", "même réponse", "combien de fois", "je répète", "de nouveau", "déjà demandé", "vous n'écoutez pas",
	"schon gesagt", "bereits gesagt", "schon gegeben", "bereits angegeben", "schon angegeben", "bereits mitgeteilt", "schon wieder",
	"immer noch nicht", "immer noch kein*", "nochmal", "noch einmal", "wie oft", "gleiche antwort", "dieselbe antwort", "erneut", "schon gefragt", "bereits gefragt", "hören mir nicht zu",
	"ya le dije", "ya te dije", "ya lo dije", "ya le di", "ya di", "ya he dado", "ya se lo", "otra vez", "de nuevo", "sigue sin",
	"sigo sin", "todavía no", "la misma respuesta", "cuántas veces", "ya proporcioné", "ya envié", "ya pregunté", "no me escucha*",
	"igen", "redan sagt", "redan gett", "redan angett", "redan skickat", "redan skrivit", "sa ju", "som jag sa", "fortfarande inte",
	"fortfarande ingen*", "samma svar", "hur många gånger", "återigen", "redan frågat", "lyssnar inte",
}})

// closings are customer turns that a repeated reply may rightly answer
// twice ("thanks" → "You're welcome!").
var closingLex = newLexicon(phrases{"closing": {
	"thanks", "thank you", "thx", "ok", "okay", "bye", "goodbye", "merci", "au revoir", "d'accord", "danke", "tschüss",
	"auf wiedersehen", "gracias", "adiós", "vale", "tack", "hej då", "okej",
}})

// infoLex names the kinds of information a bot asks for.
var infoLex = newLexicon(phrases{
	"order": {"order number", "order no", "order id", "order reference", "numéro de commande", "n° de commande", "référence de commande",
		"bestellnummer", "auftragsnummer", "número de pedido", "n.º de pedido", "ordernum*", "beställningsnum*", "ordernr"},
	"booking": {"booking reference", "booking number", "booking code", "confirmation number", "reservation number", "pnr",
		"référence de réservation", "numéro de réservation", "code de réservation", "dossier de réservation", "buchungsnummer",
		"buchungscode", "buchungsreferenz", "reservierungsnummer", "código de reserva", "localizador", "número de reserva",
		"referencia de la reserva", "bokningsnum*", "bokningsreferens*", "bokningskod*"},
	"tracking": {"tracking number", "tracking code", "tracking id", "parcel number", "numéro de suivi", "numéro de colis",
		"sendungsnummer", "trackingnummer", "paketnummer", "sendungsverfolgungsnummer", "número de seguimiento", "número de envío",
		"spårningsnum*", "kollinum*", "kolli-id", "försändelsenum*"},
	"account": {"account number", "customer number", "membership number", "numéro de client", "numéro de compte", "kundennummer",
		"kontonummer", "número de cliente", "número de cuenta", "kundnum*"},
	"email": {"email", "e-mail", "email address", "e-mail address", "courriel", "adresse e-mail", "adresse mail", "e-mail-adresse",
		"correo", "correo electrónico", "e-post", "e-postadress*", "mejladress*", "mailadress*"},
	"phone": {"phone number", "telephone number", "mobile number", "numéro de téléphone", "numéro de portable", "telefonnummer",
		"handynummer", "rufnummer", "número de teléfono", "número de móvil", "teléfono", "mobilnum*", "telefonnum*"},
})

// namedLex: plain nouns a customer uses to give an identifier ("my order
// 558812", "booking QX7LMP"); a bot asking for the order itself is not
// asking for its number, so these only count on the customer's side.
var namedLex = newLexicon(phrases{
	"order":    {"order", "commande", "bestellung", "auftrag", "pedido", "beställning", "beställningen", "ordern"},
	"booking":  {"booking", "réservation", "dossier", "buchung", "reserva", "bokning", "bokningen"},
	"tracking": {"parcel", "package", "colis", "paket", "sendung", "paquete", "envío", "paketet", "försändelse"},
})

// askLex: the words of a request for information.
var askLex = newLexicon(phrases{"ask": {
	"could you", "can you", "would you", "please provide", "please send", "please share", "please give", "please enter",
	"please confirm", "please tell", "what is your", "what's your", "may i have", "can i have", "i need your", "i'll need your",
	"pourriez-vous", "pouvez-vous", "merci de", "veuillez", "quel est votre", "quelle est votre", "pourrais-je avoir", "j'ai besoin de votre",
	"indiquez", "communiquez",
	"können sie", "könnten sie", "bitte geben sie", "bitte nennen sie", "bitte senden sie", "bitte teilen sie", "wie lautet",
	"nennen sie mir", "geben sie mir", "ich benötige ihre", "ich brauche ihre", "teilen sie mir",
	"podría indicarme", "podría darme", "podría facilitarme", "podría enviarme", "podría confirmarme", "puede indicarme",
	"puede darme", "puede facilitarme", "puede enviarme", "puede confirmarme", "por favor indique", "por favor facilite",
	"indíqueme", "facilíteme", "cuál es su", "necesito su", "me da", "me puede dar", "envíeme", "me indica",
	"kan du", "skulle du kunna", "kan ni", "vänligen ange", "ange", "vad är ditt", "vad är din", "jag behöver ditt", "jag behöver din",
	"skicka", "uppge",
}})

var emailRe = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)

// hasPhone reports a run of eight or more digits, spaced or not.
func hasPhone(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c):
			n++
			if n >= 8 {
				return true
			}
		case c == ' ' || c == '-' || c == '+' || c == '(' || c == ')':
		default:
			n = 0
		}
	}
	return false
}

// hasID reports an identifier among the words: five or more letters and
// digits with at least one digit ("88213", "QX7LMP", "NW-48213").
func hasID(toks []token) bool {
	for _, t := range toks {
		if len(t.w) >= 5 && hasDigit(t.w) {
			return true
		}
	}
	return false
}

// given returns the kinds of information a customer turn supplies. A
// number or code supplies the kind the turn (or the bot's previous
// question) names; an e-mail address or phone number supplies itself.
func given(user string, userToks, prevToks []token) map[string]bool {
	kinds := map[string]bool{}
	if strings.Contains(user, "@") && emailRe.MatchString(user) {
		kinds["email"] = true
	}
	if hasPhone(user) {
		kinds["phone"] = true
	}
	if !hasID(userToks) {
		return kinds
	}
	for _, h := range infoLex.find(userToks, -1) {
		kinds[h.e.tag] = true
	}
	for _, h := range namedLex.find(userToks, -1) {
		kinds[h.e.tag] = true
	}
	for _, h := range infoLex.find(prevToks, -1) {
		kinds[h.e.tag] = true
	}
	return kinds
}

// asked returns the kinds of information a reply asks for, with the
// sentence that asks.
func asked(reply string, toks []token) map[string]string {
	infos := infoLex.find(toks, -1)
	if len(infos) == 0 {
		return nil
	}
	asks := askLex.find(toks, -1)
	out := map[string]string{}
	for _, in := range infos {
		start, end := in.span(toks)
		sent := sentenceStart(reply, start)
		sentence := sentenceOf(reply, start, end)
		isAsk := strings.HasSuffix(strings.TrimSpace(sentence), "?")
		for _, a := range asks {
			if as, _ := a.span(toks); as >= sent && as < sent+len(sentence) {
				isAsk = true
			}
		}
		if isAsk && !negatedBefore(toks, in.from, sent) && !notAsked(toks, in) {
			out[in.e.tag] = sentence
		}
	}
	return out
}

// notAskBefore and notAskAfter mark a mention of information that is not a
// request for it: "check your email", "sent to your e-mail", "email us",
// "your email inbox".
var (
	notAskBefore = wordList(`check checking in to into at on via by from dans sur à par vérifier vérifiez consultez
		im an per auf prüfen überprüfen sehen en a por revise revisar consulte mire till i på kolla kontrollera titta`)
	notAskAfter = wordList(`us me nous uns nos oss inbox folder spam boîte postfach posteingang bandeja inkorg skräppost`)
	possessives = wordList(`your the votre vos ton ta ihre ihr ihrer ihren deine dein su tu ditt din er ert`)
)

func wordList(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func notAsked(toks []token, h hit) bool {
	if h.to < len(toks) && notAskAfter[toks[h.to].w] {
		return true
	}
	j := h.from - 1
	if j >= 0 && possessives[toks[j].w] {
		j--
	}
	return j >= 0 && notAskBefore[toks[j].w]
}

// wordSet is the set of words of a text: an open-addressing table of
// indexes into keys, much smaller and quicker to build than a map, and
// every reply of a conversation gets one.
type wordSet struct {
	keys  []string
	table []int32 // index+1 into keys; 0 is empty
	mask  uint32
}

var wordSetPool = sync.Pool{New: func() any { return new(wordSet) }}

// newWordSet returns the set of words of toks; release it when done.
func newWordSet(toks []token) *wordSet {
	size := 8
	for size < 2*len(toks) {
		size <<= 1
	}
	s := wordSetPool.Get().(*wordSet)
	if cap(s.table) < size {
		s.table = make([]int32, size)
	} else {
		s.table = s.table[:size]
		clear(s.table)
	}
	s.keys, s.mask = s.keys[:0], uint32(size-1)
	for i := range toks {
		w := toks[i].w
		j, found := s.find(w, hashWord(w))
		if !found {
			s.keys = append(s.keys, w)
			s.table[j] = int32(len(s.keys))
		}
	}
	return s
}

// release returns s to the pool.
func (s *wordSet) release() {
	clear(s.keys) // let the texts go
	wordSetPool.Put(s)
}

// find returns the slot of w, or the empty slot where it goes.
func (s *wordSet) find(w string, h uint32) (uint32, bool) {
	for j := h & s.mask; ; j = (j + 1) & s.mask {
		k := s.table[j]
		if k == 0 {
			return j, false
		}
		if s.keys[k-1] == w {
			return j, true
		}
	}
}

// overlap is the Jaccard similarity of two word sets.
func overlap(a, b *wordSet) float64 {
	if len(a.keys) == 0 || len(b.keys) == 0 {
		return 0
	}
	inter := 0
	for _, w := range a.keys {
		if _, ok := b.find(w, hashWord(w)); ok {
			inter++
		}
	}
	return float64(inter) / float64(len(a.keys)+len(b.keys)-inter)
}

// Judge returns a failing verdict per looping turn, or one pass for a
// conversation of two turns or more.
func (DoomLoop) Judge(_ context.Context, _ *suite.Case, t *transcript.Transcript) []Verdict {
	n := len(t.Turns)
	replyToks := make([][]token, n)
	userToks := make([][]token, n)
	replyWords := make([]*wordSet, n)
	userWords := make([]*wordSet, n)
	for i, tu := range t.Turns {
		replyToks[i], userToks[i] = tokensOf(tu.Reply), tokensOf(tu.User)
	}
	words := func(i int) {
		if replyWords[i] == nil {
			replyWords[i], userWords[i] = newWordSet(replyToks[i]), newWordSet(userToks[i])
		}
	}
	defer func() {
		for i := range replyWords {
			if replyWords[i] != nil {
				replyWords[i].release()
				userWords[i].release()
			}
		}
	}()
	var out []Verdict
	have := map[string]bool{}
	for i, tu := range t.Turns {
		var prev []token
		if i > 0 {
			prev = replyToks[i-1]
		}
		for k := range given(tu.User, userToks[i], prev) {
			have[k] = true
		}
		// Asking again for what the customer gave.
		if len(have) > 0 {
			var again, quotes []string
			asks := asked(tu.Reply, replyToks[i])
			for _, kind := range infoKinds {
				if sentence, ok := asks[kind]; ok && have[kind] {
					again = append(again, kind)
					quotes = append(quotes, sentence)
				}
			}
			if len(again) > 0 {
				out = append(out, Verdict{Dimension: Escalation, Status: Fail, Score: 0, Turn: tu.Index,
					Evidence:  join(quotes),
					Rationale: fmt.Sprintf("doom loop: the bot asks again for the customer's %s, which the customer already gave", strings.Join(kindNames(again), " and "))})
				continue
			}
		}
		// The same reply to a customer repeating themselves.
		if i == 0 || len(replyToks[i]) < 6 || len(userToks[i]) <= 4 && closingLex.has(userToks[i], -1) {
			continue
		}
		words(i)
		for j := 0; j < i; j++ {
			words(j)
			if overlap(replyWords[i], replyWords[j]) < 0.75 {
				continue
			}
			if overlap(userWords[i], userWords[j]) < 0.5 && !repeatLex.has(userToks[i], -1) {
				continue
			}
			out = append(out, Verdict{Dimension: Escalation, Status: Fail, Score: 0, Turn: tu.Index,
				Evidence:  clip(tu.Reply, 300),
				Rationale: fmt.Sprintf("doom loop: the customer is repeating themselves and the bot gives the same reply as on turn %d", j+1)})
			break
		}
	}
	if len(out) > 0 || n < 2 {
		return out
	}
	return []Verdict{{Dimension: Escalation, Status: Pass, Score: 1, Rationale: "no repeated reply and no question for information already given"}}
}

// infoKinds orders the kinds of information, for stable messages.
var infoKinds = []string{"order", "booking", "tracking", "account", "email", "phone"}

func kindNames(kinds []string) []string {
	names := map[string]string{"order": "order number", "booking": "booking reference", "tracking": "tracking number",
		"account": "account number", "email": "e-mail address", "phone": "phone number"}
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = names[k]
	}
	return out
}
