package measure

import (
	"bytes"
	"os"
	"strconv"
	"sync"
	"time"
)

// CPU time is read from /proc (Linux), where utime and stime are in
// USER_HZ ticks, 100 a second on every Linux architecture's ABI.
const userHZ = 100

// cpuSample is one reading, while a child runs, of the CPU time used so far
// by the child, by this process (the bot it serves) and by the whole
// machine.
type cpuSample struct {
	at                   time.Time
	child, self, machine time.Duration
	// irq is the machine's time in interrupts (softirq included), which no
	// process is charged for: loopback TCP is processed there.
	irq time.Duration
}

// cpuSampler reads CPU times every interval until stopped.
type cpuSampler struct {
	mu      sync.Mutex
	samples []cpuSample
	// hwm is the highest VmHWM read, in bytes (0 where /proc has none).
	hwm  int64
	stop chan struct{}
	done chan struct{}
}

func startSampler(pid int, interval time.Duration) *cpuSampler {
	s := &cpuSampler{stop: make(chan struct{}), done: make(chan struct{})}
	statPath := "/proc/" + strconv.Itoa(pid) + "/stat"
	statusPath := "/proc/" + strconv.Itoa(pid) + "/status"
	read := func() {
		if hwm, ok := peakRSS(statusPath); ok {
			s.mu.Lock()
			s.hwm = max(s.hwm, hwm)
			s.mu.Unlock()
		}
		child, ok1 := processCPU(statPath)
		machine, irq, ok2 := machineCPU()
		if !ok1 || !ok2 {
			return
		}
		smp := cpuSample{at: time.Now(), child: child, self: selfCPU(), machine: machine, irq: irq}
		s.mu.Lock()
		s.samples = append(s.samples, smp)
		s.mu.Unlock()
	}
	go func() {
		defer close(s.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		read()
		for {
			select {
			case <-s.stop:
				return
			case <-t.C:
				read()
			}
		}
	}()
	return s
}

// finish stops sampling and returns the readings and the peak RSS read.
func (s *cpuSampler) finish() ([]cpuSample, int64) {
	close(s.stop)
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.samples, s.hwm
}

// CPUWindow is the CPU time spent between two instants of a Run.
type CPUWindow struct {
	// Child is the measured process's CPU time.
	Child time.Duration
	// Self is this process's: the bot it serves, and the sampling itself.
	Self time.Duration
	// Interrupts is the machine's time in interrupt handlers, charged to no
	// process: mostly the loopback TCP between the child and the bot.
	Interrupts time.Duration
	// Others is every other process's on the machine: work that competed
	// for the CPUs and makes the measurement less trustworthy.
	Others time.Duration
	// Span is the window's length.
	Span time.Duration
}

// CPU is the CPU time spent over the whole run, as far as it was sampled.
func (r Result) CPU() (CPUWindow, bool) {
	if len(r.samples) < 2 {
		return CPUWindow{}, false
	}
	return r.CPUBetween(r.samples[0].at, r.samples[len(r.samples)-1].at)
}

// CPUBetween interpolates the Run's CPU samples at from and to. ok is false
// when there are no samples around the window (not Linux, or a window
// outside the run).
func (r Result) CPUBetween(from, to time.Time) (w CPUWindow, ok bool) {
	a, ok1 := interpolate(r.samples, from)
	b, ok2 := interpolate(r.samples, to)
	if !ok1 || !ok2 {
		return CPUWindow{}, false
	}
	w = CPUWindow{Child: b.child - a.child, Self: b.self - a.self, Interrupts: b.irq - a.irq, Span: to.Sub(from)}
	w.Others = max(0, (b.machine-a.machine)-w.Child-w.Self-w.Interrupts)
	return w, true
}

func interpolate(samples []cpuSample, at time.Time) (cpuSample, bool) {
	for i := 1; i < len(samples); i++ {
		p, n := samples[i-1], samples[i]
		if at.Before(p.at) || at.After(n.at) {
			continue
		}
		f := 0.0
		if d := n.at.Sub(p.at); d > 0 {
			f = float64(at.Sub(p.at)) / float64(d)
		}
		lerp := func(x, y time.Duration) time.Duration { return x + time.Duration(f*float64(y-x)) }
		return cpuSample{at: at, child: lerp(p.child, n.child), self: lerp(p.self, n.self), machine: lerp(p.machine, n.machine), irq: lerp(p.irq, n.irq)}, true
	}
	return cpuSample{}, false
}

// peakRSS reads a process's peak resident set size (VmHWM) since it
// started its program.
func peakRSS(statusPath string) (int64, bool) {
	data, err := os.ReadFile(statusPath)
	if err != nil {
		return 0, false
	}
	_, rest, ok := bytes.Cut(data, []byte("\nVmHWM:"))
	if !ok {
		return 0, false
	}
	line, _, _ := bytes.Cut(rest, []byte("\n"))
	f := bytes.Fields(line) // "1234", "kB"
	if len(f) != 2 || string(f[1]) != "kB" {
		return 0, false
	}
	kb, err := strconv.ParseInt(string(f[0]), 10, 64)
	return kb * 1024, err == nil
}

// processCPU reads utime+stime of a process (all its threads).
func processCPU(statPath string) (time.Duration, bool) {
	data, err := os.ReadFile(statPath)
	if err != nil {
		return 0, false
	}
	// The command name (field 2) may hold spaces; the fields after it do not.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, false
	}
	f := bytes.Fields(data[i+1:])
	// f[0] is field 3 (state), so utime (14) and stime (15) are f[11], f[12].
	if len(f) < 13 {
		return 0, false
	}
	u, err1 := strconv.ParseInt(string(f[11]), 10, 64)
	s, err2 := strconv.ParseInt(string(f[12]), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return ticks(u + s), true
}

// machineCPU is the busy time of all CPUs from /proc/stat (everything but
// idle and iowait) and, within it, the time in interrupts.
func machineCPU() (busy, irq time.Duration, ok bool) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, false
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	f := bytes.Fields(line)
	if len(f) < 9 || string(f[0]) != "cpu" {
		return 0, 0, false
	}
	// user nice system idle iowait irq softirq steal; guest time that
	// follows is already counted in user time.
	var n [8]int64
	for i := range n {
		if n[i], err = strconv.ParseInt(string(f[i+1]), 10, 64); err != nil {
			return 0, 0, false
		}
	}
	return ticks(n[0] + n[1] + n[2] + n[5] + n[6] + n[7]), ticks(n[5] + n[6]), true
}

func ticks(n int64) time.Duration { return time.Duration(n) * (time.Second / userHZ) }

// OthersBusy is how many CPUs' worth of work processes other than this one
// did over the next window: a rough gauge of whether the machine is quiet
// enough to measure on. ok is false where /proc/stat is not available.
func OthersBusy(window time.Duration) (cpus float64, ok bool) {
	m0, _, ok0 := machineCPU()
	s0 := selfCPU()
	start := time.Now()
	time.Sleep(window)
	m1, _, ok1 := machineCPU()
	s1 := selfCPU()
	if !ok0 || !ok1 {
		return 0, false
	}
	others := (m1 - m0) - (s1 - s0)
	return max(0, float64(others)/float64(time.Since(start))), true
}

// WaitQuiet waits, up to limit, until the other processes on the machine
// use less than threshold CPUs over a second, and says how busy they were
// at the end.
func WaitQuiet(threshold float64, limit time.Duration) (cpus float64, quiet bool) {
	deadline := time.Now().Add(limit)
	for {
		cpus, ok := OthersBusy(time.Second)
		if !ok {
			return 0, true
		}
		if cpus < threshold {
			return cpus, true
		}
		if time.Now().After(deadline) {
			return cpus, false
		}
	}
}
