package measure

import (
	"syscall"
	"time"
)

// nap sleeps d with nanosleep(2), which wakes within tens of microseconds.
func nap(d time.Duration) {
	ts := syscall.NsecToTimespec(int64(d))
	_ = syscall.Nanosleep(&ts, nil) // woken early by a signal: the clock loops
}
