package measure_test

import (
	"os"
	"runtime"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/bench/measure"
)

var _ = Describe("Run", func() {
	It("reports the peak RSS of the child's program, not of the process it was started from", func() {
		if _, err := os.Stat("/proc/self/status"); err != nil {
			Fail("this spec reads /proc: run it on Linux")
		}
		// Hold 256 MB, touched, so this process is far larger than the
		// child: Linux starts a child's rusage maxrss at its parent's peak.
		big := make([]byte, 256<<20)
		for i := 0; i < len(big); i += 4096 {
			big[i] = 1
		}
		res, err := measure.Run(GinkgoT().TempDir(), nil, "sleep", "0.2")
		Expect(err).NotTo(HaveOccurred())
		Expect(res.ExitCode).To(Equal(0))
		Expect(res.MaxRSS).To(BeNumerically(">", 0))
		Expect(res.MaxRSS).To(BeNumerically("<", 64<<20), "sleep's own peak, not this process's")
		runtime.KeepAlive(big)
	})
})
