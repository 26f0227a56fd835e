// Package parcels is the Ginkgo suite of the bundled parcels cases (Swiftparcel (parcel delivery)): each
// case is replayed against $TRIBUNAL_TARGET (or the embedded demo bot) and
// becomes a spec labelled with its tags, severity and language. See
// suites/suitekit.
package parcels
