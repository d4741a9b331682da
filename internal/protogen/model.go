package protogen

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// file is one generated .proto file. Foundation files (google/api, ...)
// carry their text in raw; product files are rendered from the model.
type file struct {
	path     string
	pkg      *pkg // nil for foundation files
	pkgName  string
	raw      string
	imports  map[string]bool
	options  []string // file-level option statements, rendered
	services []*service
	messages []*message
	enums    []*enum
	// importers counts the files that import this one.
	importers int
	// nouns are the resources the file defines or serves.
	nouns []string
	// service reports whether the file holds a service.
	service bool
	// license is the comment before the syntax statement; empty for the
	// default header.
	license string
}

type message struct {
	name     string
	doc      []string
	options  []string
	enums    []*enum
	messages []*message
	fields   []*field
	oneofs   []*oneof
	reserved []string
	next     int
}

type oneof struct {
	name   string
	doc    []string
	fields []*field
}

type field struct {
	name   string
	number int
	label  string // "", "repeated" or "optional"
	typ    string
	key    string // map key type; typ is then the value type
	doc    []string
	opts   []string
	scalar bool
	oneof  *oneof
}

type enum struct {
	name   string
	prefix string
	doc    []string
	values []*enumValue
	next   int
}

type enumValue struct {
	name   string
	number int
	doc    []string
	opts   []string
}

type service struct {
	name    string
	doc     []string
	options []string
	rpcs    []*rpc
}

type rpc struct {
	name, in, out string
	doc           []string
	options       []string
}

// render writes the file's source.
func (f *file) render() []byte {
	if f.raw != "" {
		return []byte(f.raw)
	}
	var b strings.Builder
	b.Grow(16 << 10)
	b.WriteString(cmp.Or(f.license, header))
	b.WriteString("syntax = \"proto3\";\n\n")
	fmt.Fprintf(&b, "package %s;\n\n", f.pkgName)
	imports := make([]string, 0, len(f.imports))
	for p := range f.imports {
		imports = append(imports, p)
	}
	slices.Sort(imports)
	for _, p := range imports {
		fmt.Fprintf(&b, "import %q;\n", p)
	}
	if len(imports) > 0 {
		b.WriteString("\n")
	}
	for _, o := range f.options {
		b.WriteString(o)
		b.WriteString("\n")
	}
	for _, s := range f.services {
		b.WriteString("\n")
		s.render(&b)
	}
	for _, m := range f.messages {
		b.WriteString("\n")
		m.render(&b, "")
	}
	for _, e := range f.enums {
		b.WriteString("\n")
		e.render(&b, "")
	}
	return []byte(b.String())
}

const header = `// Copyright 2025 The contractlint benchmark authors.
//
// Synthetic file written by contractlint's protogen package to benchmark
// protobuf diffs at the scale of googleapis. Its names, comments and options
// imitate that corpus; its contents mean nothing.

`

func writeDoc(b *strings.Builder, indent string, doc []string) {
	for _, l := range doc {
		b.WriteString(indent)
		if l == "" {
			b.WriteString("//\n")
			continue
		}
		b.WriteString("// ")
		b.WriteString(l)
		b.WriteString("\n")
	}
}

func writeOptions(b *strings.Builder, indent string, opts []string) {
	for _, o := range opts {
		for i, l := range strings.Split(o, "\n") {
			b.WriteString(indent)
			if i == 0 {
				b.WriteString("option ")
			}
			b.WriteString(l)
			b.WriteString("\n")
		}
	}
}

func (s *service) render(b *strings.Builder) {
	writeDoc(b, "", s.doc)
	fmt.Fprintf(b, "service %s {\n", s.name)
	writeOptions(b, "  ", s.options)
	for _, r := range s.rpcs {
		b.WriteString("\n")
		writeDoc(b, "  ", r.doc)
		fmt.Fprintf(b, "  rpc %s(%s) returns (%s)", r.name, r.in, r.out)
		if len(r.options) == 0 {
			b.WriteString(";\n")
			continue
		}
		b.WriteString(" {\n")
		writeOptions(b, "    ", r.options)
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
}

func (m *message) render(b *strings.Builder, indent string) {
	writeDoc(b, indent, m.doc)
	fmt.Fprintf(b, "%smessage %s {\n", indent, m.name)
	in := indent + "  "
	writeOptions(b, in, m.options)
	first := len(m.options) == 0
	sep := func() {
		if !first {
			b.WriteString("\n")
		}
		first = false
	}
	for _, e := range m.enums {
		sep()
		e.render(b, in)
	}
	for _, n := range m.messages {
		sep()
		n.render(b, in)
	}
	if len(m.reserved) > 0 {
		sep()
		for _, r := range m.reserved {
			fmt.Fprintf(b, "%s%s\n", in, r)
		}
	}
	done := map[*oneof]bool{}
	for _, f := range m.fields {
		if f.oneof == nil {
			sep()
			f.render(b, in)
			continue
		}
		if done[f.oneof] {
			continue
		}
		done[f.oneof] = true
		sep()
		o := f.oneof
		writeDoc(b, in, o.doc)
		fmt.Fprintf(b, "%soneof %s {\n", in, o.name)
		for i, of := range o.fields {
			if i > 0 {
				b.WriteString("\n")
			}
			of.render(b, in+"  ")
		}
		fmt.Fprintf(b, "%s}\n", in)
	}
	fmt.Fprintf(b, "%s}\n", indent)
}

func (f *field) render(b *strings.Builder, indent string) {
	writeDoc(b, indent, f.doc)
	b.WriteString(indent)
	switch {
	case f.key != "":
		fmt.Fprintf(b, "map<%s, %s>", f.key, f.typ)
	case f.label != "":
		fmt.Fprintf(b, "%s %s", f.label, f.typ)
	default:
		b.WriteString(f.typ)
	}
	fmt.Fprintf(b, " %s = %d", f.name, f.number)
	switch len(f.opts) {
	case 0:
	case 1:
		fmt.Fprintf(b, " [%s]", f.opts[0])
	default:
		b.WriteString(" [\n")
		for i, o := range f.opts {
			fmt.Fprintf(b, "%s  %s", indent, o)
			if i < len(f.opts)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "%s]", indent)
	}
	b.WriteString(";\n")
}

func (e *enum) render(b *strings.Builder, indent string) {
	writeDoc(b, indent, e.doc)
	fmt.Fprintf(b, "%senum %s {\n", indent, e.name)
	for i, v := range e.values {
		if i > 0 {
			b.WriteString("\n")
		}
		writeDoc(b, indent+"  ", v.doc)
		fmt.Fprintf(b, "%s  %s = %d", indent, v.name, v.number)
		if len(v.opts) > 0 {
			fmt.Fprintf(b, " [%s]", strings.Join(v.opts, ", "))
		}
		b.WriteString(";\n")
	}
	fmt.Fprintf(b, "%s}\n", indent)
}

// walkMessages calls fn for every message of f, nested ones included, with
// its fully-qualified name.
func (f *file) walkMessages(fn func(full string, m *message)) {
	var walk func(prefix string, m *message)
	walk = func(prefix string, m *message) {
		full := prefix + "." + m.name
		fn(full, m)
		for _, n := range m.messages {
			walk(full, n)
		}
	}
	for _, m := range f.messages {
		walk(f.pkgName, m)
	}
}

// walkEnums calls fn for every enum of f, nested ones included, with its
// fully-qualified name.
func (f *file) walkEnums(fn func(full string, e *enum)) {
	for _, e := range f.enums {
		fn(f.pkgName+"."+e.name, e)
	}
	f.walkMessages(func(full string, m *message) {
		for _, e := range m.enums {
			fn(full+"."+e.name, e)
		}
	})
}
