package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"

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
//
// In a build whose earlier stages found no error the checks run in the
// background, beside the stages up to render, and the write waits for
// them (run.wait): nothing is swapped in before they pass, and a build
// they fail reports what they found, as if it had stopped here. Serve and
// check wait for them here.
func (b *Builder) validate(_ context.Context, r *run) error {
	c, rep := r.c, r.rep
	if b.index != nil && r.reaches("render") { // serve: the search index is made beside the checks too
		b.index.Prepare(c.Model, c.Config.Language, groupLabels(c.Model, c.Words))
	}
	check := b.validation(r)
	if b.serve || !r.reaches("render") || rep.Diags.Errors() > 0 {
		return r.settle(check(), len(rep.Diags), c.Model)
	}
	type result struct {
		found diag.List
		took  time.Duration
	}
	out, before, start, m := make(chan result, 1), len(rep.Diags), time.Now(), c.Model
	go func() { out <- result{check(), time.Since(start)} }()
	r.pending = func() error {
		res := <-out
		for i := range rep.Stages {
			if rep.Stages[i].Name == "validate" {
				rep.Stages[i].Took = res.took // (it ran beside the stages after it)
			}
		}
		return r.settle(res.found, before, m)
	}
	return nil
}

// validation returns what validate runs, holding only what is final when
// it starts (the model, the link targets, a copy of the configuration),
// so that it can run beside the later stages.
func (b *Builder) validation(r *run) func() diag.List {
	m, applied, cfg, p := r.c.Model, r.c.Applied, r.c.Config, r.p
	targets := linkTargets(r.c.Data, applied)
	return func() diag.List {
		var ds diag.List
		staticTargets(p, targets, &ds)
		ds = append(ds, validate.CheckMemo(m, targets, b.checks)...)
		ds = append(ds, validate.Translations(m, langKeys(cfg), targets)...)
		ds = append(ds, validate.Aliases(m, targets, langKeys(cfg))...)
		ds = append(ds, validate.LaddersMemo(m, cfg.Language, cfg.Lint.MindsetWords, b.checks, b.steps)...)
		ds = append(ds, fork.Ladders(cfg, m, applied)...)
		if p.overlay != "" {
			validate.ConflictsInFolder(p.project, p.overlay, &ds)
		}
		return ds
	}
}

// settle adds what the checks found to the report's first before
// problems (those of the stages before validate), sorted, the problems of
// the model's unreadable files first, and then those later stages found.
// When the report holds errors the run stops with ErrInvalid, and what
// later stages found is left out: the run is reported as having stopped
// here.
func (r *run) settle(found diag.List, before int, m *content.Model) error {
	rep := r.rep
	later := slices.Clone(rep.Diags[before:])
	rep.Diags = append(rep.Diags[:before], found...)
	rep.Diags.Sort()
	causesFirst(rep.Diags, m)
	if rep.Diags.Errors() > 0 {
		return ErrInvalid
	}
	rep.Diags = append(rep.Diags, later...)
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
