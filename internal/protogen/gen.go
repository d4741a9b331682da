package protogen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Config chooses the tree to generate.
type Config struct {
	// Seed makes the tree: the same seed, the same bytes.
	Seed uint64
	// Files is the approximate number of files on the old side; 6000 gives
	// a tree the size of googleapis (about 70 MB).
	Files int
	// Single changes exactly one file (an imported one, with a few changes)
	// instead of the default mix, which resembles a real year of googleapis:
	// a fifth of the files changed (two fifths of those in their license
	// header only), up to two fifths removed (those nothing imports), three
	// quarters as many added, the rest identical.
	Single bool
}

// Googleapis is the configuration of the googleapis-sized benchmark tree.
var Googleapis = Config{Seed: 1, Files: 6000}

type pkg struct {
	name, dir, product, version, host string
	index                             int
	resources                         []*file
	// symbols are the package's top-level names.
	symbols map[string]bool
}

type gen struct {
	r      *rand.Rand
	files  []*file
	byPath map[string]*file
	pkgs   []*pkg
	// touched holds the fields, enum values and messages that a change of
	// the file being mutated added or changed, so that no later change of
	// the same file hides it.
	touched map[any]bool
}

// typeRef is a type a field may use, with the import it needs.
type typeRef struct {
	name, imp string
	enum      bool
	// from is the file that defines the type, when it is a product file.
	from *file
}

func newGen(seed uint64) *gen {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), byPath: map[string]*file{}}
	for _, f := range foundation {
		g.add(&file{path: f.path, raw: f.text})
	}
	return g
}

func (g *gen) add(f *file) {
	g.files = append(g.files, f)
	g.byPath[f.path] = f
}

// generate builds the old side: packages until cfg.Files files exist.
func (g *gen) generate(files int) {
	for i := 0; len(g.files) < files; i++ {
		product := products[i%len(products)]
		round := i / len(products)
		version := fmt.Sprintf("v%d", round)
		if round < len(versions) {
			version = versions[round]
		}
		p := &pkg{
			name:    "google.cloud." + product + "." + version,
			dir:     "google/cloud/" + product + "/" + version,
			product: product, version: version,
			host:    product + ".googleapis.com",
			index:   i,
			symbols: map[string]bool{},
		}
		g.pkgs = append(g.pkgs, p)
		n := 6 + g.r.IntN(15)
		for range n {
			g.resourceFile(p)
		}
		var group []string
		for k, f := range p.resources {
			group = append(group, f.nouns[0])
			if len(group) == 4 || k == len(p.resources)-1 {
				g.serviceFile(p, group)
				group = nil
			}
		}
	}
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) chance(percent int) bool { return g.r.IntN(100) < percent }

// sentence returns a comment line of random words.
func (g *gen) sentence() string {
	n := 7 + g.r.IntN(8)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.pick(words)
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// doc returns a comment of between lo and hi lines, the first one given.
func (g *gen) doc(first string, lo, hi int) []string {
	lines := []string{first}
	for range lo - 1 + g.r.IntN(hi-lo+1) {
		lines = append(lines, g.sentence())
	}
	return lines
}

func fileOptions(p *pkg, outer string) []string {
	camel := upperFirst(p.product)
	ver := upperFirst(p.version)
	return []string{
		fmt.Sprintf("option csharp_namespace = \"Google.Cloud.%s.%s\";", camel, ver),
		fmt.Sprintf("option go_package = \"cloud.google.com/go/%s/api%s/%spb;%spb\";", p.product, p.version, p.product, p.product),
		"option java_multiple_files = true;",
		fmt.Sprintf("option java_outer_classname = %q;", outer),
		fmt.Sprintf("option java_package = \"com.google.cloud.%s.%s\";", p.product, p.version),
		fmt.Sprintf("option php_namespace = \"Google\\\\Cloud\\\\%s\\\\%s\";", camel, ver),
		fmt.Sprintf("option ruby_package = \"Google::Cloud::%s::%s\";", camel, ver),
	}
}

// resourceFile adds a file defining one resource, its auxiliary messages and
// enums.
func (g *gen) resourceFile(p *pkg) *file {
	noun := g.pick(nouns)
	for p.symbols[noun] {
		noun = g.pick(nouns)
	}
	p.symbols[noun] = true
	f := &file{
		path: p.dir + "/" + strings.ToLower(noun) + ".proto", pkg: p, pkgName: p.name,
		imports: map[string]bool{"google/api/field_behavior.proto": true, "google/api/resource.proto": true},
		options: fileOptions(p, noun+"Proto"),
		nouns:   []string{noun},
	}
	var refs []typeRef
	for range g.r.IntN(3) {
		e := g.enum(noun+g.pick(enumSuffixes), true, p.symbols)
		if e == nil {
			continue
		}
		f.enums = append(f.enums, e)
		refs = append(refs, typeRef{name: e.name, enum: true})
	}
	var aux []*message
	for range g.r.IntN(3) {
		name := noun + g.pick(suffixes)
		if p.symbols[name] {
			continue
		}
		p.symbols[name] = true
		m := &message{name: name, next: 1, doc: g.doc(fmt.Sprintf("%s of a %s.", name[len(noun):], strings.ToLower(noun)), 1, 3)}
		g.fields(f, m, 3+g.r.IntN(9), refs)
		aux = append(aux, m)
		refs = append(refs, typeRef{name: name})
	}
	// Earlier resources of the package, and of earlier products.
	if len(p.resources) > 0 && g.chance(35) {
		other := p.resources[g.r.IntN(len(p.resources))]
		refs = append(refs, typeRef{name: other.nouns[0], imp: other.path, from: other})
	}
	if p.index > 0 && g.chance(12) {
		op := g.pkgs[g.r.IntN(p.index)]
		if op.product != p.product && len(op.resources) > 0 {
			other := op.resources[g.r.IntN(len(op.resources))]
			refs = append(refs, typeRef{name: op.name + "." + other.nouns[0], imp: other.path, from: other})
		}
	}
	main := &message{name: noun, next: 1}
	main.doc = g.doc(fmt.Sprintf("A %s resource of the %s API.", noun, p.product), 2, 5)
	plural := pluralize(strings.ToLower(noun))
	main.options = []string{fmt.Sprintf("(google.api.resource) = {\n  type: \"%s/%s\"\n  pattern: \"projects/{project}/locations/{location}/%s/{%s}\"\n  plural: %q\n  singular: %q\n};",
		p.host, noun, plural, strings.ToLower(noun), plural, strings.ToLower(noun))}
	state := &enum{name: "State", prefix: "STATE", doc: g.doc("The state of the "+strings.ToLower(noun)+".", 1, 2)}
	state.values = []*enumValue{{name: "STATE_UNSPECIFIED", doc: []string{"The state is not known."}}}
	state.next = 1
	for _, s := range pickN(g.r, states, 3+g.r.IntN(6)) {
		state.values = append(state.values, &enumValue{name: "STATE_" + s, number: state.next, doc: g.doc(g.sentence(), 1, 2)})
		state.next++
	}
	main.enums = append(main.enums, state)
	local := slices.Clone(refs)
	for range g.r.IntN(3) {
		name := g.pick(suffixes)
		if slices.ContainsFunc(main.messages, func(m *message) bool { return m.name == name }) {
			continue
		}
		m := &message{name: name, next: 1, doc: g.doc(fmt.Sprintf("%s of the %s.", name, strings.ToLower(noun)), 1, 3)}
		if g.chance(30) {
			inner := &message{name: "Entry", next: 1, doc: g.doc("One entry.", 1, 2)}
			g.fields(f, inner, 2+g.r.IntN(4), refs)
			m.messages = append(m.messages, inner)
			g.fields(f, m, 2+g.r.IntN(6), append(slices.Clone(refs), typeRef{name: "Entry"}))
		} else {
			g.fields(f, m, 2+g.r.IntN(8), refs)
		}
		main.messages = append(main.messages, m)
		local = append(local, typeRef{name: name})
	}
	f.imports["google/protobuf/timestamp.proto"] = true
	std := []*field{
		{name: "name", typ: "string", scalar: true, opts: []string{"(google.api.field_behavior) = IDENTIFIER"},
			doc: []string{"Identifier. The resource name of the " + strings.ToLower(noun) + ".", "Format: `projects/{project}/locations/{location}/" + plural + "/{" + strings.ToLower(noun) + "}`"}},
		{name: "display_name", typ: "string", scalar: true, opts: []string{"(google.api.field_behavior) = OPTIONAL"}, doc: g.doc("Optional. A human-readable name.", 1, 2)},
		{name: "create_time", typ: "google.protobuf.Timestamp", opts: []string{"(google.api.field_behavior) = OUTPUT_ONLY"}, doc: []string{"Output only. When the " + strings.ToLower(noun) + " was created."}},
		{name: "update_time", typ: "google.protobuf.Timestamp", opts: []string{"(google.api.field_behavior) = OUTPUT_ONLY"}, doc: []string{"Output only. When the " + strings.ToLower(noun) + " was last updated."}},
		{name: "labels", key: "string", typ: "string", opts: []string{"(google.api.field_behavior) = OPTIONAL"}, doc: g.doc("Optional. Labels as key/value pairs.", 1, 2)},
		{name: "state", typ: "State", opts: []string{"(google.api.field_behavior) = OUTPUT_ONLY"}, doc: []string{"Output only. The current state."}},
		{name: "etag", typ: "string", scalar: true, doc: g.doc("Checksum the server computes from the other fields.", 1, 3)},
	}
	for _, fd := range std {
		fd.number = main.next
		main.next++
		main.fields = append(main.fields, fd)
	}
	g.fields(f, main, 3+g.r.IntN(11), local)
	if g.chance(40) {
		o := &oneof{name: "source", doc: g.doc("Where the "+strings.ToLower(noun)+" comes from.", 1, 2)}
		for range 2 + g.r.IntN(3) {
			fd := g.field(f, main, local, true)
			fd.oneof = o
			o.fields = append(o.fields, fd)
			main.fields = append(main.fields, fd)
		}
		main.oneofs = append(main.oneofs, o)
	}
	f.messages = append([]*message{main}, aux...)
	p.resources = append(p.resources, f)
	g.add(f)
	return f
}

// fields adds n fields to m.
func (g *gen) fields(f *file, m *message, n int, refs []typeRef) {
	for range n {
		if g.chance(4) {
			m.reserved = append(m.reserved, fmt.Sprintf("reserved %d;", m.next))
			m.next++
		}
		m.fields = append(m.fields, g.field(f, m, refs, false))
	}
}

var scalars = []string{"string", "string", "string", "string", "int32", "int64", "bool", "bool", "double", "float", "uint32", "uint64", "bytes", "int64", "sint32", "fixed64"}

var wellKnown = []typeRef{
	{name: "google.protobuf.Timestamp", imp: "google/protobuf/timestamp.proto"},
	{name: "google.protobuf.Duration", imp: "google/protobuf/duration.proto"},
	{name: "google.protobuf.FieldMask", imp: "google/protobuf/field_mask.proto"},
	{name: "google.protobuf.Struct", imp: "google/protobuf/struct.proto"},
	{name: "google.protobuf.Value", imp: "google/protobuf/struct.proto"},
	{name: "google.protobuf.Any", imp: "google/protobuf/any.proto"},
	{name: "google.protobuf.Int64Value", imp: "google/protobuf/wrappers.proto"},
	{name: "google.protobuf.StringValue", imp: "google/protobuf/wrappers.proto"},
	{name: "google.protobuf.BoolValue", imp: "google/protobuf/wrappers.proto"},
	{name: "google.type.Date", imp: "google/type/date.proto"},
	{name: "google.type.Money", imp: "google/type/money.proto"},
	{name: "google.type.LatLng", imp: "google/type/latlng.proto"},
	{name: "google.type.Interval", imp: "google/type/interval.proto"},
	{name: "google.rpc.Status", imp: "google/rpc/status.proto"},
}

// field makes one field of m with a fresh name and number.
func (g *gen) field(f *file, m *message, refs []typeRef, inOneof bool) *field {
	fd := &field{name: g.fieldName(m), number: m.next}
	m.next++
	behavior := ""
	switch r := g.r.IntN(100); {
	case r < 55:
		fd.typ, fd.scalar = g.pick(scalars), true
	case r < 75:
		t := wellKnown[g.r.IntN(len(wellKnown))]
		fd.typ = t.name
		f.imports[t.imp] = true
	case len(refs) > 0:
		t := refs[g.r.IntN(len(refs))]
		fd.typ = t.name
		if t.imp != "" && !f.imports[t.imp] {
			f.imports[t.imp] = true
			t.from.importers++
		}
	default:
		fd.typ, fd.scalar = "string", true
	}
	if !inOneof {
		switch r := g.r.IntN(100); {
		case r < 18:
			fd.label = "repeated"
		case r < 22 && fd.scalar:
			fd.label = "optional"
		case r < 27:
			fd.key = g.pick([]string{"string", "string", "int64", "int32"})
			if fd.key == "string" && g.chance(50) && fd.scalar {
				fd.typ = "string"
			}
		}
		switch r := g.r.IntN(100); {
		case r < 12:
			behavior = "REQUIRED"
		case r < 30:
			behavior = "OPTIONAL"
		case r < 40:
			behavior = "OUTPUT_ONLY"
		case r < 44:
			behavior = "IMMUTABLE"
		}
	}
	if behavior != "" {
		fd.opts = append(fd.opts, "(google.api.field_behavior) = "+behavior)
	}
	if fd.scalar && fd.typ == "string" && fd.key == "" && g.chance(8) {
		fd.opts = append(fd.opts, fmt.Sprintf("(google.api.resource_reference) = {\n  type: \"%s/%s\"\n}", f.pkg.host, g.pick(f.nouns)))
	}
	if g.chance(2) {
		fd.opts = append(fd.opts, "deprecated = true")
	}
	first := g.sentence()
	switch behavior {
	case "REQUIRED":
		first = "Required. " + first
	case "OPTIONAL":
		first = "Optional. " + first
	case "OUTPUT_ONLY":
		first = "Output only. " + first
	case "IMMUTABLE":
		first = "Immutable. " + first
	}
	fd.doc = g.doc(first, 1, 2)
	return fd
}

// fieldName returns a name no field of m uses, also after JSON camel-casing.
func (g *gen) fieldName(m *message) string {
	for i := 0; ; i++ {
		name := g.pick(qualifiers) + "_" + g.pick(heads)
		if i > 20 {
			name = fmt.Sprintf("%s_%d", name, i)
		}
		if !hasField(m, name) {
			return name
		}
	}
}

func hasField(m *message, name string) bool {
	key := strings.ReplaceAll(name, "_", "")
	return slices.ContainsFunc(m.fields, func(f *field) bool { return strings.ReplaceAll(f.name, "_", "") == key })
}

// enum makes an enum whose values carry its upper-snake name as prefix, or
// nil when the name is taken.
func (g *gen) enum(name string, register bool, symbols map[string]bool) *enum {
	if register {
		if symbols[name] {
			return nil
		}
		symbols[name] = true
	}
	prefix := upperSnake(name)
	e := &enum{name: name, prefix: prefix, doc: g.doc(g.sentence(), 1, 3), next: 1}
	e.values = []*enumValue{{name: prefix + "_UNSPECIFIED", doc: []string{"Not specified."}}}
	for _, w := range pickN(g.r, enumWords, 2+g.r.IntN(6)) {
		e.values = append(e.values, &enumValue{name: prefix + "_" + w, number: e.next, doc: g.doc(g.sentence(), 1, 2)})
		e.next++
	}
	return e
}

var verbs = []string{"Restart", "Export", "Import", "Start", "Stop", "Resize", "Promote", "Failover", "Validate", "Rotate", "Upgrade", "Suspend", "Resume", "Verify"}

// serviceFile adds a file with a service for the given resources of p.
func (g *gen) serviceFile(p *pkg, ns []string) *file {
	svcName := ns[0] + "Service"
	p.symbols[svcName] = true
	f := &file{
		path: p.dir + "/" + strings.ToLower(ns[0]) + "_service.proto", pkg: p, pkgName: p.name,
		imports: map[string]bool{
			"google/api/annotations.proto": true, "google/api/client.proto": true,
			"google/api/field_behavior.proto": true, "google/api/resource.proto": true,
			"google/protobuf/field_mask.proto": true, "google/protobuf/empty.proto": true,
			"google/protobuf/timestamp.proto": true, "google/longrunning/operations.proto": true,
		},
		options: fileOptions(p, svcName+"Proto"),
		nouns:   ns,
		service: true,
	}
	svc := &service{name: svcName, doc: g.doc(fmt.Sprintf("Manages %s.", strings.Join(ns, ", ")), 2, 4)}
	svc.options = []string{
		fmt.Sprintf("(google.api.default_host) = %q;", p.host),
		"(google.api.oauth_scopes) = \"https://www.googleapis.com/auth/cloud-platform\";",
	}
	f.services = []*service{svc}
	meta := ns[0] + "OperationMetadata"
	p.symbols[meta] = true
	for _, n := range ns {
		res := g.byPath[p.dir+"/"+strings.ToLower(n)+".proto"]
		f.imports[res.path] = true
		res.importers++
		g.crud(f, svc, n, meta)
	}
	m := &message{name: meta, next: 1, doc: g.doc("Metadata of the long-running operations of the "+svcName+".", 1, 2)}
	for _, fd := range []*field{
		{name: "create_time", typ: "google.protobuf.Timestamp"},
		{name: "end_time", typ: "google.protobuf.Timestamp"},
		{name: "target", typ: "string", scalar: true},
		{name: "verb", typ: "string", scalar: true},
		{name: "status_message", typ: "string", scalar: true},
		{name: "requested_cancellation", typ: "bool", scalar: true},
		{name: "api_version", typ: "string", scalar: true},
	} {
		fd.number = m.next
		m.next++
		fd.opts = []string{"(google.api.field_behavior) = OUTPUT_ONLY"}
		fd.doc = g.doc("Output only. "+g.sentence(), 1, 2)
		m.fields = append(m.fields, fd)
	}
	f.messages = append(f.messages, m)
	g.add(f)
	return f
}

// crud adds the standard methods of resource n to svc, and their messages to
// f.
func (g *gen) crud(f *file, svc *service, n, meta string) {
	p := f.pkg
	lower := strings.ToLower(n)
	plural := pluralize(lower)
	parent := "projects/*/locations/*"
	coll := fmt.Sprintf("%s/%s", p.host, n)
	lro := g.chance(60)
	out := func(resp string) string {
		if lro {
			return "google.longrunning.Operation"
		}
		return resp
	}
	lroOpt := func(resp string) []string {
		if !lro {
			return nil
		}
		return []string{fmt.Sprintf("(google.longrunning.operation_info) = {\n  response_type: %q\n  metadata_type: %q\n};", resp, meta)}
	}
	http := func(verb, path, body string) string {
		s := fmt.Sprintf("(google.api.http) = {\n  %s: \"/%s/%s\"", verb, p.version, path)
		if body != "" {
			s += fmt.Sprintf("\n  body: %q", body)
		}
		return s + "\n};"
	}
	sig := func(s string) string { return fmt.Sprintf("(google.api.method_signature) = %q;", s) }
	nameField := func(m *message) {
		m.fields = append(m.fields, &field{name: "name", number: m.next, typ: "string", scalar: true,
			opts: []string{"(google.api.field_behavior) = REQUIRED", fmt.Sprintf("(google.api.resource_reference) = {\n  type: %q\n}", coll)},
			doc:  []string{"Required. The name of the " + lower + "."}})
		m.next++
	}
	parentField := func(m *message) {
		m.fields = append(m.fields, &field{name: "parent", number: m.next, typ: "string", scalar: true,
			opts: []string{"(google.api.field_behavior) = REQUIRED", fmt.Sprintf("(google.api.resource_reference) = {\n  child_type: %q\n}", coll)},
			doc:  []string{"Required. The parent collection.", "Format: `projects/{project}/locations/{location}`"}})
		m.next++
	}
	add := func(m *message, name, typ string, label string, doc string) {
		m.fields = append(m.fields, &field{name: name, number: m.next, typ: typ, label: label, scalar: !strings.Contains(typ, ".") && typ != n,
			doc: g.doc(doc, 1, 2)})
		m.next++
	}
	msg := func(name, doc string) *message {
		m := &message{name: name, next: 1, doc: g.doc(doc, 1, 2)}
		f.pkg.symbols[name] = true
		f.messages = append(f.messages, m)
		return m
	}
	rpc := func(name, in, outType, doc string, opts ...string) {
		svc.rpcs = append(svc.rpcs, &rpc{name: name, in: in, out: outType, doc: g.doc(doc, 1, 3), options: opts})
	}

	get := msg("Get"+n+"Request", "Request message for Get"+n+".")
	nameField(get)
	rpc("Get"+n, get.name, n, "Gets a "+lower+".",
		http("get", fmt.Sprintf("{name=%s/%s/*}", parent, plural), ""), sig("name"))

	list := msg("List"+pluralize(n)+"Request", "Request message for List"+pluralize(n)+".")
	parentField(list)
	add(list, "page_size", "int32", "", "Optional. The maximum number of "+plural+" to return.")
	add(list, "page_token", "string", "", "Optional. A page token from a previous call.")
	add(list, "filter", "string", "", "Optional. A filter expression.")
	add(list, "order_by", "string", "", "Optional. How to order the results.")
	listResp := msg("List"+pluralize(n)+"Response", "Response message for List"+pluralize(n)+".")
	add(listResp, plural, n, "repeated", "The "+plural+".")
	add(listResp, "next_page_token", "string", "", "A token to retrieve the next page.")
	add(listResp, "unreachable", "string", "repeated", "Locations that could not be reached.")
	rpc("List"+pluralize(n), list.name, listResp.name, "Lists "+plural+".",
		http("get", fmt.Sprintf("{parent=%s}/%s", parent, plural), ""), sig("parent"))

	create := msg("Create"+n+"Request", "Request message for Create"+n+".")
	parentField(create)
	add(create, lower+"_id", "string", "", "Required. The ID to give the "+lower+".")
	add(create, lower, n, "", "Required. The "+lower+" to create.")
	add(create, "request_id", "string", "", "Optional. An idempotency token.")
	rpc("Create"+n, create.name, out(n), "Creates a "+lower+".",
		append([]string{http("post", fmt.Sprintf("{parent=%s}/%s", parent, plural), lower), sig("parent," + lower + "," + lower + "_id")}, lroOpt(n)...)...)

	update := msg("Update"+n+"Request", "Request message for Update"+n+".")
	add(update, lower, n, "", "Required. The "+lower+" to update.")
	add(update, "update_mask", "google.protobuf.FieldMask", "", "Optional. The fields to update.")
	add(update, "request_id", "string", "", "Optional. An idempotency token.")
	rpc("Update"+n, update.name, out(n), "Updates a "+lower+".",
		append([]string{http("patch", fmt.Sprintf("{%s.name=%s/%s/*}", lower, parent, plural), lower), sig(lower + ",update_mask")}, lroOpt(n)...)...)

	del := msg("Delete"+n+"Request", "Request message for Delete"+n+".")
	nameField(del)
	add(del, "etag", "string", "", "Optional. The current etag of the "+lower+".")
	add(del, "request_id", "string", "", "Optional. An idempotency token.")
	add(del, "force", "bool", "", "Optional. Also delete child resources.")
	rpc("Delete"+n, del.name, out("google.protobuf.Empty"), "Deletes a "+lower+".",
		append([]string{http("delete", fmt.Sprintf("{name=%s/%s/*}", parent, plural), ""), sig("name")}, lroOpt("google.protobuf.Empty")...)...)

	for _, v := range pickN(g.r, verbs, g.r.IntN(2)) {
		g.verb(f, svc, n, v, meta)
	}
}

// verb adds a custom method <verb><n> to svc, with its messages.
func (g *gen) verb(f *file, svc *service, n, verb, meta string) *rpc {
	p := f.pkg
	lower := strings.ToLower(n)
	req := &message{name: verb + n + "Request", next: 1, doc: g.doc("Request message for "+verb+n+".", 1, 2)}
	resp := &message{name: verb + n + "Response", next: 1, doc: g.doc("Response message for "+verb+n+".", 1, 2)}
	p.symbols[req.name], p.symbols[resp.name] = true, true
	req.fields = append(req.fields, &field{name: "name", number: 1, typ: "string", scalar: true,
		opts: []string{"(google.api.field_behavior) = REQUIRED"}, doc: []string{"Required. The name of the " + lower + "."}})
	req.next = 2
	g.fields(f, req, 1+g.r.IntN(4), nil)
	g.fields(f, resp, 1+g.r.IntN(5), nil)
	f.messages = append(f.messages, req, resp)
	r := &rpc{name: verb + n, in: req.name, out: resp.name, doc: g.doc(verb+"s a "+lower+".", 1, 3),
		options: []string{fmt.Sprintf("(google.api.http) = {\n  post: \"/%s/{name=projects/*/locations/*/%s/*}:%s\"\n  body: \"*\"\n};", p.version, pluralize(lower), strings.ToLower(verb))}}
	svc.rpcs = append(svc.rpcs, r)
	return r
}

// pickN returns n distinct elements of list in random order.
func pickN(r *rand.Rand, list []string, n int) []string {
	idx := r.Perm(len(list))
	n = min(n, len(list))
	out := make([]string, n)
	for i := range n {
		out[i] = list[idx[i]]
	}
	return out
}

func pluralize(s string) string {
	switch {
	case strings.HasSuffix(s, "y") && !strings.HasSuffix(s, "ey") && !strings.HasSuffix(s, "ay"):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}

func upperFirst(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// upperSnake turns "DatasetType" into "DATASET_TYPE".
func upperSnake(s string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && c >= 'A' && c <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(c)
	}
	return strings.ToUpper(b.String())
}
