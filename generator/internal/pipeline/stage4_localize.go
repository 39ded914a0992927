package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/ladder"
	"github.com/product-roles/handbook/generator/internal/regular"
	"github.com/product-roles/handbook/generator/internal/translation"
	"github.com/product-roles/handbook/generator/internal/validate"
	"github.com/product-roles/handbook/generator/internal/views"
	"github.com/product-roles/handbook/generator/internal/words"
)

// localize derives the model and views of every language but the source
// from its translations (x.de.md) and the theme's words (i18n/de.toml),
// and adds the translations status page to every language.
func (b *Builder) localize(_ context.Context, r *run) error {
	c, rep := r.c, r.rep
	if r.langs == nil { // (derive starts it; a run that skipped derive derives them here)
		r.langs = startLocalized(c, r.p, b.steps)
	}
	l := <-r.langs
	langs := l.langs
	rep.Diags = append(rep.Diags, l.diags...)
	if len(langs) > 0 {
		body := translation.Markdown(translation.Report(c.Model, c.Config.Langs()), c.Config.RepoURL)
		views.AddTranslationsPage(c.Data, body)
		for _, lz := range langs {
			views.AddTranslationsPage(lz.Data, body)
		}
	}
	c.Langs = langs
	if rep.Diags.Errors() > 0 {
		return ErrInvalid
	}
	return nil
}

// Localized is the handbook in a language other than the source language:
// the same structure, the translated text, and its own views.
type Localized struct {
	Lang  config.Language
	Key   string // the lower-case tag: in file names (x.de.md) and URLs (/de/)
	Model *content.Model
	Data  *views.Data
	Words views.Strings // the language's words, the source's where it has none
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
	dirs := []string{filepath.Join(p.theme, "i18n")}
	if p.overlay != "" {
		dirs = append(dirs, filepath.Join(p.overlay, "i18n"))
	}
	return dirs
}

// i18nShown is where the theme's words are, as messages name them.
const i18nShown = "themes/handbook/i18n"

// sourceWords are the source language's words, which the views use and
// every other language falls back on: i18n/en.toml's, with the source
// language's own file over them where the source is not English.
func sourceWords(dirs []string, srcKey string) (views.Strings, diag.List) {
	en, diags := readWords(dirs, "en", i18nShown)
	if srcKey == "en" {
		return en, diags
	}
	own, ds := readWords(dirs, srcKey, i18nShown)
	return withFallback(own, en), append(diags, ds...)
}

// withFallback is words with each id it lacks taken from fallback: what a
// page in the language shows where the language has no word of its own.
func withFallback(words, fallback views.Strings) views.Strings {
	out := make(views.Strings, len(fallback)+len(words))
	maps.Copy(out, fallback)
	maps.Copy(out, words)
	return out
}

// readWords reads the words of a language from i18n/<key>.toml in each
// folder: `id = "text"` or Hugo's `[id] other = "text"`.
func readWords(dirs []string, key, shown string) (views.Strings, diag.List) {
	out := views.Strings{}
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
		read, err := words.Parse(data)
		if err != nil {
			line := 1
			var de *toml.DecodeError
			if errors.As(err, &de) {
				line, _ = de.Position()
			}
			diags.Add(name, line, 1, "i18n", "invalid TOML: "+err.Error(), "write `id = \"text\"` lines")
			continue
		}
		maps.Copy(out, read)
	}
	return out, diags
}

// wordsChecked warns on each of the source language's words a language
// lacks (its pages would show the source's word there) and on the variants
// its style sheet rejects in the theme's words for it.
func wordsChecked(p paths, src, words views.Strings, srcKey, key string) diag.List {
	var ds diag.List
	shown := "themes/handbook/i18n/" + key + ".toml"
	for _, id := range slices.Sorted(maps.Keys(src)) {
		if words[id] == "" {
			ds.Warn(shown, 1, 1, "i18n", fmt.Sprintf("%q has no text in %s.toml: its pages show the %s word %q", id, key, srcKey, src[id]),
				"add `"+id+" = \"…\"` to "+key+".toml (in the theme, or in the overlay's i18n/ folder)")
		}
	}
	if data, err := regular.ReadFile(filepath.Join(p.theme, "i18n", key+".toml")); err == nil {
		ds = append(ds, validate.Terms(shown, key, strings.Split(string(data), "\n"))...)
	}
	return ds
}

// languages are the other languages, derived, with what deriving them found.
type languages struct {
	langs []Localized
	diags diag.List
}

// startLocalized derives the other languages in the background: it needs
// the loaded model and the source language's words only, and runs beside
// derive and validate, which read the same model and change nothing in it.
func startLocalized(c *Checked, p paths, memo *ladder.Memo) chan languages {
	out := make(chan languages, 1)
	go func() {
		langs, ds := localized(c.Config, p, c.Model, c.Words, c.Applied, memo)
		out <- languages{langs, ds}
	}()
	return out
}

// localized derives the handbook in every language but the source; src
// are the source language's words.
func localized(cfg config.Config, p paths, m *content.Model, src views.Strings, applied fork.Applied, memo *ladder.Memo) ([]Localized, diag.List) {
	var out []Localized
	var diags diag.List
	srcKey := strings.ToLower(cfg.Langs()[0].Tag)
	for _, l := range cfg.Langs()[1:] {
		key := strings.ToLower(l.Tag)
		words, ds := readWords(i18nDirs(p), key, i18nShown)
		diags = append(diags, ds...)
		if len(words) == 0 {
			diags.Add(config.FileName, 1, 1, "i18n", fmt.Sprintf("language %q has no words: themes/handbook/i18n/%s.toml is missing", l.Tag, key),
				"copy i18n/en.toml to "+key+".toml (in the theme, or in the overlay's i18n/ folder) and translate it")
		} else {
			diags = append(diags, wordsChecked(p, src, words, srcKey, key)...)
		}
		words = withFallback(words, src)
		lm := m.Localize(key)
		d := views.DeriveMemo(lm, words, memo)
		hidden := applied.HiddenURLs()
		for _, u := range applied.HiddenURLs() {
			hidden = append(hidden, "/"+key+u)
		}
		views.SetSite(d, lm, nav(cfg, lm), hidden)
		out = append(out, Localized{Lang: l, Key: key, Model: lm, Data: d, Words: words})
	}
	return out, diags
}
