package schemaregistry

import (
	"errors"
	"fmt"
	"net/http"
)

// Error codes of the Confluent Schema Registry REST API (error_code in an
// error response body).
const (
	CodeSubjectNotFound     = 40401
	CodeVersionNotFound     = 40402
	CodeSchemaNotFound      = 40403
	CodeSubjectConfigAbsent = 40408
	CodeIncompatible        = 409
	CodeInvalidSchema       = 42201
	CodeInvalidVersion      = 42202
	CodeInvalidLevel        = 42203
	CodeStoreError          = 50001
	CodeOperationTimeout    = 50002
	CodeForwardingError     = 50003
)

// Error is an error answer of the registry: the HTTP status, the registry's
// error_code and message, and the request that got it (method and path, never
// credentials).
type Error struct {
	// Method and Path are the request's (the path below the API root).
	Method, Path string
	// Status is the HTTP status; Code the registry's error_code (0 when the
	// body had none); Message its message, credentials removed.
	Status  int
	Code    int
	Message string
}

// Error implements error with a message that says what went wrong and what
// to do about it.
func (e *Error) Error() string {
	what := explain(e.Status, e.Code)
	msg := fmt.Sprintf("schema registry: %s %s: %s", e.Method, e.Path, what)
	if e.Message != "" {
		msg += fmt.Sprintf(" (registry says: %s)", clip(e.Message, 300))
	}
	return msg
}

// NotFound reports whether the registry answered that the subject, version
// or schema does not exist.
func (e *Error) NotFound() bool { return e.Status == http.StatusNotFound }

func explain(status, code int) string {
	switch code {
	case CodeSubjectNotFound:
		return "subject not found (error 40401)"
	case CodeVersionNotFound:
		return "version not found (error 40402)"
	case CodeSchemaNotFound:
		return "schema not found (error 40403)"
	case CodeSubjectConfigAbsent:
		return "the subject has no compatibility level of its own (error 40408)"
	case CodeIncompatible:
		return "the registry rejects the schema as incompatible with the subject's registered versions under its compatibility level (409)"
	case CodeInvalidSchema:
		return "the registry rejects the schema or schema type as invalid, or a reference names no registered schema (error 42201)"
	case CodeInvalidVersion:
		return "invalid version (error 42202)"
	case CodeInvalidLevel:
		return "invalid compatibility level (error 42203)"
	case CodeStoreError:
		return "the registry failed in its backend data store (error 50001); try again later"
	case CodeOperationTimeout:
		return "the registry timed out (error 50002); try again later"
	case CodeForwardingError:
		return "the registry could not forward the request to its leader (error 50003); try again later"
	}
	switch status {
	case http.StatusUnauthorized:
		return "401 Unauthorized: the registry wants credentials, or rejected them; set registry.auth in contractlint.yaml (username_env and password_env, or bearer_env) and export those variables"
	case http.StatusForbidden:
		return "403 Forbidden: the credentials are valid but may not do this (reading subjects, or registering, needs the matching role)"
	case http.StatusNotFound:
		return "404 Not Found: is the registry URL right (it is the API root, e.g. https://host:8081 or https://host/apis/ccompat/v7)?"
	case http.StatusConflict:
		return "409 Conflict: the registry rejects the schema as incompatible"
	case http.StatusUnprocessableEntity:
		return "422 Unprocessable Entity: the registry rejects the request as invalid"
	case http.StatusTooManyRequests:
		return "429 Too Many Requests: rate limited, and retrying did not help"
	}
	if status >= 500 {
		return fmt.Sprintf("%d %s: the registry failed, and retrying did not help", status, http.StatusText(status))
	}
	return fmt.Sprintf("unexpected %d %s", status, http.StatusText(status))
}

// notFound reports whether err is a registry answer with one of codes, or a
// plain 404 when codes is empty.
func notFound(err error, codes ...int) bool {
	var e *Error
	if !errors.As(err, &e) || !e.NotFound() {
		return false
	}
	if len(codes) == 0 {
		return true
	}
	for _, c := range codes {
		if e.Code == c {
			return true
		}
	}
	return false
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
