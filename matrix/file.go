package matrix

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/internal/doc"
	"github.com/contractlint/contractlint/internal/safefile"
	"github.com/contractlint/contractlint/schemas"
)

// DefaultFile is the matrix file's default path, relative to the
// configuration file's directory.
const DefaultFile = "contract-matrix.yaml"

// SchemaURL is where editors find the matrix file's schema.
const SchemaURL = "https://raw.githubusercontent.com/contractlint/contractlint/main/schemas/matrix.schema.json"

// Format is the version of the matrix file format Marshal writes. Format 1
// keyed a published version by its tag's commit, so tagging committed
// content made the file stale; format 2 keys every version by its content.
const Format = 2

const header = `# The producer/consumer compatibility matrix, written by "contractlint matrix update".
# Do not edit by hand: "matrix verify", "check" and "can-i-deploy" recompute every
# cell from the contracts and report any cell of this file that differs; every
# cell also carries a checksum, so a hand-edited file is reported with its line.
# yaml-language-server: $schema=` + SchemaURL + "\n"

// Marshal renders m as the matrix file: deterministic, sorted, one cell,
// verdict and deployment per line so that parallel changes merge cleanly.
func Marshal(m *Matrix) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	format := m.Format
	if format == 0 {
		format = Format
	}
	fmt.Fprintf(&b, "format: %d\n", format)
	if len(m.Contracts) == 0 {
		b.WriteString("contracts: {}\n")
	} else {
		b.WriteString("contracts:\n")
	}
	for _, c := range m.Contracts {
		fmt.Fprintf(&b, "  %s:\n", key(c.Name))
		fmt.Fprintf(&b, "    fingerprint: %s\n", quote(c.Fingerprint))
		if len(c.Versions) == 0 {
			b.WriteString("    versions: {}\n")
		} else {
			b.WriteString("    versions:\n")
		}
		for _, v := range c.Versions {
			fmt.Fprintf(&b, "      %s: %s\n", quote(v.Version), quote(v.Hash))
		}
		writeParties(&b, "producers", "emits", c.Producers)
		writeParties(&b, "consumers", "reads", c.Consumers)
		if len(c.Cells) > 0 {
			b.WriteString("    cells:\n")
		}
		for _, cell := range c.Cells {
			fmt.Fprintf(&b, "      - {writer: %s, reader: %s, status: %s", quote(cell.Writer), quote(cell.Reader), cell.Status)
			if len(cell.Findings) > 0 {
				b.WriteString(", findings: [")
				for i, f := range cell.Findings {
					if i > 0 {
						b.WriteString(", ")
					}
					fmt.Fprintf(&b, "{rule: %s", key(f.Rule))
					if f.Levels != 0 {
						fmt.Fprintf(&b, ", breaks: [%s]", strings.Join(f.Levels.Names(), ", "))
					}
					fmt.Fprintf(&b, ", file: %s", quote(f.File))
					if f.Line > 0 {
						fmt.Fprintf(&b, ", line: %d", f.Line)
					}
					if f.Column > 0 {
						fmt.Fprintf(&b, ", column: %d", f.Column)
					}
					fmt.Fprintf(&b, ", path: %s, message: %s}", quote(f.Path), quote(f.Message))
				}
				b.WriteString("]")
			}
			if cell.Reason != "" {
				fmt.Fprintf(&b, ", reason: %s", quote(cell.Reason))
			}
			fmt.Fprintf(&b, ", sum: %s}\n", quote(cellSum(c, cell)))
		}
		if len(c.Verdicts) > 0 {
			b.WriteString("    verdicts:\n")
		}
		for _, v := range c.Verdicts {
			fmt.Fprintf(&b, "      - {consumer: %s, writer: %s, status: %s", key(v.Consumer), quote(v.Writer), v.Status)
			if v.Reader != "" {
				fmt.Fprintf(&b, ", reader: %s", quote(v.Reader))
			}
			if v.Reason != "" {
				fmt.Fprintf(&b, ", reason: %s", quote(v.Reason))
			}
			b.WriteString("}\n")
		}
	}
	if len(m.Deployments) > 0 {
		b.WriteString("deployments:\n")
	}
	for _, d := range m.Deployments {
		fmt.Fprintf(&b, "  - {environment: %s, service: %s, version: %s", key(d.Environment), key(d.Service), quote(d.Version))
		writeUses(&b, "emits", d.Emits)
		writeUses(&b, "reads", d.Reads)
		b.WriteString("}\n")
	}
	return b.Bytes()
}

func writeParties(b *bytes.Buffer, section, verb string, parties []Party) {
	if len(parties) == 0 {
		return
	}
	fmt.Fprintf(b, "    %s:\n", section)
	for _, p := range parties {
		fmt.Fprintf(b, "      %s: {%s: %s", key(p.Service), verb, specText(p.Spec))
		if r := ReadsName(p.Reads); r != "" {
			fmt.Fprintf(b, ", encodings: %s", r)
		}
		if p.Compiles {
			b.WriteString(", compiles: true")
		}
		fmt.Fprintf(b, ", versions: [%s]}\n", quoteList(p.Versions))
	}
}

func writeUses(b *bytes.Buffer, verb string, uses []Use) {
	if len(uses) == 0 {
		return
	}
	fmt.Fprintf(b, ", %s: {", verb)
	for i, u := range uses {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "%s: ", key(u.Contract))
		r := ReadsName(u.Reads)
		if r == "" && !u.Compiles {
			b.WriteString(specText(u.Spec))
			continue
		}
		// What a consumer depends on, as its party in a contract says it.
		fmt.Fprintf(b, "{%s: %s", verb, specText(u.Spec))
		if r != "" {
			fmt.Fprintf(b, ", encodings: %s", r)
		}
		if u.Compiles {
			b.WriteString(", compiles: true")
		}
		b.WriteString("}")
	}
	b.WriteString("}")
}

func specText(s Spec) string {
	if len(s.Items) > 1 {
		return "[" + quoteList(s.Items) + "]"
	}
	return quote(s.Text)
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return strings.Join(q, ", ")
}

// quote writes s as a double-quoted YAML scalar (JSON's escaping is valid
// YAML).
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

var bareKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// key writes a name bare when YAML reads it back as the same string.
func key(s string) string {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
		return quote(s)
	}
	if bareKey.MatchString(s) {
		return s
	}
	return quote(s)
}

// cellSum is a cell's checksum: its outcome together with everything it was
// computed from, so that a hand edit of a cell, of a version's hash or of
// the fingerprint shows.
func cellSum(c *Contract, cell Cell) string {
	h := sha256.New()
	wh, _ := c.hash(cell.Writer)
	rh, _ := c.hash(cell.Reader)
	for _, s := range []string{c.Name, c.Fingerprint, cell.Writer, wh, cell.Reader, rh, string(cell.Status), cell.Reason} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, f := range cell.Findings {
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00%d\x00%s\x00%s\x00", f.Rule, f.File, f.Line, f.Column, f.Path, f.Message)
		if f.Levels != 0 {
			fmt.Fprintf(h, "levels %d\x00", f.Levels)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// FileError is a problem with a matrix file, at a line.
type FileError struct {
	File    string
	Line    int
	Message string
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Message)
}

// Parse reads a matrix file strictly: YAML syntax, then the schema, then
// every checksum and derived row, then that the file is exactly what
// Marshal writes. Any problem is a *FileError naming the line.
func Parse(file string, data []byte) (*Matrix, error) {
	ferr := func(line int, format string, args ...any) error {
		return &FileError{File: file, Line: line, Message: fmt.Sprintf(format, args...)}
	}
	corrupt := func(err error) error {
		e := doc.All(err)[0]
		return ferr(e.Pos.Line, "corrupt matrix file: %s", e.Msg)
	}
	top, err := doc.DecodeYAML(data, doc.Options{What: "a matrix file"})
	if err != nil {
		return nil, corrupt(err)
	}
	if top == nil || len(top.Content) == 0 {
		return nil, ferr(1, "corrupt matrix file: it is empty")
	}
	root := top.Content[0]
	// The common case, a file exactly as Marshal writes it, is schema-valid
	// by construction; only a file that is not gets the (slower) schema
	// validation, for a precise message.
	m, derr := decodeFile(root)
	if derr == nil {
		if want := Marshal(m); bytes.Equal(want, data) {
			return m, nil
		}
	}
	// Anchors, aliases and tags other than the core ones are not part of
	// the format.
	v, err := doc.FromYAML(root, doc.Options{NoAliases: true})
	if err != nil {
		return nil, corrupt(err)
	}
	s, err := schemas.Compile("matrix.schema.json", schemas.Matrix)
	if err != nil {
		return nil, fmt.Errorf("matrix schema: %w", err)
	}
	if err := s.Validate(v.Interface()); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			leaf := leafError(ve)
			return nil, ferr(v.Locate(leaf.InstanceLocation).Line, "corrupt matrix file: at %s: %s", pointerOr(leaf.InstanceLocation), leaf.Message)
		}
		return nil, ferr(0, "corrupt matrix file: %v", err)
	}
	if derr != nil {
		return nil, derr.(*FileError).in(file)
	}
	line, got, exp := firstDiff(data, Marshal(m))
	return nil, ferr(line, "hand-edited or merged matrix file: line reads %q, contractlint writes %q; run `contractlint matrix update --force` to rewrite it", got, exp)
}

func (e *FileError) in(file string) *FileError {
	e.File = file
	return e
}

func pointerOr(p string) string {
	if p == "" {
		return "the top level"
	}
	return p
}

// leafError descends to the first deepest cause, the most specific message.
func leafError(ve *jsonschema.ValidationError) *jsonschema.ValidationError {
	for len(ve.Causes) > 0 {
		ve = ve.Causes[0]
	}
	return ve
}

// field returns the value node of key in a mapping node, or nil.
func field(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// get is field for decoding a file that may not be schema-valid: a missing
// key is an empty node, so that decoding never panics.
func get(n *yaml.Node, key string) *yaml.Node {
	if v := field(n, key); v != nil {
		return v
	}
	return &yaml.Node{}
}

// pairs returns the key/value pairs of a mapping node; none for anything
// else.
func pairs(n *yaml.Node) [][2]*yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	out := make([][2]*yaml.Node, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return out
}

// items returns the items of a sequence node; none for anything else.
func items(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

func stringsOf(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	var out []string
	for _, c := range items(n) {
		out = append(out, c.Value)
	}
	return out
}

// deployedUse decodes one contract of a deployment record: a declaration,
// or (what a consumer reads) {reads: declaration, encodings: ..., compiles:
// true}, as Marshal writes it when the consumer declared either.
func (d *decoder) deployedUse(verb, contract string, n *yaml.Node) (Use, error) {
	u := Use{Contract: contract}
	spec := n
	if n.Kind == yaml.MappingNode {
		spec = get(n, verb)
		if e := get(n, "encodings").Value; e != "" {
			r, err := ParseReads(e)
			if err != nil {
				return u, fmt.Errorf("encodings: %w", err)
			}
			u.Reads = r
		}
		u.Compiles = get(n, "compiles").Value == "true"
	}
	var err error
	u.Spec, err = d.specOf(spec)
	return u, err
}

func (d *decoder) specOf(n *yaml.Node) (Spec, error) {
	k := strings.Join(stringsOf(n), "\x00")
	if s, ok := d.specs[k]; ok && n.Kind == yaml.ScalarNode == (len(s.Items) == 1) {
		return s, nil
	}
	var s Spec
	var err error
	if n.Kind == yaml.ScalarNode {
		s, err = ParseSpec(n.Value)
	} else {
		s, err = ParseSpecList(stringsOf(n))
	}
	if err != nil {
		return Spec{}, err
	}
	return d.intern(s), nil
}

// decodeFile decodes a schema-valid matrix document and checks it against
// itself: checksums, resolved versions and verdicts.
func decodeFile(root *yaml.Node) (*Matrix, error) {
	bad := func(n *yaml.Node, format string, args ...any) error {
		return &FileError{Line: n.Line, Message: fmt.Sprintf(format, args...)}
	}
	m := &Matrix{}
	m.Format, _ = strconv.Atoi(get(root, "format").Value)
	dec := &decoder{}
	for _, kv := range pairs(field(root, "contracts")) {
		kn, cn := kv[0], kv[1]
		c := &Contract{Name: kn.Value, Fingerprint: get(cn, "fingerprint").Value}
		for _, v := range pairs(field(cn, "versions")) {
			c.Versions = append(c.Versions, VersionInfo{Version: v[0].Value, Hash: v[1].Value})
		}
		for _, sec := range []struct {
			name, verb string
			dst        *[]Party
		}{{"producers", "emits", &c.Producers}, {"consumers", "reads", &c.Consumers}} {
			for _, p := range pairs(field(cn, sec.name)) {
				spec, err := dec.specOf(get(p[1], sec.verb))
				if err != nil {
					return nil, bad(p[1], "%s: %s: %v", c.Name, p[0].Value, err)
				}
				party := Party{Service: p[0].Value, Spec: spec, Versions: stringsOf(field(p[1], "versions"))}
				if e := get(p[1], "encodings").Value; e != "" {
					if party.Reads, err = ParseReads(e); err != nil {
						return nil, bad(p[1], "%s: %s: encodings: %v", c.Name, p[0].Value, err)
					}
				}
				party.Compiles = get(p[1], "compiles").Value == "true"
				*sec.dst = append(*sec.dst, party)
			}
		}
		// The resolved versions must be what the declarations resolve to.
		parties := slices.Concat(c.Producers, c.Consumers)
		c.deriveParties()
		for j, p := range slices.Concat(c.Producers, c.Consumers) {
			if !slices.Equal(p.Versions, parties[j].Versions) {
				return nil, bad(cn, "%s: %s: versions %v do not match its declaration %s (want %v); the file was edited by hand", c.Name, p.Service, parties[j].Versions, p.Spec, p.Versions)
			}
		}
		for _, n := range items(field(cn, "cells")) {
			cell := Cell{
				Writer: get(n, "writer").Value,
				Reader: get(n, "reader").Value,
				Status: Status(get(n, "status").Value),
				Reason: get(n, "reason").Value,
			}
			for _, fn := range items(field(n, "findings")) {
				f := checks.Finding{Rule: get(fn, "rule").Value, File: get(fn, "file").Value,
					Path: get(fn, "path").Value, Message: get(fn, "message").Value}
				f.Line, _ = strconv.Atoi(get(fn, "line").Value)
				f.Column, _ = strconv.Atoi(get(fn, "column").Value)
				if b := field(fn, "breaks"); b != nil {
					l, err := checks.ParseLevels(strings.Join(stringsOf(b), ","))
					if err != nil {
						return nil, bad(fn, "%s: cell %s → %s: %v", c.Name, cell.Writer, cell.Reader, err)
					}
					f.Levels = l
				}
				cell.Findings = append(cell.Findings, f)
			}
			if sum := get(n, "sum").Value; sum != cellSum(c, cell) {
				return nil, bad(n, "%s: cell %s → %s does not match its checksum; the file was edited by hand", c.Name, cell.Writer, cell.Reader)
			}
			for i, f := range cell.Findings {
				if f.Levels == 0 {
					// Written before findings named their levels: such a
					// cell listed the findings that break data.
					cell.Findings[i].Levels = checks.Data
				}
			}
			c.Cells = append(c.Cells, cell)
		}
		c.deriveVerdicts()
		var got []Verdict
		var lines []int
		for _, n := range items(field(cn, "verdicts")) {
			got = append(got, Verdict{Consumer: get(n, "consumer").Value, Writer: get(n, "writer").Value,
				Status: Status(get(n, "status").Value), Reader: get(n, "reader").Value, Reason: get(n, "reason").Value})
			lines = append(lines, n.Line)
		}
		for j := range max(len(got), len(c.Verdicts)) {
			switch {
			case j >= len(got):
				return nil, bad(cn, "%s: verdict of %s for %s is missing; the file was edited by hand", c.Name, c.Verdicts[j].Consumer, c.Verdicts[j].Writer)
			case j >= len(c.Verdicts) || got[j] != c.Verdicts[j]:
				return nil, &FileError{Line: lines[j], Message: fmt.Sprintf("%s: verdict of %s for %s does not follow from the cells; the file was edited by hand", c.Name, got[j].Consumer, got[j].Writer)}
			}
		}
		m.Contracts = append(m.Contracts, c)
	}
	for _, n := range items(field(root, "deployments")) {
		d := Deployment{Environment: get(n, "environment").Value, Service: get(n, "service").Value, Version: get(n, "version").Value}
		for _, sec := range []struct {
			name string
			dst  *[]Use
		}{{"emits", &d.Emits}, {"reads", &d.Reads}} {
			for _, u := range pairs(field(n, sec.name)) {
				use, err := dec.deployedUse(sec.name, u[0].Value, u[1])
				if err != nil {
					return nil, bad(u[0], "deployment of %s in %s: %s: %v", d.Service, d.Environment, u[0].Value, err)
				}
				*sec.dst = append(*sec.dst, use)
			}
		}
		m.Deployments = append(m.Deployments, d)
	}
	return m, nil
}

// firstDiff returns the first line (1-based) where got and want differ, and
// both lines.
func firstDiff(got, want []byte) (int, string, string) {
	g := strings.Split(string(got), "\n")
	w := strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return i + 1, trim(gl), trim(wl)
		}
	}
	return 0, "", ""
}

func trim(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}

// ReadFile reads and parses a matrix file under a policy (the file is in
// the tree under review: it must be a regular file whose links stay inside
// the repository). A missing file returns (nil, nil): there is no matrix
// yet.
func ReadFile(path string, p safefile.Policy) (*Matrix, error) {
	data, err := safefile.ReadFile(path, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// WriteFile writes m to path through safefile: atomically (readers and
// concurrent writers only ever see a complete file), keeping the file's
// permissions, never through a symbolic link, never a device or a path in
// .git, and only inside the policy's roots unless it allows otherwise.
func WriteFile(ctx context.Context, path string, m *Matrix, p safefile.Policy) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return safefile.Write(path, Marshal(m), p)
}
