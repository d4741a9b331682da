package jsonschema

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/contractlint/contractlint/checks"
)

// Engine diffs JSON Schemas. The zero value is ready to use and safe for
// concurrent use: every Diff call has its own state.
type Engine struct{}

// New returns the JSON Schema engine.
func New() *Engine { return &Engine{} }

// Format implements checks.Engine.
func (*Engine) Format() checks.Format { return checks.JSONSchema }

// Rules implements checks.Engine.
func (*Engine) Rules() []*checks.Rule { return slices.Clone(rules) }

// notSchemaNames are well-known JSON and YAML files that are not schemas.
var notSchemaNames = map[string]bool{
	"buf.yaml": true, "buf.work.yaml": true, "buf.gen.yaml": true, "buf.lock": true, "buf.policy.yaml": true,
	"contractlint.yaml": true, "contractlint.yml": true, "contract-matrix.yaml": true, "contract-matrix.yml": true,
	"package.json": true, "package-lock.json": true, "npm-shrinkwrap.json": true, "pnpm-lock.yaml": true,
	"pnpm-workspace.yaml": true, "tsconfig.json": true, "jsconfig.json": true, "composer.json": true,
	"renovate.json": true, "lerna.json": true, "nx.json": true, "turbo.json": true, "deno.json": true,
	"biome.json": true, "vercel.json": true, "firebase.json": true,
	"docker-compose.yml": true, "docker-compose.yaml": true, "compose.yml": true, "compose.yaml": true,
	"action.yml": true, "action.yaml": true, "mkdocs.yml": true, "mkdocs.yaml": true, "codecov.yml": true,
	"chart.yaml": true, "values.yaml": true, "kustomization.yaml": true, "dependabot.yml": true,
	"catalog-info.yaml": true, "openapi.json": true, "openapi.yaml": true, "openapi.yml": true,
	"swagger.json": true, "swagger.yaml": true, "swagger.yml": true,
}

// Owns implements checks.Engine: .json, .yaml and .yml files (so also
// .schema.json), except dotfiles and well-known files that are not schemas
// (package.json, buf.yaml, contractlint.yaml, tsconfig*.json, ...).
func (*Engine) Owns(p string) bool {
	base := strings.ToLower(path.Base(p))
	if strings.HasPrefix(base, ".") || notSchemaNames[base] {
		return false
	}
	if strings.HasPrefix(base, "tsconfig.") && strings.HasSuffix(base, ".json") {
		return false
	}
	return strings.HasSuffix(base, ".json") || strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml")
}

// Diff implements checks.Engine.
func (*Engine) Diff(ctx context.Context, req checks.Request) ([]checks.Finding, error) {
	opts := optionsOf(checks.OptionsFor(req.Options, checks.JSONSchema))
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	policy := opts.Policy
	va, err := newValidator()
	if err != nil {
		return nil, err
	}
	draft, _ := ParseDraft(opts.Draft)
	ol := newLoader(ctx, req.Old, opts, opts.AllowRemoteRefs)
	nl := newLoader(ctx, req.New, opts, opts.AllowRemoteRefs)
	ol.defaultDraft, nl.defaultDraft = draft, draft
	// The two sides are independent until they are compared: each is
	// loaded, built and validated on its own goroutine.
	var odocs, ndocs map[string]*document
	var wg sync.WaitGroup
	wg.Go(func() { odocs = loadAll(ol, req.Old.Files) })
	wg.Go(func() { ndocs = loadAll(nl, req.New.Files) })
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Decide which files are compared.
	explicit := isExplicit(req)
	var files []string
	skip := map[string]bool{} // files skipped as not schemas are not validated
	for _, p := range union(req.Old.Files, req.New.Files) {
		od, nd := odocs[p], ndocs[p]
		if !explicit && !schemaLike(od) && !schemaLike(nd) && (od != nil || nd != nil) {
			skip[fileURL(p)] = true
			continue // clearly not a schema on either side
		}
		files = append(files, p)
	}

	ob, nb := newBuilder(ol), newBuilder(nl)
	var oroots, nroots map[string]*schema
	wg.Go(func() {
		oroots = buildAll(ob, odocs, files)
		va.validateAll(ol, skip)
	})
	wg.Go(func() {
		nroots = buildAll(nb, ndocs, files)
		va.validateAll(nl, skip)
	})
	wg.Wait()
	if err := inputError(req, ol, nl); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	c := newComparer(policy)
	compared := map[string]bool{}
	for _, p := range files {
		compared[p] = true
	}
	var findings []found
	for _, p := range files {
		o, n := oroots[p], nroots[p]
		switch {
		case o == nil && n == nil:
			continue
		case o == nil:
			findings = append(findings, found{fileFinding(JSON_SCHEMA_FILE_ADDED, p), p})
			continue
		case n == nil:
			findings = append(findings, found{fileFinding(JSON_SCHEMA_FILE_REMOVED, p), p})
			continue
		}
		x := c.root()
		x.compare(o, n)
		x.definitions(ob, nb, o, n)
		for _, d := range x.diffs {
			f, _, fromOld := locate(d)
			if f != p && compared[f] {
				// Found directly when that file is compared.
				continue
			}
			finding := toFinding(d)
			if fromOld && f == p && ndocs[p] != nil {
				// A removal: locate it at the closest surviving parent in
				// the new file, as every engine does, so that annotations
				// and diffs point at a line that exists.
				at := deepest(ndocs[p].root, d.fullPath())
				finding.Message += fmt.Sprintf(" (line %d of the old file)", finding.Line)
				finding.Line, finding.Column = at.Line, at.Col
			}
			findings = append(findings, found{finding, p})
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return checks.Sort(dedupe(findings)), nil
}

// found is a finding and the compared file whose comparison found it.
type found struct {
	checks.Finding
	root string
}

// dedupe keeps one finding per rule and location. A change in a referenced
// file is found both through the $ref (with a path from the referring
// file's root) and, when that file is compared itself, directly: the direct
// finding, whose path starts at the file's own root, is kept.
func dedupe(fs []found) []checks.Finding {
	type key struct {
		rule, file   string
		line, column int
	}
	k := func(f found) key { return key{f.Rule, f.File, f.Line, f.Column} }
	direct := map[key]bool{}
	for _, f := range fs {
		if f.File == f.root {
			direct[k(f)] = true
		}
	}
	seen := map[key]bool{}
	out := make([]checks.Finding, 0, len(fs))
	for _, f := range fs {
		kk := k(f)
		if f.Line > 0 {
			if direct[kk] && f.File != f.root || seen[kk] {
				continue
			}
			seen[kk] = true
		}
		out = append(out, f.Finding)
	}
	return out
}

func union(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

// isExplicit reports whether the user named the two files (rather than two
// directories): such files are always compared, whatever their content.
func isExplicit(req checks.Request) bool {
	if len(req.Old.Files) > 1 || len(req.New.Files) > 1 {
		return false
	}
	for _, s := range []checks.Side{req.Old, req.New} {
		if len(s.Files) == 1 && path.Base(strings.ReplaceAll(s.Label, "\\", "/")) == path.Base(s.Files[0]) {
			return true
		}
	}
	return false
}

func loadAll(l *loader, files []string) map[string]*document {
	docs := map[string]*document{}
	for _, p := range files {
		d, err := l.loadFile(p)
		if err != nil {
			reportLoad(l, p, err)
			continue
		}
		docs[p] = d
	}
	return docs
}

func reportLoad(l *loader, file string, err error) {
	var le *loadError
	if errors.As(err, &le) && le.file != "" {
		l.diag(le.file, le.at, "%s", le.msg)
		return
	}
	l.diag(file, pos{}, "%v", err)
}

// schemaLike reports whether a document may be a schema. A file is
// skipped while walking directories only when it is clearly something else:
// a top-level array, string, number or null; an object with members none of
// which is a JSON Schema keyword (read as a schema it would accept every
// instance, so skipping it cannot hide a change); or an Avro schema.
func schemaLike(d *document) bool {
	if d == nil {
		return false
	}
	v := d.root
	switch v.Kind {
	case vBool:
		return true
	case vObject:
	default:
		return false
	}
	if len(v.Members) == 0 {
		return true
	}
	if t, ok := strOf(v, "type"); ok && (t == "record" || t == "enum" || t == "fixed") && v.Get("name") != nil {
		return false // Avro
	}
	for _, m := range v.Members {
		if schemaKeywords[m.Key] || annotationKeywords[m.Key] {
			return true
		}
	}
	return false
}

var annotationKeywords = map[string]bool{
	"title": true, "description": true, "default": true, "examples": true, "deprecated": true,
	"readOnly": true, "writeOnly": true, "$comment": true, "id": true,
}

func buildAll(b *builder, docs map[string]*document, files []string) map[string]*schema {
	roots := map[string]*schema{}
	for _, p := range files {
		if d := docs[p]; d != nil {
			roots[p] = b.root(d)
		}
	}
	b.checkRefCycles()
	return roots
}

// pointerPos finds the position of the value at a JSON pointer: the key's
// position for an object member.
func pointerPos(v *value, ptr string) pos {
	at := v.Pos
	if ptr == "" || ptr == "/" {
		return at
	}
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = unescapePtr(tok)
		switch v.Kind {
		case vObject:
			m := v.Member(tok)
			if m == nil {
				return at
			}
			at, v = m.KeyPos, m.Value
		case vArray:
			var i int
			if _, err := fmt.Sscanf(tok, "%d", &i); err != nil || i < 0 || i >= len(v.Arr) {
				return at
			}
			v = v.Arr[i]
			at = v.Pos
		default:
			return at
		}
	}
	return at
}

// inputError gathers the diagnostics of both sides.
func inputError(req checks.Request, ol, nl *loader) error {
	sortDiags := func(ds []checks.Diagnostic) []checks.Diagnostic {
		slices.SortFunc(ds, func(a, b checks.Diagnostic) int {
			return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Message, b.Message))
		})
		return slices.Compact(ds)
	}
	od, nd := sortDiags(ol.diags), sortDiags(nl.diags)
	switch {
	case len(od) == 0 && len(nd) == 0:
		return nil
	case len(nd) == 0:
		return &checks.InputError{Side: req.Old.Label, Diagnostics: od}
	case len(od) == 0:
		return &checks.InputError{Side: req.New.Label, Diagnostics: nd}
	}
	var all []checks.Diagnostic
	for _, s := range []struct {
		label string
		ds    []checks.Diagnostic
	}{{req.Old.Label, od}, {req.New.Label, nd}} {
		for _, d := range s.ds {
			d.File = s.label + ": " + d.File
			all = append(all, d)
		}
	}
	return &checks.InputError{Diagnostics: all}
}

// definitions compares the $defs/definitions of two roots (those the root
// comparison reached come from the memo).
func (x *cctx) definitions(ob, nb *builder, o, n *schema) {
	for _, kw := range []string{"$defs", "definitions"} {
		od, nd := o.v.Get(kw), n.v.Get(kw)
		if od == nil && nd == nil || od != nil && od.Kind != vObject || nd != nil && nd.Kind != vObject {
			continue
		}
		var names []string
		seen := map[string]bool{}
		for _, defs := range []*value{od, nd} {
			if defs == nil {
				continue
			}
			for _, m := range defs.Members {
				if !seen[m.Key] {
					seen[m.Key] = true
					names = append(names, m.Key)
				}
			}
		}
		for _, name := range names {
			om, nm := od.Member(name), nd.Member(name)
			switch {
			case om == nil:
				s := nb.built[nm.Value]
				propLoc(x.add(DEFINITION_ADDED, kw+"/"+escapePtr(name), o, n, ""), nil, s)
			case nm == nil:
				s := ob.built[om.Value]
				propLoc(x.add(DEFINITION_REMOVED, kw+"/"+escapePtr(name), o, n, ""), s, nil)
			default:
				os, ns := ob.built[om.Value], nb.built[nm.Value]
				x.enter(kw, escapePtr(name))
				x.compare(os, ns)
				x.leave(2)
			}
		}
	}
}

func fileFinding(r *checks.Rule, file string) checks.Finding {
	return checks.Finding{
		Rule:    r.ID,
		Impact:  r.Impact,
		Breaks:  r.Breaks,
		Levels:  r.Levels,
		File:    file,
		Path:    "#",
		Message: r.Title,
	}
}

// toFinding locates a difference: at its keyword in the new file, or in the
// old file when only the old schema has the keyword (a removal; Diff then
// moves it to the closest surviving parent in the new file), or at the new
// (else old) schema itself.
func toFinding(d diff) checks.Finding {
	r := d.rule
	file, at, _ := locate(d)
	p := "#"
	if fp := d.fullPath(); fp != "" {
		p += "/" + fp
	}
	msg := r.Title
	switch {
	case d.old != "" && d.new != "":
		msg += fmt.Sprintf(" at %s: %s → %s", p, d.old, d.new)
	case d.old != "":
		msg += fmt.Sprintf(" at %s (was %s)", p, d.old)
	case d.new != "":
		msg += fmt.Sprintf(" at %s (now %s)", p, d.new)
	default:
		msg += " at " + p
	}
	return checks.Finding{
		Rule:    r.ID,
		Impact:  r.Impact,
		Breaks:  r.Breaks,
		Levels:  r.Levels,
		File:    file,
		Line:    at.Line,
		Column:  at.Col,
		Path:    p,
		Message: msg,
		Old:     d.old,
		New:     d.new,
	}
}

// locate finds a difference's file and position, and whether they are the
// old file's.
func locate(d diff) (string, pos, bool) {
	if d.kw != "" {
		if d.u != nil && d.u.v != nil {
			if m := d.u.v.Member(d.kw); m != nil {
				return d.u.doc.file, m.KeyPos, false
			}
		}
		if d.o != nil && d.o.v != nil {
			if m := d.o.v.Member(d.kw); m != nil {
				return d.o.doc.file, m.KeyPos, true
			}
		}
	}
	if d.u != nil && d.u.doc != nil {
		return d.u.doc.file, d.u.at, false
	}
	if d.o != nil && d.o.doc != nil {
		return d.o.doc.file, d.o.at, true
	}
	return "", pos{}, false
}

// deepest follows a JSON pointer (without its leading "#/") as far as the
// document goes and returns the position of the last member or item found:
// the closest surviving parent of a removed element.
func deepest(root *value, pointer string) pos {
	v, at := root, root.Pos
	if pointer == "" {
		return at
	}
	for _, seg := range strings.Split(pointer, "/") {
		seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		switch v.Kind {
		case vObject:
			m := v.Member(seg)
			if m == nil {
				return at
			}
			v, at = m.Value, m.KeyPos
		case vArray:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(v.Arr) {
				return at
			}
			v, at = v.Arr[i], v.Arr[i].Pos
		default:
			return at
		}
	}
	return at
}
