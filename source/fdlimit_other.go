//go:build !unix

package source

// dirRootsLimit is the number of directory roots a rootFS keeps open where
// the file-descriptor limit is not known.
func dirRootsLimit() int { return 256 }
