package protobuf

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
)

// Layout is the module structure of one side: where its module roots are,
// read from buf.work.yaml or buf.yaml at the side's root. Without either, the
// side's root is the only module.
type Layout struct {
	// Config is the configuration file the layout came from ("" when none).
	Config string
	// Modules are the module roots, in configuration order.
	Modules []*Module
	// Breaking is the buf.yaml breaking section that applies when no module
	// has one of its own (v2 top level, or the only v1 module).
	Breaking BreakingConfig

	origin  layoutOrigin
	from    string   // with originAdopted, the side whose roots these are
	deps    []depDir // directories outside the side that resolve imports
	missing []bufDep // buf.lock dependencies found nowhere
}

// Module is one module root of a side.
type Module struct {
	// Root is the slash-separated directory of the module relative to the
	// side's root; "." for the side's root itself.
	Root string
	// Excludes are module-relative directories whose files are not part of
	// the module.
	Excludes []string
	// Breaking is the module's breaking configuration.
	Breaking BreakingConfig

	// config is the buf.yaml the module comes from when it is not at the
	// side's root (a buf.yaml in a directory that holds the files).
	config string
}

// BreakingConfig is a buf.yaml breaking section. Paths are relative to the
// module root.
type BreakingConfig struct {
	Found                  bool
	Use, Except            []string
	Ignore                 []string
	IgnoreOnly             map[string][]string
	IgnoreUnstablePackages bool
}

// bufBreakingConfig reads the breaking.use and breaking.except lists of the
// buf.yaml (v1 or v2, or the modules of a buf.work.yaml) at the root of side.
// buf's deprecated rule IDs (FIELD_SAME_LABEL, FIELD_SAME_CTYPE, ...) come
// back replaced by their successors, or dropped when buf made them no-ops.
// found is false when there is no such section. With several modules, the
// top-level section (v2) or the first module that has one wins.
func bufBreakingConfig(side checks.Side) (use, except []string, found bool, err error) {
	if side.FS == nil {
		return nil, nil, false, nil
	}
	l, err := readLayout(side.FS)
	if err != nil {
		return nil, nil, false, err
	}
	if _, c := l.breakingSection(); c != nil {
		return c.Use, c.Except, true, nil
	}
	return nil, nil, false, nil
}

// breakingSection returns the breaking section that chooses the rules of
// the whole side, and the file it is in: the top-level one (v2, or the only
// v1 module), else the first module's that has one; nil when there is none.
func (l *Layout) breakingSection() (string, *BreakingConfig) {
	if l.Breaking.Found {
		return l.Config, &l.Breaking
	}
	for _, m := range l.Modules {
		if m.Breaking.Found {
			switch {
			case m.config != "":
				return m.config, &m.Breaking
			case l.Config == "buf.work.yaml":
				return path.Join(m.Root, "buf.yaml"), &m.Breaking
			}
			return l.Config, &m.Breaking
		}
	}
	return "", nil
}

// configError is a problem with buf.yaml or buf.work.yaml.
type configError struct {
	file string
	line int
	msg  string
}

func (e *configError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.file, e.line, e.msg)
	}
	return fmt.Sprintf("%s: %s", e.file, e.msg)
}

var yamlLine = regexp.MustCompile(`^yaml: (?:unmarshal errors:\n\s*)?line (\d+): (.*)$`)

func decodeYAML(file string, data []byte, v any) error {
	if err := yaml.Unmarshal(data, v); err != nil {
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			return &configError{file: file, line: n, msg: m[2]}
		}
		return &configError{file: file, msg: strings.TrimPrefix(msg, "yaml: ")}
	}
	return nil
}

type yamlBreaking struct {
	Use                    []string            `yaml:"use"`
	Except                 []string            `yaml:"except"`
	Ignore                 []string            `yaml:"ignore"`
	IgnoreOnly             map[string][]string `yaml:"ignore_only"`
	IgnoreUnstablePackages bool                `yaml:"ignore_unstable_packages"`
}

type yamlBuf struct {
	Version string `yaml:"version"`
	Build   struct {
		Roots    []string `yaml:"roots"`
		Excludes []string `yaml:"excludes"`
	} `yaml:"build"`
	Modules []struct {
		Path     string        `yaml:"path"`
		Excludes []string      `yaml:"excludes"`
		Breaking *yamlBreaking `yaml:"breaking"`
	} `yaml:"modules"`
	Breaking *yamlBreaking `yaml:"breaking"`
}

type yamlWork struct {
	Version     string   `yaml:"version"`
	Directories []string `yaml:"directories"`
}

// maxConfigSize bounds what is read of a buf.yaml, buf.work.yaml or
// buf.lock: a configuration of a few hundred lines is a few KiB, and a
// pull request could carry one of gigabytes.
const maxConfigSize = 1 << 20

// readConfig reads the buf configuration file name of fsys, refusing one
// larger than maxConfigSize without reading more of it.
func readConfig(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if len(data) > maxConfigSize {
		return nil, &configError{file: name, msg: fmt.Sprintf("larger than %d MiB, the most contractlint reads of a buf configuration file", maxConfigSize>>20)}
	}
	return data, nil
}

// readLayout reads the side's module layout.
func readLayout(fsys fs.FS) (*Layout, error) {
	if data, err := readConfig(fsys, "buf.work.yaml"); err == nil {
		return readWork(fsys, data)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if data, err := readConfig(fsys, "buf.yaml"); err == nil {
		return readBuf(data)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return &Layout{Modules: []*Module{{Root: "."}}}, nil
}

func readWork(fsys fs.FS, data []byte) (*Layout, error) {
	var w yamlWork
	if err := decodeYAML("buf.work.yaml", data, &w); err != nil {
		return nil, err
	}
	l := &Layout{Config: "buf.work.yaml"}
	for _, d := range w.Directories {
		root, err := cleanRel("buf.work.yaml", d)
		if err != nil {
			return nil, err
		}
		m := &Module{Root: root}
		file := path.Join(root, "buf.yaml")
		if mdata, err := readConfig(fsys, file); err == nil {
			var b yamlBuf
			if err := decodeYAML(file, mdata, &b); err != nil {
				return nil, err
			}
			if m.Excludes, err = cleanAll(file, b.Build.Excludes); err != nil {
				return nil, err
			}
			if m.Breaking, err = breakingOf(file, b.Breaking, "."); err != nil {
				return nil, err
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		l.Modules = append(l.Modules, m)
	}
	if len(l.Modules) == 0 {
		return nil, &configError{file: "buf.work.yaml", msg: "directories must list at least one module directory"}
	}
	return l, nil
}

func readBuf(data []byte) (*Layout, error) {
	const file = "buf.yaml"
	var b yamlBuf
	if err := decodeYAML(file, data, &b); err != nil {
		return nil, err
	}
	l := &Layout{Config: file}
	var err error
	switch b.Version {
	case "v2":
		if l.Breaking, err = breakingOf(file, b.Breaking, "."); err != nil {
			return nil, err
		}
		for _, ym := range b.Modules {
			root, err := cleanRel(file, ym.Path)
			if err != nil {
				return nil, err
			}
			m := &Module{Root: root, Breaking: l.Breaking}
			for _, e := range ym.Excludes {
				e, err := cleanRel(file, e)
				if err != nil {
					return nil, err
				}
				if rel, ok := under(e, root); ok {
					m.Excludes = append(m.Excludes, rel)
				}
			}
			if ym.Breaking != nil {
				if m.Breaking, err = breakingOf(file, ym.Breaking, root); err != nil {
					return nil, err
				}
			} else if m.Breaking, err = breakingOf(file, b.Breaking, root); err != nil {
				return nil, err
			}
			l.Modules = append(l.Modules, m)
		}
		if len(l.Modules) == 0 {
			l.Modules = []*Module{{Root: ".", Breaking: l.Breaking}}
		}
	case "v1", "v1beta1", "":
		if l.Breaking, err = breakingOf(file, b.Breaking, "."); err != nil {
			return nil, err
		}
		excludes, err := cleanAll(file, b.Build.Excludes)
		if err != nil {
			return nil, err
		}
		roots := b.Build.Roots
		if len(roots) == 0 {
			roots = []string{"."}
		}
		for _, r := range roots {
			root, err := cleanRel(file, r)
			if err != nil {
				return nil, err
			}
			m := &Module{Root: root, Breaking: l.Breaking}
			for _, e := range excludes {
				if rel, ok := under(e, root); ok {
					m.Excludes = append(m.Excludes, rel)
				} else if root == "." {
					m.Excludes = append(m.Excludes, e)
				}
			}
			l.Modules = append(l.Modules, m)
		}
	default:
		return nil, &configError{file: file, msg: fmt.Sprintf("unknown version %q (want v1beta1, v1 or v2)", b.Version)}
	}
	return l, nil
}

// breakingOf converts a breaking section whose paths are relative to the
// configuration file's directory into one relative to the module root.
func breakingOf(file string, y *yamlBreaking, root string) (BreakingConfig, error) {
	if y == nil {
		return BreakingConfig{}, nil
	}
	c := BreakingConfig{Found: true, Use: replaceDeprecated(y.Use), Except: replaceDeprecated(y.Except), IgnoreUnstablePackages: y.IgnoreUnstablePackages}
	rel := func(ps []string) ([]string, error) {
		var out []string
		for _, p := range ps {
			p, err := cleanRel(file, p)
			if err != nil {
				return nil, err
			}
			if r, ok := under(p, root); ok {
				out = append(out, r)
			}
		}
		return out, nil
	}
	var err error
	if c.Ignore, err = rel(y.Ignore); err != nil {
		return c, err
	}
	if len(y.IgnoreOnly) > 0 {
		c.IgnoreOnly = map[string][]string{}
		for id, ps := range y.IgnoreOnly {
			paths, err := rel(ps)
			if err != nil {
				return c, err
			}
			for _, id := range replaceDeprecated([]string{strings.ToUpper(id)}) {
				c.IgnoreOnly[id] = append(c.IgnoreOnly[id], paths...)
			}
		}
	}
	return c, nil
}

// successors returns the rules that replace one of buf's deprecated breaking
// rule IDs (none for rules buf turned into no-ops), and whether id is one.
func successors(id string) ([]string, bool) {
	for _, r := range deprecatedRules {
		if r.ID == id {
			return r.ReplacedBy, true
		}
	}
	return nil, false
}

// replaceDeprecated replaces buf's deprecated rule IDs by their successors,
// as buf does, so that an older buf.yaml keeps working.
func replaceDeprecated(ids []string) []string {
	var out []string
	for _, id := range ids {
		if next, ok := successors(strings.ToUpper(strings.TrimSpace(id))); ok {
			out = append(out, next...)
			continue
		}
		out = append(out, id)
	}
	return out
}

func cleanAll(file string, ps []string) ([]string, error) {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		c, err := cleanRel(file, p)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// cleanRel normalises a relative slash path from a configuration file.
func cleanRel(file, p string) (string, error) {
	c := path.Clean(strings.TrimSpace(p))
	if p == "" || path.IsAbs(c) || c == ".." || strings.HasPrefix(c, "../") {
		return "", &configError{file: file, msg: fmt.Sprintf("path %q must be relative and stay inside the directory", p)}
	}
	return c, nil
}

// under reports whether p lies in dir (or is dir) and returns it relative to
// dir.
func under(p, dir string) (string, bool) {
	if dir == "." {
		return p, true
	}
	if p == dir {
		return ".", true
	}
	if rest, ok := strings.CutPrefix(p, dir+"/"); ok {
		return rest, true
	}
	return "", false
}

// moduleOf finds the module a side path belongs to and the file's
// module-relative name.
func (l *Layout) moduleOf(p string) (*Module, string, bool) {
	for _, m := range l.Modules {
		if rel, ok := under(p, m.Root); ok && rel != "." && !m.excluded(rel) {
			return m, rel, true
		}
	}
	return nil, "", false
}

// excluded reports whether a module-relative name lies in an excluded
// directory.
func (m *Module) excluded(name string) bool {
	for _, e := range m.Excludes {
		if _, ok := under(name, e); ok {
			return true
		}
	}
	return false
}

// unstablePackage matches the last component of a package that buf treats as
// unstable with ignore_unstable_packages: v1alpha, v1beta2, v1test, v1p1beta1.
var unstablePackage = regexp.MustCompile(`^v\d+(test.*|(alpha|beta)\d*|p\d+(alpha|beta)\d*)$`)

func isUnstablePackage(pkg string) bool {
	return unstablePackage.MatchString(pkg[strings.LastIndexByte(pkg, '.')+1:])
}

// ignores reports whether the module's breaking configuration ignores a
// finding of rule r about the given module-relative files and packages.
func (c *BreakingConfig) ignores(r *checks.Rule, files []string, packages []string) bool {
	for _, f := range files {
		if f == "" {
			continue
		}
		for _, ig := range c.Ignore {
			if _, ok := under(f, ig); ok {
				return true
			}
		}
		for id, paths := range c.IgnoreOnly {
			if id != r.ID && !r.HasCategory(id) {
				continue
			}
			for _, ig := range paths {
				if _, ok := under(f, ig); ok {
					return true
				}
			}
		}
	}
	if c.IgnoreUnstablePackages {
		for _, p := range packages {
			if isUnstablePackage(p) {
				return true
			}
		}
	}
	return false
}
