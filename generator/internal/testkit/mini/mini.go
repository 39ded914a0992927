// Package mini gives a package's tests a copy of the small fixture
// handbook (internal/testdata/mini) with its layout and loaded model.
package mini

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// Load copies the fixture into a temporary project, with an empty company
// overlay when fork is set, and loads its content.
func Load(t testing.TB, fork bool) (layout.Layout, *content.Model) {
	t.Helper()
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
	if fork {
		if err := os.MkdirAll(filepath.Join(dir, layout.OverlayDir), 0o755); err != nil {
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
	return l, m
}
