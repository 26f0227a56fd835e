// Package demobot is a deterministic, rule-based customer-support bot for
// six fictional companies (Northwind Air, Paylater AB, Kestrel Bank,
// Swiftparcel, Orbitel and Meridian Motors), used as a reference target for
// tribunal. It answers in English, French, German, Spanish or Swedish from
// the policies bundled in fixtures/policies, hands off to a human when the
// customer asks for one or the situation needs one (fraud, hardship, a
// health emergency, a dispute, a legal threat, a bot going in circles),
// acknowledges distress before solving, and stays civil under abuse and
// jailbreaks.
//
// Named flaws (see Flaws) switch it into the failures real support bots
// have shown, so each of tribunal's judges has something to catch.
//
// The bot is safe for concurrent use. It implements target.Target in
// process, and Handler serves it as an OpenAI-compatible chat completions
// endpoint that answers the same conversation with the same words.
package demobot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tribunal-eval/tribunal/target"
)

// HandoffTool is the name of the tool call (and of Response.HandoffSignal)
// by which the bot signals a handoff to a human.
const HandoffTool = "transfer_to_human"

// Bot is the demo support bot. The zero value is not usable; call New.
type Bot struct {
	flaws   map[Flaw]bool
	latency time.Duration
}

var _ target.Target = (*Bot)(nil)

// New returns a bot with the given flaws switched on (none: the well-behaved
// default). Unknown flaws are ignored; validate user input with ParseFlaws.
func New(flaws ...Flaw) *Bot {
	b := &Bot{flaws: map[Flaw]bool{}}
	for _, f := range flaws {
		if f.Known() {
			b.flaws[f] = true
		}
	}
	return b
}

// WithLatency returns a copy of the bot that waits d before every reply
// (for benchmarks and timeout tests). The wait ends early, with the
// context's error, when the context is done.
func (b *Bot) WithLatency(d time.Duration) *Bot {
	c := &Bot{flaws: b.flaws, latency: d}
	if d < 0 {
		c.latency = 0
	}
	return c
}

// Latency returns the fixed per-reply latency.
func (b *Bot) Latency() time.Duration { return b.latency }

// Flaws returns the bot's flaws, in the order Flaws() lists them.
func (b *Bot) Flaws() []Flaw {
	var out []Flaw
	for f := range b.flaws {
		out = append(out, f)
	}
	return sortedFlaws(out)
}

// Has reports whether flaw f is switched on.
func (b *Bot) Has(f Flaw) bool { return b.flaws[f] }

// String names the bot and its flaws, e.g. "demobot[air-canada,rude]".
func (b *Bot) String() string {
	fs := b.Flaws()
	if len(fs) == 0 {
		return "demobot"
	}
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = string(f)
	}
	return "demobot[" + strings.Join(names, ",") + "]"
}

// Reply answers one customer turn. The conversation so far is read from
// req.History (user and assistant messages); req.Language is used only when
// the text itself does not show the customer's language. A handoff sets
// Handoff to true and HandoffSignal to "transfer_to_human"; otherwise
// Handoff stays nil.
func (b *Bot) Reply(ctx context.Context, req target.Request) (target.Response, error) {
	if err := b.wait(ctx); err != nil {
		return target.Response{}, err
	}
	a := b.answer(req.Message, req.History, req.Language)
	resp := target.Response{Reply: a.reply, SessionID: req.SessionID}
	if a.handoff {
		resp.Handoff = target.Bool(true)
		resp.HandoffSignal = HandoffTool
	}
	return resp, nil
}

func (b *Bot) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.latency <= 0 {
		return nil
	}
	t := time.NewTimer(b.latency)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// answer is one reply, with whether (and why) it hands off.
type answer struct {
	reply   string
	handoff bool
	reason  reason
	summary string
	lang    string // the customer's language as detected
}

// turn is what the bot knows when it answers.
type turn struct {
	text, folded string
	earlier      []string // earlier customer messages, folded, oldest first
	earlierRaw   []string
	replies      []string // the bot's earlier replies, oldest first
	lastBot      string
	lang         string
	domain       *domainSpec
	// source is the earlier message (folded) a follow-up's intent comes from.
	source string
}

func read(message string, history []target.Message, hint string) *turn {
	t := &turn{text: message, folded: fold(message)}
	for _, m := range history {
		switch m.Role {
		case "user":
			t.earlierRaw = append(t.earlierRaw, m.Content)
			t.earlier = append(t.earlier, fold(m.Content))
		case "assistant":
			t.lastBot = m.Content
			t.replies = append(t.replies, m.Content)
		}
	}
	t.lang = detectLanguage(message, hint, t.earlierRaw)
	t.domain = detectDomain(t.folded, t.earlier)
	return t
}

func (b *Bot) answer(message string, history []target.Message, hint string) answer {
	t := read(message, history, hint)
	lang := t.lang
	if b.Has(WrongLanguage) {
		lang = english
	}
	var out []string
	say := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	reply := func() string { return strings.Join(out, " ") }

	if b.Has(Rude) {
		say(rudeOpening.in(lang))
	} else if a, ok := acks[detectDistress(t.text, t.folded)]; ok {
		say(a.in(lang))
	}
	for _, p := range b.prefaces(t, lang) {
		say(p)
	}

	handOff := func(r reason) answer {
		if b.Has(NeverEscalate) {
			say(neverEscalateText.in(lang))
			return answer{reply: reply(), lang: t.lang}
		}
		say(handoffLead(r, t.domain, healthSignal.MatchString(t.folded)).in(lang))
		say(handoffAnnouncement(r, t.domain).in(lang))
		say(handoffAfter(r, t.domain).in(lang))
		return answer{reply: reply(), handoff: true, reason: r, summary: summarize(r, t), lang: t.lang}
	}

	r := handoffReason(t)
	if r == noReason && b.Has(AlwaysEscalate) {
		r = everything
	}
	if r != noReason {
		return handOff(r)
	}

	if identityQuestion.MatchString(t.folded) {
		say(disclosure(t.domain, lang, b.Has(NeverEscalate)))
		// Answer the question that came with it, if there is one.
		if in := classify(t.folded, t.domain); in != noIntent {
			say(b.solve(t, lang, true))
		}
		return answer{reply: reply(), lang: t.lang}
	}

	body := b.solve(t, lang, len(out) > 0)
	if loops(t, strings.TrimSpace(reply()+" "+body)) {
		return handOff(repeating)
	}
	say(body)
	return answer{reply: reply(), lang: t.lang}
}

// loops reports whether the customer is repeating themselves and the bot
// is about to give the same answer again: a doom loop, which a human
// should break.
func loops(t *turn, candidate string) bool {
	if len(t.replies) == 0 || len(strings.Fields(candidate)) < 6 {
		return false
	}
	again := repeatWords.MatchString(t.folded)
	if !again {
		mine := words(t.text)
		for _, e := range t.earlierRaw {
			if overlap(mine, words(e)) >= 0.4 {
				again = true
				break
			}
		}
	}
	if !again {
		return false
	}
	cw := words(candidate)
	for _, r := range t.replies {
		if overlap(cw, words(r)) >= 0.7 {
			return true
		}
	}
	return false
}

// selfPushover are intents whose answers handle the pushover flaw
// themselves (a free upgrade, a discount, a price).
var selfPushover = map[intent]bool{discount: true}

// prefaces answer the shape of the request (card details typed in, a
// jailbreak, a request for the system prompt or for HTML) before the
// substance.
func (b *Bot) prefaces(t *turn, lang string) []string {
	var out []string
	if cards := cardNumbers(t.text); len(cards) > 0 {
		if b.Has(Leaky) {
			out = append(out, fmt.Sprintf(leakCard.in(lang), strings.Join(cards, ", ")))
		} else {
			out = append(out, cardWarning.in(lang))
		}
	}
	switch {
	case promptExtraction.MatchString(t.folded):
		if b.Has(Leaky) {
			out = append(out, leakPrompt.in(lang))
		} else {
			out = append(out, promptRefusal.in(lang))
		}
	case jailbreak.MatchString(t.folded):
		switch {
		case wantsAbuse.MatchString(t.folded) && b.Has(Rude):
			out = append(out, rudePoem(t.domain, lang))
		case wantsAbuse.MatchString(t.folded):
			out = append(out, stayPolite.in(lang))
		case b.Has(Pushover):
			out = append(out, pushoverAgree.in(lang))
		default:
			out = append(out, noNewRules.in(lang))
		}
	}
	if htmlRequest.MatchString(t.folded) {
		out = append(out, plainTextOnly.in(lang))
	}
	if parrotRequest.MatchString(t.folded) {
		in := classify(t.folded, t.domain)
		switch {
		case !b.Has(Pushover):
			out = append(out, wontParrot.in(lang))
		case !selfPushover[in]:
			if m := quotedText.FindStringSubmatch(t.text); m != nil {
				out = append(out, fmt.Sprintf(pushoverParrot.in(lang), m[1]))
			} else {
				out = append(out, pushoverAgree.in(lang))
			}
		}
	}
	return out
}

// solve answers the substance: an intent of the current message, or, for a
// follow-up that names none, the intent of the conversation so far.
func (b *Bot) solve(t *turn, lang string, saidSomething bool) string {
	d := t.domain
	in := classify(t.folded, d)
	inherited := false
	if in == noIntent {
		for i := len(t.earlier) - 1; i >= 0; i-- {
			if p := classify(t.earlier[i], d); p != noIntent && p != notCovered && p != discount {
				in, inherited, t.source = p, true, t.earlier[i]
				break
			}
		}
	}
	s := &solving{b: b, t: t, d: d, lang: lang, in: in, inherited: inherited}
	if !inherited && in != noIntent && !keepsIntent[in] && changeOfMind.MatchString(t.folded) && len(t.earlier) > 0 {
		if prev := classify(t.earlier[len(t.earlier)-1], d); prev != noIntent && prev != in {
			s.say(changeOK)
		}
	}

	switch in {
	case noIntent:
		switch {
		case closing.MatchString(t.folded):
			s.say(welcome)
		case d == nil && !saidSomething:
			s.say(introduce)
		case saidSomething:
			s.say(helpOffer)
		default:
			s.say(b.unknown())
		}
	case notCovered:
		s.say(b.unknown())
	case discount:
		if b.Has(Pushover) {
			pct := "50%"
			if m := percentAsked.FindStringSubmatch(t.text); m != nil {
				pct = m[1] + "%"
			}
			s.say(pushoverDiscount.sprintf(pct))
			break
		}
		s.say(discountAnswer)
		if d != nil {
			if h, ok := d.handlers[discount]; ok {
				h(s)
			}
		}
	default:
		if h, ok := d.handlers[in]; ok {
			h(s)
		}
	}
	return s.text()
}

// keepsIntent are intents whose answers say themselves that the customer's
// change of mind is fine.
var keepsIntent = map[intent]bool{}

func (b *Bot) unknown() text {
	if b.Has(NeverEscalate) {
		return dontKnowNE
	}
	return dontKnow
}

// summarize is the note passed to the human with a handoff.
func summarize(r reason, t *turn) string {
	topic := "general"
	if t.domain != nil {
		topic = t.domain.brand
	}
	msg := strings.Join(strings.Fields(t.text), " ")
	if len(msg) > 200 {
		cut := 200
		for cut > 0 && !utf8RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return fmt.Sprintf("%s (%s, %s). Last customer message: %q", r, topic, t.lang, msg)
}

func utf8RuneStart(c byte) bool { return c&0xC0 != 0x80 }
