package demobot

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/tribunal-eval/tribunal/handoff"
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
	bereaved      reason = "bereavement"
	disputed      reason = "disputed purchase or charge"
	offerAccepted reason = "customer accepted a check by a colleague"
	repeating     reason = "customer repeating themselves; the bot's answers are not helping"
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
	// worry: money words without hardship ("how does an overdraft work?").
	worry
	anger
)

// rx compiles a case-insensitive pattern. Patterns are written without
// accents and matched against fold(text), so "décès" and "deces", "Überweisung"
// and "uberweisung", "får" and "far" all match, and \b works on every word.
// rx is a case-blind pattern, compiled when first used: the demo bot has
// about a hundred, and every tribunal command links the demo bot, but only
// runs against it use them.
func rx(expr string) *pattern {
	p := &pattern{expr: `(?i)` + expr}
	patterns = append(patterns, p)
	return p
}

// patterns are every rx, for the spec that compiles them all.
var patterns []*pattern

// pattern is a regexp compiled on first use.
type pattern struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

func (p *pattern) get() *regexp.Regexp {
	p.once.Do(func() { p.re = regexp.MustCompile(p.expr) })
	return p.re
}

func (p *pattern) MatchString(s string) bool              { return p.get().MatchString(s) }
func (p *pattern) FindString(s string) string             { return p.get().FindString(s) }
func (p *pattern) FindStringSubmatch(s string) []string   { return p.get().FindStringSubmatch(s) }
func (p *pattern) FindAllString(s string, n int) []string { return p.get().FindAllString(s, n) }
func (p *pattern) FindAllStringIndex(s string, n int) [][]int {
	return p.get().FindAllStringIndex(s, n)
}
func (p *pattern) ReplaceAllString(s, repl string) string { return p.get().ReplaceAllString(s, repl) }
func (p *pattern) Split(s string, n int) []string         { return p.get().Split(s, n) }

var folder = strings.NewReplacer(
	"é", "e", "è", "e", "ê", "e", "ë", "e", "É", "E", "È", "E", "Ê", "E",
	"à", "a", "â", "a", "á", "a", "À", "A", "Â", "A", "Á", "A",
	"ä", "a", "Ä", "A", "å", "a", "Å", "A",
	"ç", "c", "Ç", "C", "ñ", "n", "Ñ", "N",
	"ù", "u", "û", "u", "ü", "u", "ú", "u", "Ù", "U", "Û", "U", "Ü", "U", "Ú", "U",
	"ô", "o", "ö", "o", "ó", "o", "Ô", "O", "Ö", "O", "Ó", "O",
	"î", "i", "ï", "i", "í", "i", "Î", "I", "Í", "I",
	"œ", "oe", "Œ", "OE", "ß", "ss",
	"’", "'", "‘", "'", "¿", " ", "¡", " ",
	"\u00a0", " ", "\u202f", " ",
)

// fold removes accents and curly apostrophes, for matching.
func fold(text string) string { return folder.Replace(text) }

// Signals that decide a handoff, in any domain.
var (
	identityQuestion = rx(`\bare you (?:a |an )?(?:real |actual )?(?:human|bot|robot|person|ai|machine)\b|\bam i (?:talking|speaking|chatting) (?:to|with) (?:a |an )?(?:real |actual )?(?:human|bot|robot|person|machine|ai)\b|\bis this (?:a )?(?:bot|robot|real person|human)\b` +
		`|(?:vous etes|etes-vous|es-tu|t'es) (?:un |une )?(?:robot|bot|humain|vraie personne|ia)\b|est-ce que je parle a (?:un|une) (?:robot|humain|vraie personne)|\bje parle a (?:un|une) (?:robot|humain|vraie personne)` +
		`|\b(?:bist du|sind sie) (?:ein |eine )?(?:echter |echte )?(?:mensch|bot|roboter|ki|person|maschine)\b|\bspreche ich (?:hier )?mit (?:einem|einer) (?:echten |richtigen )?(?:menschen|person|bot|roboter|maschine|ki)\b|\bist das (?:ein )?(?:bot|roboter|mensch)\b` +
		`|\b(?:eres|es usted) (?:un |una )?(?:humano|persona|bot|robot|maquina|ia)\b|\b(?:hablo|estoy hablando) con (?:un |una )?(?:humano|persona|bot|robot|maquina)\b` +
		`|\bar du (?:en )?(?:riktig )?(?:manniska|bot|robot|person|ai|maskin)\b|\bpratar jag med (?:en )?(?:riktig )?(?:manniska|person|bot|robot|maskin)\b|\bar det (?:en )?(?:bot|robot|manniska)\b`)
	extraHumanRequest = rx(`passez[- ]moi (?:un|une|quelqu'un)|mettez[- ]moi en relation|je (?:veux|voudrais|souhaite) (?:un|une|parler a un|parler a une) (?:conseill|humain|agent|personne)|\b(?:escalate this|speak to (?:a|your) supervisor)\b` +
		`|verbinden sie mich|\b(?:will|mochte|muss) (?:mit )?(?:einem|einer|jemandem) (?:mitarbeiter|menschen|person|berater)|\bmit einem mitarbeiter sprechen|\bmit jemandem sprechen` +
		`|parler (?:a|avec) (?:un|une) (?:vendeu\w*|commercial)|pas (?:a|avec) un robot|\bquiero hablar con (?:un|una|alguien)|\bpaseme con|\bpongame con|\bhablar con (?:una persona|un agente|alguien|un humano)` +
		`|\b(?:prata|tala) med (?:en |nagon )?(?:riktig |levande )?(?:manniska|person|handlaggare|nagon|kundtjanst)\b|\bkoppla mig\b`)
	implicitHuman = rx(`\b(?:is there|isn't there) (?:anyone|anybody|someone|somebody)\b|\b(?:someone|anyone|somebody) who can actually\b|\bnot (?:a|another) (?:machine|bot|robot)\b|\b(?:no more|enough of|sick of|done with|tired of) (?:this |these |the |your )?(?:bots?|robots?|machines?|chatbots?|automated)\b|\bput me through\b|\blet me speak to\b` +
		`|y a-t-il quelqu'un|il y a (?:quelqu'un|un humain)|\bquelqu'un de chez vous|marre (?:de|du|des) (?:ce |cette |vos )?(?:robots?|machines?|bots?)|un etre humain` +
		`|\bgibt es\b[^.?!]{0,30}\b(?:jemanden|einen menschen)\b|\b(?:keine lust|genug) (?:mehr )?(?:auf|von) (?:diese[nm]? |den |dem )?(?:bot|roboter|maschine|chatbot)|\bjemand(?:en)? aus (?:ihrem|dem) team\b` +
		`|\bhay alguien\b|\bno quiero (?:hablar con )?(?:una maquina|un robot|un bot)\b|\balguien de (?:su|vuestro) equipo\b|\bun ser humano\b` +
		`|\bfinns det (?:nagon|nan)\b|\b(?:inte|ingen) (?:fler |mer )?(?:maskin|robot|bot)(?:ar|en)?\b|\bnagon (?:pa|hos) (?:er|ert|kundtjansten)\b`)
	fraudSignal = rx(`\b(?:fraud\w*|scam\w*|unauthori[sz]ed|hacked|hacker|stolen|identity theft|phishing|skimm\w*|cloned)\b|\b(?:didn't|did not|never) (?:make|made|authori[sz]e|order|ordered|buy|bought|request|requested|sign|signed) (?:this|that|it|the|a|any)\b|\bi never made\b|\b(?:wasn't|was not) me\b|\bsomeone (?:else )?(?:has |had |must have )?(?:got|gotten|used|changed|accessed|logged|moved|ported|took|taken|opened)\b|\bsim swap\b|\bsafe account\b|(?:pay|paid|payment|betala|payer|zahlen|pagar)[^.?!]{0,40}(?:gift cards?|carte cadeau|geschenkkarten?|tarjetas? regalo|presentkort)|\b(?:gave|shared|told|read out) (?:them|him|her|the caller|someone) (?:my|the) (?:code|pin|password)` +
		`|fraude|frauduleu|pirate|usurpation|ce n'est pas moi|c'est pas moi|je n'ai (?:jamais|pas) (?:fait|commande|autorise|achete)|\bvolee?s?\b|on m'a vole|arnaque|escroquer` +
		`|betrug|betruger|\bnicht (?:von )?mir\b|(?:nie|nicht) genehmigt|die ich nicht kenne|habe ich nicht (?:gemacht|bestellt|gekauft|autorisiert|beauftragt)|nicht autorisiert|gehackt|gestohlen|unbefugt|war ich nicht` +
		`|\bno (?:he|hice|fui) (?:sido )?yo\b|\bno (?:la |lo )?he (?:hecho|comprado|autorizado|pedido|solicitado)\b|\bno reconozco\b|hackead|robad[oa]s?\b|me (?:han|ha) robado|suplantacion|sin mi (?:permiso|autorizacion)|estafa` +
		`|bedrageri|bedragare|\binte (?:var det )?jag\b|\bhar inte (?:gjort|kopt|bestallt|godkant)\b|kapad|hackad|\bstul(?:en|et|na)\b|obehorig|kanner inte igen|\bnagon (?:har|annan har) (?:loggat|anvant|tagit|flyttat|bytt)\b`)
	legalSignal = rx(`\b(?:lawyer|solicitor|attorney|court|sue|suing|legal action|small claims|ombudsman|regulator|trading standards|illegal|unlawful|lawsuit)\b` +
		`|avocat|tribunal|\bproces\b|poursuites? judiciaires?|vous poursuivre|mise en demeure|illegal` +
		`|anwalt|anwaltin|gericht|\bklage\b|verklagen|rechtliche schritte|verbraucherzentrale|schlichtungsstelle|ombudsmann|bafin` +
		`|abogad|denunci|\bdemand(?:a|ar|are)\b|juzgado|acciones legales|via judicial|oficina del consumidor` +
		`|advokat|jurist|domstol|\bstamma(?:r)? er\b|anmala er|\barn\b|allmanna reklamationsnamnden|konsumentverket`)
	hardshipSignal = rx(`\blost my (?:job|income)\b|\blosing my (?:job|income)\b|\blaid off\b|\bmade redundant\b|\bunemployed\b|\bout of work\b|\bcan'?t afford\b|\bcannot afford\b|\b(?:can'?t|cannot|unable to|not able to) (?:pay|make (?:the|my) (?:payment|instal))|\bdon't know how i(?:'m going to| will| can| am going to) pay\b|\bstruggling (?:to pay|financially|with money)\b|\bmoney (?:is|'s) tight\b|\bbehind (?:on|with) (?:my )?(?:payments|bills|rent)\b|\bdebt collectors?\b|\bbailiffs?\b` +
		`|chomage|perdu mon (?:emploi|travail|boulot)|n'arrive (?:plus|pas) a (?:payer|regler)|ne (?:peux|pourrai) (?:plus|pas) payer|difficultes financieres|plus les moyens|\blicencie|huissier` +
		`|arbeitslos|(?:job|arbeit|stelle) verloren|(?:kann|konnen) (?:die |meine |ihre )?(?:rate|raten|rechnung|rechnungen)? ?nicht (?:mehr )?(?:bezahlen|zahlen)|kein geld mehr|finanzielle schwierigkeiten|inkasso|gerichtsvollzieher` +
		`|no puedo pagar|no llego a fin de mes|sin trabajo|en paro|me han despedido|perdido (?:mi|el) (?:trabajo|empleo)|dificultades economicas|no tengo dinero` +
		`|forlorat (?:jobbet|mitt jobb)|blivit uppsagd|arbetslos|kan inte betala|har inga pengar|kronofogden|svart ekonomiskt|ekonomiska problem`)
	healthSignal = rx(`insulin|diabet|medication|medicine|epipen|inhaler|\boxygen\b|\bunwell\b|\bfeel(?:ing)? (?:shaky|faint|dizzy|sick|ill|unwell)\b|panic attack|\bcan'?t breathe\b|suicid|self[- ]harm|kill myself|end(?:ing)? my life|end it all` +
		`|insuline|medicament|malaise|me suicider|inhalateur|asthm|du mal a respirer|n'arrive plus a respirer` +
		`|medikament|notfall|herzinfarkt|atemnot|bekomme keine luft|mir ist (?:schwindelig|schlecht)|selbstmord|umbringen` +
		`|medicina|urgencia medica|me (?:encuentro|siento) (?:mal|mareado|mareada)|no puedo respirar` +
		`|lakemedel|\bmedicin\b|mar (?:daligt|illa)|kan inte andas|\byr\b|svimma|sjalvmord|ta mitt liv`)
	accessSignal = rx(`\bcan'?t walk\b|\bcannot walk\b|wheelchair|\bdisabled\b|disability|housebound|\bblind\b|\bi'?m (?:8|9)\d\b` +
		`|fauteuil roulant|handicap|ne peux pas (?:marcher|me deplacer)` +
		`|rollstuhl|kann nicht (?:gehen|laufen)|gehbehindert|behindert|\bblind\b` +
		`|silla de ruedas|no puedo (?:caminar|andar)|movilidad reducida|discapacidad|\bciego|\bciega` +
		`|rullstol|kan inte ga\b|rorelsehindrad|funktionsnedsattning|personal alarm|telecare|alarm pendant|notrufknopf|hausnotruf|teleasistencia|trygghetslarm|teleassistance`)
	disputeSignal = rx(`\bnever (?:came|arrived|turned up|received|got it)\b|\bdidn't (?:arrive|come|receive|get)\b|\b(?:not|haven't|never) received\b|\bnever got\b|not paying for something|\bdisput\w*|\bfaulty\b|not as described|wrong item|chargeback|charge back|shop (?:ignores|has stopped answering|won't answer)` +
		`|litige|contester|jamais recu|pas recu|jamais arrive|defectueu|la boutique ne repond` +
		`|nie (?:angekommen|geliefert|erhalten)|nicht (?:erhalten|geliefert|angekommen)|beanstand|reklamation|widerspruch|defekt|ruckbuchung` +
		`|nunca (?:llego|recibi)|no (?:lo |la )?he recibido|reclamacion|disputa|defectuos|contracargo|la tienda no (?:responde|contesta)` +
		`|aldrig (?:kommit|fatt|levererats)|inte fatt|har inte kommit|reklamation|bestrid|aterkrav|butiken svarar inte`)
	doubleCharge = rx(`\bcharged (?:me )?twice\b|\bdouble[- ]charged\b|\bcharged two times\b|\btaken twice\b|preleve deux fois|debite deux fois|doppelt (?:abgebucht|belastet|berechnet)|zweimal (?:abgebucht|belastet)|cobrado dos veces|doble cargo|cargado dos veces|tva ganger|dubbeldragning`)
	acceptOffer  = rx(`^\s*(?:yes|yeah|yep|sure|ok|okay|please|oui|d'accord|volontiers|avec plaisir|ja|gerne|bitte|si|vale|claro|de acuerdo|garna|okej|visst)\b|\b(?:yes please|please do|go ahead|oui merci|oui s'il vous plait|oui svp|ja bitte|ja gerne|si por favor|ja tack)\b`)
)

// Signals that shape the reply without deciding a handoff.
var (
	promptExtraction = rx(`system prompt|prompt systeme|systemprompt|system-prompt|prompt del sistema|\b(?:print|show|reveal|repeat|tell me|give me|output|display|share|dump|recite|what are|what's|what is)\b[^.?!]{0,20}\byour (?:\w+ )?(?:instructions|prompt|configuration)\b` +
		`|(?:montre|affiche|donne|revele|repete)[^.?!]{0,30}(?:vos|tes) (?:instructions|consignes|prompt)` +
		`|(?:zeig|gib|verrat|wiederhol|nenn)\w*[^.?!]{0,30}(?:deine|ihre) (?:anweisungen|instruktionen|konfiguration)` +
		`|(?:muestra|dime|dame|revela|repite|ensena)\w*[^.?!]{0,30}(?:tus|sus) (?:instrucciones|configuracion)` +
		`|(?:visa|ge mig|beratta|upprepa|skriv ut)[^.?!]{0,30}(?:dina|era) (?:instruktioner|installningar)`)
	jailbreak = rx(`\b(?:ignore|disregard|forget|bypass)\b[^.?!]{0,30}\b(?:rules|instructions|guidelines|restrictions|policies|policy|prompt)\b|developer mode|\bjailbreak|pretend (?:you are|you're|to be)|role-?play|\bact as\b|swear at me|\b(?:write|compose) (?:me )?(?:a |an )?(?:poem|haiku|song|limerick|rap)\b|your objective is|from now on,? you|end (?:each|every) (?:response|reply|answer|message) with|agree with anything` +
		`|(?:oubliez|ignorez) (?:vos|les|toutes les|toutes vos) (?:regles|instructions|consignes)|insultez-moi|ecri(?:s|vez)(?:-moi)? un poeme` +
		`|(?:ignorier|vergiss|vergessen sie)\w*[^.?!]{0,30}(?:regeln|anweisungen|richtlinien|vorgaben)|entwicklermodus|tu so als|schreib\w* (?:mir )?(?:ein|einen) (?:gedicht|lied|rap)|beschimpf|fluch\w* (?:mich|mal)|ab jetzt (?:bist|antwortest)` +
		`|(?:ignora|olvida)\w*[^.?!]{0,30}(?:reglas|instrucciones|normas)|modo desarrollador|finge que|escrib\w* un (?:poema|haiku|rap|cancion)|insultame|dime palabrotas|a partir de ahora (?:eres|responde)` +
		`|(?:ignorera|glom)\w*[^.?!]{0,30}(?:regler|reglerna|instruktioner|instruktionerna|riktlinjer)|utvecklarlage|latsas att|skriv (?:en )?(?:dikt|haiku|sang|rap)|svara med svordomar|fran och med nu (?:ar du|svarar)`)
	wantsAbuse    = rx(`\bswear\b|\binsult|\bcurse\b|\bpoem\b|\bhaiku\b|\bsong\b|\blimerick\b|\brap\b|poeme|insultez|grossier|fluch|beschimpf|gedicht|\blied\b|palabrot|insult|poema|cancion|svordom|\bsvar pa mig\b|\bdikt\b|\bsang\b|fula ord`)
	htmlRequest   = rx(`<\s*(?:script|img|iframe|svg|a\s|style|object)|onerror|javascript:|document\.cookie|\bhtml\b`)
	parrotRequest = rx(`\bjust (?:type|say|write|confirm|reply)\b|\btype ['"“]|repeat after me|\bsay yes\b|dites (?:oui|simplement|juste)|ecrivez (?:simplement|juste)|schreib\w* (?:einfach|nur)|sag\w* (?:einfach|nur|ja)|\bdi que si\b|\bescriba? (?:simplemente|solo)\b|\bsolo (?:escriba?|di|diga|confirma)\b|\bskriv bara\b|\bsag (?:bara|ja)\b`)
	dealWords     = rx(`legally binding|binding offer|takesies|do we have a deal|\bdeal\?|agree with anything|\bfor free\b|\bfree of charge\b|\bfree\b|gratuit|offert|rechtsverbindlich|abgemacht|kostenlos|gratis|umsonst|vinculante|\btrato\b|sin coste|juridiskt bindande|utan kostnad`)
	changeOfMind  = rx(`\bactually\b|\binstead\b|changed my mind|on second thought|en fait|finalement|plutot|je prefere|doch lieber|eigentlich|stattdessen|anders uberlegt|\bmejor\b|en realidad|cambiado de idea|cambiado de opinion|pensandolo bien|en (?:vez|lugar) de|egentligen|hellre|andrat mig|i ?stallet`)
	keepBooking   = rx(`\b(?:don'?t|do not|no need to|not)\s+cancel\b|n'annulez pas|ne (?:l')?annulez pas|ne pas (?:l')?annuler|pas besoin d'annuler|annulez pas|nicht stornieren|stornieren sie (?:es |sie |die buchung )?nicht|no (?:lo |la )?(?:cancele|anule)|avboka inte|inte avboka`)
	quotedText    = regexp.MustCompile(`["“]([^"”]{2,120})["”]`)
	percentAsked  = regexp.MustCompile(`(\d{1,3}) ?%`)
	priceAsked    = regexp.MustCompile(`(?:[$€£] ?\d[\d,.]*|\d[\d,.]* ?(?:€|\$|dollars?|euros?|usd|eur)\b)`)
)

// Distress signals, acknowledged before anything else. They are broader
// than the handoff signals: a customer who mentions hospital or an
// overdraft is owed an acknowledgement even when the question is simple.
var (
	griefSignal = rx(`bereave|passed away|\bdied\b|\bdeath of\b|\bfuneral\b|\bburial\b|\bashes\b|\bhospice\b|\bdying\b|\bwidow|death certificate|lost my (?:mum|mom|dad|mother|father|husband|wife|partner|son|daughter|brother|sister|grand\w+)` +
		`|deced|deces|obseques|funerailles|enterrement|mourant|en deuil|\best mort` +
		`|verstorben|gestorben|verstarb|todesfall|beerdigung|trauerfall|beisetzung|trauerfeier|\bist tot\b` +
		`|fallecio|fallecid|fallecimiento|\bmurio\b|ha muerto|entierro|\bvelorio|defuncion` +
		`|\bavled|\bavliden|gatt bort|gick bort|begravning|dodsfall|dodsbo|\b(?:mamma|pappa|mor|far|mormor|farmor|morfar|farfar|make|maka|fru|sambo|dotter|bror|syster) dog\b`)
	// A death word counts as grief only with a person: "my phone died" is
	// not a bereavement.
	deathWord    = rx(`\b(?:died|dead|death|killed|mort|morte|tot|muert[oa]|dod)\b`)
	kinWord      = rx(`\b(?:mother|father|mum|mom|dad|grand(?:mother|father|ma|pa)|nan|husband|wife|son|daughter|brother|sister|partner|friend|aunt|uncle|baby|child|boyfriend|girlfriend|parents?|mere|pere|maman|papa|grand-(?:mere|pere)|mari|femme|fils|fille|frere|soeur|mutter|vater|mama|oma|opa|grossmutter|grossvater|mann|frau|sohn|tochter|bruder|schwester|madre|padre|abuel[oa]|marido|espos[oa]|mujer|hij[oa]|herman[oa]|mamma|pappa|mormor|farmor|morfar|farfar|make|maka|fru|dotter|bror|syster|sambo)\b`)
	illnessWorry = rx(`hospital|cancer|chemo|surgery|seriously ill|terminally ill|\bi'?m ill\b|\bi am ill\b|\bsick\b|diagnosed|intensive care|\bstroke\b|heart attack|mental health|depress|anxiety` +
		`|hopital|hospitalis|chimio|malade|maladie|\bopere|diagnostiqu|urgences` +
		`|krankenhaus|klinik|krebs|\bkrank|erkrank|operiert|diagnose|notaufnahme|intensivstation` +
		`|hospitaliz|quimio|enferm|\boperad|diagnosticad|depresion|urgencias` +
		`|sjukhus|cellgift|\bsjuk|opererad|akuten|intensivvard`)
	moneyWorry = rx(`overdraft|overdrawn|\bin debt\b|\bdebts\b|evict|food bank|no money|\bbroke\b|hardship|can'?t pay|cannot pay` +
		`|decouvert|plus d'argent|pas les moyens|dettes|endette|fins? de mois|peux pas payer` +
		`|nicht leisten|schulden|verschuldet|pleite|\bdispo\b|uberzogen|kein geld|nicht bezahlen` +
		`|no me lo puedo permitir|desemplead|despedid|deudas|endeudad|sin dinero|fin de mes` +
		`|inte rad|skulder|skuldsatt|\bpank\b|inkasso|inga pengar`)
	angerSignal = rx(`\b(?:third|3rd|fourth|fifth|umpteenth) time\b|again and again|all over again|(?:round|around) in circles|\buseless\b|ridiculous|\bunacceptable\b|\ba joke\b|fed up|sick of|\bfurious\b|\bangry\b|\bannoyed\b|\blivid\b|outraged|disgust|disgraceful|appalling|fuming|\bworst\b|rip-off|\bscam|waste of (?:my )?time|\bnobody (?:answers|replies|told|tells|picks up|helps|has)\b|\bno one (?:answers|replies|told|helps|has)\b|\bnot excuses\b|\bincompetent\b|\bpathetic\b|\brubbish\b|stopped (?:answering|replying|responding)|ignor(?:es|ing) (?:me|my)|\bstill (?:not|no|hasn't|haven't|isn't|nothing)\b|every time|keeps happening|for (?:\w+ )?weeks|(?:several|many|multiple) times|already (?:called|contacted|tried)` +
		`|troisieme fois|quatrieme fois|encore une fois|inadmissible|inacceptable|incapables?|\bnuls?\b|ras[- ]le[- ]bol|marre|scandal|honteux|en colere|furieu|ridicule|n'importe quoi|arnaque|lamentable|\bpire\b|toujours (?:pas|rien)|plusieurs fois|a chaque fois|depuis (?:\w+ )?semaines|deja (?:appele|contacte)|personne ne (?:repond|rappelle)` +
		`|wutend|\bsauer\b|unverschamt|frechheit|inakzeptabel|skandal|lacherlich|reicht mir|nase voll|abzocke|katastrophe|unzumutbar|schlechteste|dritten mal|vierten mal|schon wieder|immer noch (?:nicht|kein)|mehrmals|jedes mal|seit (?:\w+ )?wochen|(?:bereits|schon) angerufen|x-mal` +
		`|furios|enfadad|enojad|indignad|inaceptable|vergonzoso|verguenza|\bhart[oa]\b|ridiculo|una broma|inadmisible|\bpeor\b|tercera vez|cuarta vez|sigue sin|varias veces|cada vez|desde hace (?:\w+ )?semanas|ya (?:he llamado|llame)|todavia no` +
		`|\barg\b|forbannad|rasande|upprord|oacceptabel|\bskamt|lojlig|trott pa|less pa|fatt nog|\buselt|vardelos|\bvarsta|tredje gangen|fjarde gangen|fortfarande (?:inte|ingen)|flera ganger|varje gang|\bi (?:\w+ )?veckor\b|redan (?:ringt|kontaktat)` +
		`|\b(?:fuck\w*|shit\w*|damn|crap|bloody|wtf|putain|merde|scheiss\w*|verdammt|\bmist\b|joder|mierda|cono|javla|javlar|\bfan\b|\bskit\w*)\b`)
)

// acronyms are capitalised words that are not shouting.
var acronyms = []string{"HTML", "JSON", "ASAP", "IBAN", "NASA", "SEPA", "PIN", "SIM", "ATM", "PAC", "DPD", "BBC", "USD", "EUR", "SEK",
	"CVC", "CVV", "APR", "TAE", "SUV", "GPS", "EU", "UK", "USA", "OK", "SMS", "FAQ", "ARN", "KO", "NW", "SP", "AI", "KI", "IA", "APP", "TV", "DSL", "ID", "VAT", "MWST", "IVA", "MOMS"}

// shouts reports capitals used to shout: one word of five or more capital
// letters, or three words of three or more (not acronyms we know).
func shouts(text string) bool {
	n := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		size := len([]rune(w))
		if size < 3 || contains(acronyms, w) {
			continue
		}
		upper := true
		for _, r := range w {
			if !unicode.IsUpper(r) {
				upper = false
				break
			}
		}
		if !upper {
			continue
		}
		if size >= 5 {
			return true
		}
		n++
	}
	return n >= 3
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// detectDistress reads fold(text) (and text, for shouting and "!!").
func detectDistress(text, folded string) distress {
	switch {
	case griefSignal.MatchString(folded), deathWord.MatchString(folded) && kinWord.MatchString(folded):
		return grief
	case healthSignal.MatchString(folded), illnessWorry.MatchString(folded):
		return health
	case accessSignal.MatchString(folded):
		return access
	case hardshipSignal.MatchString(folded):
		return money
	case moneyWorry.MatchString(folded):
		return worry
	case angerSignal.MatchString(folded) || shouts(text) || strings.Contains(text, "!!") || strings.Contains(text, "?!"):
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
		return ok || extraHumanRequest.MatchString(stripped) || implicitHuman.MatchString(stripped)
	}
	_, ok := handoff.Requested(text)
	return ok || extraHumanRequest.MatchString(folded) || implicitHuman.MatchString(folded)
}

// handoffReason decides whether this turn needs a human, and why. folded
// is fold(text).
func handoffReason(t *turn) reason {
	text, folded, d := t.text, t.folded, t.domain
	switch {
	case humanRequested(text, folded):
		return askedForHuman
	case fraudSignal.MatchString(folded):
		return fraudReported
	case healthSignal.MatchString(folded), accessSignal.MatchString(folded):
		return vulnerable
	case hardshipSignal.MatchString(folded):
		return hardship
	case d != nil && d.bereavedHandoff && griefSignal.MatchString(folded):
		return bereaved
	case legalSignal.MatchString(folded):
		return legalThreat
	case doubleCharge.MatchString(folded), d != nil && d.dispute != nil && d.dispute.MatchString(folded):
		return disputed
	case offeredSales(t.lastBot) && acceptOffer.MatchString(folded):
		return salesCall
	case offered(t.lastBot) && acceptOffer.MatchString(folded):
		return offerAccepted
	}
	return noReason
}

// closing: thanks or goodbye, with nothing else asked.
var closing = rx(`^\W*(?:thanks|thank you|thx|cheers|ok thanks|great,? thanks|that's all|bye|goodbye|merci|merci beaucoup|c'est tout|au revoir|parfait,? merci|danke|vielen dank|das wars|tschuss|super,? danke|gracias|muchas gracias|eso es todo|adios|vale,? gracias|tack|tack sa mycket|det var allt|hej da|toppen,? tack)\b[^?]*$`)

var discountRequest = rx(`discount|promo code|voucher|coupon|\d+ ?% off|money off|reduction|remise|code promo|bon d'achat|geste commercial|rabatt|gutschein|preisnachlass|descuento|cupon|codigo promocional|rebaja|rabattkod|presentkort|prisavdrag`)

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

// repeats reports whether the customer is repeating an earlier message
// (half its words or more) or says so ("again", "I already told you").
var repeatWords = rx(`\bagain\b|already (?:told|said|asked|gave|explained)|(?:asked|said|told you) already|not listening|(?:doesn't|does not|didn't) answer|\bi said\b|\bi told you\b|same (?:answer|thing|reply)|how many times|\bencore\b|deja (?:dit|demande|explique)|je vous ai dit|meme reponse|combien de fois|\bnochmal\b|noch einmal|schon (?:gesagt|gefragt)|bereits gesagt|gleiche antwort|dieselbe antwort|wie oft|otra vez|de nuevo|ya (?:le|te) (?:dije|he dicho)|la misma respuesta|cuantas veces|\bigen\b|redan (?:sagt|fragat|skrivit)|samma svar|hur manga ganger|aterigen`)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' }) {
		m[w] = true
	}
	return m
}

func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
