package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// A fork that hides a level in the middle of a track is told, in its own
// company.toml, which level lost its way up and how to give it one in its
// own files; once it adds that fix, check --strict has nothing to say about
// the overlay, and the level's move up is back.
func TestHidingALevelKeepsAWayUp(t *testing.T) {
	root := testkit.Root(t)
	dir := testkit.Project(t, filepath.Join(root, "content"))
	testkit.Write(t, filepath.Join(dir, "company", "company.toml"), "hide = [\"ladders/product-ownership/lead-product-owner\"]\n")
	code, _, stderr := runCLI(t, nil, "check", "--strict", "--project", dir)
	var found string
	for _, line := range strings.Split(stderr, "\n") {
		if strings.Contains(line, "Principal Product Owner") {
			found = line
		}
	}
	if code != 1 || !strings.HasPrefix(found, "company/company.toml:1:1: error: hiding \"ladders/product-ownership/lead-product-owner\"") ||
		!strings.Contains(found, "no move up its track") {
		t.Fatalf("check --strict after hiding lead-product-owner: exit %d, want 1 and an error in company.toml naming Principal Product Owner:\n%s", code, stderr)
	}
	// The hint names changes in the fork's own files only: an override
	// and `from:` in the copy, or company.toml.
	if !strings.Contains(stderr, "go run ./generator override content/ladders/product-ownership/head-of-product-ownership.md") ||
		!strings.Contains(stderr, "from: [{level: product-ownership/principal-product-owner") ||
		!strings.Contains(stderr, "out of hide in company/company.toml") {
		t.Errorf("the hint does not name the fix in the fork's files:\n%s", stderr)
	}

	// The fix the hint names.
	if code, out, errb := runCLI(t, nil, "override", "--project", dir, "content/ladders/product-ownership/head-of-product-ownership.md"); code != 0 {
		t.Fatalf("override: %d\n%s%s", code, out, errb)
	}
	copyPath := filepath.Join(dir, "company", "content", "ladders", "product-ownership", "head-of-product-ownership.md")
	data := testkit.Read(t, copyPath)
	fixed := strings.Replace(data, "\nsources:", "\nfrom:\n  - level: product-ownership/principal-product-owner\n    note: The step up for a principal who takes on the whole practice.\nsources:", 1)
	if fixed == data {
		t.Fatal("the copy has no sources: line to put from: before")
	}
	if err := os.WriteFile(copyPath, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, nil, "check", "--strict", "--project", dir)
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "company/") {
			t.Errorf("after the fix, check --strict still reports in the overlay: %s", line)
		}
	}
	if upCode, _, upErr := runCLI(t, nil, "check", "--strict", "--project", root); code != upCode {
		t.Errorf("after the fix, check --strict exits %d, upstream alone %d:\n%s\nupstream alone:\n%s", code, upCode, stderr, upErr)
	}
	if code, stdout, stderr := runCLI(t, nil, "build", "--project", dir, "--out", filepath.Join(dir, "public")); code != 0 {
		t.Fatalf("build: %d\n%s%s", code, stdout, stderr)
	}
	page := testkit.Read(t, filepath.Join(dir, "public", "ladders", "product-ownership", "principal-product-owner", "index.html"))
	if !strings.Contains(page, "/ladders/product-ownership/head-of-product-ownership/") {
		t.Error("Principal Product Owner's page has no link up to Head of Product Ownership after the fix")
	}
}

// The worked example passes the strictness FORKING asks of a fork.
func TestAcmeExamplePassesStrictCheck(t *testing.T) {
	root := testkit.Root(t)
	if code, stdout, stderr := runCLI(t, nil, "check", "--overlay", filepath.Join(root, "examples", "acme"), "--strict", "--project", root); code != 0 {
		t.Errorf("check --overlay examples/acme --strict: exit %d\n%s%s", code, stdout, stderr)
	}
}
