package jsonschema

import (
	"errors"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
)

// idSide builds a side whose compared files are only those listed in
// files; the other documents of docs are there to be found.
func idSide(label string, docs map[string]string, files ...string) checks.Side {
	s := mapSide(label, docs)
	s.Files = files
	return s
}

// TestRefsByID: a $ref to a URI that only another file's $id names resolves
// to that file, when only the referring file is compared (as `check`
// compares one contract's files): by mirroring the referring file's layout,
// through configured refs, and by the $id of the files in the search
// roots. Nothing is fetched.
func TestRefsByID(t *testing.T) {
	t.Parallel()
	customer := `{"$id": "https://acme.example/schemas/customer.json", "type": "object",
		"properties": {"address": {"$ref": "%s"}}}`
	address := func(id, typ string) string {
		s := `{"type": "object", "properties": {"zip": {"type": "` + typ + `"}}}`
		if id != "" {
			s = `{"$id": "` + id + `", ` + s[1:]
		}
		return s
	}
	cases := []struct {
		name     string
		ref      string
		addrFile string
		addrID   string
		refs     map[string]string
		roots    []string
		wantErr  string
	}{
		{name: "relative, mirrored", ref: "address.json", addrFile: "schemas/address.json", addrID: "https://acme.example/schemas/address.json"},
		{name: "absolute, mirrored", ref: "https://acme.example/schemas/address.json", addrFile: "schemas/address.json", addrID: "https://acme.example/schemas/address.json"},
		{name: "mirrored, no $id", ref: "common/address.json", addrFile: "schemas/common/address.json"},
		{name: "refs prefix", ref: "https://types.example/v1/address.json", addrFile: "vendor/types/address.json",
			refs: map[string]string{"https://types.example/v1/": "vendor/types"}},
		{name: "search root", ref: "https://types.example/v1/address.json", addrFile: "lib/x/addr.json", addrID: "https://types.example/v1/address.json",
			roots: []string{"lib"}},
		{name: "nested $id in a search root", ref: "https://types.example/v1/address.json", addrFile: "lib/bundle.json",
			roots: []string{"lib"}},
		{name: "not found", ref: "https://types.example/v1/address.json", addrFile: "lib/x/addr.json", addrID: "https://types.example/v1/address.json",
			wantErr: "no local schema has this $id"},
		{name: "mirrored file with another $id", ref: "address.json", addrFile: "schemas/address.json", addrID: "https://elsewhere.example/address.json",
			wantErr: "no local schema has this $id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			side := func(label, typ string) checks.Side {
				docs := map[string]string{"schemas/customer.json": strings.Replace(customer, "%s", tc.ref, 1)}
				if tc.name == "nested $id in a search root" {
					docs[tc.addrFile] = `{"$defs": {"a": ` + address("https://types.example/v1/address.json", typ) + `}}`
				} else {
					docs[tc.addrFile] = address(tc.addrID, typ)
				}
				s := idSide(label, docs, "schemas/customer.json")
				return s
			}
			fs, err := run(t, checks.Request{Old: side("old", "string"), New: side("new", "integer"),
				Options: opts(Options{Refs: tc.refs, SchemaRoots: tc.roots})})
			if tc.wantErr != "" {
				wantInputError(t, err, tc.wantErr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != 1 || fs[0].Rule != TYPE_CHANGED.ID || fs[0].File != tc.addrFile {
				t.Fatalf("got %+v, want one TYPE_CHANGED in %s", fs, tc.addrFile)
			}
		})
	}
}

// TestRefsEscape: a refs directory cannot lead outside the side.
func TestRefsEscape(t *testing.T) {
	t.Parallel()
	side := idSide("new", map[string]string{"s.json": `{"$ref": "https://x.example/a/../../../etc/passwd"}`}, "s.json")
	_, err := run(t, checks.Request{Old: side, New: side, Options: opts(Options{Refs: map[string]string{"https://x.example/a/": "schemas"}})})
	var ie *checks.InputError
	if err == nil || !errors.As(err, &ie) {
		t.Fatalf("got %v, want an input error", err)
	}
}
