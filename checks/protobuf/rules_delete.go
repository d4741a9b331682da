package protobuf

import (
	"fmt"
	"sort"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// Rules about elements deleted from a file, a message, an enum or a service.

var ruleFileNoDelete = &rule{
	Rule: bufRule("FILE_NO_DELETE", "CSR FILE", "File deleted",
		doc(`Reports a .proto file that existed on the old side and is missing on the new side. As in buf, the finding has neither file nor line: its path and message name the deleted file.`,
			`Generated code for the file disappears, so every import of it and every use of its types stops compiling. Move elements to another file only together with a deprecation period.`,
			`// foo/v1/user.proto
syntax = "proto3";
package foo.v1;
message User {}`,
			`// foo/v1/user.proto no longer exists`)),
	noFile: true,
	snapshot: func(d *Diff) {
		for _, of := range d.Old.Files {
			if d.New.File(of.Path) == nil {
				d.Report(Location{}, of, of.Path, "file %q was deleted", of.Path)
			}
		}
	},
}

// messageDeleteNote says why deleting a message breaks generated code only,
// a deliberate difference from Confluent Schema Registry.
const messageDeleteNote = `**Source only, deliberately:** as in buf (FILE and PACKAGE categories), a deleted message breaks code, not readers of data: a field that used it must change type, which the field rules judge. Confluent Schema Registry's BACKWARD check rejects MESSAGE_REMOVED because its serializers name a record's message by its index among the schema's messages, a framing of its own; contractlint judges the protobuf encodings.`

var ruleMessageNoDelete = &rule{
	Rule: bufRule("MESSAGE_NO_DELETE", "CSR FILE", "Message deleted from its file",
		doc(`Reports a message (nested ones included) that is missing from a file that still exists. A nested message is reported at its closest enclosing message that still exists; a top-level one at the file, without a line.`,
			`Generated code for the message disappears, and so does every use of it in code. Moving a message to another file is also reported, because generated code is organised by file in many languages.`,
			`message User {
  message Address {}
}`,
			`message User {}`,
			messageDeleteNote)),
	file: func(d *Diff, of, nf *File) {
		for _, om := range of.Messages {
			if nf.MessageByNestedName(om.NestedName) == nil {
				d.Report(deletedAt(nf, om.NestedName), of, string(om.Desc.FullName()),
					"message %q was deleted from the file", om.NestedName)
			}
		}
	},
}

var ruleEnumNoDelete = &rule{
	Rule: bufRule("ENUM_NO_DELETE", "CSR FILE", "Enum deleted from its file",
		doc(`Reports an enum (nested ones included) that is missing from a file that still exists. A nested enum is reported at its closest enclosing message that still exists; a top-level one at the file, without a line.`,
			`Generated code for the enum disappears, and so does every use of it in code.`,
			`enum Status {
  STATUS_UNSPECIFIED = 0;
}`,
			`// enum Status was removed`)),
	file: func(d *Diff, of, nf *File) {
		for _, oe := range of.Enums {
			if nf.EnumByNestedName(oe.NestedName) == nil {
				d.Report(deletedAt(nf, oe.NestedName), of, string(oe.Desc.FullName()),
					"enum %q was deleted from the file", oe.NestedName)
			}
		}
	},
}

var ruleExtensionNoDelete = &rule{
	Rule: bufRule("EXTENSION_NO_DELETE", "FILE", "Extension deleted from its file",
		doc(`Reports an extension that is missing from a file that still exists. An extension declared in a message is reported at that message when it still exists; otherwise at the file, without a line.`,
			`Generated code for the extension disappears, and every use of it in code with it.`,
			`extend google.protobuf.FieldOptions {
  string sensitivity = 50001;
}`,
			`// the extension was removed`)),
	file: func(d *Diff, of, nf *File) {
		for _, ox := range of.Extensions {
			if nf.ExtensionByNestedName(ox.NestedName) == nil {
				d.Report(deletedAt(nf, ox.NestedName), of, string(ox.Desc.FullName()),
					"extension %q was deleted from the file", ox.NestedName)
			}
		}
	},
}

var ruleServiceNoDelete = &rule{
	Rule: bufRule("SERVICE_NO_DELETE", "FILE", "Service deleted from its file",
		doc(`Reports a service that is missing from a file that still exists. The finding is located at the file, without a line.`,
			`Clients and servers generated from the service no longer exist; every caller of it breaks.`,
			`service UserService {
  rpc GetUser(GetUserRequest) returns (GetUserResponse);
}`,
			`// service UserService was removed`)),
	file: func(d *Diff, of, nf *File) {
		for _, os := range of.Services {
			if nf.ServiceByName(string(os.Desc.Name())) == nil {
				d.Report(Location{File: nf}, of, string(os.Desc.FullName()),
					"service %q was deleted from the file", os.Desc.Name())
			}
		}
	},
}

var ruleRPCNoDelete = &rule{
	Rule: bufRule("RPC_NO_DELETE", "FILE PACKAGE", "RPC deleted from its service",
		doc(`Reports an RPC that is missing from a service that still exists, located at the service.`,
			`Clients calling the RPC get "unimplemented" errors, and generated clients lose the method.`,
			`service UserService {
  rpc GetUser(GetUserRequest) returns (GetUserResponse);
  rpc DeleteUser(DeleteUserRequest) returns (DeleteUserResponse);
}`,
			`service UserService {
  rpc GetUser(GetUserRequest) returns (GetUserResponse);
}`)),
	service: func(d *Diff, os, ns *Service) {
		for _, om := range os.Methods {
			if ns.Method(string(om.Desc.Name())) == nil {
				d.Report(ns.At(), os.File, string(om.Desc.FullName()),
					"RPC %q was deleted from service %q", om.Desc.Name(), ns.Desc.Name())
			}
		}
	},
}

var ruleOneofNoDelete = &rule{
	Rule: bufRule("ONEOF_NO_DELETE", "CSR FILE PACKAGE", "Oneof deleted from its message",
		doc(`Reports a oneof that is missing from a message that still exists, located at the message. Synthetic oneofs of proto3 "optional" fields are not oneofs for this rule (FIELD_SAME_CARDINALITY sees those changes).`,
			`Generated code for the oneof (case enums, accessors) disappears.`,
			`message Shape {
  oneof kind {
    Circle circle = 1;
    Square square = 2;
  }
}`,
			`message Shape {
  Circle circle = 1;
  Square square = 2;
}`)),
	message: func(d *Diff, om, nm *Message) {
		names := map[string]bool{}
		for _, o := range nm.Oneofs {
			names[string(o.Desc.Name())] = true
		}
		for _, o := range om.Oneofs {
			if o.Desc.IsSynthetic() || names[string(o.Desc.Name())] {
				continue
			}
			d.Report(nm.At(), om.File, string(o.Desc.FullName()),
				"oneof %q was deleted from message %q", o.Desc.Name(), nm.Desc.Name())
		}
	},
}

// Field deletion: plain, or allowed when the number or the name is reserved.

var ruleFieldNoDelete = &rule{
	Rule: bufRule("FIELD_NO_DELETE", "CSR FILE PACKAGE", "Field deleted from its message",
		doc(`Reports a field (by number) that is missing from a message that still exists, located at the message.`,
			`Generated accessors disappear, and readers stop seeing data old writers still send. Reserving the number and name does not silence this rule; use FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED or FIELD_NO_DELETE_UNLESS_NAME_RESERVED (WIRE and WIRE_JSON) for that.`,
			`message User {
  string id = 1;
  string email = 2;
}`,
			`message User {
  string id = 1;
}`)),
	message: func(d *Diff, om, nm *Message) { fieldNoDelete(d, om, nm, false, false) },
}

var ruleFieldNoDeleteUnlessNumberReserved = &rule{
	Rule: narrowed(bufRule("FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED", "CSR WIRE_JSON WIRE", "Field deleted without reserving its number",
		doc(`Reports a field that is missing from a message that still exists unless its number is now reserved, located at the message.`,
			`A later field may reuse the number with another type, and data written with the old field then decodes as garbage.`,
			`message User {
  string id = 1;
  string email = 2;
}`,
			`message User {
  string id = 1;
}`,
			`Passes when the new message says `+"`reserved 2;`"+`.`)),
		`readers survive the deletion itself: a new reader skips the old field as unknown, an old reader sees it unset, and Confluent Schema Registry's BACKWARD check accepts it too. What breaks data is a later reuse of the number with another type, a change of its own, which a check against every published version (the `+"`_transitive`"+` modes) catches as FIELD_KIND_CHANGED. Readers of JSON data are judged by FIELD_NO_DELETE_UNLESS_NAME_RESERVED (JSON readers reject unknown names, but skip reserved ones). Reserve the number anyway.`),
	message: func(d *Diff, om, nm *Message) { fieldNoDelete(d, om, nm, true, false) },
}

var ruleFieldNoDeleteUnlessNameReserved = &rule{
	Rule: bufRule("FIELD_NO_DELETE_UNLESS_NAME_RESERVED", "CSR WIRE_JSON", "Field deleted without reserving its name",
		doc(`Reports a field that is missing from a message that still exists unless its name is now reserved, located at the message.`,
			`A later field may reuse the name, and JSON written with the old field then decodes into the new one.`,
			`message User {
  string id = 1;
  string email = 2;
}`,
			`message User {
  string id = 1;
}`,
			`Passes when the new message says `+"`reserved \"email\";`"+`.`)),
	message: func(d *Diff, om, nm *Message) { fieldNoDelete(d, om, nm, false, true) },
}

func fieldNoDelete(d *Diff, om, nm *Message, unlessNumber, unlessName bool) {
	for _, of := range om.Fields {
		n := of.Desc.Number()
		if nm.Field(n) != nil {
			continue
		}
		if unlessNumber && nm.Desc.ReservedRanges().Has(n) {
			continue
		}
		if unlessName && nm.Desc.ReservedNames().Has(of.Desc.Name()) {
			continue
		}
		suffix := ""
		switch {
		case unlessNumber:
			suffix = fmt.Sprintf(" without reserving number %d", n)
		case unlessName:
			suffix = fmt.Sprintf(" without reserving name %q", of.Desc.Name())
		}
		d.Report(nm.At(), om.File, string(of.Desc.FullName()), "%s was deleted%s", fieldDesc(of), suffix)
	}
}

// Enum value deletion: plain, or allowed when the number or the names are
// reserved.

var ruleEnumValueNoDelete = &rule{
	Rule: bufRule("ENUM_VALUE_NO_DELETE", "CSR FILE PACKAGE", "Enum value deleted",
		doc(`Reports an enum number that no value of an enum that still exists uses any more, located at the enum.`,
			`Generated constants disappear, and readers see an unknown value where old writers send the deleted one.`,
			`enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_ACTIVE = 1;
}`,
			`enum Status {
  STATUS_UNSPECIFIED = 0;
}`)),
	enum: func(d *Diff, oe, ne *Enum) { enumValueNoDelete(d, oe, ne, false, false) },
}

var ruleEnumValueNoDeleteUnlessNumberReserved = &rule{
	Rule: bufRule("ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED", "CSR WIRE_JSON WIRE", "Enum value deleted without reserving its number",
		doc(`Reports an enum number no longer used by an enum that still exists unless the number is now reserved, located at the enum.`,
			`A later value may reuse the number with another meaning, and old data changes meaning silently.`,
			`enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_ACTIVE = 1;
}`,
			`enum Status {
  STATUS_UNSPECIFIED = 0;
}`,
			`Passes when the new enum says `+"`reserved 1;`"+`.`,
			`**Data, deliberately:** Confluent Schema Registry's BACKWARD check accepts ENUM_CONST_REMOVED; contractlint keeps buf's verdict. Unlike a deleted field, which nobody reads any more, the field that carries the enum is still read: a reader of old data sees the deleted number as an unknown value (closed enums: the field unset), and a later value may reuse the number with another meaning.`)),
	enum: func(d *Diff, oe, ne *Enum) { enumValueNoDelete(d, oe, ne, true, false) },
}

var ruleEnumValueNoDeleteUnlessNameReserved = &rule{
	Rule: bufRule("ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED", "CSR WIRE_JSON", "Enum value deleted without reserving its name",
		doc(`Reports an enum number no longer used by an enum that still exists unless every name it had is now reserved, located at the enum.`,
			`JSON carries enum values by name: a later value reusing the name changes what old JSON means.`,
			`enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_ACTIVE = 1;
}`,
			`enum Status {
  STATUS_UNSPECIFIED = 0;
}`,
			`Passes when the new enum says `+"`reserved \"STATUS_ACTIVE\";`"+`.`)),
	enum: func(d *Diff, oe, ne *Enum) { enumValueNoDelete(d, oe, ne, false, true) },
}

func enumValueNoDelete(d *Diff, oe, ne *Enum, unlessNumber, unlessName bool) {
	for _, n := range oe.Numbers() {
		if len(ne.ValuesByNumber(n)) > 0 {
			continue
		}
		if unlessNumber && ne.Desc.ReservedRanges().Has(n) {
			continue
		}
		ov := oe.ValuesByNumber(n)
		names := valueNames(ov)
		if unlessName {
			all := true
			for _, name := range names {
				if !ne.Desc.ReservedNames().Has(protoreflect.Name(name)) {
					all = false
				}
			}
			if all {
				continue
			}
		}
		suffix := ""
		switch {
		case unlessNumber:
			suffix = fmt.Sprintf(" without reserving number %d", n)
		case unlessName:
			suffix = fmt.Sprintf(" without reserving %s", quoteList(names))
		}
		d.Report(ne.At(), oe.File, string(ov[0].Desc.FullName()),
			"enum value %d (%s) of enum %q was deleted%s", n, quoteList(names), ne.Desc.Name(), suffix)
	}
}

func valueNames(vs []*EnumValue) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v.Desc.Name())
	}
	sort.Strings(out)
	return out
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// Package-wide deletions: an element may move between the files of its
// package without being reported.

var rulePackageNoDelete = &rule{
	Rule: bufRule("PACKAGE_NO_DELETE", "PACKAGE", "Package deleted",
		doc(`Reports a package that no file of the new side declares any more. As in buf, the finding has neither file nor line: its path and message name the package.`,
			`Everything in the package disappears for its users at once.`,
			`// foo/v1/user.proto
package foo.v1;`,
			`// no file declares package foo.v1`)),
	noFile: true,
	snapshot: func(d *Diff) {
		for _, pkg := range d.Old.Packages() {
			if !d.New.HasPackage(pkg) {
				of := d.Old.Package(pkg)[0]
				d.Report(Location{}, of, pkg, "package %q was deleted", pkg)
			}
		}
	},
}

var rulePackageMessageNoDelete = &rule{
	Rule: bufRule("PACKAGE_MESSAGE_NO_DELETE", "PACKAGE", "Message deleted from its package",
		doc(`Reports a message missing from every file of a package that still exists. Moving a message between files of one package is not reported. The finding is located like MESSAGE_NO_DELETE's when the message's old file still exists, else at the old file without a line.`,
			`Generated code for the message disappears from the package.`,
			`package foo.v1;
message User {}`,
			`package foo.v1;
// message User was removed from every file of foo.v1`)),
	removedElements: true,
	snapshot: func(d *Diff) {
		packageNoDelete(d, "message", func(f *File) []*Element { return elements(f.Messages) }, packageAncestor)
	},
}

var rulePackageEnumNoDelete = &rule{
	Rule: bufRule("PACKAGE_ENUM_NO_DELETE", "PACKAGE", "Enum deleted from its package",
		doc(`Reports an enum missing from every file of a package that still exists. Moving an enum between files of one package is not reported. Located like ENUM_NO_DELETE's finding when the enum's old file still exists, else at the old file without a line.`,
			`Generated code for the enum disappears from the package.`,
			`package foo.v1;
enum Status { STATUS_UNSPECIFIED = 0; }`,
			`package foo.v1;
// enum Status was removed from every file of foo.v1`)),
	removedElements: true,
	snapshot: func(d *Diff) {
		packageNoDelete(d, "enum", func(f *File) []*Element { return elements(f.Enums) }, fileAncestor)
	},
}

var rulePackageExtensionNoDelete = &rule{
	Rule: bufRule("PACKAGE_EXTENSION_NO_DELETE", "PACKAGE", "Extension deleted from its package",
		doc(`Reports an extension missing from every file of a package that still exists. Moving an extension between files of one package is not reported. Located like EXTENSION_NO_DELETE's finding when the old file still exists, else at the old file without a line.`,
			`Generated code for the extension disappears from the package.`,
			`package foo.v1;
extend google.protobuf.FieldOptions { string sensitivity = 50001; }`,
			`package foo.v1;
// the extension was removed from every file of foo.v1`)),
	removedElements: true,
	snapshot: func(d *Diff) {
		packageNoDelete(d, "extension", func(f *File) []*Element { return elements(f.Extensions) }, fileAncestor)
	},
}

var rulePackageServiceNoDelete = &rule{
	Rule: bufRule("PACKAGE_SERVICE_NO_DELETE", "PACKAGE", "Service deleted from its package",
		doc(`Reports a service missing from every file of a package that still exists. Moving a service between files of one package is not reported. Located at the service's old file (in the new side when it still exists), without a line.`,
			`Clients and servers of the service disappear from the package.`,
			`package foo.v1;
service UserService {}`,
			`package foo.v1;
// service UserService was removed from every file of foo.v1`)),
	removedElements: true,
	snapshot: func(d *Diff) {
		packageNoDelete(d, "service", func(f *File) []*Element { return elements(f.Services) }, noAncestor)
	},
}

// deletedLocation says where packageNoDelete locates an element deleted
// from a package whose old file still exists.
type deletedLocation int

const (
	// noAncestor: the old file, without a line.
	noAncestor deletedLocation = iota
	// fileAncestor: the closest enclosing message that still exists in the
	// old file's new version (buf's enums and extensions).
	fileAncestor
	// packageAncestor: the closest enclosing message that still exists
	// anywhere in the package, in whichever file now declares it (buf's
	// messages: a nested message deleted while its parent moved to another
	// file is located at the parent in that file).
	packageAncestor
)

// packageNoDelete reports elements of a kind that left their package,
// located as loc says.
func packageNoDelete(d *Diff, kind string, elems func(*File) []*Element, loc deletedLocation) {
	for _, pkg := range d.Old.Packages() {
		if !d.New.HasPackage(pkg) {
			continue
		}
		newFiles := d.New.Package(pkg)
		present := map[string]bool{}
		for _, nf := range newFiles {
			for _, e := range elems(nf) {
				present[e.NestedName] = true
			}
		}
		for _, of := range d.Old.Package(pkg) {
			if of.Identical {
				continue
			}
			for _, e := range elems(of) {
				if present[e.NestedName] {
					continue
				}
				var at Location
				if nf := d.New.File(of.Path); nf != nil {
					switch loc {
					case noAncestor:
						at = Location{File: nf}
					case fileAncestor:
						at = deletedAt(nf, e.NestedName)
					case packageAncestor:
						at = deletedInPackage(d.New, nf, pkg, e.NestedName)
					}
				}
				d.Report(at, of, e.FullName(), "%s %q was deleted from package %q", kind, e.NestedName, pkg)
			}
		}
	}
}

// deletedInPackage is buf's location for a message deleted from a package
// whose old file nf still exists: the closest enclosing message that still
// exists in the package, in its file, else nf without a line.
func deletedInPackage(s *Snapshot, nf *File, pkg, nestedName string) Location {
	parts := strings.Split(nestedName, ".")
	for i := len(parts) - 1; i > 0; i-- {
		name := strings.Join(parts[:i], ".")
		if pkg != "" {
			name = pkg + "." + name
		}
		if m := s.Message(protoreflect.FullName(name)); m != nil {
			return m.At()
		}
	}
	return Location{File: nf}
}
