// Package ecommerce is the Ginkgo suite of the bundled ecommerce cases (Meridian Motors (car sales and online shop)): each
// case is replayed against $TRIBUNAL_TARGET (or the embedded demo bot) and
// becomes a spec labelled with its tags, severity and language. See
// suites/suitekit.
package ecommerce
