package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// taggedRepo is the mini handbook in git: v1.0.0, v1.1.0 (Junior's craft
// expectation reworded), v1.2.0 (Pricing's summary reworded), then a
// commit on main and a branch "feature" from v1.2.0 with one commit.
func taggedRepo(t *testing.T) string {
	t.Helper()
	dir := fixture(t)
	edit := func(rel, old, new string) {
		p := filepath.Join(dir, "content", rel)
		s := testkit.Read(t, p)
		if !strings.Contains(s, old) {
			t.Fatalf("%s lacks %q", rel, old)
		}
		testkit.Write(t, p, strings.Replace(s, old, new, 1))
	}
	testkit.Git(t, dir, "init", "-q")
	testkit.Git(t, dir, "add", "-A")
	testkit.Git(t, dir, "commit", "-qm", "Start")
	testkit.Git(t, dir, "tag", "v1.0.0")
	edit("ladders/pm-track/junior.md", "craft: Does tasks with help.", "craft: Does tasks with little help.")
	testkit.Git(t, dir, "commit", "-qam", "Raise the bar")
	testkit.Git(t, dir, "tag", "-a", "-m", "v1.1.0", "v1.1.0")
	edit("duties/pricing.md", "summary: Setting the price.", "summary: Setting the price well.")
	testkit.Git(t, dir, "commit", "-qam", "Reword pricing")
	testkit.Git(t, dir, "tag", "v1.2.0")
	testkit.Git(t, dir, "checkout", "-q", "-b", "feature")
	edit("duties/backlog.md", "title: ", "title: The ")
	testkit.Git(t, dir, "commit", "-qam", "Feature work")
	testkit.Git(t, dir, "checkout", "-q", "main")
	edit("duties/pricing.md", "Setting the price well.", "Setting the price very well.")
	testkit.Git(t, dir, "commit", "-qam", "More pricing")
	return dir
}

// Issue 32, 3: a shallow clone (GitHub Actions' default) has no history
// and no tags, so build and release refuse it, naming the fix; a pull
// request's summary says why the merge base is missing. --allow-shallow
// builds a local preview with a warning, and after `git fetch --unshallow
// --tags` everything works.
func TestShallowCloneIsRefused(t *testing.T) {
	upstream := taggedRepo(t)
	clone := filepath.Join(t.TempDir(), "clone")
	testkit.Git(t, filepath.Dir(clone), "clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "feature", "file://"+upstream, clone)
	out := filepath.Join(t.TempDir(), "site")
	fixes := []string{"shallow clone", "git fetch --unshallow --tags", "fetch-depth: 0"}
	for _, args := range [][]string{
		{"build", "--out", out},
		{"release"},
		{"release", "--check", "v1.0.0"},
		{"check", "--base", "origin/main", "--summary", "-"},
	} {
		code, stdout, stderr := runCLI(t, nil, append(args, "--project", clone)...)
		if code != 1 {
			t.Errorf("%v in a shallow clone: exit %d, want 1\n%s%s", args, code, stdout, stderr)
		}
		for _, want := range fixes {
			if !strings.Contains(stderr, want) {
				t.Errorf("%v: the message does not say %q:\n%s", args, want, stderr)
			}
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused build wrote %s", out)
	}
	code, stdout, stderr := runCLI(t, nil, "build", "--allow-shallow", "--project", clone, "--out", out)
	if code != 0 || !strings.Contains(stderr, "warning: the repository is a shallow clone") {
		t.Errorf("build --allow-shallow: exit %d, want 0 with a warning\n%s%s", code, stdout, stderr)
	}

	testkit.Git(t, clone, "fetch", "-q", "--unshallow", "--tags")
	if code, stdout, stderr := runCLI(t, nil, "build", "--project", clone, "--out", out); code != 0 || strings.Contains(stderr, "shallow") {
		t.Errorf("build after --unshallow: exit %d\n%s%s", code, stdout, stderr)
	}
	if rel := testkit.Read(t, filepath.Join(out, "releases", "index.html")); !strings.Contains(rel, "v1.2.0") {
		t.Errorf("/releases/ after --unshallow lacks v1.2.0")
	}
	if code, stdout, stderr := runCLI(t, nil, "release", "--project", clone); code != 0 || !strings.Contains(stdout, "from v1.2.0 to HEAD") {
		t.Errorf("release after --unshallow: exit %d\n%s%s", code, stdout, stderr)
	}
}

// Issue 32, 4: a checkout of an older release reads only the releases it
// descends from: release compares from v1.1.0 (not backwards from v1.2.0),
// release --check knows v1.1.0 is the latest, and /releases/ lists no
// v1.2.0.
func TestReleasesReadOnlyAncestors(t *testing.T) {
	dir := taggedRepo(t)
	testkit.Git(t, dir, "checkout", "-q", "--detach", "v1.1.0")
	code, stdout, stderr := runCLI(t, nil, "release", "--project", dir)
	if code != 0 || !strings.Contains(stdout, "no change to the framework from v1.1.0 to HEAD") {
		t.Errorf("release at v1.1.0: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI(t, nil, "release", "--project", dir, "--check", "v1.1.1")
	if code != 0 || !strings.Contains(stdout, "since v1.1.0") {
		t.Errorf("release --check v1.1.1 at v1.1.0: exit %d\n%s%s", code, stdout, stderr)
	}
	out := filepath.Join(t.TempDir(), "site")
	if code, stdout, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out); code != 0 {
		t.Fatalf("build at v1.1.0: exit %d\n%s%s", code, stdout, stderr)
	}
	rel := testkit.Read(t, filepath.Join(out, "releases", "index.html"))
	if strings.Contains(rel, "v1.2.0") || !strings.Contains(rel, "v1.1.0") {
		t.Errorf("/releases/ of a v1.1.0 checkout: v1.2.0 listed or v1.1.0 missing")
	}
}

// Issue 32, 10: a tag on a commit whose content does not validate (here an
// ownership value the schema refuses) is reported by build and left off
// /releases/; the other releases are published.
func TestInvalidTagIsNotPublished(t *testing.T) {
	dir := fixture(t)
	pricing := filepath.Join(dir, "content", "duties", "pricing.md")
	good := testkit.Read(t, pricing)
	testkit.Git(t, dir, "init", "-q")
	testkit.Git(t, dir, "add", "-A")
	testkit.Git(t, dir, "commit", "-qm", "Start")
	testkit.Git(t, dir, "tag", "v1.0.0")
	testkit.Write(t, pricing, strings.Replace(good, "alpha: leads", "alpha: owns-it-all", 1))
	testkit.Git(t, dir, "commit", "-qam", "Broken")
	testkit.Git(t, dir, "tag", "v1.1.0")
	testkit.Write(t, pricing, strings.Replace(good, "summary: Setting the price.", "summary: Setting the price well.", 1))
	testkit.Git(t, dir, "commit", "-qam", "Fixed")
	testkit.Git(t, dir, "tag", "v1.2.0")
	out := filepath.Join(t.TempDir(), "site")
	code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out)
	if code != 0 || !strings.Contains(stderr, "warning: release v1.1.0 is not published: its content does not validate (") || !strings.Contains(stderr, "/duties/pricing.md:6: ownership.alpha is \"owns-it-all\"") {
		t.Fatalf("build: exit %d, want 0 with a warning naming v1.1.0\n%s", code, stderr)
	}
	rel := testkit.Read(t, filepath.Join(out, "releases", "index.html"))
	if strings.Contains(rel, "v1.1.0") || strings.Contains(rel, "owns-it-all") || !strings.Contains(rel, "v1.2.0") || !strings.Contains(rel, "v1.0.0") {
		t.Errorf("/releases/ shows the invalid v1.1.0 or lacks v1.0.0 and v1.2.0")
	}
}
