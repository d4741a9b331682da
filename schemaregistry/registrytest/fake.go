package registrytest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/contractlint/contractlint/schemaregistry"
)

// Server is a running fake registry. Its zero value is not usable; call
// New.
type Server struct {
	// Server serves the API at Server.URL.
	*httptest.Server

	mu       sync.Mutex
	subjects map[string][]*schemaregistry.Schema
	byID     []*schemaregistry.Schema // ID-1 → schema (subject and version unset)
	global   string
	levels   map[string]string
	verdicts map[string]schemaregistry.Verdict
	faults   []*Fault
	delay    time.Duration
	user     string
	pass     string
	token    string
	requests []string
	types    []string
	canon    func(string) string
}

// Fault makes the next Times requests whose method matches (empty: any) and
// whose path starts with Path fail with Status, error_code Code and
// Message, and a Retry-After header when set.
type Fault struct {
	Method, Path string
	Times        int
	Status, Code int
	Message      string
	RetryAfter   string
	// Body, when set, is sent instead of the error JSON.
	Body []byte
}

// New starts a fake registry whose global level is BACKWARD, as Confluent's
// default. Close it when done.
func New() *Server {
	s := &Server{
		subjects: map[string][]*schemaregistry.Schema{},
		global:   "BACKWARD",
		levels:   map[string]string{},
		verdicts: map[string]schemaregistry.Verdict{},
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// RequireBasic makes every request need these basic credentials.
func (s *Server) RequireBasic(user, pass string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user, s.pass, s.token = user, pass, ""
}

// RequireBearer makes every request need this bearer token.
func (s *Server) RequireBearer(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user, s.pass, s.token = "", "", token
}

// SetGlobalLevel sets the global compatibility level.
func (s *Server) SetGlobalLevel(level string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.global = level
}

// SetLevel sets a subject's own compatibility level; "" removes it.
func (s *Server) SetLevel(subject, level string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if level == "" {
		delete(s.levels, subject)
		return
	}
	s.levels[subject] = level
}

// SetVerdict sets the registry's answer to compatibility tests and
// registrations under subject; without one, everything is compatible.
func (s *Server) SetVerdict(subject string, v schemaregistry.Verdict) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.verdicts[subject] = v
}

// SetCanonical sets how lookups with normalize=true compare schemas (the
// registry's canonical form); by default whitespace does not count.
func (s *Server) SetCanonical(f func(schema string) string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.canon = f
}

// Fail queues a fault.
func (s *Server) Fail(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times <= 0 {
		f.Times = 1
	}
	s.faults = append(s.faults, &f)
}

// SetDelay makes every answer wait d first (a slow registry).
func (s *Server) SetDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// Put registers sc under subject without any check, as an administrator
// would, and returns its version and ID. References must name registered
// versions.
func (s *Server) Put(subject string, sc schemaregistry.Schema) (version, id int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if msg := s.invalid(sc); msg != "" {
		return 0, 0, fmt.Errorf("registrytest: %s", msg)
	}
	v, id := s.add(subject, sc)
	return v, id, nil
}

// Requests returns "METHOD /path?query" of every request served so far.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// ContentTypes returns the Content-Type of every request with a body.
func (s *Server) ContentTypes() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.types)
}

// Subject returns the versions registered under subject, lowest first.
func (s *Server) Subject(subject string) []schemaregistry.Schema {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []schemaregistry.Schema
	for _, v := range s.subjects[subject] {
		out = append(out, *v)
	}
	return out
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.Method+" "+r.URL.RequestURI())
	if r.ContentLength != 0 && r.Body != nil && r.Method != http.MethodGet {
		s.types = append(s.types, r.Header.Get("Content-Type"))
	}
	delay := s.delay
	s.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.authorized(r) {
		writeError(w, http.StatusUnauthorized, 401, "Unauthorized")
		return
	}
	for i, f := range s.faults {
		if (f.Method == "" || f.Method == r.Method) && strings.HasPrefix(r.URL.Path, f.Path) {
			if f.Times--; f.Times <= 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
			if f.RetryAfter != "" {
				w.Header().Set("Retry-After", f.RetryAfter)
			}
			if f.Body != nil {
				w.Header().Set("Content-Type", schemaregistry.ContentType)
				w.WriteHeader(f.Status)
				w.Write(f.Body)
				return
			}
			writeError(w, f.Status, f.Code, f.Message)
			return
		}
	}
	parts := strings.Split(strings.Trim(r.URL.EscapedPath(), "/"), "/")
	for i, p := range parts {
		parts[i], _ = url.PathUnescape(p)
	}
	switch {
	case r.Method == http.MethodGet && len(parts) == 1 && parts[0] == "subjects":
		names := make([]string, 0, len(s.subjects))
		for n := range s.subjects {
			names = append(names, n)
		}
		slices.Sort(names)
		writeJSON(w, names)
	case r.Method == http.MethodGet && len(parts) == 3 && parts[0] == "subjects" && parts[2] == "versions":
		vs, ok := s.subjects[parts[1]]
		if !ok {
			writeError(w, 404, schemaregistry.CodeSubjectNotFound, fmt.Sprintf("Subject '%s' not found.", parts[1]))
			return
		}
		ids := []int{}
		for _, v := range vs {
			ids = append(ids, v.Version)
		}
		writeJSON(w, ids)
	case r.Method == http.MethodGet && len(parts) == 4 && parts[0] == "subjects" && parts[2] == "versions":
		if v := s.version(w, parts[1], parts[3]); v != nil {
			writeJSON(w, v)
		}
	case r.Method == http.MethodGet && len(parts) == 1 && parts[0] == "config":
		writeJSON(w, map[string]string{"compatibilityLevel": s.global})
	case r.Method == http.MethodGet && len(parts) == 2 && parts[0] == "config":
		level, ok := s.levels[parts[1]]
		if !ok {
			if r.URL.Query().Get("defaultToGlobal") != "true" {
				writeError(w, 404, schemaregistry.CodeSubjectConfigAbsent, fmt.Sprintf("Subject '%s' does not have subject-level compatibility configured", parts[1]))
				return
			}
			level = s.global
		}
		writeJSON(w, map[string]string{"compatibilityLevel": level})
	case r.Method == http.MethodPost && len(parts) == 5 && parts[0] == "compatibility" && parts[1] == "subjects" && parts[3] == "versions":
		if s.version(w, parts[2], parts[4]) == nil {
			return
		}
		sc, ok := s.readSchema(w, r)
		if !ok {
			return
		}
		_ = sc
		v, set := s.verdicts[parts[2]]
		if !set {
			v = schemaregistry.Verdict{Compatible: true}
		}
		if r.URL.Query().Get("verbose") != "true" {
			v.Messages = nil
		}
		writeJSON(w, v)
	case r.Method == http.MethodPost && len(parts) == 2 && parts[0] == "subjects":
		vs, ok := s.subjects[parts[1]]
		if !ok {
			writeError(w, 404, schemaregistry.CodeSubjectNotFound, fmt.Sprintf("Subject '%s' not found.", parts[1]))
			return
		}
		sc, ok := s.readSchema(w, r)
		if !ok {
			return
		}
		normalize := r.URL.Query().Get("normalize") == "true"
		for _, v := range vs {
			if same(*v, sc) || (normalize && same(s.canonical(*v), s.canonical(sc))) {
				writeJSON(w, v)
				return
			}
		}
		writeError(w, 404, schemaregistry.CodeSchemaNotFound, "Schema not found")
	case r.Method == http.MethodPost && len(parts) == 3 && parts[0] == "subjects" && parts[2] == "versions":
		sc, ok := s.readSchema(w, r)
		if !ok {
			return
		}
		for _, v := range s.subjects[parts[1]] {
			if same(*v, sc) {
				writeJSON(w, map[string]int{"id": v.ID})
				return
			}
		}
		if v, set := s.verdicts[parts[1]]; set && !v.Compatible && len(s.subjects[parts[1]]) > 0 {
			writeError(w, http.StatusConflict, schemaregistry.CodeIncompatible,
				fmt.Sprintf("Schema being registered is incompatible with an earlier schema for subject \"%s\", details: %s", parts[1], strings.Join(v.Messages, "; ")))
			return
		}
		_, id := s.add(parts[1], sc)
		writeJSON(w, map[string]int{"id": id})
	default:
		writeError(w, 404, 404, "HTTP 404 Not Found")
	}
}

func (s *Server) authorized(r *http.Request) bool {
	switch {
	case s.token != "":
		return r.Header.Get("Authorization") == "Bearer "+s.token
	case s.user != "" || s.pass != "":
		u, p, ok := r.BasicAuth()
		return ok && u == s.user && p == s.pass
	}
	return true
}

// version finds a version of a subject, writing the error answer when there
// is none.
func (s *Server) version(w http.ResponseWriter, subject, ver string) *schemaregistry.Schema {
	vs, ok := s.subjects[subject]
	if !ok {
		writeError(w, 404, schemaregistry.CodeSubjectNotFound, fmt.Sprintf("Subject '%s' not found.", subject))
		return nil
	}
	if ver == "latest" || ver == "-1" {
		return vs[len(vs)-1]
	}
	n, err := strconv.Atoi(ver)
	if err != nil || n <= 0 {
		writeError(w, 422, schemaregistry.CodeInvalidVersion, fmt.Sprintf("The specified version '%s' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"", ver))
		return nil
	}
	for _, v := range vs {
		if v.Version == n {
			return v
		}
	}
	writeError(w, 404, schemaregistry.CodeVersionNotFound, fmt.Sprintf("Version %d not found.", n))
	return nil
}

// readSchema decodes and validates a request body, writing 42201 when the
// schema is invalid.
func (s *Server) readSchema(w http.ResponseWriter, r *http.Request) (schemaregistry.Schema, bool) {
	var sc schemaregistry.Schema
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8<<20)).Decode(&sc); err != nil {
		writeError(w, 422, 422, "Unrecognized field or malformed JSON: "+err.Error())
		return sc, false
	}
	if msg := s.invalid(sc); msg != "" {
		writeError(w, 422, schemaregistry.CodeInvalidSchema, msg)
		return sc, false
	}
	return sc, true
}

// invalid says what is wrong with a schema to register, or "".
func (s *Server) invalid(sc schemaregistry.Schema) string {
	switch sc.SchemaType() {
	case "AVRO", "JSON":
		if !json.Valid([]byte(sc.Schema)) {
			return "Invalid schema: not valid JSON"
		}
	case "PROTOBUF":
		if strings.TrimSpace(sc.Schema) == "" {
			return "Invalid schema: empty"
		}
	default:
		return fmt.Sprintf("Invalid schema type %s", sc.Type)
	}
	for _, ref := range sc.References {
		found := false
		for _, v := range s.subjects[ref.Subject] {
			found = found || v.Version == ref.Version
		}
		if !found {
			return fmt.Sprintf("Invalid schema: reference %s names no registered schema (subject %s version %d)", ref.Name, ref.Subject, ref.Version)
		}
	}
	return ""
}

// add appends a version, reusing the ID of identical content registered
// under any subject.
func (s *Server) add(subject string, sc schemaregistry.Schema) (version, id int) {
	for i, o := range s.byID {
		if same(*o, sc) {
			id = i + 1
		}
	}
	if id == 0 {
		cp := schemaregistry.Schema{Type: sc.SchemaType(), Schema: sc.Schema, References: sc.References}
		s.byID = append(s.byID, &cp)
		id = len(s.byID)
	}
	vs := s.subjects[subject]
	version = 1
	if len(vs) > 0 {
		version = vs[len(vs)-1].Version + 1
	}
	v := &schemaregistry.Schema{Subject: subject, Version: version, ID: id, Schema: sc.Schema, References: sc.References, Metadata: sc.Metadata}
	if t := sc.SchemaType(); t != "AVRO" {
		v.Type = t
	}
	s.subjects[subject] = append(vs, v)
	return version, id
}

// canonical stands in for a registry's normalisation: SetCanonical's
// function, else whitespace does not count.
func (s *Server) canonical(sc schemaregistry.Schema) schemaregistry.Schema {
	if s.canon != nil {
		sc.Schema = s.canon(sc.Schema)
		return sc
	}
	sc.Schema = strings.Join(strings.Fields(sc.Schema), " ")
	return sc
}

func same(a, b schemaregistry.Schema) bool {
	return a.SchemaType() == b.SchemaType() && a.Schema == b.Schema && slices.Equal(a.References, b.References)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", schemaregistry.ContentType)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", schemaregistry.ContentType)
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error_code": code, "message": msg})
}
