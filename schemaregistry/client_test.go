package schemaregistry_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/contractlint/contractlint/schemaregistry"
	"github.com/contractlint/contractlint/schemaregistry/registrytest"
)

// sleeps records the waits between attempts instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return nil
}

func newClient(t *testing.T, srv *registrytest.Server, edit func(*schemaregistry.Options)) (*schemaregistry.Client, *sleeps) {
	t.Helper()
	sl := &sleeps{}
	o := schemaregistry.Options{URL: srv.URL, Sleep: sl.sleep, Timeout: 5 * time.Second}
	if edit != nil {
		edit(&o)
	}
	c, err := schemaregistry.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c, sl
}

const avroV1 = `{"type":"record","name":"Payment","fields":[{"name":"id","type":"string"}]}`
const avroV2 = `{"type":"record","name":"Payment","fields":[{"name":"id","type":"string"},{"name":"n","type":"int","default":0}]}`

func TestClientRoundTrip(t *testing.T) {
	t.Parallel()
	srv := registrytest.New()
	defer srv.Close()
	c, _ := newClient(t, srv, nil)
	ctx := t.Context()

	if vs, err := c.Versions(ctx, "payments-value"); err != nil || len(vs) != 0 {
		t.Fatalf("Versions of a missing subject = %v, %v; want none, nil", vs, err)
	}
	if v, err := c.Check(ctx, "payments-value", schemaregistry.Schema{Schema: avroV1}); err != nil || !v.Compatible {
		t.Fatalf("Check against nothing = %+v, %v; want compatible", v, err)
	}
	id1, err := c.Register(ctx, "payments-value", schemaregistry.Schema{Type: "AVRO", Schema: avroV1})
	if err != nil {
		t.Fatal(err)
	}
	// Registering the same schema again registers nothing new.
	if again, err := c.Register(ctx, "payments-value", schemaregistry.Schema{Schema: avroV1}); err != nil || again != id1 {
		t.Fatalf("second Register = %d, %v; want %d", again, err, id1)
	}
	if _, err := c.Register(ctx, "payments-value", schemaregistry.Schema{Schema: avroV2}); err != nil {
		t.Fatal(err)
	}
	vs, err := c.Versions(ctx, "payments-value")
	if err != nil || len(vs) != 2 || vs[0] != 1 || vs[1] != 2 {
		t.Fatalf("Versions = %v, %v; want [1 2]", vs, err)
	}
	got, err := c.Version(ctx, "payments-value", 1)
	if err != nil || got.Schema != avroV1 || got.SchemaType() != "AVRO" || got.ID != id1 {
		t.Fatalf("Version 1 = %+v, %v", got, err)
	}
	found, ok, err := c.Lookup(ctx, "payments-value", schemaregistry.Schema{Schema: avroV2})
	if err != nil || !ok || found.Version != 2 {
		t.Fatalf("Lookup = %+v, %v, %v; want version 2", found, ok, err)
	}
	if _, ok, err := c.Lookup(ctx, "payments-value", schemaregistry.Schema{Schema: `"string"`}); err != nil || ok {
		t.Fatalf("Lookup of an unregistered schema = %v, %v; want not found", ok, err)
	}

	// A protobuf schema with a reference.
	if _, err := c.Register(ctx, "acme/common/money.proto", schemaregistry.Schema{Type: "PROTOBUF", Schema: `syntax = "proto3"; package acme.common; message Money {}`}); err != nil {
		t.Fatal(err)
	}
	ref := []schemaregistry.Reference{{Name: "acme/common/money.proto", Subject: "acme/common/money.proto", Version: 1}}
	if _, err := c.Register(ctx, "orders-value", schemaregistry.Schema{Type: "PROTOBUF", Schema: `syntax = "proto3"; import "acme/common/money.proto";`, References: ref}); err != nil {
		t.Fatal(err)
	}
	o, err := c.Version(ctx, "orders-value", 0)
	if err != nil || o.SchemaType() != "PROTOBUF" || len(o.References) != 1 || o.References[0] != ref[0] {
		t.Fatalf("latest orders-value = %+v, %v", o, err)
	}
	// A reference to nothing registered is an invalid schema.
	_, err = c.Register(ctx, "orders-value", schemaregistry.Schema{Type: "PROTOBUF", Schema: `syntax = "proto3";`, References: []schemaregistry.Reference{{Name: "x.proto", Subject: "x.proto", Version: 3}}})
	wantCode(t, err, 422, schemaregistry.CodeInvalidSchema, "invalid")

	for _, ct := range srv.ContentTypes() {
		if ct != schemaregistry.ContentType {
			t.Errorf("request Content-Type %q, want %q", ct, schemaregistry.ContentType)
		}
	}
}

func wantCode(t *testing.T, err error, status, code int, msg string) {
	t.Helper()
	var e *schemaregistry.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *schemaregistry.Error", err)
	}
	if e.Status != status || e.Code != code {
		t.Errorf("error %d/%d, want %d/%d: %v", e.Status, e.Code, status, code, err)
	}
	if !strings.Contains(err.Error(), msg) {
		t.Errorf("error %q does not say %q", err, msg)
	}
}

func TestClientErrors(t *testing.T) {
	t.Parallel()
	srv := registrytest.New()
	defer srv.Close()
	c, sl := newClient(t, srv, nil)
	ctx := t.Context()
	if _, _, err := srv.Put("s", schemaregistry.Schema{Schema: avroV1}); err != nil {
		t.Fatal(err)
	}

	_, err := c.Version(ctx, "missing", 1)
	wantCode(t, err, 404, schemaregistry.CodeSubjectNotFound, "subject not found (error 40401)")
	_, err = c.Version(ctx, "s", 9)
	wantCode(t, err, 404, schemaregistry.CodeVersionNotFound, "version not found (error 40402)")

	srv.Fail(registrytest.Fault{Path: "/subjects/s/versions/1", Status: 422, Code: schemaregistry.CodeInvalidVersion, Message: "bad version"})
	_, err = c.Version(ctx, "s", 1)
	wantCode(t, err, 422, schemaregistry.CodeInvalidVersion, "invalid version (error 42202)")

	srv.Fail(registrytest.Fault{Method: http.MethodPost, Path: "/subjects/s", Status: 404, Code: schemaregistry.CodeSchemaNotFound})
	_, err = c.Register(ctx, "s", schemaregistry.Schema{Schema: avroV2})
	wantCode(t, err, 404, schemaregistry.CodeSchemaNotFound, "schema not found (error 40403)")

	_, err = c.Register(ctx, "s", schemaregistry.Schema{Schema: "not json"})
	wantCode(t, err, 422, schemaregistry.CodeInvalidSchema, "error 42201")

	srv.SetVerdict("s", schemaregistry.Verdict{Compatible: false, Messages: []string{"READER_FIELD_MISSING_DEFAULT_VALUE: n"}})
	v, err := c.Check(ctx, "s", schemaregistry.Schema{Schema: avroV2})
	if err != nil || v.Compatible || len(v.Messages) != 1 {
		t.Fatalf("Check = %+v, %v; want incompatible with the message", v, err)
	}
	_, err = c.Register(ctx, "s", schemaregistry.Schema{Schema: avroV2})
	wantCode(t, err, 409, schemaregistry.CodeIncompatible, "incompatible")

	srv.Fail(registrytest.Fault{Path: "/subjects", Status: 403, Code: 40301, Message: "User is denied operation Write"})
	_, err = c.Versions(ctx, "s")
	wantCode(t, err, 403, 40301, "403 Forbidden")

	// A server error is retried, and given up after the attempts.
	srv.Fail(registrytest.Fault{Path: "/subjects", Status: 500, Code: schemaregistry.CodeStoreError, Times: 10})
	_, err = c.Versions(ctx, "s")
	wantCode(t, err, 500, schemaregistry.CodeStoreError, "backend data store (error 50001)")
	if len(sl.d) != schemaregistry.DefaultAttempts-1 {
		t.Errorf("%d waits before giving up, want %d", len(sl.d), schemaregistry.DefaultAttempts-1)
	}
}

func TestClientRetries(t *testing.T) {
	t.Parallel()
	srv := registrytest.New()
	defer srv.Close()
	c, sl := newClient(t, srv, nil)
	ctx := t.Context()

	srv.Fail(registrytest.Fault{Path: "/subjects", Status: 503, Code: 50003, Times: 2})
	if _, err := c.Versions(ctx, "s"); err != nil {
		t.Fatalf("after two 503s: %v", err)
	}
	if len(sl.d) != 2 {
		t.Fatalf("waits %v, want two", sl.d)
	}

	sl.d = nil
	srv.Fail(registrytest.Fault{Path: "/subjects", Status: 429, Code: 42901, RetryAfter: "7"})
	if _, err := c.Versions(ctx, "s"); err != nil {
		t.Fatal(err)
	}
	if len(sl.d) != 1 || sl.d[0] != 7*time.Second {
		t.Fatalf("waits %v, want the 7s Retry-After asks", sl.d)
	}

	// A Retry-After beyond MaxWait is not waited out.
	sl.d = nil
	srv.Fail(registrytest.Fault{Path: "/subjects", Status: 429, Code: 42901, RetryAfter: "3600"})
	_, err := c.Versions(ctx, "s")
	wantCode(t, err, 429, 42901, "429 Too Many Requests")
	if len(sl.d) != 0 {
		t.Fatalf("waited %v for a Retry-After beyond MaxWait", sl.d)
	}

	// Client errors are final.
	srv.Fail(registrytest.Fault{Path: "/subjects", Status: 401, Code: 401})
	_, err = c.Versions(ctx, "s")
	wantCode(t, err, 401, 401, "401 Unauthorized")
	if len(sl.d) != 0 {
		t.Fatalf("retried a 401: %v", sl.d)
	}
}

func TestClientBounds(t *testing.T) {
	t.Parallel()
	srv := registrytest.New()
	defer srv.Close()
	if _, _, err := srv.Put("s", schemaregistry.Schema{Schema: avroV1}); err != nil {
		t.Fatal(err)
	}
	small, _ := newClient(t, srv, func(o *schemaregistry.Options) { o.MaxResponse = 32 })
	if _, err := small.Version(t.Context(), "s", 1); err == nil || !strings.Contains(err.Error(), "response larger than 32 bytes; stopped reading it") {
		t.Fatalf("oversized answer: %v", err)
	}

	slow := registrytest.New()
	defer slow.Close()
	slow.SetDelay(10 * time.Second)
	c, sl := newClient(t, slow, func(o *schemaregistry.Options) { o.Timeout = 50 * time.Millisecond; o.Attempts = 2 })
	start := time.Now()
	_, err := c.Versions(t.Context(), "s")
	if err == nil || !strings.Contains(err.Error(), "no complete response within 50ms") {
		t.Fatalf("slow registry: %v", err)
	}
	if len(sl.d) != 1 || time.Since(start) > 5*time.Second {
		t.Fatalf("slow registry: %d waits, %s", len(sl.d), time.Since(start))
	}
}

func TestClientCredentials(t *testing.T) {
	t.Parallel()
	srv := registrytest.New()
	defer srv.Close()
	srv.RequireBasic("alice", "s3cret-pw")
	u := strings.Replace(srv.URL, "http://", "http://alice:s3cret-pw@", 1)
	c, _ := newClient(t, srv, func(o *schemaregistry.Options) { o.URL = u })
	if strings.Contains(c.URL(), "s3cret") {
		t.Fatalf("URL() shows the password: %s", c.URL())
	}
	if _, err := c.Versions(t.Context(), "s"); err != nil {
		t.Fatalf("credentials from the URL: %v", err)
	}
	bad, _ := newClient(t, srv, func(o *schemaregistry.Options) { o.Username, o.Password = "alice", "wrong-pw" })
	_, err := bad.Versions(t.Context(), "s")
	wantCode(t, err, 401, 401, "registry.auth")
	if strings.Contains(err.Error(), "wrong-pw") {
		t.Fatalf("error shows the password: %v", err)
	}

	srv.RequireBearer("tok-123456")
	tc, _ := newClient(t, srv, func(o *schemaregistry.Options) { o.Token = "tok-123456" })
	if _, err := tc.Versions(t.Context(), "s"); err != nil {
		t.Fatalf("bearer token: %v", err)
	}

	// An unreachable registry names the URL without the credentials.
	closed := registrytest.New()
	closed.Close()
	cc, _ := newClient(t, closed, func(o *schemaregistry.Options) {
		o.URL = strings.Replace(closed.URL, "http://", "http://bob:hunter2@", 1)
		o.Attempts = 1
	})
	_, err = cc.Versions(t.Context(), "s")
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("unreachable registry: %v", err)
	}
	// A registry that echoes the credentials in its error gets them removed.
	srv.RequireBearer("")
	srv.Fail(registrytest.Fault{Path: "/subjects", Status: 400, Code: 400, Message: "bad request from alice with s3cret-pw"})
	_, err = c.Versions(t.Context(), "s")
	if err == nil || strings.Contains(err.Error(), "s3cret-pw") || !strings.Contains(err.Error(), "[REDACTED]") {
		t.Fatalf("echoed secret: %v", err)
	}
}

func TestLevel(t *testing.T) {
	t.Parallel()
	srv := registrytest.New()
	defer srv.Close()
	c, _ := newClient(t, srv, nil)
	ctx := t.Context()
	if l, err := c.Level(ctx, "s"); err != nil || l != "BACKWARD" {
		t.Fatalf("global level = %q, %v", l, err)
	}
	srv.SetLevel("s", "FULL_TRANSITIVE")
	if l, err := c.Level(ctx, "s"); err != nil || l != "FULL_TRANSITIVE" {
		t.Fatalf("subject level = %q, %v", l, err)
	}
	// A registry without defaultToGlobal answers 404 for a subject without
	// a level: the global one applies.
	srv.Fail(registrytest.Fault{Path: "/config/other", Status: 404, Code: schemaregistry.CodeSubjectConfigAbsent})
	if l, err := c.Level(ctx, "other"); err != nil || l != "BACKWARD" {
		t.Fatalf("fallback level = %q, %v", l, err)
	}
}
