package judges_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

func TestJudges(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "judges")
}
