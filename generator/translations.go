package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/product-roles/handbook/generator/internal/build"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/translation"
)

func runTranslations(ctx context.Context, e *env, args []string) int {
	var o build.Options
	fs := newFlags(e, "translations", "List, per language, the pages whose translation is missing or outdated (its source changed\n"+
		"after it was translated), and the share of words translated. --refresh records that translations match\n"+
		"their sources as they are now (run it after updating a translation).")
	sourceFlags(fs, &o)
	strict := fs.Bool("strict", false, "exit 1 when a translation is outdated")
	all := fs.Bool("all", false, "list missing pages too, not only their number")
	refresh := fs.Bool("refresh", false, "set source_hash of the translation files named as arguments")
	pos, code := positional(fs, e, args)
	if code >= 0 {
		return code
	}
	if len(pos) > 0 && !*refresh {
		fmt.Fprintln(e.stderr, "generator translations: files are named only with --refresh")
		return exitUsage
	}
	c, ok := checkedHandbook(e, o, "translations")
	if !ok {
		return exitError
	}
	if *refresh {
		return refreshTranslations(e, c, o, pos)
	}
	sts := translation.Report(c.Model, c.Config.Langs())
	if len(sts) == 0 {
		fmt.Fprintln(e.stdout, "the handbook is published in one language: add `languages` to handbook.toml to translate it")
		return exitOK
	}
	outdated := 0
	for _, s := range sts {
		fmt.Fprintf(e.stdout, "%s (%s): %d%% of words translated; %d of %d pages translated, %d outdated, %d missing\n",
			s.Lang.Name, s.Lang.Tag, s.Percent(), s.Current+s.Outdated, s.Pages, s.Outdated, s.Missing)
		for _, f := range s.Files {
			switch {
			case f.State == translation.Outdated:
				fmt.Fprintf(e.stdout, "  outdated  %s (its source %s changed)\n", f.Translation, f.Source)
				outdated++
			case f.State == translation.Missing && *all:
				fmt.Fprintf(e.stdout, "  missing   %s\n", f.Translation)
			}
		}
	}
	if outdated > 0 {
		fmt.Fprintf(e.stdout, "update the outdated translations, then run: go run ./generator translations --refresh <file>...\n")
		if *strict {
			return exitError
		}
	}
	return exitOK
}

// refreshTranslations sets each named translation's source_hash to its source's hash.
func refreshTranslations(e *env, c *build.Checked, o build.Options, files []string) int {
	if len(files) == 0 {
		fmt.Fprintln(e.stderr, "generator translations --refresh: name the translation files, e.g. content/roles/product-owner.de.md")
		return exitUsage
	}
	bySource := map[string]*content.Page{}
	for _, p := range c.Model.Pages {
		bySource[p.Rel] = p
	}
	status := exitOK
	for _, f := range files {
		rel := relToContent(o, f)
		of, lang := content.TranslationOf(rel)
		src := bySource[of]
		if lang == "" || src == nil {
			fmt.Fprintf(e.stderr, "generator translations: %s is not the translation of a page (name.<lang>.md beside its source)\n", f)
			status = exitError
			continue
		}
		file := f
		if _, err := os.Stat(file); err != nil && !filepath.IsAbs(f) {
			file = filepath.Join(o.ProjectDir, f) // relative to the project
		}
		data, err := os.ReadFile(file)
		if err == nil {
			data, err = translation.Refresh(data, src.Hash)
		}
		if err == nil {
			err = os.WriteFile(file, data, 0o644)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "generator translations: %s: %v\n", f, err)
			status = exitError
			continue
		}
		fmt.Fprintf(e.stdout, "refreshed %s: it now matches %s\n", f, src.File)
	}
	return status
}

// relToContent turns a path given on the command line (content/x/y.md, or
// x/y.md below the content folder) into a path below the content root.
func relToContent(o build.Options, f string) string {
	root := o.Source
	if root == "" {
		root = filepath.Join(o.ProjectDir, "content")
	}
	candidates := []string{f}
	if !filepath.IsAbs(f) {
		candidates = append(candidates, filepath.Join(o.ProjectDir, f))
	}
	for _, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			f = c
			break
		}
	}
	if abs, err := filepath.Abs(f); err == nil {
		if r, err := filepath.Abs(root); err == nil {
			if rel, err := filepath.Rel(r, abs); err == nil && !strings.HasPrefix(rel, "..") {
				return filepath.ToSlash(rel)
			}
		}
	}
	return strings.TrimPrefix(filepath.ToSlash(f), "content/")
}

// newTranslation writes the stub of a translation of the page at path.
func newTranslation(e *env, o build.Options, lang, path string) int {
	c, ok := checkedHandbook(e, o, "new")
	if !ok {
		return exitError
	}
	known := false
	for _, l := range c.Config.Langs()[1:] {
		known = known || strings.EqualFold(l.Tag, lang)
	}
	if !known {
		fmt.Fprintf(e.stderr, "generator new: %q is not one of the languages in handbook.toml; add it to `languages` first\n", lang)
		return exitUsage
	}
	rel := relToContent(o, path)
	var src *content.Page
	for _, p := range c.Model.Pages {
		if p.Rel == rel {
			src = p
		}
	}
	if src == nil {
		fmt.Fprintf(e.stderr, "generator new: %s is not a page of the handbook (give its path, e.g. content/roles/product-owner.md)\n", path)
		return exitUsage
	}
	data, err := translation.Stub(src)
	if err != nil {
		fmt.Fprintf(e.stderr, "generator new: %v\n", err)
		return exitError
	}
	out := filepath.Join(filepath.Dir(filepath.Join(contentRoot(o), filepath.FromSlash(rel))), filepath.Base(content.TranslationPath(rel, lang)))
	if _, err := os.Stat(out); err == nil {
		fmt.Fprintf(e.stderr, "generator new: %s already exists\n", out)
		return exitError
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		fmt.Fprintf(e.stderr, "generator new: %v\n", err)
		return exitError
	}
	fmt.Fprintf(e.stdout, "created %s with the text to translate and the source's hash\ntranslate it in place, then run: go run ./generator check\n", filepath.ToSlash(out))
	return exitOK
}

func contentRoot(o build.Options) string {
	if o.Source != "" {
		return o.Source
	}
	return filepath.Join(o.ProjectDir, "content")
}
