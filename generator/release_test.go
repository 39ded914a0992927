package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// TestReleaseCheck: a changed expectation needs a minor release, so a
// patch bump fails naming the change, and a minor bump passes.
func TestReleaseCheck(t *testing.T) {
	dir := fixture(t)
	testkit.Git(t, dir, "init", "-q")
	testkit.Git(t, dir, "add", "-A")
	testkit.Git(t, dir, "commit", "-qm", "Start")
	if code, out, _ := runCLI(t, nil, "release", "--project", dir, "--check", "v1.0.0"); code != 0 || !strings.Contains(out, "first release") {
		t.Fatalf("first release: %d %s", code, out)
	}
	testkit.Git(t, dir, "tag", "v1.0.0")
	junior := filepath.Join(dir, "content", "ladders", "pm-track", "junior.md")
	testkit.Write(t, junior, strings.Replace(testkit.Read(t, junior), "craft: Does tasks with help.", "craft: Does tasks with little help.", 1))
	pricing := filepath.Join(dir, "content", "duties", "pricing.md")
	testkit.Write(t, pricing, strings.Replace(testkit.Read(t, pricing), "Setting the price.", "Setting the price well.", 1))
	testkit.Git(t, dir, "commit", "-qam", "Raise the bar for juniors")

	code, out, errs := runCLI(t, nil, "release", "--project", dir, "--check", "v1.0.1")
	if code != 1 {
		t.Fatalf("patch bump for a changed expectation: exit %d, want 1\n%s%s", code, out, errs)
	}
	for _, want := range []string{"v1.0.1 is a patch release, but the changes since v1.0.0 need a minor release",
		"Junior: Craft expectation reworded: Does tasks with {+little +}help. (minor)"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(errs, "Pricing") {
		t.Errorf("a wording change is named as too large for a patch:\n%s", errs)
	}
	code, out, errs = runCLI(t, nil, "release", "--project", dir, "--check", "v1.1.0")
	if code != 0 || !strings.Contains(out, "v1.1.0 is a minor release") || !strings.Contains(out, "Pricing: wording changed") {
		t.Errorf("minor bump: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, nil, "release", "--project", dir, "--check", "v0.9.0"); code != 1 || !strings.Contains(errs, "not after the latest release, v1.0.0") {
		t.Errorf("a version before the last: exit %d %s", code, errs)
	}
	if code, _, _ := runCLI(t, nil, "release", "--project", dir, "--check", "1.1"); code != 2 {
		t.Errorf("a malformed version: exit %d, want 2", code)
	}
	if code, out, _ := runCLI(t, nil, "release", "--project", dir); code != 0 || !strings.Contains(out, "2 changes from v1.0.0 to HEAD; they need a minor release") {
		t.Errorf("release: %d %s", code, out)
	}
}
