// Package source builds the sides of a comparison (see checks.Side) from
// the places contracts live: local files and directories (sandboxed with
// os.Root so that no path or symlink escapes them) and git commits, read
// straight from the object store with the git command-line tool.
package source
