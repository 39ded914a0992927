package main

import (
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// fullDisk puts folder on a small file system of its own (a tmpfs, where
// root can mount one; the test binary runs as root in CI's container) and
// returns fill, which makes every later write there fail as on a full
// disk, and free, which undoes it. Without root, fill makes every folder
// below read-only, the nearest thing: a write fails before it starts.
func fullDisk(t *testing.T, folder string) (fill, free func()) {
	t.Helper()
	if os.Geteuid() == 0 {
		keep := filepath.Join(t.TempDir(), "keep")
		testkit.CopyTree(t, folder, keep)
		if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", folder).CombinedOutput(); err == nil {
			t.Cleanup(func() {
				if out, err := exec.Command("umount", folder).CombinedOutput(); err != nil {
					t.Errorf("umount %s: %v %s", folder, err, out)
				}
			})
			if err := os.CopyFS(folder, os.DirFS(keep)); err != nil {
				t.Fatal(err)
			}
			filler := filepath.Join(folder, "filler")
			return func() {
					f, err := os.Create(filler)
					if err != nil {
						t.Fatal(err)
					}
					defer f.Close()
					chunk := make([]byte, 64<<10)
					for {
						if _, err := f.Write(chunk); err != nil {
							if !errors.Is(err, syscall.ENOSPC) {
								t.Fatalf("filling %s: %v", folder, err)
							}
							return
						}
					}
				}, func() {
					if err := os.Remove(filler); err != nil {
						t.Fatal(err)
					}
				}
		} else {
			t.Logf("no tmpfs (%v %s): read-only folders stand in for a full disk", err, out)
		}
	}
	chmod := func(mode os.FileMode) {
		_ = filepath.WalkDir(folder, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				err = os.Chmod(p, mode)
			}
			return err
		})
	}
	return func() { chmod(0o555) }, func() { chmod(0o755) }
}

// snapshot is every file of the project but the filler.
func snapshot(t *testing.T, dir string) map[string]string {
	s := testkit.Snapshot(t, dir)
	for k := range s {
		if filepath.Base(k) == "filler" {
			delete(s, k)
		}
	}
	return s
}

// Issue 32, 1: every command that rewrites or creates a file the user
// keeps writes it whole or not at all. On a full disk each one fails with
// exit 1 and leaves every file of the project byte for byte as it was (on
// today's main, `override --merge` cut the copy to 4,096 bytes).
func TestUserFilesSurviveAFailedWrite(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed") // --merge runs git merge-file
	}
	fork := fixture(t)
	overlay := filepath.Join(fork, "company")
	if code, _, stderr := runCLI(t, nil, "init", "--org", "Globex", overlay); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	must := func(args ...string) {
		t.Helper()
		if code, stdout, stderr := runCLI(t, nil, args...); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
	must("override", "content/duties/pricing.md", "--project", fork)
	copyPath := filepath.Join(overlay, "content", "duties", "pricing.md")
	testkit.Write(t, copyPath, testkit.Read(t, copyPath)+"\n"+strings.Repeat("Globex's own paragraph, which must survive. ", 200)+"\n")
	upstream := filepath.Join(fork, "content", "duties", "pricing.md")
	testkit.Write(t, upstream, strings.Replace(testkit.Read(t, upstream), "summary: Setting the price.", "summary: Setting and reviewing the price.", 1))

	plain := fixture(t) // translations live beside their sources
	duties := filepath.Join(plain, "content", "duties")
	must("new", "--lang", "de", "content/duties/pricing.md", "--project", plain)
	testkit.Write(t, filepath.Join(duties, "pricing.md"), testkit.Read(t, filepath.Join(duties, "pricing.md"))+"\nA new English paragraph.\n")

	fillOverlay, freeOverlay := fullDisk(t, overlay)
	fillDuties, freeDuties := fullDisk(t, duties)
	for _, c := range []struct {
		name       string
		project    string
		fill, free func()
		args       []string
	}{
		{"override --merge rewrites the copy, its base and the manifest", fork, fillOverlay, freeOverlay, []string{"override", "--merge", "content/duties/pricing.md"}},
		{"override --refresh rewrites the base and the manifest", fork, fillOverlay, freeOverlay, []string{"override", "--refresh", "content/duties/pricing.md"}},
		{"override copies a new file", fork, fillOverlay, freeOverlay, []string{"override", "content/duties/backlog.md"}},
		{"new writes a page into the overlay", fork, fillOverlay, freeOverlay, []string{"new", "duty", "forecasting"}},
		{"translations --refresh rewrites a translation", plain, fillDuties, freeDuties, []string{"translations", "--refresh", "content/duties/pricing.de.md"}},
		{"new --lang writes a translation", plain, fillDuties, freeDuties, []string{"new", "--lang", "de", "content/duties/backlog.md"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, c.project)
			c.fill()
			code, stdout, stderr := runCLI(t, nil, append(c.args, "--project", c.project)...)
			c.free()
			if code != 1 || stderr == "" {
				t.Errorf("exit %d, want 1 with the reason\n%s%s", code, stdout, stderr)
			}
			if after := snapshot(t, c.project); !maps.Equal(before, after) {
				for k, v := range after {
					if before[k] != v {
						t.Errorf("%s changed: %d bytes, was %d", k, len(v), len(before[k]))
					}
				}
				for k := range before {
					if _, ok := after[k]; !ok {
						t.Errorf("%s is gone", k)
					}
				}
			}
		})
	}
	// With room again, the same merge works: the failures above changed nothing it needs.
	must("override", "--merge", "content/duties/pricing.md", "--project", fork)
	if got := testkit.Read(t, copyPath); !strings.Contains(got, "Setting and reviewing the price.") || !strings.Contains(got, "Globex's own paragraph") {
		t.Errorf("the merge after the disk was freed lost a side:\n%s", got)
	}
	must("translations", "--refresh", "content/duties/pricing.de.md", "--project", plain)
}

// Issue 32, 2: a conflict left by --merge can never be published. check and
// build fail at each marker's line, overrides lists the file as
// conflicted, the recorded base stays where it was, and a second --merge or
// a --refresh is refused until the markers are gone.
func TestConflictMarkersAreErrors(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := fixture(t)
	overlay := filepath.Join(dir, "company")
	run := func(want int, args ...string) (string, string) {
		t.Helper()
		code, stdout, stderr := runCLI(t, nil, append(args, "--project", dir)...)
		if code != want {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, code, want, stdout, stderr)
		}
		return stdout, stderr
	}
	if code, _, stderr := runCLI(t, nil, "init", "--org", "Globex", overlay); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	testkit.Write(t, filepath.Join(overlay, "company.toml"), "organisation = \"Globex\"\n") // the starter's level titles name the real handbook's tracks
	run(0, "override", "content/duties/pricing.md")
	const sentence = "This fixture page holds enough words to look like real prose for the tests that read it."
	copyPath := filepath.Join(overlay, "content", "duties", "pricing.md")
	testkit.Write(t, copyPath, strings.Replace(testkit.Read(t, copyPath), sentence, "At Globex, pricing is set by the pricing board every quarter.", 1))
	upstream := filepath.Join(dir, "content", "duties", "pricing.md")
	testkit.Write(t, upstream, strings.Replace(testkit.Read(t, upstream), sentence, "Pricing is reviewed whenever the market moves.", 1))
	manifest := testkit.Read(t, filepath.Join(overlay, "overrides.toml"))

	stdout, _ := run(1, "override", "--merge", "content/duties/pricing.md")
	if !strings.Contains(stdout, "1 conflict:") {
		t.Fatalf("merge: %s", stdout)
	}
	merged := testkit.Read(t, copyPath)
	if !strings.Contains(merged, "<<<<<<< ours (company/)") {
		t.Fatalf("no markers in the copy:\n%s", merged)
	}
	if got := testkit.Read(t, filepath.Join(overlay, "overrides.toml")); got != manifest {
		t.Errorf("the recorded base moved on a conflicted merge:\n%s", got)
	}

	_, stderr := run(1, "check", "--strict")
	for _, want := range []string{
		`company/content/duties/pricing.md:12:1: error: merge conflict marker "<<<<<<< ours (company/)"`,
		`company/content/duties/pricing.md:14:1: error: merge conflict marker "======="`,
		`company/content/duties/pricing.md:16:1: error: merge conflict marker ">>>>>>> upstream (now)"`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("check does not report %s:\n%s", want, stderr)
		}
	}
	out := filepath.Join(t.TempDir(), "site")
	if _, stderr := run(1, "build", "--out", out); !strings.Contains(stderr, "pricing.md:12:1") {
		t.Errorf("build: %s", stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("build wrote %s", out)
	}
	if stdout, _ := run(1, "overrides"); !strings.Contains(stdout, "! conflicted company/content/duties/pricing.md: merge conflict markers at line(s) 12, 14, 16") {
		t.Errorf("overrides does not list the conflict:\n%s", stdout)
	}
	for _, args := range [][]string{{"override", "--merge", "content/duties/pricing.md"}, {"override", "--refresh", "content/duties/pricing.md"}} {
		if _, stderr := run(1, args...); !strings.Contains(stderr, "pricing.md:12: still holds merge conflict markers") {
			t.Errorf("%v: %s", args, stderr)
		}
	}
	if got := testkit.Read(t, copyPath); got != merged {
		t.Errorf("a refused command changed the copy")
	}

	// Resolved by hand and recorded: everything is clean again.
	resolved := regexp.MustCompile(`(?s)<<<<<<< [^\n]*\n(.*?)\n=======\n.*?>>>>>>> [^\n]*\n`).ReplaceAllString(merged, "$1\n")
	testkit.Write(t, copyPath, resolved)
	run(0, "override", "--refresh", "content/duties/pricing.md")
	run(0, "check", "--strict")
	if stdout, _ := run(0, "overrides"); !strings.Contains(stdout, "up to date") {
		t.Errorf("overrides after resolving:\n%s", stdout)
	}

	// Markers in front matter, in an upstream file, and in an overlay template.
	backlog := filepath.Join(dir, "content", "duties", "backlog.md")
	testkit.Write(t, backlog, strings.Replace(testkit.Read(t, backlog), "---\n", "---\n<<<<<<< HEAD\ntitle: Ours\n=======\ntitle: Theirs\n>>>>>>> main\n", 1))
	testkit.Write(t, filepath.Join(overlay, "layouts", "partials", "footer.html"), "<footer>\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> main\n</footer>\n")
	_, stderr = run(1, "check")
	for _, want := range []string{
		`content/duties/backlog.md:2:1: error: merge conflict marker "<<<<<<< HEAD"`,
		`company/layouts/partials/footer.html:2:1: error: merge conflict marker "<<<<<<< HEAD"`,
		`company/layouts/partials/footer.html:6:1: error: merge conflict marker ">>>>>>> main"`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("check does not report %s:\n%s", want, stderr)
		}
	}
}
