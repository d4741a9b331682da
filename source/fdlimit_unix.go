//go:build unix

package source

import "syscall"

// dirRootsLimit is an eighth of the file-descriptor limit (which the Go
// runtime raises to the hard limit at start), between 64 and 2048.
func dirRootsLimit() int {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		return 64
	}
	return int(min(max(rl.Cur/8, 64), 2048))
}
