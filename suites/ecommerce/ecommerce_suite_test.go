package ecommerce_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suites/suitekit"
)

func TestEcommerce(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "Meridian Motors (car sales and online shop) cases")
}

var _ = suitekit.Domain("ecommerce")
