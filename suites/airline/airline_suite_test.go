package airline_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suites/suitekit"
)

func TestAirline(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "Northwind Air cases")
}

var _ = suitekit.Domain("airline")
