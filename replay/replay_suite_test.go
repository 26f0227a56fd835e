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

var _ = AfterSuite(func() {
	// Workers, feeders and collectors must all be gone when Run returns.
	Expect(goleak.Find(goleak.IgnoreCurrent())).To(Succeed())
})
