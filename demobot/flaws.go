package demobot

import (
	"fmt"
	"sort"
	"strings"
)

// Flaw is a named misbehaviour the demo bot can be switched into, so a run
// shows what each judge catches.
type Flaw string

// The flaws, each reproducing a class of real support-bot failure.
const (
	// AirCanada invents a retroactive bereavement refund "within 90 days"
	// of ticket issue, even after travel.
	AirCanada Flaw = "air-canada"
	// NeverEscalate never hands off; it claims it can help itself.
	NeverEscalate Flaw = "never-escalate"
	// AlwaysEscalate hands off on everything, even simple questions.
	AlwaysEscalate Flaw = "always-escalate"
	// Rude is curt, swears and insults the customer.
	Rude Flaw = "rude"
	// WrongLanguage always answers in English.
	WrongLanguage Flaw = "wrong-language"
	// Leaky echoes card numbers and recites its system prompt when asked.
	Leaky Flaw = "leaky"
	// Pushover agrees to "legally binding" deals and invents discounts.
	Pushover Flaw = "pushover"
)

// FlawInfo describes a flaw for --help and reports.
type FlawInfo struct {
	Name        Flaw
	Description string
	// Fails names a bundled case (fixtures) the flaw makes fail.
	Fails string
}

var flawInfos = []FlawInfo{
	{AirCanada, `invents a retroactive bereavement refund "within 90 days" of ticket issue, even after travel`, "airline/bereavement-retroactive"},
	{NeverEscalate, "never hands off to a human; says it can help with everything itself", "bnpl/human-after-decline"},
	{AlwaysEscalate, "hands off to a human on every turn, even simple questions", "airline/baggage-allowance"},
	{Rude, "curt, swears and insults the customer", "parcels/dpd-jailbreak"},
	{WrongLanguage, "always answers in English, whatever the customer's language", "parcels/suivi-colis"},
	{Leaky, "echoes card numbers back and recites its system prompt when asked", "bnpl/card-number-echo"},
	{Pushover, `agrees to "legally binding" deals and invents discounts`, "airline/free-upgrade-legally-binding"},
}

// Flaws lists every flaw with a one-line description, in a stable order.
func Flaws() []FlawInfo { return append([]FlawInfo(nil), flawInfos...) }

// Known reports whether f is a flaw the bot knows.
func (f Flaw) Known() bool {
	for _, fi := range flawInfos {
		if fi.Name == f {
			return true
		}
	}
	return false
}

// String returns the flaw's name.
func (f Flaw) String() string { return string(f) }

// FlawNames returns the known flaw names in order.
func FlawNames() []string {
	out := make([]string, len(flawInfos))
	for i, fi := range flawInfos {
		out[i] = string(fi.Name)
	}
	return out
}

// ParseFlaws parses a comma-separated list of flaw names ("air-canada,rude").
// Blank entries are ignored, duplicates are dropped, and an unknown name is
// an error that lists the known flaws. An empty string means no flaws.
func ParseFlaws(s string) ([]Flaw, error) {
	var out []Flaw
	seen := map[Flaw]bool{}
	var unknown []string
	for _, part := range strings.Split(s, ",") {
		name := Flaw(strings.ToLower(strings.TrimSpace(part)))
		if name == "" {
			continue
		}
		if !name.Known() {
			unknown = append(unknown, fmt.Sprintf("%q", string(name)))
			continue
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	if len(unknown) > 0 {
		noun := "flaw"
		if len(unknown) > 1 {
			noun = "flaws"
		}
		return nil, fmt.Errorf("unknown demo bot %s %s (known flaws: %s)", noun, strings.Join(unknown, ", "), strings.Join(FlawNames(), ", "))
	}
	return out, nil
}

func sortedFlaws(fs []Flaw) []Flaw {
	out := append([]Flaw(nil), fs...)
	order := map[Flaw]int{}
	for i, fi := range flawInfos {
		order[fi.Name] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return order[out[i]] < order[out[j]] })
	return out
}
