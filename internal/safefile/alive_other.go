//go:build !unix

package safefile

// alive reports whether a process exists; without a cheap check, assume it
// does, so that only temporary files older than staleAge are removed.
func alive(int) bool { return true }
