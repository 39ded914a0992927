package pipeline

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/release"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// releaseRepo is the real handbook in a temporary git repository with n
// releases, each rewording one level's expectation.
func releaseRepo(tb testing.TB, n int) string {
	tb.Helper()
	dir := testkit.Project(tb, filepath.Join(testkit.Root(tb), "content"))
	testkit.Git(tb, dir, "init", "-q")
	testkit.Git(tb, dir, "add", "-A")
	testkit.Git(tb, dir, "commit", "-qm", "Start")
	testkit.Git(tb, dir, "tag", "v1.0.0")
	levels, _ := filepath.Glob(filepath.Join(dir, "content", "ladders", "*", "*.md"))
	var files []string
	for _, l := range levels {
		if filepath.Base(l) != "_index.md" && !strings.HasSuffix(l, ".de.md") { // English sources only
			files = append(files, l)
		}
	}
	for i := 1; i < n; i++ {
		f := files[i%len(files)]
		src := testkit.Read(tb, f)
		testkit.Write(tb, f, strings.Replace(src, "  leadership: ", fmt.Sprintf("  leadership: In release %d, ", i), 1))
		testkit.Git(tb, dir, "commit", "-qam", fmt.Sprintf("Release %d", i))
		testkit.Git(tb, dir, "tag", fmt.Sprintf("v1.%d.0", i))
	}
	return dir
}

// BenchmarkReleases renders the real handbook with five releases, with the
// releases read (and their pages made) and without, alternating build by
// build so that both see the same machine; it reports the median of each
// and their ratio:
//
//	go test -run '^$' -bench Releases -benchtime 10x ./generator/internal/pipeline/
func BenchmarkReleases(b *testing.B) {
	dir := releaseRepo(b, 5)
	none := func(context.Context, string, *content.Loader, *content.Model) *release.History {
		return &release.History{}
	}
	bl, err := New()
	if err != nil {
		b.Fatal(err)
	}
	var without, with []time.Duration
	render := func(rel func(context.Context, string, *content.Loader, *content.Model) *release.History) time.Duration {
		start := time.Now()
		if _, err := bl.Render(context.Background(), Options{Layout: layout.Resolve(layout.Flags{Project: dir}), BaseURL: "/", Releases: rel}, &Report{}); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	for b.Loop() {
		without = append(without, render(none))
		with = append(with, render(nil))
	}
	med := func(ts []time.Duration) float64 {
		slices.Sort(ts)
		return float64(ts[len(ts)/2]) / 1e6
	}
	w, r := med(without), med(with)
	b.ReportMetric(w, "ms-without-releases")
	b.ReportMetric(r, "ms-with-releases")
	b.ReportMetric(r/w, "ratio")
}

// A build reads git once for the history (one `git log`) and once for the
// releases (one `git cat-file --batch` for every object, after listing the
// tags): a wrapper first on PATH counts the calls.
func TestBuildReadsGitOnce(t *testing.T) {
	dir := releaseRepo(t, 3)
	real, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	bin := t.TempDir()
	calls := filepath.Join(t.TempDir(), "calls")
	testkit.Write(t, filepath.Join(bin, "git"), fmt.Sprintf("#!/bin/sh\necho \"$*\" >> %q\nexec %q \"$@\"\n", calls, real))
	if err := os.Chmod(filepath.Join(bin, "git"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	buildOK(t, newBuilder(t), dir, filepath.Join(dir, "public"))
	count := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(testkit.Read(t, calls)), "\n") {
		f := strings.Fields(line)
		if len(f) > 2 && f[0] == "-C" {
			f = f[2:]
		}
		count[f[0]]++
	}
	// rev-parse twice: once for the releases, once to refuse a shallow clone
	// (history.Shallow).
	want := map[string]int{"log": 1, "rev-parse": 2, "for-each-ref": 1, "cat-file": 1}
	if fmt.Sprint(count) != fmt.Sprint(want) {
		t.Errorf("git calls in one build: %v, want %v", count, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "releases", "v1.0.0...v1.2.0", "index.html")); err != nil {
		t.Error("the build made no page for a pair of releases")
	}
}
