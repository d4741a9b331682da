package matrix

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/Masterminds/semver/v3"

	"github.com/contractlint/contractlint/checks"
)

// VersionInfo is one known version of a contract.
type VersionInfo struct {
	// Version is the semantic version, without a leading v.
	Version string
	// Hash identifies the version's content (its files and imports); two
	// versions with the same hash are identical, and a cached cell stays
	// valid while the hashes of its two versions do not change.
	Hash string
}

// Source is where the matrix gets its facts: the known versions of each
// contract, and the engines' comparison of two of them.
type Source interface {
	// Versions lists the known versions of a contract: the published ones
	// and the proposed one, in any order.
	Versions(ctx context.Context, contract string) ([]VersionInfo, error)
	// Compare diffs the contract from version old to version new (old is the
	// lower version) with the engines, as checks.Run does, and returns every
	// finding. An error means a side could not be loaded; the pair is then
	// unknown.
	Compare(ctx context.Context, contract string, old, new VersionInfo) ([]checks.Finding, error)
	// Fingerprint identifies everything besides the two versions' content
	// that decides a comparison (format, rule selection, overrides,
	// ignores). A cached cell is reused only under the same fingerprint.
	Fingerprint(contract string) string
}

// Status is the tri-state outcome of a cell or a verdict.
type Status string

// Statuses, in increasing order of severity.
const (
	Compatible   Status = "compatible"
	Unknown      Status = "unknown"
	Incompatible Status = "incompatible"
)

func severity(s Status) int {
	switch s {
	case Compatible:
		return 0
	case Unknown:
		return 1
	}
	return 2
}

// worse returns the more severe of two statuses.
func worse(a, b Status) Status {
	if severity(b) > severity(a) {
		return b
	}
	return a
}

// Matrix is the evaluated compatibility matrix.
type Matrix struct {
	// Contracts are sorted by name.
	Contracts []*Contract
	// Deployments record what is deployed where, sorted by environment then
	// service.
	Deployments []Deployment
	// Stats describes the evaluation that produced the matrix; it is not
	// written to the file.
	Stats Stats
	// Format is the file format a parsed matrix was written in; zero for a
	// computed matrix (Marshal writes the current Format).
	Format int
}

// Stats counts an evaluation's work, in cells: Cells = Compared + Cached +
// Trivial.
type Stats struct {
	// Cells is the number of cells; Compared how many were decided by a
	// comparison with the engines; Cached how many were reused from
	// Input.Cache; Trivial how many needed no comparison (the same version
	// or the same content on both sides, or a version that is not known).
	Cells, Compared, Cached, Trivial int
	// Comparisons is the number of engine runs behind Compared: the pairs
	// (W, R) and (R, W) share one.
	Comparisons int
}

// Contract is one contract's part of the matrix.
type Contract struct {
	Name string
	// Fingerprint is the Source's fingerprint the cells were computed under.
	Fingerprint string
	// Versions are the known versions, in semver order.
	Versions []VersionInfo
	// Producers and Consumers are the services declaring the contract,
	// sorted by name.
	Producers []Party
	Consumers []Party
	// Cells are sorted by writer then reader, in semver order.
	Cells []Cell
	// Verdicts are sorted by consumer then writer.
	Verdicts []Verdict
}

// Party is a service's declaration for one contract, resolved.
type Party struct {
	Service string
	// Spec is the declaration as written.
	Spec Spec
	// Reads and Compiles are a consumer's declaration of what it depends
	// on (see Use).
	Reads    checks.Level
	Compiles bool
	// Versions are the versions the declaration resolves to, in semver
	// order; for a producer also the exact versions that are not known.
	Versions []string
}

// Depends is what the party, as a consumer, depends on (see [Depends]).
func (p Party) Depends() checks.Level { return Depends(p.Reads, p.Compiles) }

// Cell is the outcome of one (writer, reader) pair.
type Cell struct {
	Writer, Reader string
	// Status is incompatible when a finding breaks readers of the data in
	// the direction the reader needs, in some encoding; unknown when a side
	// could not be compared. Each consumer's verdict counts only the
	// findings at the levels it depends on (see [Cell.StatusFor]).
	Status Status
	// Findings are the findings that may decide a consumer's verdict:
	// those breaking data in the direction the reader needs, and those
	// breaking code generated from the contract (which has no direction).
	Findings []checks.Finding
	// Reason says why a cell is unknown.
	Reason string
}

// Verdict is a consumer's outcome for one version a producer emits: the
// worst cell over the consumer's readers for that writer.
type Verdict struct {
	Consumer, Writer string
	Status           Status
	// Reader is the reader version of the deciding cell, when one decides.
	Reader string
	// Reason says why the verdict is unknown when no cell decides it.
	Reason string
}

// Contract returns the named contract's part of the matrix.
func (m *Matrix) Contract(name string) *Contract {
	i, ok := slices.BinarySearchFunc(m.Contracts, name, func(c *Contract, n string) int { return cmp.Compare(c.Name, n) })
	if !ok {
		return nil
	}
	return m.Contracts[i]
}

// Cell returns the cell of a pair.
func (c *Contract) Cell(writer, reader string) (Cell, bool) {
	for _, cell := range c.Cells {
		if cell.Writer == writer && cell.Reader == reader {
			return cell, true
		}
	}
	return Cell{}, false
}

func (c *Contract) hash(version string) (string, bool) {
	for _, v := range c.Versions {
		if v.Version == version {
			return v.Hash, true
		}
	}
	return "", false
}

// Input is what Evaluate evaluates.
type Input struct {
	// Decls are the configuration's declarations.
	Decls *Declarations
	// Deployments are recorded deployments; their declarations make pairs
	// live too, so that can-i-deploy --to-environment finds them cached.
	Deployments []Deployment
	// Contracts are the contracts to evaluate (every configured contract);
	// nil means those the declarations mention.
	Contracts []string
	// Source lists versions and compares them.
	Source Source
	// Cache is a previous matrix whose cells are reused where the versions'
	// hashes and the fingerprint are unchanged; nil for a cold run. It must
	// come from a trusted place (computed by this process): a matrix file
	// read from the tree under review is a record to check against the
	// evaluation (see Stale), never a cache, since a forged cell with a
	// recomputed checksum would be reused as is.
	Cache *Matrix
	// Workers bounds parallel comparisons; zero means GOMAXPROCS.
	Workers int
}

// Evaluate computes the matrix: for each contract, every live (writer,
// reader) pair is compared (or taken from the cache), then each consumer's
// verdict for each version a producer emits.
func Evaluate(ctx context.Context, in Input) (*Matrix, error) {
	names := in.Contracts
	if names == nil && in.Decls != nil {
		names = in.Decls.Contracts()
	}
	names = slices.Compact(slices.Sorted(slices.Values(names)))
	workers := in.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	decls := in.Decls
	if decls == nil {
		decls = &Declarations{}
	}
	m := &Matrix{Deployments: slices.Clone(in.Deployments)}
	evs := make([]*contractEval, len(names))
	// Phase 1: list versions and decide which pairs are live.
	err := parallel(ctx, workers, len(names), func(i int) error {
		ev, err := plan(ctx, in.Source, names[i], decls, in.Deployments)
		if err != nil {
			return err
		}
		evs[i] = ev
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Phase 2: fill cells from the cache or by comparison.
	type job struct {
		ev  *contractEval
		key diffKey
	}
	var jobs []job
	for _, ev := range evs {
		var cached *Contract
		if in.Cache != nil {
			cached = in.Cache.Contract(ev.c.Name)
		}
		for _, p := range ev.pairs {
			cell, done := ev.trivial(p)
			if done {
				m.Stats.Trivial++
			}
			if !done && cached != nil && cached.Fingerprint == ev.c.Fingerprint {
				cell, done = ev.fromCache(cached, p)
				if done {
					m.Stats.Cached++
				}
			}
			if done {
				ev.cells[p] = cell
				continue
			}
			k := ev.diffKey(p)
			if _, ok := ev.diffs[k]; !ok {
				ev.diffs[k] = nil
				jobs = append(jobs, job{ev, k})
			}
		}
	}
	var mu sync.Mutex
	err = parallel(ctx, workers, len(jobs), func(i int) error {
		j := jobs[i]
		old, new := j.ev.info[j.key.old], j.ev.info[j.key.new]
		fs, err := in.Source.Compare(ctx, j.ev.c.Name, old, new)
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return err
			}
		}
		mu.Lock()
		j.ev.diffs[j.key] = &diffResult{findings: fs, err: err}
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	m.Stats.Comparisons = len(jobs)
	for _, ev := range evs {
		ev.finish()
		m.Stats.Cells += len(ev.c.Cells)
		m.Contracts = append(m.Contracts, ev.c)
	}
	m.Stats.Compared = m.Stats.Cells - m.Stats.Cached - m.Stats.Trivial
	return m, nil
}

var hashPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

type pairKey struct{ writer, reader string }

type diffKey struct{ old, new string }

type diffResult struct {
	findings []checks.Finding
	err      error
}

// contractEval is one contract during evaluation.
type contractEval struct {
	c      *Contract
	info   map[string]VersionInfo
	parsed map[string]*semver.Version
	pairs  []pairKey
	cells  map[pairKey]Cell
	diffs  map[diffKey]*diffResult
}

func plan(ctx context.Context, src Source, name string, decls *Declarations, deps []Deployment) (*contractEval, error) {
	infos, err := src.Versions(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("%s: list versions: %w", name, err)
	}
	ev := &contractEval{
		c:      &Contract{Name: name, Fingerprint: src.Fingerprint(name)},
		info:   map[string]VersionInfo{},
		parsed: map[string]*semver.Version{},
		cells:  map[pairKey]Cell{},
		diffs:  map[diffKey]*diffResult{},
	}
	var known []*semver.Version
	for _, vi := range infos {
		v, err := ParseVersion(vi.Version)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		vi.Version = v.String()
		if !hashPattern.MatchString(vi.Hash) {
			return nil, fmt.Errorf("%s %s: content hash %q is not a hex SHA-256", name, vi.Version, vi.Hash)
		}
		if _, dup := ev.info[vi.Version]; dup {
			return nil, fmt.Errorf("%s: version %s is listed twice", name, vi.Version)
		}
		ev.info[vi.Version] = vi
		known = append(known, v)
	}
	slices.SortFunc(known, compareVersions)
	for _, v := range known {
		ev.c.Versions = append(ev.c.Versions, ev.info[v.String()])
	}
	for _, s := range decls.Producers {
		if spec, ok := s.Spec(name); ok {
			ev.c.Producers = append(ev.c.Producers, Party{Service: s.Name, Spec: spec})
		}
	}
	for _, s := range decls.Consumers {
		if u, ok := s.Use(name); ok {
			ev.c.Consumers = append(ev.c.Consumers, Party{Service: s.Name, Spec: u.Spec, Reads: u.Reads, Compiles: u.Compiles})
		}
	}
	ev.c.deriveParties()

	// Live pairs: declared producers' and deployed services' versions,
	// read by declared consumers and deployed services.
	writers := ev.c.writers()
	var readSpecs []Spec
	for _, c := range ev.c.Consumers {
		readSpecs = append(readSpecs, c.Spec)
	}
	for _, d := range deps {
		for _, u := range d.Emits {
			if u.Contract == name {
				writers = append(writers, producerVersions(u.Spec, known)...)
			}
		}
		for _, u := range d.Reads {
			if u.Contract == name {
				readSpecs = append(readSpecs, u.Spec)
			}
		}
	}
	writers = sortedUnique(writers)
	live := map[pairKey]bool{}
	admitted := make([][]*semver.Version, len(readSpecs))
	for i, spec := range readSpecs {
		admitted[i], _ = spec.Resolve(known)
	}
	for _, w := range writers {
		ev.parsed[w.String()] = w
		for i, spec := range readSpecs {
			for _, r := range readersOf(spec, admitted[i], w) {
				ev.parsed[r.String()] = r
				live[pairKey{w.String(), r.String()}] = true
			}
		}
	}
	for k := range live {
		ev.pairs = append(ev.pairs, k)
	}
	slices.SortFunc(ev.pairs, ev.comparePairs)
	return ev, nil
}

func (ev *contractEval) comparePairs(a, b pairKey) int {
	return cmp.Or(compareVersions(ev.parsed[a.writer], ev.parsed[b.writer]),
		compareVersions(ev.parsed[a.reader], ev.parsed[b.reader]))
}

// trivial decides a pair that needs no comparison.
func (ev *contractEval) trivial(p pairKey) (Cell, bool) {
	cell := Cell{Writer: p.writer, Reader: p.reader}
	for _, v := range []string{p.writer, p.reader} {
		if _, ok := ev.info[v]; !ok {
			cell.Status = Unknown
			cell.Reason = missingReason(ev.c.Name, v)
			return cell, true
		}
	}
	w, r := ev.info[p.writer], ev.info[p.reader]
	if p.writer == p.reader || (w.Hash != "" && w.Hash == r.Hash) {
		cell.Status = Compatible
		return cell, true
	}
	return cell, false
}

func (ev *contractEval) fromCache(cached *Contract, p pairKey) (Cell, bool) {
	cell, ok := cached.Cell(p.writer, p.reader)
	if !ok || cell.Status == Unknown {
		return Cell{}, false
	}
	for _, v := range []string{p.writer, p.reader} {
		h, ok := cached.hash(v)
		if !ok || h == "" || h != ev.info[v].Hash {
			return Cell{}, false
		}
	}
	return cell, true
}

// diffKey orders a pair as the engines compare it: the lower version is old.
func (ev *contractEval) diffKey(p pairKey) diffKey {
	if compareVersions(ev.parsed[p.writer], ev.parsed[p.reader]) < 0 {
		return diffKey{p.writer, p.reader}
	}
	return diffKey{p.reader, p.writer}
}

// finish turns comparisons into cells and cells into verdicts.
func (ev *contractEval) finish() {
	for _, p := range ev.pairs {
		cell, ok := ev.cells[p]
		if !ok {
			k := ev.diffKey(p)
			// The reader is the newer side: it must read older data
			// (backward); the older side: newer data (forward).
			need := checks.Forward
			if p.reader == k.new {
				need = checks.Backward
			}
			cell = decide(p, ev.diffs[k], need)
		}
		ev.c.Cells = append(ev.c.Cells, cell)
	}
	ev.c.deriveVerdicts()
}

// decide makes a cell from a comparison: unknown when it failed; with the
// findings that break data in the needed direction or generated code;
// incompatible when one breaks data.
func decide(p pairKey, res *diffResult, need checks.Direction) Cell {
	cell := Cell{Writer: p.writer, Reader: p.reader, Status: Compatible}
	if res.err != nil {
		cell.Status = Unknown
		cell.Reason = strings.Join(strings.Fields(res.err.Error()), " ")
		return cell
	}
	for _, f := range res.findings {
		if f.Breaking(checks.AllLevels, need) {
			f.Contract = ""
			cell.Findings = append(cell.Findings, f)
		}
	}
	cell.Findings = checks.Sort(cell.Findings)
	cell.Status = cell.StatusFor(checks.Data)
	return cell
}

// StatusFor is the cell's status for a consumer that depends on the given
// levels (see [Depends]): unknown when the cell is, incompatible when one
// of its findings breaks one of the levels.
func (c Cell) StatusFor(depends checks.Level) Status {
	if c.Status == Unknown {
		return Unknown
	}
	if len(c.FindingsFor(depends)) > 0 {
		return Incompatible
	}
	return Compatible
}

// FindingsFor returns the cell's findings that break a consumer depending
// on the given levels.
func (c Cell) FindingsFor(depends checks.Level) []checks.Finding {
	var out []checks.Finding
	for _, f := range c.Findings {
		if f.Levels&depends != 0 {
			out = append(out, f)
		}
	}
	return out
}

// parallel runs fn(0..n-1) on at most workers goroutines and returns the
// first error; it stops handing out work once one fails or ctx is done.
func parallel(ctx context.Context, workers, n int, fn func(int) error) error {
	if n == 0 {
		return nil
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	next := make(chan int)
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				if err := fn(i); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		})
	}
feed:
	for i := range n {
		mu.Lock()
		failed := firstErr != nil
		mu.Unlock()
		if failed {
			break
		}
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return firstErr
}
