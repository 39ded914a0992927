package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// Create puts a new file below the content root, or in a fork below the
// overlay's content, and refuses an id upstream or the overlay already has.
func TestCreate(t *testing.T) {
	for _, tc := range []struct {
		name, kind, id string
		fork           bool
		want           string // the file created, relative to the project
		err            string // a part of the error
		input          bool   // the error is the command line's
	}{
		{"plain handbook", "duty", "stakeholder-mapping", false, "content/duties/stakeholder-mapping.md", "", false},
		{"fork", "duty", "stakeholder-mapping", true, "company/content/duties/stakeholder-mapping.md", "", false},
		{"upstream has it", "duty", "pricing", true, "", `duty "pricing" exists upstream (content/duties/pricing.md); pick another id`, false},
		{"exists", "duty", "pricing", false, "", "already exists", false},
		{"unknown kind", "widget", "x", false, "", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
			if tc.fork {
				if err := os.MkdirAll(filepath.Join(dir, "company"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			l := layout.Resolve(layout.Flags{Project: dir})
			loader, err := content.NewLoader()
			if err != nil {
				t.Fatal(err)
			}
			m, ds := loader.Load(l.Content, l.ContentShown)
			if ds.Errors() > 0 {
				t.Fatal(ds)
			}
			got, err := Create(m, l, tc.kind, tc.id)
			if errors.Is(err, ErrInput) != tc.input {
				t.Errorf("Create: %v, want ErrInput %v", err, tc.input)
			}
			if tc.want == "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("Create: %v, want an error with %q", err, tc.err)
				}
				return
			}
			if err != nil || got != filepath.Join(dir, filepath.FromSlash(tc.want)) {
				t.Fatalf("Create = %q, %v; want %s", got, err, tc.want)
			}
			if !strings.HasPrefix(testkit.Read(t, got), "---\n") {
				t.Errorf("%s has no front matter", got)
			}
		})
	}
}
