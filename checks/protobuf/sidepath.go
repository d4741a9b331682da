package protobuf

import (
	"context"
	"io/fs"
	"path"

	"github.com/contractlint/contractlint/checks"
)

// SidePaths rewrites the files of protobuf findings from buf's module-relative
// names (a.proto in a module rooted at proto/) to paths relative to the
// sides' root (proto/a.proto), for callers that report against a repository
// rather than a buf module: `check` links findings to repository files,
// annotates changed lines and matches ignores by path. `diff` keeps buf's
// names so that findings match buf's line for line. A file is looked up in
// each module root of the new side, then of the old side (for deleted files).
// The roots are those the engine used for req.
func SidePaths(ctx context.Context, req checks.Request, findings []checks.Finding) ([]checks.Finding, error) {
	old, new := req.Old, req.New
	ic, err := importConfigOf(req)
	if err != nil {
		return nil, err
	}
	ic.notes = nil
	ol, nl, err := resolveLayouts(ctx, old, new, protoFiles(old.Files), protoFiles(new.Files), ic)
	if err != nil {
		return nil, err
	}
	var roots [2][]string
	for i, l := range []*Layout{nl, ol} {
		for _, m := range l.Modules {
			if m.Root != "." && m.Root != "" {
				roots[i] = append(roots[i], m.Root)
			}
		}
	}
	if len(roots[0]) == 0 && len(roots[1]) == 0 {
		return findings, nil
	}
	cache := map[string]string{}
	sides := []checks.Side{new, old}
	for i, f := range findings {
		if f.File == "" {
			continue
		}
		if p, ok := cache[f.File]; ok {
			findings[i].File = p
			continue
		}
		p := f.File
	search:
		for s, side := range sides {
			for _, root := range roots[s] {
				if _, err := fs.Stat(side.FS, path.Join(root, f.File)); err == nil {
					p = path.Join(root, f.File)
					break search
				}
			}
		}
		cache[f.File] = p
		findings[i].File = p
	}
	return checks.Sort(findings), nil
}
