package jsonschema

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/doc"
	"github.com/contractlint/contractlint/internal/limits"
)

// fileBase is the URL prefix under which a side's files are addressed: a
// file "a/b.json" of the side is "file:///a/b.json".
const fileBase = "file:///"

// document is one parsed schema file (local or fetched).
type document struct {
	url   string // absolute URL without fragment
	file  string // what users see: the side-relative path or the URL
	root  *value
	draft int // 4, 6, 7, 2019 or 2020
	// detected says why the draft was picked when the document has no
	// $schema and none was configured ("" otherwise).
	detected string
}

// resource is a schema that can be addressed by URL: a document root or an
// embedded schema with its own $id.
type resource struct {
	doc  *document
	v    *value
	base string // base URL of v
}

// loader loads and resolves the documents of one side, inside the side's FS
// only, fetching remote documents only under an allowed prefix.
type loader struct {
	ctx context.Context
	// defaultDraft is the draft of documents without $schema (0: detected).
	defaultDraft int
	fsys         fs.FS
	label        string
	allow        []string
	client       *http.Client

	docs      map[string]*document // by URL
	failed    map[string]error     // URLs that could not be loaded
	resources map[string]*resource // by absolute URL (no fragment), from $id
	anchors   map[string]*resource // by absolute URL with a #name fragment
	diags     []checks.Diagnostic

	// refs map URI prefixes to directories of the side (longest first);
	// roots are the directories searched for a document by its $id.
	refs  []refDir
	roots []string
	// ids maps the $id of every document found in roots to its file; nil
	// until a reference first needs it.
	ids map[string]string
}

// refDir maps URIs under prefix to files under dir.
type refDir struct{ prefix, dir string }

// refDirs are the refs option's mappings, longest prefix first.
func refDirs(refs map[string]string) []refDir {
	var out []refDir
	for prefix, dir := range refs {
		out = append(out, refDir{prefix, path.Clean(dir)})
	}
	slices.SortFunc(out, func(a, b refDir) int {
		return cmp.Or(cmp.Compare(len(b.prefix), len(a.prefix)), cmp.Compare(a.prefix, b.prefix))
	})
	return out
}

// fileOf returns the file that docURL names through r; under is false when
// docURL is not under r's prefix, and an error says that it leaves r's
// directory.
func (r refDir) fileOf(docURL string) (file string, under bool, err error) {
	rest, ok := strings.CutPrefix(docURL, r.prefix)
	if !ok {
		return "", false, nil
	}
	file = path.Join(r.dir, rest)
	if rest == "" || !fs.ValidPath(file) || file != r.dir && !strings.HasPrefix(file, r.dir+"/") && r.dir != "." {
		return "", true, fmt.Errorf("$ref %s: refs maps %s to %s, which leaves that directory", docURL, r.prefix, r.dir)
	}
	return file, true, nil
}

// newLoader reads side with the $ref directories of opts; allow lists the
// URL prefixes it may fetch.
func newLoader(ctx context.Context, side checks.Side, opts Options, allow []string) *loader {
	l := &loader{
		ctx:       ctx,
		fsys:      side.FS,
		label:     side.Label,
		allow:     allow,
		roots:     searchRoots(side, opts),
		docs:      map[string]*document{},
		failed:    map[string]error{},
		resources: map[string]*resource{},
		anchors:   map[string]*resource{},
	}
	l.refs = refDirs(opts.Refs)
	if len(allow) > 0 {
		l.client = &http.Client{
			Timeout: 30 * time.Second,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				// Every hop, and so the final URL, must be allowed, and sent
				// as it was checked: in normal form.
				if n, ok := normalURL(req.URL.String()); !ok || !l.allowed(req.URL.String()) || n != req.URL.String() {
					return fmt.Errorf("redirect to %s is outside the allowed prefixes", req.URL)
				}
				if len(via) >= 5 {
					return errors.New("too many redirects")
				}
				return nil
			},
		}
	}
	return l
}

func (l *loader) diag(file string, at pos, format string, args ...any) {
	l.diags = append(l.diags, checks.Diagnostic{File: file, Line: at.Line, Column: at.Col, Message: fmt.Sprintf(format, args...)})
}

// allowed matches the normalised, decoded URL (see normalURL) against the
// normalised prefixes, so that dot segments and percent-encoding cannot
// leave an allowed prefix.
func (l *loader) allowed(u string) bool { return allowedBy(l.allow, u) }

// fileURL is the URL of a side-relative path.
func fileURL(p string) string { return fileBase + p }

// loadFile loads a side file by its side-relative path.
func (l *loader) loadFile(p string) (*document, error) {
	return l.load(fileURL(p))
}

// load loads a document by absolute URL (no fragment), once.
func (l *loader) load(u string) (*document, error) {
	if d, ok := l.docs[u]; ok {
		return d, nil
	}
	if err, ok := l.failed[u]; ok {
		return nil, err
	}
	d, err := l.read(u)
	if err != nil {
		l.failed[u] = err
		return nil, err
	}
	l.docs[u] = d
	l.index(d)
	return d, nil
}

// loadError is a problem loading a document; when at is set it points into
// the document itself (a syntax error).
type loadError struct {
	file string
	at   pos
	msg  string
}

func (e *loadError) Error() string { return e.msg }

func (l *loader) read(u string) (*document, error) {
	var (
		data []byte
		file string
		err  error
	)
	switch {
	case strings.HasPrefix(u, fileBase):
		file = strings.TrimPrefix(u, fileBase)
		data, err = l.readLocal(file)
	case strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://"):
		file = u
		if !l.allowed(u) {
			return nil, &loadError{msg: fmt.Sprintf("$ref %s: no local schema has this $id, and remote references are not fetched (map the URI prefix to a directory with refs: in %s, or allow fetching it with allow_remote_refs: or --allow-remote-ref PREFIX)", u, "contractlint.yaml")}
		}
		// Fetch what was checked: the normal form, not what a server
		// would make of dot segments or encoded characters.
		n, _ := normalURL(u)
		data, err = l.fetch(n)
	default:
		return nil, &loadError{msg: fmt.Sprintf("cannot load %s: only relative references inside the compared root and allowed http(s) URLs are supported", u)}
	}
	if err != nil {
		return nil, &loadError{msg: err.Error()}
	}
	root, err := parseDocument(file, data, limits.From(l.ctx).Depth())
	if err != nil {
		var se *doc.Error // the first, should there be several
		if errors.As(err, &se) {
			return nil, &loadError{file: file, at: se.Pos, msg: se.Msg}
		}
		return nil, &loadError{file: file, msg: err.Error()}
	}
	d := &document{url: u, file: file, root: root}
	d.draft, err = draftOf(root, l.defaultDraft)
	if root.Get("$schema") == nil && l.defaultDraft == 0 {
		if _, why := detectDraft(root); why != "" {
			d.detected = "no $schema: read as " + draftName(d.draft) + " because it uses " + why
		}
	}
	if err != nil {
		at := root.Pos
		if m := root.Member("$schema"); m != nil {
			at = m.Value.Pos
		}
		return nil, &loadError{file: file, at: at, msg: err.Error()}
	}
	return d, nil
}

func (l *loader) readLocal(p string) ([]byte, error) {
	if !fs.ValidPath(p) {
		return nil, fmt.Errorf("%s: not a valid path inside %s", p, l.label)
	}
	data, err := limits.ReadFile(l.ctx, l.fsys, p)
	var le *limits.Error
	if errors.As(err, &le) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, unwrapPath(err))
	}
	return data, nil
}

func (l *loader) fetch(u string) ([]byte, error) {
	ctx := l.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	resp, err := l.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: %s", u, resp.Status)
	}
	max := limits.From(ctx).MaxFileSize
	var body io.Reader = resp.Body
	if max > 0 {
		body = io.LimitReader(resp.Body, max+1)
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	if err := limits.CheckFileSize(ctx, u, int64(len(data))); err != nil {
		return nil, err
	}
	if err := limits.Charge(ctx, u, int64(len(data))); err != nil {
		return nil, err
	}
	return data, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func isYAML(p string) bool {
	p = strings.ToLower(p)
	return strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")
}

// drafts maps $schema URLs (without scheme and trailing '#') to drafts.
var drafts = map[string]int{
	"json-schema.org/draft-04/schema":      4,
	"json-schema.org/draft-06/schema":      6,
	"json-schema.org/draft-07/schema":      7,
	"json-schema.org/draft/2019-09/schema": 2019,
	"json-schema.org/draft/2020-12/schema": 2020,
}

// DefaultDraft is the draft of a schema without $schema whose forms fit
// every draft, unless the request names another
// (Options.Draft).
const DefaultDraft = 2020

// ParseDraft parses a draft name as users spell it ("04", "draft-07",
// "2019-09", "2020-12", ...); empty means 0: detect each document's draft
// from its forms.
func ParseDraft(s string) (int, error) {
	switch strings.TrimPrefix(strings.ToLower(s), "draft-") {
	case "":
		return 0, nil
	case "04", "4":
		return 4, nil
	case "06", "6":
		return 6, nil
	case "07", "7":
		return 7, nil
	case "2019-09", "2019":
		return 2019, nil
	case "2020-12", "2020":
		return 2020, nil
	}
	return 0, fmt.Errorf("unknown JSON Schema draft %q (want 04, 06, 07, 2019-09 or 2020-12)", s)
}

// draftOf returns the draft of a document: its $schema's, else def, else
// (def 0) the draft its own forms show (see detectDraft).
func draftOf(root *value, def int) (int, error) {
	m := root.Get("$schema")
	if m == nil {
		if def == 0 {
			def, _ = detectDraft(root)
		}
		return def, nil
	}
	if m.Kind != vString {
		return 0, errors.New("$schema must be a string")
	}
	s := strings.TrimSuffix(m.Str, "#")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "http://"), "https://")
	if d, ok := drafts[s]; ok {
		return d, nil
	}
	return 0, fmt.Errorf("unknown $schema %q (want draft-04, draft-06, draft-07, 2019-09 or 2020-12)", m.Str)
}

// draftName names a draft as users spell it.
func draftName(d int) string {
	switch d {
	case 2019:
		return "2019-09"
	case 2020:
		return "2020-12"
	}
	return fmt.Sprintf("draft-%02d", d)
}

// detectDraft picks the draft of a document without $schema from its own
// forms: draft-04 for a boolean exclusiveMinimum or exclusiveMaximum;
// draft-07 for the forms 2019-09 replaced (definitions, dependencies,
// additionalItems, an items array), which 2020-12 does not read as
// draft-07 does; 2020-12 otherwise. It says which form decided.
func detectDraft(root *value) (int, string) {
	draft, why := DefaultDraft, ""
	var walk func(v *value, depth int) bool
	walk = func(v *value, depth int) bool {
		if depth > maxDepth {
			return true
		}
		switch v.Kind {
		case vObject:
			for _, m := range v.Members {
				switch {
				case (m.Key == "exclusiveMinimum" || m.Key == "exclusiveMaximum") && m.Value.Kind == vBool:
					draft, why = 4, "a boolean "+m.Key
					return true
				case draft == DefaultDraft && (m.Key == "definitions" && m.Value.Kind == vObject ||
					m.Key == "dependencies" && m.Value.Kind == vObject ||
					m.Key == "additionalItems" ||
					m.Key == "items" && m.Value.Kind == vArray):
					draft, why = 7, m.Key
					if m.Key == "items" {
						why = "an items array"
					}
				}
				if dataKeywords[m.Key] {
					continue
				}
				if walk(m.Value, depth+1) {
					return true
				}
			}
		case vArray:
			for _, e := range v.Arr {
				if walk(e, depth+1) {
					return true
				}
			}
		}
		return false
	}
	walk(root, 0)
	return draft, why
}

// idKeyword is the keyword that sets a base URI in a draft.
func idKeyword(draft int) string {
	if draft == 4 {
		return "id"
	}
	return "$id"
}

// index registers the resources ($id) and anchors of a document.
func (l *loader) index(d *document) {
	l.register(&resource{doc: d, v: d.root, base: d.url}, d.url)
	l.walkIDs(d, d.root, d.url, 0)
}

func (l *loader) register(r *resource, u string) {
	if _, ok := l.resources[u]; !ok {
		l.resources[u] = r
	}
}

// keywords whose values are data, not schemas: their contents are not
// searched for $id and anchors.
var dataKeywords = map[string]bool{"enum": true, "const": true, "default": true, "examples": true}

func (l *loader) walkIDs(d *document, v *value, base string, depth int) {
	if depth > maxDepth {
		return
	}
	switch v.Kind {
	case vObject:
		if id, ok := strOf(v, idKeyword(d.draft)); ok && id != "" {
			if strings.HasPrefix(id, "#") && d.draft < 2019 {
				l.anchors[stripFragment(base)+id] = &resource{doc: d, v: v, base: base}
			} else if nb, err := resolveURL(base, id); err == nil {
				base = stripFragment(nb)
				l.register(&resource{doc: d, v: v, base: base}, base)
			}
		}
		for _, k := range []string{"$anchor", "$dynamicAnchor"} {
			if a, ok := strOf(v, k); ok && d.draft >= 2019 {
				key := stripFragment(base) + "#" + a
				if _, dup := l.anchors[key]; !dup {
					l.anchors[key] = &resource{doc: d, v: v, base: base}
				}
			}
		}
		for _, m := range v.Members {
			if dataKeywords[m.Key] {
				continue
			}
			l.walkIDs(d, m.Value, base, depth+1)
		}
	case vArray:
		for _, e := range v.Arr {
			l.walkIDs(d, e, base, depth+1)
		}
	}
}

func stripFragment(u string) string {
	if i := strings.IndexByte(u, '#'); i >= 0 {
		return u[:i]
	}
	return u
}

func resolveURL(base, ref string) (string, error) {
	b, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	r, err := url.Parse(ref)
	if err != nil {
		return "", err
	}
	return b.ResolveReference(r).String(), nil
}

func escapePtr(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func unescapePtr(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// resolve resolves a $ref found in a schema whose base URL is base. It
// returns the referenced value, or an error that says what is wrong.
func (l *loader) resolve(base, ref string) (*resource, error) {
	r, err := url.Parse(ref)
	if err != nil {
		return nil, fmt.Errorf("invalid $ref %q: %v", ref, err)
	}
	if r.Scheme == "file" {
		return nil, fmt.Errorf("$ref %q: file: URLs are not allowed; use a relative reference", ref)
	}
	if r.Scheme == "" && r.Host == "" && r.Path != "" && strings.HasPrefix(base, fileBase) {
		// A relative file reference: it must stay inside the root.
		dir := path.Dir(strings.TrimPrefix(stripFragment(base), fileBase))
		var joined string
		if strings.HasPrefix(r.Path, "/") {
			joined = path.Clean(strings.TrimPrefix(r.Path, "/"))
		} else {
			joined = path.Join(dir, r.Path)
		}
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return nil, fmt.Errorf("$ref %q escapes the compared root %s (\"..\" is not allowed to leave it)", ref, l.label)
		}
	}
	abs, err := resolveURL(base, ref)
	if err != nil {
		return nil, fmt.Errorf("invalid $ref %q: %v", ref, err)
	}
	docURL, frag, _ := strings.Cut(abs, "#")
	res, ok := l.resources[docURL]
	if !ok {
		if res, err = l.local(docURL); err != nil {
			return nil, err
		}
	}
	if res == nil {
		if _, err := l.load(docURL); err != nil {
			return nil, err
		}
		if res, ok = l.resources[docURL]; !ok {
			return nil, fmt.Errorf("$ref %q: %s not found", ref, docURL)
		}
	}
	frag, err = url.PathUnescape(frag)
	if err != nil {
		return nil, fmt.Errorf("invalid $ref %q: %v", ref, err)
	}
	switch {
	case frag == "":
		return res, nil
	case strings.HasPrefix(frag, "/"):
		v := res.v
		for _, tok := range strings.Split(frag[1:], "/") {
			tok = unescapePtr(tok)
			switch v.Kind {
			case vObject:
				v = v.Get(tok)
			case vArray:
				var i int
				if _, err := fmt.Sscanf(tok, "%d", &i); err != nil || i < 0 || i >= len(v.Arr) || fmt.Sprint(i) != tok {
					v = nil
				} else {
					v = v.Arr[i]
				}
			default:
				v = nil
			}
			if v == nil {
				return nil, fmt.Errorf("$ref %q: %s has nothing at #%s", ref, res.doc.file, frag)
			}
		}
		return &resource{doc: res.doc, v: v, base: res.base}, nil
	default:
		if a, ok := l.anchors[docURL+"#"+frag]; ok {
			return a, nil
		}
		return nil, fmt.Errorf("$ref %q: no anchor %q in %s", ref, frag, res.doc.file)
	}
}

// maxIndexedFiles bounds how many files of the search roots are read to
// find a document by its $id.
const maxIndexedFiles = 5000

// searchRoots are the directories searched for a document by its $id: the
// configured refs directories, then the directories of the compared files.
func searchRoots(side checks.Side, opts Options) []string {
	var roots []string
	for _, dir := range opts.Refs {
		roots = append(roots, path.Clean(dir))
	}
	for _, r := range opts.SchemaRoots {
		roots = append(roots, path.Clean(r))
	}
	for _, f := range side.Files {
		roots = append(roots, path.Dir(f))
	}
	slices.Sort(roots)
	return slices.Compact(roots)
}

// local finds the local document of an absolute URI that no loaded
// document declares as its $id, before anything is fetched: through the
// configured refs prefixes, then by mirroring the layout of a loaded
// document (its $id's directory is its file's directory), then by the $id
// of the files in the search roots. It returns nil, nil when there is none.
func (l *loader) local(docURL string) (*resource, error) {
	if strings.HasPrefix(docURL, fileBase) {
		return nil, nil
	}
	for _, r := range l.refs {
		file, under, err := r.fileOf(docURL)
		if !under {
			continue
		}
		if err != nil {
			return nil, err
		}
		d, err := l.load(fileURL(file))
		if err != nil {
			return nil, fmt.Errorf("$ref %s (refs: %s → %s/): %w", docURL, r.prefix, r.dir, err)
		}
		return l.alias(docURL, d), nil
	}
	if res := l.mirror(docURL); res != nil {
		return res, nil
	}
	if l.ids == nil {
		l.indexRoots()
	}
	if file, ok := l.ids[docURL]; ok {
		if _, err := l.load(fileURL(file)); err != nil {
			return nil, err
		}
		if res, ok := l.resources[docURL]; ok {
			return res, nil
		}
	}
	return nil, nil
}

// alias returns the resource of docURL once d is loaded: d's own when its
// $id names docURL, else d's root, registered under docURL.
func (l *loader) alias(docURL string, d *document) *resource {
	if res, ok := l.resources[docURL]; ok {
		return res
	}
	res := &resource{doc: d, v: d.root, base: docURL}
	if id, ok := strOf(d.root, idKeyword(d.draft)); ok && id != "" && !strings.HasPrefix(id, "#") {
		res.base = l.resources[d.url].base
		if abs, err := resolveURL(d.url, id); err == nil {
			res.base = stripFragment(abs)
		}
	}
	l.register(res, docURL)
	return res
}

// mirror finds docURL next to a loaded local document whose $id shares its
// directory: a file with $id https://acme.example/schemas/a.json at
// schemas/a.json puts https://acme.example/schemas/b/c.json at
// schemas/b/c.json. The file found must declare docURL as its $id, or no
// $id at all.
func (l *loader) mirror(docURL string) *resource {
	var urls []string
	for u, d := range l.docs {
		if strings.HasPrefix(u, fileBase) && d.root != nil {
			urls = append(urls, u)
		}
	}
	slices.Sort(urls)
	for _, u := range urls {
		d := l.docs[u]
		id, ok := strOf(d.root, idKeyword(d.draft))
		if !ok || id == "" {
			continue
		}
		abs, err := resolveURL(u, id)
		if err != nil || strings.HasPrefix(abs, fileBase) {
			continue
		}
		idDir := stripFragment(abs)
		idDir = idDir[:strings.LastIndexByte(idDir, '/')+1]
		rest, ok := strings.CutPrefix(docURL, idDir)
		if !ok || rest == "" || strings.ContainsAny(rest, "?#") {
			continue
		}
		file := path.Join(path.Dir(d.file), rest)
		if !fs.ValidPath(file) {
			continue
		}
		if _, err := fs.Stat(l.fsys, file); err != nil {
			continue
		}
		nd, err := l.load(fileURL(file))
		if err != nil {
			continue
		}
		if res, ok := l.resources[docURL]; ok {
			return res
		}
		if _, has := strOf(nd.root, idKeyword(nd.draft)); !has {
			return l.alias(docURL, nd)
		}
	}
	return nil
}

// indexRoots reads the files of the search roots and records the $id of
// each (top-level and nested). Files that do not parse are left out: they
// are reported only if a reference leads to them.
func (l *loader) indexRoots() {
	l.ids = map[string]string{}
	n := 0
	for _, root := range l.roots {
		_ = fs.WalkDir(l.fsys, root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || n >= maxIndexedFiles {
				return fs.SkipDir
			}
			if e.IsDir() {
				if p != root && (strings.HasPrefix(e.Name(), ".") || e.Name() == "node_modules" || e.Name() == "vendor") {
					return fs.SkipDir
				}
				return nil
			}
			if !New().Owns(p) {
				return nil
			}
			n++
			data, err := l.readLocal(p)
			if err != nil {
				return nil
			}
			v, err := parseDocument(p, data, limits.From(l.ctx).Depth())
			if err != nil {
				return nil
			}
			draft, err := draftOf(v, l.defaultDraft)
			if err != nil {
				return nil
			}
			collectIDs(v, fileURL(p), draft, 0, func(id string) {
				if _, dup := l.ids[id]; !dup {
					l.ids[id] = p
				}
			})
			return nil
		})
	}
}

// collectIDs calls add with the absolute URI of every $id in a document.
func collectIDs(v *value, base string, draft, depth int, add func(string)) {
	if depth > maxDepth {
		return
	}
	switch v.Kind {
	case vObject:
		if id, ok := strOf(v, idKeyword(draft)); ok && id != "" && !strings.HasPrefix(id, "#") {
			if abs, err := resolveURL(base, id); err == nil {
				base = stripFragment(abs)
				add(base)
			}
		}
		for _, m := range v.Members {
			if !dataKeywords[m.Key] {
				collectIDs(m.Value, base, draft, depth+1, add)
			}
		}
	case vArray:
		for _, e := range v.Arr {
			collectIDs(e, base, draft, depth+1, add)
		}
	}
}
