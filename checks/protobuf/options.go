package protobuf

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/contractlint/contractlint/checks"
)

// Options are the protobuf engine's own options (see
// checks.EngineOptions): where imports resolve. The zero value holds the
// defaults: a buf.yaml's (or buf.work.yaml's) module roots, else the roots
// the imports need, and no module cache.
type Options struct {
	// Roots are import roots (--proto-path, roots: in contractlint.yaml):
	// slash-separated directories relative to each side's root. When set
	// they replace a buf.yaml's module roots and the roots inferred from
	// imports.
	Roots []string
	// Imports are directories outside both sides that resolve imports the
	// sides' own files do not (a vendored dependency given with
	// --proto-path). Their files are never compared.
	Imports []ImportDir
	// BufCache is buf's local module cache, which provides the
	// dependencies a side's buf.lock pins; nil when there is none.
	// BufCacheDir names it in messages. See LocalBufCache.
	BufCache    fs.FS
	BufCacheDir string
}

// ImportDir is a directory outside the compared sides that resolves
// imports.
type ImportDir struct {
	// FS is the directory, sandboxed (see package source).
	FS fs.FS
	// Label names it in messages.
	Label string
}

// Format implements checks.EngineOptions.
func (Options) Format() checks.Format { return checks.Protobuf }

// Validate reports a root that is not a relative path staying inside the
// sides.
func (o Options) Validate() error {
	for _, r := range o.Roots {
		if _, err := cleanRel("--proto-path", r); err != nil {
			return err
		}
	}
	return nil
}

// ConfigKeys are the contractlint.yaml keys of the engine's options, in a
// contract (see schemas/config.schema.json).
var ConfigKeys = []string{"roots"}

// Decode sets the options that configuration keys give: keys holds a
// contract's keys as decoded from YAML or JSON, valid under
// schemas/config.schema.json; keys that are not among ConfigKeys are left
// alone, and so is an option whose key is absent. dir cleans a directory the
// configuration names (relative to the configuration's own directory),
// given the JSON pointer of its value below keys and what it is, reporting a
// problem with its position; it returns the cleaned path.
func (o *Options) Decode(keys map[string]any, dir func(p, pointer, what string) string) error {
	list, ok := keys["roots"].([]any)
	if !ok {
		return nil
	}
	o.Roots = nil
	for j, r := range list {
		s, _ := r.(string)
		o.Roots = append(o.Roots, dir(s, "/roots/"+strconv.Itoa(j), "root"))
	}
	return nil
}

// optionsOf returns the engine's options among a request's; the zero
// Options when there are none.
func optionsOf(o checks.EngineOptions) Options {
	switch v := o.(type) {
	case Options:
		return v
	case *Options:
		if v != nil {
			return *v
		}
	}
	return Options{}
}

// LocalBufCache returns the directory of buf's local module cache, as buf
// finds it ($BUF_CACHE_DIR, else <user cache dir>/buf), and the directory
// opened with open when it exists (nil otherwise). dir is "" when neither
// can be told. open is the caller's sandbox (source.ImportDir).
func LocalBufCache(open func(dir string) (fs.FS, error)) (fsys fs.FS, dir string) {
	dir = os.Getenv("BUF_CACHE_DIR")
	if dir == "" {
		if base, err := os.UserCacheDir(); err == nil {
			dir = filepath.Join(base, "buf")
		}
	}
	if dir == "" {
		return nil, ""
	}
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		if f, err := open(dir); err == nil {
			fsys = f
		}
	}
	return fsys, dir
}
