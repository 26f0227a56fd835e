//go:build !unix

package measure

import (
	"os"
	"time"
)

// selfCPU is not measured here; OthersBusy needs /proc/stat anyway.
func selfCPU() time.Duration { return 0 }

// childMaxRSS is not measured here: the results say 0.
func childMaxRSS(*os.ProcessState) int64 { return 0 }
