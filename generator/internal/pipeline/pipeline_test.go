package pipeline

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// The stages run in the order of their files (stageN_<name>.go), the
// package comment lists them so, and the README's layout table names the
// same files and stages in the same order.
func TestStagesMatchFilesAndReadme(t *testing.T) {
	var names []string
	for _, s := range stages() {
		names = append(names, s.name)
	}
	files, err := filepath.Glob("stage*_*.go")
	if err != nil {
		t.Fatal(err)
	}
	files = slices.DeleteFunc(files, func(f string) bool { return strings.HasSuffix(f, "_test.go") })
	var want []string
	for i, n := range names {
		want = append(want, fmt.Sprintf("stage%d_%s.go", i+1, n))
	}
	if !slices.Equal(files, want) {
		t.Errorf("stage files %v, want one per stage in run order: %v", files, want)
	}
	doc := testkit.Read(t, "pipeline.go")
	readme := testkit.Read(t, filepath.Join(testkit.Root(t), "README.md"))
	row := regexp.MustCompile("(?m)^\\| `generator/internal/pipeline` \\|.*$").FindString(readme)
	if row == "" {
		t.Fatal("README.md has no layout row for generator/internal/pipeline")
	}
	for _, text := range []struct{ name, s string }{{"pipeline.go's comment", doc}, {"README.md's pipeline row", row}} {
		at := -1
		for i, f := range want {
			j := strings.Index(text.s, f)
			if j < 0 || j < at || !strings.Contains(text.s[j:], names[i]) {
				t.Errorf("%s does not name %s (stage %q) after the stage before it", text.name, f, names[i])
			}
			at = j
		}
	}
}
