package protobuf

import (
	"cmp"
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/bufbuild/protocompile/ast"
	"github.com/bufbuild/protocompile/parser"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

// This file lets the loader leave out of linking the files that exist on one
// side only and that no rule can pair with anything on the other side:
// outline files. Linking (resolving names, interpreting options, building
// descriptors) is most of the cost of compiling a file; in a year of a large
// repository most files are added or removed, and almost none of them holds
// an element that moved from or to another file.
//
// Every file that is not stable (see stable.go) is parsed first, on both
// sides, and the names it declares are collected: messages (nested ones,
// groups and map entries included), enums and services. A file present on
// one side only is an outline file when
//   - none of its names is declared on the other side, so the walk pairs
//     none of its elements (rules pair messages, enums and services by full
//     name, wherever they are declared);
//   - it declares no extension (extensions pair by extendee and number,
//     which only linking resolves);
//   - for a removed file, no rule that lists a package's elements across
//     files (PACKAGE_MESSAGE_NO_DELETE and its siblings) is evaluated.
//   - its imports resolve, and no name it declares is declared twice on
//     its side;
//   - the side has at least outlineMinFiles files on it only (a pull
//     request adding a few files has every one linked).
// An outline file is still parsed and checked as the parser checks it
// (syntax, field numbers, reserved ranges, names declared twice in the file)
// and its problems are reported as any other file's. What only linking finds
// (a type name that resolves nowhere, an option that does not exist) is not
// reported for it: the file exists on one side only, and nothing compared
// depends on it. docs/performance.md has the measurements.
//
// Files present on both sides keep their syntax tree from this first pass,
// so that the compiler does not parse them again.

// outlineMinFiles is the number of files on one side only from which a side
// has outline files. Below it, every such file is linked, so that a type
// name that resolves nowhere in a file a pull request adds is reported as in
// any other file: linking a few files costs little. Comparisons with many
// (a repository's year) are where leaving them out pays.
var outlineMinFiles = 100 // a variable for tests

// preparsed is the outcome of the first pass over both sides.
type preparsed struct {
	// asts holds the syntax tree of every file present on both sides that
	// parsed cleanly, by side (0 old, 1 new) and module-relative name.
	asts [2]map[string]*ast.FileNode
	// outline holds the outline files of each side, with their package.
	outline [2]map[string]string
	// settled holds the files byte-identical on both sides that link the
	// same way on both (see settle), with their package: like stable
	// files, the loader compiles them only when another file imports them.
	settled map[string]string
	// imports holds the imports of every file that parsed, by side and
	// module-relative name.
	imports [2]map[string][]string
}

// sidePreparsed is what the first pass gives the loader of one side.
type sidePreparsed struct {
	mu               *sync.Mutex
	asts             map[string]*ast.FileNode
	outline, settled map[string]string
}

// side returns what the first pass found on side i (0 old, 1 new).
func (p *preparsed) side(i int) sidePreparsed {
	return sidePreparsed{mu: &sync.Mutex{}, asts: p.asts[i], outline: p.outline[i], settled: p.settled}
}

// take returns the syntax tree of the named file, unless it is skip, and
// forgets it: the compiler asks once for each file, and the tree can be
// freed once the file is linked.
func (p sidePreparsed) take(name, skip string) *ast.FileNode {
	if p.mu == nil || name == skip {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	a := p.asts[name]
	delete(p.asts, name)
	return a
}

// parsedFile is what the first pass learns of one file.
type parsedFile struct {
	side int
	name string
	// ok is false when the file could not be read or did not parse (or,
	// for a file on one side only, did not pass the parser's checks): the
	// compiler then meets it and reports the problem.
	ok  bool
	ast *ast.FileNode
	decl
}

// decl is what a file declares that other files can see.
type decl struct {
	pkg string
	// public are the files it imports publicly; all are its imports.
	public, imports []string
	// syntax is the file's syntax, or its whole text for an edition.
	syntax string
	// symbols maps every name the file declares (its package and the
	// package's parents, messages, fields, oneofs, enums, enum values,
	// services, methods, extensions) to what an importer could depend on
	// in it: its kind, and a field's label, type and number, an enum
	// value's number, a method's types. Two versions with the same syntax
	// and symbols link every importer the same way.
	symbols map[string]string
	// twice is set when the file declares a name twice (the linker
	// reports it).
	twice bool
}

// paired returns the names the walk pairs across sides: those of messages
// (nested ones, groups and map entries included), enums and services.
func (d *decl) paired() []string {
	var out []string
	for name, sig := range d.symbols {
		if sig == "message" || sig == "enum" || sig == "service" {
			out = append(out, name)
		}
	}
	return out
}

// extends reports whether the file declares an extension (which pairs by
// extendee and number, which only linking resolves).
func (d *decl) extends() bool {
	for _, sig := range d.symbols {
		if strings.HasPrefix(sig, "extension ") {
			return true
		}
	}
	return false
}

// preparse parses the files of both sides that are not stable (in[i], read
// through acc[i]) and decides which are outline files. keepRemoved says that
// a removed file's elements are needed (see the file comment) so that no
// removed file is an outline file.
func preparse(ctx context.Context, in [2]*sideFiles, acc [2]*accessor, stable *stableSet, keepRemoved bool, isStd func(string) bool) *preparsed {
	type job struct {
		side int
		name string
	}
	// A side with few files of its own has them all linked: their trees
	// go to the compiler like those of changed files.
	var sideOnly [2]int
	for side := range 2 {
		for n := range in[side].names {
			if _, ok := in[1-side].names[n]; !ok {
				sideOnly[side]++
			}
		}
	}
	treeless := func(j job) bool {
		_, onOther := in[1-j.side].names[j.name]
		return !onOther && sideOnly[j.side] >= outlineMinFiles
	}
	// Files parsed for their outline only go first, the files whose
	// syntax trees are kept for the compiler last: the collections that
	// parsing thousands of files sets off then find a small heap to mark
	// for as long as possible, instead of every tree kept so far (on
	// googleapis over a year, 450 MB by the end of this pass). Each list
	// is in a fixed order.
	var outlined, kept []job
	for side := range 2 {
		for n := range in[side].names {
			// A file byte-identical on both sides (or reworded: see
			// reworded) declares the same names on both and has the
			// same shape: the first pass learns nothing from it.
			if stable.same[n] {
				continue
			}
			if j := (job{side, n}); treeless(j) {
				outlined = append(outlined, j)
			} else {
				kept = append(kept, j)
			}
		}
	}
	for _, js := range [][]job{outlined, kept} {
		slices.SortFunc(js, func(a, b job) int { return cmp.Or(cmp.Compare(a.side, b.side), strings.Compare(a.name, b.name)) })
	}
	parse := func(_ struct{}, j job) parsedFile { return parseOne(acc[j.side], j.side, j.name, treeless(j)) }
	restore := tuneOutlineGC(len(outlined))
	results := parallelMap(ctx, outlined, noState, parse)
	restore()
	results = append(results, parallelMap(ctx, kept, noState, parse)...)
	pre := &preparsed{}
	declared := [2]map[string]int{{}, {}} // name -> number of declarations
	var single []parsedFile
	for side := range 2 {
		pre.asts[side] = map[string]*ast.FileNode{}
		pre.outline[side] = map[string]string{}
		pre.imports[side] = map[string][]string{}
	}
	decls := [2]map[string]*decl{{}, {}}
	for _, r := range results {
		if r.name == "" {
			continue // not started: the context is done, and the caller returns its error
		}
		for _, n := range r.paired() {
			declared[r.side][n]++
		}
		if r.ok {
			decls[r.side][r.name] = &r.decl
			pre.imports[r.side][r.name] = r.imports
		}
		switch {
		case !r.ok:
		case r.ast != nil:
			pre.asts[r.side][r.name] = r.ast
		case !r.extends() && !r.twice && (r.side == 1 || !keepRemoved):
			single = append(single, r)
		}
	}
	for _, r := range single {
		if names := r.paired(); !anyDeclared(names, declared[1-r.side], 0) && !anyDeclared(names, declared[r.side], 1) && importsResolve(r.imports, in[r.side], acc[r.side], isStd) {
			pre.outline[r.side][r.name] = r.pkg
		}
	}
	pre.settled = settle(stable, decls, isStd)
	return pre
}

// settle returns the files that are byte-identical on both sides, though not
// stable (they import a changed file), and that link the same way on both
// sides, so that no rule can tell their two versions apart (and no element
// can have moved into them: it would have been declared twice on the side
// it came from). Every file they import, directly or not, must be stable,
// byte-identical, a standard import, or changed only by additions: the same
// syntax and every symbol of the old version still declared, with the same
// kind, type, label and number (see decl.symbols). An added symbol could
// still capture a relative reference, but only when it is declared directly
// in one of the importer's enclosing scopes (its package or a parent
// package): protobuf resolves a name's first component in the innermost
// scope that declares it.
func settle(stable *stableSet, decls [2]map[string]*decl, isStd func(string) bool) map[string]string {
	type change struct {
		ok      bool
		parents map[string]bool // scopes that declare an added symbol
		imports []string        // on either side
	}
	changes := map[string]*change{}
	changeOf := func(name string) *change {
		if c, ok := changes[name]; ok {
			return c
		}
		c := &change{}
		changes[name] = c
		o, n := decls[0][name], decls[1][name]
		if o == nil || n == nil {
			// On one side only, unparsable, or neither side's: a standard
			// import or a dependency both sides share.
			c.ok = o == nil && n == nil && isStd(name)
			return c
		}
		c.imports = append(slices.Clone(o.imports), n.imports...)
		if o.syntax != n.syntax {
			return c
		}
		for sym, sig := range o.symbols {
			if n.symbols[sym] != sig {
				return c
			}
		}
		c.ok = true
		c.parents = map[string]bool{}
		for sym := range n.symbols {
			if _, old := o.symbols[sym]; !old {
				c.parents[parentScope(sym)] = true
			}
		}
		return c
	}
	out := map[string]string{}
	for name, h := range stable.headers {
		if stable.stable(name) {
			continue
		}
		var scopes []string
		for p := h.pkg; ; p = parentScope(p) {
			scopes = append(scopes, p)
			if p == "" {
				break
			}
		}
		settled := true
		seen := map[string]bool{name: true}
		queue := slices.Clone(h.imports)
		for len(queue) > 0 && settled {
			imp := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			if seen[imp] || stable.stable(imp) {
				continue
			}
			seen[imp] = true
			if ih, ok := stable.headers[imp]; ok {
				queue = append(queue, ih.imports...)
				continue
			}
			c := changeOf(imp)
			settled = c.ok && !slices.ContainsFunc(scopes, func(s string) bool { return c.parents[s] })
			queue = append(queue, c.imports...)
		}
		if settled {
			out[name] = h.pkg
		}
	}
	return out
}

// importsResolve reports whether every import of a file of in resolves: to
// a file of the side, a dependency, or a standard import. A file with one
// that does not is compiled, which reports the problem.
func importsResolve(imports []string, in *sideFiles, acc *accessor, isStd func(string) bool) bool {
	for _, imp := range imports {
		if _, ok := in.names[imp]; ok || isStd(imp) || isStandardImport(imp) {
			continue
		}
		if _, ok := acc.layout.find(acc.fsys, imp); ok {
			continue
		}
		found := false
		for _, d := range acc.layout.deps {
			if exists(d.fsys, path.Join(d.root, imp)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// anyDeclared reports whether one of names is declared more than times
// times in declared: by the other side (times 0), or twice on its own side
// (times 1: the linker reports such a name).
func anyDeclared(names []string, declared map[string]int, times int) bool {
	for _, n := range names {
		if declared[n] > times {
			return true
		}
	}
	return false
}

// parseOne reads and parses one file and collects what it declares. A file
// that may become an outline file (single: on one side only, of a side with
// many) is also put through the parser's own checks, since it may not be
// compiled at all, and its syntax tree is dropped; any other keeps its tree
// for the compiler.
func parseOne(acc *accessor, side int, name string, single bool) parsedFile {
	out := parsedFile{side: side, name: name}
	rc, err := acc.open(name)
	if err != nil {
		return out
	}
	defer rc.Close()
	h := quietHandler()
	file, err := parser.Parse(name, rc, h)
	if err != nil || h.Error() != nil {
		return out
	}
	if single {
		h := quietHandler()
		if _, err := parser.ResultFromAST(file, true, h); err != nil || h.Error() != nil {
			return out
		}
	} else {
		out.ast = file
	}
	out.ok = true
	out.decl = declarations(file)
	return out
}

// declarations returns what a file declares (see decl).
func declarations(file *ast.FileNode) decl {
	var d decl
	d.symbols = map[string]string{}
	switch {
	case file.Edition != nil:
		// Features reach importers (an enum's openness): keep it simple
		// and let any change count.
		d.syntax = "edition " + file.NodeInfo(file).RawText()
	case file.Syntax != nil:
		d.syntax = file.Syntax.Syntax.AsString()
	}
	for _, dl := range file.Decls {
		switch dl := dl.(type) {
		case *ast.PackageNode:
			d.pkg = string(dl.Name.AsIdentifier())
		case *ast.ImportNode:
			name := dl.Name.AsString()
			d.imports = append(d.imports, name)
			if dl.Public != nil {
				d.public = append(d.public, name)
			}
		}
	}
	for p := d.pkg; p != ""; p = parentScope(p) {
		d.symbols[p] = "package"
	}
	qualify := func(scope, name string) string {
		if scope == "" {
			return name
		}
		return scope + "." + name
	}
	text := func(n ast.Node) string {
		if n == nil {
			return ""
		}
		return file.NodeInfo(n).RawText()
	}
	symbol := func(full, sig string) {
		if _, ok := d.symbols[full]; ok && sig != "package" {
			d.twice = true
		}
		d.symbols[full] = sig
	}
	label := func(l ast.FieldLabel) string {
		if l.KeywordNode == nil {
			return ""
		}
		return l.Val
	}
	var body func(scope string, decls []ast.MessageElement)
	message := func(scope, name string, decls []ast.MessageElement) {
		full := qualify(scope, name)
		symbol(full, "message")
		body(full, decls)
	}
	group := func(scope string, g *ast.GroupNode) {
		symbol(qualify(scope, strings.ToLower(g.Name.Val)), fmt.Sprintf("group %s %d", label(g.Label), g.Tag.Val))
		message(scope, g.Name.Val, g.Decls)
	}
	enum := func(scope string, e *ast.EnumNode) {
		symbol(qualify(scope, e.Name.Val), "enum")
		for _, v := range e.Decls {
			if v, ok := v.(*ast.EnumValueNode); ok {
				// Enum values are siblings of their enum.
				symbol(qualify(scope, v.Name.Val), "value "+text(v.Number))
			}
		}
	}
	extend := func(scope string, n *ast.ExtendNode) {
		for _, e := range n.Decls {
			switch e := e.(type) {
			case *ast.FieldNode:
				symbol(qualify(scope, e.Name.Val), fmt.Sprintf("extension %s %s %s %d", text(n.Extendee), label(e.Label), text(e.FldType), e.Tag.Val))
			case *ast.GroupNode:
				symbol(qualify(scope, strings.ToLower(e.Name.Val)), fmt.Sprintf("extension %s group %d", text(n.Extendee), e.Tag.Val))
				message(scope, e.Name.Val, e.Decls)
			}
		}
	}
	field := func(scope string, f *ast.FieldNode) {
		symbol(qualify(scope, f.Name.Val), fmt.Sprintf("field %s %s %d", label(f.Label), text(f.FldType), f.Tag.Val))
	}
	body = func(scope string, decls []ast.MessageElement) {
		for _, e := range decls {
			switch e := e.(type) {
			case *ast.MessageNode:
				message(scope, e.Name.Val, e.Decls)
			case *ast.GroupNode:
				group(scope, e)
			case *ast.FieldNode:
				field(scope, e)
			case *ast.EnumNode:
				enum(scope, e)
			case *ast.MapFieldNode:
				symbol(qualify(scope, e.Name.Val), fmt.Sprintf("map %s %d", text(e.MapType), e.Tag.Val))
				symbol(qualify(scope, mapEntryName(e.Name.Val)), "message")
			case *ast.ExtendNode:
				extend(scope, e)
			case *ast.OneofNode:
				symbol(qualify(scope, e.Name.Val), "oneof")
				for _, oe := range e.Decls {
					switch oe := oe.(type) {
					case *ast.GroupNode:
						group(scope, oe)
					case *ast.FieldNode:
						field(scope, oe)
					}
				}
			}
		}
	}
	for _, e := range file.Decls {
		switch e := e.(type) {
		case *ast.MessageNode:
			message(d.pkg, e.Name.Val, e.Decls)
		case *ast.EnumNode:
			enum(d.pkg, e)
		case *ast.ServiceNode:
			svc := qualify(d.pkg, e.Name.Val)
			symbol(svc, "service")
			for _, m := range e.Decls {
				if m, ok := m.(*ast.RPCNode); ok {
					symbol(qualify(svc, m.Name.Val), "method "+text(m.Input)+" "+text(m.Output))
				}
			}
		case *ast.ExtendNode:
			extend(d.pkg, e)
		}
	}
	return d
}

// parentScope is the scope that declares name: "a.b" for "a.b.C", "" for
// a name of the root scope.
func parentScope(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[:i]
	}
	return ""
}

// mapEntryName is the name of the message that a map field synthesizes:
// the field's name in camel case (as its JSON name), capitalised, followed
// by "Entry".
func mapEntryName(field string) string {
	var b strings.Builder
	up := true
	for _, r := range field {
		switch {
		case r == '_':
			up = true
		case up:
			b.WriteRune(unicode.ToUpper(r))
			up = false
		default:
			b.WriteRune(r)
		}
	}
	return b.String() + "Entry"
}

// outlineDesc is the descriptor of an outline file: its name and package,
// nothing else.
func outlineDesc(name, pkg string) protoreflect.FileDescriptor {
	fdp := &descriptorpb.FileDescriptorProto{Name: &name}
	if pkg != "" {
		fdp.Package = &pkg
	}
	fd, err := protodesc.NewFile(fdp, nil)
	if err != nil {
		// The package parsed, so this cannot happen; keep the name.
		fd, _ = protodesc.NewFile(&descriptorpb.FileDescriptorProto{Name: &name}, nil)
	}
	return fd
}
