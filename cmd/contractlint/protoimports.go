package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/protobuf"
	"github.com/contractlint/contractlint/source"
)

// protoPathFlag is diff's -I/--proto-path.
func protoPathFlag() cli.Flag {
	return &cli.StringSliceFlag{
		Name:    "proto-path",
		Aliases: []string{"I"},
		Usage: "protobuf import root `DIR` (repeatable), like protoc's -I: a directory inside OLD and NEW (relative to them) " +
			"whose files are compared by their names below it, or a directory elsewhere (a vendored dependency) that only resolves imports",
	}
}

// protoImports sorts the --proto-path directories into import roots inside
// the compared directories (relative to each) and dependency directories
// outside them.
func protoImports(dirs []string, oldPath, newPath string) (roots []string, deps []protobuf.ImportDir, err error) {
	for _, d := range dirs {
		if d == "" {
			continue
		}
		root, ok, err := rootIn(d, oldPath, newPath)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			roots = append(roots, root)
			continue
		}
		st, err := os.Stat(d)
		if err != nil || !st.IsDir() {
			return nil, nil, fmt.Errorf("--proto-path %s: not a directory inside %s or %s, nor one on disk", d, oldPath, newPath)
		}
		fsys, err := source.ImportDir(d)
		if err != nil {
			return nil, nil, fmt.Errorf("--proto-path %s: %w", d, err)
		}
		deps = append(deps, protobuf.ImportDir{FS: fsys, Label: d})
	}
	return roots, deps, nil
}

// rootIn reports whether d names a directory of the compared trees: relative
// to them (proto), or a path into one of them (old/proto). It returns it
// relative to the trees, slash-separated.
func rootIn(d, oldPath, newPath string) (string, bool, error) {
	if !filepath.IsAbs(d) {
		for _, side := range []string{oldPath, newPath} {
			if st, err := os.Stat(filepath.Join(side, d)); err == nil && st.IsDir() {
				rel := filepath.ToSlash(filepath.Clean(d))
				if rel == ".." || strings.HasPrefix(rel, "../") {
					return "", false, fmt.Errorf("--proto-path %s leaves %s", d, side)
				}
				return rel, true, nil
			}
		}
	}
	abs, err := filepath.Abs(d)
	if err != nil {
		return "", false, err
	}
	for _, side := range []string{oldPath, newPath} {
		sa, err := filepath.Abs(side)
		if err != nil {
			return "", false, err
		}
		if rel, err := filepath.Rel(sa, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel), true, nil
		}
	}
	return "", false, nil
}

// completeProto adds buf's module cache (see protobuf.LocalBufCache) to the
// protobuf options of a request and a receiver of notes, printed on w.
func completeProto(req *checks.Request, w io.Writer) {
	o, _ := checks.OptionsFor(req.Options, checks.Protobuf).(protobuf.Options)
	o.BufCache, o.BufCacheDir = protobuf.LocalBufCache(source.ImportDir)
	req.Options = checks.WithOptions(req.Options, o)
	req.Notes = func(s string) { fmt.Fprintf(w, "contractlint: note: %s\n", s) }
}
