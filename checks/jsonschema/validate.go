package jsonschema

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	js "github.com/santhosh-tekuri/jsonschema/v5"
)

// metaURLs are the metaschemas of the drafts.
var metaURLs = map[int]string{
	4:    "http://json-schema.org/draft-04/schema",
	6:    "http://json-schema.org/draft-06/schema",
	7:    "http://json-schema.org/draft-07/schema",
	2019: "https://json-schema.org/draft/2019-09/schema",
	2020: "https://json-schema.org/draft/2020-12/schema",
}

// validator checks documents against their draft's metaschema, compiled by
// santhosh-tekuri/jsonschema, so that schemas the specification rejects are
// reported with their location.
//
// A document is validated subschema by subschema: each subschema is
// validated on its own with its own subschemas replaced by {}, and the
// outcome is cached by content. Metaschema validation is context-free, so
// this finds the same problems as validating the whole document at once,
// but a subschema shared by many files (or unchanged between the two sides)
// is validated once, and no validation runs deep (the library builds a
// keyword path for every intermediate result, which costs time quadratic
// in depth).
type validator struct {
	c     *js.Compiler
	metas map[int]*js.Schema // compiled before validation starts

	mu    sync.Mutex // guards cache
	cache map[string][]problem
}

// problem is one metaschema violation, relative to the validated piece.
type problem struct{ loc, msg string }

func newValidator() (*validator, error) {
	c := js.NewCompiler()
	c.Draft = js.Draft2020
	// Assert the metaschemas' formats in every draft, so that an invalid
	// regular expression in pattern or patternProperties is rejected in
	// 2019-09 and 2020-12 as well, where format is otherwise an annotation.
	c.AssertFormat = true
	// Metaschemas are built in; nothing is ever loaded.
	c.LoadURL = func(u string) (io.ReadCloser, error) { return nil, fmt.Errorf("%s: not available offline", u) }
	va := &validator{c: c, metas: map[int]*js.Schema{}, cache: map[string][]problem{}}
	for draft, u := range metaURLs {
		meta, err := c.Compile(u)
		if err != nil {
			return nil, fmt.Errorf("compile the draft %d metaschema: %w", draft, err)
		}
		va.metas[draft] = meta
	}
	return va, nil
}

// piece is a subschema validated on its own.
type piece struct {
	v   *value
	ptr string
}

// validateAll validates every document the loader read (compared files and
// the files they refer to), but those in skip and those that already have
// problems.
func (va *validator) validateAll(l *loader, skip map[string]bool) {
	bad := map[string]bool{}
	for _, d := range l.diags {
		bad[d.File] = true
	}
	var urls []string
	for u := range l.docs {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	for _, u := range urls {
		if d := l.docs[u]; !bad[d.file] && !skip[u] {
			va.validate(l, d)
		}
	}
}

func (va *validator) validate(l *loader, d *document) {
	meta := va.metas[d.draft]
	if meta == nil {
		l.diag(d.file, pos{}, "no metaschema for draft %d", d.draft)
		return
	}
	queue := []piece{{d.root, ""}}
	var key strings.Builder
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		key.Reset()
		key.WriteString(metaURLs[d.draft])
		key.WriteByte(0)
		queue = writePiece(&key, p.v, true, 0, p.ptr, queue)
		k := key.String()
		va.mu.Lock()
		problems, done := va.cache[k]
		va.mu.Unlock()
		if !done {
			problems = check(meta, toInstance(p.v, true, 0))
			va.mu.Lock()
			va.cache[k] = problems
			va.mu.Unlock()
		}
		for _, pr := range problems {
			where := p.ptr + pr.loc
			msg := fmt.Sprintf("invalid schema at %s: %s", cmp.Or(where, "/"), pr.msg)
			if d.detected != "" {
				msg += " (" + d.detected + "; set draft: or $schema to read it otherwise)"
			}
			l.diag(d.file, pointerPos(d.root, where), "%s", msg)
		}
	}
}

func check(meta *js.Schema, inst any) []problem {
	err := meta.Validate(inst)
	if err == nil {
		return nil
	}
	var ve *js.ValidationError
	if !errors.As(err, &ve) {
		return []problem{{"", err.Error()}}
	}
	var out []problem
	for _, leaf := range leaves(ve) {
		out = append(out, problem{leaf.InstanceLocation, leaf.Message})
	}
	return out
}

func leaves(ve *js.ValidationError) []*js.ValidationError {
	if len(ve.Causes) == 0 {
		return []*js.ValidationError{ve}
	}
	var out []*js.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// Keywords whose value is a schema, a map of schemas, or an array of
// schemas.
var (
	schemaValued = map[string]bool{"items": true, "additionalItems": true, "additionalProperties": true,
		"not": true, "if": true, "then": true, "else": true, "contains": true, "propertyNames": true,
		"unevaluatedProperties": true, "unevaluatedItems": true, "contentSchema": true}
	schemaMaps = map[string]bool{"properties": true, "patternProperties": true, "$defs": true,
		"definitions": true, "dependentSchemas": true, "dependencies": true}
	schemaArrays = map[string]bool{"allOf": true, "anyOf": true, "oneOf": true, "prefixItems": true, "items": true}
)

// childKinds tells what the value of keyword key of a schema object holds:
// a schema, a map of schemas, or an array of schemas.
func childKinds(key string, v *value) (single, mapOf, arrayOf bool) {
	switch {
	case schemaArrays[key] && v.Kind == vArray:
		return false, false, true
	case schemaValued[key]:
		return true, false, false
	case schemaMaps[key] && v.Kind == vObject:
		return false, true, false
	}
	return false, false, false
}

// writePiece writes the canonical text of the piece at v (its object
// subschemas as {}) to b, for the cache key, and queues those subschemas.
func writePiece(b *strings.Builder, v *value, isSchema bool, depth int, ptr string, queue []piece) []piece {
	if isSchema && depth > 0 && v.Kind == vObject {
		b.WriteString("{}")
		return append(queue, piece{v, ptr})
	}
	switch v.Kind {
	case vArray:
		b.WriteByte('[')
		for i, e := range v.Arr {
			if i > 0 {
				b.WriteByte(',')
			}
			queue = writePiece(b, e, false, depth+1, "", queue)
		}
		b.WriteByte(']')
		return queue
	case vObject:
	default:
		writeCanonical(b, v)
		return queue
	}
	b.WriteByte('{')
	for i, m := range v.Members {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, m.Key)
		b.WriteByte(':')
		single, mapOf, arrayOf := false, false, false
		if isSchema {
			single, mapOf, arrayOf = childKinds(m.Key, m.Value)
		}
		p := ""
		if single || mapOf || arrayOf {
			p = ptr + "/" + escapePtr(m.Key)
		}
		switch {
		case arrayOf:
			b.WriteByte('[')
			for j, e := range m.Value.Arr {
				if j > 0 {
					b.WriteByte(',')
				}
				queue = writePiece(b, e, true, depth+1, p+"/"+strconv.Itoa(j), queue)
			}
			b.WriteByte(']')
		case single:
			queue = writePiece(b, m.Value, true, depth+1, p, queue)
		case mapOf:
			b.WriteByte('{')
			for j, e := range m.Value.Members {
				if j > 0 {
					b.WriteByte(',')
				}
				writeString(b, e.Key)
				b.WriteByte(':')
				queue = writePiece(b, e.Value, e.Value.Kind != vArray, depth+1, p+"/"+escapePtr(e.Key), queue)
			}
			b.WriteByte('}')
		default:
			queue = writePiece(b, m.Value, false, depth+1, "", queue)
		}
	}
	b.WriteByte('}')
	return queue
}

// toInstance converts the piece at v for validation, its object
// subschemas replaced by {}.
func toInstance(v *value, isSchema bool, depth int) any {
	if isSchema && depth > 0 && v.Kind == vObject {
		return map[string]any{}
	}
	switch v.Kind {
	case vNull:
		return nil
	case vBool:
		return v.Bool
	case vNumber:
		return json.Number(validationNumber(v.Str))
	case vString:
		return v.Str
	case vArray:
		out := make([]any, len(v.Arr))
		for i, e := range v.Arr {
			out[i] = toInstance(e, false, depth+1)
		}
		return out
	}
	out := make(map[string]any, len(v.Members))
	for _, m := range v.Members {
		single, mapOf, arrayOf := false, false, false
		if isSchema {
			single, mapOf, arrayOf = childKinds(m.Key, m.Value)
		}
		switch {
		case arrayOf:
			arr := make([]any, len(m.Value.Arr))
			for i, e := range m.Value.Arr {
				arr[i] = toInstance(e, true, depth+1)
			}
			out[m.Key] = arr
		case single:
			out[m.Key] = toInstance(m.Value, true, depth+1)
		case mapOf:
			sub := make(map[string]any, len(m.Value.Members))
			for _, e := range m.Value.Members {
				sub[e.Key] = toInstance(e.Value, e.Value.Kind != vArray, depth+1)
			}
			out[m.Key] = sub
		default:
			out[m.Key] = toInstance(m.Value, false, depth+1)
		}
	}
	return out
}
