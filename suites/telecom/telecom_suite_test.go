package telecom_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suites/suitekit"
)

func TestTelecom(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "Orbitel (mobile and broadband) cases")
}

var _ = suitekit.Domain("telecom")
