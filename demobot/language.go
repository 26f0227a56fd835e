package demobot

import (
	"strings"
	"unicode"
)

// The demo bot speaks English and French.
const (
	english = "en"
	french  = "fr"
)

var frenchWords = set(`je j me m moi mon ma mes tu te t ton ta tes vous votre vos nous notre nos il elle ils elles on
le la les l un une des du de d au aux et ou est sont suis es êtes sommes ai as avons avez ont a été
que qu qui quoi dont où ce c cet cette ces ça cela ne n pas plus jamais rien
pour avec dans sur sous chez par sans mais donc car si comme très aussi déjà encore toujours
bonjour bonsoir merci svp oui non d'accord voudrais veux peux pouvez dois faut faire fait
colis livraison livreur suivi vol vols billet bagage bagages valise soute avion achat paiement paiements
échéance échéances carte compte remboursement retard annulé conseiller quelqu'un comment pourquoi quand combien
madame monsieur s'il plaît`)

var englishWords = set(`i me my mine you your yours we our us he she it its they them their
the a an and or but so if of to in on at by for with from about into over after before
is are was were be been am do does did have has had can could will would should shall may might must
not no yes please thanks thank hi hello hey
what when where why how which who this that these those there here
parcel package delivery flight flights baggage luggage bag ticket booking payment purchase card account refund
want need help get just again still already never really`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// languageScores counts French and English evidence in text: function
// words, elisions (j', l', qu') and accented letters.
func languageScores(text string) (fr, en int) {
	lower := strings.ToLower(text)
	for _, r := range lower {
		switch r {
		case 'é', 'è', 'ê', 'à', 'ç', 'ù', 'û', 'ô', 'î', 'ï', 'œ', 'â':
			fr++
		}
	}
	words := strings.FieldsFunc(lower, func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '\'' || r == '’')
	})
	for _, w := range words {
		w = strings.ReplaceAll(w, "’", "'")
		if i := strings.IndexByte(w, '\''); i > 0 && i <= 3 {
			head := w[:i]
			switch head {
			case "j", "l", "d", "n", "m", "t", "s", "c", "qu":
				fr += 2
				w = w[i+1:]
			}
		}
		w = strings.Trim(w, "'")
		if frenchWords[w] {
			fr += 2
		}
		if englishWords[w] {
			en += 2
		}
	}
	return fr, en
}

// detectLanguage decides which language to answer in: the customer's
// message when it is clear, else the last clear earlier message, else the
// language the caller says the customer speaks, else English. The hint comes
// last so a conversation replayed over HTTP (where there is no hint) gets the
// same answers as in-process whenever the text itself is clear.
func detectLanguage(message, hint string, earlier []string) string {
	if l := clearLanguage(message); l != "" {
		return l
	}
	for i := len(earlier) - 1; i >= 0; i-- {
		if l := clearLanguage(earlier[i]); l != "" {
			return l
		}
	}
	switch h := strings.ToLower(hint); {
	case strings.HasPrefix(h, french):
		return french
	case strings.HasPrefix(h, english):
		return english
	}
	return english
}

func clearLanguage(text string) string {
	fr, en := languageScores(text)
	switch {
	case fr >= 2 && fr > en:
		return french
	case en >= 2 && en > fr:
		return english
	}
	return ""
}
