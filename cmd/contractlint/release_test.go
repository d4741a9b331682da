package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The release build (.goreleaser.yaml) injects version, commit and date
// into variables that exist, `contractlint version` shows them, and the
// archives are named the way the action downloads them.
func TestReleaseBuildInjectsVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Parallel()
	data, err := os.ReadFile("../../.goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Version int
		Builds  []struct {
			Main    string
			Env     []string
			Goos    []string
			Goarch  []string
			Flags   []string
			Ldflags []string
		}
		Archives []struct {
			NameTemplate string `yaml:"name_template"`
			Formats      []string
		}
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
		}
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Version != 2 || len(cfg.Builds) != 1 || len(cfg.Archives) != 1 {
		t.Fatalf("unexpected shape: %+v", cfg)
	}
	b := cfg.Builds[0]
	slices.Sort(b.Goos)
	slices.Sort(b.Goarch)
	if b.Main != "./cmd/contractlint" || !slices.Contains(b.Env, "CGO_ENABLED=0") ||
		!slices.Equal(b.Goos, []string{"darwin", "linux", "windows"}) || !slices.Equal(b.Goarch, []string{"amd64", "arm64"}) ||
		!slices.Contains(b.Flags, "-trimpath") {
		t.Errorf("build: %+v", b)
	}
	action, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Archives[0].NameTemplate != "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}" ||
		!strings.Contains(string(action), `archive="contractlint_${TAG#v}_${OS}_${ARCH}.$ext"`) ||
		cfg.Checksum.NameTemplate != "checksums.txt" || !strings.Contains(string(action), "/checksums.txt") {
		t.Error("the archive or checksum names in .goreleaser.yaml and action.yml disagree")
	}

	ldflags := strings.NewReplacer("{{ .Version }}", "9.8.7", "{{ .Commit }}", "0123456789abcdef", "{{ .Date }}", "2026-01-02T03:04:05Z").
		Replace(strings.Join(b.Ldflags, " "))
	if strings.Contains(ldflags, "{{") {
		t.Fatalf("ldflags use templates the test does not know: %s", ldflags)
	}
	bin := filepath.Join(t.TempDir(), "contractlint")
	// Without the release's -trimpath, so that the build cache serves the
	// dependencies.
	build := exec.CommandContext(t.Context(), "go", "build", "-o", bin, "-ldflags", ldflags, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.CommandContext(t.Context(), bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "contractlint 9.8.7 (commit 0123456789ab, built 2026-01-02T03:04:05Z)\n"; string(out) != want {
		t.Errorf("version printed %q, want %q", out, want)
	}
}

// The release workflow starts on semver tags only (pushing the moving tags
// v1 or v1.2 must not start a release), and moves vX and vX.Y after a
// release that is not a pre-release.
func TestReleaseWorkflowTriggers(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../.github/workflows/release.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On struct {
			Push struct {
				Tags []string
			}
		}
		Jobs map[string]struct {
			Steps []struct {
				Name string
				If   string
				Run  string
			}
		}
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	matches := func(tag string) bool {
		for _, p := range wf.On.Push.Tags {
			if githubGlob(p).MatchString(tag) {
				return true
			}
		}
		return false
	}
	for tag, want := range map[string]bool{
		"v1.2.3": true, "v10.20.30": true, "v1.3.0-rc.1": true,
		"v1": false, "v1.2": false, "v2": false, "latest": false, "orders/v1.2.3": false, "1.2.3": false,
	} {
		if got := matches(tag); got != want {
			t.Errorf("tag %s starts a release: %v, want %v (patterns %q)", tag, got, want, wf.On.Push.Tags)
		}
	}
	var moves bool
	for _, s := range wf.Jobs["goreleaser"].Steps {
		if strings.Contains(s.Run, `git push --force origin "refs/tags/$MAJOR" "refs/tags/$MINOR"`) {
			moves = strings.Contains(s.If, "prerelease == 'false'")
		}
	}
	if !moves {
		t.Error("the release job does not move vX and vX.Y after a final release")
	}
}

// githubGlob translates the subset of GitHub's filter pattern syntax the
// workflow uses (*, ?, +, [...]) into an anchored regular expression.
func githubGlob(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '*':
			if i+1 < len(p) && p[i+1] == '*' {
				b.WriteString(".*")
				i++
			} else {
				b.WriteString("[^/]*")
			}
		case '?', '+':
			b.WriteByte(c)
		case '[':
			j := strings.IndexByte(p[i:], ']')
			b.WriteString(p[i : i+j+1])
			i += j
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}
