package contract

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
)

// Discovered is a contract `contractlint init` found.
type Discovered struct {
	Name   string
	Format checks.Format
	// Path is a directory (protobuf) or a file.
	Path string
	// Version is the latest published version, when tags say.
	Version *Version
}

var (
	versionSegment = regexp.MustCompile(`^v\d+((alpha|beta)\d*)?$`)
	nameUnsafe     = regexp.MustCompile(`[^A-Za-z0-9._-]+`)
)

// Discover finds the contracts of a tree: one per directory of .proto files
// (a protobuf package), one per .avsc file, and one per JSON or YAML file
// that looks like a JSON Schema (it has $schema, or $id with type or
// properties). Names come from the directory or file name and are made
// unique.
func Discover(t *Tree) []Discovered {
	var out []Discovered
	protoDirs := map[string]bool{}
	for _, f := range t.Files {
		ext := strings.ToLower(path.Ext(f))
		switch {
		case ext == ".proto":
			dir := path.Dir(f)
			if !protoDirs[dir] {
				protoDirs[dir] = true
				out = append(out, Discovered{Format: checks.Protobuf, Path: dir})
			}
		case ext == ".avsc":
			out = append(out, Discovered{Format: checks.Avro, Path: f})
		case (ext == ".json" || ext == ".yaml" || ext == ".yml") && path.Base(f) != FileName && looksLikeJSONSchema(t.FS, f):
			out = append(out, Discovered{Format: checks.JSONSchema, Path: f})
		}
	}
	used := map[string]bool{}
	for i := range out {
		out[i].Name = uniqueName(out[i], used)
	}
	return out
}

func looksLikeJSONSchema(fsys fs.FS, name string) bool {
	if st, err := fs.Stat(fsys, name); err != nil || st.Size() > 4<<20 {
		return false
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return false
	}
	var doc map[string]any
	if yaml.Unmarshal(data, &doc) != nil {
		return false
	}
	_, schema := doc["$schema"]
	_, id := doc["$id"]
	_, typ := doc["type"]
	_, props := doc["properties"]
	return schema || (id && (typ || props))
}

// uniqueName derives a contract name from its path: the last directory that
// is not a version (acme/orders/v1 → orders) or the file name without its
// extensions (customer.schema.json → customer), prefixed with parent
// directories until it is unique.
func uniqueName(d Discovered, used map[string]bool) string {
	var segs []string
	if d.Format == checks.Protobuf {
		segs = strings.Split(d.Path, "/")
	} else {
		base := path.Base(d.Path)
		base, _, _ = strings.Cut(base, ".")
		segs = append(strings.Split(path.Dir(d.Path), "/"), base)
	}
	var meaningful []string
	for _, s := range segs {
		if s != "." && s != "" && !versionSegment.MatchString(s) {
			meaningful = append(meaningful, nameUnsafe.ReplaceAllString(s, "-"))
		}
	}
	if len(meaningful) == 0 {
		meaningful = []string{string(d.Format)}
	}
	for n := 1; n <= len(meaningful); n++ {
		name := strings.Trim(strings.Join(meaningful[len(meaningful)-n:], "-"), "-._")
		if name != "" && !used[name] {
			used[name] = true
			return name
		}
	}
	base := strings.Trim(strings.Join(meaningful, "-"), "-._")
	for i := 2; ; i++ {
		name := fmt.Sprintf("%s-%d", base, i)
		if !used[name] {
			used[name] = true
			return name
		}
	}
}

// Render writes a configuration for discovered contracts, with the
// yaml-language-server comment that lets editors validate it.
func Render(found []Discovered) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# yaml-language-server: $schema=%s\n", SchemaURL)
	b.WriteString("#\n# The contracts of this repository, written by `contractlint init`; edit freely.\n")
	b.WriteString("# Each contract declares the version this revision publishes. `contractlint check`\n")
	b.WriteString("# compares it with the latest published version (the highest tag NAME/vVERSION) and\n")
	b.WriteString("# fails when the declared bump is smaller than the changes require.\n")
	b.WriteString("contracts:\n")
	for _, d := range found {
		fmt.Fprintf(&b, "  - name: %s\n", quote(d.Name))
		fmt.Fprintf(&b, "    format: %s\n", d.Format)
		fmt.Fprintf(&b, "    path: %s\n", quote(d.Path))
		if d.Version != nil {
			fmt.Fprintf(&b, "    version: %s  # the latest tag %s\n", d.Version, strings.NewReplacer("{name}", d.Name, "{version}", d.Version.String()).Replace(DefaultTag))
		} else {
			fmt.Fprintf(&b, "    version: 1.0.0  # not published yet: tag the release %s\n", strings.NewReplacer("{name}", d.Name, "{version}", "1.0.0").Replace(DefaultTag))
		}
		b.WriteString("    compatibility: full  # backward | forward | full | none | *_transitive\n")
	}
	return b.Bytes()
}

// quote returns s as a YAML scalar, quoted only when needed.
func quote(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}
