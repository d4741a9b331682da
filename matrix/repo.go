package matrix

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/source"
)

// Publisher lists the published versions of a contract, each with its tree
// and the contract's paths at that version.
type Publisher interface {
	Published(ctx context.Context, c *contract.Contract) ([]contract.Published, error)
}

// Repo is the Source of a repository: each contract's published versions
// and the version its configuration declares (read from the working tree
// when it is not published yet), compared exactly as `contractlint check`
// compares (contract.Check: rule selection, impact overrides, ignores).
type Repo struct {
	cfg     *contract.Config
	work    *contract.Tree
	engines []checks.Engine
	pub     Publisher

	mu       sync.Mutex
	versions map[string]map[string]repoVersion // contract → version → tree
	digests  map[digestKey]string
}

type repoVersion struct {
	version contract.Version
	label   string
	tree    *contract.Tree
	paths   []string
}

type digestKey struct {
	tree   *contract.Tree
	format checks.Format
}

// NewRepo returns the Source of cfg's contracts: published versions from pub
// (nil: none) and the declared versions from work.
func NewRepo(cfg *contract.Config, work *contract.Tree, pub Publisher, engines []checks.Engine) *Repo {
	return &Repo{cfg: cfg, work: work, engines: engines, pub: pub,
		versions: map[string]map[string]repoVersion{}, digests: map[digestKey]string{}}
}

func (r *Repo) contract(name string) (*contract.Contract, error) {
	for _, c := range r.cfg.Contracts {
		if c.Name == name {
			return c, nil
		}
	}
	return nil, fmt.Errorf("no contract named %q in %s", name, r.cfg.File)
}

func (r *Repo) engine(f checks.Format) (checks.Engine, error) {
	for _, e := range r.engines {
		if e.Format() == f {
			return e, nil
		}
	}
	return nil, fmt.Errorf("format %s is not supported by this build of contractlint", f)
}

// Versions implements Source: the published versions, and the declared one
// from the working tree unless it is published already (then the published
// content is what consumers see).
func (r *Repo) Versions(ctx context.Context, name string) ([]VersionInfo, error) {
	c, err := r.contract(name)
	if err != nil {
		return nil, err
	}
	e, err := r.engine(c.Format)
	if err != nil {
		return nil, err
	}
	var pubs []contract.Published
	if r.pub != nil {
		if pubs, err = r.pub.Published(ctx, c); err != nil {
			return nil, err
		}
	}
	vs := map[string]repoVersion{}
	for _, p := range pubs {
		if p.Version == nil {
			continue
		}
		vs[p.Version.String()] = repoVersion{version: *p.Version, label: p.Label, tree: p.Tree, paths: p.Paths}
	}
	if _, ok := vs[c.Version.String()]; !ok && r.work != nil {
		vs[c.Version.String()] = repoVersion{version: c.Version, label: c.Name + "@" + c.Version.String() + " (working tree)", tree: r.work, paths: c.Paths}
	}
	var out []VersionInfo
	for v, rv := range vs {
		h, err := r.hash(ctx, rv, e)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rv.label, err)
		}
		out = append(out, VersionInfo{Version: v, Hash: h})
	}
	slices.SortFunc(out, func(a, b VersionInfo) int { return cmp.Compare(a.Version, b.Version) })
	r.mu.Lock()
	r.versions[name] = vs
	r.mu.Unlock()
	return out, nil
}

// hash digests what a comparison of the version reads: every file of its
// tree the contract's engine owns (imports may be anywhere) and the
// contract's paths.
func (r *Repo) hash(ctx context.Context, rv repoVersion, e checks.Engine) (string, error) {
	k := digestKey{rv.tree, e.Format()}
	r.mu.Lock()
	d, ok := r.digests[k]
	r.mu.Unlock()
	if !ok {
		h := sha256.New()
		oids, _ := rv.tree.FS.(interface{ ObjectID(string) (string, bool) })
		for _, f := range rv.tree.Files {
			if err := ctx.Err(); err != nil {
				return "", err
			}
			if !e.Owns(f) {
				continue
			}
			if oids != nil {
				if oid, ok := oids.ObjectID(f); ok {
					fmt.Fprintf(h, "%s\x00git:%s\x00", f, oid)
					continue
				}
			}
			data, err := fs.ReadFile(rv.tree.FS, f)
			if err != nil {
				return "", err
			}
			fmt.Fprintf(h, "%s\x00sha256:%x\x00", f, sha256.Sum256(data))
		}
		d = hex.EncodeToString(h.Sum(nil))
		r.mu.Lock()
		r.digests[k] = d
		r.mu.Unlock()
	}
	sum := sha256.Sum256([]byte(d + "\x00" + strings.Join(rv.paths, "\x00")))
	return hex.EncodeToString(sum[:]), nil
}

// Compare implements Source by checking version new of the contract against
// version old, as `check` would with old published and new proposed.
func (r *Repo) Compare(ctx context.Context, name string, old, new VersionInfo) ([]checks.Finding, error) {
	c, err := r.contract(name)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	o, okOld := r.versions[name][old.Version]
	n, okNew := r.versions[name][new.Version]
	r.mu.Unlock()
	if !okOld || !okNew {
		return nil, fmt.Errorf("%s: versions %s and %s were not listed", name, old.Version, new.Version)
	}
	e, err := r.engine(c.Format)
	if err != nil {
		return nil, err
	}
	cp := *c
	cp.Paths, cp.Version = n.paths, n.version
	cfg := &contract.Config{File: r.cfg.File, Contracts: []*contract.Contract{&cp}}
	work := &contract.Tree{FS: n.tree.FS, Files: n.tree.Files, Label: n.label}
	base := single{contract.Published{Version: &o.version, Label: o.label, Tree: o.tree, Paths: o.paths}}
	rep, err := contract.Check(ctx, cfg, work, contract.Options{Engines: []checks.Engine{e}, Baseline: base, Parallel: 1})
	if err != nil {
		return nil, err
	}
	return rep.Findings, nil
}

// Fingerprint implements Source: the contract's format, its engine's rules
// and everything in its configuration that changes a comparison's outcome.
func (r *Repo) Fingerprint(name string) string {
	h := sha256.New()
	fmt.Fprintf(h, "contractlint matrix 1\x00")
	c, err := r.contract(name)
	if err != nil {
		return "unknown"
	}
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%q\x00%q\x00", c.Format, c.Mode, c.Policy, c.Use, c.Except)
	if e, err := r.engine(c.Format); err == nil {
		for _, rule := range e.Rules() {
			fmt.Fprintf(h, "%s:%s:%s:%t\x00", rule.ID, rule.Impact, rule.Breaks, rule.Default)
		}
	}
	for _, id := range slices.Sorted(func(yield func(string) bool) {
		for id := range c.Impacts {
			if !yield(id) {
				return
			}
		}
	}) {
		fmt.Fprintf(h, "impact %s=%s\x00", id, c.Impacts[id])
	}
	for _, ig := range c.Ignores {
		fmt.Fprintf(h, "ignore %s\x00%s\x00%s\x00%s\x00", ig.Rule, ig.Path, ig.Element, ig.Reason)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// single is a baseline of one published version.
type single struct{ p contract.Published }

func (s single) Label() string                      { return s.p.Label }
func (s single) Describe(*contract.Contract) string { return s.p.Label }
func (s single) Published(context.Context, *contract.Contract, bool) ([]contract.Published, error) {
	return []contract.Published{s.p}, nil
}

// GitTags publishes every version a git tag matching the contract's tag
// pattern names, with the contract's paths at that tag (from the
// configuration in it, else the current ones).
type GitTags struct {
	git        *source.Git
	tags       *contract.Tags
	prefix     string
	configName string

	mu    sync.Mutex
	trees map[string]*tagTree
}

type tagTree struct {
	tree *contract.Tree
	cfg  *contract.Config
}

// NewGitTags lists the repository's tags once; prefix is the configuration's
// directory relative to the top of the work tree and configName its file
// name.
func NewGitTags(ctx context.Context, g *source.Git, prefix, configName string) (*GitTags, error) {
	tags, err := contract.NewTags(ctx, g, prefix, configName)
	if err != nil {
		return nil, err
	}
	return &GitTags{git: g, tags: tags, prefix: prefix, configName: configName, trees: map[string]*tagTree{}}, nil
}

// Published implements Publisher.
func (g *GitTags) Published(ctx context.Context, c *contract.Contract) ([]contract.Published, error) {
	vs, tagOf := g.tags.Versions(c)
	out := make([]contract.Published, 0, len(vs))
	for _, v := range vs {
		tag := tagOf[v.String()]
		t, err := g.tree(ctx, tag)
		if err != nil {
			return nil, err
		}
		p := contract.Published{Version: &v, Label: c.Name + "@" + v.String(), Tree: t.tree, Paths: c.Paths}
		if t.cfg != nil {
			for _, old := range t.cfg.Contracts {
				if old.Name == c.Name {
					p.Paths = old.Paths
				}
			}
		}
		out = append(out, p)
	}
	return out, nil
}

func (g *GitTags) tree(ctx context.Context, tag string) (*tagTree, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if t, ok := g.trees[tag]; ok {
		return t, nil
	}
	st, err := g.git.Tree(ctx, "refs/tags/"+tag, g.prefix)
	if err != nil {
		return nil, fmt.Errorf("tag %s: %w", tag, err)
	}
	t := &tagTree{tree: &contract.Tree{FS: st, Files: st.Files(), Label: tag}}
	if data, err := fs.ReadFile(st, g.configName); err == nil {
		// An invalid configuration at an old tag only loses its paths.
		t.cfg, _ = contract.Parse(tag+":"+g.configName, data)
	}
	g.trees[tag] = t
	return t, nil
}

// DecodeConfig decodes the producers:, consumers: and environments:
// sections of a loaded configuration (and matrix.file) with their positions,
// and checks that every contract they name is configured.
func DecodeConfig(cfg *contract.Config) (*Declarations, error) {
	producers, consumers, environments, settings := cfg.Section("producers"), cfg.Section("consumers"), cfg.Section("environments"), cfg.Section("matrix")
	d, decodeErr := Decode(cfg.File, producers, consumers, environments)
	var diags []checks.Diagnostic
	var ie *checks.InputError
	if errors.As(decodeErr, &ie) {
		diags = ie.Diagnostics
	}
	if settings != nil && settings.Kind == yaml.MappingNode {
		if f := field(settings, "file"); f != nil {
			clean := path.Clean(f.Value)
			if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(f.Value, `\`) {
				return nil, &checks.InputError{Diagnostics: []checks.Diagnostic{{File: cfg.File, Line: f.Line, Column: f.Column,
					Message: fmt.Sprintf("matrix: file %q must be a slash-separated path inside the repository", f.Value)}}}
			}
			d.File = clean
		}
	}
	var names []string
	for _, c := range cfg.Contracts {
		names = append(names, c.Name)
	}
	if errors.As(d.CheckContracts(cfg.File, names), &ie) {
		diags = append(diags, ie.Diagnostics...)
	}
	if len(diags) > 0 {
		slices.SortStableFunc(diags, func(a, b checks.Diagnostic) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
		})
		return nil, &checks.InputError{Diagnostics: diags}
	}
	return d, nil
}

// Declared reports whether the declarations name any producer or consumer.
func (d *Declarations) Declared() bool { return len(d.Producers) > 0 || len(d.Consumers) > 0 }
