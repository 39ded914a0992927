package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// One broken front matter line in a duty that five other pages link to:
// check reports exactly one error, that line, and not the links to the
// page (a file that cannot be read still defines its id).
func TestFirstErrorIsTheCause(t *testing.T) {
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "content"))
	file := filepath.Join(dir, "content", "duties", "pricing.md")
	testkit.Write(t, file, strings.Replace(testkit.Read(t, file), "area: business\n", "area: [business\n", 1))
	code, _, stderr := runCLI(t, nil, "check", "--project", dir)
	errs := regexp.MustCompile(`(?m)^\S+:\d+:\d+: error: .*$`).FindAllString(stderr, -1)
	if code != 1 || len(errs) != 1 || !strings.HasPrefix(errs[0], "content/duties/pricing.md:") {
		t.Fatalf("exit %d, %d error(s), want 1 in content/duties/pricing.md:\n%s", code, len(errs), stderr)
	}
	if !regexp.MustCompile(`^content/duties/pricing\.md:[4-6]:\d+: error: invalid YAML`).MatchString(errs[0]) {
		t.Errorf("the error is not at the broken line: %s", errs[0])
	}
}
