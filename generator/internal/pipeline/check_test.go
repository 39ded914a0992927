package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// edit is a change to one file of the fixture handbook: replace old with
// new, or write the whole file when old is empty.
type edit struct {
	file, old, new string
}

func apply(t *testing.T, project string, edits ...edit) {
	t.Helper()
	for _, e := range edits {
		p := filepath.Join(project, "content", e.file)
		if e.old == "" {
			testkit.Write(t, p, e.new)
			continue
		}
		data := testkit.Read(t, p)
		if !strings.Contains(data, e.old) {
			t.Fatalf("%s does not contain %q", e.file, e.old)
		}
		testkit.Write(t, p, strings.Replace(data, e.old, e.new, 1))
	}
}

func fixture(t *testing.T) string {
	return testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
}

func TestFixtureIsValid(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	rep := &Report{}
	if _, err := b.Check(Options{Layout: layout.Resolve(layout.Flags{Project: fixture(t)})}, rep); err != nil || len(rep.Diags) > 0 {
		t.Fatalf("fixture: %v\n%v", err, rep.Diags)
	}
	if _, err := os.Stat(filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini", "_index.md")); err != nil {
		t.Fatal(err)
	}
}
