package protobuf

import (
	"context"
	"slices"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/contractlint/contractlint/checks"
)

// Deprecation markers (see checks.ElementLister): the `deprecated = true`
// option of files, messages, fields, enums, enum values, services and RPCs.
// A sunset date and a replacement are tags in the element's leading (or
// trailing) comment, one per line:
//
//	// @sunset 2027-03-31
//	// @replacement acme.orders.v1.Order.total_amount
//	int64 total = 3 [deprecated = true];
//
// A file's tags go in the comment above its package (or syntax) statement.
//
// A custom option of type string named `sunset` (or `replacement`), in any
// package, says the same and wins over the comment tag:
//
//	extend google.protobuf.FieldOptions { string sunset = 50001; }
//	int64 total = 3 [deprecated = true, (acme.options.sunset) = "2027-03-31"];

// Elements implements checks.ElementLister: every file, message, field,
// extension, enum, enum value, service and RPC of the side's own files,
// named as a comparison with the same options names them (the roots of
// opts, else a buf.yaml's, else those the imports need).
func (*Engine) Elements(ctx context.Context, side checks.Side, opts checks.EngineOptions, want func(string) bool) ([]checks.Element, error) {
	snap, err := loadAlone(ctx, side, opts, want)
	if err != nil {
		return nil, err
	}
	var out []checks.Element
	for _, f := range snap.Files {
		out = append(out, fileElements(f)...)
	}
	slices.SortFunc(out, func(a, b checks.Element) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

func fileElements(f *File) []checks.Element {
	fe := checks.Element{Kind: "file", ID: f.Path, Path: f.Path, File: f.Path, Deprecated: deprecatedOption(f.Desc)}
	optionTags(&fe, f.Desc)
	var lead, trail string
	for _, p := range []protoreflect.SourcePath{{filePackage}, {fileSyntax}, {fileEdition}} {
		if loc := f.locations().ByPath(p); loc.Path != nil {
			lead, trail = loc.LeadingComments, loc.TrailingComments
			fe.Line, fe.Column = loc.StartLine+1, loc.StartColumn+1
			break
		}
	}
	commentTags(&fe, lead, trail)
	out := []checks.Element{fe}
	add := func(kind, id, parent string, e *Element, d protoreflect.Descriptor) {
		el := checks.Element{Kind: kind, ID: id, Parent: parent, Path: id, File: f.Path, Deprecated: deprecatedOption(d)}
		optionTags(&el, d)
		loc := e.At()
		el.Line, el.Column = loc.Line, loc.Column
		lead, trail := e.Comments()
		commentTags(&el, lead, trail)
		out = append(out, el)
	}
	parentOf := func(m *Message) string {
		if m == nil {
			return f.Path
		}
		return string(m.Desc.FullName())
	}
	for _, m := range f.Messages {
		if m.Desc.IsMapEntry() {
			continue
		}
		add("message", string(m.Desc.FullName()), parentOf(m.Parent), &m.Element, m.Desc)
		for _, fl := range m.Fields {
			add("field", string(fl.Desc.FullName()), parentOf(m), &fl.Element, fl.Desc)
		}
	}
	for _, x := range f.Extensions {
		add("extension", string(x.Desc.FullName()), parentOf(x.Message), &x.Element, x.Desc)
	}
	for _, e := range f.Enums {
		id := string(e.Desc.FullName())
		add("enum", id, parentOf(e.Parent), &e.Element, e.Desc)
		for _, v := range e.Values {
			add("enum value", id+"."+string(v.Desc.Name()), id, &v.Element, v.Desc)
		}
	}
	for _, s := range f.Services {
		id := string(s.Desc.FullName())
		add("service", id, f.Path, &s.Element, s.Desc)
		for _, m := range s.Methods {
			add("rpc", string(m.Desc.FullName()), id, &m.Element, m.Desc)
		}
	}
	return out
}

// deprecatedOption reports the `deprecated` option of any descriptor.
func deprecatedOption(d protoreflect.Descriptor) bool {
	o, ok := d.Options().(interface{ GetDeprecated() bool })
	return ok && o.GetDeprecated()
}

// optionTags reads the sunset and replacement custom options (string
// extensions named sunset and replacement) of a descriptor.
func optionTags(e *checks.Element, d protoreflect.Descriptor) {
	opts := d.Options()
	if opts == nil {
		return
	}
	opts.ProtoReflect().Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if !fd.IsExtension() || fd.Kind() != protoreflect.StringKind || fd.IsList() {
			return true
		}
		switch fd.Name() {
		case "sunset":
			e.SetSunset(v.String())
		case "replacement":
			e.Replacement = v.String()
		}
		return true
	})
}

// commentTags reads @sunset and @replacement tags from comments.
func commentTags(e *checks.Element, comments ...string) {
	for _, c := range comments {
		for line := range strings.Lines(c) {
			fields := strings.Fields(line)
			if len(fields) < 2 {
				continue
			}
			switch fields[0] {
			case "@sunset":
				if e.SunsetRaw == "" {
					e.SetSunset(fields[1])
				}
			case "@replacement":
				if e.Replacement == "" {
					e.Replacement = strings.Join(fields[1:], " ")
				}
			}
		}
	}
}
