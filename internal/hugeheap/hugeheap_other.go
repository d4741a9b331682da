//go:build !linux

package hugeheap

// reserve does nothing: transparent huge pages are a Linux feature.
func reserve(int64) {}
