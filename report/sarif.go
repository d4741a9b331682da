package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
)

// SARIFSchemaURI is the SARIF 2.1.0 schema the output declares.
const SARIFSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SARIF renders the report as SARIF 2.1.0, ready for GitHub code scanning:
// one run whose driver describes every rule the findings name (title, the
// rule's Markdown documentation as help, a link to docs/rules.md), one
// result per finding located by a repository-relative URI under %SRCROOT%,
// ignored findings as suppressed results, and partialFingerprints that stay
// stable when lines move.
type SARIF struct {
	// Lookup finds a rule's documentation by ID (registry.Lookup); nil, or a
	// rule it cannot find, yields metadata with the ID alone.
	Lookup func(id string) (*checks.Rule, bool)
	// Prefix is the slash-separated path, relative to the repository root,
	// of the directory findings' files are relative to ("" at the root, else
	// ending in "/"), so that URIs are repository-relative.
	Prefix string
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name,omitempty"`
	ShortDescription     *sarifText        `json:"shortDescription,omitempty"`
	FullDescription      *sarifText        `json:"fullDescription,omitempty"`
	Help                 *sarifText        `json:"help,omitempty"`
	HelpURI              string            `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags       []string `json:"tags"`
	Impact     string   `json:"impact,omitempty"`
	Breaks     []string `json:"breaks"`
	Direction  string   `json:"direction,omitempty"`
	Precision  string   `json:"precision"`
	Deprecated string   `json:"deprecatedInFavorOf,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          sarifResultProps   `json:"properties"`
}

type sarifResultProps struct {
	Impact    string       `json:"impact"`
	Breaks    checks.Level `json:"breaks"`
	Direction string       `json:"direction"`
	Contract  string       `json:"contract,omitempty"`
	Path      string       `json:"path,omitempty"`
	Old       string       `json:"old,omitempty"`
	New       string       `json:"new,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
}

// FingerprintKey names contractlint's entry in partialFingerprints.
const FingerprintKey = "contractlintFinding/v1"

// Render implements Renderer.
func (s SARIF) Render(w io.Writer, r *Report) error {
	var ids []string
	for _, f := range r.Findings {
		if !slices.Contains(ids, f.Rule) {
			ids = append(ids, f.Rule)
		}
	}
	slices.Sort(ids)
	driver := sarifDriver{Name: "contractlint", Version: r.Version,
		InformationURI: "https://github.com/contractlint/contractlint", Rules: []sarifRule{}}
	for _, id := range ids {
		driver.Rules = append(driver.Rules, s.rule(id))
	}
	results := []sarifResult{}
	for _, f := range r.Findings {
		res := sarifResult{
			RuleID:              f.Rule,
			RuleIndex:           slices.Index(ids, f.Rule),
			Level:               sarifLevel(f.Impact),
			Message:             sarifText{Text: f.Message},
			PartialFingerprints: map[string]string{FingerprintKey: Fingerprint(f)},
			Properties: sarifResultProps{Impact: f.Impact.String(), Breaks: f.Levels, Direction: f.Breaks.String(),
				Contract: f.Contract, Path: f.Path, Old: f.Old, New: f.New},
		}
		if res.Message.Text == "" {
			res.Message.Text = f.Rule
		}
		if f.File != "" {
			loc := sarifLocation{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: RelativeURI(s.Prefix + f.File), URIBaseID: "%SRCROOT%"},
			}}
			if f.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: f.Line, StartColumn: max(f.Column, 0)}
			}
			if f.Path != "" {
				loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: f.Path}}
			}
			res.Locations = []sarifLocation{loc}
		}
		if f.Ignored != "" {
			res.Suppressions = []sarifSuppression{{Kind: "external", Justification: f.Ignored}}
		}
		results = append(results, res)
	}
	log := sarifLog{
		Schema:  SARIFSchemaURI,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:        sarifTool{Driver: driver},
			Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
			Results:     results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

func (s SARIF) rule(id string) sarifRule {
	sr := sarifRule{ID: id, HelpURI: RulesDocURL + "#" + strings.ToLower(id),
		DefaultConfiguration: sarifRuleConfig{Level: "warning"},
		Properties:           sarifRuleProperty{Tags: []string{"contract"}, Precision: "very-high"}}
	if s.Lookup == nil {
		return sr
	}
	r, ok := s.Lookup(id)
	if !ok {
		return sr
	}
	sr.Name = camel(r.ID)
	sr.ShortDescription = &sarifText{Text: r.Title}
	doc := strings.TrimSpace(r.Doc)
	first, _, _ := strings.Cut(doc, "\n\n")
	sr.FullDescription = &sarifText{Text: strings.Join(strings.Fields(first), " ")}
	sr.Help = &sarifText{Text: doc, Markdown: "**" + r.Title + "**\n\n" + doc}
	sr.DefaultConfiguration.Level = sarifLevel(r.Impact)
	sr.Properties.Tags = append(sr.Properties.Tags, string(r.Format))
	sr.Properties.Tags = append(sr.Properties.Tags, r.Categories...)
	sr.Properties.Impact = r.Impact.String()
	sr.Properties.Breaks = r.Levels.Names()
	sr.Properties.Direction = r.Breaks.String()
	sr.Properties.Deprecated = r.Deprecated
	return sr
}

func sarifLevel(i checks.Impact) string {
	switch i {
	case checks.Major:
		return "error"
	case checks.Minor:
		return "warning"
	case checks.Patch:
		return "note"
	}
	return "none"
}

// camel turns FIELD_NO_DELETE into FieldNoDelete, SARIF's customary rule
// name.
func camel(id string) string {
	var b strings.Builder
	for _, w := range strings.Split(strings.ToLower(id), "_") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// Fingerprint identifies a finding across runs without its line and column,
// so that a change keeps its identity when lines above it move: a hash of
// rule, contract, file, element path and old/new values.
func Fingerprint(f checks.Finding) string {
	h := sha256.New()
	for _, s := range []string{f.Rule, f.Contract, f.File, f.Path, f.Old, f.New} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// RelativeURI turns a slash-separated, repository-relative path into a
// relative URI reference, escaping each segment.
func RelativeURI(p string) string {
	p = strings.TrimPrefix(p, "./")
	segs := strings.Split(p, "/")
	for i, s := range segs {
		// A colon would read as a URI scheme in the first segment.
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}
