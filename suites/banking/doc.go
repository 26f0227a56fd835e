// Package banking is the Ginkgo suite of the bundled banking cases (Kestrel Bank (retail banking)): each
// case is replayed against $TRIBUNAL_TARGET (or the embedded demo bot) and
// becomes a spec labelled with its tags, severity and language. See
// suites/suitekit.
package banking
