package measure

import (
	"runtime"
	"sync"
	"time"
)

// clock holds the memoized bot's replies for its latency, precisely. Go's
// timers fire up to a millisecond late when the process is idle (the
// runtime waits for them in whole milliseconds), which at 20 ms a reply
// would put the bot's own lateness into every measurement; the clock
// instead sleeps on one OS thread of its own with the system's finer
// sleep, and releases the waiting replies in order of their deadlines.
// Every reply waits the same latency, so arrival order is deadline order.
type clock struct {
	mu    sync.Mutex
	queue []*delay
	wake  chan struct{} // a delay arrived at an empty queue
	done  <-chan struct{}
}

// delay is one connection's pending wait, reused for its requests.
type delay struct {
	at    time.Time
	ready chan struct{} // receives when at has passed
}

func newDelay() *delay { return &delay{ready: make(chan struct{}, 1)} }

func startClock(done <-chan struct{}) *clock {
	c := &clock{wake: make(chan struct{}, 1), done: done}
	go c.run()
	return c
}

// wait returns after d, or false early when the bot closes.
func (c *clock) wait(dl *delay, d time.Duration) bool {
	dl.at = time.Now().Add(d)
	c.mu.Lock()
	c.queue = append(c.queue, dl)
	first := len(c.queue) == 1
	c.mu.Unlock()
	if first {
		select {
		case c.wake <- struct{}{}:
		default:
		}
	}
	select {
	case <-dl.ready:
		return true
	case <-c.done:
		return false
	}
}

// maxNap bounds one sleep, so the clock notices the bot closing.
const maxNap = 50 * time.Millisecond

func (c *clock) run() {
	runtime.LockOSThread() // the sleeps block this thread only
	for {
		c.mu.Lock()
		var next time.Time
		if len(c.queue) > 0 {
			next = c.queue[0].at
		}
		c.mu.Unlock()
		if next.IsZero() {
			select {
			case <-c.wake:
				continue
			case <-c.done:
				return
			}
		}
		select {
		case <-c.done:
			return
		default:
		}
		if d := time.Until(next); d > 0 {
			nap(min(d, maxNap))
			continue
		}
		now := time.Now()
		c.mu.Lock()
		n := 0
		for n < len(c.queue) && !c.queue[n].at.After(now) {
			c.queue[n].ready <- struct{}{}
			n++
		}
		c.queue = append(c.queue[:0], c.queue[n:]...)
		c.mu.Unlock()
	}
}
