package contract

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/source"
)

// Published is one published version of a contract.
type Published struct {
	// Version is the published version; nil when the baseline does not say
	// (a ref or directory whose configuration does not declare it).
	Version *Version
	// Label names the version for people: "orders@1.4.0", "origin/main".
	Label string
	// Tree holds the published files.
	Tree *Tree
	// Paths are the contract's paths at that version.
	Paths []string
}

// Baseline supplies the published versions contracts are checked against.
type Baseline interface {
	// Label names the baseline in reports: "tags", "origin/main", a directory.
	Label() string
	// Describe says where c's published versions come from, for the message
	// of a new contract: "no tag matching orders/v*".
	Describe(c *Contract) string
	// Published returns the versions of c to compare with, the latest first,
	// and with transitive every older version of the latest's major line
	// after it. None means c was never published.
	Published(ctx context.Context, c *Contract, transitive bool) ([]Published, error)
}

// ModeSource is implemented by a Baseline that knows the compatibility mode
// a contract is held to, such as a schema registry's level for its subject.
// Check applies it to contracts whose configuration does not set
// compatibility, before asking for the published versions.
type ModeSource interface {
	Mode(ctx context.Context, c *Contract) (checks.Mode, error)
}

// Tags is the default baseline: git tags matching each contract's tag
// pattern, the highest version being the latest.
type Tags struct {
	git        *source.Git
	prefix     string
	configName string
	tags       []string
	commits    map[string]string // tag → commit

	mu    sync.Mutex
	trees map[string]*snapshot // by commit
}

// NewTags lists the repository's tags. prefix is the configuration
// directory relative to the top of the work tree; configName the
// configuration's file name, read from a tag when the contract's paths name
// nothing there (it moved). In a shallow clone it fails with a hint: some
// tags, or the history they point into, may be missing, and a missing
// latest release would make an older one (or nothing) look published.
func NewTags(ctx context.Context, g *source.Git, prefix, configName string) (*Tags, error) {
	shallow, err := g.Shallow(ctx)
	if err != nil {
		return nil, err
	}
	if shallow {
		return nil, errors.New("published versions are read from git tags, but " + source.FetchHint)
	}
	refs, err := g.TagCommits(ctx)
	if err != nil {
		return nil, err
	}
	b := &Tags{git: g, prefix: prefix, configName: configName, commits: refs, trees: map[string]*snapshot{}}
	for t := range refs {
		b.tags = append(b.tags, t)
	}
	slices.Sort(b.tags)
	return b, nil
}

// Label implements Baseline.
func (b *Tags) Label() string { return "the latest tag of each contract" }

// Describe implements Baseline.
func (b *Tags) Describe(c *Contract) string {
	return "no tag matching " + strings.ReplaceAll(strings.ReplaceAll(c.Tag, "{name}", c.Name), "{version}", "*")
}

// Versions returns the versions of c that tags publish, lowest first, with
// their tags.
func (b *Tags) Versions(c *Contract) ([]Version, map[string]string) {
	var vs []Version
	tagOf := map[string]string{}
	before, after := c.tagAffixes()
	// Tags are sorted: those starting with the pattern's prefix are
	// contiguous.
	i, _ := slices.BinarySearch(b.tags, before)
	for _, t := range b.tags[i:] {
		if !strings.HasPrefix(t, before) {
			break
		}
		if v, ok := tagVersion(t, before, after); ok {
			if _, dup := tagOf[v.String()]; !dup {
				vs = append(vs, v)
			}
			tagOf[v.String()] = t
		}
	}
	SortVersions(vs)
	return vs, tagOf
}

// versionSuffix is a semantic version at the end of a tag name.
const versionSuffix = `[/_.@-]+[vV]?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`

// CheckPattern returns an error when c's tag pattern matches no tag while
// tags that name the contract and end in a version exist: the pattern is
// wrong (or those releases were tagged wrongly), and treating the contract
// as never published would report a silent "new".
func (b *Tags) CheckPattern(c *Contract) error {
	if vs, _ := b.Versions(c); len(vs) > 0 {
		return nil
	}
	// The contract's name, then separators and a version: orders/v1.2.0,
	// release-orders-1.2.0; not orders-v2/v1.0.0 (another contract).
	looksLike := regexp.MustCompile(`(^|[/_.@-])` + regexp.QuoteMeta(c.Name) + versionSuffix)
	var like []string
	for _, t := range b.tags {
		if looksLike.MatchString(t) {
			like = append(like, t)
		}
	}
	if len(like) == 0 {
		return nil
	}
	if len(like) > 5 {
		like = append(like[:5], "...")
	}
	return fmt.Errorf("%s: tag pattern %q matches no tag, but %s look like published versions of %s: fix the tag pattern (or the tags); unknown is never compatible",
		c.Where("/tag"), c.Tag, strings.Join(like, ", "), c.Name)
}

// Published implements Baseline.
func (b *Tags) Published(ctx context.Context, c *Contract, transitive bool) ([]Published, error) {
	vs, tagOf := b.Versions(c)
	if len(vs) == 0 {
		return nil, b.CheckPattern(c)
	}
	latest := vs[len(vs)-1]
	if c.Version.Compare(latest) < 0 && !sameLine(c.Version, latest) {
		// A maintenance branch (1.4.1 while 2.0.0 is out) continues its
		// own line: compare with the latest release of that line.
		for i := len(vs) - 1; i >= 0; i-- {
			if sameLine(vs[i], c.Version) {
				latest = vs[i]
				break
			}
		}
	}
	want := []Version{latest}
	if transitive {
		for i := len(vs) - 1; i >= 0; i-- {
			if sameLine(vs[i], latest) && vs[i].Compare(latest) < 0 {
				want = append(want, vs[i])
			}
		}
	}
	var out []Published
	for _, v := range want {
		tag := tagOf[v.String()]
		s, err := b.snapshot(ctx, tag)
		if err != nil {
			return nil, err
		}
		p := Published{Tree: s.tree, Version: &v, Label: c.Name + "@" + v.String(), Paths: c.Paths}
		if _, missing := s.tree.resolve(c.Paths, func(string) bool { return true }); len(missing) > 0 {
			// The contract moved since: its paths then were in that
			// revision's configuration.
			if old := s.published(c); old.Paths != nil {
				p.Paths = old.Paths
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// sameLine reports whether two versions belong to one compatibility line:
// the same major version, or in 0.x the same minor version.
func sameLine(a, b Version) bool {
	if a.Major == 0 || b.Major == 0 {
		return a.Major == b.Major && a.Minor == b.Minor
	}
	return a.Major == b.Major
}

func (b *Tags) snapshot(ctx context.Context, tag string) (*snapshot, error) {
	commit := b.commits[tag]
	b.mu.Lock()
	defer b.mu.Unlock()
	if s, ok := b.trees[commit]; ok {
		return s, nil
	}
	t, err := b.git.Tree(ctx, commit, b.prefix)
	if err != nil {
		return nil, fmt.Errorf("tag %s: %w", tag, err)
	}
	s := newSnapshot(&Tree{FS: t, Label: tag}, b.configName)
	b.trees[commit] = s
	return s, nil
}

// Snapshot is a baseline that is one tree: a git ref (--against) or a
// directory (--against-dir). The contract's published version and paths come
// from the configuration in that tree, when there is one.
type Snapshot struct {
	s *snapshot
}

// NewRef returns the baseline of a git revision, or of its merge base with
// HEAD when mergeBase is set.
func NewRef(ctx context.Context, g *source.Git, rev string, mergeBase bool, prefix, configName string) (*Snapshot, error) {
	commit, err := g.Resolve(ctx, rev)
	if err != nil {
		return nil, err
	}
	label := rev
	if mergeBase {
		if shallow, err := g.Shallow(ctx); err == nil && shallow {
			return nil, errors.New("--merge-base needs the history of both branches, but " + source.FetchHint)
		}
		if commit, err = g.MergeBase(ctx, "HEAD", commit); err != nil {
			return nil, err
		}
		label = fmt.Sprintf("merge base of HEAD and %s (%.12s)", rev, commit)
	}
	t, err := g.Tree(ctx, commit, prefix)
	if err != nil {
		return nil, err
	}
	return &Snapshot{newSnapshot(&Tree{FS: t, Label: label}, configName)}, nil
}

// NewDir returns the baseline of a directory laid out like the
// configuration's directory.
func NewDir(dir, configName string) (*Snapshot, error) {
	side, err := source.Dir(dir)
	if err != nil {
		return nil, err
	}
	return &Snapshot{newSnapshot(&Tree{FS: side.FS, Files: side.Files, Label: dir}, configName)}, nil
}

// Label implements Baseline.
func (b *Snapshot) Label() string { return b.s.tree.Label }

// Describe implements Baseline.
func (b *Snapshot) Describe(c *Contract) string {
	if b.s.config() == nil {
		return "no files at its paths in " + b.s.tree.Label
	}
	return "not declared in " + b.s.tree.Label
}

// Published implements Baseline.
func (b *Snapshot) Published(_ context.Context, c *Contract, _ bool) ([]Published, error) {
	p := b.s.published(c)
	if p.Tree == nil {
		return nil, nil
	}
	if p.Paths == nil {
		p.Paths = c.Paths
	}
	p.Label = b.s.tree.Label
	if p.Version != nil {
		p.Label = c.Name + "@" + p.Version.String() + " (" + b.s.tree.Label + ")"
	}
	return []Published{p}, nil
}

// snapshot is a tree and the configuration found in it, read on first use.
type snapshot struct {
	tree       *Tree
	configName string
	once       sync.Once
	cfg        *Config // nil when absent or invalid
}

func newSnapshot(t *Tree, configName string) *snapshot {
	return &snapshot{tree: t, configName: configName}
}

func (s *snapshot) config() *Config {
	s.once.Do(func() {
		if data, err := fs.ReadFile(s.tree.FS, s.configName); err == nil {
			// An invalid configuration at an old version only means its
			// versions are unknown; the current one was validated.
			s.cfg, _ = Parse(s.tree.Label+":"+s.configName, data)
		}
	})
	return s.cfg
}

// published returns what the snapshot says of c: no tree when its
// configuration exists but does not declare c (c is new).
func (s *snapshot) published(c *Contract) Published {
	cfg := s.config()
	if cfg == nil {
		return Published{Tree: s.tree}
	}
	for _, old := range cfg.Contracts {
		if old.Name == c.Name {
			v := old.Version
			return Published{Tree: s.tree, Version: &v, Paths: old.Paths}
		}
	}
	return Published{}
}
