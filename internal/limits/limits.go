package limits

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/contractlint/contractlint/internal/httplimit"
)

// Limits are the bounds of one run. A zero field means "no limit".
type Limits struct {
	// MaxFileSize is the largest input file, in bytes.
	MaxFileSize int64
	// MaxTotalSize bounds the bytes of all files one comparison reads
	// (old and new side, every format together).
	MaxTotalSize int64
	// MaxDepth bounds the nesting of a schema document: JSON or YAML
	// objects and arrays in a JSON Schema or an Avro schema, messages and
	// option values in a protobuf file. Parsers recurse, so depth is never
	// unlimited: zero means [DepthCeiling] (see [Limits.Depth]).
	MaxDepth int
	// MaxDeclarations bounds the declarations of one protobuf file: its
	// statements (fields, enum values, options, imports...) and blocks
	// (messages, enums, services...). Compiling costs tens of
	// microseconds and kilobytes per declaration, whatever the file's
	// size. Zero means no limit.
	MaxDeclarations int
	// MemoryLimit bounds the process's memory, in bytes; see [Guard].
	MemoryLimit int64
	// HTTPTimeout bounds one request to a service (the GitHub API, a
	// schema registry), response body included.
	HTTPTimeout time.Duration
	// MaxResponseSize bounds one response body from such a service.
	MaxResponseSize int64
	// PublishTimeout bounds all of check's publishing on GitHub,
	// retries and rate-limit waits included.
	PublishTimeout time.Duration
}

// Default values of the limits; see [Defaults].
const (
	DefaultMaxFileSize  = 16 << 20
	DefaultMaxTotalSize = 1 << 30
	DefaultMaxDepth     = 2500
	// DefaultMaxDeclarations is about twice the largest protobuf file of
	// googleapis (compute/v1/compute.proto: 22,332).
	DefaultMaxDeclarations = 50_000
	// DepthCeiling is the largest depth limit that may be set: deeper
	// recursion would risk the goroutine stack.
	DepthCeiling           = 1_000_000
	DefaultHTTPTimeout     = 30 * time.Second
	DefaultMaxResponseSize = 32 << 20
	DefaultPublishTimeout  = 2 * time.Minute
	// DefaultMemoryShare is the share of the machine's (or cgroup's)
	// memory that the default memory limit allows, in percent.
	DefaultMemoryShare = 75
)

// Names of the environment variables that override the limits.
const (
	EnvMaxFileSize     = "CONTRACTLINT_MAX_FILE_SIZE"
	EnvMaxTotalSize    = "CONTRACTLINT_MAX_TOTAL_SIZE"
	EnvMaxDepth        = "CONTRACTLINT_MAX_DEPTH"
	EnvMaxDeclarations = "CONTRACTLINT_MAX_DECLARATIONS"
	EnvMemoryLimit     = "CONTRACTLINT_MEMORY_LIMIT"

	EnvHTTPTimeout     = "CONTRACTLINT_HTTP_TIMEOUT"
	EnvMaxResponseSize = "CONTRACTLINT_MAX_RESPONSE_SIZE"
	EnvPublishTimeout  = "CONTRACTLINT_PUBLISH_TIMEOUT"
)

// Defaults returns the limits used when nothing overrides them. The memory
// limit is [DefaultMemoryShare] percent of [MachineMemory], or none when
// the machine's memory is unknown.
func Defaults() Limits {
	return Limits{
		MaxFileSize:     DefaultMaxFileSize,
		MaxTotalSize:    DefaultMaxTotalSize,
		MaxDepth:        DefaultMaxDepth,
		MaxDeclarations: DefaultMaxDeclarations,
		MemoryLimit:     int64(MachineMemory() / 100 * DefaultMemoryShare),

		HTTPTimeout:     DefaultHTTPTimeout,
		MaxResponseSize: DefaultMaxResponseSize,
		PublishTimeout:  DefaultPublishTimeout,
	}
}

// FromEnv returns [Defaults] overridden by the CONTRACTLINT_MAX_* and
// CONTRACTLINT_MEMORY_LIMIT variables that getenv returns (os.Getenv in the
// CLI). An unparsable value is an error naming the variable.
func FromEnv(getenv func(string) string) (Limits, error) {
	l := Defaults()
	var errs []error
	size := func(name string, dst *int64) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			n, err := ParseSize(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: %w", name, v, err))
				return
			}
			*dst = n
		}
	}
	size(EnvMaxFileSize, &l.MaxFileSize)
	size(EnvMaxTotalSize, &l.MaxTotalSize)
	size(EnvMemoryLimit, &l.MemoryLimit)
	size(EnvMaxResponseSize, &l.MaxResponseSize)
	duration := func(name string, dst *time.Duration) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			if strings.EqualFold(v, "off") || v == "0" {
				*dst = 0
				return
			}
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				errs = append(errs, fmt.Errorf("%s=%q: want a duration such as 30s or 2m, or 0 or off for no limit", name, v))
				return
			}
			*dst = d
		}
	}
	duration(EnvHTTPTimeout, &l.HTTPTimeout)
	duration(EnvPublishTimeout, &l.PublishTimeout)
	if v := strings.TrimSpace(getenv(EnvMaxDepth)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > DepthCeiling {
			errs = append(errs, fmt.Errorf("%s=%q: want a number of levels from 1 to %d", EnvMaxDepth, v, DepthCeiling))
		} else {
			l.MaxDepth = n
		}
	}
	if v := strings.TrimSpace(getenv(EnvMaxDeclarations)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("%s=%q: want a number of declarations, or 0 for no limit", EnvMaxDeclarations, v))
		} else {
			l.MaxDeclarations = n
		}
	}
	return l, errors.Join(errs...)
}

// Depth is the effective nesting-depth limit: MaxDepth, or [DepthCeiling]
// when MaxDepth is zero or above it.
func (l Limits) Depth() int {
	if l.MaxDepth <= 0 || l.MaxDepth > DepthCeiling {
		return DepthCeiling
	}
	return l.MaxDepth
}

// HTTP returns a transport over base (nil: http.DefaultTransport) bounded
// by l's HTTPTimeout and MaxResponseSize, whose errors name service and the
// variables that raise the limits. Wrap it in any retrying transport, so
// that every attempt has its own deadline.
func (l Limits) HTTP(base http.RoundTripper, service string) *httplimit.Transport {
	t := &httplimit.Transport{Base: base, Service: service, Timeout: l.HTTPTimeout, MaxBody: l.MaxResponseSize,
		TimeoutHint: "raise the limit with " + EnvHTTPTimeout + "=2m",
		SizeHint:    "raise the limit with " + EnvMaxResponseSize + "=128MiB"}
	if t.Timeout == 0 {
		t.Timeout = -1
	}
	if t.MaxBody == 0 {
		t.MaxBody = -1
	}
	return t
}

// ParseSize parses a size such as 16777216, 16MiB, 20MB or 1.5GiB; 0 and
// "off" mean no limit (0).
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "off") {
		return 0, nil
	}
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := s, ""
	if i >= 0 {
		num, unit = s[:i], strings.TrimSpace(s[i:])
	}
	mult, ok := units[strings.ToLower(unit)]
	f, err := strconv.ParseFloat(num, 64)
	if !ok || err != nil || f < 0 || f*float64(mult) > 1<<62 {
		return 0, fmt.Errorf("want a size such as 16MiB, 500MB or 2GiB, or 0 or off for no limit")
	}
	return int64(f * float64(mult)), nil
}

var units = map[string]int64{
	"": 1, "b": 1,
	"k": 1 << 10, "kb": 1000, "kib": 1 << 10,
	"m": 1 << 20, "mb": 1000 * 1000, "mib": 1 << 20,
	"g": 1 << 30, "gb": 1000 * 1000 * 1000, "gib": 1 << 30,
}

// FormatSize renders a byte count for messages: "16 MiB", "1.5 GiB",
// "1000 bytes".
func FormatSize(n int64) string {
	for _, u := range []struct {
		shift int
		name  string
	}{{30, "GiB"}, {20, "MiB"}, {10, "KiB"}} {
		if n >= 1<<u.shift {
			return strconv.FormatFloat(float64(n)/float64(int64(1)<<u.shift), 'g', 4, 64) + " " + u.name
		}
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// Error is a limit exceeded by an input. Its message names the limit, the
// file and how to raise the limit.
type Error struct {
	// Limit names the limit: "file size", "total input size", "nesting
	// depth" or "memory".
	Limit string
	// File is the file that exceeded it, as the loader names it; empty
	// when no single file is to blame.
	File string
	// Got is the size or depth seen (at least Got), Max the limit.
	Got, Max int64
	// Env is the environment variable that raises the limit.
	Env string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	switch e.Limit {
	case "nesting depth":
		fmt.Fprintf(&b, "nested deeper than the nesting-depth limit of %d levels", e.Max)
	case "declarations":
		fmt.Fprintf(&b, "more than %d declarations (fields, options, messages...), the per-file limit", e.Max)
	case "total input size":
		fmt.Fprintf(&b, "the files of this comparison exceed the total-input-size limit of %s (%s read so far)", FormatSize(e.Max), FormatSize(e.Got))
	default:
		fmt.Fprintf(&b, "%s exceeds the %s limit of %s", FormatSize(e.Got), e.Limit, FormatSize(e.Max))
	}
	switch e.Limit {
	case "nesting depth":
		fmt.Fprintf(&b, "; raise it with %s=%s", e.Env, e.suggest())
	case "declarations":
		fmt.Fprintf(&b, "; raise it with %s=%s (0 lifts it)", e.Env, e.suggest())
	case "memory":
		fmt.Fprintf(&b, "; stopped before the system's out-of-memory killer would. On a machine with more memory, raise it with %s=%s (0 lifts it)", e.Env, e.suggest())
	default:
		fmt.Fprintf(&b, "; raise it with %s=%s (0 lifts it)", e.Env, e.suggest())
	}
	return b.String()
}

// suggest proposes a raised value: four times the limit, in whole MiB for
// sizes.
func (e *Error) suggest() string {
	if e.Limit == "nesting depth" || e.Limit == "declarations" {
		return strconv.FormatInt(e.Max*4, 10)
	}
	return strconv.FormatInt((e.Max*4+(1<<20)-1)>>20, 10) + "MiB"
}

// DepthError is the error for a document nested deeper than max levels;
// file may be empty when the caller locates the error itself.
func DepthError(file string, max int) *Error {
	return &Error{Limit: "nesting depth", File: file, Got: int64(max) + 1, Max: int64(max), Env: EnvMaxDepth}
}

// DeclarationsError is the error for a protobuf file with more than max
// declarations; file is where the one past the limit is (file:line:col).
func DeclarationsError(file string, max int) *Error {
	return &Error{Limit: "declarations", File: file, Got: int64(max) + 1, Max: int64(max), Env: EnvMaxDeclarations}
}

type limitsKey struct{}

type budgetKey struct{}

// With returns a context that carries l.
func With(ctx context.Context, l Limits) context.Context {
	return context.WithValue(ctx, limitsKey{}, l)
}

// From returns the limits ctx carries, or [Defaults] without the memory
// limit (which only the CLI enforces) when it carries none.
func From(ctx context.Context) Limits {
	if l, ok := ctx.Value(limitsKey{}).(Limits); ok {
		return l
	}
	l := Defaults()
	l.MemoryLimit = 0
	return l
}

// budget counts the bytes one comparison has read.
type budget struct{ used atomic.Int64 }

// WithBudget returns a context in which [ReadFile] counts bytes against the
// total-input-size limit; a context that already has a budget is returned
// unchanged, so that one comparison shares one budget across its engines.
func WithBudget(ctx context.Context) context.Context {
	if _, ok := ctx.Value(budgetKey{}).(*budget); ok {
		return ctx
	}
	return context.WithValue(ctx, budgetKey{}, &budget{})
}

// Charge counts n bytes of file against the total-input-size limit of
// ctx's budget (see [WithBudget]); without a budget it does nothing. Loaders
// that read files without [ReadFile] call it.
func Charge(ctx context.Context, file string, n int64) error {
	b, ok := ctx.Value(budgetKey{}).(*budget)
	if !ok {
		return nil
	}
	used := b.used.Add(n)
	if max := From(ctx).MaxTotalSize; max > 0 && used > max {
		return &Error{Limit: "total input size", File: file, Got: used, Max: max, Env: EnvMaxTotalSize}
	}
	return nil
}

// CheckFileSize returns an [*Error] when size exceeds the file-size limit
// of ctx.
func CheckFileSize(ctx context.Context, file string, size int64) error {
	if max := From(ctx).MaxFileSize; max > 0 && size > max {
		return &Error{Limit: "file size", File: file, Got: size, Max: max, Env: EnvMaxFileSize}
	}
	return nil
}

// ReadFile reads name from fsys within the limits of ctx: a file larger
// than the file-size limit is refused before it is read (or, when its size
// is not known in advance, as soon as it exceeds the limit), and its bytes
// count against the comparison's total-input-size budget. Errors are
// [*Error] values or the file system's.
func ReadFile(ctx context.Context, fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	max := From(ctx).MaxFileSize
	var size int64 = -1
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
		if err := CheckFileSize(ctx, name, size); err != nil {
			return nil, err
		}
		// Refuse a file that cannot fit the budget before reading it.
		if b, ok := ctx.Value(budgetKey{}).(*budget); ok {
			if max := From(ctx).MaxTotalSize; max > 0 && b.used.Load()+charged(ctx, size) > max {
				return nil, &Error{Limit: "total input size", File: name, Got: b.used.Load() + charged(ctx, size), Max: max, Env: EnvMaxTotalSize}
			}
		}
	}
	var r io.Reader = f
	if max > 0 {
		r = io.LimitReader(f, max+1)
	}
	var buf bytes.Buffer
	if size >= 0 && size < 1<<31 {
		buf.Grow(int(size) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	data := buf.Bytes()
	if err := CheckFileSize(ctx, name, int64(len(data))); err != nil {
		return nil, err
	}
	if err := Charge(ctx, name, charged(ctx, int64(len(data)))); err != nil {
		return nil, err
	}
	return data, nil
}

type countedKey struct{}

// Counted returns a context under which [ReadFile] does not count a file's
// bytes against the total-input-size budget: for a read of a file that
// another read counts, before or after it (a second read of a compared
// file, a scan of a header that the loader reads in full later). Such a
// read still fails once the budget is spent, and still refuses a file over
// the file-size limit before reading it.
func Counted(ctx context.Context) context.Context {
	return context.WithValue(ctx, countedKey{}, true)
}

// charged is what reading n bytes costs the budget under ctx.
func charged(ctx context.Context, n int64) int64 {
	if counted, _ := ctx.Value(countedKey{}).(bool); counted {
		return 0
	}
	return n
}
