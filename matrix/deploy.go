package matrix

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/contractlint/contractlint/checks"
	"github.com/contractlint/contractlint/report"
)

// Deployment records that a version of a service is deployed in an
// environment, with what it emitted and read when it was recorded.
type Deployment struct {
	Environment, Service, Version string
	// Emits and Reads are the service's declarations when the deployment
	// was recorded, sorted by contract. A Reads use keeps what the consumer
	// declared it depends on (Use.Reads, Use.Compiles), so that
	// can-i-deploy --to-environment judges the deployed consumer by the
	// levels it depends on.
	Emits, Reads []Use
}

// Record returns deployments with d added, replacing an earlier record of the
// same service in the same environment, sorted by environment then service.
func Record(deployments []Deployment, d Deployment) []Deployment {
	out := slices.DeleteFunc(slices.Clone(deployments), func(e Deployment) bool {
		return e.Environment == d.Environment && e.Service == d.Service
	})
	out = append(out, d)
	slices.SortFunc(out, func(a, b Deployment) int {
		return cmp.Or(cmp.Compare(a.Environment, b.Environment), cmp.Compare(a.Service, b.Service))
	})
	return out
}

// Role says whether a service is deployed as a producer or a consumer.
type Role string

// Roles.
const (
	Producer Role = "producer"
	Consumer Role = "consumer"
)

// Answer is can-i-deploy's answer.
type Answer string

// Answers. Only Yes lets a deployment proceed.
const (
	Yes       Answer = "yes"
	No        Answer = "no"
	NotSure   Answer = "unknown"
	rowIgnore        = "ignored"
	rowNotReq        = "not required"
)

// Query is a can-i-deploy question: may Service, in Role, be deployed emitting
// or reading Uses?
type Query struct {
	Service string
	Role    Role
	// Uses override the service's declarations, by contract; contracts not
	// named keep their declaration. An override that says neither what the
	// consumer reads nor that it compiles (Use.Reads, Use.Compiles) keeps
	// the declared ones: it changes the versions, not what the consumer
	// depends on.
	Uses []Use
	// Environment limits the counterparts to the services recorded as
	// deployed there; empty means every declared service.
	Environment string
	// Ignore lists counterpart services whose outcome does not count.
	Ignore []string
}

// Row is one counterpart outcome that decides (or could decide) the answer.
type Row struct {
	Contract string `json:"contract"`
	// Producer and Consumer are the two services; Writer the version the
	// producer emits; Reader the deciding reader version of the consumer.
	Producer string `json:"producer"`
	Consumer string `json:"consumer"`
	Writer   string `json:"writer,omitempty"`
	Reader   string `json:"reader,omitempty"`
	// Status is compatible, incompatible or unknown, or "ignored" (--ignore)
	// or "not required" (a consumer that declares no known version: a
	// producer does not need it).
	Status string `json:"status"`
	// Findings decide an incompatible row.
	Findings []checks.Finding `json:"findings,omitempty"`
	// Reason explains an unknown, ignored or not-required row.
	Reason string `json:"reason,omitempty"`
}

// Decision is can-i-deploy's answer with the rows behind it.
type Decision struct {
	Answer      Answer `json:"answer"`
	Service     string `json:"service"`
	Role        Role   `json:"role"`
	Environment string `json:"environment,omitempty"`
	// Uses is what the service was checked emitting or reading, as
	// contract → declaration.
	Uses map[string]string `json:"uses"`
	// Rows are sorted by contract, producer, consumer, writer.
	Rows []Row `json:"rows"`
	// Reason is the answer in one sentence.
	Reason string `json:"reason"`
}

// Deciding returns the rows that decide the answer: the incompatible ones
// for no, the unknown ones for unknown, every compatible one for yes.
func (d *Decision) Deciding() []Row {
	want := map[Answer]string{Yes: string(Compatible), No: string(Incompatible), NotSure: string(Unknown)}[d.Answer]
	var out []Row
	for _, r := range d.Rows {
		if r.Status == want {
			out = append(out, r)
		}
	}
	return out
}

// CanIDeployInput is what CanIDeploy needs besides the query.
type CanIDeployInput struct {
	Decls       *Declarations
	Deployments []Deployment
	Source      Source
	// Cache is a matrix from a trusted place (computed by this process),
	// reused where still valid; may be nil. Never the committed matrix
	// file: it belongs to the tree under review (see Input.Cache).
	Cache   *Matrix
	Workers int
}

// CanIDeploy answers a query. The requiredness is asymmetric, as in Pact: a
// consumer needs every version its producers emit to be readable (no
// producer at all is unknown); a producer needs every consumer that reads a
// known version to read what it emits, but not every consumer to have
// declared support for it.
func CanIDeploy(ctx context.Context, q Query, in CanIDeployInput) (*Decision, error) {
	decls := in.Decls
	if decls == nil {
		decls = &Declarations{}
	}
	if q.Environment != "" && len(decls.Environments) > 0 && !decls.Environment(q.Environment) {
		var names []string
		for _, e := range decls.Environments {
			names = append(names, e.Name)
		}
		return nil, fmt.Errorf("unknown environment %q (declared: %s)", q.Environment, strings.Join(names, ", "))
	}
	var declared Service
	var ok bool
	if q.Role == Producer {
		declared, ok = decls.Producer(q.Service)
	} else {
		declared, ok = decls.Consumer(q.Service)
	}
	uses := slices.Clone(declared.Uses)
	for _, u := range q.Uses {
		i := slices.IndexFunc(uses, func(x Use) bool { return x.Contract == u.Contract })
		if i >= 0 {
			if u.Reads == 0 && !u.Compiles {
				u.Reads, u.Compiles = uses[i].Reads, uses[i].Compiles
			}
			uses[i] = u
		} else {
			uses = append(uses, u)
		}
	}
	slices.SortFunc(uses, func(a, b Use) int { return cmp.Compare(a.Contract, b.Contract) })
	if len(uses) == 0 {
		if !ok {
			return nil, fmt.Errorf("%s is not a declared %s (see %ss: in contractlint.yaml)", q.Service, q.Role, q.Role)
		}
		return nil, fmt.Errorf("%s declares no contract", q.Service)
	}

	// The counterparts: declared services, or those deployed in the
	// environment, never the candidate itself.
	counter := &Declarations{}
	if q.Environment == "" {
		counter.Producers = slices.DeleteFunc(slices.Clone(decls.Producers), func(s Service) bool { return s.Name == q.Service })
		counter.Consumers = slices.DeleteFunc(slices.Clone(decls.Consumers), func(s Service) bool { return s.Name == q.Service })
	} else {
		for _, d := range in.Deployments {
			if d.Environment != q.Environment || d.Service == q.Service {
				continue
			}
			if len(d.Emits) > 0 {
				counter.Producers = append(counter.Producers, Service{Name: d.Service, Uses: d.Emits})
			}
			if len(d.Reads) > 0 {
				counter.Consumers = append(counter.Consumers, Service{Name: d.Service, Uses: d.Reads})
			}
		}
	}
	eval := &Declarations{Producers: counter.Producers, Consumers: counter.Consumers}
	candidate := Service{Name: q.Service, Uses: uses}
	if q.Role == Producer {
		eval.Producers = append(slices.Clone(eval.Producers), candidate)
		slices.SortFunc(eval.Producers, func(a, b Service) int { return cmp.Compare(a.Name, b.Name) })
	} else {
		eval.Consumers = append(slices.Clone(eval.Consumers), candidate)
		slices.SortFunc(eval.Consumers, func(a, b Service) int { return cmp.Compare(a.Name, b.Name) })
	}
	var contracts []string
	for _, u := range uses {
		contracts = append(contracts, u.Contract)
	}
	m, err := Evaluate(ctx, Input{Decls: eval, Contracts: contracts, Source: in.Source, Cache: in.Cache, Workers: in.Workers})
	if err != nil {
		return nil, err
	}

	d := &Decision{Service: q.Service, Role: q.Role, Environment: q.Environment, Uses: map[string]string{}, Rows: []Row{}}
	for _, u := range uses {
		d.Uses[u.Contract] = u.Spec.Text
	}
	ignored := func(s string) bool { return slices.Contains(q.Ignore, s) }
	for _, c := range m.Contracts {
		if q.Role == Producer {
			d.Rows = append(d.Rows, producerRows(c, q.Service, ignored)...)
		} else {
			d.Rows = append(d.Rows, consumerRows(c, q.Service, q.Environment, ignored)...)
		}
	}
	d.decide()
	return d, nil
}

func partyOf(list []Party, service string) (Party, bool) {
	i := slices.IndexFunc(list, func(p Party) bool { return p.Service == service })
	if i < 0 {
		return Party{}, false
	}
	return list[i], true
}

func verdictOf(c *Contract, consumer, writer string) Verdict {
	for _, v := range c.Verdicts {
		if v.Consumer == consumer && v.Writer == writer {
			return v
		}
	}
	return Verdict{Consumer: consumer, Writer: writer, Status: Unknown, Reason: "no verdict was computed"}
}

func rowFrom(c *Contract, producer string, v Verdict) Row {
	r := Row{Contract: c.Name, Producer: producer, Consumer: v.Consumer, Writer: v.Writer, Reader: v.Reader, Status: string(v.Status), Reason: v.Reason}
	if v.Reader != "" {
		if cell, ok := c.Cell(v.Writer, v.Reader); ok {
			r.Findings = deciding(c, v)
			if r.Reason == "" {
				r.Reason = cell.Reason
			}
		}
	}
	return r
}

func producerRows(c *Contract, producer string, ignored func(string) bool) []Row {
	self, _ := partyOf(c.Producers, producer)
	var rows []Row
	for _, cons := range c.Consumers {
		if cons.Service == producer {
			continue
		}
		switch {
		case ignored(cons.Service):
			rows = append(rows, Row{Contract: c.Name, Producer: producer, Consumer: cons.Service, Status: rowIgnore, Reason: "ignored with --ignore"})
			continue
		case len(cons.Versions) == 0:
			rows = append(rows, Row{Contract: c.Name, Producer: producer, Consumer: cons.Service, Status: rowNotReq,
				Reason: fmt.Sprintf("%s reads %s %s, which matches no known version", cons.Service, c.Name, cons.Spec)})
			continue
		}
		for _, w := range self.Versions {
			rows = append(rows, rowFrom(c, producer, verdictOf(c, cons.Service, w)))
		}
	}
	return rows
}

func consumerRows(c *Contract, consumer, env string, ignored func(string) bool) []Row {
	var rows []Row
	for _, p := range c.Producers {
		if p.Service == consumer {
			continue
		}
		switch {
		case ignored(p.Service):
			rows = append(rows, Row{Contract: c.Name, Producer: p.Service, Consumer: consumer, Status: rowIgnore, Reason: "ignored with --ignore"})
			continue
		case len(p.Versions) == 0:
			rows = append(rows, Row{Contract: c.Name, Producer: p.Service, Consumer: consumer, Status: string(Unknown),
				Reason: fmt.Sprintf("%s emits %s %s, which matches no known version", p.Service, c.Name, p.Spec)})
			continue
		}
		for _, w := range p.Versions {
			rows = append(rows, rowFrom(c, p.Service, verdictOf(c, consumer, w)))
		}
	}
	if len(rows) == 0 {
		where := "declared"
		if env != "" {
			where = "deployed in " + env
		}
		rows = append(rows, Row{Contract: c.Name, Consumer: consumer, Status: string(Unknown),
			Reason: fmt.Sprintf("no producer of %s is %s: nothing verifies what %s reads", c.Name, where, consumer)})
	}
	return rows
}

// decide sets the answer from the rows: any incompatible row is no, else any
// unknown row is unknown, else yes.
func (d *Decision) decide() {
	worst := Compatible
	n := map[string]int{}
	for _, r := range d.Rows {
		n[r.Status]++
		if r.Status == string(Incompatible) || r.Status == string(Unknown) {
			worst = worse(worst, Status(r.Status))
		}
	}
	switch worst {
	case Incompatible:
		d.Answer = No
		d.Reason = fmt.Sprintf("%d %s incompatible", n[string(Incompatible)], report.Plural(n[string(Incompatible)], "pair is", "pairs are"))
	case Unknown:
		d.Answer = NotSure
		d.Reason = fmt.Sprintf("%d %s unknown; unknown is never compatible", n[string(Unknown)], report.Plural(n[string(Unknown)], "pair is", "pairs are"))
	default:
		d.Answer = Yes
		if n[string(Compatible)] == 0 {
			d.Reason = "no counterpart needs checking"
		} else {
			d.Reason = fmt.Sprintf("all %d %s compatible", n[string(Compatible)], report.Plural(n[string(Compatible)], "pair is", "pairs are"))
		}
	}
}
