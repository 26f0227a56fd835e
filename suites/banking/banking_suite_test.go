package banking_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suites/suitekit"
)

func TestBanking(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "Kestrel Bank (retail banking) cases")
}

var _ = suitekit.Domain("banking")
