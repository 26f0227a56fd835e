package replay_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"go.uber.org/goleak"
)

func TestReplay(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "replay")
}

// before are the goroutines running before any spec: the runtime's and
// the test framework's.
var before goleak.Option

var _ = BeforeSuite(func() { before = goleak.IgnoreCurrent() })

var _ = AfterSuite(func() {
	// Workers, feeders and collectors must all be gone when Run returns.
	Expect(goleak.Find(before)).To(Succeed())
})
