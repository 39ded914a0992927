package pipeline

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// The real handbook is complete, in ways a fork that trims or adds content
// passes too: every Markdown file under content/ is read as a page or a
// translation, every kind of the registry that has a content folder has
// files, every track's levels are ranked 1, 2, 3 ... with an expectation per
// competency and moves from every level but the top, every dimension has a
// value for every role, and check finds nothing.
func TestHandbookIsComplete(t *testing.T) {
	b := newBuilder(t)
	rep := &Report{}
	root := testkit.Root(t)
	c, err := b.Check(Options{Layout: layout.Resolve(layout.Flags{Project: root})}, rep)
	if err != nil || len(rep.Diags) > 0 {
		t.Fatalf("check: %v\n%v", err, rep.Diags)
	}
	m := c.Model
	files := 0
	err = filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if read := len(m.Pages) + len(m.Translations); read != files || len(m.Unread) > 0 {
		t.Errorf("content/ has %d Markdown files; the loader read %d pages and %d translations (%d unread)", files, len(m.Pages), len(m.Translations), len(m.Unread))
	}
	for _, spec := range m.Kinds.All() {
		if spec.Folder != "" && len(m.Of(spec.Kind)) == 0 {
			t.Errorf("no %s files in content/%s/", spec.Kind, spec.Folder)
		}
	}
	if len(m.Of(content.KindTrack)) == 0 {
		t.Error("no ladder tracks")
	}
	comps := m.Of(content.KindCompetency)
	for _, track := range m.Of(content.KindTrack) {
		if m.Get(content.KindRole, track.Front.Role) == nil {
			t.Errorf("%s: role %q is not a role of the handbook", track.File, track.Front.Role)
		}
		levels := m.Levels(track.Track)
		if len(levels) == 0 {
			t.Errorf("track %s has no levels", track.Track)
		}
		for i, l := range levels {
			if l.Front.Rank != i+1 {
				t.Errorf("%s: rank %d at position %d", l.File, l.Front.Rank, i+1)
			}
			for _, c := range comps {
				if l.Front.Expectations[c.ID] == "" {
					t.Errorf("%s: no expectation for %s", l.File, c.ID)
				}
			}
			if len(l.Front.Moves) == 0 && i < len(levels)-1 {
				t.Errorf("%s: no moves", l.File)
			}
		}
	}
	// Every dimension has a value for every role.
	for _, d := range m.Of(content.KindDimension) {
		for _, r := range m.Of(content.KindRole) {
			if d.Front.Values[r.ID] == "" {
				t.Errorf("%s: no value for %s", d.File, r.ID)
			}
		}
	}
}

// No page is a stub: pages where prose is expected have at least 40 words
// of it; glossary terms and sources, listed on one page each, need less.
func TestNoStubPages(t *testing.T) {
	b := newBuilder(t)
	rep := &Report{}
	c, err := b.Check(Options{Layout: layout.Resolve(layout.Flags{Project: testkit.Root(t)})}, rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Model.Pages {
		min := 40
		if p.Listed {
			min = 0
		}
		if p.Words < min {
			t.Errorf("%s: %d words of prose, want at least %d", p.File, p.Words, min)
		}
		if p.Front.Summary == "" || p.Front.Title == "" {
			t.Errorf("%s: no title or summary", p.File)
		}
		if !p.Listed && p.Kind != content.KindHome && p.Kind != content.KindSection && len(p.Front.Sources) == 0 &&
			p.Kind != content.KindCompetency && p.Kind != content.KindArea && p.Kind != content.KindInterview { // a question may rest on the handbook's own expectations alone
			t.Errorf("%s: cites no source", p.File)
		}
	}
	if len(c.Model.Pages) == 0 {
		t.Error("no pages")
	}
}
