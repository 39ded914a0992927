package scaffold

import (
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/usage"
	"github.com/product-roles/handbook/generator/internal/userfile"
)

// Create writes the new file of a kind with an id where it belongs and
// returns its path. In a fork (the layout has an overlay) it goes below the
// overlay's content folder, never upstream's, and an id upstream already has
// is refused: a file at an upstream path would replace the upstream page.
// A kind or id no file can be made for is a *usage.Error.
func Create(m *content.Model, l layout.Layout, kind, id string) (string, error) {
	rel, data, err := File(m, kind, id)
	if err != nil {
		return "", &usage.Error{Err: err} // a kind or id no file can be made for
	}
	root := l.Content
	if l.HasOverlay {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); err == nil {
			up := path.Join(l.ContentShown, rel)
			return "", fmt.Errorf("%s %q exists upstream (%s); pick another id, or change upstream's with: go run ./generator override %s", kind, id, up, up)
		}
		root = l.OverlayContent()
	}
	file := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Stat(file); err == nil {
		return "", fmt.Errorf("%s already exists", file)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return "", err
	}
	return file, userfile.Create(file, data)
}
