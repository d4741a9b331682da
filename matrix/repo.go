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

// PathFinder is implemented by a Publisher whose published trees may hold a
// contract at other paths than the current configuration says; Repo asks
// only when it compares the tree.
type PathFinder interface {
	PathsAt(c *contract.Contract, t *contract.Tree) []string
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
	blobs    map[string]string // git blob ID → SHA-256 of its content
	listed   map[listKey]*contract.Tree
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
		versions: map[string]map[string]repoVersion{}, digests: map[digestKey]string{}, blobs: map[string]string{}, listed: map[listKey]*contract.Tree{}}
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

// hash digests what a comparison of the version reads: the content of every
// file of its tree the contract's engine owns (imports may be anywhere) or
// reads as configuration (see checks.ConfigReader: a buf.yaml), with its
// path, and the contract's paths. It depends on content only, never
// on where the content came from: the working tree and a tag of the same
// commit hash alike, so tagging committed content leaves a matrix valid.
// Hidden directories and node_modules are left out on every side, as the
// working tree's listing leaves them out.
func (r *Repo) hash(ctx context.Context, rv repoVersion, e checks.Engine) (string, error) {
	k := digestKey{rv.tree, e.Format()}
	r.mu.Lock()
	d, ok := r.digests[k]
	r.mu.Unlock()
	if !ok {
		if rv.tree.Files == nil {
			if lister, ok := rv.tree.FS.(interface{ Files() []string }); ok {
				rv.tree = &contract.Tree{FS: rv.tree.FS, Files: lister.Files(), Label: rv.tree.Label}
			}
		}
		h := sha256.New()
		oids, _ := rv.tree.FS.(interface{ ObjectID(string) (string, bool) })
		config, _ := e.(checks.ConfigReader)
		for _, f := range rv.tree.Files {
			if err := ctx.Err(); err != nil {
				return "", err
			}
			if !e.Owns(f) && (config == nil || !config.ReadsConfig(f)) || hiddenDir(f) {
				continue
			}
			sum, err := r.contentSum(rv.tree.FS, oids, f)
			if err != nil {
				return "", err
			}
			fmt.Fprintf(h, "%s\x00%s\x00", f, sum)
		}
		d = hex.EncodeToString(h.Sum(nil))
		r.mu.Lock()
		r.digests[k] = d
		r.mu.Unlock()
	}
	sum := sha256.Sum256([]byte(d + "\x00" + strings.Join(rv.paths, "\x00")))
	return hex.EncodeToString(sum[:]), nil
}

// contentSum is the SHA-256 of a file's content; a git blob is read once
// however many trees hold it.
func (r *Repo) contentSum(fsys fs.FS, oids interface{ ObjectID(string) (string, bool) }, f string) (string, error) {
	var oid string
	if oids != nil {
		if id, ok := oids.ObjectID(f); ok {
			oid = id
			r.mu.Lock()
			sum, ok := r.blobs[oid]
			r.mu.Unlock()
			if ok {
				return sum, nil
			}
		}
	}
	data, err := fs.ReadFile(fsys, f)
	if err != nil {
		return "", err
	}
	sum := fmt.Sprintf("%x", sha256.Sum256(data))
	if oid != "" {
		r.mu.Lock()
		r.blobs[oid] = sum
		r.mu.Unlock()
	}
	return sum, nil
}

// hiddenDir reports whether a path lies in a hidden directory or
// node_modules, which the working tree's listing skips.
func hiddenDir(p string) bool {
	dir := path.Dir(p)
	if dir == "." {
		return false
	}
	for _, seg := range strings.Split(dir, "/") {
		if strings.HasPrefix(seg, ".") || seg == "node_modules" {
			return true
		}
	}
	return false
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
	if pf, ok := r.pub.(PathFinder); ok {
		if o.tree != r.work {
			o.paths = pf.PathsAt(c, o.tree)
		}
		if n.tree != r.work {
			n.paths = pf.PathsAt(c, n.tree)
		}
	}
	cp := *c
	cp.Paths, cp.Version = n.paths, n.version
	cfg := &contract.Config{File: r.cfg.File, Contracts: []*contract.Contract{&cp}}
	// Example payloads are read through the trees' file lists too.
	var examples []string
	for _, ex := range c.Examples {
		examples = append(examples, ex.Path)
	}
	nt := r.list(n.tree, slices.Concat(n.paths, examples))
	work := &contract.Tree{FS: nt.FS, Files: nt.Files, Label: n.label}
	base := single{contract.Published{Version: &o.version, Label: o.label, Tree: r.list(o.tree, slices.Concat(o.paths, examples)), Paths: o.paths}}
	rep, err := contract.Check(ctx, cfg, work, contract.Options{Engines: []checks.Engine{e}, Baseline: base, Parallel: 1})
	if err != nil {
		return nil, err
	}
	// The data rules outside the selection decide cells too.
	return append(rep.Findings, rep.DataFindings...), nil
}

// list returns t with its Files listed, listing a lazily published tree once
// per set of paths: only below the paths (a comparison resolves the
// contract's files there and reads imports through the FS), the whole tree
// for a glob.
func (r *Repo) list(t *contract.Tree, paths []string) *contract.Tree {
	if t.Files != nil {
		return t
	}
	k := listKey{t, strings.Join(paths, "\x00")}
	r.mu.Lock()
	l, ok := r.listed[k]
	r.mu.Unlock()
	if ok {
		return l
	}
	var files []string
	for _, p := range paths {
		if lister, ok := t.FS.(interface{ Files() []string }); ok && strings.ContainsAny(p, "*?[") {
			files = append(files, lister.Files()...)
			continue
		}
		_ = fs.WalkDir(t.FS, p, func(name string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				files = append(files, name)
			}
			return nil // a path that names nothing is reported by the check
		})
	}
	slices.Sort(files)
	l = &contract.Tree{FS: t.FS, Files: slices.Compact(files), Label: t.Label}
	r.mu.Lock()
	r.listed[k] = l
	r.mu.Unlock()
	return l
}

type listKey struct {
	tree  *contract.Tree
	paths string
}

// Fingerprint implements Source: the contract's format, its engine's rules
// and everything in its configuration that changes a comparison's outcome.
func (r *Repo) Fingerprint(name string) string {
	h := sha256.New()
	// Version 2: cells judge data (levels), and data rules outside the
	// selection decide them; cells cached under version 1 are recomputed.
	fmt.Fprintf(h, "contractlint matrix 2\x00")
	c, err := r.contract(name)
	if err != nil {
		return "unknown"
	}
	// The engine's options as configured (policy, draft, refs, roots, ...):
	// fmt prints maps sorted, so the text is stable.
	fmt.Fprintf(h, "%s\x00%s\x00%+v\x00%q\x00%q\x00", c.Format, c.Mode, c.Options, c.Use, c.Except)
	if e, err := r.engine(c.Format); err == nil {
		for _, rule := range e.Rules() {
			fmt.Fprintf(h, "%s:%s:%s:%s:%t\x00", rule.ID, rule.Impact, rule.Breaks, rule.Levels, rule.Default)
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

	mu     sync.Mutex
	trees  map[string]*tagTree
	byTree map[*contract.Tree]*tagTree
}

type tagTree struct {
	src    *source.Tree
	tree   *contract.Tree
	parsed bool
	cfg    *contract.Config
}

// NewGitTags lists the repository's tags once; prefix is the configuration's
// directory relative to the top of the work tree and configName its file
// name.
func NewGitTags(ctx context.Context, g *source.Git, prefix, configName string) (*GitTags, error) {
	tags, err := contract.NewTags(ctx, g, prefix, configName)
	if err != nil {
		return nil, err
	}
	return &GitTags{git: g, tags: tags, prefix: prefix, configName: configName,
		trees: map[string]*tagTree{}, byTree: map[*contract.Tree]*tagTree{}}, nil
}

// Published implements Publisher. The contract's paths are its current
// ones; PathsAt corrects them, when a comparison reads the tree, for a
// contract that moved since.
func (g *GitTags) Published(ctx context.Context, c *contract.Contract) ([]contract.Published, error) {
	if err := g.tags.CheckPattern(c); err != nil {
		return nil, err
	}
	vs, tagOf := g.tags.Versions(c)
	out := make([]contract.Published, 0, len(vs))
	for _, v := range vs {
		tag := tagOf[v.String()]
		t, err := g.tree(ctx, tag)
		if err != nil {
			return nil, err
		}
		out = append(out, contract.Published{Version: &v, Label: c.Name + "@" + v.String(), Tree: t.tree, Paths: c.Paths})
	}
	return out, nil
}

// PathsAt implements PathFinder: the contract's paths in a tag's tree. A
// tag's own contractlint.yaml is read only when the current paths name
// nothing there (the contract moved since): parsing a large configuration
// once per tag would dominate an update.
func (g *GitTags) PathsAt(c *contract.Contract, t *contract.Tree) []string {
	g.mu.Lock()
	tt := g.byTree[t]
	g.mu.Unlock()
	if tt == nil || namesAny(tt.src, c.Paths) {
		return c.Paths
	}
	if cfg := g.config(tt, t.Label); cfg != nil {
		for _, old := range cfg.Contracts {
			if old.Name == c.Name {
				return old.Paths
			}
		}
	}
	return c.Paths
}

// namesAny reports whether some path (a file, a directory or a glob) names
// something in the tree; only a glob lists the whole tree.
func namesAny(t *source.Tree, paths []string) bool {
	for _, p := range paths {
		if strings.ContainsAny(p, "*?[") {
			if slices.ContainsFunc(t.Files(), func(f string) bool { return contract.MatchGlob(p, f) }) {
				return true
			}
			continue
		}
		if _, err := fs.Stat(t, p); err == nil {
			return true
		}
	}
	return false
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
	// Files stay unlisted until a comparison needs them (Repo.Compare).
	t := &tagTree{src: st, tree: &contract.Tree{FS: st, Label: tag}}
	g.trees[tag] = t
	g.byTree[t.tree] = t
	return t, nil
}

// config parses the configuration of a tag's tree once; nil when it is
// absent or invalid (an invalid configuration at an old tag only loses its
// paths).
func (g *GitTags) config(t *tagTree, tag string) *contract.Config {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !t.parsed {
		t.parsed = true
		if data, err := fs.ReadFile(t.tree.FS, g.configName); err == nil {
			t.cfg, _ = contract.Parse(tag+":"+g.configName, data)
		}
	}
	return t.cfg
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
