package schemaregistry

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/contractlint/contractlint/contract"
)

// States of a version in a status report.
const (
	// InSync: registered and tagged, with the same content.
	InSync = "in_sync"
	// TaggedNotRegistered: a release no registry version holds.
	TaggedNotRegistered = "tagged_not_registered"
	// RegisteredNotTagged: a registry version no release has.
	RegisteredNotTagged = "registered_not_tagged"
	// ContentDiffers: the registry version's metadata names a release whose
	// tagged content is different.
	ContentDiffers = "content_differs"
	// Unreadable: a release that cannot be read as a registry schema.
	Unreadable = "unreadable"
)

// StatusReport is what `contractlint registry status` reports.
type StatusReport struct {
	// Registry is the registry's URL, without credentials.
	Registry string `json:"registry"`
	// Drift is true when any contract's tags and versions disagree.
	Drift     bool             `json:"drift"`
	Contracts []ContractStatus `json:"contracts"`
}

// ContractStatus is one contract's releases against its subject.
type ContractStatus struct {
	// Name is the contract's; Subject its registry subject.
	Name    string `json:"name"`
	Subject string `json:"subject"`
	// Level is the subject's compatibility level in the registry.
	Level string `json:"compatibility_level,omitempty"`
	// MappedBy says how registry versions were matched with releases.
	MappedBy string `json:"mapped_by"`
	// Drift is true when a version is not in sync; Versions lists releases
	// and registry versions, paired where they match, in release order.
	Drift    bool            `json:"drift"`
	Versions []VersionStatus `json:"versions"`
	// Error says why the contract could not be compared.
	Error string `json:"error,omitempty"`
}

// VersionStatus is one release, one registry version, or a pair of them.
type VersionStatus struct {
	// Version and Tag are the release's (empty for a registry version no
	// release has); RegistryVersion and SchemaID the registry's (zero for
	// a release not registered); State one of the states above; Note why.
	Version         string `json:"version,omitempty"`
	Tag             string `json:"tag,omitempty"`
	RegistryVersion int    `json:"registry_version,omitempty"`
	SchemaID        int    `json:"schema_id,omitempty"`
	State           string `json:"state"`
	Note            string `json:"note,omitempty"`
}

// Status compares each contract's releases with its subject's versions.
// Contracts that cannot be compared carry their error, which is also
// returned (joined) so that the command fails.
func (s *Source) Status(ctx context.Context, contracts []*contract.Contract) (*StatusReport, error) {
	rep := &StatusReport{Registry: s.Fetch.Client.URL(), Contracts: []ContractStatus{}}
	var errs []error
	for _, c := range contracts {
		cs, err := s.status(ctx, c)
		if err != nil {
			cs.Error = err.Error()
			cs.Drift = true
			errs = append(errs, fmt.Errorf("contract %s: %w", c.Name, err))
		}
		rep.Drift = rep.Drift || cs.Drift
		rep.Contracts = append(rep.Contracts, cs)
	}
	return rep, joinErrs(errs)
}

func (s *Source) status(ctx context.Context, c *contract.Contract) (ContractStatus, error) {
	cs := ContractStatus{Name: c.Name, Subject: c.Subject(), MappedBy: s.mappedBy(), Versions: []VersionStatus{}}
	if err := s.needTags("registry status"); err != nil {
		return cs, err
	}
	level, err := s.Fetch.Client.Level(ctx, cs.Subject)
	if err != nil {
		return cs, err
	}
	cs.Level = level
	p, err := s.pair(ctx, c)
	if err != nil {
		return cs, err
	}
	cs.Versions = p.versions
	for _, v := range cs.Versions {
		cs.Drift = cs.Drift || v.State != InSync
	}
	return cs, nil
}

func (s *Source) mappedBy() string {
	if s.VersionProperty != "" {
		return "metadata property " + s.VersionProperty + ", else content"
	}
	return "content"
}

// pairing is a contract's releases matched with its registry versions.
type pairing struct {
	entries  []*Entry
	releases []*Release
	versions []VersionStatus
	// registered holds the releases some registry version holds, by version.
	registered map[string]bool
}

func (s *Source) pair(ctx context.Context, c *contract.Contract) (*pairing, error) {
	entries, err := s.Entries(ctx, c, false)
	if err != nil {
		return nil, err
	}
	releases, err := s.Releases(ctx, c)
	if err != nil {
		return nil, err
	}
	p := &pairing{entries: entries, releases: releases, registered: map[string]bool{}}
	byVersion := map[string]*Release{}
	for _, r := range releases {
		byVersion[r.Version.String()] = r
	}
	for _, e := range entries {
		vs := VersionStatus{RegistryVersion: e.Schema.Version, SchemaID: e.Schema.ID}
		switch {
		case e.Release == nil:
			vs.State = RegisteredNotTagged
			vs.Note = "no release has this content"
		default:
			vs.Version, vs.Tag = e.Release.String(), e.Tag
			r := byVersion[vs.Version]
			switch {
			case r == nil:
				vs.State = RegisteredNotTagged
				vs.Note = "the " + e.By + " says " + vs.Version + ", which no tag releases"
			case r.Err == nil && r.Key != e.Key && strings.HasPrefix(e.By, "metadata"):
				vs.State = ContentDiffers
				vs.Note = "the " + e.By + " says " + vs.Version + ", but tag " + r.Tag + " holds other content"
			default:
				vs.State = InSync
				p.registered[vs.Version] = true
				if e.By != "content" {
					vs.Note = "by " + e.By
				}
			}
		}
		p.versions = append(p.versions, vs)
	}
	for _, r := range releases {
		if p.registered[r.Version.String()] || slices.ContainsFunc(p.versions, func(v VersionStatus) bool { return v.Version == r.Version.String() }) {
			continue
		}
		vs := VersionStatus{Version: r.Version.String(), Tag: r.Tag, State: TaggedNotRegistered}
		if r.Err != nil {
			vs.State, vs.Note = Unreadable, r.Err.Error()
		}
		// A release with the same content as a registered one (nothing in
		// the contract changed) is registered too.
		for _, e := range entries {
			if r.Err == nil && e.Key == r.Key {
				vs.State, vs.RegistryVersion, vs.SchemaID = InSync, e.Schema.Version, e.Schema.ID
				vs.Note = "same content as registry v" + strconv.Itoa(e.Schema.Version)
				p.registered[vs.Version] = true
			}
		}
		p.versions = append(p.versions, vs)
	}
	slices.SortStableFunc(p.versions, func(a, b VersionStatus) int {
		if a.Version != "" && b.Version != "" {
			va, _ := contract.ParseVersion(a.Version)
			vb, _ := contract.ParseVersion(b.Version)
			if c := va.Compare(vb); c != 0 {
				return c
			}
		}
		// Untagged registry versions go by registry version, after the
		// releases registered before them.
		return cmp.Compare(regOrder(a), regOrder(b))
	})
	return p, nil
}

func regOrder(v VersionStatus) int {
	if v.RegistryVersion == 0 {
		return 1 << 30
	}
	return v.RegistryVersion
}

// describeState says a state in words.
func describeState(state string) string {
	switch state {
	case InSync:
		return "registered and tagged"
	case TaggedNotRegistered:
		return "tagged, not registered"
	case RegisteredNotTagged:
		return "registered, not tagged"
	case ContentDiffers:
		return "content differs"
	case Unreadable:
		return "unreadable"
	}
	return state
}

// WriteText writes the report for a terminal.
func (r *StatusReport) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "schema registry %s\n", r.Registry)
	for _, c := range r.Contracts {
		fmt.Fprintf(&b, "%s → subject %s", c.Name, c.Subject)
		if c.Level != "" {
			fmt.Fprintf(&b, " (level %s)", c.Level)
		}
		fmt.Fprintf(&b, ", versions mapped by %s\n", c.MappedBy)
		if c.Error != "" {
			fmt.Fprintf(&b, "  error: %s\n", c.Error)
		}
		if len(c.Versions) == 0 && c.Error == "" {
			b.WriteString("  nothing tagged or registered\n")
		}
		for _, v := range c.Versions {
			fmt.Fprintf(&b, "  %-24s %s", describeState(v.State)+":", versionLabel(v))
			if v.Note != "" {
				fmt.Fprintf(&b, " — %s", v.Note)
			}
			b.WriteByte('\n')
		}
	}
	if r.Drift {
		b.WriteString("drift: git tags and the registry disagree\n")
	} else {
		b.WriteString("in sync\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func versionLabel(v VersionStatus) string {
	var parts []string
	if v.Version != "" {
		s := v.Version
		if v.Tag != "" {
			s += " (tag " + v.Tag + ")"
		}
		parts = append(parts, s)
	}
	if v.RegistryVersion != 0 {
		parts = append(parts, fmt.Sprintf("registry v%d (id %d)", v.RegistryVersion, v.SchemaID))
	}
	return strings.Join(parts, " = ")
}

// WriteJSON writes the report as indented JSON with snake_case keys.
func (r *StatusReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteMarkdown writes the report as Markdown: one table per contract.
func (r *StatusReport) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	verdict := "in sync"
	if r.Drift {
		verdict = "drift"
	}
	fmt.Fprintf(&b, "## Schema registry status: %s\n\nRegistry: `%s`\n", verdict, r.Registry)
	for _, c := range r.Contracts {
		fmt.Fprintf(&b, "\n### %s → `%s`\n\n", mdEscape(c.Name), c.Subject)
		if c.Level != "" {
			fmt.Fprintf(&b, "Compatibility level %s; versions mapped by %s.\n\n", c.Level, c.MappedBy)
		}
		if c.Error != "" {
			fmt.Fprintf(&b, "**Error:** %s\n\n", mdEscape(c.Error))
			continue
		}
		b.WriteString("| Release | Tag | Registry version | Schema ID | State | Note |\n|---|---|---|---|---|---|\n")
		for _, v := range c.Versions {
			reg, id := "", ""
			if v.RegistryVersion != 0 {
				reg, id = fmt.Sprint(v.RegistryVersion), fmt.Sprint(v.SchemaID)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", v.Version, mdEscape(v.Tag), reg, id, describeState(v.State), mdEscape(v.Note))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}
