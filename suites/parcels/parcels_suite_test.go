package parcels_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suites/suitekit"
)

func TestParcels(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "Swiftparcel (parcel delivery) cases")
}

var _ = suitekit.Domain("parcels")
