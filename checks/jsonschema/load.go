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
	// defaultDraft is the draft of documents without $schema (0: DefaultDraft).
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
}

func newLoader(ctx context.Context, side checks.Side, allow []string) *loader {
	l := &loader{
		ctx:       ctx,
		fsys:      side.FS,
		label:     side.Label,
		allow:     allow,
		docs:      map[string]*document{},
		failed:    map[string]error{},
		resources: map[string]*resource{},
		anchors:   map[string]*resource{},
	}
	if len(allow) > 0 {
		l.client = &http.Client{
			Timeout: 30 * time.Second,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if !l.allowed(req.URL.String()) {
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
	l.diags = append(l.diags, checks.Diagnostic{File: file, Line: at.line, Column: at.col, Message: fmt.Sprintf(format, args...)})
}

func (l *loader) allowed(u string) bool {
	return slices.ContainsFunc(l.allow, func(p string) bool { return p != "" && strings.HasPrefix(u, p) })
}

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
			return nil, &loadError{msg: fmt.Sprintf("remote $ref %s is not fetched (allow it with --allow-remote-ref PREFIX)", u)}
		}
		data, err = l.fetch(u)
	default:
		return nil, &loadError{msg: fmt.Sprintf("cannot load %s: only relative references inside the compared root and allowed http(s) URLs are supported", u)}
	}
	if err != nil {
		return nil, &loadError{msg: err.Error()}
	}
	var root *value
	if depth := limits.From(l.ctx).Depth(); isYAML(file) {
		root, err = parseYAML(data, depth)
	} else {
		root, err = parseJSON(data, depth)
	}
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			return nil, &loadError{file: file, at: se.at, msg: se.msg}
		}
		return nil, &loadError{file: file, msg: err.Error()}
	}
	d := &document{url: u, file: file, root: root}
	d.draft, err = draftOf(root, cmp.Or(l.defaultDraft, DefaultDraft))
	if err != nil {
		at := root.at
		if m := root.member("$schema"); m != nil {
			at = m.val.at
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

// DefaultDraft is the draft of a schema without $schema, unless the request
// names another (checks.Request.DefaultDraft).
const DefaultDraft = 2020

// ParseDraft parses a draft name as users spell it ("04", "draft-07",
// "2019-09", "2020-12", ...); empty means DefaultDraft.
func ParseDraft(s string) (int, error) {
	switch strings.TrimPrefix(strings.ToLower(s), "draft-") {
	case "":
		return DefaultDraft, nil
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

func draftOf(root *value, def int) (int, error) {
	m := root.get("$schema")
	if m == nil {
		return def, nil
	}
	if m.kind != vString {
		return 0, errors.New("$schema must be a string")
	}
	s := strings.TrimSuffix(m.s, "#")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "http://"), "https://")
	if d, ok := drafts[s]; ok {
		return d, nil
	}
	return 0, fmt.Errorf("unknown $schema %q (want draft-04, draft-06, draft-07, 2019-09 or 2020-12)", m.s)
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
	switch v.kind {
	case vObject:
		if id, ok := v.str(idKeyword(d.draft)); ok && id != "" {
			if strings.HasPrefix(id, "#") && d.draft < 2019 {
				l.anchors[stripFragment(base)+id] = &resource{doc: d, v: v, base: base}
			} else if nb, err := resolveURL(base, id); err == nil {
				base = stripFragment(nb)
				l.register(&resource{doc: d, v: v, base: base}, base)
			}
		}
		for _, k := range []string{"$anchor", "$dynamicAnchor"} {
			if a, ok := v.str(k); ok && d.draft >= 2019 {
				key := stripFragment(base) + "#" + a
				if _, dup := l.anchors[key]; !dup {
					l.anchors[key] = &resource{doc: d, v: v, base: base}
				}
			}
		}
		for _, m := range v.members {
			if dataKeywords[m.key] {
				continue
			}
			l.walkIDs(d, m.val, base, depth+1)
		}
	case vArray:
		for _, e := range v.arr {
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
			switch v.kind {
			case vObject:
				v = v.get(tok)
			case vArray:
				var i int
				if _, err := fmt.Sscanf(tok, "%d", &i); err != nil || i < 0 || i >= len(v.arr) || fmt.Sprint(i) != tok {
					v = nil
				} else {
					v = v.arr[i]
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
