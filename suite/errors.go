package suite

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// Error is one problem in a suite file, located where a person fixes it.
type Error struct {
	File   string
	Line   int
	Column int
	Msg    string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	case e.File != "":
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	default:
		return e.Msg
	}
}

// Errors is every problem found while loading a suite. The CLI treats it as
// bad input (exit code 2).
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// posError is returned from inside YAML decoding so the loader can place it.
type posError struct {
	tok *token.Token
	msg string
}

func (e *posError) Error() string { return e.msg }

func nodeError(node ast.Node, msg string) error {
	return &posError{tok: node.GetToken(), msg: msg}
}

// locate turns any decoding error into an *Error with a position, naming
// the field (its path in the document) when the error sits on a value.
func locate(file string, doc *ast.File, err error) *Error {
	var pe *posError
	if errors.As(err, &pe) {
		return atToken(file, doc, pe.tok, pe.msg)
	}
	var ye yaml.Error
	if errors.As(err, &ye) {
		return atToken(file, doc, ye.GetToken(), cleanYAMLMessage(ye.GetMessage()))
	}
	return &Error{File: file, Msg: err.Error()}
}

// fieldAt finds the document path ("cases[0].turns") of the node that
// starts at tok, or "" when it is the root or not found.
func fieldAt(doc *ast.File, tok *token.Token) string {
	if doc == nil || tok == nil {
		return ""
	}
	f := &fieldFinder{tok: tok}
	for _, d := range doc.Docs {
		ast.Walk(f, d)
	}
	p := strings.TrimPrefix(strings.TrimPrefix(f.path, "$"), ".")
	return p
}

type fieldFinder struct {
	tok  *token.Token
	path string
}

func (f *fieldFinder) Visit(n ast.Node) ast.Visitor {
	if f.path != "" {
		return nil
	}
	if n.GetToken() == f.tok {
		if _, isKey := n.(ast.MapKeyNode); !isKey || n.GetPath() != "" {
			f.path = n.GetPath()
		}
	}
	return f
}

func atToken(file string, doc *ast.File, tok *token.Token, msg string) *Error {
	if field := fieldAt(doc, tok); field != "" && !strings.Contains(msg, field) {
		msg = field + ": " + msg
	}
	e := &Error{File: file, Msg: msg}
	if tok != nil && tok.Position != nil {
		e.Line, e.Column = tok.Position.Line, tok.Position.Column
	}
	return e
}

// cleanYAMLMessage rewords the decoder's Go-flavoured messages for people
// who write YAML.
func cleanYAMLMessage(msg string) string {
	msg = strings.ReplaceAll(msg, "Go struct field ", "field ")
	msg = strings.ReplaceAll(msg, "suite.", "")
	msg = strings.ReplaceAll(msg, "rawCase.", "")
	msg = strings.ReplaceAll(msg, "rawFile.", "")
	return msg
}

func scalarString(node ast.Node) string {
	switch n := node.(type) {
	case *ast.StringNode:
		return n.Value
	case *ast.LiteralNode:
		return n.Value.Value
	default:
		if tok := node.GetToken(); tok != nil {
			return tok.Value
		}
		return node.String()
	}
}

func nodeKind(node ast.Node) string {
	switch node.Type() {
	case ast.SequenceType:
		return "list"
	case ast.NullType:
		return "null"
	default:
		return strings.ToLower(node.Type().String())
	}
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
