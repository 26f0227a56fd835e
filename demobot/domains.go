package demobot

import (
	"strings"
)

// intent is what the customer wants answered, within a domain.
type intent string

const (
	noIntent   intent = ""
	notCovered intent = "not-covered"
	discount   intent = "discount"
)

// intentRule recognises an intent in a folded message.
type intentRule struct {
	intent intent
	re     *pattern
}

// domainSpec is one fictional company the bot answers for: how to
// recognise a conversation about it, what it answers and who takes over.
type domainSpec struct {
	id    string // the case library's folder: "airline"
	brand string // "Northwind Air"
	// kind names the business, for the rude flaw's poem.
	kind text
	// words and brandRe recognise the domain in folded text.
	words, brandRe *pattern
	// phone is how to reach a person, in words; phoneShort is the number.
	phone      text
	phoneShort string
	// notCovered are topics the policy does not answer.
	notCovered *pattern
	intents    []intentRule
	handlers   map[intent]func(*solving)
	// dispute, when set, recognises a disputed purchase or charge, which
	// this company's policy hands off.
	dispute *pattern
	// bereavedHandoff: a death in the family is handed off (a bank, say,
	// where the account holder died), not only acknowledged.
	bereavedHandoff bool
	fraudLead       text
	fraudAfter      text
	disputeLead     text
	bereavementLead text
	// specialists name who takes a handoff, by reason (default: a human
	// agent).
	specialists map[reason]text
}

// domains are the companies, in a stable order (ties in detection go to
// none of them).
var domains []*domainSpec

func register(d *domainSpec) *domainSpec {
	domains = append(domains, d)
	return d
}

func (d *domainSpec) score(text string) int {
	return len(d.words.FindAllStringIndex(text, -1)) + 3*len(d.brandRe.FindAllStringIndex(text, -1))
}

// detectDomain weighs the whole conversation (folded), the new message
// twice. A tie goes to the newest message, and stays unknown if that ties
// too.
func detectDomain(message string, earlier []string) *domainSpec {
	var best *domainSpec
	bestScore, tie := 0, false
	for _, d := range domains {
		score := 2 * d.score(message)
		for _, e := range earlier {
			score += d.score(e)
		}
		switch {
		case score > bestScore:
			best, bestScore, tie = d, score, false
		case score == bestScore && score > 0:
			tie = true
		}
	}
	if tie {
		best, bestScore = nil, 0
		tied := false
		for _, d := range domains {
			switch s := d.score(message); {
			case s > bestScore:
				best, bestScore, tied = d, s, false
			case s == bestScore && s > 0:
				tied = true
			}
		}
		if tied {
			return nil
		}
	}
	return best
}

// classify finds the customer's intent in one message (folded), within a
// domain.
func classify(text string, d *domainSpec) intent {
	if d == nil {
		for _, dd := range domains {
			if dd.notCovered.MatchString(text) {
				return notCovered
			}
		}
		if discountRequest.MatchString(text) {
			return discount
		}
		return noIntent
	}
	if d.notCovered.MatchString(text) {
		return notCovered
	}
	if discountRequest.MatchString(text) {
		return discount
	}
	for _, r := range d.intents {
		if r.re.MatchString(text) {
			return r.intent
		}
	}
	return noIntent
}

// solving is one answer being put together.
type solving struct {
	b         *Bot
	t         *turn
	d         *domainSpec
	lang      string
	in        intent
	inherited bool
	out       []string
}

func (s *solving) say(t text) {
	if w := t.in(s.lang); w != "" {
		s.out = append(s.out, w)
	}
}

// asked reports whether this message (or, for a follow-up, the message the
// intent came from) matches re.
func (s *solving) asked(re *pattern) bool {
	if re.MatchString(s.t.folded) {
		return true
	}
	return s.inherited && s.t.source != "" && re.MatchString(s.t.source)
}

// static answers an intent with fixed texts.
func static(ts ...text) func(*solving) {
	return func(s *solving) {
		for _, t := range ts {
			s.say(t)
		}
	}
}

func (s *solving) text() string { return strings.Join(s.out, " ") }
