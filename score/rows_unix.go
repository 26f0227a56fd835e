//go:build unix

package score

import "os"

// spillFile makes a temporary file and unlinks it at once: the store's
// descriptor keeps it, and it is gone when the descriptor is closed, by
// the os.File's cleanup once the store is garbage or when the process
// ends, however it ends.
func spillFile() (*os.File, error) {
	f, err := os.CreateTemp("", "tribunal-rows-*")
	if err != nil {
		return nil, err
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
