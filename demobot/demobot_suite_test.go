package demobot_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

func TestDemobot(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "Demobot Suite")
}
