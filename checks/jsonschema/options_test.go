package jsonschema

import (
	"slices"
	"strings"
	"testing"

	"github.com/contractlint/contractlint/checks"
)

// TestOptionsFlagsAndKeys: flags and configuration keys are decoded and
// checked by the engine; errors name the flag.
func TestOptionsFlagsAndKeys(t *testing.T) {
	t.Parallel()
	o := DefaultOptions()
	if err := o.Decode(map[string]any{"policy": "strict", "draft": "07", "allow_remote_refs": []any{"https://a.example/"},
		"refs": map[string]any{"https://b.example/x/": "./lib"}, "roots": []any{"x"}}, func(p, pointer, what string) string {
		if pointer != "/refs/https:~1~1b.example~1x~1" || what != "refs directory" {
			t.Errorf("dir(%q, %q, %q)", p, pointer, what)
		}
		return "lib"
	}); err != nil {
		t.Fatal(err)
	}
	if o.Policy != Strict || o.Draft != "07" || o.Refs["https://b.example/x/"] != "lib" || len(o.AllowRemoteRefs) != 1 {
		t.Errorf("decoded %+v", o)
	}
	if err := o.SetFlag("allow-remote-ref", "https://c.example/"); err != nil || !slices.Equal(o.AllowRemoteRefs, []string{"https://a.example/", "https://c.example/"}) {
		t.Errorf("--allow-remote-ref: %v %q", err, o.AllowRemoteRefs)
	}
	if err := o.SetFlag("policy", "lenient"); err != nil || o.Policy != Lenient {
		t.Errorf("--policy: %v %s", err, o.Policy)
	}
	for name, want := range map[string]string{"policy": `--policy: unknown policy "loose"`, "draft": `--draft: unknown JSON Schema draft "loose"`} {
		if err := o.SetFlag(name, "loose"); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("--%s loose: %v", name, err)
		}
	}
	if err := o.Validate(); err != nil {
		t.Errorf("valid options: %v", err)
	}
	bad := Options{Policy: "loose"}
	if _, err := New().Diff(t.Context(), checks.Request{Options: []checks.EngineOptions{bad}}); err == nil || !strings.HasPrefix(err.Error(), "policy: unknown policy") {
		t.Errorf("Diff with an unknown policy: %v", err)
	}
}
