package contract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/lifecycle"
	"github.com/contractlint/contractlint/internal/limits"
)

// FileName is the configuration file's name.
const FileName = "contractlint.yaml"

// EnvConfig names the environment variable that overrides where the
// configuration is found.
const EnvConfig = "CONTRACTLINT_CONFIG"

// DefaultTag is the default pattern of the tags that publish a contract.
const DefaultTag = "{name}/v{version}"

// SchemaURL is where editors find the configuration's JSON Schema.
const SchemaURL = "https://raw.githubusercontent.com/contractlint/contractlint/main/schemas/config.schema.json"

// Config is a loaded and validated contractlint.yaml.
type Config struct {
	// File is the configuration's path as given or found.
	File string
	// Contracts in file order; names are unique.
	Contracts []*Contract
	// Registry is the schema registry section; nil when absent.
	Registry *Registry
	// MergeBase, when set (baseline: {merge_base: REF}), makes every entry
	// point (check, the pre-commit hook, the Action) compare with the merge
	// base of HEAD and REF instead of each contract's latest tag.
	MergeBase string
	// Producers, Consumers and Environments are reserved for the
	// compatibility matrix; they hold the decoded YAML mappings, if present.
	Producers, Consumers, Environments map[string]any

	root *yaml.Node
}

// Section returns the YAML node of a top-level key ("producers", ...) with
// its positions, or nil when the key is absent.
func (c *Config) Section(key string) *yaml.Node {
	if c.root == nil {
		return nil
	}
	for i := 0; i+1 < len(c.root.Content); i += 2 {
		if c.root.Content[i].Value == key {
			return c.root.Content[i+1]
		}
	}
	return nil
}

// Registry is the configuration's schema registry section.
type Registry struct {
	// URL is the registry's API root; CONTRACTLINT_REGISTRY_URL overrides it.
	URL string
	// UsernameEnv and PasswordEnv, or BearerEnv, name the environment
	// variables holding the credentials.
	UsernameEnv, PasswordEnv, BearerEnv string
	// VersionProperty names the schema metadata property holding the
	// contract's version; empty maps versions by content only.
	VersionProperty string
	// Where locates the section ("file:line:col").
	Where string
}

// ContractRegistry is where a contract is in the schema registry.
type ContractRegistry struct {
	// Subject is the subject; empty means the contract's name + "-value".
	Subject string
	// File is the contract's file registered as the subject's schema, when
	// the contract has several; empty when it has one.
	File string
	// References maps a reference name to the subject holding it; a name
	// absent here is its own subject.
	References map[string]string
}

// Contract is one contract of the configuration.
type Contract struct {
	Name        string
	Description string
	Format      checks.Format
	// Paths are files, directories or globs, slash-separated, relative to
	// the configuration's directory and never outside it.
	Paths []string
	// Version is the version this revision declares.
	Version Version
	Owner   string
	// Mode is the compatibility mode (default full).
	Mode checks.Mode
	// ModeSet says the configuration sets compatibility (rather than the
	// default, or a schema registry's level, applying).
	ModeSet bool
	// Versioning says whether a source-only break is major (source, the
	// default) or minor (data).
	Versioning checks.Versioning
	// Options are the options of the contract's engine as the
	// configuration sets them, decoded by the engine's package (see
	// decodeOptions): jsonschema.Options (policy, draft, refs,
	// allow_remote_refs, with the top-level jsonschema: section as
	// defaults), protobuf.Options (roots; relative to the configuration's
	// directory); nil for a format whose engine has none.
	Options checks.EngineOptions
	// Use and Except select rules like buf's use/except.
	Use, Except []string
	// Ignores are the configured ignores, each with its reason.
	Ignores []*Ignore
	// Impacts override rules' impacts, by rule ID.
	Impacts map[string]checks.Impact
	// Tag is the pattern of the tags that publish the contract, with {name}
	// and {version} placeholders.
	Tag string
	// Examples are payloads every later version must still accept.
	Examples []Example
	// Deprecation is the deprecation policy the lifecycle rules enforce.
	Deprecation lifecycle.Policy
	// Lifecycle lists lines of versions and when they are deprecated, reach
	// their sunset and are retired.
	Lifecycle []VersionLifecycle
	// Registry says where the contract is in the schema registry.
	Registry ContractRegistry

	file string
	pos  map[string]pos // JSON pointer below the contract → position
}

// Example is a set of example payloads.
type Example struct {
	// Path is a file or glob of payloads.
	Path string
	// Schema is the schema file the payloads are instances of, when the
	// contract has several files; Message the protobuf message.
	Schema, Message string
	// Where locates the entry in the configuration.
	Where string
}

// Where returns "file:line:col" of a key of the contract given as a JSON
// pointer below it ("" for the contract itself, "/version", "/ignores/0").
func (c *Contract) Where(pointer string) string {
	p, ok := c.pos[pointer]
	for !ok && pointer != "" {
		pointer = pointer[:strings.LastIndex(pointer, "/")]
		p, ok = c.pos[pointer]
	}
	return fmt.Sprintf("%s:%d:%d", c.file, p.line, p.col)
}

// Subject returns the contract's schema registry subject: the configured
// one, else its name followed by "-value" (the topic name strategy's value
// subject).
func (c *Contract) Subject() string {
	if c.Registry.Subject != "" {
		return c.Registry.Subject
	}
	return c.Name + "-value"
}

// Find looks for contractlint.yaml in dir and its parents, stopping at the
// top of the git work tree (a directory holding .git) or the file-system
// root.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		p := filepath.Join(d, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return "", fmt.Errorf("no %s in %s or its parents up to the git root; run `contractlint init` to write one, or pass --config", FileName, dir)
}

// Load reads and validates a configuration file within the file-size
// limit of ctx (package limits).
func Load(ctx context.Context, file string) (*Config, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// A configuration is small: one above the file-size limit is refused
	// before it is read.
	if st, err := os.Stat(file); err == nil && st.Mode().IsRegular() {
		if err := limits.CheckFileSize(ctx, file, st.Size()); err != nil {
			return nil, err
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	return Parse(file, data)
}

// Parse validates data, the content of the configuration named file, against
// schemas/config.schema.json and decodes it. Every problem is reported with
// its line and column in one *checks.InputError.
func Parse(file string, data []byte) (*Config, error) {
	d := &decoder{file: file, pos: map[string]pos{}, vpos: map[string]pos{}}
	root, doc := d.parseYAML(data)
	if root == nil && len(d.diags) == 0 {
		return nil, &checks.InputError{Diagnostics: []checks.Diagnostic{{File: file, Line: 1, Column: 1,
			Message: "empty configuration: it needs a contracts: list (see `contractlint init`)"}}}
	}
	if len(d.diags) == 0 {
		d.validate(doc)
	}
	if len(d.diags) > 0 {
		return nil, d.err()
	}
	d.doc = doc
	cfg := d.decode(doc.(map[string]any))
	cfg.root = root
	if len(d.diags) > 0 {
		return nil, d.err()
	}
	return cfg, nil
}
