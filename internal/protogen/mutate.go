package protogen

import (
	"fmt"
	"slices"
	"strings"
)

// Kind is a kind of change planted in the new side.
type Kind string

// Kinds of planted changes.
const (
	FileRemoved      Kind = "file-removed"
	FileAdded        Kind = "file-added"
	FieldTypeChanged Kind = "field-type-changed"
	FieldDeleted     Kind = "field-deleted"
	FieldAdded       Kind = "field-added"
	FieldRenamed     Kind = "field-renamed"
	FieldDeprecated  Kind = "field-deprecated"
	EnumValueAdded   Kind = "enum-value-added"
	EnumValueRemoved Kind = "enum-value-removed"
	MessageAdded     Kind = "message-added"
	RPCAdded         Kind = "rpc-added"
	CommentChanged   Kind = "comment-changed"
	// LicenseChanged changes only the comment before the syntax
	// statement: a new copyright line, which no rule reports.
	LicenseChanged Kind = "license-changed"
)

// Mutation is one change planted in the new side.
type Mutation struct {
	Kind Kind
	// File is the slash-separated path of the changed, removed or added file.
	File string
	// Path is the fully-qualified name of the changed element (for a field,
	// its message's name and the field's old name); empty for files.
	Path string
	// Old and New are the values before and after, when the change has them
	// (a type, a name).
	Old, New string
}

func (m Mutation) String() string {
	s := fmt.Sprintf("%s %s", m.Kind, m.File)
	if m.Path != "" {
		s += " " + m.Path
	}
	if m.Old != "" || m.New != "" {
		s += fmt.Sprintf(" (%s -> %s)", m.Old, m.New)
	}
	return s
}

// mutate plants the changes of cfg in the generated tree and returns the
// old text of every changed file, the removed files and the added ones.
func (g *gen) mutate(cfg Config) (old map[string][]byte, removed, added map[string]bool, muts []Mutation) {
	old, removed, added = map[string][]byte{}, map[string]bool{}, map[string]bool{}
	var product []*file
	for _, f := range g.files {
		if f.pkg != nil {
			product = append(product, f)
		}
	}
	order := g.r.Perm(len(product))
	if cfg.Single {
		// An imported resource file: the worst single change, since the
		// files importing it must be looked at too.
		for _, i := range order {
			f := product[i]
			if f.service || f.importers == 0 {
				continue
			}
			old[f.path] = f.render()
			g.touched = map[any]bool{}
			for _, k := range []Kind{FieldTypeChanged, FieldAdded, EnumValueAdded} {
				if m, ok := g.apply(f, k); ok {
					muts = append(muts, m)
				}
			}
			return old, removed, added, muts
		}
	}
	// A year of googleapis (7c4d9e72 against f8291d2b): of 5,545 old
	// files, 1,908 (a third) stayed identical, 1,170 (a fifth) changed and
	// 2,467 were removed, while 4,156 were added. Only files nothing imports
	// can be removed, so fewer may be. 489 of the changed files (two
	// fifths) changed only their license header.
	nChange := max(1, cfg.Files/5)
	nRemove := max(1, cfg.Files*2/5)
	nAdd := max(1, cfg.Files*3/4)
	kinds := []Kind{FieldTypeChanged, FieldDeleted, FieldAdded, FieldRenamed, FieldDeprecated, EnumValueAdded, EnumValueRemoved, MessageAdded, CommentChanged}
	for _, i := range order {
		f := product[i]
		switch {
		case nRemove > 0 && f.importers == 0:
			removed[f.path] = true
			f.pkg.resources = slices.DeleteFunc(f.pkg.resources, func(r *file) bool { return r == f })
			muts = append(muts, Mutation{Kind: FileRemoved, File: f.path})
			nRemove--
		case nChange > 0 && g.r.IntN(5) < 2:
			old[f.path] = f.render()
			f.license = strings.Replace(header, "2025", "2026", 1) + licenseNote
			muts = append(muts, Mutation{Kind: LicenseChanged, File: f.path})
			nChange--
		case nChange > 0:
			old[f.path] = f.render()
			g.touched = map[any]bool{}
			ks := slices.Clone(kinds)
			if f.service {
				ks = append(ks, RPCAdded, RPCAdded)
			}
			for range 1 + g.r.IntN(3) {
				if m, ok := g.apply(f, ks[g.r.IntN(len(ks))]); ok {
					muts = append(muts, m)
				}
			}
			nChange--
		}
	}
	for range nAdd {
		p := g.pkgs[g.r.IntN(len(g.pkgs))]
		f := g.resourceFile(p)
		added[f.path] = true
		muts = append(muts, Mutation{Kind: FileAdded, File: f.path})
	}
	return old, removed, added, muts
}

// licenseNote is what a changed license header adds.
const licenseNote = `// Licensed under the Apache License, Version 2.0.

`

type fieldAt struct {
	msg  string
	m    *message
	f    *field
	from int
}

func (f *file) allFields() []fieldAt {
	var out []fieldAt
	f.walkMessages(func(full string, m *message) {
		for i, fd := range m.fields {
			out = append(out, fieldAt{full, m, fd, i})
		}
	})
	return out
}

var typeChanges = map[string]string{
	"string": "bytes", "bytes": "string", "int32": "int64", "int64": "string", "bool": "string",
	"double": "float", "float": "double", "uint32": "int32", "uint64": "int64", "sint32": "int32", "fixed64": "uint64",
}

// apply plants one change of kind k in f, when f has a place for it.
func (g *gen) apply(f *file, k Kind) (Mutation, bool) {
	mut := Mutation{Kind: k, File: f.path}
	pickField := func(ok func(fieldAt) bool) (fieldAt, bool) {
		all := slices.DeleteFunc(f.allFields(), func(fa fieldAt) bool { return g.touched[fa.f] || g.touched[fa.m] || !ok(fa) })
		if len(all) == 0 {
			return fieldAt{}, false
		}
		fa := all[g.r.IntN(len(all))]
		g.touched[fa.f] = true
		return fa, true
	}
	pickMessage := func() (fieldAt, bool) {
		var msgs []fieldAt
		f.walkMessages(func(full string, m *message) {
			if !g.touched[m] {
				msgs = append(msgs, fieldAt{msg: full, m: m})
			}
		})
		if len(msgs) == 0 {
			return fieldAt{}, false
		}
		return msgs[g.r.IntN(len(msgs))], true
	}
	var enums []*enum
	var enumNames []string
	f.walkEnums(func(full string, e *enum) {
		enums = append(enums, e)
		enumNames = append(enumNames, full)
	})
	switch k {
	case FieldTypeChanged:
		fa, ok := pickField(func(fa fieldAt) bool { return fa.f.scalar && fa.f.key == "" && typeChanges[fa.f.typ] != "" })
		if !ok {
			return mut, false
		}
		mut.Path, mut.Old = fa.msg+"."+fa.f.name, fa.f.typ
		fa.f.typ = typeChanges[fa.f.typ]
		mut.New = fa.f.typ
	case FieldDeleted:
		fa, ok := pickField(func(fa fieldAt) bool { return fa.f.oneof == nil || len(fa.f.oneof.fields) > 2 })
		if !ok {
			return mut, false
		}
		mut.Path = fa.msg + "." + fa.f.name
		fa.m.fields = slices.Delete(fa.m.fields, fa.from, fa.from+1)
		if o := fa.f.oneof; o != nil {
			o.fields = slices.DeleteFunc(o.fields, func(x *field) bool { return x == fa.f })
		}
	case FieldAdded:
		at, ok := pickMessage()
		if !ok {
			return mut, false
		}
		fd := &field{name: g.fieldName(at.m), number: at.m.next, typ: g.pick(scalars), scalar: true, doc: g.doc("Optional. "+g.sentence(), 1, 2)}
		at.m.next++
		at.m.fields = append(at.m.fields, fd)
		g.touched[fd] = true
		mut.Path = at.msg + "." + fd.name
	case FieldRenamed:
		fa, ok := pickField(func(fa fieldAt) bool { return true })
		if !ok {
			return mut, false
		}
		mut.Path, mut.Old = fa.msg+"."+fa.f.name, fa.f.name
		fa.f.name = g.fieldName(fa.m)
		mut.New = fa.f.name
	case FieldDeprecated:
		fa, ok := pickField(func(fa fieldAt) bool { return !slices.Contains(fa.f.opts, "deprecated = true") })
		if !ok {
			return mut, false
		}
		mut.Path = fa.msg + "." + fa.f.name
		fa.f.opts = append(fa.f.opts, "deprecated = true")
	case EnumValueAdded:
		if len(enums) == 0 {
			return mut, false
		}
		i := g.r.IntN(len(enums))
		e := enums[i]
		for _, w := range append(pickN(g.r, enumWords, len(enumWords)), pickN(g.r, states, len(states))...) {
			name := e.prefix + "_" + w
			if slices.ContainsFunc(e.values, func(v *enumValue) bool { return v.name == name }) {
				continue
			}
			v := &enumValue{name: name, number: e.next, doc: g.doc(g.sentence(), 1, 2)}
			e.values = append(e.values, v)
			g.touched[v] = true
			e.next++
			mut.Path = enumNames[i] + "." + name
			return mut, true
		}
		return mut, false
	case EnumValueRemoved:
		var idx []int
		for i, e := range enums {
			if len(e.values) >= 3 {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			return mut, false
		}
		i := idx[g.r.IntN(len(idx))]
		e := enums[i]
		j := 1 + g.r.IntN(len(e.values)-1)
		if g.touched[e.values[j]] {
			return mut, false
		}
		mut.Path = enumNames[i] + "." + e.values[j].name
		e.values = slices.Delete(e.values, j, j+1)
	case MessageAdded:
		noun := g.pick(f.nouns)
		for _, s := range pickN(g.r, suffixes, len(suffixes)) {
			name := noun + s
			if f.pkg.symbols[name] {
				continue
			}
			f.pkg.symbols[name] = true
			m := &message{name: name, next: 1, doc: g.doc(g.sentence(), 1, 3)}
			g.fields(f, m, 2+g.r.IntN(6), nil)
			f.messages = append(f.messages, m)
			g.touched[m] = true
			mut.Path = f.pkgName + "." + name
			return mut, true
		}
		return mut, false
	case RPCAdded:
		svc := f.services[0]
		noun := g.pick(f.nouns)
		for _, v := range pickN(g.r, verbs, len(verbs)) {
			if f.pkg.symbols[v+noun+"Request"] {
				continue
			}
			r := g.verb(f, svc, noun, v, "")
			for _, m := range f.messages[len(f.messages)-2:] {
				g.touched[m] = true
			}
			mut.Path = f.pkgName + "." + svc.name + "." + r.name
			return mut, true
		}
		return mut, false
	case CommentChanged:
		at, ok := pickMessage()
		if !ok {
			return mut, false
		}
		at.m.doc = append(slices.Clone(at.m.doc), "Note: "+strings.ToLower(g.sentence()))
		mut.Path = at.msg
	default:
		return mut, false
	}
	return mut, true
}
