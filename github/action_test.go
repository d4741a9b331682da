package github

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/contractlint/contractlint/report"
)

// action is the part of action.yml the tests read.
type action struct {
	Inputs  map[string]struct{ Description, Default string }
	Outputs map[string]struct{ Description, Value string }
	Runs    struct {
		Using string
		Steps []struct {
			ID   string
			Uses string
			Run  string
			If   string
			Env  map[string]string
			With map[string]string
		}
	}
}

func readAction(t *testing.T) (action, string) {
	t.Helper()
	data, err := os.ReadFile("../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a, string(data)
}

var (
	inputRef  = regexp.MustCompile(`inputs\.([A-Za-z0-9_-]+)`)
	stepOut   = regexp.MustCompile(`steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)`)
	outputSet = regexp.MustCompile(`echo "([a-z-]+)=`)
)

// Every input and output action.yml mentions is declared and used, the
// interface is the one the documentation promises, and every step output
// it reads is written by its step (or by contractlint itself).
func TestActionInterface(t *testing.T) {
	t.Parallel()
	a, text := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	wantIn := []string{"against", "check-run", "comment", "config", "fail-on", "github-token", "registry-password", "registry-push",
		"registry-token", "registry-url", "registry-username", "sarif-file", "version", "working-directory"}
	wantOut := []string{"breaking-count", "impact", "report"}
	var gotIn, gotOut []string
	for k, v := range a.Inputs {
		gotIn = append(gotIn, k)
		if strings.TrimSpace(v.Description) == "" {
			t.Errorf("input %s has no description", k)
		}
	}
	for k, v := range a.Outputs {
		gotOut = append(gotOut, k)
		if strings.TrimSpace(v.Description) == "" {
			t.Errorf("output %s has no description", k)
		}
	}
	slices.Sort(gotIn)
	slices.Sort(gotOut)
	if !slices.Equal(gotIn, wantIn) || !slices.Equal(gotOut, wantOut) {
		t.Errorf("inputs %v outputs %v; want %v and %v", gotIn, gotOut, wantIn, wantOut)
	}

	_, runs, _ := strings.Cut(text, "\nruns:")
	used := map[string]bool{}
	for _, m := range inputRef.FindAllStringSubmatch(runs, -1) {
		used[m[1]] = true
		if _, ok := a.Inputs[m[1]]; !ok {
			t.Errorf("runs uses undeclared input %q", m[1])
		}
	}
	for k := range a.Inputs {
		if !used[k] {
			t.Errorf("input %q is declared but never used", k)
		}
	}

	// Which step writes which output.
	written := map[string]map[string]bool{}
	for _, s := range a.Runs.Steps {
		w := map[string]bool{}
		for _, m := range outputSet.FindAllStringSubmatch(s.Run, -1) {
			w[m[1]] = true
		}
		if strings.HasPrefix(s.Uses, "actions/cache@") {
			w["cache-hit"] = true
		}
		if strings.Contains(s.Run, "contractlint \"${args[@]}\"") {
			// contractlint check writes these itself (see StepOutputs).
			for k := range StepOutputs(report.New("check", nil)) {
				w[k] = true
			}
		}
		if s.ID != "" {
			written[s.ID] = w
		}
	}
	for _, m := range stepOut.FindAllStringSubmatch(text, -1) {
		if !written[m[1]][m[2]] {
			t.Errorf("steps.%s.outputs.%s is read but step %q never writes it", m[1], m[2], m[1])
		}
	}
	for name, o := range a.Outputs {
		if !stepOut.MatchString(o.Value) {
			t.Errorf("output %s = %q is not a step output", name, o.Value)
		}
	}

	// The documentation names every input and output.
	doc, err := os.ReadFile("../docs/github-action.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range append(wantIn, wantOut...) {
		if !strings.Contains(string(doc), "`"+k+"`") {
			t.Errorf("docs/github-action.md does not document `%s`", k)
		}
	}
}

// The workflows that use the action pass only inputs it declares.
func TestWorkflowsUseDeclaredInputs(t *testing.T) {
	t.Parallel()
	a, _ := readAction(t)
	files, _ := filepath.Glob("../.github/workflows/*.yml")
	if len(files) < 3 {
		t.Fatalf("workflows: %v", files)
	}
	usesAction := false
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var wf struct {
			Jobs map[string]struct {
				Steps []struct {
					Uses string
					With map[string]string
				}
			}
		}
		if err := yaml.Unmarshal(data, &wf); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, j := range wf.Jobs {
			for _, s := range j.Steps {
				if s.Uses != "./" && !strings.HasPrefix(s.Uses, "contractlint/contractlint@") {
					continue
				}
				usesAction = true
				for k := range s.With {
					if _, ok := a.Inputs[k]; !ok {
						t.Errorf("%s passes undeclared input %q", f, k)
					}
				}
			}
		}
	}
	if !usesAction {
		t.Error("no workflow uses the action")
	}
}

// fakeRelease serves a release the way GitHub does: releases/latest
// redirects to the tag, assets live under releases/download/TAG/.
func fakeRelease(t *testing.T, tag string, assets map[string][]byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/releases/latest":
			http.Redirect(w, r, "/releases/tag/"+tag, http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/releases/tag/"):
			fmt.Fprint(w, "release page")
		default:
			name, ok := strings.CutPrefix(r.URL.Path, "/releases/download/"+tag+"/")
			if data, found := assets[name]; ok && found {
				w.Write(data)
				return
			}
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func tarGz(t *testing.T, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(content))})
	tw.Write([]byte(content))
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

// runSteps runs the action's resolve and install steps with bash, as the
// runner would, and returns the install directory and the combined output.
func runSteps(t *testing.T, version, releases string, runner ...string) (string, string, error) {
	t.Helper()
	a, _ := readAction(t)
	tmp := t.TempDir()
	out := filepath.Join(tmp, "github_output")
	bin := filepath.Join(tmp, "bin")
	os.Mkdir(bin, 0o755)
	// A stand-in for go that records how it was called.
	os.WriteFile(filepath.Join(bin, "go"), []byte("#!/bin/sh\necho \"go $*\" >> \""+tmp+"/go.log\"\nprintf '#!/bin/sh\\necho built\\n' > \"$GOBIN/contractlint\"\nchmod +x \"$GOBIN/contractlint\"\n"), 0o755)
	if len(runner) == 0 {
		runner = []string{"RUNNER_OS=Linux", "RUNNER_ARCH=X64"}
	}
	env := append(append(os.Environ(), runner...), "RUNNER_TOOL_CACHE="+tmp+"/cache",
		"RUNNER_TEMP="+tmp, "GITHUB_OUTPUT="+out, "CONTRACTLINT_RELEASES_URL="+releases,
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	var log bytes.Buffer
	vars := map[string]string{}
	for _, s := range a.Runs.Steps {
		if s.ID != "resolve" && s.ID != "install" {
			continue
		}
		cmd := exec.CommandContext(t.Context(), "bash", "-c", s.Run)
		cmd.Env = slices.Clone(env)
		for k, v := range s.Env {
			// ${{ steps.resolve.outputs.X }} → what resolve wrote.
			if m := stepOut.FindStringSubmatch(v); m != nil {
				v = vars[m[2]]
			}
			if m := inputRef.FindStringSubmatch(v); m != nil {
				v = map[string]string{"version": version}[m[1]]
			}
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Run(); err != nil {
			return "", log.String(), err
		}
		data, _ := os.ReadFile(out)
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				vars[k] = v
			}
		}
	}
	gl, _ := os.ReadFile(filepath.Join(tmp, "go.log"))
	return vars["dir"], log.String() + string(gl), nil
}

// The action installs the released binary after checking it against
// checksums.txt, refuses one that does not match, and falls back to go
// install when the release has no such asset.
func TestActionInstall(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"bash", "curl", "tar", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	archive := tarGz(t, "contractlint", "#!/bin/sh\necho released\n")
	sum := sha256.Sum256(archive)
	name := "contractlint_9.9.9_linux_amd64.tar.gz"
	good := fakeRelease(t, "v9.9.9", map[string][]byte{name: archive,
		"checksums.txt": []byte(hex.EncodeToString(sum[:]) + "  " + name + "\n")})
	dir, log, err := runSteps(t, "latest", good.URL+"/releases")
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	if got, err := exec.Command(filepath.Join(dir, "contractlint")).Output(); err != nil || string(got) != "released\n" || !strings.Contains(dir, "/v9.9.9/amd64") {
		t.Errorf("installed %q in %s: %v\n%s", got, dir, err, log)
	}

	bad := fakeRelease(t, "v9.9.9", map[string][]byte{name: archive,
		"checksums.txt": []byte(strings.Repeat("0", 64) + "  " + name + "\n")})
	dir, log, err = runSteps(t, "v9.9.9", bad.URL+"/releases")
	if err == nil || !strings.Contains(log, "does not match checksums.txt") {
		t.Errorf("a mismatching binary was accepted: %v\n%s", err, log)
	}
	if _, err := os.Stat(filepath.Join(dir, "contractlint")); dir != "" && err == nil {
		t.Error("a mismatching binary was installed")
	}

	empty := fakeRelease(t, "v9.9.9", nil)
	dir, log, err = runSteps(t, "v9.9.9", empty.URL+"/releases")
	if err != nil || !strings.Contains(log, "go install github.com/contractlint/contractlint/cmd/contractlint@v9.9.9") {
		t.Errorf("no fallback to go install: %v\n%s", err, log)
	}
	if _, err := os.Stat(filepath.Join(dir, "contractlint")); err != nil {
		t.Errorf("fallback installed nothing: %v", err)
	}

	if _, log, err := runSteps(t, "1.2.3; rm -rf /", empty.URL+"/releases"); err == nil || !strings.Contains(log, "is not a release tag") {
		t.Errorf("a malformed version was accepted: %v\n%s", err, log)
	}

	// Windows on Arm gets the .zip with contractlint.exe.
	if _, err := exec.LookPath("unzip"); err != nil {
		t.Skip("unzip not installed")
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	fw, _ := zw.Create("contractlint.exe")
	fw.Write([]byte("#!/bin/sh\necho windows\n"))
	zw.Close()
	zsum := sha256.Sum256(zbuf.Bytes())
	zname := "contractlint_9.9.9_windows_arm64.zip"
	win := fakeRelease(t, "v9.9.9", map[string][]byte{zname: zbuf.Bytes(),
		"checksums.txt": []byte(hex.EncodeToString(sum[:]) + "  " + name + "\n" + hex.EncodeToString(zsum[:]) + "  " + zname + "\n")})
	dir, log, err = runSteps(t, "v9.9.9", win.URL+"/releases", "RUNNER_OS=Windows", "RUNNER_ARCH=ARM64")
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	if got, err := exec.Command(filepath.Join(dir, "contractlint.exe")).Output(); err != nil || string(got) != "windows\n" || !strings.Contains(dir, "/v9.9.9/arm64") {
		t.Errorf("installed %q in %s: %v\n%s", got, dir, err, log)
	}
}

func TestStepOutputs(t *testing.T) {
	t.Parallel()
	r := sample("x")
	path := filepath.Join(t.TempDir(), "out")
	if err := WriteStepOutputs(path, r); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if string(data) != "breaking-count=1\nimpact=major\n" {
		t.Errorf("outputs:\n%s", data)
	}
}
