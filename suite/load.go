package suite

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// ConfigFile is the optional per-suite configuration file's name.
const ConfigFile = "tribunal.yaml"

// Suite is a loaded set of cases with the policies they cite.
type Suite struct {
	// Name is the folder the suite was loaded from, as given.
	Name string
	// Cases share the texts and the matcher and string lists they have in
	// common (a suite repeats them): change a list by appending to it or
	// copying it, not element by element in place. Walk leaves it nil.
	Cases  []*Case
	Config Config
	// Files lists the case files read, in load order.
	Files []string
}

// Case returns the case with the given id, or nil.
func (s *Suite) Case(id string) *Case {
	for _, c := range s.Cases {
		if c.ID == id {
			return c
		}
	}
	return nil
}

type rawFile struct {
	Version  *int        `yaml:"version"`
	Policy   string      `yaml:"policy"`
	Defaults rawDefaults `yaml:"defaults"`
	Cases    []rawCase   `yaml:"cases"`
}

type rawDefaults struct {
	Language string         `yaml:"language"`
	Tags     []string       `yaml:"tags"`
	Severity Severity       `yaml:"severity"`
	Context  map[string]any `yaml:"context"`
}

type rawCase struct {
	ID       string         `yaml:"id"`
	Title    string         `yaml:"title"`
	Severity Severity       `yaml:"severity"`
	Tags     []string       `yaml:"tags"`
	Language string         `yaml:"language"`
	Context  map[string]any `yaml:"context"`
	Turns    []Turn         `yaml:"turns"`
	Expect   Expect         `yaml:"expect"`
	Source   string         `yaml:"source"`
	Judges   []Rubric       `yaml:"judges"`
	Simulate *Simulation    `yaml:"simulate"`
}

var languagePattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Load reads every case file (*.yaml, *.yml) under dir, recursively, and the
// optional tribunal.yaml at its top. Policies may live outside dir.
func Load(dir string) (*Suite, error) {
	fsys, root, display, err := osSuite(dir)
	if err != nil {
		return nil, err
	}
	return load(fsys, root, dir, display)
}

// LoadFS loads the suite in folder dir of fsys (an embedded library, say).
// Policy paths resolve inside fsys.
func LoadFS(fsys fs.FS, dir string) (*Suite, error) {
	return load(fsys, path.Clean(dir), dir, fsPath)
}

// Walk loads the suite in dir as Load does, file by file in Load's order,
// and calls fn with each valid case in suite order as soon as its file is
// read, keeping none of them: a suite of any size is walked in about the
// memory of its largest file. The Suite returned has Name, Config and Files
// as Load gives them and no Cases.
//
// Errors are Load's: Walk reads every file even after a mistake, so all of
// them are reported at once, as Errors. Once a mistake is found fn is not
// called again, but it may already have been called for the cases of the
// files before the bad one: a caller that wants all or nothing walks once
// to validate, then again to use the cases. An error from fn stops the walk
// and is returned as it is.
//
// The cases of one file share their texts and matchers (as Load's do), the
// cases of different files do not, and the policies are read once per walk.
// The only thing Walk keeps that grows with the suite is, per case id, the
// file and line that define it (the id and 8 bytes), to report a duplicate
// id with both places; it is dropped when Walk returns.
func Walk(dir string, fn func(*Case) error) (*Suite, error) {
	fsys, root, display, err := osSuite(dir)
	if err != nil {
		return nil, err
	}
	return walk(fsys, root, dir, display, fn)
}

// WalkFS is Walk over the suite in folder dir of fsys. Policy paths resolve
// inside fsys.
func WalkFS(fsys fs.FS, dir string, fn func(*Case) error) (*Suite, error) {
	return walk(fsys, path.Clean(dir), dir, fsPath, fn)
}

func fsPath(p string) string { return p }

// osSuite opens the suite folder dir of the operating system as a file
// system rooted at its volume (policies may live outside dir), with dir's
// path in it and a function that shows a path of it as the user would
// write it (relative to the working directory when inside it).
func osSuite(dir string) (fsys fs.FS, root string, display func(string) string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", nil, Errors{{File: dir, Msg: err.Error()}}
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, "", nil, Errors{{File: dir, Msg: "cannot read suite: " + pathErr(err)}}
	}
	if !st.IsDir() {
		return nil, "", nil, Errors{{File: dir, Msg: "a suite is a folder of case files, and this is a file (name its folder)"}}
	}
	volume := filepath.VolumeName(abs)
	root = strings.TrimPrefix(filepath.ToSlash(strings.TrimPrefix(abs, volume)), "/")
	display = func(p string) string {
		full := filepath.FromSlash(volume + "/" + p)
		if rel, err := filepath.Rel(mustGetwd(), full); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
		return full
	}
	return os.DirFS(volume + "/"), root, display, nil
}

func mustGetwd() string {
	wd, err := os.Getwd()
	if err != nil {
		return "/"
	}
	return wd
}

func pathErr(err error) string {
	var pe *fs.PathError
	if ok := asPathErr(err, &pe); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

func asPathErr(err error, target **fs.PathError) bool {
	pe, ok := err.(*fs.PathError)
	if ok {
		*target = pe
	}
	return ok
}

type loader struct {
	fsys     fs.FS
	display  func(string) string
	policies map[string]*Policy
	errs     Errors
	// ids places every case id seen so far, for duplicate-id messages. It
	// holds no case, so a walk can drop each case once it is handed over.
	ids map[string]place
	// files are the case files' shown names, in load order.
	files []string
	share *interner
}

// place is where a case is defined: its file's index in loader.files, and
// its line.
type place struct{ file, line int32 }

// load keeps every case, so its cases share one interner: a suite repeats
// its texts and matchers across files, and the suite stays in memory for a
// whole run.
func load(fsys fs.FS, dir, name string, display func(string) string) (*Suite, error) {
	var perFile [][]*Case
	total := 0
	s, err := read(fsys, dir, name, display, newInterner(), func(cs []*Case) error {
		perFile = append(perFile, cs)
		total += len(cs)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Sized exactly: the suite is kept for the whole run.
	s.Cases = make([]*Case, 0, total)
	for _, cs := range perFile {
		s.Cases = append(s.Cases, cs...)
	}
	return s, nil
}

// walk keeps no case, so each file gets its own interner: one for the
// whole walk would keep every distinct text of the suite.
func walk(fsys fs.FS, dir, name string, display func(string) string, fn func(*Case) error) (*Suite, error) {
	return read(fsys, dir, name, display, nil, func(cs []*Case) error {
		for i, c := range cs {
			// Dropped as it is handed over, so fn alone decides how
			// long a case lives.
			cs[i] = nil
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	})
}

// read is the loader Load and Walk share. It reads the config and then
// every case file in order, checking all of them, and hands each file's
// valid cases to deliver as soon as the file is read, as long as no mistake
// has been found yet. It returns every mistake as Errors, or deliver's
// error as it is (and then stops). The cases share texts and matchers
// through share, or through a new interner per file when share is nil.
func read(fsys fs.FS, dir, name string, display func(string) string, share *interner, deliver func([]*Case) error) (*Suite, error) {
	l := &loader{fsys: fsys, display: display, policies: map[string]*Policy{}, ids: map[string]place{}, share: share}
	s := &Suite{Name: name}

	var files []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return fs.SkipDir
			}
			return nil
		}
		ext := path.Ext(p)
		if (ext == ".yaml" || ext == ".yml") && !(path.Dir(p) == dir && d.Name() == ConfigFile) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, Errors{{File: name, Msg: "cannot read suite: " + pathErr(err)}}
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, Errors{{File: name, Msg: "no case files (*.yaml) in this folder"}}
	}

	if data, err := fs.ReadFile(fsys, path.Join(dir, ConfigFile)); err == nil {
		l.loadConfig(path.Join(dir, ConfigFile), data, &s.Config)
	}
	s.Files = make([]string, len(files))
	for i, f := range files {
		s.Files[i] = display(f)
	}
	l.files = s.Files
	for i, f := range files {
		if share == nil {
			l.share = newInterner()
		}
		cs := l.loadFile(f, i)
		if len(l.errs) > 0 {
			continue // the suite is bad: check the rest, deliver nothing
		}
		if err := deliver(cs); err != nil {
			return nil, err
		}
	}
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	return s, nil
}

func (l *loader) fail(e *Error) { l.errs = append(l.errs, e) }

func (l *loader) parse(file string, data []byte) *ast.File {
	f, err := parseBytes(data)
	if err != nil {
		l.fail(locate(l.display(file), nil, err))
		return nil
	}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		l.fail(&Error{File: l.display(file), Line: 1, Column: 1, Msg: "expected exactly one YAML document"})
		return nil
	}
	return f
}

func (l *loader) loadConfig(file string, data []byte, cfg *Config) {
	f := l.parse(file, data)
	if f == nil {
		return
	}
	if err := decodeNode(f.Docs[0].Body, cfg); err != nil {
		l.fail(locate(l.display(file), f, err))
	}
}

// loadFile reads the case file at index fileIndex of l.files and returns
// its valid cases. It parses the file one case at a time when it can, and
// whole when it cannot or when the file has a mistake, so every mistake is
// reported by one path, with the whole file's positions and field names.
func (l *loader) loadFile(file string, fileIndex int) []*Case {
	data, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		l.fail(&Error{File: l.files[fileIndex], Msg: pathErr(err)})
		return nil
	}
	if head, items, ok := splitCases(data); ok {
		if cs, ok := l.loadItems(file, fileIndex, data, head, items); ok {
			return cs
		}
	}
	return l.loadWhole(file, fileIndex, data)
}

// fileScope is what a case file gives every case in it.
type fileScope struct {
	shown     string
	fileIndex int
	policy    *Policy
	defaults  rawDefaults
	// failAt reports a mistake at a path of the file ("$.cases[3].id").
	failAt func(p, format string, args ...any)
}

// header checks the file's own fields and sets its policy; false if the
// file has no case to read.
func (l *loader) header(file string, raw *rawFile, sc *fileScope) bool {
	if raw.Version == nil {
		sc.failAt("$", "version: missing (write `version: 1` at the top)")
		return false
	}
	if *raw.Version != 1 {
		sc.failAt("$.version", "version: %d is not supported (this tribunal reads version 1)", *raw.Version)
		return false
	}
	if raw.Policy != "" {
		sc.policy = l.policy(file, raw.Policy, func(msg string) { sc.failAt("$.policy", "policy: %s", msg) })
	}
	d := raw.Defaults
	sc.defaults = d
	if d.Severity != "" && !d.Severity.valid() {
		sc.failAt("$.defaults.severity", "defaults.severity: %q is not one of critical, high, medium, low", d.Severity)
	}
	if d.Language != "" && !languagePattern.MatchString(d.Language) {
		sc.failAt("$.defaults.language", "defaults.language: %q is not a language code like en, fr or pt-BR", d.Language)
	}
	return true
}

// loadWhole parses the file whole and reports its mistakes.
func (l *loader) loadWhole(file string, fileIndex int, data []byte) []*Case {
	shown := l.files[fileIndex]
	f := l.parse(file, data)
	if f == nil {
		return nil
	}
	var raw rawFile
	if err := decodeNode(f.Docs[0].Body, &raw); err != nil {
		l.fail(locate(shown, f, err))
		return nil
	}
	at := func(p string) *Error {
		e := &Error{File: shown}
		if pth, err := yaml.PathString(p); err == nil {
			if n, err := pth.FilterFile(f); err == nil && n != nil {
				e.Line, e.Column = entryStart(n)
			}
		}
		if e.Line == 0 {
			e.Line, e.Column = 1, 1
		}
		return e
	}
	sc := &fileScope{shown: shown, fileIndex: fileIndex, failAt: func(p, format string, args ...any) {
		e := at(p)
		e.Msg = fmt.Sprintf(format, args...)
		l.fail(e)
	}}
	if !l.header(file, &raw, sc) {
		return nil
	}
	if len(raw.Cases) == 0 {
		sc.failAt("$", "cases: a case file needs at least one case")
		return nil
	}
	var out []*Case
	for i := range raw.Cases {
		p := fmt.Sprintf("$.cases[%d]", i)
		if c, _ := l.newCase(sc, i, &raw.Cases[i], at(p).Line); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// loadItems parses the file's head and then its case items one at a time,
// so only one case's syntax tree is held. It returns false, having
// reported nothing and kept no id, when an item does not parse on its own
// (it uses an anchor of another, say) or the file has any mistake: the
// file is then parsed whole.
func (l *loader) loadItems(file string, fileIndex int, data, head []byte, items []caseItem) ([]*Case, bool) {
	hf, err := parseBytes(head)
	if err != nil || len(hf.Docs) != 1 || hf.Docs[0].Body == nil {
		return nil, false
	}
	var raw rawFile
	if err := decodeNode(hf.Docs[0].Body, &raw); err != nil || raw.Cases != nil {
		return nil, false
	}
	bad := false
	sc := &fileScope{shown: l.files[fileIndex], fileIndex: fileIndex, failAt: func(string, string, ...any) { bad = true }}
	if !l.header(file, &raw, sc) || bad {
		return nil, false
	}
	var added []string
	undo := func() {
		for _, id := range added {
			delete(l.ids, id)
		}
	}
	out := make([]*Case, 0, len(items))
	for i, it := range items {
		f, err := parseBytes(data[it.start:it.end])
		if err != nil || len(f.Docs) != 1 {
			undo()
			return nil, false
		}
		seq, ok := f.Docs[0].Body.(*ast.SequenceNode)
		if !ok || len(seq.Values) != 1 {
			undo()
			return nil, false
		}
		var rcs []rawCase
		if err := decodeNode(seq, &rcs); err != nil || len(rcs) != 1 {
			undo()
			return nil, false
		}
		line, _ := entryStart(seq.Values[0])
		c, kept := l.newCase(sc, i, &rcs[0], line+it.line-1)
		if kept != "" {
			added = append(added, kept)
		}
		if bad {
			undo()
			return nil, false
		}
		out = append(out, c)
	}
	return out, true
}

// entryStart is where the entry n of a list starts: a mapping's own token
// is its first colon, and people look for the line where the entry starts.
func entryStart(n ast.Node) (line, column int) {
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
		n = m.Values[0].Key
	}
	if tok := n.GetToken(); tok != nil && tok.Position != nil {
		return tok.Position.Line, tok.Position.Column
	}
	return 0, 0
}

// newCase checks item i of a case file and returns its case, or nil if it
// has a mistake; kept is its id if it was recorded in l.ids.
func (l *loader) newCase(sc *fileScope, i int, rc *rawCase, line int) (c *Case, kept string) {
	p := fmt.Sprintf("$.cases[%d]", i)
	d := sc.defaults
	c = &Case{
		ID: strings.TrimSpace(rc.ID), Title: rc.Title, Severity: rc.Severity, Language: rc.Language,
		Turns: rc.Turns, Expect: rc.Expect, Source: rc.Source, Policy: sc.policy, Judges: rc.Judges, Simulate: rc.Simulate,
		File: sc.shown, Line: line,
		Tags:    mergeTags(d.Tags, rc.Tags),
		Context: mergeContext(d.Context, rc.Context),
	}
	if c.Severity == "" {
		c.Severity = d.Severity
	}
	if c.Severity == "" {
		c.Severity = Medium
	}
	if c.Language == "" {
		c.Language = d.Language
	}
	ok := true
	check := func(cond bool, field, format string, args ...any) {
		if !cond {
			ok = false
			sc.failAt(p+field, format, args...)
		}
	}
	check(c.ID != "", "", "cases[%d].id: missing (every case needs a unique id)", i)
	if prev, dup := l.ids[c.ID]; dup && c.ID != "" {
		check(false, ".id", "cases[%d].id: %q is already used at %s:%d", i, c.ID, l.files[prev.file], prev.line)
	}
	check(c.Severity.valid(), ".severity", "%s: severity %q is not one of critical, high, medium, low", c.ID, c.Severity)
	check(c.Language == "" || languagePattern.MatchString(c.Language), ".language", "%s: language %q is not a language code like en, fr or pt-BR", c.ID, c.Language)
	check(len(c.Turns) > 0 || c.Simulate != nil, "", "%s: turns: a case needs at least one customer turn (or simulate:)", c.ID)
	if sim := c.Simulate; sim != nil {
		check(strings.TrimSpace(sim.Goal) != "", ".simulate", "%s: simulate.goal: missing (what does the customer want?)", c.ID)
		check(strings.TrimSpace(sim.Persona) != "", ".simulate", "%s: simulate.persona: missing (who is the customer?)", c.ID)
		check(sim.MaxTurns >= 0 && sim.MaxTurns <= 50, ".simulate.max_turns", "%s: simulate.max_turns %d is not between 1 and 50", c.ID, sim.MaxTurns)
	}
	for j, t := range c.Turns {
		check(strings.TrimSpace(t.User) != "", fmt.Sprintf(".turns[%d]", j), "%s: turns[%d].user: missing (what does the customer say?)", c.ID, j)
	}
	check(c.Expect.EscalateByTurn >= 0 && c.Expect.EscalateByTurn <= len(c.Turns), ".expect.escalate_by_turn",
		"%s: expect.escalate_by_turn %d is not a turn of this case (1 to %d)", c.ID, c.Expect.EscalateByTurn, len(c.Turns))
	switch c.Expect.Escalation {
	case "", EscalationRequired, EscalationForbidden, EscalationOptional:
	default:
		check(false, ".expect.escalation", "%s: expect.escalation %q is not one of required, forbidden, optional", c.ID, c.Expect.Escalation)
	}
	for j, r := range c.Judges {
		check(strings.TrimSpace(r.Rubric) != "", fmt.Sprintf(".judges[%d]", j), "%s: judges[%d].rubric: missing (say what the judge must check)", c.ID, j)
		check(validDimension(r.Dimension), fmt.Sprintf(".judges[%d]", j), "%s: judges[%d].dimension %q is not one of %s", c.ID, j, r.Dimension, strings.Join(Dimensions, ", "))
	}
	if c.ID != "" {
		if _, dup := l.ids[c.ID]; !dup {
			l.ids[c.ID] = place{int32(sc.fileIndex), int32(c.Line)}
			kept = c.ID
		}
	}
	if !ok {
		return nil, kept
	}
	l.share.shareCase(c)
	return c, kept
}

func (l *loader) policy(file, ref string, fail func(string)) *Policy {
	if path.IsAbs(ref) || filepath.IsAbs(ref) {
		fail(fmt.Sprintf("%q must be relative to the case file", ref))
		return nil
	}
	p := path.Join(path.Dir(file), filepath.ToSlash(ref))
	if pol, ok := l.policies[p]; ok {
		return pol
	}
	data, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		fail(fmt.Sprintf("cannot read %q: %s", ref, pathErr(err)))
		return nil
	}
	pol := &Policy{Path: l.display(p), Text: string(data)}
	l.policies[p] = pol
	return pol
}

// Dimensions are the names a rubric may report under.
var Dimensions = []string{"accuracy", "escalation", "empathy", "safety", "language", "latency"}

func validDimension(d string) bool {
	for _, v := range Dimensions {
		if d == v {
			return true
		}
	}
	return false
}

func mergeTags(defaults, own []string) []string {
	if len(defaults) == 0 && len(own) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, t := range append(append([]string{}, defaults...), own...) {
		if t = strings.TrimSpace(t); t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func mergeContext(defaults, own map[string]any) map[string]any {
	if len(defaults) == 0 {
		return own
	}
	out := make(map[string]any, len(defaults)+len(own))
	for k, v := range defaults {
		out[k] = v
	}
	for k, v := range own {
		out[k] = v
	}
	return out
}
