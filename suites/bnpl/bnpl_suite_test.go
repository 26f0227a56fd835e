package bnpl_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suites/suitekit"
)

func TestBnpl(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "Paylater AB (buy now, pay later and consumer credit) cases")
}

var _ = suitekit.Domain("bnpl")
