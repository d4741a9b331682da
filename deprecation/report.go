package deprecation

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/checks/lifecycle"
	"github.com/contractlint/contractlint/contract"
	"github.com/contractlint/contractlint/matrix"
)

// DueWithin is how many days before its sunset an element counts as due.
const DueWithin = 30

// Statuses of an entry, most urgent first.
const (
	Overdue       = "overdue"        // the sunset has passed and the element is still there
	Due           = "due"            // the sunset is at most DueWithin days away
	Scheduled     = "scheduled"      // the sunset is further away
	InvalidSunset = "invalid-sunset" // the sunset does not parse
	NoSunset      = "no-sunset"      // no sunset given
)

var urgency = map[string]int{Overdue: 0, Due: 1, Scheduled: 2, InvalidSunset: 3, NoSunset: 4}

// Contract is what the report reads about one contract.
type Contract struct {
	Name, Owner string
	Format      checks.Format
	// Version is the version the working tree declares.
	Version string
	// Lister lists the elements of a side (the contract's engine).
	Lister checks.ElementLister
	// Options are the engine's options for the contract (its import roots,
	// its $ref directories), so that every version is read as check reads
	// it; nil for the engine's defaults.
	Options checks.EngineOptions
	// Current is the working tree's side.
	Current checks.Side
	// Releases are the published versions, lowest first.
	Releases []Release
	// Consumers are the services declared to read the contract.
	Consumers []Consumer
	// Lines are the contract's version lines with lifecycle dates
	// (contractlint.yaml's lifecycle:); each becomes an entry of kind
	// "versions".
	Lines []contract.VersionLifecycle
	// Err, when set, says why the contract could not be read (its published
	// versions, say); the report names it and holds the others.
	Err error
}

// Release is one published version of a contract.
type Release struct {
	Version string
	// Date is when it was published (YYYY-MM-DD), "" when unknown.
	Date string
	Side checks.Side
}

// Consumer is a service that reads a contract, with the versions it reads.
type Consumer struct {
	Name string
	Spec matrix.Spec
}

// Report is the deprecation report.
type Report struct {
	// AsOf is the date days are counted from (YYYY-MM-DD).
	AsOf   string `json:"as_of"`
	Totals Totals `json:"totals"`
	// Entries are sorted by urgency: overdue first (most overdue first),
	// then by days left, then malformed and missing sunsets.
	Entries []Entry `json:"deprecations"`
	// Errors name the contracts that could not be read; the report holds
	// the others.
	Errors []ContractError `json:"errors"`
	// Ignores are the contracts' ignores with their expiry on AsOf (see
	// contract.ListIgnores): exceptions to the policy that end like sunsets.
	Ignores []contract.IgnoreEntry `json:"ignores"`
}

// ContractError is a contract left out of the report because it could not
// be read.
type ContractError struct {
	Contract string `json:"contract"`
	Message  string `json:"message"`
}

// Err returns the report's contract errors as one error, or nil.
func (r *Report) Err() error {
	if len(r.Errors) == 0 {
		return nil
	}
	var msgs []string
	for _, e := range r.Errors {
		msgs = append(msgs, "contract "+e.Contract+": "+e.Message)
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// Totals count the entries.
type Totals struct {
	Deprecated    int `json:"deprecated"`
	Contracts     int `json:"contracts"`
	Overdue       int `json:"overdue"`
	Due           int `json:"due"`
	Scheduled     int `json:"scheduled"`
	NoSunset      int `json:"no_sunset"`
	InvalidSunset int `json:"invalid_sunset"`
	// Consumers counts the distinct consumers still reading a version that
	// carries a deprecated element.
	Consumers int `json:"consumers"`
}

// Entry is one deprecated element.
type Entry struct {
	Contract string        `json:"contract"`
	Format   checks.Format `json:"format"`
	Owner    string        `json:"owner,omitempty"`
	Kind     string        `json:"kind"`
	Path     string        `json:"path"`
	File     string        `json:"file"`
	Line     int           `json:"line,omitempty"`
	// Since is the first published version carrying the marker and its
	// date; nil when the deprecation is not published yet.
	Since *Since `json:"since"`
	// Sunset is the sunset date (YYYY-MM-DD), "" when none or malformed;
	// SunsetRaw the sunset as written when it is malformed.
	Sunset    string `json:"sunset,omitempty"`
	SunsetRaw string `json:"sunset_raw,omitempty"`
	// DaysLeft is the number of days from AsOf to the sunset, negative when
	// it is overdue; nil without a valid sunset.
	DaysLeft *int   `json:"days_left"`
	Status   string `json:"status"`
	// Stage is a version line's stage on AsOf: supported, deprecated,
	// sunset or retired; empty for elements.
	Stage       string `json:"stage,omitempty"`
	Replacement string `json:"replacement,omitempty"`
	Note        string `json:"note,omitempty"`
	// Versions are the versions that carry the element: the published ones
	// that have it and the declared one.
	Versions []string `json:"versions"`
	// Consumers still read a version that carries the element.
	Consumers []ConsumerRef `json:"consumers"`
}

// Since is when an element was first published deprecated.
type Since struct {
	Version string `json:"version"`
	Date    string `json:"date,omitempty"`
}

// ConsumerRef names a consumer and the range it declared.
type ConsumerRef struct {
	Name  string `json:"name"`
	Range string `json:"range"`
}

// Build builds the report as of asOf (YYYY-MM-DD).
func Build(ctx context.Context, asOf string, contracts []Contract) (*Report, error) {
	if _, err := lifecycle.Date(asOf); err != nil {
		return nil, err
	}
	r := &Report{AsOf: asOf, Entries: []Entry{}, Errors: []ContractError{}, Ignores: []contract.IgnoreEntry{}}
	consumers := map[string]bool{}
	for _, c := range contracts {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if c.Err != nil {
			r.Errors = append(r.Errors, ContractError{Contract: c.Name, Message: c.Err.Error()})
			continue
		}
		entries, err := build(ctx, asOf, c)
		if err != nil {
			// One unreadable contract leaves the others' report intact.
			r.Errors = append(r.Errors, ContractError{Contract: c.Name, Message: err.Error()})
			continue
		}
		if len(entries) > 0 {
			r.Totals.Contracts++
		}
		for _, e := range entries {
			for _, cr := range e.Consumers {
				consumers[cr.Name] = true
			}
		}
		r.Entries = append(r.Entries, entries...)
	}
	slices.SortStableFunc(r.Entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(urgency[a.Status], urgency[b.Status]), cmp.Compare(days(a), days(b)),
			cmp.Compare(a.Contract, b.Contract), cmp.Compare(a.Path, b.Path))
	})
	for _, e := range r.Entries {
		r.Totals.Deprecated++
		switch e.Status {
		case Overdue:
			r.Totals.Overdue++
		case Due:
			r.Totals.Due++
		case Scheduled:
			r.Totals.Scheduled++
		case NoSunset:
			r.Totals.NoSunset++
		case InvalidSunset:
			r.Totals.InvalidSunset++
		}
	}
	r.Totals.Consumers = len(consumers)
	return r, nil
}

func days(e Entry) int {
	if e.DaysLeft == nil {
		return 0
	}
	return *e.DaysLeft
}

// build lists one contract's deprecated elements with their history.
func build(ctx context.Context, asOf string, c Contract) ([]Entry, error) {
	current, err := c.Lister.Elements(ctx, c.Current, c.Options, nil)
	if err != nil {
		return nil, err
	}
	deprecated := checks.Deprecations(current)
	out := lines(asOf, c)
	if len(deprecated) == 0 {
		return out, nil
	}
	// Per release, its elements by ID, from the files that hold a
	// deprecated element today: an element is traced within its current
	// file, which keeps a long history of a large contract cheap.
	files := map[string]bool{}
	for _, d := range deprecated {
		files[d.File] = true
	}
	want := func(f string) bool { return files[f] }
	history := make([]map[string]checks.Element, len(c.Releases))
	for i, rel := range c.Releases {
		elems, err := c.Lister.Elements(ctx, rel.Side, c.Options, want)
		if err != nil {
			return nil, fmt.Errorf("version %s: %w", rel.Version, err)
		}
		history[i] = map[string]checks.Element{}
		for _, e := range elems {
			history[i][e.ID] = e
		}
	}
	for _, d := range deprecated {
		e := Entry{Contract: c.Name, Format: c.Format, Owner: c.Owner, Kind: d.Kind, Path: d.Path, File: d.File, Line: d.Line,
			Sunset: d.Sunset, Replacement: d.Replacement, Note: d.Note, Versions: []string{}, Consumers: []ConsumerRef{}}
		var carrying []string
		for i, rel := range c.Releases {
			old, ok := history[i][d.ID]
			if !ok {
				continue
			}
			carrying = append(carrying, rel.Version)
			if old.Deprecated && e.Since == nil {
				e.Since = &Since{Version: rel.Version, Date: rel.Date}
			}
		}
		if c.Version != "" && !slices.Contains(carrying, c.Version) {
			carrying = append(carrying, c.Version)
		}
		e.Versions = append(e.Versions, carrying...)
		e.schedule(asOf, d.Sunset, d.SunsetRaw)
		e.Consumers = consumersOf(c.Consumers, carrying)
		out = append(out, e)
	}
	return out, nil
}

// schedule sets the entry's days left and status from its sunset.
func (e *Entry) schedule(asOf, sunset, raw string) {
	switch {
	case sunset != "":
		n := lifecycle.Days(asOf, sunset)
		e.DaysLeft = &n
		switch {
		case n < 0:
			e.Status = Overdue
		case n <= DueWithin:
			e.Status = Due
		default:
			e.Status = Scheduled
		}
	case raw != "":
		e.Status, e.SunsetRaw = InvalidSunset, raw
	default:
		e.Status = NoSunset
	}
}

// consumersOf returns the consumers whose range admits one of versions.
func consumersOf(consumers []Consumer, versions []string) []ConsumerRef {
	out := []ConsumerRef{}
	for _, cons := range consumers {
		if admitsAny(cons.Spec, versions) {
			out = append(out, ConsumerRef{Name: cons.Name, Range: cons.Spec.String()})
		}
	}
	slices.SortFunc(out, func(a, b ConsumerRef) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// lines turns the contract's version lines into entries: the versions they
// cover (published, and the declared one), the stage on asOf, and the
// consumers still reading one of them. A retired line is overdue whatever
// its sunset says.
func lines(asOf string, c Contract) []Entry {
	var out []Entry
	for _, l := range c.Lines {
		spec, err := matrix.ParseSpec(l.Versions)
		if err != nil {
			continue // the configuration was validated; nothing to show
		}
		e := Entry{Contract: c.Name, Format: c.Format, Owner: c.Owner, Kind: "versions", Path: l.Versions, Sunset: l.Sunset,
			Replacement: l.Replacement, Note: l.Note, Stage: l.Stage(asOf), Versions: []string{}}
		e.File, e.Line = where(l.Where)
		if l.Deprecated != "" {
			e.Since = &Since{Version: l.Versions, Date: l.Deprecated}
		}
		for _, r := range c.Releases {
			if admitsAny(spec, []string{r.Version}) {
				e.Versions = append(e.Versions, r.Version)
			}
		}
		if c.Version != "" && admitsAny(spec, []string{c.Version}) && !slices.Contains(e.Versions, c.Version) {
			e.Versions = append(e.Versions, c.Version)
		}
		e.schedule(asOf, l.Sunset, "")
		if e.Stage == contract.StageRetired && e.Status != Overdue {
			n := lifecycle.Days(asOf, l.Retired)
			e.Status, e.DaysLeft = Overdue, &n
		}
		e.Consumers = consumersOf(c.Consumers, e.Versions)
		out = append(out, e)
	}
	return out
}

// where splits "file:line:col".
func where(s string) (string, int) {
	i := strings.LastIndex(s, ":")
	if i < 0 {
		return s, 0
	}
	j := strings.LastIndex(s[:i], ":")
	if j < 0 {
		return s, 0
	}
	n, err := strconv.Atoi(s[j+1 : i])
	if err != nil {
		return s, 0
	}
	return s[:j], n
}

func admitsAny(spec matrix.Spec, versions []string) bool {
	for _, v := range versions {
		sv, err := matrix.ParseVersion(v)
		if err == nil && spec.Admits(sv) {
			return true
		}
	}
	return false
}
