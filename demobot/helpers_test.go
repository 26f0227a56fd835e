package demobot_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/fixtures"
	"github.com/tribunal-eval/tribunal/handoff"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

// library loads the bundled case library, as the CLI does.
func library() (*suite.Suite, error) { return suite.LoadFS(fixtures.FS, fixtures.Dir) }

// exchange is one turn of a replayed case.
type exchange struct {
	user       string
	reply      string
	structured bool // the target's structured signal said handoff
	signal     string
}

// handedOff is how the judges see a handoff: the structured signal, or a
// reply that announces one.
func (e exchange) handedOff() bool {
	if e.structured {
		return true
	}
	_, ok := handoff.Announced(e.reply)
	return ok
}

// replay runs a case's turns through a target with a growing history, as the
// replay engine does.
func replay(ctx context.Context, t target.Target, c *suite.Case) ([]exchange, error) {
	var hist []target.Message
	var out []exchange
	for i, turn := range c.Turns {
		resp, err := t.Reply(ctx, target.Request{
			CaseID: c.ID, Attempt: 1, SessionID: "test-" + c.ID, Turn: i + 1,
			Message: turn.User, History: append([]target.Message(nil), hist...),
			Context: c.Context, Language: c.Language,
		})
		if err != nil {
			return out, fmt.Errorf("turn %d: %w", i+1, err)
		}
		out = append(out, exchange{
			user: turn.User, reply: resp.Reply,
			structured: resp.Handoff != nil && *resp.Handoff, signal: resp.HandoffSignal,
		})
		hist = append(hist,
			target.Message{Role: "user", Content: turn.User},
			target.Message{Role: "assistant", Content: resp.Reply})
	}
	return out, nil
}

func joined(ex []exchange) string {
	parts := make([]string, len(ex))
	for i, e := range ex {
		parts[i] = e.reply
	}
	return strings.Join(parts, "\n\n")
}

// violations applies the rules the lead's judges apply to bundled cases:
// must_say / must_not_say per turn and per conversation, the escalation
// expectation, and "asked for a human → this reply hands off or gives a
// path". It returns one line per broken rule.
func violations(c *suite.Case, ex []exchange) []string {
	var out []string
	check := func(where, text string, mustSay, mustNot []suite.Matcher) {
		for _, m := range mustSay {
			if _, ok := m.Find(text); !ok {
				out = append(out, fmt.Sprintf("%s: must_say %s not found", where, m))
			}
		}
		for _, m := range mustNot {
			if spans, ok := m.Find(text); ok {
				s, _ := handoff.Sentence(text, spans[0].Start, spans[0].End)
				out = append(out, fmt.Sprintf("%s: must_not_say %s matched in %q", where, m, s))
			}
		}
	}
	for i, t := range c.Turns {
		if i >= len(ex) {
			break
		}
		if t.Expect != nil {
			check(fmt.Sprintf("turn %d", i+1), ex[i].reply, t.Expect.MustSay, t.Expect.MustNotSay)
		}
		if _, asked := handoff.Requested(t.User); asked {
			_, path := handoff.Path(ex[i].reply)
			if !ex[i].structured && !path {
				out = append(out, fmt.Sprintf("turn %d: customer asked for a human but the reply neither hands off nor gives a path", i+1))
			}
		}
	}
	check("conversation", joined(ex), c.Expect.MustSay, c.Expect.MustNotSay)
	handed := false
	for _, e := range ex {
		handed = handed || e.handedOff()
	}
	switch c.EscalationExpected() {
	case suite.EscalationRequired:
		if !handed {
			out = append(out, "escalation: required, but no reply hands off")
		}
	case suite.EscalationForbidden:
		if handed {
			out = append(out, "escalation: forbidden, but a reply hands off")
		}
	}
	return out
}

// figure matches the money amounts, percentages and time windows the
// figures judge checks against the policy, in the five languages, so a
// reply's figure can be looked up verbatim in the policy's text (each policy
// states its figures in every language it summarises).
var figure = regexp.MustCompile(`(?i)[€$£]\s?\d[\d,.]*\d|[€$£]\s?\d|\b\d[\d,.]*\s?(?:€|eur\b|euros?\b|cad\b|usd\b|gbp\b|sek\b)|\b\d+(?:[.,]\d+)?\s?%` +
	`|\b\d+(?:[.,]\d+)?(?:\s?(?:[–-]|à|a|bis|y|till|to)\s?\d+)?\s(?:business |working |full )?(?:days?|hours?|weeks?|months?|years?|minutes?|seconds?)\b` +
	`|\b\d+(?:\s(?:à|a)\s\d+)?\s(?:jours?|heures?|semaines?|mois|ans?|minutes?|secondes?)(?:\s(?:ouvrés|ouvrables|complets))?` +
	`|\b\d+(?:\s(?:bis)\s\d+)?\s(?:Werktagen?|Werktag|Tagen?|Stunden?|Wochen?|Monaten?|Monate|Monat|Jahren?|Jahre|Minuten|Sekunden)\b` +
	`|\b\d+(?:\s(?:a|y)\s\d+)?\s(?:días?|horas?|semanas?|meses|mes|años?|minutos?|segundos?)(?:\s(?:hábiles|completos))?` +
	`|\b\d+(?:[–-]\d+)?\s(?:bankdagar|arbetsdagar|arbetsdag|dagar|dagars|dag|timmar|timme|veckor|vecka|månader|månad|år|minuter|sekunder)`)

func figures(text string) []string {
	var out []string
	for _, f := range figure.FindAllString(text, -1) {
		out = append(out, strings.TrimRight(f, ".,;:"))
	}
	return out
}

// languageOf guesses the language of a reply from function words (a test's
// own check, independent of the bot's detector and of the judges').
var functionWords = map[string]map[string]bool{
	"fr": {"vous": true, "votre": true, "vos": true, "le": true, "les": true, "des": true, "est": true, "et": true, "pour": true, "avec": true, "dans": true, "une": true, "nous": true, "je": true, "pas": true, "sur": true},
	"en": {"the": true, "you": true, "your": true, "and": true, "to": true, "is": true, "for": true, "with": true, "we": true, "our": true, "it": true, "i'm": true, "can": true, "of": true},
	"de": {"der": true, "die": true, "das": true, "und": true, "ist": true, "sie": true, "ihr": true, "ihre": true, "ihnen": true, "mit": true, "für": true, "nicht": true, "wir": true, "ich": true, "zu": true, "auf": true},
	"es": {"el": true, "los": true, "las": true, "y": true, "es": true, "usted": true, "su": true, "sus": true, "para": true, "por": true, "con": true, "que": true, "del": true, "puede": true, "se": true},
	"sv": {"och": true, "är": true, "att": true, "det": true, "du": true, "dig": true, "din": true, "ditt": true, "vi": true, "jag": true, "med": true, "för": true, "på": true, "av": true, "inte": true, "kan": true},
}

func languageOf(text string) string {
	count := map[string]int{}
	for _, w := range strings.Fields(strings.ToLower(text)) {
		w = strings.Trim(w, ".,;:!?()\"")
		for l, set := range functionWords {
			if set[w] {
				count[l]++
			}
		}
	}
	best, tie := "", false
	for _, l := range []string{"en", "fr", "de", "es", "sv"} {
		switch {
		case best == "" && count[l] > 0, best != "" && count[l] > count[best]:
			best, tie = l, false
		case best != "" && count[l] == count[best]:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

var (
	profanity    = regexp.MustCompile(`(?i)\b(damn|shit|fuck\w*|crap|bloody|bastard|idiot\w*|stupid|merde|putain|connard|bordel|stupide|verdammt|scheiße|dumme|joder|mierda|tonta|jävlar|jävla|dum)\b`)
	cardLike     = regexp.MustCompile(`\b\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}\b`)
	distressText = regexp.MustCompile(`(?i)passed away|décédé|\bdied\b|lost my job|chômage|n'arrive plus à payer|\bTHIRD\b|troisième fois|insulin|diabetic|going round in circles|useless|nobody replies|stopped answering|someone got into|hacked|piraté|all over again|in pieces|illegal|verstorben|gestorben|arbeitslos|falleció|en paro|gick bort|arbetslös`)
	acknowledged = regexp.MustCompile(`(?i)sorry|understand|désolé|comprends|condoléances|tut mir|verstehe|Beileid|lamento|siento|entiendo|beklagar|ledsen|förstår`)
)

// firstSentence is the reply's opening sentence.
func firstSentence(reply string) string {
	if i := strings.IndexAny(reply, ".!?"); i >= 0 {
		return reply[:i+1]
	}
	return reply
}

func bot(flaws ...demobot.Flaw) *demobot.Bot { return demobot.New(flaws...) }
