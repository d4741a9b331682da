package protobuf

import (
	"sort"
	"strings"
	"sync"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// Snapshot is one compiled side, indexed the way buf pairs elements: files by
// module-relative path, messages, enums and services by fully-qualified name,
// extensions by extendee and number, files by package.
type Snapshot struct {
	// Label names the side ("old/", "orders@1.4.0").
	Label string
	// Layout is the side's module structure.
	Layout *Layout
	// Files are the side's own files (imports from outside excluded), sorted
	// by path.
	Files []*File

	files      map[string]*File
	messages   map[protoreflect.FullName]*Message
	enums      map[protoreflect.FullName]*Enum
	services   map[protoreflect.FullName]*Service
	extensions map[extensionKey]*Field
	packages   map[string][]*File
	hashes     map[string]uint64 // every file read from the side, by name
	// stablePackages are the packages of the side's stable files, which
	// were not compiled (see stable.go).
	stablePackages map[string]bool
}

type extensionKey struct {
	extendee protoreflect.FullName
	number   protoreflect.FieldNumber
}

// File returns the file with the given module-relative path, or nil.
func (s *Snapshot) File(path string) *File { return s.files[path] }

// Message returns the message with the given full name, or nil.
func (s *Snapshot) Message(name protoreflect.FullName) *Message { return s.messages[name] }

// Enum returns the enum with the given full name, or nil.
func (s *Snapshot) Enum(name protoreflect.FullName) *Enum { return s.enums[name] }

// Service returns the service with the given full name, or nil.
func (s *Snapshot) Service(name protoreflect.FullName) *Service { return s.services[name] }

// Extension returns the extension of extendee with the given number, or nil.
func (s *Snapshot) Extension(extendee protoreflect.FullName, n protoreflect.FieldNumber) *Field {
	return s.extensions[extensionKey{extendee, n}]
}

// Package returns the files that declare package pkg.
func (s *Snapshot) Package(pkg string) []*File { return s.packages[pkg] }

// HasPackage reports whether any file of the side declares package pkg,
// compiled or not.
func (s *Snapshot) HasPackage(pkg string) bool {
	return len(s.packages[pkg]) > 0 || s.stablePackages[pkg]
}

// Packages returns every package of the side's compiled files, sorted.
func (s *Snapshot) Packages() []string {
	out := make([]string, 0, len(s.packages))
	for p := range s.packages {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// File is one .proto file of a side.
type File struct {
	// Path is the file's name relative to its module root: the name imports
	// use and buf reports.
	Path string
	// SidePath is the file's path relative to the side's root.
	SidePath string
	// Module is the module root the file belongs to.
	Module *Module
	// Desc is the compiled descriptor, with source info (see Outline).
	Desc protoreflect.FileDescriptor
	// Outline is set for a file the loader did not link (see outline.go):
	// it exists on one side only and no rule pairs anything in it. Its
	// Desc holds its name and package only, and it lists no elements.
	Outline bool
	// Identical is set when the file and everything it imports are
	// byte-identical on both sides: nothing in it can have changed.
	Identical bool

	// Messages, Enums, Services and Extensions hold every element of the
	// file, nested ones included, in declaration order (depth first).
	Messages   []*Message
	Enums      []*Enum
	Services   []*Service
	Extensions []*Field

	// A file compiled without source info (see loadSide) has relocate,
	// which compiles it again with source info the first time a position
	// is needed, and its scanned header for the positions of its package
	// and syntax statements.
	relocate func() protoreflect.SourceLocations
	header   *header
	// locsMu guards locs: rules walk files in parallel, and an element's
	// new version may be in any file.
	locsMu sync.Mutex
	locs   protoreflect.SourceLocations
	// hash is the hash of the file's bytes, comparable across the two
	// sides of a diff; zero when unknown.
	hash uint64

	// nested name ("Outer.Inner") -> element
	messagesByNested   map[string]*Message
	enumsByNested      map[string]*Enum
	extensionsByNested map[string]*Field
	servicesByName     map[string]*Service
}

// Package returns the file's package.
func (f *File) Package() string { return string(f.Desc.Package()) }

// MessageByNestedName returns the message with a package-relative name.
func (f *File) MessageByNestedName(n string) *Message { return f.messagesByNested[n] }

// EnumByNestedName returns the enum with a package-relative name.
func (f *File) EnumByNestedName(n string) *Enum { return f.enumsByNested[n] }

// ExtensionByNestedName returns the extension with a package-relative name.
func (f *File) ExtensionByNestedName(n string) *Field { return f.extensionsByNested[n] }

// ServiceByName returns the service with a simple name.
func (f *File) ServiceByName(n string) *Service { return f.servicesByName[n] }

// Location is the start of an element's span in its file. Line and Column
// are 1-based; zero Line means the element has no position (a deleted file,
// or source info without the path).
type Location struct {
	File   *File
	Line   int
	Column int
}

// Loc returns the location of the first of paths present in the file's
// source info; with none present, a location in the file without a line.
func (f *File) Loc(paths ...protoreflect.SourcePath) Location {
	if f.header != nil && !f.located() {
		// The statements a header scan knows need no compilation.
		for _, p := range paths {
			if len(p) != 1 {
				break
			}
			if l, c := f.header.position(p[0]); l > 0 {
				return Location{File: f, Line: l, Column: c}
			}
			if p[0] != filePackage && p[0] != fileSyntax {
				break
			}
		}
	}
	locs := f.locations()
	for _, p := range paths {
		if p == nil {
			continue
		}
		l := locs.ByPath(p)
		if l.Path != nil || (len(p) == 0 && locs.Len() > 0) {
			return Location{File: f, Line: l.StartLine + 1, Column: l.StartColumn + 1}
		}
	}
	return Location{File: f}
}

// sameBytes reports whether f and g (of the two sides) have the same bytes.
func (f *File) sameBytes(g *File) bool {
	return f.hash != 0 && f.hash == g.hash && f.Path == g.Path
}

// locations returns the file's source info, compiling the file again with
// source info when it was compiled without.
func (f *File) locations() protoreflect.SourceLocations {
	f.locsMu.Lock()
	defer f.locsMu.Unlock()
	if f.locs != nil {
		return f.locs
	}
	f.locs = f.Desc.SourceLocations()
	if f.locs.Len() == 0 && f.relocate != nil {
		if l := f.relocate(); l != nil {
			f.locs = l
		}
	}
	return f.locs
}

// located reports whether the file's source info is at hand.
func (f *File) located() bool {
	f.locsMu.Lock()
	defer f.locsMu.Unlock()
	return f.locs != nil
}

// Comments returns the leading and trailing comments of the element at path.
func (f *File) Comments(path protoreflect.SourcePath) (leading, trailing string) {
	l := f.locations().ByPath(path)
	return l.LeadingComments, l.TrailingComments
}

// Element is what every indexed element has: its file, its source path and
// its package-relative name.
type Element struct {
	File *File
	// Path is the element's source path in the file descriptor.
	Path protoreflect.SourcePath
	// NestedName is the name relative to the package, e.g. "Outer.Inner".
	NestedName string
	// alias is where an element without source info of its own is
	// located: the `map<K, V>` type of the field that synthesizes a map
	// entry, for the entry and its fields (buf's convention).
	alias protoreflect.SourcePath
}

// FullName returns the element's fully-qualified name.
func (e *Element) FullName() string {
	if pkg := e.File.Package(); pkg != "" {
		return pkg + "." + e.NestedName
	}
	return e.NestedName
}

func (e *Element) element() *Element { return e }

// Comments returns the element's leading and trailing comments.
func (e *Element) Comments() (leading, trailing string) { return e.File.Comments(e.Path) }

// elements returns the embedded Elements of messages, enums, fields, ...
func elements[T interface{ element() *Element }](xs []T) []*Element {
	out := make([]*Element, len(xs))
	for i, x := range xs {
		out[i] = x.element()
	}
	return out
}

// At returns the element's location, or that of the first sub-path (appended
// to the element's path) present in source info, falling back to the
// element itself.
func (e *Element) At(subs ...[]int32) Location {
	paths := make([]protoreflect.SourcePath, 0, len(subs)+1)
	for _, s := range subs {
		paths = append(paths, e.sub(s...))
	}
	return e.AtFirst(paths...)
}

// AtFirst returns the location of the first of paths present in source
// info, falling back to the element itself.
func (e *Element) AtFirst(paths ...protoreflect.SourcePath) Location {
	return e.File.Loc(append(paths, e.Path, e.alias)...)
}

// Exactly returns the location of the sub-path (appended to the element's
// path) without falling back to the element.
func (e *Element) Exactly(sub ...int32) Location { return e.File.Loc(e.sub(sub...)) }

func (e *Element) sub(s ...int32) protoreflect.SourcePath {
	p := make(protoreflect.SourcePath, 0, len(e.Path)+len(s))
	p = append(p, e.Path...)
	return append(p, s...)
}

// Message is a message (or a group's or map entry's message).
type Message struct {
	Element
	Desc protoreflect.MessageDescriptor
	// Parent is the enclosing message, nil at top level.
	Parent *Message
	// Fields are the message's fields in declaration order (extensions
	// declared inside the message are not fields).
	Fields []*Field
	Oneofs []*Oneof

	byNumber map[protoreflect.FieldNumber]*Field
}

// Field returns the field with the given number, or nil.
func (m *Message) Field(n protoreflect.FieldNumber) *Field { return m.byNumber[n] }

// Field is a message field or an extension.
type Field struct {
	Element
	Desc protoreflect.FieldDescriptor
	// Message is the message the field belongs to; for an extension, the
	// message it is declared in (nil at file level).
	Message *Message
}

// IsExtension reports whether the field is an extension.
func (f *Field) IsExtension() bool { return f.Desc.IsExtension() }

// Oneof is a oneof of a message.
type Oneof struct {
	Element
	Desc    protoreflect.OneofDescriptor
	Message *Message
}

// Enum is an enum.
type Enum struct {
	Element
	Desc   protoreflect.EnumDescriptor
	Parent *Message
	Values []*EnumValue

	byNumber map[protoreflect.EnumNumber][]*EnumValue
}

// ValuesByNumber returns the values with number n (several with
// allow_alias).
func (e *Enum) ValuesByNumber(n protoreflect.EnumNumber) []*EnumValue { return e.byNumber[n] }

// Numbers returns the enum's distinct value numbers, sorted.
func (e *Enum) Numbers() []protoreflect.EnumNumber {
	out := make([]protoreflect.EnumNumber, 0, len(e.byNumber))
	for n := range e.byNumber {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// EnumValue is a value of an enum.
type EnumValue struct {
	Element
	Desc protoreflect.EnumValueDescriptor
	Enum *Enum
}

// Service is a service.
type Service struct {
	Element
	Desc    protoreflect.ServiceDescriptor
	Methods []*Method

	byName map[string]*Method
}

// Method returns the method with the given simple name, or nil.
func (s *Service) Method(name string) *Method { return s.byName[name] }

// Method is an RPC of a service.
type Method struct {
	Element
	Desc    protoreflect.MethodDescriptor
	Service *Service
}

// Source path field numbers of descriptor.proto.
const (
	fileMessages    = 4
	fileEnums       = 5
	fileServices    = 6
	fileExtensions  = 7
	fileOptionsPath = 8
	filePackage     = 2
	fileSyntax      = 12
	fileEdition     = 14

	msgFields      = 2
	msgNested      = 3
	msgEnums       = 4
	msgExtRanges   = 5
	msgExtensions  = 6
	msgOptions     = 7
	msgOneofs      = 8
	msgReserved    = 9
	msgReservedNam = 10

	fieldName        = 1
	fieldNumber      = 3
	fieldType        = 5
	fieldTypeName    = 6
	fieldDefaultPath = 7
	fieldOptions     = 8
	fieldJSONName    = 10

	enumValues   = 2
	enumOptions  = 3
	valueNumber  = 2
	svcMethods   = 2
	methodInput  = 2
	methodOutput = 3
	methodOpts   = 4
)

// index builds the snapshot's maps from its files.
func (s *Snapshot) index(files []*File) {
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	s.Files = files
	s.files = make(map[string]*File, len(files))
	s.messages = map[protoreflect.FullName]*Message{}
	s.enums = map[protoreflect.FullName]*Enum{}
	s.services = map[protoreflect.FullName]*Service{}
	s.extensions = map[extensionKey]*Field{}
	s.packages = map[string][]*File{}
	for _, f := range files {
		s.files[f.Path] = f
		s.packages[f.Package()] = append(s.packages[f.Package()], f)
		f.index(s)
	}
}

func (f *File) index(s *Snapshot) {
	f.messagesByNested = map[string]*Message{}
	f.enumsByNested = map[string]*Enum{}
	f.extensionsByNested = map[string]*Field{}
	f.servicesByName = map[string]*Service{}
	pkg := f.Package()
	nested := func(full protoreflect.FullName) string {
		if pkg == "" {
			return string(full)
		}
		return strings.TrimPrefix(string(full), pkg+".")
	}
	addEnum := func(d protoreflect.EnumDescriptor, path protoreflect.SourcePath, parent *Message) {
		e := &Enum{Element: Element{File: f, Path: path, NestedName: nested(d.FullName())}, Desc: d, Parent: parent,
			byNumber: map[protoreflect.EnumNumber][]*EnumValue{}}
		vals := d.Values()
		for i := 0; i < vals.Len(); i++ {
			vd := vals.Get(i)
			v := &EnumValue{Element: Element{File: f, Path: appendPath(path, enumValues, i), NestedName: nested(vd.FullName())}, Desc: vd, Enum: e}
			e.Values = append(e.Values, v)
			e.byNumber[vd.Number()] = append(e.byNumber[vd.Number()], v)
		}
		f.Enums = append(f.Enums, e)
		f.enumsByNested[e.NestedName] = e
		s.enums[d.FullName()] = e
	}
	addExt := func(d protoreflect.FieldDescriptor, path protoreflect.SourcePath, parent *Message) {
		x := &Field{Element: Element{File: f, Path: path, NestedName: nested(d.FullName())}, Desc: d, Message: parent}
		f.Extensions = append(f.Extensions, x)
		f.extensionsByNested[x.NestedName] = x
		s.extensions[extensionKey{d.ContainingMessage().FullName(), d.Number()}] = x
	}
	var addMsg func(d protoreflect.MessageDescriptor, path protoreflect.SourcePath, parent *Message)
	addMsg = func(d protoreflect.MessageDescriptor, path protoreflect.SourcePath, parent *Message) {
		m := &Message{Element: Element{File: f, Path: path, NestedName: nested(d.FullName())}, Desc: d, Parent: parent,
			byNumber: map[protoreflect.FieldNumber]*Field{}}
		if d.IsMapEntry() && parent != nil {
			for _, pf := range parent.Fields {
				if pf.Desc.IsMap() && pf.Desc.Message() == d {
					m.alias = pf.sub(fieldTypeName)
				}
			}
		}
		f.Messages = append(f.Messages, m)
		f.messagesByNested[m.NestedName] = m
		s.messages[d.FullName()] = m
		fields := d.Fields()
		for i := 0; i < fields.Len(); i++ {
			fd := fields.Get(i)
			fl := &Field{Element: Element{File: f, Path: appendPath(path, msgFields, i), NestedName: nested(fd.FullName()), alias: m.alias}, Desc: fd, Message: m}
			m.Fields = append(m.Fields, fl)
			m.byNumber[fd.Number()] = fl
		}
		oneofs := d.Oneofs()
		for i := 0; i < oneofs.Len(); i++ {
			od := oneofs.Get(i)
			m.Oneofs = append(m.Oneofs, &Oneof{Element: Element{File: f, Path: appendPath(path, msgOneofs, i), NestedName: nested(od.FullName())}, Desc: od, Message: m})
		}
		msgs := d.Messages()
		for i := 0; i < msgs.Len(); i++ {
			addMsg(msgs.Get(i), appendPath(path, msgNested, i), m)
		}
		enums := d.Enums()
		for i := 0; i < enums.Len(); i++ {
			addEnum(enums.Get(i), appendPath(path, msgEnums, i), m)
		}
		exts := d.Extensions()
		for i := 0; i < exts.Len(); i++ {
			addExt(exts.Get(i), appendPath(path, msgExtensions, i), m)
		}
	}
	msgs := f.Desc.Messages()
	for i := 0; i < msgs.Len(); i++ {
		addMsg(msgs.Get(i), protoreflect.SourcePath{fileMessages, int32(i)}, nil)
	}
	enums := f.Desc.Enums()
	for i := 0; i < enums.Len(); i++ {
		addEnum(enums.Get(i), protoreflect.SourcePath{fileEnums, int32(i)}, nil)
	}
	exts := f.Desc.Extensions()
	for i := 0; i < exts.Len(); i++ {
		addExt(exts.Get(i), protoreflect.SourcePath{fileExtensions, int32(i)}, nil)
	}
	svcs := f.Desc.Services()
	for i := 0; i < svcs.Len(); i++ {
		sd := svcs.Get(i)
		sv := &Service{Element: Element{File: f, Path: protoreflect.SourcePath{fileServices, int32(i)}, NestedName: nested(sd.FullName())}, Desc: sd, byName: map[string]*Method{}}
		methods := sd.Methods()
		for j := 0; j < methods.Len(); j++ {
			md := methods.Get(j)
			mt := &Method{Element: Element{File: f, Path: appendPath(sv.Path, svcMethods, j), NestedName: nested(md.FullName())}, Desc: md, Service: sv}
			sv.Methods = append(sv.Methods, mt)
			sv.byName[string(md.Name())] = mt
		}
		f.Services = append(f.Services, sv)
		f.servicesByName[string(sd.Name())] = sv
		s.services[sd.FullName()] = sv
	}
}

func appendPath(p protoreflect.SourcePath, kind int32, i int) protoreflect.SourcePath {
	out := make(protoreflect.SourcePath, len(p), len(p)+2)
	copy(out, p)
	return append(out, kind, int32(i))
}
