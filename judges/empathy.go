package judges

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// EmpathyJudge is a heuristic, word-list judge of empathy (dimension empathy),
// in en, fr, de, es and sv. When the customer signals distress
// (bereavement, illness, money trouble, anger, repeated failure), the
// reply to that turn must acknowledge it before solving: an apology,
// condolences or words of understanding in its first sentence past any
// greeting. Any
// reply that blames, dismisses or talks down to the customer ("as I already
// told you", "you should have read", "calm down", "c'est de votre faute",
// "selbst schuld", "es lo que hay", "ditt eget fel") fails, distress or not.
//
// The verdict's score starts at 0.2, gains 0.7 for an early
// acknowledgement (0.25 for a late one) and 0.1 for early condolences to a
// bereaved customer, and loses 0.5 per cold phrase; under 0.5 fails. The
// evidence lists the phrases that moved it. A customer's "my phone died"
// is not a bereavement: death words count only with a person.
//
// It cannot hear tone: a formula apology followed by a cold answer passes,
// a warm reply in words it does not know fails. The LLM empathy judge is
// the one to trust on tone; this one catches the plainly cold replies.
type EmpathyJudge struct{}

// Name returns "empathy".
func (EmpathyJudge) Name() string { return "empathy" }

var distressLex = func() *lexicon {
	lx := newLexicon(phrases{
		"bereavement": {
			"passed away", "funeral", "bereavement", "bereaved", "condolences", "death certificate", "widow", "widowed", "lost my mother",
			"lost my father", "lost my mum", "lost my mom", "lost my dad", "lost my husband", "lost my wife", "lost my son",
			"lost my daughter", "lost my grandmother", "lost my grandfather", "lost my partner", "lost my brother", "lost my sister",
			"décédé*", "décès", "obsèques", "enterrement", "funérailles", "deuil", "est mort", "est morte", "nous a quittés",
			"verstorben*", "gestorben", "verstarb", "todesfall", "beerdigung", "trauerfall", "beisetzung", "trauerfeier",
			"falleció", "fallecido", "fallecida", "fallecimiento", "entierro", "velorio", "murió", "ha muerto", "defunción",
			"avled", "avliden", "gått bort", "gick bort", "begravning*", "dödsfall", "dödsbo",
		},
		"death": {"died", "dead", "death", "killed", "mort", "morte", "tot", "muerto", "muerta", "död", "dog"},
		"kin": {
			"mother", "father", "mum", "mom", "dad", "grandmother", "grandfather", "grandma", "grandpa", "nan", "husband", "wife",
			"son", "daughter", "brother", "sister", "partner", "friend", "aunt", "uncle", "baby", "child", "boyfriend", "girlfriend",
			"parent", "parents",
			"mère", "père", "maman", "papa", "grand-mère", "grand-père", "mari", "femme", "fils", "fille", "frère", "sœur", "soeur",
			"mutter", "vater", "mama", "oma", "opa", "großmutter", "großvater", "mann", "frau", "sohn", "tochter", "bruder", "schwester",
			"madre", "padre", "abuela", "abuelo", "marido", "esposo", "esposa", "mujer", "hijo", "hija", "hermano", "hermana",
			"mamma", "pappa", "mormor", "farmor", "morfar", "farfar", "make", "maka", "fru", "dotter", "bror", "syster", "sambo",
		},
		"illness": {
			"hospital", "hospitalised", "hospitalized", "cancer", "chemo*", "surgery", "seriously ill", "terminally ill", "i'm ill",
			"i am ill", "sick", "diagnosed", "intensive care", "stroke", "heart attack", "disabled", "disability", "wheelchair",
			"mental health", "depressed", "depression", "anxiety", "panic attack",
			"hôpital", "hospitalisé*", "chimio*", "malade", "maladie", "opéré", "opérée", "diagnostiqué*", "handicap*", "urgences",
			"krankenhaus", "klinik", "krebs", "krank", "erkrankt", "erkrankung", "operiert", "diagnose", "behindert*", "behinderung",
			"notaufnahme", "intensivstation",
			"hospitalizado*", "cáncer", "quimio*", "enfermo", "enferma", "enfermedad", "operado", "operada", "diagnosticado*",
			"discapacidad", "depresión", "urgencias",
			"sjukhus*", "cellgift*", "sjuk", "sjukdom", "opererad*", "funktionsnedsättning", "akuten", "intensivvård*", "sjukskriven",
		},
		"money": {
			"can't afford", "cannot afford", "can not afford", "lost my job", "unemployed", "made redundant", "laid off", "i'm broke",
			"i am broke", "in debt", "debts", "overdrawn", "bailiff*", "debt collector*", "evicted", "eviction", "food bank",
			"struggling financially", "struggling to pay", "can't pay", "cannot pay", "no money", "hardship",
			"pas les moyens", "plus d'argent", "chômage", "licencié", "licenciée", "dettes", "endetté*", "à découvert", "huissier*",
			"fin de mois", "fins de mois", "difficultés financières", "peux pas payer",
			"nicht leisten", "arbeitslos", "job verloren", "arbeit verloren", "schulden", "verschuldet", "pleite", "überzogen",
			"inkasso", "gerichtsvollzieher", "finanzielle schwierigkeiten", "kein geld", "nicht bezahlen",
			"no puedo pagar", "no me lo puedo permitir", "sin trabajo", "en paro", "desempleado*", "despedido", "despedida", "deudas",
			"endeudado*", "sin dinero", "no tengo dinero", "fin de mes", "dificultades económicas",
			"inte råd", "arbetslös", "förlorat jobbet", "blivit uppsagd", "uppsagd", "skulder", "skuldsatt", "pank", "kronofogden",
			"inkasso*", "kan inte betala", "inga pengar", "ekonomiska problem", "svårt ekonomiskt",
		},
		"anger": {
			"furious", "angry", "livid", "outraged", "is ridiculous", "so ridiculous", "absolutely ridiculous", "ridiculous!", "unacceptable", "disgusting", "disgraceful", "appalling", "fed up",
			"sick of", "sick and tired", "a joke", "pathetic", "useless", "scam", "rip-off", "fuming", "worst", "incompetent",
			"furieux", "furieuse", "en colère", "inadmissible", "inacceptable", "scandaleux", "scandale", "honteux", "ras-le-bol",
			"marre", "ridicule", "n'importe quoi", "arnaque", "lamentable", "pire",
			"wütend", "sauer", "unverschämt*", "frechheit", "inakzeptabel", "skandal*", "lächerlich", "reicht mir", "nase voll",
			"betrug", "abzocke", "katastrophe", "unzumutbar", "schlechteste*",
			"furioso", "furiosa", "enfadado*", "enojado*", "indignado*", "inaceptable", "vergonzoso", "vergüenza", "harto", "harta",
			"ridículo", "estafa", "indignante", "una broma", "inadmisible", "peor",
			"arg", "förbannad", "rasande", "upprörd", "oacceptabelt", "skandal*", "skämt", "löjligt", "bedrägeri", "trött på",
			"less på", "fått nog", "uselt", "värdelöst", "värsta",
		},
		"repeated": {
			"third time", "fourth time", "fifth time", "still not", "still hasn't", "still haven't", "still no", "every time",
			"keeps happening", "for weeks", "for _ weeks", "for _ days now", "several times", "many times", "multiple times", "already called", "already contacted",
			"already tried", "nobody has", "no one has",
			"troisième fois", "quatrième fois", "encore une fois", "toujours pas", "toujours rien", "plusieurs fois", "à chaque fois",
			"depuis des semaines", "depuis _ semaines", "depuis _ jours", "déjà appelé", "déjà contacté",
			"dritten mal", "vierten mal", "schon wieder", "immer noch nicht", "immer noch nichts", "immer noch kein*", "mehrmals",
			"jedes mal", "seit wochen", "seit _ wochen", "seit _ tagen",
			"bereits angerufen", "schon angerufen", "x-mal",
			"tercera vez", "cuarta vez", "sigue sin", "varias veces", "cada vez", "desde hace semanas", "desde hace _ semanas",
			"desde hace _ días", "ya he llamado", "ya llamé",
			"todavía no",
			"tredje gången", "fjärde gången", "fortfarande inte", "fortfarande ingen*", "flera gånger", "varje gång", "i veckor",
			"i _ veckor", "i _ dagar nu",
			"redan ringt", "redan kontaktat",
		},
	})
	// Swedish "dog" (died) is an English animal.
	lx.addLang(sv, phrases{"death": {"dog"}})
	return lx
}()

var ackLex = newLexicon(phrases{
	"condolence": {
		"sorry for your loss", "sorry to hear about your", "my condolences", "our condolences", "deepest sympathy", "sincere sympathies",
		"deepest condolences", "sincere condolences", "difficult time",
		"condoléances", "moment difficile", "période difficile", "de tout cœur avec vous",
		"beileid", "schwere zeit", "schwierige zeit", "anteilnahme",
		"condolencias", "sentido pésame", "momento difícil", "momentos difíciles",
		"kondoleanser", "varma tankar", "svår tid", "jobbig tid", "tung tid", "beklagar sorgen", "din förlust",
	},
	"ack": {
		"sorry", "i understand", "i completely understand", "i can understand", "i can imagine", "that sounds", "that must be",
		"this must be", "must be difficult", "must be hard", "must have been", "frustrat*", "i apologi*", "we apologi*", "apologies", "i hear you", "that's awful", "that's terrible",
		"really hard", "thank you for your patience", "hope you feel better", "get well", "upsetting", "i'm so sorry",
		"désolé*", "navré*", "je comprends", "je suis sincèrement", "frustrant*", "agaçant*", "je m'excuse", "toutes nos excuses",
		"nous nous excusons", "veuillez nous excuser", "mes excuses", "bon rétablissement", "votre patience", "compréhensible",
		"j'imagine", "de la peine",
		"tut mir leid", "tut mir sehr leid", "tut mir _ leid", "tut uns leid", "tut uns _ leid", "bedauere", "bedauern", "ich verstehe", "verstehe ich", "nachvollziehen",
		"ärgerlich", "frustrierend", "entschuldig*", "gute besserung", "ihre geduld", "kann mir vorstellen", "verständlich",
		"lo siento", "lo sentimos", "lamento", "lamentamos", "siento mucho", "sentimos mucho", "entiendo", "comprendo", "frustrante",
		"disculp*", "perdone", "perdón", "que se mejore", "pronta recuperación", "su paciencia", "me imagino", "me apena",
		"beklagar", "ledsen", "ledsna", "jag är _ ledsen", "tråkigt att höra", "vad tråkigt", "jag förstår", "förstår att", "frustrerande", "förlåt",
		"ursäkta", "ursäkt", "krya på dig", "ditt tålamod", "kan tänka mig", "förlust", "gör mig ont", "ont att höra",
	},
})

var coldLex = newLexicon(phrases{"cold": {
	"as i already told you", "as i already said", "as i said before", "as already stated", "as previously stated", "per my last message",
	"as mentioned before", "as i have explained", "you should have", "you should've", "it's your fault", "it is your fault",
	"your own fault", "you failed to", "you didn't read", "if you had read", "calm down", "there's nothing i can do",
	"there is nothing i can do", "not my problem", "not our problem", "deal with it", "read the faq", "rules are rules", "too bad",
	"good luck with that", "maybe next time", "what did you expect", "what ~ did you expect", "next time read",
	"comme je vous l'ai déjà dit", "comme déjà indiqué", "comme je l'ai dit", "vous auriez dû", "c'est de votre faute",
	"c'est votre faute", "calmez-vous", "je ne peux rien faire", "rien à faire", "pas mon problème", "pas notre problème",
	"il fallait lire", "lisez la faq", "c'est comme ça", "tant pis", "bonne chance avec ça",
	"wie bereits gesagt", "wie ich bereits sagte", "wie schon gesagt", "wie bereits erwähnt", "sie hätten ~ ~ ~ sollen",
	"hätten sie ~ ~ ~ sollen", "selbst schuld", "ihre schuld", "ihr fehler", "ihr eigener fehler", "beruhigen sie sich",
	"kann ich nichts machen", "nicht mein problem", "nicht unser problem", "lesen sie die faq", "so ist das nun mal", "pech gehabt",
	"como ya le dije", "como ya le he dicho", "como ya se indicó", "como le dije", "debería haber*", "debió haber*", "es su culpa",
	"es culpa suya", "culpa suya", "cálmese", "tranquilícese", "no puedo hacer nada", "no es mi problema", "no es nuestro problema",
	"lea las preguntas frecuentes", "es lo que hay", "mala suerte", "qué le vamos a hacer",
	"som jag redan sagt", "som jag redan skrev", "som jag sa", "som redan nämnts", "du borde ha", "du skulle ha", "ditt eget fel",
	"det är ditt fel", "lugna ner dig", "lugna dig", "inget jag kan göra", "inte mitt problem", "inte vårt problem", "läs faq",
	"så är det bara", "synd för dig", "otur för dig",
}})

// distress returns the kinds of distress in a customer's turn and the
// words that signal them.
func distress(user string) (map[string]string, bool) {
	toks := tokensOf(user)
	userLang := guessLang(toks)
	kinds := map[string]string{}
	var death, kin string
	for _, h := range distressLex.find(toks, userLang) {
		s, e := h.span(toks)
		words := user[s:e]
		switch h.e.tag {
		case "death":
			death = words
		case "kin":
			kin = words
		default:
			if _, ok := kinds[h.e.tag]; !ok {
				kinds[h.e.tag] = words
			}
		}
	}
	if death != "" && kin != "" {
		if _, ok := kinds["bereavement"]; !ok {
			kinds["bereavement"] = kin + " … " + death
		}
	}
	if _, ok := kinds["anger"]; !ok {
		if hs := profanityLex.find(toks, userLang); len(hs) > 0 {
			s, e := hs[0].span(toks)
			kinds["anger"] = user[s:e]
		} else if strings.Contains(user, "!!") || strings.Contains(user, "?!") {
			kinds["anger"] = "!!"
		} else if caps := shouted(toks, user); caps != "" {
			kinds["anger"] = caps
		}
	}
	return kinds, len(kinds) > 0
}

// shouted returns the first of three or more words in capitals, if any.
func shouted(toks []token, text string) string {
	n, first := 0, ""
	for _, t := range toks {
		w := text[t.start:t.end]
		if len([]rune(w)) < 3 || strings.IndexFunc(w, unicode.IsLower) >= 0 || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			continue
		}
		if n == 0 {
			first = w
		}
		n++
	}
	if n >= 3 {
		return first
	}
	return ""
}

// greetings open a reply without solving anything.
var greetings = wordList(`hello hi hey dear good thanks thank bonjour bonsoir salut cher chère merci hallo guten liebe lieber
	danke hola buenos buenas estimado estimada gracias hej hejsan tack god`)

// sentenceIndex counts the sentence ends before pos.
func sentenceIndex(text string, pos int) int {
	n := 0
	for i := 0; i < pos && i < len(text); i++ {
		switch text[i] {
		case '.', '!', '?', '\n':
			if i+1 < len(text) && (text[i+1] == ' ' || text[i+1] == '\n') {
				n++
			}
		}
	}
	return n
}

// opening returns the index of the first sentence of reply that does more
// than greet or thank: an acknowledgement in it or before it comes before
// solving.
func opening(reply string) int {
	idx, start := 0, 0
	for i := 0; i <= len(reply); i++ {
		end := i == len(reply)
		if !end {
			c := reply[i]
			if !(c == '.' || c == '!' || c == '?' || c == '\n') || i+1 < len(reply) && reply[i+1] != ' ' && reply[i+1] != '\n' {
				continue
			}
		}
		toks := tokenize(reply[start:i])
		if len(toks) > 0 {
			if !greetings[toks[0].w] && len(toks) > 3 {
				return idx
			}
			idx++
		}
		start = i + 1
	}
	return idx
}

// Judge returns one verdict per reply that owed empathy or was cold.
func (EmpathyJudge) Judge(_ context.Context, _ *suite.Case, t *transcript.Transcript) []Verdict {
	var out []Verdict
	seen := map[string]bool{}
	for _, tu := range t.Turns {
		kinds, _ := distress(tu.User)
		owed := false
		var signals []string
		for _, k := range []string{"bereavement", "illness", "money", "anger", "repeated"} {
			if w, ok := kinds[k]; ok {
				if !seen[k] {
					owed = true
				}
				seen[k] = true
				signals = append(signals, fmt.Sprintf("%s (%q)", k, w))
			}
		}
		reply := tu.Reply
		toks := tokensOf(reply)
		var moved, quotes []string
		cold := 0
		for _, h := range coldLex.find(toks, -1) {
			s, e := h.span(toks)
			if negatedBefore(toks, h.from, sentenceStart(reply, s)) {
				continue
			}
			cold++
			moved = append(moved, fmt.Sprintf("−%q", reply[s:e]))
			quotes = append(quotes, sentenceOf(reply, s, e))
		}
		if !owed {
			if cold > 0 {
				out = append(out, Verdict{Dimension: Empathy, Status: Fail, Score: 0.3, Turn: tu.Index,
					Evidence:  join(quotes),
					Rationale: "heuristic: the reply blames or dismisses the customer: " + strings.Join(moved, ", ")})
			}
			continue
		}
		score := 0.2
		early, late, condolence := "", "", ""
		first := opening(reply)
		for _, h := range ackLex.find(toks, -1) {
			s, e := h.span(toks)
			if negatedBefore(toks, h.from, sentenceStart(reply, s)) && h.e.tag != "condolence" {
				continue
			}
			words := reply[s:e]
			if h.e.tag == "condolence" && condolence == "" {
				condolence = words
			}
			if sentenceIndex(reply, s) <= first {
				if early == "" {
					early = words
					quotes = append([]string{sentenceOf(reply, s, e)}, quotes...)
				}
			} else if late == "" {
				late = words
			}
		}
		switch {
		case early != "":
			score += 0.7
			moved = append([]string{fmt.Sprintf("+%q (acknowledged first)", early)}, moved...)
		case late != "":
			score += 0.25
			moved = append([]string{fmt.Sprintf("+%q (acknowledged only after solving)", late)}, moved...)
		}
		if _, ok := kinds["bereavement"]; ok && condolence != "" && early != "" {
			score += 0.1
			moved = append(moved, fmt.Sprintf("+%q (condolences)", condolence))
		}
		score -= 0.5 * float64(cold)
		score = clamp01(score)
		st := Pass
		if score < 0.5 {
			st = Fail
		}
		ev := join(quotes)
		if ev == "" {
			ev = clip(strings.TrimSpace(reply), 200)
		}
		why := "heuristic: the customer signals " + strings.Join(signals, ", ") + "; "
		switch {
		case len(moved) == 0:
			why += "the reply does not acknowledge it"
		case st == Pass:
			why += "the reply acknowledges it: " + strings.Join(moved, ", ")
		default:
			why += "the reply falls short: " + strings.Join(moved, ", ")
		}
		if early == "" && late == "" && len(moved) > 0 {
			why += ", and never acknowledges it"
		}
		out = append(out, Verdict{Dimension: Empathy, Status: st, Score: score, Turn: tu.Index, Evidence: ev, Rationale: why})
	}
	return out
}

func clamp01(x float64) float64 {
	switch {
	case x < 0:
		return 0
	case x > 1:
		return 1
	}
	return x
}
