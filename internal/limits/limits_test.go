package limits

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestParseSize(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int64{
		"0": 0, "off": 0, "OFF": 0, "1024": 1024, "16MiB": 16 << 20, "16 MiB": 16 << 20, "20MB": 20e6,
		"1.5GiB": 3 << 29, "64k": 64 << 10, "2G": 2 << 30, "10b": 10,
	} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MiB", "-1", "12 parsecs", "1e400", "99999999999GiB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) succeeded", in)
		}
	}
}

func TestFormatSize(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{16 << 20: "16 MiB", 3 << 29: "1.5 GiB", 1000: "1000 bytes", 4 << 30: "4 GiB", 1536: "1.5 KiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q; want %q", n, got, want)
		}
	}
}

func TestFromEnv(t *testing.T) {
	t.Parallel()
	env := map[string]string{EnvMaxFileSize: "64MiB", EnvMaxTotalSize: "off", EnvMaxDepth: "100", EnvMemoryLimit: "2GiB",
		EnvMaxDeclarations: "1000", EnvHTTPTimeout: "5s", EnvMaxResponseSize: "1MiB", EnvPublishTimeout: "off"}
	l, err := FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if want := (Limits{MaxFileSize: 64 << 20, MaxTotalSize: 0, MaxDepth: 100, MaxDeclarations: 1000, MemoryLimit: 2 << 30,
		HTTPTimeout: 5 * time.Second, MaxResponseSize: 1 << 20, PublishTimeout: 0}); l != want {
		t.Errorf("FromEnv = %+v; want %+v", l, want)
	}
	l, err = FromEnv(func(string) string { return "" })
	if err != nil || l != Defaults() {
		t.Errorf("FromEnv of nothing = %+v, %v; want the defaults %+v", l, err, Defaults())
	}
	if d := (Limits{}).Depth(); d != DepthCeiling {
		t.Errorf("Depth of no limit = %d; want the ceiling %d", d, DepthCeiling)
	}
	env = map[string]string{EnvMaxFileSize: "big", EnvMaxDepth: "0", EnvHTTPTimeout: "soon", EnvMaxDeclarations: "many"}
	_, err = FromEnv(func(k string) string { return env[k] })
	for _, want := range []string{EnvMaxFileSize + `="big"`, EnvMaxDepth + `="0"`, EnvHTTPTimeout + `="soon"`, EnvMaxDeclarations + `="many"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("FromEnv error %v; want it to name %s", err, want)
		}
	}
}

func TestReadFile(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"small.avsc": {Data: []byte(strings.Repeat("x", 100))},
		"big.avsc":   {Data: []byte(strings.Repeat("x", 2000))},
	}
	ctx := With(t.Context(), Limits{MaxFileSize: 1000, MaxTotalSize: 250, MaxDepth: 10})
	if data, err := ReadFile(ctx, fsys, "small.avsc"); err != nil || len(data) != 100 {
		t.Fatalf("ReadFile(small) = %d bytes, %v", len(data), err)
	}
	_, err := ReadFile(ctx, fsys, "big.avsc")
	wantLimit(t, err, "file size", "big.avsc: 1.953 KiB exceeds the file size limit of 1000 bytes; raise it with CONTRACTLINT_MAX_FILE_SIZE=1MiB")
	_, err = ReadFile(ctx, fsys, "missing.avsc")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile(missing) = %v; want not-exist", err)
	}

	// The total counts within one budget only.
	ctx = WithBudget(ctx)
	if WithBudget(ctx) != ctx {
		t.Error("WithBudget replaced an existing budget")
	}
	for range 2 {
		if _, err := ReadFile(ctx, fsys, "small.avsc"); err != nil {
			t.Fatal(err)
		}
	}
	_, err = ReadFile(ctx, fsys, "small.avsc")
	wantLimit(t, err, "total input size", "small.avsc: the files of this comparison exceed the total-input-size limit of 250 bytes (300 bytes read so far); raise it with CONTRACTLINT_MAX_TOTAL_SIZE=1MiB")

	// No limits: anything goes.
	ctx = WithBudget(With(t.Context(), Limits{}))
	for range 3 {
		if _, err := ReadFile(ctx, fsys, "big.avsc"); err != nil {
			t.Fatal(err)
		}
	}
}

// unsized is a file whose size is not known before it is read (a pipe, a
// git blob streamed without its header).
type unsized struct{ fs.File }

func (unsized) Stat() (fs.FileInfo, error) { return nil, errors.New("no stat") }

type unsizedFS struct{ fstest.MapFS }

func (u unsizedFS) Open(name string) (fs.File, error) {
	f, err := u.MapFS.Open(name)
	return unsized{f}, err
}

func TestReadFileUnsized(t *testing.T) {
	t.Parallel()
	fsys := unsizedFS{fstest.MapFS{"big.json": {Data: make([]byte, 5000)}}}
	_, err := ReadFile(With(t.Context(), Limits{MaxFileSize: 1000}), fsys, "big.json")
	wantLimit(t, err, "file size", "big.json: 1001 bytes exceeds the file size limit of 1000 bytes")
}

func TestDepthError(t *testing.T) {
	t.Parallel()
	wantLimit(t, DepthError("a.avsc", 500), "nesting depth", "a.avsc: nested deeper than the nesting-depth limit of 500 levels; raise it with CONTRACTLINT_MAX_DEPTH=2000")
}

func TestFromWithout(t *testing.T) {
	t.Parallel()
	l := From(context.Background())
	if l.MaxFileSize != DefaultMaxFileSize || l.MaxDepth != DefaultMaxDepth || l.MemoryLimit != 0 {
		t.Errorf("From(no limits) = %+v; want the defaults without a memory limit", l)
	}
}

func TestMachineMemory(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"/proc/meminfo":             "MemTotal:       8000000 kB\nMemFree: 1 kB\n",
		"/sys/fs/cgroup/memory.max": "2147483648\n",
	}
	read := func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, fs.ErrNotExist
	}
	if got := machineMemory(read); got != 2<<30 {
		t.Errorf("with a cgroup limit: %d; want %d", got, 2<<30)
	}
	files["/sys/fs/cgroup/memory.max"] = "max\n"
	if got := machineMemory(read); got != 8000000<<10 {
		t.Errorf("with cgroup max: %d; want MemTotal %d", got, 8000000<<10)
	}
	delete(files, "/proc/meminfo")
	files["/sys/fs/cgroup/memory/memory.limit_in_bytes"] = "9223372036854771712\n"
	if got := machineMemory(read); got != 0 {
		t.Errorf("unknown: %d; want 0", got)
	}
}

func TestWatch(t *testing.T) {
	t.Parallel()
	got := make(chan *Error, 2)
	use := uint64(100)
	var mu = make(chan struct{}, 1)
	mu <- struct{}{}
	inUse := func() uint64 { <-mu; defer func() { mu <- struct{}{} }(); return use }
	watch(t.Context(), 1000, time.Millisecond, inUse, func(e *Error) { got <- e })
	select {
	case e := <-got:
		t.Fatalf("exceeded at 100 of 1000 bytes: %v", e)
	case <-time.After(20 * time.Millisecond):
	}
	<-mu
	use = 5000
	mu <- struct{}{}
	e := <-got
	wantLimit(t, e, "memory", "4.883 KiB exceeds the memory limit of 1000 bytes; stopped before the system's out-of-memory killer would. On a machine with more memory, raise it with CONTRACTLINT_MEMORY_LIMIT=1MiB")
}

func wantLimit(t *testing.T, err error, limit, msg string) {
	t.Helper()
	var le *Error
	if !errors.As(err, &le) || le.Limit != limit {
		t.Fatalf("got %v; want a %s *Error", err, limit)
	}
	if !strings.HasPrefix(err.Error(), msg) {
		t.Errorf("message\n%s\nwant it to start with\n%s", err, msg)
	}
}

// TestCounted: a read under Counted does not count the file again, and
// still fails once the budget is spent.
func TestCounted(t *testing.T) {
	fsys := fstest.MapFS{"a": {Data: []byte("0123456789")}}
	ctx := WithBudget(With(context.Background(), Limits{MaxTotalSize: 15}))
	if _, err := ReadFile(ctx, fsys, "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(Counted(ctx), fsys, "a"); err != nil {
		t.Errorf("the same file again, counted already: %v", err)
	}
	if _, err := ReadFile(ctx, fsys, "a"); err == nil {
		t.Error("20 bytes read against a budget of 15")
	}
	if err := Charge(ctx, "b", 10); err == nil {
		t.Error("20 bytes counted against a budget of 15")
	}
	if _, err := ReadFile(Counted(ctx), fsys, "a"); err == nil {
		t.Error("a counted read once the budget is spent succeeded")
	}
}
