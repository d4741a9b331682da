package schemaregistry

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/contract"
)

// Source is a repository seen against a schema registry: the registry's
// versions of each contract's subject, the working tree whose layout they
// are placed in, and the git tags that say which registry version is which
// release. It is the baseline of `check --against registry` and the input
// of Status and Push.
type Source struct {
	// Fetch reads the registry.
	Fetch *Fetcher
	// Work is the working tree.
	Work *contract.Tree
	// Tags are the repository's release tags; nil outside a git
	// repository (registry versions then have no semantic version, unless
	// VersionProperty gives it).
	Tags *contract.Tags
	// TagsErr says why Tags is nil, when it is.
	TagsErr error
	// Owns says which files of a directory belong to a format's contract.
	Owns func(checks.Format) func(string) bool
	// VersionProperty names the metadata property holding a version's
	// semantic version; empty maps by content only.
	VersionProperty string
	// Note, when set, is told in one line per contract which registry
	// version it is compared with and under which level.
	Note func(msg string)
}

// needTags returns why the tags cannot be read, or nil.
func (s *Source) needTags(what string) error {
	switch {
	case s.Tags != nil:
		return nil
	case s.TagsErr != nil:
		return fmt.Errorf("%s compares the registry with the git tags: %w", what, s.TagsErr)
	}
	return fmt.Errorf("no git repository: %s compares the registry with the git tags", what)
}

// Entry is one registered version of a contract's subject.
type Entry struct {
	// Schema is the registered version; Bundle it with its references as
	// files; Key its normalised content.
	Schema *Schema
	Bundle *Bundle
	Key    string
	// Release is the semantic version it is mapped to, nil when none; By
	// says how: "content" (equal to the tagged release's files) or
	// "metadata property NAME".
	Release *contract.Version
	Tag, By string
}

// Label implements contract.Baseline.
func (s *Source) Label() string { return "schema registry " + s.Fetch.Client.URL() }

// Describe implements contract.Baseline.
func (s *Source) Describe(c *contract.Contract) string {
	return "nothing registered under subject " + c.Subject() + " in the schema registry"
}

// Mode implements contract.ModeSource: the subject's compatibility level
// (its own, else the global one).
func (s *Source) Mode(ctx context.Context, c *contract.Contract) (checks.Mode, error) {
	level, err := s.Fetch.Client.Level(ctx, c.Subject())
	if err != nil {
		return checks.Mode{}, err
	}
	m, err := checks.ParseMode(strings.ToLower(level))
	if err != nil {
		return checks.Mode{}, fmt.Errorf("schema registry: subject %s has compatibility level %q, which contractlint does not know; set compatibility on contract %s", c.Subject(), level, c.Name)
	}
	return m, nil
}

// Published implements contract.Baseline: the subject's latest version, and
// with transitive every older one after it.
func (s *Source) Published(ctx context.Context, c *contract.Contract, transitive bool) ([]contract.Published, error) {
	entries, err := s.Entries(ctx, c, !transitive)
	if err != nil || len(entries) == 0 {
		return nil, err
	}
	if s.Note != nil {
		how := "the subject's level"
		if c.ModeSet {
			how = "set by the contract"
		}
		latest := entries[len(entries)-1]
		msg := fmt.Sprintf("%s: comparing with %s, compatibility %s (%s)", c.Name, latest.Label(), c.Mode, how)
		if len(entries) > 1 {
			msg += fmt.Sprintf(" and %d older versions", len(entries)-1)
		}
		s.Note(msg)
	}
	out := make([]contract.Published, 0, len(entries))
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		out = append(out, contract.Published{
			Version: e.Release,
			Label:   e.Label(),
			Tree:    &contract.Tree{FS: s.treeFS(e.Bundle), Label: e.Label()},
			Paths:   c.Paths,
		})
	}
	return out, nil
}

// Label names an entry for people: "payments-value v2 (payment@1.1.0 by
// content)".
func (e *Entry) Label() string {
	l := fmt.Sprintf("%s v%d", e.Schema.Subject, e.Schema.Version)
	if e.Release != nil {
		if e.Tag != "" {
			return l + fmt.Sprintf(" (%s, by %s)", e.Tag, e.By)
		}
		return l + fmt.Sprintf(" (%s, by %s)", e.Release, e.By)
	}
	return l + " (no release has this content)"
}

// treeFS is a registry version's files, with the working tree's buf
// configuration so that protobuf imports resolve the same way.
func (s *Source) treeFS(b *Bundle) fs.FS {
	m := fstest.MapFS{}
	for _, f := range s.Work.Files {
		if base := path.Base(f); base == "buf.yaml" || base == "buf.work.yaml" {
			if data, err := fs.ReadFile(s.Work.FS, f); err == nil {
				m[f] = &fstest.MapFile{Data: data, Mode: 0o644}
			}
		}
	}
	for p, data := range b.Files() {
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// RootFile returns the contract's file that is registered as the subject's
// schema: registry.file, else its only file.
func RootFile(c *contract.Contract, files []string) (string, error) {
	if c.Registry.File != "" {
		if !slices.Contains(files, c.Registry.File) {
			return "", fmt.Errorf("%s: contract %s: registry file %s is not one of its files", c.Where("/registry/file"), c.Name, c.Registry.File)
		}
		return c.Registry.File, nil
	}
	if len(files) == 1 {
		return files[0], nil
	}
	return "", fmt.Errorf("%s: contract %s has %d files; set registry.file to the one registered under subject %s (the others are its references)", c.Where(""), c.Name, len(files), c.Subject())
}

// layout is the working tree's layout for c, and c's root file in it.
func (s *Source) layout(c *contract.Contract) (*Layout, string, error) {
	files, _ := s.Work.ContractFiles(c, s.Owns(c.Format))
	root, err := RootFile(c, files)
	if err != nil {
		return nil, "", err
	}
	all := s.Work.Files
	if all == nil {
		all = files
	}
	return NewLayout(s.Work.FS, all, c.Format), root, nil
}

// Entries returns the versions registered under c's subject, lowest first
// (only the latest when latestOnly), mapped to releases. A subject that
// does not exist has none.
func (s *Source) Entries(ctx context.Context, c *contract.Contract, latestOnly bool) ([]*Entry, error) {
	l, root, err := s.layout(c)
	if err != nil {
		return nil, err
	}
	subject := c.Subject()
	versions, err := s.Fetch.Client.Versions(ctx, subject)
	if err != nil || len(versions) == 0 {
		return nil, err
	}
	slices.Sort(versions)
	if latestOnly {
		versions = versions[len(versions)-1:]
	}
	var entries []*Entry
	for _, v := range versions {
		sc, err := s.Fetch.Get(ctx, subject, v)
		if err != nil {
			return nil, err
		}
		if got, want := sc.SchemaType(), Type(c.Format); got != want {
			return nil, fmt.Errorf("schema registry: subject %s version %d holds a schema of type %s, but contract %s is %s", subject, v, got, c.Name, c.Format)
		}
		b, err := s.Fetch.Bundle(ctx, sc, root, l)
		if err != nil {
			return nil, err
		}
		entries = append(entries, &Entry{Schema: sc, Bundle: b, Key: b.Key(c.Format)})
	}
	releases, err := s.Releases(ctx, c)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		s.mapEntry(e, releases)
	}
	if err := s.mapByLookup(ctx, c, entries, releases); err != nil {
		return nil, err
	}
	return entries, nil
}

// mapByLookup maps registry versions that neither a metadata property nor
// the content maps (a registry that stored a canonical form) by asking the
// registry which version holds each remaining release.
func (s *Source) mapByLookup(ctx context.Context, c *contract.Contract, entries []*Entry, releases []*Release) error {
	unmapped := map[int]*Entry{}
	keys := map[string]bool{}
	for _, e := range entries {
		keys[e.Key] = true
		if e.Release == nil {
			unmapped[e.Schema.Version] = e
		}
	}
	if len(unmapped) == 0 {
		return nil
	}
	for _, r := range releases {
		if r.Err != nil || keys[r.Key] {
			continue
		}
		sc, _, ready, err := s.schemaFor(ctx, c, r, lookupOnly)
		if err != nil || !ready {
			return err
		}
		sc.Metadata = nil
		got, ok, err := s.Fetch.Client.Lookup(ctx, c.Subject(), sc)
		if err != nil {
			return err
		}
		if e := unmapped[got.versionOr(ok)]; e != nil {
			v := r.Version
			e.Release, e.Tag, e.By = &v, r.Tag, "registry lookup"
		}
	}
	return nil
}

// mapEntry finds the release a registry version is: by the metadata
// property when the version has it, else the highest release with the same
// content.
func (s *Source) mapEntry(e *Entry, releases []*Release) {
	if s.VersionProperty != "" && e.Schema.Metadata != nil {
		if vs, ok := e.Schema.Metadata.Properties[s.VersionProperty]; ok {
			if v, err := contract.ParseVersion(strings.TrimPrefix(vs, "v")); err == nil {
				e.Release, e.By = &v, "metadata property "+s.VersionProperty
				for _, r := range releases {
					if r.Version.Compare(v) == 0 {
						e.Tag = r.Tag
					}
				}
				return
			}
		}
	}
	for i := len(releases) - 1; i >= 0; i-- {
		if r := releases[i]; r.Err == nil && r.Key == e.Key {
			v := r.Version
			e.Release, e.Tag, e.By = &v, r.Tag, "content"
			return
		}
	}
}

// Release is a tagged release of a contract, as the registry would hold
// it.
type Release struct {
	// Version and Tag name the release; Tree is the tagged tree.
	Version contract.Version
	Tag     string
	Tree    *contract.Tree
	// Paths are the contract's paths in that release.
	Paths  []string
	Bundle *Bundle
	Key    string
	// Err says why the release could not be read as a registry schema (a
	// reference that is not in the tagged tree, several files and no
	// registry.file).
	Err error
}

// Releases returns c's tagged releases, lowest first; none outside git.
func (s *Source) Releases(ctx context.Context, c *contract.Contract) ([]*Release, error) {
	if s.Tags == nil {
		return nil, nil
	}
	rels, err := s.Tags.Releases(ctx, c, s.Owns(c.Format))
	if err != nil {
		return nil, err
	}
	out := make([]*Release, 0, len(rels))
	for _, r := range rels {
		rel := &Release{Version: *r.Version, Tag: r.Tag, Tree: r.Tree, Paths: r.Paths}
		out = append(out, rel)
		root, err := RootFile(c, r.Files)
		if err != nil {
			rel.Err = err
			continue
		}
		b, err := Collect(r.Tree.FS, root, NewLayout(r.Tree.FS, r.Files, c.Format))
		if err != nil {
			rel.Err = fmt.Errorf("tag %s: %w", r.Tag, err)
			continue
		}
		rel.Bundle, rel.Key = b, b.Key(c.Format)
	}
	return out, nil
}

func joinErrs(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}
