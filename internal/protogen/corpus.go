package protogen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// Corpus is a generated pair of trees: the old side and its mutated copy.
type Corpus struct {
	files     []*file
	old       map[string][]byte
	removed   map[string]bool
	added     map[string]bool
	mutations []Mutation
}

// Generate builds the corpus of cfg. It renders nothing yet: see
// [Corpus.Write] and [Corpus.Each].
func Generate(cfg Config) *Corpus {
	g := newGen(cfg.Seed)
	g.generate(cfg.Files)
	old, removed, added, muts := g.mutate(cfg)
	files := slices.Clone(g.files)
	slices.SortFunc(files, func(a, b *file) int {
		switch {
		case a.path < b.path:
			return -1
		case a.path > b.path:
			return 1
		}
		return 0
	})
	return &Corpus{files: files, old: old, removed: removed, added: added, mutations: muts}
}

// Mutations returns the changes planted in the new side, in the order they
// were made.
func (c *Corpus) Mutations() []Mutation { return slices.Clone(c.mutations) }

// Each calls fn for every file of either side, in path order, with its old
// and new content; old is nil for an added file and new nil for a removed
// one. The two slices are the same slice when the file did not change.
func (c *Corpus) Each(fn func(path string, old, new []byte) error) error {
	for _, f := range c.files {
		text := f.render()
		var o, n []byte
		switch {
		case c.added[f.path]:
			n = text
		case c.removed[f.path]:
			o = text
		case c.old[f.path] != nil:
			o, n = c.old[f.path], text
		default:
			o, n = text, text
		}
		if err := fn(f.path, o, n); err != nil {
			return err
		}
	}
	return nil
}

// Stats summarises one side of a corpus.
type Stats struct {
	Files int
	Bytes int64
}

// Write writes the old side below oldDir and the new side below newDir and
// returns the size of each.
func (c *Corpus) Write(ctx context.Context, oldDir, newDir string) (oldStats, newStats Stats, err error) {
	put := func(root, p string, b []byte, st *Stats) error {
		if b == nil {
			return nil
		}
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			return err
		}
		st.Files++
		st.Bytes += int64(len(b))
		return nil
	}
	err = c.Each(func(p string, o, n []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := put(oldDir, p, o, &oldStats); err != nil {
			return fmt.Errorf("write old side: %w", err)
		}
		if err := put(newDir, p, n, &newStats); err != nil {
			return fmt.Errorf("write new side: %w", err)
		}
		return nil
	})
	return oldStats, newStats, err
}
