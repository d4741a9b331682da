package avro

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/internal/doc"
)

// kind is an Avro schema type.
type kind int

const (
	kNull kind = iota
	kBoolean
	kInt
	kLong
	kFloat
	kDouble
	kBytes
	kString
	kRecord
	kEnum
	kArray
	kMap
	kUnion
	kFixed
)

var kindNames = [...]string{"null", "boolean", "int", "long", "float", "double", "bytes", "string", "record", "enum", "array", "map", "union", "fixed"}

func (k kind) String() string { return kindNames[k] }

// primitives maps primitive type names to their kinds.
var primitives = map[string]kind{
	"null": kNull, "boolean": kBoolean, "int": kInt, "long": kLong,
	"float": kFloat, "double": kDouble, "bytes": kBytes, "string": kString,
}

// named reports whether schemas of the kind have a name.
func (k kind) named() bool { return k == kRecord || k == kEnum || k == kFixed }

// loc says where an element is: its file, position and JSON pointer in that
// file, and a readable name for messages.
type loc struct {
	File string
	pos
	Path string
	What string
}

func (l loc) valid() bool { return l.File != "" }

// schema is one Avro schema node. Named types exist once per definition; every
// reference to them points to the same node. Every other occurrence of a type
// is its own node.
type schema struct {
	Kind kind
	Loc  loc // the defining JSON value

	// Named types.
	Name, Namespace, FullName string
	NameLoc                   loc
	Aliases                   []string // full names
	AliasesLoc                loc
	Doc                       *string
	DocLoc                    loc

	Fields     []*field // records
	FieldsLoc  loc
	fieldIndex map[string]*field

	Symbols        []string // enums
	symbolIndex    map[string]bool
	SymbolLocs     []loc
	SymbolsLoc     loc
	EnumDefault    *string
	EnumDefaultLoc loc

	Size    int // fixed
	SizeLoc loc

	Items, Values         *schema // arrays, maps
	ItemsSite, ValuesSite loc

	Branches    []*schema // unions
	BranchSites []loc
	branchIndex map[string]int // by branchKey, filled when the union is checked
	// readerIndex maps "n:" and the unqualified name of each named branch,
	// and "a:" and each of its aliases, to the branch; unnamedBranches
	// lists the other branches. Both are filled when the union is checked.
	readerIndex     map[string][]int
	unnamedBranches []int

	// Props are the attributes the specification does not define, in
	// document order, each located at its value.
	Props []prop

	Logical          string // logicalType, when known or not
	LogicalLoc       loc
	Precision, Scale int // decimal
}

// field is a record field.
type field struct {
	Name       string
	Loc        loc // the field object
	Index      int
	Type       *schema
	TypeSite   loc
	Doc        *string
	DocLoc     loc
	Default    *doc.Value // nil when absent
	DefaultLoc loc
	Order      string // "ascending" when absent
	OrderLoc   loc
	Aliases    []string
	AliasesLoc loc
	Props      []prop
}

// prop is an attribute the specification does not define ("connect.name",
// "deprecated", ...), kept with its location.
type prop struct {
	Key   string
	Value *doc.Value
	Loc   loc
}

// reservedSchemaKeys and reservedFieldKeys are the attributes the
// specification defines for schema objects and for fields.
var (
	reservedSchemaKeys = map[string]bool{"type": true, "name": true, "namespace": true, "aliases": true, "doc": true,
		"fields": true, "symbols": true, "default": true, "size": true, "items": true, "values": true,
		"logicalType": true, "precision": true, "scale": true}
	reservedFieldKeys = map[string]bool{"name": true, "type": true, "default": true, "order": true, "aliases": true, "doc": true}
)

// props collects the attributes of an object that are not reserved.
func props(v *doc.Value, at loc, reserved map[string]bool) []prop {
	var out []prop
	for _, m := range v.Members {
		if !reserved[m.Key] {
			out = append(out, prop{Key: m.Key, Value: m.Value, Loc: child(at, m.Value, m.Key, "")})
		}
	}
	return out
}

// maxShownBranches bounds the branches a union's typeName lists.
const maxShownBranches = 10

// typeName describes a schema in messages: the full name of a named type,
// otherwise its kind with its logical type and items.
func (s *schema) typeName() string {
	switch {
	case s.Kind.named():
		return s.FullName
	case s.Kind == kArray:
		return "array<" + s.Items.typeName() + ">"
	case s.Kind == kMap:
		return "map<" + s.Values.typeName() + ">"
	case s.Kind == kUnion:
		// Messages name at most maxShownBranches branches: a union of
		// thousands of records would otherwise repeat its every name in
		// every finding about it.
		shown := s.Branches[:min(len(s.Branches), maxShownBranches)]
		names := make([]string, len(shown), len(shown)+1)
		for i, b := range shown {
			names[i] = b.typeName()
		}
		if rest := len(s.Branches) - len(shown); rest > 0 {
			names = append(names, fmt.Sprintf("and %d more", rest))
		}
		return "[" + strings.Join(names, ", ") + "]"
	case s.Logical != "":
		return s.Kind.String() + "(" + s.Logical + ")"
	}
	return s.Kind.String()
}

// branchKey identifies a union branch: the full name of a named type,
// otherwise its kind. A valid union has at most one branch per key.
func (s *schema) branchKey() string {
	if s.Kind.named() {
		return s.FullName
	}
	return s.Kind.String()
}

// branchOf returns the index of the union's branch with the key of s, or -1.
func (s *schema) branchOf(b *schema) int {
	if i, ok := s.branchIndex[b.branchKey()]; ok {
		return i
	}
	return -1
}

// readerCandidates returns, in branch order, the branches of union s that
// the specification's resolution rules allow to read a writer of type w:
// for a named w, the branches of its kind whose name is w's unqualified
// name or that have w's full name as an alias; otherwise the branches of
// unnamed types. Every other branch fails at once (a name or type
// mismatch), so unions of many named types resolve in linear time.
func (s *schema) readerCandidates(w *schema) []int {
	if !w.Kind.named() {
		return s.unnamedBranches
	}
	byName, byAlias := s.readerIndex["n:"+w.Name], s.readerIndex["a:"+w.FullName]
	out := make([]int, 0, len(byName)+len(byAlias))
	for _, i := range slices.Concat(byName, byAlias) {
		if s.Branches[i].Kind == w.Kind {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// fieldByName returns the record's field called name, or nil.
func (s *schema) fieldByName(name string) *field { return s.fieldIndex[name] }

// hasSymbol reports whether the enum has the symbol.
func (s *schema) hasSymbol(sym string) bool { return s.symbolIndex[sym] }

// pointerToken escapes a JSON pointer reference token (RFC 6901).
func pointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
