package hugosite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/product-roles/handbook/generator/internal/testkit/fixture"
)

// The theme's views contract (themes/handbook/README.md): a view kind the
// views package emits must have its partial. A theme copy with one partial
// renamed fails to build with an error naming the missing partial and the
// kind, once (not once per page), instead of rendering the pages without it.
func TestMissingViewPartialFailsTheBuild(t *testing.T) {
	b, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	mini := fixture.Mini(t)
	render := func(t *testing.T, rename string) error {
		t.Helper()
		dir := testkit.Project(t, mini)
		if rename != "" {
			p := filepath.Join(dir, "themes", "handbook", "layouts", "_partials", filepath.FromSlash(rename))
			if err := os.Rename(p, strings.TrimSuffix(p, ".html")+"-renamed.html"); err != nil {
				t.Fatal(err)
			}
		}
		rep := &pipeline.Report{}
		_, err := b.Render(context.Background(), pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir}), BaseURL: "/"}, rep)
		return err
	}
	if err := render(t, ""); err != nil {
		t.Fatalf("the fixture does not build with the theme as it is: %v", err)
	}
	for _, c := range []struct{ partial, kind string }{
		{"views/role.html", `view kind "role"`},             // a page's own view
		{"views/level-after.html", `view kind "level"`},     // an after hook the contract lists
		{"views/section-compare.html", `"section compare"`}, // a section with its own view
		{"views/section-track.html", `view kind "track"`},   // a track's ladder
		{"views/interview.html", `view kind "interview"`},   // another page kind
	} {
		t.Run(c.partial, func(t *testing.T) {
			err := render(t, c.partial)
			if err == nil {
				t.Fatalf("without %s the site built", c.partial)
			}
			msg := err.Error()
			if !strings.Contains(msg, "layouts/_partials/"+c.partial+": no such partial") || !strings.Contains(msg, c.kind) {
				t.Errorf("the error does not name %s and %s:\n%s", c.partial, c.kind, msg)
			}
			if n := strings.Count(msg, "layouts/_partials/"+c.partial+":"); n != 1 {
				t.Errorf("the missing partial is reported %d times, want once:\n%s", n, msg)
			}
		})
	}
}
