package pipeline

import (
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// The real handbook is complete: enough of every kind, both ladders with
// the same number of levels (at least five, ranked 1, 2, 3 ...), an
// expectation per competency at every level, moves from every level but
// the top, no warnings.
func TestHandbookIsComplete(t *testing.T) {
	b := newBuilder(t)
	rep := &Report{}
	c, err := b.Check(Options{ProjectDir: testkit.Root(t)}, rep)
	if err != nil || len(rep.Diags) > 0 {
		t.Fatalf("check: %v\n%v", err, rep.Diags)
	}
	m := c.Model
	for _, tc := range []struct {
		kind content.Kind
		min  int
	}{
		{content.KindRole, 2}, {content.KindDimension, 15}, {content.KindDuty, 35}, {content.KindSkill, 12},
		{content.KindCompetency, 6}, {content.KindSimilarity, 9}, {content.KindFAQ, 10}, {content.KindTerm, 15},
		{content.KindGuide, 6}, {content.KindSource, 5},
	} {
		if n := len(m.Of(tc.kind)); n < tc.min {
			t.Errorf("%d %s files, want at least %d", n, tc.kind, tc.min)
		}
	}
	comps := m.Of(content.KindCompetency)
	tops := map[int]bool{}
	for _, track := range []string{"product-management", "product-ownership"} {
		levels := m.Levels(track)
		tops[len(levels)] = true
		if len(levels) < 5 {
			t.Errorf("track %s has %d levels, want at least 5", track, len(levels))
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
	if len(tops) != 1 {
		t.Errorf("the tracks have different numbers of levels: %v", tops)
	}
	// Every dimension has a value for every role, every duty an owner.
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
	c, err := b.Check(Options{ProjectDir: testkit.Root(t)}, rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Model.Pages {
		min := 40
		if p.Kind.Listed() {
			min = 0
		}
		if p.Words < min {
			t.Errorf("%s: %d words of prose, want at least %d", p.File, p.Words, min)
		}
		if p.Front.Summary == "" || p.Front.Title == "" {
			t.Errorf("%s: no title or summary", p.File)
		}
		if !p.Kind.Listed() && p.Kind != content.KindHome && p.Kind != content.KindSection && len(p.Front.Sources) == 0 &&
			p.Kind != content.KindCompetency && p.Kind != content.KindArea && p.Kind != content.KindInterview { // a question may rest on the handbook's own expectations alone
			t.Errorf("%s: cites no source", p.File)
		}
	}
	if len(c.Model.Pages) < 150 {
		t.Errorf("only %d pages", len(c.Model.Pages))
	}
}
