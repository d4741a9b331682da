package protobuf

import (
	"fmt"
	"slices"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/contractlint/contractlint/checks"
)

// Rules of our own for the changes buf is silent about: additions (minor),
// deprecations (minor, SemVer 2.0.0 §7), documentation and reservations
// (patch). None of them breaks compatibility; they make the semantic-version
// verdict honest. Their IDs follow buf's style; they belong to the CHANGES
// category, not to buf's, so that `--rules FILE` still means exactly buf.
//
// Additions are reported once, at the outermost new element: a new file is a
// FILE_ADD and nothing inside it is reported; a new message is a MESSAGE_ADD
// and its fields, nested types and oneofs are not reported again; a new oneof
// covers its new fields.

// catChanges is the category of the rules in this file.
const catChanges = "CHANGES"

// changeRules are the rules in this file, in documentation order.
var changeRules = []*rule{
	ruleFileAdd,
	ruleMessageAdd,
	ruleFieldAdd,
	ruleOneofAdd,
	ruleExtensionAdd,
	ruleEnumAdd,
	ruleEnumValueAdd,
	ruleServiceAdd,
	ruleRPCAdd,
	ruleFileDeprecated,
	ruleMessageDeprecated,
	ruleFieldDeprecated,
	ruleEnumDeprecated,
	ruleEnumValueDeprecated,
	ruleServiceDeprecated,
	ruleRPCDeprecated,
	ruleCommentChange,
	ruleReservedAdd,
}

// changeRule declares a rule of this file.
func changeRule(id string, impact checks.Impact, title, doc string) *checks.Rule {
	return &checks.Rule{
		ID:         id,
		Format:     checks.Protobuf,
		Categories: []string{catChanges},
		Default:    true,
		Impact:     impact,
		Title:      title,
		Doc:        doc,
	}
}

// Source path field numbers of descriptor.proto's option messages and
// reserved ranges, beyond those in model.go.
const (
	fileDeprecatedOpt   = 23 // FileOptions.deprecated
	msgDeprecatedOpt    = 3  // MessageOptions.deprecated
	fieldDeprecatedOpt  = 3  // FieldOptions.deprecated
	enumDeprecatedOpt   = 3  // EnumOptions.deprecated
	valueOptions        = 3  // EnumValueDescriptorProto.options
	valueDeprecatedOpt  = 1  // EnumValueOptions.deprecated
	svcOptions          = 3  // ServiceDescriptorProto.options
	svcDeprecatedOpt    = 33 // ServiceOptions.deprecated
	methodDeprecatedOpt = 33 // MethodOptions.deprecated
	enumReservedRange   = 4  // EnumDescriptorProto.reserved_range
	enumReservedName    = 5  // EnumDescriptorProto.reserved_name
)

// Shared parts of the rules' documentation.
const (
	minorWhyAdd          = `An addition is backward and forward compatible on the wire and in JSON: old readers skip what they do not know. It still adds API surface, so the release that ships it is a minor one.`
	minorWhyDeprecate    = `Marking part of an API deprecated is a minor release under SemVer 2.0.0 §7, so that users learn about the coming removal before the major release that makes it.`
	additionsInsideNotes = `Elements inside an element that is itself new are not reported again.`
)

// changedFiles calls fn for every new file that also exists on the old side
// and is not identical to it.
func changedFiles(d *Diff, fn func(of, nf *File)) {
	for _, nf := range d.New.Files {
		if nf.Identical {
			continue
		}
		if of := d.Old.File(nf.Path); of != nil {
			fn(of, nf)
		}
	}
}

var ruleFileAdd = &rule{
	Rule: changeRule("FILE_ADD", checks.Minor, "File added",
		doc(`Reports a .proto file that exists on the new side only. It is located at the file's package statement (or its first line). `+additionsInsideNotes,
			minorWhyAdd,
			`// foo/v1/user.proto is the only file`,
			`// foo/v1/order.proto
syntax = "proto3";
package foo.v1;
message Order {}`)),
	snapshot: func(d *Diff) {
		for _, nf := range d.New.Files {
			if d.Old.File(nf.Path) == nil {
				d.Report(nf.Loc(protoreflect.SourcePath{filePackage}, protoreflect.SourcePath{fileSyntax}), nil, nf.Path, "file %q was added", nf.Path)
			}
		}
	},
}

var ruleMessageAdd = &rule{
	Rule: changeRule("MESSAGE_ADD", checks.Minor, "Message added",
		doc(`Reports a message (nested ones included) whose fully-qualified name does not exist on the old side, in a file that already existed. Map entries are not messages of their own here: a new map field is a FIELD_ADD. `+additionsInsideNotes,
			minorWhyAdd,
			`message User {}`,
			`message User {
  message Address {}
}
message Order {}`)),
	snapshot: func(d *Diff) {
		changedFiles(d, func(_, nf *File) {
			for _, nm := range nf.Messages {
				if nm.Desc.IsMapEntry() || d.Old.Message(nm.Desc.FullName()) != nil || !parentExisted(d, nm.Parent) {
					continue
				}
				d.Report(nm.At(), nil, string(nm.Desc.FullName()), "message %q was added", nm.NestedName)
			}
		})
	},
}

// parentExisted reports whether a message's enclosing message (if any)
// existed on the old side, so that an element of a new message is not
// reported twice.
func parentExisted(d *Diff, parent *Message) bool {
	return parent == nil || d.Old.Message(parent.Desc.FullName()) != nil
}

var ruleFieldAdd = &rule{
	Rule: changeRule("FIELD_ADD", checks.Minor, "Field added",
		doc(`Reports a field whose number a message did not use before. A required field (proto2 `+"`required`"+`, or editions' LEGACY_REQUIRED) is not reported here: adding one breaks readers of old data, and buf's MESSAGE_SAME_REQUIRED_FIELDS reports it as major. A field of a new oneof is reported as the ONEOF_ADD. `+additionsInsideNotes,
			minorWhyAdd,
			`message User {
  string id = 1;
}`,
			`message User {
  string id = 1;
  string email = 2;
}`)),
	message: func(d *Diff, om, nm *Message) {
		for _, nf := range nm.Fields {
			if om.Field(nf.Desc.Number()) != nil || nf.Desc.Cardinality() == protoreflect.Required {
				continue
			}
			if o := nf.Desc.ContainingOneof(); o != nil && !o.IsSynthetic() && om.Desc.Oneofs().ByName(o.Name()) == nil {
				continue
			}
			d.Report(nf.At(), nil, string(nf.Desc.FullName()), "%s was added", fieldDesc(nf))
		}
	},
}

var ruleOneofAdd = &rule{
	Rule: changeRule("ONEOF_ADD", checks.Minor, "Oneof added",
		doc(`Reports a oneof whose name a message did not have before, with its new fields. proto3 `+"`optional`"+` fields are not oneofs here (their synthetic oneof is an implementation detail). Moving an existing field into a oneof is FIELD_SAME_ONEOF's, a breaking change.`,
			minorWhyAdd,
			`message User {
  string id = 1;
}`,
			`message User {
  string id = 1;
  oneof contact {
    string email = 2;
    string phone = 3;
  }
}`)),
	message: func(d *Diff, om, nm *Message) {
		for _, no := range nm.Oneofs {
			if no.Desc.IsSynthetic() || om.Desc.Oneofs().ByName(no.Desc.Name()) != nil {
				continue
			}
			d.Report(no.At(), nil, string(no.Desc.FullName()), "oneof %q was added to message %q", no.Desc.Name(), nm.Desc.Name())
		}
	},
}

var ruleExtensionAdd = &rule{
	Rule: changeRule("EXTENSION_ADD", checks.Minor, "Extension added",
		doc(`Reports an extension (by extended message and number) that did not exist on the old side, in a file that already existed. `+additionsInsideNotes,
			minorWhyAdd,
			`syntax = "proto2";
message Base {
  extensions 100 to 199;
}`,
			`syntax = "proto2";
message Base {
  extensions 100 to 199;
}
extend Base {
  optional string note = 100;
}`)),
	snapshot: func(d *Diff) {
		changedFiles(d, func(_, nf *File) {
			for _, nx := range nf.Extensions {
				if d.Old.Extension(nx.Desc.ContainingMessage().FullName(), nx.Desc.Number()) != nil || !parentExisted(d, nx.Message) {
					continue
				}
				d.Report(nx.At(), nil, string(nx.Desc.FullName()), "%s was added", fieldDesc(nx))
			}
		})
	},
}

var ruleEnumAdd = &rule{
	Rule: changeRule("ENUM_ADD", checks.Minor, "Enum added",
		doc(`Reports an enum (nested ones included) whose fully-qualified name does not exist on the old side, in a file that already existed. `+additionsInsideNotes,
			minorWhyAdd,
			`message User {}`,
			`message User {
  enum Role {
    ROLE_UNSPECIFIED = 0;
  }
}`)),
	snapshot: func(d *Diff) {
		changedFiles(d, func(_, nf *File) {
			for _, ne := range nf.Enums {
				if d.Old.Enum(ne.Desc.FullName()) != nil || !parentExisted(d, ne.Parent) {
					continue
				}
				d.Report(ne.At(), nil, string(ne.Desc.FullName()), "enum %q was added", ne.NestedName)
			}
		})
	},
}

var ruleEnumValueAdd = &rule{
	Rule: changeRule("ENUM_VALUE_ADD", checks.Minor, "Enum value added",
		doc(`Reports an enum value whose number the enum did not use before. Readers built from the old schema see the number as unknown: proto3 keeps it in the field (open enums), proto2 treats it as an unknown field (closed enums), so handle unknown values before you rely on the new one.`,
			minorWhyAdd,
			`enum Role {
  ROLE_UNSPECIFIED = 0;
  ROLE_ADMIN = 1;
}`,
			`enum Role {
  ROLE_UNSPECIFIED = 0;
  ROLE_ADMIN = 1;
  ROLE_AUDITOR = 2;
}`)),
	enum: func(d *Diff, oe, ne *Enum) {
		for _, nv := range ne.Values {
			if len(oe.ValuesByNumber(nv.Desc.Number())) > 0 || ne.ValuesByNumber(nv.Desc.Number())[0] != nv {
				continue
			}
			d.Report(nv.At(), nil, string(nv.Desc.FullName()), "enum value %d %q was added to enum %q", nv.Desc.Number(), nv.Desc.Name(), ne.Desc.Name())
		}
	},
}

var ruleServiceAdd = &rule{
	Rule: changeRule("SERVICE_ADD", checks.Minor, "Service added",
		doc(`Reports a service whose fully-qualified name does not exist on the old side, in a file that already existed. Its RPCs are not reported again.`,
			minorWhyAdd,
			`service UserService {}`,
			`service UserService {}
service OrderService {
  rpc GetOrder(GetOrderRequest) returns (Order);
}`)),
	snapshot: func(d *Diff) {
		changedFiles(d, func(_, nf *File) {
			for _, ns := range nf.Services {
				if d.Old.Service(ns.Desc.FullName()) == nil {
					d.Report(ns.At(), nil, string(ns.Desc.FullName()), "service %q was added", ns.Desc.Name())
				}
			}
		})
	},
}

var ruleRPCAdd = &rule{
	Rule: changeRule("RPC_ADD", checks.Minor, "RPC added",
		doc(`Reports an RPC whose name a service did not have before.`,
			minorWhyAdd,
			`service UserService {
  rpc GetUser(GetUserRequest) returns (User);
}`,
			`service UserService {
  rpc GetUser(GetUserRequest) returns (User);
  rpc ListUsers(ListUsersRequest) returns (ListUsersResponse);
}`)),
	service: func(d *Diff, os, ns *Service) {
		for _, nm := range ns.Methods {
			if os.Method(string(nm.Desc.Name())) == nil {
				d.Report(nm.At(), nil, string(nm.Desc.FullName()), "RPC %q was added to service %q", nm.Desc.Name(), ns.Desc.Name())
			}
		}
	},
}

// deprecationRule declares the rule for deprecating one kind of element.
func deprecationRule(id, kind, example, exampleNew string) *checks.Rule {
	return changeRule(id, checks.Minor, upperFirst(kind)+" deprecated",
		doc(fmt.Sprintf(`Reports a %s whose `+"`deprecated`"+` option became true. It is located at the option.`, kind),
			minorWhyDeprecate, example, exampleNew,
			`Removing the deprecation again is not reported.`))
}

func upperFirst(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// reportDeprecated reports ne when it became deprecated.
func reportDeprecated(d *Diff, oldDesc, newDesc protoreflect.Descriptor, at Location, old *File, kind string) {
	if !deprecatedOption(oldDesc) && deprecatedOption(newDesc) {
		d.Report(at, old, string(newDesc.FullName()), "%s %q was marked deprecated", kind, newDesc.FullName())
	}
}

var ruleFileDeprecated = &rule{
	Rule: changeRule("FILE_DEPRECATED", checks.Minor, "File deprecated",
		doc(`Reports a file whose `+"`deprecated`"+` file option became true. It is located at the option.`,
			minorWhyDeprecate,
			`syntax = "proto3";
package foo.v1;`,
			`syntax = "proto3";
package foo.v1;
option deprecated = true;`,
			`Removing the deprecation again is not reported.`)),
	file: func(d *Diff, of, nf *File) {
		if !deprecatedOption(of.Desc) && deprecatedOption(nf.Desc) {
			d.Report(nf.Loc(protoreflect.SourcePath{fileOptionsPath, fileDeprecatedOpt}, protoreflect.SourcePath{filePackage}), of, nf.Path, "file %q was marked deprecated", nf.Path)
		}
	},
}

var ruleMessageDeprecated = &rule{
	Rule: deprecationRule("MESSAGE_DEPRECATED", "message",
		`message User {}`,
		`message User {
  option deprecated = true;
}`),
	message: func(d *Diff, om, nm *Message) {
		reportDeprecated(d, om.Desc, nm.Desc, nm.At([]int32{msgOptions, msgDeprecatedOpt}), om.File, "message")
	},
}

var ruleFieldDeprecated = &rule{
	Rule: deprecationRule("FIELD_DEPRECATED", "field",
		`message User {
  string phone = 3;
}`,
		`message User {
  string phone = 3 [deprecated = true];
}`),
	field: func(d *Diff, of, nf *Field) {
		reportDeprecated(d, of.Desc, nf.Desc, nf.At([]int32{fieldOptions, fieldDeprecatedOpt}), of.File, "field")
	},
}

var ruleEnumDeprecated = &rule{
	Rule: deprecationRule("ENUM_DEPRECATED", "enum",
		`enum Role {
  ROLE_UNSPECIFIED = 0;
}`,
		`enum Role {
  option deprecated = true;
  ROLE_UNSPECIFIED = 0;
}`),
	enum: func(d *Diff, oe, ne *Enum) {
		reportDeprecated(d, oe.Desc, ne.Desc, ne.At([]int32{enumOptions, enumDeprecatedOpt}), oe.File, "enum")
	},
}

var ruleEnumValueDeprecated = &rule{
	Rule: deprecationRule("ENUM_VALUE_DEPRECATED", "enum value",
		`enum Role {
  ROLE_UNSPECIFIED = 0;
  ROLE_GUEST = 1;
}`,
		`enum Role {
  ROLE_UNSPECIFIED = 0;
  ROLE_GUEST = 1 [deprecated = true];
}`),
	values: func(d *Diff, ov, nv []*EnumValue) {
		for _, n := range nv {
			i := slices.IndexFunc(ov, func(o *EnumValue) bool { return o.Desc.Name() == n.Desc.Name() })
			if i < 0 {
				continue
			}
			reportDeprecated(d, ov[i].Desc, n.Desc, n.At([]int32{valueOptions, valueDeprecatedOpt}), ov[i].File, "enum value")
		}
	},
}

var ruleServiceDeprecated = &rule{
	Rule: deprecationRule("SERVICE_DEPRECATED", "service",
		`service UserService {}`,
		`service UserService {
  option deprecated = true;
}`),
	service: func(d *Diff, os, ns *Service) {
		reportDeprecated(d, os.Desc, ns.Desc, ns.At([]int32{svcOptions, svcDeprecatedOpt}), os.File, "service")
	},
}

var ruleRPCDeprecated = &rule{
	Rule: deprecationRule("RPC_DEPRECATED", "RPC",
		`rpc GetUser(GetUserRequest) returns (User);`,
		`rpc GetUser(GetUserRequest) returns (User) {
  option deprecated = true;
}`),
	method: func(d *Diff, om, nm *Method) {
		reportDeprecated(d, om.Desc, nm.Desc, nm.At([]int32{methodOpts, methodDeprecatedOpt}), om.File, "RPC")
	},
}

// normalizeComment folds white space, so that re-indenting or re-wrapping a
// comment is not a change, and drops contractlint's directive lines
// ("contractlint:ignore RULE reason"), which are not documentation.
func normalizeComment(s string) string {
	var words []string
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "contractlint:") {
			continue
		}
		words = append(words, strings.Fields(line)...)
	}
	return strings.Join(words, " ")
}

// commentChanged reports whether the leading or trailing comment of an
// element differs, beyond white space, between its old and new version.
func commentChanged(o, n *Element) (oldText, newText string, changed bool) {
	if o.File.sameBytes(n.File) && slices.Equal(o.Path, n.Path) {
		// Same file, same place: same comments, without reading them
		// (which may need the file's source info).
		return "", "", false
	}
	ol, ot := o.File.Comments(o.Path)
	nl, nt := n.File.Comments(n.Path)
	if ol == nl && ot == nt {
		return "", "", false
	}
	oldText, newText = normalizeComment(ol+" "+ot), normalizeComment(nl+" "+nt)
	return oldText, newText, oldText != newText
}

func reportComment(d *Diff, o, n *Element, kind string) {
	if ot, nt, ok := commentChanged(o, n); ok {
		d.ReportChange(n.File.Loc(n.Path), o.File, n.FullName(), ot, nt, "the comment of %s %q changed", kind, n.FullName())
	}
}

var ruleCommentChange = &rule{
	Rule: changeRule("COMMENT_CHANGE", checks.Patch, "Comment changed",
		doc(`Reports a message, field, oneof, enum, enum value, service or RPC whose leading or trailing comment changed. Changes in white space only (re-indenting, re-wrapping) are not reported, nor are detached comments or contractlint's own directives (`+"`// contractlint:ignore RULE reason`"+`).`,
			`Comments are the API's documentation: generated code and API references carry them. Changing them changes no behaviour, so the release is a patch.`,
			`// A user of the shop.
message User {
  string id = 1; // Opaque.
}`,
			`// A registered user of the shop.
message User {
  string id = 1; // Opaque; never reused.
}`)),
	message: func(d *Diff, om, nm *Message) {
		if nm.Desc.IsMapEntry() {
			return
		}
		reportComment(d, &om.Element, &nm.Element, "message")
		for _, no := range nm.Oneofs {
			if no.Desc.IsSynthetic() {
				continue
			}
			if i := slices.IndexFunc(om.Oneofs, func(o *Oneof) bool { return o.Desc.Name() == no.Desc.Name() }); i >= 0 {
				reportComment(d, &om.Oneofs[i].Element, &no.Element, "oneof")
			}
		}
	},
	field: func(d *Diff, of, nf *Field) {
		if nf.Message != nil && nf.Message.Desc.IsMapEntry() {
			return
		}
		reportComment(d, &of.Element, &nf.Element, "field")
	},
	enum: func(d *Diff, oe, ne *Enum) { reportComment(d, &oe.Element, &ne.Element, "enum") },
	values: func(d *Diff, ov, nv []*EnumValue) {
		for _, n := range nv {
			if i := slices.IndexFunc(ov, func(o *EnumValue) bool { return o.Desc.Name() == n.Desc.Name() }); i >= 0 {
				reportComment(d, &ov[i].Element, &n.Element, "enum value")
			}
		}
	},
	service: func(d *Diff, os, ns *Service) { reportComment(d, &os.Element, &ns.Element, "service") },
	method:  func(d *Diff, om, nm *Method) { reportComment(d, &om.Element, &nm.Element, "RPC") },
}

var ruleReservedAdd = &rule{
	Rule: changeRule("RESERVED_ADD", checks.Patch, "Reserved range or name added",
		doc(`Reports a reserved number range or reserved name that a message or enum did not have before. It is located at the new reservation.`,
			`Reserving numbers and names changes nothing on the wire or in generated code; it documents that they must never be reused, so the release is a patch. Removing a reservation is buf's RESERVED_MESSAGE_NO_DELETE or RESERVED_ENUM_NO_DELETE, a breaking change.`,
			`message User {
  string id = 1;
}`,
			`message User {
  reserved 2 to 4;
  reserved "email";
  string id = 1;
}`)),
	message: func(d *Diff, om, nm *Message) {
		or, nr := om.Desc.ReservedRanges(), nm.Desc.ReservedRanges()
		for i := 0; i < nr.Len(); i++ {
			r := nr.Get(i)
			if !hasFieldRange(or, r) {
				d.Report(nm.At([]int32{msgReserved, int32(i)}), om.File, string(nm.Desc.FullName()), "message %q reserves %s", nm.NestedName, rangeText(int64(r[0]), int64(r[1])-1))
			}
		}
		reportReservedNames(d, om.Desc.ReservedNames(), nm.Desc.ReservedNames(), &nm.Element, om.File, msgReservedNam, "message")
	},
	enum: func(d *Diff, oe, ne *Enum) {
		or, nr := oe.Desc.ReservedRanges(), ne.Desc.ReservedRanges()
		for i := 0; i < nr.Len(); i++ {
			r := nr.Get(i)
			if !hasEnumRange(or, r) {
				d.Report(ne.At([]int32{enumReservedRange, int32(i)}), oe.File, string(ne.Desc.FullName()), "enum %q reserves %s", ne.NestedName, rangeText(int64(r[0]), int64(r[1])))
			}
		}
		reportReservedNames(d, oe.Desc.ReservedNames(), ne.Desc.ReservedNames(), &ne.Element, oe.File, enumReservedName, "enum")
	},
}

func hasFieldRange(rs protoreflect.FieldRanges, r [2]protoreflect.FieldNumber) bool {
	for i := 0; i < rs.Len(); i++ {
		if rs.Get(i) == r {
			return true
		}
	}
	return false
}

func hasEnumRange(rs protoreflect.EnumRanges, r [2]protoreflect.EnumNumber) bool {
	for i := 0; i < rs.Len(); i++ {
		if rs.Get(i) == r {
			return true
		}
	}
	return false
}

// rangeText spells an inclusive range the way .proto files do.
func rangeText(lo, hi int64) string {
	if lo == hi {
		return fmt.Sprintf("number %d", lo)
	}
	return fmt.Sprintf("numbers %d to %d", lo, hi)
}

func reportReservedNames(d *Diff, on, nn protoreflect.Names, e *Element, old *File, pathField int32, kind string) {
	for i := 0; i < nn.Len(); i++ {
		if n := nn.Get(i); !on.Has(n) {
			d.Report(e.At([]int32{pathField, int32(i)}), old, e.FullName(), "%s %q reserves name %q", kind, e.NestedName, n)
		}
	}
}
