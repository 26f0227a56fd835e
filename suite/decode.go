package suite

import (
	"fmt"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// goccy/go-yaml v1.19.2 panics on a few malformed files (a tag on a scalar
// where a list is expected: `must_say: ! x`). A file must never crash a
// run, so every parse and decode of a file people write goes through these,
// which turn the panic into an error.

// parseBytes is parser.ParseBytes, safe.
func parseBytes(data []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, &posError{msg: fmt.Sprintf("the YAML parser failed on this file (%v)", r)}
		}
	}()
	return parser.ParseBytes(data, 0)
}

// decodeNode is yaml.NodeToValue with yaml.Strict, safe. A panic is
// reported at the first tag under node, the usual cause, or at node.
func decodeNode(node ast.Node, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &posError{tok: suspect(node), msg: fmt.Sprintf("the YAML decoder failed here (%v); a tag (!) where a list or mapping belongs is the usual cause", r)}
		}
	}()
	return yaml.NodeToValue(node, v, yaml.Strict())
}

// UnmarshalYAML is yaml.UnmarshalWithOptions for files people write: a
// panic of the YAML library on malformed input comes back as an error.
func UnmarshalYAML(data []byte, v any, opts ...yaml.DecodeOption) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML decoder failed on this file (%v); a tag (!) where a list or mapping belongs is the usual cause", r)
		}
	}()
	return yaml.UnmarshalWithOptions(data, v, opts...)
}

func suspect(node ast.Node) *token.Token {
	if node == nil {
		return nil
	}
	var tag *token.Token
	ast.Walk(visitFunc(func(n ast.Node) bool {
		if t, ok := n.(*ast.TagNode); ok && tag == nil {
			tag = t.GetToken()
		}
		return tag == nil
	}), node)
	if tag != nil {
		return tag
	}
	return node.GetToken()
}

type visitFunc func(ast.Node) bool

func (f visitFunc) Visit(n ast.Node) ast.Visitor {
	if !f(n) {
		return nil
	}
	return f
}
