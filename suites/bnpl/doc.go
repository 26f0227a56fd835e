// Package bnpl is the Ginkgo suite of the bundled bnpl cases (Paylater AB (buy now, pay later and consumer credit)): each
// case is replayed against $TRIBUNAL_TARGET (or the embedded demo bot) and
// becomes a spec labelled with its tags, severity and language. See
// suites/suitekit.
package bnpl
