//go:build !linux

package measure

import "time"

// nap sleeps d; here with Go's own timer.
func nap(d time.Duration) { time.Sleep(d) }
