package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/export"
	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/links"
	"github.com/product-roles/handbook/generator/internal/regular"
	"github.com/product-roles/handbook/generator/internal/search"
	"github.com/product-roles/handbook/generator/internal/views"
)

// Localized is the handbook in a language other than the source language:
// the same structure, the translated text, and its own views.
type Localized struct {
	Lang  config.Language
	Key   string // the lower-case tag: in file names (x.de.md) and URLs (/de/)
	Model *content.Model
	Data  *views.Data
	Words views.Strings
}

// langKeys are the lower-case tags of every language, the source first.
func langKeys(c config.Config) []string {
	var out []string
	for _, l := range c.Langs() {
		out = append(out, strings.ToLower(l.Tag))
	}
	return out
}

// i18nDirs are the folders with the theme's words by language, later ones winning.
func i18nDirs(p paths) []string {
	dirs := []string{filepath.Join(p.project, "themes", "handbook", "i18n")}
	if p.overlay != "" {
		dirs = append(dirs, filepath.Join(p.overlay, "i18n"))
	}
	return dirs
}

// readWords reads the words of a language from i18n/<key>.toml in each
// folder: `id = "text"` or Hugo's `[id] other = "text"`.
func readWords(dirs []string, key, shown string) (views.Strings, diag.List) {
	words := views.Strings{}
	var diags diag.List
	for _, dir := range dirs {
		file := filepath.Join(dir, key+".toml")
		data, err := regular.ReadFile(file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		name := filepath.ToSlash(filepath.Join(shown, key+".toml"))
		if err != nil {
			diags.Add(name, 1, 1, "i18n", fmt.Sprintf("cannot read: %v", err), "")
			continue
		}
		var raw map[string]any
		if err := toml.Unmarshal(data, &raw); err != nil {
			line := 1
			var de *toml.DecodeError
			if errors.As(err, &de) {
				line, _ = de.Position()
			}
			diags.Add(name, line, 1, "i18n", "invalid TOML: "+err.Error(), "write `id = \"text\"` lines")
			continue
		}
		for id, v := range raw {
			switch t := v.(type) {
			case string:
				words[id] = t
			case map[string]any:
				if s, ok := t["other"].(string); ok {
					words[id] = s
				}
			}
		}
	}
	return words, diags
}

// localize derives the handbook in every language but the source.
func localize(cfg config.Config, p paths, m *content.Model, applied fork.Applied) ([]Localized, diag.List) {
	var out []Localized
	var diags diag.List
	for _, l := range cfg.Langs()[1:] {
		key := strings.ToLower(l.Tag)
		words, ds := readWords(i18nDirs(p), key, "themes/handbook/i18n")
		diags = append(diags, ds...)
		if len(words) == 0 {
			diags.Add(config.FileName, 1, 1, "i18n", fmt.Sprintf("language %q has no words: themes/handbook/i18n/%s.toml is missing", l.Tag, key),
				"copy i18n/en.toml to "+key+".toml (in the theme, or in the overlay's i18n/ folder) and translate it")
		}
		lm := m.Localize(key)
		d := views.DeriveWith(lm, words)
		hidden := applied.HiddenURLs()
		for _, u := range applied.HiddenURLs() {
			hidden = append(hidden, "/"+key+u)
		}
		views.SetSite(d, lm, nav(cfg, lm), hidden)
		out = append(out, Localized{Lang: l, Key: key, Model: lm, Data: d, Words: words})
	}
	return out, diags
}

// localizedInputs adds what Hugo reads for a language: its data file, and
// every page as name.<key>.md with links mapped below /<key>/.
// Each page's view travels in its front matter, as for the source language.
func localizedInputs(inputs map[string][]byte, pages *pageFiles, lz Localized, basePath string, nav navigation, lang int) error {
	pageViews := lz.Data.Pages
	lz.Data.Pages = nil
	dataJSON, err := json.Marshal(lz.Data)
	lz.Data.Pages = pageViews
	if err != nil {
		return err
	}
	add := pages.language(lz.Model, pageViews, lz.Data.SourceByID, nav, lang)
	inputs["data/handbook_"+lz.Key+".json"] = dataJSON
	search := fmt.Appendf(nil, "---\ntitle: %q\nsummary: %q\nlinkTitle: %q\nbuild: {list: never}\n---\n",
		lz.Words.T("search_title"), lz.Words.T("search_summary"), lz.Words.T("search_title"))
	add("content/"+content.TranslationPath("search/_index.md", lz.Key), "/search", search)
	base := strings.TrimSuffix(basePath, "/") + "/" + lz.Key + "/"
	for _, pg := range lz.Model.Pages {
		body := links.Rewrite(string(pg.Source[pg.BodyAt:]), lz.Data.Hidden, base)
		add("content/"+content.TranslationPath(pg.Rel, lz.Key), pg.Key, append(pg.Source[:pg.BodyAt:pg.BodyAt], body...))
	}
	for _, g := range lz.Data.Generated {
		add("content/"+content.TranslationPath(g.Path, lz.Key), g.Key(), g.Markdown())
	}
	return nil
}

// localizedFiles are a language's exports and search index.
func localizedFiles(lz Localized, title string, index *search.Cache) (map[string][]byte, error) {
	files, err := export.FilesIn(lz.Model, lz.Data, title, lz.Key)
	if err != nil {
		return nil, err
	}
	var groups []string
	for _, g := range search.Groups {
		groups = append(groups, lz.Words.T(g.ID))
	}
	files[lz.Key+"/search/index.json"], err = index.BuildIn(lz.Model, lz.Lang.Tag, groups)
	return files, err
}

// hugoLanguages is Hugo's languages setting: the source language at the
// site's root, every other below /<key>/.
func hugoLanguages(c config.Config, navs map[string][]views.Ref, langs []views.LangRef) map[string]any {
	out := map[string]any{}
	for i, l := range c.Langs() {
		name := langLabel(l)
		data := "handbook"
		if i > 0 {
			data = "handbook_" + strings.ToLower(l.Tag)
		}
		out[strings.ToLower(l.Tag)] = map[string]any{"weight": i + 1, "label": name, "locale": l.Tag, "direction": l.Dir(),
			"params": map[string]any{"data": data, "nav": navs[strings.ToLower(l.Tag)], "langs": langs}}
	}
	return out
}
