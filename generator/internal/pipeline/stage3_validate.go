package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/regular"
	"github.com/product-roles/handbook/generator/internal/validate"
	"github.com/product-roles/handbook/generator/internal/views"
)

// validate applies the schemas and the checks across files (references,
// ranks, links and anchors, duplicates, citations, translations, the
// ladder linter), sorts what it found, and puts the problems of files that
// could not be read first: what follows may be their consequence.
func (b *Builder) validate(_ context.Context, r *run) error {
	c, rep := r.c, r.rep
	if r.reaches("localize") {
		r.langs = startLocalized(c, r.p, b.steps) // the other languages are derived beside the checks
	}
	if b.index != nil && r.reaches("render") { // serve: the search index is made beside the checks too
		b.index.Prepare(c.Model, c.Config.Language, groupLabels(c.Model, c.Words))
	}
	targets := linkTargets(c.Data, c.Applied)
	staticTargets(r.p, targets, &rep.Diags)
	rep.Diags = append(rep.Diags, validate.CheckMemo(c.Model, targets, b.checks)...)
	rep.Diags = append(rep.Diags, validate.Translations(c.Model, langKeys(c.Config), targets)...)
	rep.Diags = append(rep.Diags, validate.Aliases(c.Model, targets, langKeys(c.Config))...)
	rep.Diags = append(rep.Diags, validate.LaddersMemo(c.Model, c.Config.Language, c.Config.Lint.MindsetWords, b.checks, b.steps)...)
	rep.Diags = append(rep.Diags, fork.Ladders(c.Config, c.Model, c.Applied)...)
	if r.p.overlay != "" {
		validate.ConflictsInFolder(r.p.project, r.p.overlay, &rep.Diags)
	}
	rep.Diags.Sort()
	causesFirst(rep.Diags, c.Model)
	if rep.Diags.Errors() > 0 {
		return ErrInvalid
	}
	return nil
}

// linkTargets are the pages and anchors a link may point at beyond the
// content files: generated pages, the anchors the theme gives matrix rows,
// and hidden pages and their headings (links to them are shown as text).
func linkTargets(d *views.Data, applied fork.Applied) validate.Targets {
	t := validate.Targets{}
	t.Add("/search/")
	t.Add("/releases/")
	for _, g := range d.Generated {
		t.Add(g.Key() + "/")
	}
	for _, r := range d.Comparison.Rows {
		t.Add("/compare/", r.ID)
	}
	for _, g := range d.Duties.Groups {
		t.Add("/duties/", g.ID)
	}
	for _, tr := range d.Tracks {
		for _, r := range tr.Ladder.Rows {
			t.Add(tr.URL, r.ID)
		}
	}
	for _, u := range applied.HiddenURLs() {
		path, anchor, _ := strings.Cut(u, "#")
		t.Add(path)
		if anchor != "" {
			t.Add(path, anchor)
		}
	}
	for _, h := range applied.Hidden {
		for _, head := range h.Heads {
			t.Add(h.URL, head.Anchor)
		}
	}
	return t
}

// staticTargets adds every static file as a link target, and reports
// anything in the static folders that is not a plain file or a link.
func staticTargets(p paths, t validate.Targets, ds *diag.List) {
	for _, dir := range staticDirs(p) {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 { // (the build refuses links when it copies)
				shown, _ := filepath.Rel(p.project, path)
				ds.Add(filepath.ToSlash(shown), 1, 1, "path", fmt.Sprintf("this is %s, not a plain file; only plain files are read", regular.Kind(d.Type())),
					"remove it, or put the file itself in its place")
				return nil
			}
			if rel, _ := filepath.Rel(dir, path); !fork.Ignored(rel) {
				t.Add("/" + filepath.ToSlash(rel))
			}
			return nil
		})
	}
}

// causesFirst moves the problems of files that could not be read at all
// to the front.
func causesFirst(ds diag.List, m *content.Model) {
	unread := map[string]bool{}
	for _, p := range m.Unread {
		unread[p.File] = true
	}
	slices.SortStableFunc(ds, func(a, b diag.Diagnostic) int {
		switch {
		case unread[a.File] == unread[b.File]:
			return 0
		case unread[a.File]:
			return -1
		}
		return 1
	})
}
