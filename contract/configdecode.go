package contract

import (
	"cmp"
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// decoder turns a configuration's YAML into a Config, collecting every
// problem as a diagnostic with its position.
type decoder struct {
	doc   any
	file  string
	pos   map[string]pos // of the key, for a mapping entry
	vpos  map[string]pos // of the value
	diags []checks.Diagnostic
}

func (d *decoder) errorf(p pos, format string, args ...any) {
	d.diags = append(d.diags, checks.Diagnostic{File: d.file, Line: p.line, Column: p.col, Message: fmt.Sprintf(format, args...)})
}

func (d *decoder) err() error {
	slices.SortStableFunc(d.diags, func(a, b checks.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	d.diags = slices.Compact(d.diags)
	return &checks.InputError{Diagnostics: d.diags}
}

// decode builds the Config from a document the schema accepted, and checks
// what the schema cannot: unique names and paths that stay inside the
// repository.
func (d *decoder) decode(doc map[string]any) *Config {
	cfg := &Config{File: d.file}
	cfg.Producers, _ = doc["producers"].(map[string]any)
	cfg.Consumers, _ = doc["consumers"].(map[string]any)
	cfg.Environments, _ = doc["environments"].(map[string]any)
	if b, ok := doc["baseline"].(map[string]any); ok {
		cfg.MergeBase = str(b["merge_base"])
	}
	if reg, ok := doc["registry"].(map[string]any); ok {
		cfg.Registry = &Registry{URL: str(reg["url"]), VersionProperty: str(reg["version_property"]),
			Where: fmt.Sprintf("%s:%d:%d", d.file, d.pos["/registry"].line, d.pos["/registry"].col)}
		if auth, ok := reg["auth"].(map[string]any); ok {
			cfg.Registry.UsernameEnv, cfg.Registry.PasswordEnv = str(auth["username_env"]), str(auth["password_env"])
			cfg.Registry.BearerEnv = str(auth["bearer_env"])
		}
	}
	seen := map[string]string{}
	list, _ := doc["contracts"].([]any)
	// JSON Schema defaults of every contract.
	js, _ := doc["jsonschema"].(map[string]any)
	defaults := d.engineOptions(checks.JSONSchema, nil, js, "/jsonschema", "")
	// Positions by contract, in one pass: "/contracts/3/path" → 3, "/path".
	positions := make([]map[string]pos, len(list))
	for i := range positions {
		positions[i] = map[string]pos{}
	}
	for k, p := range d.pos {
		rest, ok := strings.CutPrefix(k, "/contracts/")
		if !ok {
			continue
		}
		n, sub, _ := strings.Cut(rest, "/")
		if i, err := strconv.Atoi(n); err == nil && i >= 0 && i < len(list) {
			if sub != "" {
				sub = "/" + sub
			}
			positions[i][sub] = p
		}
	}
	for i, item := range list {
		ptr := "/contracts/" + strconv.Itoa(i)
		m := item.(map[string]any)
		c := &Contract{file: d.file, pos: positions[i], Tag: DefaultTag, Mode: checks.ModeFull}
		c.Name = str(m["name"])
		if first, dup := seen[c.Name]; dup {
			d.errorf(d.vpos[ptr+"/name"], "contract name %q is already used at %s", c.Name, first)
		}
		seen[c.Name] = fmt.Sprintf("%s:%d:%d", d.file, d.vpos[ptr+"/name"].line, d.vpos[ptr+"/name"].col)
		c.Description = str(m["description"])
		c.Format, _ = checks.ParseFormat(str(m["format"]))
		switch p := m["path"].(type) {
		case string:
			c.Paths = []string{p}
		case []any:
			for _, x := range p {
				c.Paths = append(c.Paths, str(x))
			}
		}
		for j, p := range c.Paths {
			key := ptr + "/path"
			if _, isList := m["path"].([]any); isList {
				key += "/" + strconv.Itoa(j)
			}
			c.Paths[j] = d.cleanPath(p, key, "path")
		}
		var err error
		if c.Version, err = ParseVersion(str(m["version"])); err != nil {
			d.errorf(d.vpos[ptr+"/version"], "%v", err)
		}
		c.Owner = str(m["owner"])
		c.Options = d.engineOptions(c.Format, defaults, m, ptr, c.Name)
		if s := str(m["compatibility"]); s != "" {
			c.Mode, _ = checks.ParseMode(s)
			c.ModeSet = true
		}
		c.Versioning, _ = checks.ParseVersioning(str(m["versioning"]))
		if reg, ok := m["registry"].(map[string]any); ok {
			c.Registry.Subject = str(reg["subject"])
			c.Registry.File = d.cleanPath(str(reg["file"]), ptr+"/registry/file", "registry file")
			if refs, ok := reg["references"].(map[string]any); ok {
				c.Registry.References = map[string]string{}
				for name, sub := range refs {
					c.Registry.References[name] = str(sub)
				}
			}
		}
		if r, ok := m["rules"].(map[string]any); ok {
			c.Use, c.Except = strs(r["use"]), strs(r["except"])
		}
		if s := str(m["tag"]); s != "" {
			c.Tag = s
		}
		if strings.Count(c.Tag, "{version}") != 1 {
			d.errorf(d.vpos[ptr+"/tag"], "contract %s: tag pattern %q must contain {version} exactly once", c.Name, c.Tag)
		} else if msg := checkTagPattern(c.Tag); msg != "" {
			d.errorf(d.vpos[ptr+"/tag"], "contract %s: tag pattern %q: %s", c.Name, c.Tag, msg)
		}
		if imp, ok := m["impacts"].(map[string]any); ok {
			c.Impacts = map[string]checks.Impact{}
			for rule, v := range imp {
				c.Impacts[rule], _ = checks.ParseImpact(str(v))
			}
		}
		ignores, _ := m["ignores"].([]any)
		for j, x := range ignores {
			ig := x.(map[string]any)
			iptr := ptr + "/ignores/" + strconv.Itoa(j)
			c.Ignores = append(c.Ignores, &Ignore{
				Rule:    str(ig["rule"]),
				Path:    d.cleanPath(str(ig["path"]), iptr+"/path", "ignore path"),
				Element: strings.TrimPrefix(str(ig["element"]), "#"),
				Reason:  strings.TrimSpace(str(ig["reason"])),
				Expires: str(ig["expires"]),
				Owner:   str(ig["owner"]),
				Ticket:  str(ig["ticket"]),
				Where:   c.Where("/ignores/" + strconv.Itoa(j)),
			})
			if msg := checkExpires(str(ig["expires"])); msg != "" {
				d.errorf(d.vpos[iptr+"/expires"], "contract %s: ignore: %s", c.Name, msg)
			}
		}
		if dep, ok := m["deprecation"].(map[string]any); ok {
			c.Deprecation.RequireDeprecation, _ = dep["require"].(bool)
			c.Deprecation.RequireSunset, _ = dep["require_sunset"].(bool)
		}
		d.versionLifecycle(c, m, ptr)
		examples, _ := m["examples"].([]any)
		for j, x := range examples {
			eptr := ptr + "/examples/" + strconv.Itoa(j)
			ex := Example{Where: c.Where("/examples/" + strconv.Itoa(j))}
			switch v := x.(type) {
			case string:
				ex.Path = d.cleanPath(v, eptr, "example")
			case map[string]any:
				ex.Path = d.cleanPath(str(v["path"]), eptr+"/path", "example")
				ex.Schema = d.cleanPath(str(v["schema"]), eptr+"/schema", "example schema")
				ex.Message = str(v["message"])
			}
			c.Examples = append(c.Examples, ex)
		}
		cfg.Contracts = append(cfg.Contracts, c)
	}
	return cfg
}

// engineOptions decodes the options of a format's engine from keys (a
// contract's, at JSON pointer ptr, or the top-level jsonschema: section's)
// on top of base (the top-level defaults; nil for none), through the
// engine's package; see decodeOptions.
func (d *decoder) engineOptions(f checks.Format, base checks.EngineOptions, keys map[string]any, ptr, name string) checks.EngineOptions {
	o, err := decodeOptions(f, base, keys, func(p, pointer, what string) string { return d.cleanPath(p, ptr+pointer, what) })
	if err != nil {
		prefix := ""
		if name != "" {
			prefix = "contract " + name + ": "
		}
		d.errorf(d.vpos[ptr], "%s%v", prefix, err)
	}
	return o
}

// cleanPath checks that a configured path stays inside the configuration's
// directory and returns it cleaned.
func (d *decoder) cleanPath(p, ptr, what string) string {
	what = d.contractPrefix(ptr) + what
	if p == "" {
		return ""
	}
	if strings.Contains(p, `\`) {
		d.errorf(d.vpos[ptr], "%s %q: use forward slashes", what, p)
		return p
	}
	clean := path.Clean(p)
	if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || filepath.IsAbs(p) {
		d.errorf(d.vpos[ptr], "%s %q is outside the repository: paths are relative to the directory of %s and may not leave it", what, p, FileName)
	}
	return clean
}

// contractPrefix returns "contract NAME: " for a pointer inside a contract.
func (d *decoder) contractPrefix(ptr string) string {
	rest, ok := strings.CutPrefix(ptr, "/contracts/")
	if !ok {
		return ""
	}
	i, _, _ := strings.Cut(rest, "/")
	if name, ok := lookup(d.doc, "/contracts/"+i+"/name").(string); ok {
		return "contract " + name + ": "
	}
	return ""
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return ""
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, str(x))
	}
	return out
}
