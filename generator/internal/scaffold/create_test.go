package scaffold

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/product-roles/handbook/generator/internal/testkit/fixture"
	"github.com/product-roles/handbook/generator/internal/usage"
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
			l, m := fixture.Project(t, tc.fork)
			dir := l.Project
			got, err := Create(m, l, tc.kind, tc.id)
			if (usage.As(err) != nil) != tc.input {
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
