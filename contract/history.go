package contract

import (
	"context"
	"fmt"
)

// Release is one published version of a contract as a tag publishes it.
type Release struct {
	Published
	// Tag is the tag that publishes it; Date the tagged commit's date
	// (YYYY-MM-DD, UTC).
	Tag, Date string
	// Files are the contract's files in that version.
	Files []string
}

// Releases returns every published version of c, lowest first, with the
// files owns accepts: the history the deprecation report reads "deprecated
// since" from.
func (b *Tags) Releases(ctx context.Context, c *Contract, owns func(string) bool) ([]Release, error) {
	vs, tagOf := b.Versions(c)
	out := make([]Release, 0, len(vs))
	for _, v := range vs {
		tag := tagOf[v.String()]
		s, err := b.snapshot(ctx, tag)
		if err != nil {
			return nil, err
		}
		date, err := b.git.CommitDate(ctx, b.commits[tag])
		if err != nil {
			return nil, fmt.Errorf("tag %s: %w", tag, err)
		}
		p := Published{Tree: s.tree, Version: &v, Label: c.Name + "@" + v.String(), Paths: c.Paths}
		files, missing := s.tree.resolve(c.Paths, owns)
		if len(missing) > 0 {
			if old := s.published(c); old.Paths != nil {
				p.Paths = old.Paths
				files, _ = s.tree.resolve(old.Paths, owns)
			}
		}
		out = append(out, Release{Published: p, Tag: tag, Date: date, Files: files})
	}
	return out, nil
}

// ContractFiles returns the files of c in the tree that owns accepts, and
// the configured paths that name nothing.
func (t *Tree) ContractFiles(c *Contract, owns func(string) bool) (files, missing []string) {
	return t.resolve(c.Paths, owns)
}
