package fork

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/product-roles/handbook/generator/internal/userfile"
)

// starterConfig is the company.toml that init writes: every setting, commented.
const starterConfig = `# company.toml: the one file a company edits to make the handbook its own.
# Settings here win over upstream's handbook.toml. Unknown settings are errors.
# See FORKING.md for every setting.

organisation = %s
title = %s
description = %s
# base_url = "https://handbook.example.com/"
# repo_url = "https://github.com/your-org/handbook"   # for "Edit this page" links
# edit_branch = "main"
# footer = "Maintained by the product leadership team"
# logo = "logo.svg"                                   # a file in company/static/

# Show only these roles or tracks (default: all).
# roles = ["product-manager", "product-owner"]
# tracks = ["product-management", "product-ownership"]

# The order of the menu (folder names in content/).
# nav = ["roles", "compare", "duties", "skills", "ladders", "hiring", "guides", "faq", "glossary", "sources"]

# Hide upstream items: "<section>/<id>" or "ladders/<track>/<level>".
# hide = ["duties/pricing"]

# Tables come last: in TOML every setting below a [table] line belongs to that table,
# so uncomment settings where they stand.

# Words the ladder linter warns about in expectations and readiness signals (they name a
# mindset, not something a reviewer can see), on top of the built-in list.
[lint]
# mindset_words = ["hungry for", "a self-starter"]

# Brand colours as "#rrggbb"; each needs a contrast of 4.5:1 against the theme's backgrounds.
[colors]
# accent = "#0b5cad"        # links and highlights in the light theme and in print
# accent_dark = "#8cc4ff"   # the same in the dark theme

# Your own level titles.
[level_titles.product-management]
# associate-product-manager = "L1 Product Manager"
`

const starterReadme = `# %s's overlay

Everything that makes the handbook %s's own lives in this folder, so upstream updates merge without conflicts.

- company.toml: the settings (name, colours, level titles, hidden items, ...).
- content/: files that add to or replace upstream content, at the same path as upstream (content/duties/x.md).
- layouts/: templates that replace the theme's (same path as under themes/handbook/layouts/).
- static/: files served as they are (a logo, ...).
- overrides.toml: written by ` + "`go run ./generator override <path>`" + `; do not edit.

Check what this overlay changes, and whether upstream has moved on: ` + "`go run ./generator overrides`" + `.
`

// tomlString is s as a TOML string, written by the TOML encoder: quotes,
// backslashes and line breaks in a name cannot add settings.
func tomlString(s string) (string, error) {
	out, err := toml.Marshal(struct {
		V string `toml:"v"`
	}{s})
	return strings.TrimSpace(strings.TrimPrefix(string(out), "v = ")), err
}

// ownFolders are the project's folders an overlay may not be made in.
var ownFolders = []string{"content", "themes", "static", "generator", "public", ".git"}

// CheckPlace refuses an overlay folder dir that is, or lies inside, one
// of the project's own folders (content/, themes/, static/, ...): its
// files would be read as upstream's content or theme.
func CheckPlace(project, dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(real, filepath.Base(abs))
	}
	if project, err = filepath.Abs(project); err != nil {
		return err
	}
	if p, err := filepath.EvalSymlinks(project); err == nil {
		project = p
	}
	for _, f := range ownFolders {
		own := filepath.Join(project, f)
		if rel, err := filepath.Rel(own, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fmt.Errorf("%s lies inside the project's %s/ folder, where its files would be read as upstream's: make the overlay beside it, e.g. company/", dir, f)
		}
	}
	return nil
}

// Init creates a starter overlay in dir for an organisation.
func Init(dir, organisation string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s already exists and is not empty", dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, sub := range []string{"content", "layouts", "static"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
		if err := userfile.Create(filepath.Join(dir, sub, ".gitkeep"), nil); err != nil {
			return err
		}
	}
	var values []any
	for _, v := range []string{organisation, "Product roles at " + organisation, "How product management and product ownership work at " + organisation + "."} {
		q, err := tomlString(v)
		if err != nil {
			return err
		}
		values = append(values, q)
	}
	files := map[string]string{
		"company.toml": fmt.Sprintf(starterConfig, values...),
		"README.md":    fmt.Sprintf(starterReadme, organisation, organisation),
	}
	for name, data := range files {
		if err := userfile.Create(filepath.Join(dir, name), []byte(data)); err != nil {
			return err
		}
	}
	return WriteManifest(dir, Manifest{Replaced: map[string]string{}})
}
