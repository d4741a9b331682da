package protobuf

import (
	"fmt"
	"slices"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/contractlint/contractlint/checks"
)

// Rules of our own that decide data compatibility where buf's WIRE rules are
// more conservative than the protobuf wire format. buf's FIELD_SAME_ONEOF,
// FIELD_WIRE_COMPATIBLE_TYPE and FIELD_WIRE_COMPATIBLE_CARDINALITY flag
// changes that readers of binary data survive (an int32 field becoming an
// enum, a oneof renamed, a string field becoming repeated, a message type
// moved to another package); contractlint keeps reporting them under buf's
// IDs, as breaks of generated code, and lets the rules below, which follow
// the protobuf language guide ("Updating A Message Type"), say what breaks
// readers of data. Their IDs are Confluent Schema Registry's difference types
// where one exists; they belong to the DATA category, not to buf's, so that
// `--rules WIRE` still means exactly buf.

// catData is the category of the rules in this file.
const catData = "DATA"

// dataRules are the rules in this file, in documentation order.
var dataRules = []*rule{
	ruleFieldKindChanged,
	ruleFieldNamedTypeChanged,
	ruleFieldNumericLabelChanged,
	ruleOneofMembersJoined,
	ruleOneofMembersSeparated,
	ruleOneofFieldRemoved,
}

// dataRule declares a rule of this file: major, run by default, breaking
// readers of the given levels in the given directions.
func dataRule(id string, breaks checks.Direction, levels checks.Level, title, doc string) *checks.Rule {
	return &checks.Rule{
		ID:         id,
		Format:     checks.Protobuf,
		Categories: []string{catData},
		Default:    true,
		Impact:     checks.Major,
		Breaks:     breaks,
		Levels:     levels,
		Title:      title,
		Doc:        doc,
	}
}

// narrowedRules are buf's rules declared with narrowed.
var narrowedRules = []string{"FIELD_SAME_ONEOF", "FIELD_WIRE_COMPATIBLE_TYPE", "FIELD_WIRE_COMPATIBLE_CARDINALITY", "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED"}

// Levels returns what a protobuf rule of buf's categories breaks: LevelsOf
// its categories, but source only for the rules whose findings readers of
// data survive (FIELD_SAME_ONEOF, FIELD_WIRE_COMPATIBLE_TYPE,
// FIELD_WIRE_COMPATIBLE_CARDINALITY, FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED),
// whose data compatibility the DATA rules decide.
func Levels(r *checks.Rule) checks.Level {
	if slices.Contains(narrowedRules, r.ID) {
		return checks.Source
	}
	return LevelsOf(r.Categories)
}

// narrowed declares one of buf's rules whose findings, by the protobuf wire
// format, break generated code but not necessarily readers of data: its
// levels are source only, whatever its categories say, and its doc says
// which rules decide data compatibility instead.
func narrowed(r *checks.Rule, instead string) *checks.Rule {
	r.Levels, r.Breaks = checks.Source, 0
	r.Doc += "\n**Levels:** buf files this rule under " + strings.Join(dataCats(r.Categories), " and ") +
		", but not every change it reports breaks readers of data: " + instead +
		" contractlint therefore counts its findings as breaks of generated code only (source); " +
		"the rules named here decide binary and JSON compatibility. " +
		"Selected (`--rules WIRE`, a buf.yaml), it still reports exactly what buf reports.\n"
	return r
}

func dataCats(cats []string) []string {
	var out []string
	for _, c := range cats {
		if c == catWire || c == catWireJSON {
			out = append(out, c)
		}
	}
	return out
}

// wireKindGroup groups the field kinds that share a binary encoding, as the
// protobuf language guide lists them: int32, int64, uint32, uint64, bool and
// enums (varint); sint32 and sint64 (zigzag); string and bytes; fixed32 and
// sfixed32; fixed64 and sfixed64. Every other kind is alone.
var wireKindGroup = map[protoreflect.Kind]int{
	protoreflect.Int32Kind: 1, protoreflect.Int64Kind: 1, protoreflect.Uint32Kind: 1, protoreflect.Uint64Kind: 1,
	protoreflect.BoolKind: 1, protoreflect.EnumKind: 1,
	protoreflect.Sint32Kind: 2, protoreflect.Sint64Kind: 2,
	protoreflect.StringKind: 3, protoreflect.BytesKind: 3,
	protoreflect.Fixed32Kind: 4, protoreflect.Sfixed32Kind: 4,
	protoreflect.Fixed64Kind: 5, protoreflect.Sfixed64Kind: 5,
	protoreflect.FloatKind: 6, protoreflect.DoubleKind: 7,
	protoreflect.MessageKind: 8, protoreflect.GroupKind: 9,
}

// kindChange describes a change of a field's kind that readers of binary
// data do not survive, "" when they do. bytes to string counts, because
// nothing guarantees the old bytes are valid UTF-8.
func kindChange(of, nf protoreflect.FieldDescriptor) string {
	ok, nk := of.Kind(), nf.Kind()
	switch {
	case ok == protoreflect.BytesKind && nk == protoreflect.StringKind:
		return fmt.Sprintf("type from %s to %s, valid only if every old value is UTF-8, which nothing enforces", kindString(of), kindString(nf))
	case wireKindGroup[ok] != wireKindGroup[nk]:
		return fmt.Sprintf("type from %s to %s", kindString(of), kindString(nf))
	}
	return ""
}

// isLengthDelimited reports whether a singular field of kind k and a
// repeated one share an encoding: string, bytes and messages (a singular
// reader keeps the last value or merges the messages).
func isLengthDelimited(k protoreflect.Kind) bool {
	switch k {
	case protoreflect.StringKind, protoreflect.BytesKind, protoreflect.MessageKind, protoreflect.GroupKind:
		return true
	}
	return false
}

// labelChange describes a change between singular and packed repeated of a
// numeric (or bool, or enum) field, "" for any other field: a singular
// reader does not parse packed values. Unpacked repeated values (proto2's
// default, [packed = false]) are read like strings: the last one wins.
func labelChange(of, nf protoreflect.FieldDescriptor) string {
	if of.IsList() == nf.IsList() || of.IsMap() || nf.IsMap() || isLengthDelimited(of.Kind()) || isLengthDelimited(nf.Kind()) {
		return ""
	}
	repeated := nf
	if of.IsList() {
		repeated = of
	}
	if !repeated.IsPacked() {
		return ""
	}
	return fmt.Sprintf("cardinality from %s to %s", cardinalityOf(of), cardinalityOf(nf))
}

// localName is a message's name within its package.
func localName(md protoreflect.MessageDescriptor) string {
	return strings.TrimPrefix(string(md.FullName()), string(md.ParentFile().Package())+".")
}

// namedTypeChange describes a change of a message field's type that readers
// of binary data do not survive, "" when they do: the message type has
// another name within its package (a different type, as Confluent Schema
// Registry judges it), or it kept its name but moved to another package or
// file and no longer reads the same data (see structureChange).
func namedTypeChange(of, nf protoreflect.FieldDescriptor) string {
	om, nm := of.Message(), nf.Message()
	if om == nil || nm == nil || om.FullName() == nm.FullName() {
		return ""
	}
	if localName(om) != localName(nm) {
		return fmt.Sprintf("type from %s to %s", om.FullName(), nm.FullName())
	}
	if why := structureChange(om, nm, map[[2]protoreflect.FullName]bool{}); why != "" {
		return fmt.Sprintf("type from %s to %s, which %s", om.FullName(), nm.FullName(), why)
	}
	return ""
}

// structureChange compares two messages by their fields' numbers and
// encodings and describes the first difference that readers of binary data
// do not survive, "" when there is none. seen stops recursive types.
func structureChange(om, nm protoreflect.MessageDescriptor, seen map[[2]protoreflect.FullName]bool) string {
	key := [2]protoreflect.FullName{om.FullName(), nm.FullName()}
	if seen[key] {
		return ""
	}
	seen[key] = true
	ofs, nfs := om.Fields(), nm.Fields()
	for i := 0; i < ofs.Len(); i++ {
		of := ofs.Get(i)
		nf := nfs.ByNumber(of.Number())
		if nf == nil {
			if !nm.ReservedRanges().Has(of.Number()) {
				return fmt.Sprintf("deletes field %d %q without reserving its number", of.Number(), of.Name())
			}
			continue
		}
		if (of.Cardinality() == protoreflect.Required) != (nf.Cardinality() == protoreflect.Required) {
			return fmt.Sprintf("changes field %d %q from %s to %s", of.Number(), of.Name(), cardinalityOf(of), cardinalityOf(nf))
		}
		why := kindChange(of, nf)
		if why == "" {
			why = labelChange(of, nf)
		}
		if why == "" && of.Message() != nil && nf.Message() != nil && of.Message().FullName() != nf.Message().FullName() {
			if localName(of.Message()) != localName(nf.Message()) {
				why = fmt.Sprintf("type from %s to %s", of.Message().FullName(), nf.Message().FullName())
			} else if sub := structureChange(of.Message(), nf.Message(), seen); sub != "" {
				return sub
			}
		}
		if why != "" {
			return fmt.Sprintf("changes field %d %q %s", of.Number(), of.Name(), why)
		}
	}
	for i := 0; i < nfs.Len(); i++ {
		if nf := nfs.Get(i); nf.Cardinality() == protoreflect.Required && ofs.ByNumber(nf.Number()) == nil {
			return fmt.Sprintf("adds required field %d %q", nf.Number(), nf.Name())
		}
	}
	return ""
}

var ruleFieldKindChanged = &rule{
	Rule: dataRule("FIELD_KIND_CHANGED", checks.Both, checks.Wire, "Field changed to a type with another binary encoding",
		doc(`Reports a field whose type changed to one that readers of binary data decode differently. These share an encoding and may replace each other: int32, int64, uint32, uint64, bool and enums; sint32 and sint64; string and bytes (but bytes to string is reported: nothing guarantees the old bytes are valid UTF-8); fixed32 and sfixed32; fixed64 and sfixed64. Every other change is reported: to or from float, double, a message or a group, or between the groups above. Located at the field's type.`,
			`Readers of the other version mis-decode the field or drop it as unknown, whichever side upgrades first. It is Confluent Schema Registry's FIELD_KIND_CHANGED and FIELD_SCALAR_KIND_CHANGED. buf's FIELD_WIRE_COMPATIBLE_TYPE is stricter (an int32 field becoming an enum, or an enum replaced by another) and is reported as a break of generated code when selected; readers of JSON data are judged by FIELD_WIRE_JSON_COMPATIBLE_TYPE.`,
			`message User {
  int32 age = 1;
}`,
			`message User {
  sint32 age = 1;
}`)),
	field: func(d *Diff, of, nf *Field) {
		if why := kindChange(of.Desc, nf.Desc); why != "" {
			d.ReportChange(typeAt(nf), of.File, string(nf.Desc.FullName()), kindString(of.Desc), kindString(nf.Desc),
				"%s changed %s%s", fieldDesc(nf), why, wireRulesRef)
		}
	},
}

var ruleFieldNamedTypeChanged = &rule{
	Rule: dataRule("FIELD_NAMED_TYPE_CHANGED", checks.Both, checks.Wire, "Field changed to another message type",
		doc(`Reports a message field whose type is now a message of another name within its package, or a message that kept its name but moved to another package or file and no longer reads the same binary data: a field deleted without reserving its number, a type, cardinality or required field changed, recursively. Located at the field's type.`,
			`A message of another name is another type, whatever its fields (Confluent Schema Registry judges it so); a message that only moved, as when a type moves into a shared import, reads old data as long as its fields do. It is Confluent Schema Registry's FIELD_NAMED_TYPE_CHANGED. buf's FIELD_WIRE_COMPATIBLE_TYPE reports every change of the type's full name, moves included, and is reported as a break of generated code when selected.`,
			`message Order {
  Address shipping = 1;
}`,
			`message Order {
  Location shipping = 1;
}`)),
	field: func(d *Diff, of, nf *Field) {
		if of.Desc.Kind() != nf.Desc.Kind() {
			return // FIELD_KIND_CHANGED
		}
		if why := namedTypeChange(of.Desc, nf.Desc); why != "" {
			d.ReportChange(typeAt(nf), of.File, string(nf.Desc.FullName()), typeName(of.Desc), typeName(nf.Desc),
				"%s changed %s", fieldDesc(nf), why)
		}
	},
}

var ruleFieldNumericLabelChanged = &rule{
	Rule: dataRule("FIELD_NUMERIC_LABEL_CHANGED", checks.Both, checks.Wire, "Numeric field changed between singular and packed repeated",
		doc(`Reports a numeric, bool or enum field that changed between singular and packed repeated (proto3's default for repeated numbers). Located at the field.`,
			`Readers expecting a singular value do not parse packed values, so the protobuf language guide calls the change unsafe for numeric types. Unpacked repeated values (proto2's default, or `+"`[packed = false]`"+`) are read like strings, and string, bytes and message fields may change between singular and repeated: a singular reader keeps the last value or merges the messages. It is Confluent Schema Registry's FIELD_NUMERIC_LABEL_CHANGED. buf's FIELD_WIRE_COMPATIBLE_CARDINALITY reports every change between optional, required and repeated and is reported as a break of generated code when selected; required fields are judged by MESSAGE_SAME_REQUIRED_FIELDS, JSON by FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY.`,
			`message Scores {
  int32 score = 1;
}`,
			`message Scores {
  repeated int32 score = 1;
}`)),
	field: func(d *Diff, of, nf *Field) {
		if bothMapEntries(of, nf) || kindChange(of.Desc, nf.Desc) != "" {
			return
		}
		if why := labelChange(of.Desc, nf.Desc); why != "" {
			d.ReportChange(nf.At(), of.File, string(nf.Desc.FullName()), cardinalityOf(of.Desc).String(), cardinalityOf(nf.Desc).String(),
				"%s changed %s", fieldDesc(nf), why)
		}
	},
}

// oneofGroup names what a field belonged to on one side for the oneof
// rules: its real oneof, else the field alone (it could be set with any
// other).
func oneofGroup(fd protoreflect.FieldDescriptor) string {
	if o := realOneof(fd); o != nil {
		return "oneof " + string(o.Name())
	}
	return fmt.Sprintf("field %d", fd.Number())
}

// oneofRegroup reports, for each real oneof of from whose members still exist
// in to, members that now belong to different groups of to (other oneofs,
// or no oneof): data one side writes can then hold values the other side
// keeps only one of. report gets the oneof, the members and their groups.
func oneofRegroup(from, to *Message, report func(o *Oneof, members []*Field, groups []string)) {
	for _, o := range from.Oneofs {
		if o.Desc.IsSynthetic() {
			continue
		}
		var members []*Field
		var groups []string
		seen := map[string]bool{}
		fields := o.Desc.Fields()
		for i := 0; i < fields.Len(); i++ {
			f := to.Field(fields.Get(i).Number())
			if f == nil {
				continue
			}
			members = append(members, f)
			g := oneofGroup(f.Desc)
			if !seen[g] {
				seen[g] = true
				groups = append(groups, g)
			}
		}
		if len(groups) > 1 {
			report(o, members, groups)
		}
	}
}

var ruleOneofMembersJoined = &rule{
	Rule: dataRule("ONEOF_MEMBERS_JOINED", checks.Backward, checks.Data, "Fields that could be set together now share a oneof",
		doc(`Reports a oneof whose members include fields that the old message let be set together: fields outside any oneof, or members of different oneofs, moved into one oneof (an existing one, or a new one they share). Moving a single field into a new oneof, or renaming a oneof, is not reported. Located at the oneof.`,
			`Old data may hold several of these fields; a new reader keeps only the last one it reads, and a JSON reader rejects the data. Old readers read new data fine (it holds at most one). It is Confluent Schema Registry's FIELD_MOVED_TO_EXISTING_ONEOF and MULTIPLE_FIELDS_MOVED_TO_ONEOF. buf's FIELD_SAME_ONEOF reports every move into, out of or between oneofs and is reported as a break of generated code.`,
			`message Contact {
  string email = 1;
  string phone = 2;
}`,
			`message Contact {
  oneof channel {
    string email = 1;
    string phone = 2;
  }
}`)),
	message: func(d *Diff, om, nm *Message) {
		oneofRegroup(nm, om, func(o *Oneof, members []*Field, groups []string) {
			d.Report(o.At(), om.File, string(o.Desc.FullName()), "oneof %q of message %q now holds fields that the old message let be set together (%s)",
				o.Desc.Name(), nm.Desc.Name(), strings.Join(groups, ", "))
		})
	},
}

var ruleOneofMembersSeparated = &rule{
	Rule: dataRule("ONEOF_MEMBERS_SEPARATED", checks.Forward, checks.Data, "Fields of one oneof can now be set together",
		doc(`Reports members of an old oneof that the new message puts in different places: some out of any oneof, or in different oneofs, so that new writers may set several of them. Located at the first such member.`,
			`Old readers keep only the last member they read, and JSON readers reject the data. New readers read old data fine. It is the forward counterpart of ONEOF_MEMBERS_JOINED; Confluent Schema Registry's BACKWARD check accepts it (ONEOF_FIELD_MOVED_TO_TOP_LEVEL). buf's FIELD_SAME_ONEOF is reported as a break of generated code.`,
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
		oneofRegroup(om, nm, func(o *Oneof, members []*Field, groups []string) {
			d.Report(members[0].At(), om.File, string(o.Desc.FullName()), "members of oneof %q of message %q can now be set together (%s)",
				o.Desc.Name(), om.Desc.Name(), strings.Join(groups, ", "))
		})
	},
}

var ruleOneofFieldRemoved = &rule{
	Rule: dataRule("ONEOF_FIELD_REMOVED", checks.Backward, checks.Data, "Member of a surviving oneof deleted",
		doc(`Reports a member of a oneof that the new message deletes while the oneof lives on (another of its members survives, or a oneof of the same name exists). Reserving the number does not help. Located at the message.`,
			`A new reader of old data in which the deleted member was set sees the oneof unset, which it cannot tell from data that never set it: the oneof it still reads changes value, as the protobuf language guide warns. A field deleted outside a oneof is different, nobody reads it any more (see FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED); so is a oneof deleted whole. It is Confluent Schema Registry's ONEOF_FIELD_REMOVED.`,
			`message Payment {
  oneof method {
    Card card = 1;
    Iban iban = 2;
  }
}`,
			`message Payment {
  oneof method {
    Card card = 1;
  }
}`)),
	message: func(d *Diff, om, nm *Message) {
		for _, o := range om.Oneofs {
			if o.Desc.IsSynthetic() {
				continue
			}
			fields := o.Desc.Fields()
			survives := nm.Desc.Oneofs().ByName(o.Desc.Name()) != nil
			for i := 0; i < fields.Len() && !survives; i++ {
				survives = nm.Field(fields.Get(i).Number()) != nil
			}
			if !survives {
				continue
			}
			for i := 0; i < fields.Len(); i++ {
				if of := fields.Get(i); nm.Field(of.Number()) == nil {
					d.Report(nm.At(), om.File, string(of.FullName()), "field %d %q of oneof %q of message %q was deleted while the oneof lives on",
						of.Number(), of.Name(), o.Desc.Name(), om.Desc.Name())
				}
			}
		}
	},
}
