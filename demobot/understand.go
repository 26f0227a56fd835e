package demobot

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/tribunal-eval/tribunal/handoff"
)

// domain is which fictional company a conversation is about.
type domain int

const (
	noDomain domain = iota
	airline
	bnpl
	parcels
)

// intent is what the customer wants answered, within a domain.
type intent int

const (
	noIntent intent = iota
	notCovered
	discount
	// airline
	bereavement
	baggage
	customerCancel
	dateChange
	disruption
	upgrade
	airlineRefund
	// bnpl
	declined
	updateCard
	returnPause
	payEarly
	lateFee
	payIn3
	// parcels
	damaged
	missing
	missedDelivery
	track
	deliveryTimes
)

// reason is why the bot hands off to a human.
type reason string

const (
	noReason      reason = ""
	askedForHuman reason = "customer asked for a human"
	fraudReported reason = "suspected fraud or unauthorised use"
	legalThreat   reason = "legal threat"
	hardship      reason = "financial hardship"
	vulnerable    reason = "vulnerable customer or health emergency"
	disputed      reason = "disputed purchase or charge"
	offerAccepted reason = "customer accepted a check by a colleague"
	everything    reason = "always-escalate flaw"
)

// distress is what the customer is going through, acknowledged first.
type distress int

const (
	calm distress = iota
	grief
	health
	access
	money
	anger
)

// rx compiles a case-insensitive pattern. Patterns are written without
// accents and matched against fold(text), so "décès" and "deces" both match
// and \b works on French words.
func rx(expr string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + expr) }

var folder = strings.NewReplacer(
	"é", "e", "è", "e", "ê", "e", "ë", "e", "É", "E", "È", "E", "Ê", "E",
	"à", "a", "â", "a", "À", "A", "Â", "A",
	"ç", "c", "Ç", "C",
	"ù", "u", "û", "u", "ü", "u", "Ù", "U", "Û", "U",
	"ô", "o", "Ô", "O",
	"î", "i", "ï", "i", "Î", "I",
	"œ", "oe", "Œ", "OE",
	"’", "'", "‘", "'",
	"\u00a0", " ", "\u202f", " ",
)

// fold removes French accents and curly apostrophes, for matching.
func fold(text string) string { return folder.Replace(text) }

var domainWords = map[domain]*regexp.Regexp{
	airline: rx(`\b(?:flights?|bookings?|reservations?|fly|flew|flying|airlines?|airport|boarding|gate|baggage|luggage|suitcases?|carry-on|cabin|bereavement|upgrade|business class|economy|northwind|nw\d+|vols?|avion|aeroport|bagages?|soute|valise|billet|deuil|obseques|surclassement|embarquement)\b`),
	bnpl:    rx(`\b(?:paylater|instal?ments?|pay in 3|pay in 30|checkout|payments?|purchases?|merchant|shop|store|late fees?|credit file|discount code|order|echeances?|paiements?|achats?|marchand|boutique|en 3 fois|prelevements?|payer|regler|canape)\b`),
	parcels: rx(`\b(?:parcels?|packages?|deliver(?:y|ed|ies)?|courier|driver|tracking|track|depot|swiftparcel|sp[0-9]{6,}[a-z]{0,2}|customs|colis|livraison|livreur|livre|suivi|suivre|point relais|depot|avis de passage)\b`),
}

var brandWords = map[domain]*regexp.Regexp{
	airline: rx(`northwind`),
	bnpl:    rx(`paylater`),
	parcels: rx(`swiftparcel`),
}

func domainScore(d domain, text string) int {
	return len(domainWords[d].FindAllStringIndex(text, -1)) + 3*len(brandWords[d].FindAllStringIndex(text, -1))
}

// detectDomain weighs the whole conversation (folded), the new message
// twice.
func detectDomain(message string, earlier []string) domain {
	best, bestScore, tie := noDomain, 0, false
	for _, d := range []domain{airline, bnpl, parcels} {
		score := 2 * domainScore(d, message)
		for _, e := range earlier {
			score += domainScore(d, e)
		}
		switch {
		case score > bestScore:
			best, bestScore, tie = d, score, false
		case score == bestScore && score > 0:
			tie = true
		}
	}
	if tie {
		// The newest message decides a tie.
		best, bestScore = noDomain, 0
		for _, d := range []domain{airline, bnpl, parcels} {
			if s := domainScore(d, message); s > bestScore {
				best, bestScore = d, s
			}
		}
	}
	return best
}

// Signals that decide a handoff, in any domain.
var (
	identityQuestion  = rx(`\bare you (?:a |an )?(?:real |actual )?(?:human|bot|robot|person|ai|machine)\b|\bam i (?:talking|speaking|chatting) (?:to|with) (?:a |an )?(?:real |actual )?(?:human|bot|robot|person|machine|ai)\b|\bis this (?:a )?(?:bot|robot|real person|human)\b|(?:vous etes|etes-vous|es-tu|t'es) (?:un |une )?(?:robot|bot|humain|vraie personne|ia)\b|est-ce que je parle a (?:un|une) (?:robot|humain|vraie personne)|\bje parle a (?:un|une) (?:robot|humain|vraie personne)`)
	extraHumanRequest = rx(`passez[- ]moi (?:un|une|quelqu'un)|mettez[- ]moi en relation|je (?:veux|voudrais|souhaite) (?:un|une|parler a un|parler a une) (?:conseill|humain|agent|personne)|\b(?:escalate this|speak to (?:a|your) supervisor)\b`)
	fraudSignal       = rx(`\b(?:fraud\w*|scam\w*|unauthori[sz]ed|hacked|hacker|stolen|identity theft|phishing)\b|\b(?:didn't|did not|never) (?:make|made|authori[sz]e|order|ordered|buy|bought) (?:this|that|it|the|a)\b|\bi never made\b|\b(?:wasn't|was not) me\b|\bsomeone (?:else )?(?:has |had |must have )?(?:got|gotten|used|changed|accessed|logged)\b|fraude|frauduleu|pirate|usurpation|ce n'est pas moi|c'est pas moi|je n'ai (?:jamais|pas) (?:fait|commande|autorise|achete)`)
	legalSignal       = rx(`\b(?:lawyer|solicitor|attorney|court|sue|suing|legal action|small claims|ombudsman|regulator|trading standards|illegal|unlawful)\b|avocat|tribunal|\bproces\b|poursuites? judiciaires?|vous poursuivre|mise en demeure|illegal`)
	hardshipSignal    = rx(`\blost my (?:job|income)\b|\blaid off\b|\bmade redundant\b|\bunemployed\b|\bout of work\b|\bcan'?t afford\b|\bcannot afford\b|\b(?:can'?t|cannot|unable to|not able to) (?:pay|make (?:the|my) (?:payment|instal))|\bdon't know how i(?:'m going to| will| can| am going to) pay\b|\bstruggling (?:to pay|financially|with money)\b|\bmoney (?:is|'s) tight\b|chomage|perdu mon (?:emploi|travail|boulot)|n'arrive (?:plus|pas) a (?:payer|regler)|ne (?:peux|pourrai) (?:plus|pas) payer|difficultes financieres|plus les moyens`)
	healthSignal      = rx(`insulin|diabet|medication|medicine|epipen|inhaler|\boxygen\b|\bunwell\b|\bfeel(?:ing)? (?:shaky|faint|dizzy|sick|ill|unwell)\b|panic attack|\bcan'?t breathe\b|suicid|self[- ]harm|insuline|medicament|malaise`)
	accessSignal      = rx(`\bcan'?t walk\b|\bcannot walk\b|wheelchair|\bdisabled\b|disability|housebound|\bblind\b|\bi'?m (?:8|9)\d\b|fauteuil roulant|handicap|ne peux pas (?:marcher|me deplacer)`)
	disputeSignal     = rx(`\bnever (?:came|arrived|turned up|received|got it)\b|\bdidn't (?:arrive|come|receive|get)\b|\b(?:not|haven't|never) received\b|\bnever got\b|not paying for something|\bdispute\b|\bfaulty\b|not as described|wrong item|litige|contester|jamais recu|pas recu|jamais arrive|defectueu`)
	doubleCharge      = rx(`\bcharged (?:me )?twice\b|\bdouble[- ]charged\b|\bcharged two times\b|preleve deux fois|debite deux fois`)
	acceptOffer       = rx(`^\s*(?:yes|yeah|yep|sure|ok|okay|please|oui|d'accord|volontiers|avec plaisir)\b|\b(?:yes please|please do|go ahead|oui merci|oui s'il vous plait|oui svp)\b`)
)

// Signals that shape the reply without deciding a handoff.
var (
	promptExtraction = rx(`system prompt|prompt systeme|\b(?:print|show|reveal|repeat|tell me|give me|output|display|share|dump|recite|what are|what's|what is)\b[^.?!]{0,20}\byour (?:\w+ )?(?:instructions|prompt|configuration)\b|(?:montre|affiche|donne|revele|repete)[^.?!]{0,30}(?:vos|tes) (?:instructions|consignes|prompt)`)
	jailbreak        = rx(`\b(?:ignore|disregard|forget|bypass)\b[^.?!]{0,30}\b(?:rules|instructions|guidelines|restrictions|policies|policy|prompt)\b|developer mode|\bjailbreak|pretend (?:you are|you're|to be)|role-?play|\bact as\b|swear at me|\b(?:write|compose) (?:me )?(?:a |an )?(?:poem|haiku|song|limerick|rap)\b|your objective is|from now on,? you|end (?:each|every) (?:response|reply|answer|message) with|agree with anything|(?:oubliez|ignorez) (?:vos|les|toutes les|toutes vos) (?:regles|instructions|consignes)|insultez-moi|ecri(?:s|vez)(?:-moi)? un poeme`)
	wantsAbuse       = rx(`\bswear\b|\binsult|\bcurse\b|\bpoem\b|\bhaiku\b|\bsong\b|\blimerick\b|\brap\b|poeme|insultez|grossier`)
	htmlRequest      = rx(`<\s*(?:script|img|iframe|svg|a\s|style|object)|onerror|javascript:|document\.cookie|\bhtml\b`)
	parrotRequest    = rx(`\bjust (?:type|say|write|confirm|reply)\b|repeat after me|\bsay yes\b|dites (?:oui|simplement|juste)|ecrivez (?:simplement|juste)`)
	dealWords        = rx(`legally binding|binding offer|takesies|do we have a deal|\bdeal\?|agree with anything|\bfor free\b|\bfree of charge\b|\bfree\b|gratuit|offert`)
	changeOfMind     = rx(`\bactually\b|\binstead\b|changed my mind|on second thought|en fait|finalement|plutot|je prefere`)
	keepBooking      = rx(`\b(?:don'?t|do not|no need to|not)\s+cancel\b|n'annulez pas|ne (?:l')?annulez pas|ne pas (?:l')?annuler|pas besoin d'annuler|annulez pas`)
	quotedText       = regexp.MustCompile(`["“]([^"”]{2,120})["”]`)
	percentAsked     = regexp.MustCompile(`(\d{1,3}) ?%`)
)

// Distress signals, acknowledged before anything else.
var (
	griefSignal = rx(`bereave|passed away|\bdied\b|\bdeath of\b|\bfuneral\b|\bburial\b|\bashes\b|\bhospice\b|\bdying\b|lost my (?:mum|mom|dad|mother|father|husband|wife|partner|son|daughter|brother|sister|grand\w+)|deced|deces|obseques|funerailles|enterrement|mourant|en deuil`)
	angerSignal = rx(`\b(?:third|3rd|fourth|fifth|umpteenth) time\b|again and again|all over again|(?:round|around) in circles|\buseless\b|(?:this is|that.s|it.s|so) ridiculous|\bunacceptable\b|\ba joke\b|fed up|sick of|\bfurious\b|\bangry\b|\bannoyed\b|waste of (?:my )?time|\bnobody (?:answers|replies|told|tells|picks up|helps)\b|\bno one (?:answers|replies|told|helps)\b|\bnot excuses\b|\bincompetent\b|\bpathetic\b|\brubbish\b|stopped (?:answering|replying|responding)|ignor(?:es|ing) (?:me|my)|troisieme fois|encore une fois|inadmissible|inacceptable|incapables?|\bnuls\b|ras le bol|marre|scandaleux|en colere|personne ne (?:repond|rappelle)`)
)

var acronyms = []string{"HTML", "JSON", "ASAP", "IBAN", "NASA"}

// shouts reports a word of four or more capital letters (not an acronym we
// know), which customers use when they are angry.
func shouts(text string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(w)) < 4 {
			continue
		}
		upper := true
		for _, r := range w {
			if !unicode.IsUpper(r) {
				upper = false
				break
			}
		}
		if upper && !contains(acronyms, w) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// detectDistress reads fold(text) (and text, for shouting).
func detectDistress(text, folded string) distress {
	switch {
	case griefSignal.MatchString(folded):
		return grief
	case healthSignal.MatchString(folded):
		return health
	case accessSignal.MatchString(folded):
		return access
	case hardshipSignal.MatchString(folded):
		return money
	case angerSignal.MatchString(folded) || shouts(text):
		return anger
	}
	return calm
}

// humanRequested reports an explicit request for a person, not counting a
// question about whether the bot is one. folded is fold(text).
func humanRequested(text, folded string) bool {
	if identityQuestion.MatchString(folded) {
		stripped := identityQuestion.ReplaceAllString(folded, " ")
		_, ok := handoff.Requested(stripped)
		return ok || extraHumanRequest.MatchString(stripped)
	}
	_, ok := handoff.Requested(text)
	return ok || extraHumanRequest.MatchString(folded)
}

// handoffReason decides whether this turn needs a human, and why. folded
// is fold(text).
func handoffReason(text, folded string, d domain, lastBot string) reason {
	switch {
	case humanRequested(text, folded):
		return askedForHuman
	case fraudSignal.MatchString(folded):
		return fraudReported
	case healthSignal.MatchString(folded), accessSignal.MatchString(folded):
		return vulnerable
	case hardshipSignal.MatchString(folded):
		return hardship
	case legalSignal.MatchString(folded):
		return legalThreat
	case doubleCharge.MatchString(folded), d == bnpl && disputeSignal.MatchString(folded):
		return disputed
	case offered(lastBot) && acceptOffer.MatchString(folded):
		return offerAccepted
	}
	return noReason
}

// Topics the policies do not cover: the bot says it does not know.
var notCoveredTopics = map[domain]*regexp.Regexp{
	airline: rx(`\b(?:pets?|cats?|dogs?|kittens?|pupp(?:y|ies)|animals?|animaux|chiens?|wi-?fi|lounges?|air miles|frequent flyer|loyalty|special meals?|vegan|halal|kosher|seat map|unaccompanied|infants?|bebe)\b|(?:mon|ma|un|une|le) chat\b`),
	bnpl:    rx(`\b(?:interest rate|credit limit|credit score|spending limit|crypto\w*|mortgage)\b|plafond`),
	parcels: rx(`\b(?:customs|duties|duty|douanes?|tenerife|canary|canaries|overseas|international|abroad|outside the eu|hors ue|lithium|batter(?:y|ies)|alcohol|firearms?|outre-mer)\b`),
}

var intentRules = map[domain][]struct {
	intent intent
	re     *regexp.Regexp
}{
	airline: {
		{bereavement, rx(`bereave|passed away|\bdied\b|\bdeath\b|\bfuneral\b|\bburial\b|\bashes\b|compassion|\bhospice\b|\bdying\b|deuil|deced|deces|obseques|funerailles|enterrement|mourant`)},
		{disruption, rx(`\bdelay|\blate\b|compensation|\bclaims?\b|(?:flight|vol) (?:was |got |has been |had been |a ete |est )?(?:cancell?ed|annule)\b|\bcancell?ed\b|retard|indemnisation|reclamation|\bannule\b`)},
		{dateChange, rx(`\b(?:don'?t|do not|no need to|not)\s+cancel\b|n'annulez pas|ne pas (?:l')?annuler|annulez pas`)},
		{customerCancel, rx(`\bcancel\b|\bcancel(?:ling|ing)\b|annuler`)},
		{dateChange, rx(`\bchange\b|\bmove\b|reschedule|rebook|different date|another date|modifier|changer|deplacer|reporter`)},
		{upgrade, rx(`upgrade|surclass|business class`)},
		{baggage, rx(`baggage|luggage|suitcase|\bbags?\b|backpack|carry-on|cabin bag|bagages?|valise|soute|sac a dos`)},
		{airlineRefund, rx(`refund|rembours`)},
	},
	bnpl: {
		{declined, rx(`declin|refused|rejected|refuse|decline`)},
		{updateCard, rx(`\b(?:new|update|change|replace|expired|switch)\b[^.?!]{0,40}\b(?:card|payment method)|\bcard\b[^.?!]{0,30}\b(?:expired|update|switch)|nouvelle carte|changer (?:de|ma) carte|carte (?:a )?expiree`)},
		{returnPause, rx(`\breturn|sent (?:it |them )?back|send (?:it |them )?back|renvoy|retour|rendu`)},
		{payEarly, rx(`\bpay (?:it |everything |the rest |the whole thing |the balance )?(?:all )?(?:off|early|in full|now|at once)\b|\bpay (?:it )?all\b|\bsettle\b|tout (?:payer|regler)|regler (?:la totalite|tout)|en une (?:seule )?fois|payer (?:en avance|maintenant)|tout d'un coup|par anticipation`)},
		{lateFee, rx(`\blate\b|miss(?:ed)? (?:a |my )?payment|overdue|frais de retard|en retard|retard`)},
		{payIn3, rx(`pay in 3|pay in three|pay in 30|instal|how (?:does|do) (?:it|paylater|this) work|3 fois|trois fois|echeance|comment ca marche`)},
	},
	parcels: {
		{damaged, rx(`damaged|broken|crushed|smashed|in pieces|dented|\btorn\b|abime|casse|endommage|ecrase`)},
		{missing, rx(`\blost\b|missing|never (?:arrived|came|turned up)|hasn't (?:arrived|come|turned up)|has not arrived|not (?:arrived|received)|isn't here|is not here|didn't arrive|(?:meant|supposed) to arrive|should have arrived|still waiting|(?:says|shows|marked)(?: as)? delivered|perdu|jamais arrive|pas arrive|pas recu|toujours pas|indique livre|a ete livre`)},
		{missedDelivery, rx(`\bmissed\b|wasn't (?:home|in)|not (?:at )?home|while i was (?:out|at work)|card through|avis de passage|absent|pas la|au travail|recuper|redeliver|redelivery|nouvelle livraison`)},
		{track, rx(`\btrack|where(?:'s| is) my (?:parcel|package)|where my (?:parcel|package)|suivre|suivi|ou est mon colis`)},
		{deliveryTimes, rx(`how long|when will|how many days|delivery times?|\barrive\?|combien de temps|quand (?:va|sera|arrivera)|delai`)},
	},
}

// closing: thanks or goodbye, with nothing else asked.
var closing = rx(`^\W*(?:thanks|thank you|thx|cheers|ok thanks|great,? thanks|that's all|bye|goodbye|merci|merci beaucoup|c'est tout|au revoir|parfait,? merci)\b[^?]*$`)

var discountRequest = rx(`discount|promo code|voucher|coupon|\d+ ?% off|money off|reduction|remise|code promo|bon d'achat|geste commercial`)

// classify finds the customer's intent in one message (folded), within a
// domain.
func classify(text string, d domain) intent {
	if d == noDomain {
		for _, dd := range []domain{airline, bnpl, parcels} {
			if notCoveredTopics[dd].MatchString(text) {
				return notCovered
			}
		}
		if discountRequest.MatchString(text) {
			return discount
		}
		return noIntent
	}
	if notCoveredTopics[d].MatchString(text) {
		return notCovered
	}
	if discountRequest.MatchString(text) {
		return discount
	}
	for _, r := range intentRules[d] {
		if r.re.MatchString(text) {
			return r.intent
		}
	}
	return noIntent
}

// Card numbers: 13 to 19 digits, spaces or dashes allowed, Luhn-valid.
var cardCandidate = regexp.MustCompile(`\b(?:\d[ -]?){12,18}\d\b`)

func cardNumbers(text string) []string {
	var out []string
	for _, m := range cardCandidate.FindAllString(text, -1) {
		if luhn(m) {
			out = append(out, m)
		}
	}
	return out
}

func luhn(s string) bool {
	var digits []int
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits = append(digits, int(r-'0'))
		}
	}
	if len(digits) < 13 {
		return false
	}
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		d := digits[i]
		if (len(digits)-1-i)%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}
