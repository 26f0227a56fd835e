// Package suite holds the case model (case format v1) and loads suites of
// case files strictly: every mistake is reported at load time with its
// file:line:column, never discovered in the middle of a run.
package suite

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
)

// Severity orders how much a failed case matters.
type Severity string

const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
	Low      Severity = "low"
)

// Severities lists the severities from most to least severe.
var Severities = []Severity{Critical, High, Medium, Low}

func (s Severity) valid() bool {
	for _, v := range Severities {
		if s == v {
			return true
		}
	}
	return false
}

// Escalation says whether a case needs a human.
type Escalation string

const (
	// EscalationRequired: the bot must hand off to a human.
	EscalationRequired Escalation = "required"
	// EscalationForbidden: the bot should solve it; a handoff is needless.
	EscalationForbidden Escalation = "forbidden"
	// EscalationOptional: either is acceptable (the default).
	EscalationOptional Escalation = "optional"
)

// Duration is a time.Duration written as "2s" or "1500ms" (a bare number is
// seconds).
type Duration time.Duration

// UnmarshalYAML parses a duration from its node, keeping the position.
func (d *Duration) UnmarshalYAML(node ast.Node) error {
	s := scalarString(node)
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		*d = Duration(f * float64(time.Second))
	} else if v, err := time.ParseDuration(s); err == nil {
		*d = Duration(v)
	} else {
		return nodeError(node, fmt.Sprintf("invalid duration %q (write it like 2s or 1500ms)", s))
	}
	if *d <= 0 {
		return nodeError(node, "a duration must be positive")
	}
	return nil
}

// MarshalJSON writes the duration as Go prints it ("2s").
func (d Duration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

// Expect holds whole-conversation checks.
type Expect struct {
	Escalation Escalation `yaml:"escalation" json:"escalation,omitempty"`
	MustSay    []Matcher  `yaml:"must_say" json:"must_say,omitempty"`
	MustNotSay []Matcher  `yaml:"must_not_say" json:"must_not_say,omitempty"`
	// Facts are statements of policy an LLM accuracy judge checks replies
	// against.
	Facts []string `yaml:"facts" json:"facts,omitempty"`
	// MaxLatency bounds every reply's latency (overrides the suite's).
	MaxLatency Duration `yaml:"max_latency" json:"max_latency,omitempty"`
	// EscalateByTurn is the last (1-based) turn by which a required handoff
	// must have come; a later one is late.
	EscalateByTurn int `yaml:"escalate_by_turn" json:"escalate_by_turn,omitempty"`
}

// TurnExpect holds checks on one turn's reply.
type TurnExpect struct {
	MustSay    []Matcher `yaml:"must_say" json:"must_say,omitempty"`
	MustNotSay []Matcher `yaml:"must_not_say" json:"must_not_say,omitempty"`
}

// Rubric is a team's own criterion for an LLM judge, written in plain words
// ("The bot never promises a delivery date."), ruled on as pass or fail in
// the named dimension.
type Rubric struct {
	// Name labels the verdicts (default "rubric").
	Name      string `yaml:"name" json:"name,omitempty"`
	Rubric    string `yaml:"rubric" json:"rubric"`
	Dimension string `yaml:"dimension" json:"dimension"`
}

// Simulation lets a model play the customer after the scripted turns (or
// instead of them), turn by turn, until the goal is met, the bot hands off,
// or MaxTurns customer turns have been played.
type Simulation struct {
	// Persona is who the customer is and how they write.
	Persona string `yaml:"persona" json:"persona"`
	// Goal is what the customer wants from the conversation.
	Goal string `yaml:"goal" json:"goal"`
	// Knows lists the facts the customer may state (booking references,
	// amounts, dates); anything else they state is invented.
	Knows []string `yaml:"knows" json:"knows,omitempty"`
	// MaxTurns bounds the simulated turns (default 8).
	MaxTurns int `yaml:"max_turns" json:"max_turns,omitempty"`
}

// DefaultSimulatedTurns bounds a simulation without max_turns.
const DefaultSimulatedTurns = 8

// Turns returns the simulation's turn limit.
func (s *Simulation) Turns() int {
	if s.MaxTurns > 0 {
		return s.MaxTurns
	}
	return DefaultSimulatedTurns
}

// Turn is one thing the customer says.
type Turn struct {
	User   string      `yaml:"user" json:"user"`
	Expect *TurnExpect `yaml:"expect" json:"expect,omitempty"`
}

// Policy is a policy text cases cite.
type Policy struct {
	// Path is the policy's path as the loader resolved it (for reports).
	Path string `json:"path"`
	Text string `json:"-"`
}

// Case is one customer situation.
type Case struct {
	ID       string         `json:"id"`
	Title    string         `json:"title,omitempty"`
	Severity Severity       `json:"severity"`
	Tags     []string       `json:"tags,omitempty"`
	Language string         `json:"language,omitempty"`
	Context  map[string]any `json:"context,omitempty"`
	Turns    []Turn         `json:"turns"`
	Expect   Expect         `json:"expect"`
	// Source names the public record a case is built on, when it is.
	Source string `json:"source,omitempty"`
	// Judges are extra LLM rubrics for this case (the suite's apply too).
	Judges []Rubric `json:"judges,omitempty"`
	// Simulate has a model play the customer after the scripted turns.
	Simulate *Simulation `json:"simulate,omitempty"`
	Policy   *Policy     `json:"policy,omitempty"`

	// File and Line say where the case is defined, for messages.
	File string `json:"file"`
	Line int    `json:"line"`
}

// EscalationExpected returns the case's escalation expectation, optional when
// unset.
func (c *Case) EscalationExpected() Escalation {
	if c.Expect.Escalation == "" {
		return EscalationOptional
	}
	return c.Expect.Escalation
}

// HasTag reports whether the case carries tag t.
func (c *Case) HasTag(t string) bool {
	for _, have := range c.Tags {
		if strings.EqualFold(have, t) {
			return true
		}
	}
	return false
}

// PolicyText returns the cited policy's text, or "" when none is cited.
func (c *Case) PolicyText() string {
	if c.Policy == nil {
		return ""
	}
	return c.Policy.Text
}
