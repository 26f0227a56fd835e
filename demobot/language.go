package demobot

import (
	"regexp"
	"strings"
	"unicode"
)

// The demo bot speaks English, French, German, Spanish and Swedish.
const (
	english = "en"
	french  = "fr"
	german  = "de"
	spanish = "es"
	swedish = "sv"
)

// languages lists the languages the bot speaks, in a stable order.
var languages = []string{english, french, german, spanish, swedish}

// languageWords are each language's common words (and a few words of its
// customers' informal writing: "slt", "g", "stp" in French text messages).
// A word listed for several languages counts for each.
var languageWords = map[string]map[string]bool{
	french: set(`je j me m moi mon ma mes tu te t ton ta tes vous votre vos nous notre nos il elle ils elles on
le la les l un une des du de d au aux et ou est sont suis es êtes sommes ai as avons avez ont a été
que qu qui quoi dont où ce c cet cette ces ça cela ne n pas plus jamais rien
pour avec dans sur sous chez par sans mais donc car si comme très aussi déjà encore toujours
bonjour bonsoir merci svp oui non d'accord voudrais veux peux pouvez dois faut faire fait
colis livraison livreur suivi vol vols billet bagage bagages valise soute avion achat paiement paiements
échéance échéances carte compte remboursement retard annulé conseiller quelqu'un comment pourquoi quand combien
madame monsieur s'il plaît slt salut stp jsp jsuis chui g pa ya c'est bcp pk pcq tjrs mdr wsh trop relou
voiture forfait banque virement facture wesh jfais jpeux jsp ma`),
	english: set(`i me my mine you your yours we our us he she it its they them their
the a an and or but so if of to in on at by for with from about into over after before
is are was were be been am do does did have has had can could will would should shall may might must
not no yes please thanks thank hi hello hey
what when where why how which who this that these those there here
parcel package delivery flight flights baggage luggage bag ticket booking payment purchase card account refund
want need help get just again still already never really i'm it's don't can't i've`),
	german: set(`der die das den dem des ein eine einen einem einer und ist sind sie ich mit für auf nicht auch es zu zum zur
von vom im bei nach aus oder aber wenn dass wird werden kann können habe haben hat bitte noch schon sehr
mein meine meinen meinem meiner mir mich ihr ihre ihnen wie was wo warum hallo danke guten tag gibt kein keine
paket konto karte flug rechnung zahlung bestellung hier jetzt heute gestern morgen möchte würde will muss`),
	spanish: set(`el la los las un una unos unas y es son está están usted ustedes su sus yo le les lo con para por
del al que no sí pero como muy puede pueden hay este esta estos estas mi mis me qué cómo cuándo dónde
hola gracias buenas quiero tengo he han ha se ya también porque cuenta tarjeta vuelo factura pago pedido
paquete envío hoy ayer mañana necesito puedo favor`),
	swedish: set(`och är att det den de en ett du dig din ditt dina vi oss vår vårt jag mig min mitt mina med för på av
till om inte som har kan kommer ska skulle finns eller men här där vad hur när också så från bara mycket tack
hej hejsan varför paket paketet konto kort flyg faktura betalning beställning fick fått idag igår vill måste
behöver ni er hade blev nu`),
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// quoted is text the customer quotes (an error message, a letter): it says
// nothing about the language they write in.
var quoted = regexp.MustCompile(`"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|„[^“\n]*“`)

// languageScores counts each language's evidence in text: common words,
// French elisions (j', l', qu') and letters only some languages use.
func languageScores(text string) map[string]int {
	score := map[string]int{}
	lower := strings.ToLower(quoted.ReplaceAllString(text, " "))
	for _, r := range lower {
		switch r {
		case 'é', 'è', 'ê', 'à', 'ç', 'ù', 'û', 'ô', 'î', 'ï', 'œ', 'â':
			score[french]++
		case 'ß', 'ü':
			score[german] += 2
		case 'ä', 'ö':
			score[german]++
			score[swedish]++
		case 'å':
			score[swedish] += 2
		case 'ñ', '¿', '¡', 'á', 'í', 'ó', 'ú':
			score[spanish] += 2
		}
	}
	words := strings.FieldsFunc(lower, func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '\'' || r == '’')
	})
	for _, w := range words {
		w = strings.ReplaceAll(w, "’", "'")
		if i := strings.IndexByte(w, '\''); i > 0 && i <= 3 {
			switch w[:i] {
			case "j", "l", "d", "n", "m", "t", "s", "c", "qu":
				score[french] += 2
				w = w[i+1:]
			}
		}
		w = strings.Trim(w, "'")
		for _, l := range languages {
			if languageWords[l][w] {
				score[l] += 2
			}
		}
	}
	return score
}

// detectLanguage decides which language to answer in: the customer's
// message when it is clear, else the last clear earlier message, else the
// language the caller says the customer speaks, else English. The hint comes
// last so a conversation replayed over HTTP (where there is no hint) gets the
// same answers as in-process whenever the text itself is clear. A customer
// who writes a whole message in another language is answered in it; one
// who only quotes another language ("it says "payment failed"") is not.
func detectLanguage(message, hint string, earlier []string) string {
	if l := clearLanguage(message); l != "" {
		return l
	}
	for i := len(earlier) - 1; i >= 0; i-- {
		if l := clearLanguage(earlier[i]); l != "" {
			return l
		}
	}
	h := strings.ToLower(hint)
	for _, l := range languages {
		if strings.HasPrefix(h, l) {
			return l
		}
	}
	return english
}

func clearLanguage(text string) string {
	score := languageScores(text)
	best, second := "", 0
	for _, l := range languages {
		switch s := score[l]; {
		case best == "" || s > score[best]:
			if best != "" {
				second = score[best]
			}
			best = l
		case s > second:
			second = s
		}
	}
	if score[best] >= 2 && score[best] > second {
		return best
	}
	return ""
}
