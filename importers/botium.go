package importers

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// BotiumScript (botium-core's text format) keeps one conversation per
// *.convo.txt file:
//
//	TC01 - Ask for a human          <- the convo's name (first line, no #)
//	optional description lines
//
//	#me
//	I want to talk to a person
//
//	#bot
//	transferring you
//	BUTTONS Yes|No                  <- an asserter: NAME args|args
//	!sorry, I can't                 <- "!" negates: the reply must not say it
//
// and utterance lists in *.utterances.txt (the list's name on the first
// line, one example per line), referred to by name in a #me or #bot section.
//
// How it maps to case format v1:
//
//	convo name (and description)  -> id (prefix + slug) and title
//	#me text                      -> a customer turn (first example of a referenced utterance list)
//	#bot text                     -> that turn's expect.must_say (case-insensitive substring; * wildcards become a regex)
//	#bot !text                    -> that turn's expect.must_not_say
//	#bot utterance list name      -> must_say any of its examples
//	TEXT_CONTAINS_ANY[_IC] a|b    -> must_say {any: [a, b]}
//	TEXT_CONTAINS_ALL[_IC] a|b    -> must_say a, must_say b
//	TEXT_WILDCARD_ANY/ALL         -> must_say regex
//	TEXT_REGEX_ANY/ALL            -> must_say {regex} (when the expression is also Go RE2)
//	TEXT_EQUALS[_IC] a            -> must_say a regex anchored at both ends
//	!<any of the TEXT_ asserters> -> must_not_say
//	BUTTONS, MEDIA, CARDS, FORMS, INTENT*, ENTITY*, JSON_PATH*, ...   -> not mapped (noted)
//	PAUSE, WAITFORBOT, INCLUDE, SCRIPTING_MEMORY hooks, #begin/#end  -> not mapped (noted)
//	a #bot section before the first #me (the bot's greeting)         -> not mapped (noted)

// botiumTextAsserters are the text asserters that map.
var botiumTextAsserters = map[string]bool{
	"TEXT_CONTAINS_ANY": true, "TEXT_CONTAINS_ANY_IC": true, "TEXT_CONTAINS_ALL": true, "TEXT_CONTAINS_ALL_IC": true,
	"TEXT_WILDCARD_ANY": true, "TEXT_WILDCARD_ANY_IC": true, "TEXT_WILDCARD_ALL": true, "TEXT_WILDCARD_ALL_IC": true,
	"TEXT_WILDCARDEXACT_ANY": true, "TEXT_WILDCARDEXACT_ANY_IC": true, "TEXT_WILDCARDEXACT_ALL": true, "TEXT_WILDCARDEXACT_ALL_IC": true,
	"TEXT_REGEX_ANY": true, "TEXT_REGEX_ALL": true, "TEXT_EQUALS": true, "TEXT_EQUALS_IC": true,
}

// botiumOther are the asserters, logic hooks and user inputs that do not
// map, with why.
var botiumOther = map[string]string{
	"BUTTONS": "tribunal judges the reply's text, not its buttons", "BUTTON": "a button click has no text to replay",
	"MEDIA": "tribunal judges text, not attachments", "CARDS": "tribunal judges text, not cards", "FORMS": "tribunal judges text, not forms",
	"FORM": "a form submission has no text to replay", "INTENT": "tribunal has no access to the bot's NLU intent",
	"INTENT_UNIQUE": "tribunal has no access to the bot's NLU intent", "INTENT_CONFIDENCE": "tribunal has no access to the bot's NLU confidence",
	"ENTITIES": "tribunal has no access to the bot's NLU entities", "ENTITY_VALUES": "tribunal has no access to the bot's NLU entities",
	"ENTITY_CONTENT": "tribunal has no access to the bot's NLU entities", "JSON_PATH": "use the http target's paths in tribunal.yaml instead",
	"JSON_PATH_COUNT": "use the http target's paths in tribunal.yaml instead", "RESPONSE_LENGTH": "no length check in case format v1",
	"BOT_CONSUMED": "tribunal replays one reply per turn", "BOT_UNCONSUMED": "tribunal replays one reply per turn",
	"PAUSE": "tribunal sends the next turn when the reply arrives", "PAUSE_ASSERTER": "use expect.max_latency for timing",
	"WAITFORBOT": "tribunal waits for every reply", "INCLUDE": "partial convos are not expanded",
	"SET_SCRIPTING_MEMORY": "scripting memory is not supported", "CLEAR_SCRIPTING_MEMORY": "scripting memory is not supported",
	"ASSIGN_SCRIPTING_MEMORY": "scripting memory is not supported", "UPDATE_CUSTOM": "custom request fields go in the case's context",
	"SKIP_BOT_UNCONSUMED": "tribunal replays one reply per turn", "CONDITIONAL_STEP_TIME_BASED": "conditional steps are not supported",
	"CONDITIONAL_STEP_BUSINESS_HOURS": "conditional steps are not supported", "CONDITIONAL_STEP_JSON_PATH_BASED": "conditional steps are not supported",
	"VOIP_CONFIDENCE_THRESHOLD": "voice tests are not supported", "VOIP_JOIN_SILENCE_DURATION": "voice tests are not supported",
}

// botiumLine is one parsed line of a section.
type botiumLine struct {
	not  bool
	name string // asserter, hook or utterance list; "" for text
	args []string
	text string
}

var botiumName = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

func parseBotiumLine(line string, utterances map[string][]string) botiumLine {
	l := botiumLine{}
	s := line
	if strings.HasPrefix(s, "!") {
		l.not, s = true, strings.TrimSpace(s[1:])
	}
	head, rest, _ := strings.Cut(s, " ")
	if botiumName.MatchString(head) {
		_, mapped := botiumTextAsserters[head]
		_, other := botiumOther[head]
		_, utt := utterances[head]
		if mapped || other || utt && rest == "" {
			l.name = head
			if rest = strings.TrimSpace(rest); rest != "" {
				for _, a := range strings.Split(rest, "|") {
					l.args = append(l.args, strings.TrimSpace(a))
				}
			}
			return l
		}
		if rest == "" && strings.Contains(head, "_") {
			// An utterance list we were not given.
			l.name = head
			return l
		}
	}
	l.text = s
	return l
}

type botiumSection struct {
	kind  string // me, bot, begin, end
	lines []string
}

// readUtterances loads *.utterances.txt files: name on the first line, one
// example per line.
func readUtterances(paths []string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		lines := nonEmptyLines(string(data))
		if len(lines) < 2 {
			continue
		}
		out[lines[0]] = lines[1:]
	}
	return out, nil
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// BotiumFiles expands paths (files or folders) into the convo and
// utterance files to read. Folders are read recursively.
func BotiumFiles(paths []string) (convos, utterances []string, err error) {
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, err
		}
		if !st.IsDir() {
			if strings.HasSuffix(p, ".utterances.txt") {
				utterances = append(utterances, p)
			} else {
				convos = append(convos, p)
			}
			continue
		}
		err = filepath.WalkDir(p, func(q string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			switch {
			case d.IsDir():
			case strings.HasSuffix(q, ".convo.txt"):
				convos = append(convos, q)
			case strings.HasSuffix(q, ".utterances.txt"):
				utterances = append(utterances, q)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	sort.Strings(convos)
	sort.Strings(utterances)
	return convos, utterances, nil
}

// Botium converts BotiumScript files: paths are *.convo.txt files,
// *.utterances.txt files, or folders holding them. Each convo file becomes
// one case file.
func Botium(paths []string, opts Options) (*Result, error) {
	if opts.Prefix == "" {
		opts.Prefix = "botium/"
	}
	convos, uttFiles, err := BotiumFiles(paths)
	if err != nil {
		return nil, err
	}
	utterances, err := readUtterances(uttFiles)
	if err != nil {
		return nil, err
	}
	r := &Result{Tool: "botium"}
	if len(convos) == 0 {
		r.Notes = append(r.Notes, Note{File: strings.Join(paths, ", "), Msg: "no *.convo.txt files found", Skipped: true})
		return r, nil
	}
	names := map[string]bool{}
	for _, p := range convos {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		r.Items++
		base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(p), ".txt"), ".convo")
		name := slug(base)
		if name == "" {
			name = "convo"
		}
		for n := 2; names[name]; n++ {
			name = fmt.Sprintf("%s-%d", slug(base), n)
		}
		names[name] = true
		c, notes := convertConvo(p, base, string(data), utterances, opts)
		r.Notes = append(r.Notes, notes...)
		if c == nil {
			continue
		}
		f := newFile("botium", p, name+".yaml", opts)
		f.Cases = []*Case{c}
		r.Files = append(r.Files, f)
	}
	uniqueIDs(r.Files)
	return r, nil
}

// convertConvo converts one convo file's text.
func convertConvo(file, base, text string, utterances map[string][]string, opts Options) (*Case, []Note) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var header []string
	var sections []*botiumSection
	var notes []Note
	item := base
	note := func(format string, args ...any) {
		notes = append(notes, Note{File: file, Item: item, Msg: fmt.Sprintf(format, args...)})
	}
	for _, raw := range lines {
		l := strings.TrimSpace(raw)
		if strings.HasPrefix(l, "#") {
			kind := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(l, "#")))
			if kind, _, _ = strings.Cut(kind, " "); kind == "" {
				continue
			}
			sections = append(sections, &botiumSection{kind: kind})
			continue
		}
		if len(sections) == 0 {
			if l != "" {
				header = append(header, l)
			}
			continue
		}
		if l != "" {
			sections[len(sections)-1].lines = append(sections[len(sections)-1].lines, l)
		}
	}
	title := base
	if len(header) > 0 {
		title = header[0]
		item = header[0]
		if len(header) > 1 {
			title += " (" + strings.Join(header[1:], " ") + ")"
		}
	}
	c := &Case{ID: opts.Prefix + slug(item), Title: title, Source: "BotiumScript " + filepath.Base(file)}
	if slug(item) == "" {
		c.ID = opts.Prefix + slug(base)
	}
	var cur *Turn
	wildcardNoted, substringNoted := false, false
	for _, sec := range sections {
		switch sec.kind {
		case "me":
			var parts []string
			for _, line := range sec.lines {
				l := parseBotiumLine(line, utterances)
				switch {
				case l.name == "":
					parts = append(parts, l.text)
				case utterances[l.name] != nil:
					ex := utterances[l.name]
					parts = append(parts, ex[0])
					if len(ex) > 1 {
						note("#me %s: used the first of its %d utterances (%q); tribunal replays one message per turn", l.name, len(ex), ex[0])
					}
				case botiumOther[l.name] != "":
					note("#me %s: not mapped (%s)", l.name, botiumOther[l.name])
				default:
					notes = append(notes, Note{File: file, Item: item, Skipped: true,
						Msg: fmt.Sprintf("#me refers to the utterance list %s, which is not among the files given (pass its .utterances.txt or the folder)", l.name)})
					return nil, notes
				}
			}
			msg := strings.Join(parts, "\n")
			if strings.TrimSpace(msg) == "" {
				note("a #me section with no text to send was left out")
				continue
			}
			if strings.Contains(msg, "$") && regexp.MustCompile(`\$[A-Za-z_]\w*`).MatchString(msg) {
				note("#me %q uses scripting memory variables, sent as written", msg)
			}
			cur = &Turn{User: msg}
			c.Turns = append(c.Turns, cur)
		case "bot":
			if cur == nil {
				note("the bot's opening message (before the first #me) is not checked: a case starts with the customer")
				continue
			}
			var text []string
			for _, line := range sec.lines {
				l := parseBotiumLine(line, utterances)
				switch {
				case l.name == "":
					if l.not {
						addNot(cur, botiumText(l.text, &wildcardNoted, note))
						continue
					}
					text = append(text, l.text)
				case botiumTextAsserters[l.name]:
					ms, err := botiumAsserter(l)
					if err != nil {
						note("#bot %s: not mapped (%s)", l.name, err)
						continue
					}
					for _, m := range ms {
						if l.not {
							addNot(cur, m)
						} else {
							addSay(cur, m)
						}
					}
				case utterances[l.name] != nil:
					var any []Matcher
					for _, ex := range utterances[l.name] {
						any = append(any, botiumText(ex, &wildcardNoted, note))
					}
					if l.not {
						for _, m := range any {
							addNot(cur, m)
						}
					} else {
						addSay(cur, AnyOf(any...))
					}
				case botiumOther[l.name] != "":
					note("#bot %s: not mapped (%s)", l.name, botiumOther[l.name])
				default:
					note("#bot %s: the utterance list is not among the files given; not checked", l.name)
				}
			}
			if len(text) > 0 {
				m := botiumText(strings.Join(text, " "), &wildcardNoted, note)
				addSay(cur, m)
				if _, plain := m.(string); plain && !substringNoted {
					substringNoted = true
					note("#bot text is checked as a case-insensitive substring of the reply (tribunal's plain matcher), which may be looser than the convo's matching mode")
				}
			}
		case "begin", "end":
			if len(sec.lines) > 0 {
				note("#%s section (%s) not mapped: logic hooks are not supported", sec.kind, strings.Join(sec.lines, "; "))
			}
		default:
			note("#%s section not mapped: BotiumScript sections are #me, #bot, #begin and #end", sec.kind)
		}
	}
	if len(c.Turns) == 0 {
		notes = append(notes, Note{File: file, Item: item, Msg: "no #me message to replay", Skipped: true})
		return nil, notes
	}
	return c, notes
}

func addSay(t *Turn, m Matcher) {
	if t.Expect == nil {
		t.Expect = &TurnExpect{}
	}
	t.Expect.MustSay = append(t.Expect.MustSay, m)
}

func addNot(t *Turn, m Matcher) {
	if t.Expect == nil {
		t.Expect = &TurnExpect{}
	}
	t.Expect.MustNotSay = append(t.Expect.MustNotSay, m)
}

var scriptingVar = regexp.MustCompile(`\$[A-Za-z_]\w*`)

// botiumText maps expected bot text: plain text, or a regex when it has *
// wildcards or scripting memory variables (which match any word).
func botiumText(s string, noted *bool, note func(string, ...any)) Matcher {
	if !strings.Contains(s, "*") && !scriptingVar.MatchString(s) {
		return Plain(s)
	}
	if !*noted {
		*noted = true
		note("#bot wildcards (*) and scripting memory variables ($name) become a regex that matches any text in their place")
	}
	return Regex(`(?i)` + wildcardRegex(s))
}

// wildcardRegex quotes s, with * matching anything and $name one or more
// non-space characters, whitespace matching any whitespace.
func wildcardRegex(s string) string {
	var parts []string
	for _, w := range strings.Fields(s) {
		var b strings.Builder
		last := 0
		for _, loc := range scriptingVar.FindAllStringIndex(w, -1) {
			b.WriteString(quoteStar(w[last:loc[0]]))
			b.WriteString(`\S+`)
			last = loc[1]
		}
		b.WriteString(quoteStar(w[last:]))
		parts = append(parts, b.String())
	}
	return strings.Join(parts, `\s+`)
}

func quoteStar(s string) string {
	pieces := strings.Split(s, "*")
	for i, p := range pieces {
		pieces[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(pieces, ".*")
}

// botiumAsserter maps a TEXT_ asserter to matchers (each must hold).
func botiumAsserter(l botiumLine) ([]Matcher, error) {
	if len(l.args) == 0 {
		return nil, fmt.Errorf("no arguments")
	}
	ic := strings.HasSuffix(l.name, "_IC")
	name := strings.TrimSuffix(l.name, "_IC")
	if l.not && strings.HasSuffix(name, "_ALL") {
		return nil, fmt.Errorf("\"not all of them\" has no equivalent in case format v1")
	}
	lit := func(a string) Matcher {
		if ic {
			return Plain(a)
		}
		return Regex(exact(a))
	}
	wild := func(a string) Matcher {
		if ic {
			return Regex(`(?i)` + wildcardRegex(a))
		}
		return Regex(wildcardRegex(a))
	}
	var each []Matcher
	switch name {
	case "TEXT_CONTAINS_ANY", "TEXT_CONTAINS_ALL":
		for _, a := range l.args {
			each = append(each, lit(a))
		}
	case "TEXT_WILDCARD_ANY", "TEXT_WILDCARD_ALL":
		for _, a := range l.args {
			each = append(each, wild(a))
		}
	case "TEXT_WILDCARDEXACT_ANY", "TEXT_WILDCARDEXACT_ALL":
		for _, a := range l.args {
			expr := `^\s*` + wildcardRegex(a) + `\s*$`
			if ic {
				expr = `(?i)` + expr
			}
			each = append(each, Regex(expr))
		}
	case "TEXT_REGEX_ANY", "TEXT_REGEX_ALL":
		for _, a := range l.args {
			if _, err := regexp.Compile(a); err != nil {
				return nil, fmt.Errorf("%q is not a Go RE2 expression: %v", a, err)
			}
			each = append(each, Regex(a))
		}
	case "TEXT_EQUALS":
		expr := `^\s*` + exact(strings.Join(l.args, "|")) + `\s*$`
		if ic {
			expr = `(?i)` + expr
		}
		return []Matcher{Regex(expr)}, nil
	default:
		return nil, fmt.Errorf("unknown text asserter")
	}
	if strings.HasSuffix(name, "_ALL") || l.not {
		// ALL: each must match; negated ANY: none may match.
		return each, nil
	}
	return []Matcher{AnyOf(each...)}, nil
}
