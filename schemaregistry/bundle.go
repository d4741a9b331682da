package schemaregistry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// Type returns the registry's schema type of a contract format.
func Type(f checks.Format) string {
	switch f {
	case checks.Protobuf:
		return "PROTOBUF"
	case checks.JSONSchema:
		return "JSON"
	}
	return "AVRO"
}

// Bundle is a schema file and, recursively, the files it references: what
// one registry version holds (its schema and its references).
type Bundle struct {
	// Name is the reference name ("" for the root): the import path, the
	// $ref or the Avro full name.
	Name string
	// Path is where the file is in the tree.
	Path string
	// Content is the file's content.
	Content []byte
	// Refs are the bundles this one references, sorted by name.
	Refs []*Bundle
}

// Key is the bundle's normalised content: equal keys mean the same schema
// and references, whatever the formatting (JSON is compared as data,
// protobuf without comments and insignificant whitespace).
func (b *Bundle) Key(f checks.Format) string {
	var sb strings.Builder
	var walk func(b *Bundle, depth int)
	walk = func(b *Bundle, depth int) {
		fmt.Fprintf(&sb, "%d\x00%s\x00%s\x00", depth, b.Name, Normalize(f, b.Content))
		for _, r := range b.Refs {
			walk(r, depth+1)
		}
	}
	walk(b, 0)
	return sb.String()
}

// Files returns every file of the bundle by path.
func (b *Bundle) Files() map[string][]byte {
	out := map[string][]byte{}
	var walk func(b *Bundle)
	walk = func(b *Bundle) {
		out[b.Path] = b.Content
		for _, r := range b.Refs {
			walk(r)
		}
	}
	walk(b)
	return out
}

// Normalize returns content in a form where formatting does not matter:
// JSON re-encoded with sorted keys and no insignificant whitespace;
// protobuf without comments, with whitespace runs collapsed.
func Normalize(f checks.Format, content []byte) string {
	if f == checks.Protobuf {
		return normalizeProto(content)
	}
	dec := json.NewDecoder(bytes.NewReader(content))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return strings.TrimSpace(string(content))
	}
	out, err := json.Marshal(v)
	if err != nil {
		return strings.TrimSpace(string(content))
	}
	return string(out)
}

func normalizeProto(src []byte) string {
	var b strings.Builder
	space := false
	emit := func(c byte) {
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			space = true
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				i = len(src)
			} else {
				i += end + 3
			}
			space = true
		case c == '"' || c == '\'':
			emit(c)
			for i++; i < len(src) && src[i] != c; i++ {
				b.WriteByte(src[i])
				if src[i] == '\\' && i+1 < len(src) {
					i++
					b.WriteByte(src[i])
				}
			}
			if i < len(src) {
				b.WriteByte(c)
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			space = true
		default:
			emit(c)
		}
	}
	return b.String()
}

// Layout places referenced files in a tree: the working tree's layout, so
// that findings in a registry version name the files people edit.
type Layout struct {
	fsys   fs.FS
	files  []string
	format checks.Format
	avro   map[string]string // Avro full name → the file defining it
}

// NewLayout returns the layout of a tree whose files are listed in files.
func NewLayout(fsys fs.FS, files []string, f checks.Format) *Layout {
	return &Layout{fsys: fsys, files: files, format: f}
}

// Locate returns where the file a reference names is, referenced from the
// file at from.
func (l *Layout) Locate(name, from string) string {
	switch l.format {
	case checks.Protobuf:
		// The import root is an ancestor of the importing file.
		for d := path.Dir(from); from != ""; d = path.Dir(d) {
			if p := path.Join(d, name); l.fsys != nil {
				if st, err := fs.Stat(l.fsys, p); err == nil && !st.IsDir() {
					return p
				}
			}
			if d == "." || d == "/" {
				break
			}
		}
		best := ""
		for _, f := range l.files {
			if (f == name || strings.HasSuffix(f, "/"+name)) && (best == "" || len(f) < len(best)) {
				best = f
			}
		}
		if best != "" {
			return best
		}
		return name
	case checks.JSONSchema:
		ref, _, _ := strings.Cut(name, "#")
		if i := strings.Index(ref, "://"); i >= 0 {
			base := path.Base(ref)
			for _, f := range l.files {
				if path.Base(f) == base {
					return f
				}
			}
			return path.Join(path.Dir(from), base)
		}
		return path.Join(path.Dir(from), ref)
	}
	if l.avro == nil {
		l.avro = map[string]string{}
		for _, f := range l.files {
			if !strings.HasSuffix(strings.ToLower(f), ".avsc") {
				continue
			}
			data, err := fs.ReadFile(l.fsys, f)
			if err != nil {
				continue
			}
			for _, n := range avroDefined(data) {
				if _, dup := l.avro[n]; !dup {
					l.avro[n] = f
				}
			}
		}
	}
	if f, ok := l.avro[name]; ok {
		return f
	}
	return path.Join(path.Dir(from), name+".avsc")
}

// maxRefs bounds a bundle: references of references, and files read.
const maxRefs = 1000

// Collect reads the file at root and, transitively, the files it
// references from fsys, placed by l.
func Collect(fsys fs.FS, root string, l *Layout) (*Bundle, error) {
	n := 0
	var visit func(name, p string, stack []string) (*Bundle, error)
	visit = func(name, p string, stack []string) (*Bundle, error) {
		if slices.Contains(stack, p) {
			return nil, fmt.Errorf("%s: references form a cycle: %s", root, strings.Join(append(stack, p), " → "))
		}
		if n++; n > maxRefs {
			return nil, fmt.Errorf("%s: more than %d references", root, maxRefs)
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			if name == "" {
				return nil, fmt.Errorf("read %s: %w", p, err)
			}
			return nil, fmt.Errorf("%s references %s, which should be at %s: %w", stack[len(stack)-1], name, p, err)
		}
		b := &Bundle{Name: name, Path: p, Content: data}
		for _, ref := range References(l.format, data) {
			child, err := visit(ref, l.Locate(ref, p), append(stack, p))
			if err != nil {
				return nil, err
			}
			b.Refs = append(b.Refs, child)
		}
		return b, nil
	}
	return visit("", root, nil)
}

var protoImport = regexp.MustCompile(`(?m)(?:^|;)\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"\s*;`)

// References returns the names of the schemas a schema file references, as
// a registry names them, sorted: protobuf imports (but the well-known types
// every registry has built in), JSON Schema $refs to other documents, Avro
// named types the file uses without defining.
func References(f checks.Format, data []byte) []string {
	var out []string
	switch f {
	case checks.Protobuf:
		for _, m := range protoImport.FindAllSubmatch([]byte(normalizeProtoKeepLines(data)), -1) {
			if imp := string(m[1]); !strings.HasPrefix(imp, "google/protobuf/") {
				out = append(out, imp)
			}
		}
	case checks.JSONSchema:
		var v any
		if json.Unmarshal(data, &v) == nil {
			jsonRefs(v, &out, 0)
		}
	default:
		out = avroUsed(data)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// normalizeProtoKeepLines blanks comments, keeping line structure, so that
// commented-out imports do not count.
func normalizeProtoKeepLines(src []byte) string {
	b := []byte(string(src))
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '"':
			for i++; i < len(b) && b[i] != '"' && b[i] != '\n'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '/':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '*':
			for ; i < len(b) && !(b[i] == '*' && i+1 < len(b) && b[i+1] == '/'); i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
			if i < len(b) {
				b[i], b[i+1] = ' ', ' '
				i++
			}
		}
	}
	return string(b)
}

func jsonRefs(v any, out *[]string, depth int) {
	if depth > 256 {
		return
	}
	switch v := v.(type) {
	case map[string]any:
		if r, ok := v["$ref"].(string); ok {
			if doc, _, _ := strings.Cut(r, "#"); doc != "" && !strings.HasPrefix(doc, "urn:") {
				*out = append(*out, doc)
			}
		}
		for _, c := range v {
			jsonRefs(c, out, depth+1)
		}
	case []any:
		for _, c := range v {
			jsonRefs(c, out, depth+1)
		}
	}
}

var avroPrimitive = map[string]bool{"null": true, "boolean": true, "int": true, "long": true, "float": true,
	"double": true, "bytes": true, "string": true, "record": true, "enum": true, "array": true, "map": true, "fixed": true, "error": true}

// avroWalk visits the named types an Avro schema defines and uses, with
// namespaces applied.
func avroWalk(data []byte) (defined, used []string) {
	var v any
	if json.Unmarshal(data, &v) != nil {
		return nil, nil
	}
	full := func(name, ns string) string {
		if strings.Contains(name, ".") || ns == "" {
			return name
		}
		return ns + "." + name
	}
	var walk func(v any, ns string, depth int)
	walk = func(v any, ns string, depth int) {
		if depth > 256 {
			return
		}
		switch v := v.(type) {
		case string:
			if !avroPrimitive[v] {
				used = append(used, full(v, ns))
			}
		case []any:
			for _, c := range v {
				walk(c, ns, depth+1)
			}
		case map[string]any:
			t, _ := v["type"].(string)
			switch t {
			case "record", "error", "enum", "fixed":
				name, _ := v["name"].(string)
				if n, ok := v["namespace"].(string); ok && !strings.Contains(name, ".") {
					ns = n
				}
				fn := full(name, ns)
				defined = append(defined, fn)
				if i := strings.LastIndex(fn, "."); i >= 0 {
					ns = fn[:i]
				} else {
					ns = ""
				}
				if fields, ok := v["fields"].([]any); ok {
					for _, f := range fields {
						if fm, ok := f.(map[string]any); ok {
							walk(fm["type"], ns, depth+1)
						}
					}
				}
			case "array":
				walk(v["items"], ns, depth+1)
			case "map":
				walk(v["values"], ns, depth+1)
			default:
				walk(v["type"], ns, depth+1)
			}
		}
	}
	walk(v, "", 0)
	return defined, used
}

func avroDefined(data []byte) []string {
	d, _ := avroWalk(data)
	return d
}

func avroUsed(data []byte) []string {
	defined, used := avroWalk(data)
	var out []string
	for _, u := range used {
		if !slices.Contains(defined, u) {
			out = append(out, u)
		}
	}
	return out
}
