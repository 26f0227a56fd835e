package cli

// HoldCases sets how many validated cases a run holds rather than reading
// them again as it replays, and returns a function that restores it.
func HoldCases(n int) (restore func()) {
	old := holdMax
	holdMax = n
	return func() { holdMax = old }
}
