package translation

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/usage"
	"github.com/product-roles/handbook/generator/internal/userfile"
)

// Create writes the stub of the translation into lang of the page at file
// (as the command line names it) beside its source, and returns its path.
// A language or page that is not the handbook's is a *usage.Error.
func Create(m *content.Model, langs []config.Language, l layout.Layout, lang, file string) (string, error) {
	known := false
	for _, lg := range langs[1:] {
		known = known || strings.EqualFold(lg.Tag, lang)
	}
	if !known {
		return "", usage.Errorf("%q is not one of the languages in handbook.toml; add it to `languages` first", lang)
	}
	rel := l.RelToContent(file)
	var src *content.Page
	for _, p := range m.Pages {
		if p.Rel == rel {
			src = p
		}
	}
	if src == nil {
		return "", usage.Errorf("%s is not a page of the handbook (give its path, e.g. content/roles/product-owner.md)", file)
	}
	data, err := Stub(m.Registry(), src)
	if err != nil {
		return "", err
	}
	out := filepath.Join(filepath.Dir(filepath.Join(l.Content, filepath.FromSlash(rel))), filepath.Base(content.TranslationPath(rel, lang)))
	if _, err := os.Stat(out); err == nil {
		return "", fmt.Errorf("%s already exists", out)
	}
	return out, userfile.Create(out, data)
}

// Refreshed is the outcome of refreshing one translation file.
type Refreshed struct {
	File   string // as the command line named it
	Source string // its source's file, when refreshed
	Err    error
}

// RefreshFiles sets each named translation's source_hash to its source's
// hash; it tries every file and reports each.
func RefreshFiles(m *content.Model, l layout.Layout, files []string) []Refreshed {
	bySource := map[string]*content.Page{}
	for _, p := range m.Pages {
		bySource[p.Rel] = p
	}
	var out []Refreshed
	for _, f := range files {
		of, lang := content.TranslationOf(l.RelToContent(f))
		src := bySource[of]
		if lang == "" || src == nil {
			out = append(out, Refreshed{File: f, Err: fmt.Errorf("%s is not the translation of a page (name.<lang>.md beside its source)", f)})
			continue
		}
		file := f
		if _, err := os.Stat(file); err != nil && !filepath.IsAbs(f) {
			file = filepath.Join(l.Project, f) // relative to the project
		}
		data, err := os.ReadFile(file)
		if err == nil {
			data, err = Refresh(data, src.Hash)
		}
		if err == nil {
			err = userfile.Write(file, data)
		}
		if err != nil {
			err = fmt.Errorf("%s: %v", f, err)
		}
		out = append(out, Refreshed{File: f, Source: src.File, Err: err})
	}
	return out
}
