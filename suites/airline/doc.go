// Package airline is the Ginkgo suite of the bundled airline cases (Northwind Air): each
// case is replayed against $TRIBUNAL_TARGET (or the embedded demo bot) and
// becomes a spec labelled with its tags, severity and language. See
// suites/suitekit.
package airline
