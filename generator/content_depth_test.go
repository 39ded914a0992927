package main

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// The pages the handbook's three readers lean on (a Product Owner preparing a
// promotion case, a VP designing a product organization, a hiring manager) say
// enough to act on: a competency describes its expectation at three
// levels with evidence, a skill and a glossary term say how each role uses
// them, and the guides written for those readers are of real length. Words are
// counted as a reader sees them: the body's plain text, without front matter
// or Markdown syntax (content.Page.Words).

// depthGuides are the guides written for the three readers, each with its
// least length.
var depthGuides = []string{
	"guides/promotion-cases.md",
	"guides/organization-design.md",
	"guides/example-artifacts.md",
	"guides/hiring-exercises.md",
}

// minWords is the least body length of a page of a kind, and of the guides
// above; 0 is no minimum.
func minWords(p *content.Page) int {
	switch p.Kind {
	case content.KindCompetency:
		return 300
	case content.KindSkill:
		return 200
	case content.KindTerm:
		return 90
	case content.KindGuide:
		for _, g := range depthGuides {
			if p.Rel == g {
				return 600
			}
		}
	}
	return 0
}

// shortPages lists every page under its least length, with its count.
func shortPages(pages []*content.Page) []string {
	var out []string
	for _, p := range pages {
		if want := minWords(p); p.Words < want {
			out = append(out, fmt.Sprintf("%s: %d words in the body, want at least %d", p.File, p.Words, want))
		}
	}
	return out
}

func TestShortPagesAreNamed(t *testing.T) {
	page := func(kind content.Kind, rel string, words int) *content.Page {
		return &content.Page{Kind: kind, Rel: rel, File: "content/" + rel, Words: words}
	}
	for _, c := range []struct {
		page *content.Page
		want string // "" when the page is long enough
	}{
		{page(content.KindCompetency, "competencies/leadership.md", 299), "content/competencies/leadership.md: 299 words in the body, want at least 300"},
		{page(content.KindCompetency, "competencies/leadership.md", 300), ""},
		{page(content.KindSkill, "skills/negotiation.md", 199), "content/skills/negotiation.md: 199 words in the body, want at least 200"},
		{page(content.KindSkill, "skills/negotiation.md", 200), ""},
		{page(content.KindTerm, "glossary/velocity.md", 89), "content/glossary/velocity.md: 89 words in the body, want at least 90"},
		{page(content.KindTerm, "glossary/velocity.md", 90), ""},
		{page(content.KindGuide, "guides/promotion-cases.md", 599), "content/guides/promotion-cases.md: 599 words in the body, want at least 600"},
		{page(content.KindGuide, "guides/promotion-cases.md", 600), ""},
		{page(content.KindGuide, "guides/day-in-the-life.md", 10), ""},
		{page(content.KindDuty, "duties/pricing.md", 10), ""},
	} {
		got := shortPages([]*content.Page{c.page})
		switch {
		case c.want == "" && len(got) > 0:
			t.Errorf("%s (%d words): reported %q", c.page.File, c.page.Words, got)
		case c.want != "" && (len(got) != 1 || got[0] != c.want):
			t.Errorf("%s (%d words): got %q, want %q", c.page.File, c.page.Words, got, c.want)
		}
	}
}

func TestContentIsDeepEnough(t *testing.T) {
	loader, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	m, diags := loader.Load(filepath.Join(testkit.Root(t), "content"), "content")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	found := map[string]bool{}
	counted := map[content.Kind]int{}
	shortest := map[content.Kind]*content.Page{}
	for _, p := range m.Pages {
		found[p.Rel] = true
		if minWords(p) > 0 {
			counted[p.Kind]++
			if q := shortest[p.Kind]; q == nil || p.Words < q.Words {
				shortest[p.Kind] = p
			}
		}
	}
	for _, g := range depthGuides {
		if !found[g] {
			t.Errorf("content/%s: missing", g)
		}
	}
	for _, k := range []content.Kind{content.KindCompetency, content.KindSkill, content.KindTerm} {
		if counted[k] == 0 {
			t.Errorf("no %s pages read", k)
		}
	}
	for _, s := range shortPages(m.Pages) {
		t.Error(s)
	}
	for _, k := range []content.Kind{content.KindCompetency, content.KindSkill, content.KindTerm, content.KindGuide} {
		if p := shortest[k]; p != nil {
			t.Logf("%d %s pages; the shortest, %s, has %d words (at least %d)", counted[k], k, p.File, p.Words, minWords(p))
		}
	}
}
