//go:build !unix

package target_test

import "time"

// cpuTime is unknown here; the benchmarks then report 0 CPU per turn.
func cpuTime() time.Duration { return 0 }
