package validate

import (
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/diag"
)

// British spellings in English prose: each is reported at its place with
// its American form; quotations, link addresses, ids, translations and a
// source's title keep their spelling.
func TestSpelling(t *testing.T) {
	const body = "look like real prose"
	for _, tc := range []struct {
		name string
		edit edit
		want []string // every diagnostic, in order
	}{
		{"American prose passes", edit{"duties/pricing.md", body, "organize the behavior and color of the center"}, nil},
		{"British words in the body",
			edit{"duties/pricing.md", body, "organise the behaviour and colour of the centre"},
			[]string{
				`content/duties/pricing.md:12:41: warning: "organise" is British spelling; the handbook's English is American: "organize"`,
				`content/duties/pricing.md:12:54: warning: "behaviour" is British spelling; the handbook's English is American: "behavior"`,
				`content/duties/pricing.md:12:68: warning: "colour" is British spelling; the handbook's English is American: "color"`,
				`content/duties/pricing.md:12:82: warning: "centre" is British spelling; the handbook's English is American: "center"`,
			}},
		{"a capital and a suffix kept",
			edit{"duties/pricing.md", "summary: Setting the price.", "summary: Prioritisation and the organisational analysing of prices."},
			[]string{
				`content/duties/pricing.md:3:10: warning: "Prioritisation" is British spelling; the handbook's English is American: "Prioritization"`,
				`content/duties/pricing.md:3:33: warning: "organisational" is British spelling; the handbook's English is American: "organizational"`,
				`content/duties/pricing.md:3:48: warning: "analysing" is British spelling; the handbook's English is American: "analyzing"`,
			}},
		{"a quotation, a blockquote, a link address and inline code keep theirs",
			edit{"duties/pricing.md", body, "look like “the organisation” and \"a behaviour\" and [prose](/duties/backlog/) and `colour`\n\n> A quoted behaviour."}, nil},
		{"an id in the front matter is not prose",
			edit{"duties/pricing.md", "sources: [book]", "aliases: [/duties/prioritisation-methods/]\nsources: [book]"}, nil},
		{"a source's title keeps its author's spelling",
			edit{"sources/book.md", "title: ", "title: Organisational "}, nil},
		{"a translation is not English",
			edit{"duties/pricing.de.md", "", "---\ntitle: Preise\nsummary: Den Preis festlegen.\n---\n\nDie Organisation legt den Preis fest.\n"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ds diag.List
			for _, d := range checked(t, tc.edit) {
				if d.Check == "spelling" || d.Severity == diag.Error {
					ds = append(ds, d)
				}
			}
			if len(ds) != len(tc.want) {
				t.Fatalf("want %d diagnostics, got:\n%v", len(tc.want), ds)
			}
			for i, w := range tc.want {
				if got := ds[i].String(); !strings.HasPrefix(got, w) || ds[i].Hint == "" {
					t.Errorf("got  %s\nwant %s… with a hint", got, w)
				}
			}
			if s := ds.Strict(); s.Errors() != len(tc.want) {
				t.Errorf("--strict: %v", s)
			}
		})
	}
}

// A fork's own files keep their company's spelling convention.
func TestSpellingSkipsForkFiles(t *testing.T) {
	got := forkChecked(t, map[string]string{"duties/pricing.md": "look like real prose => look like the organisation's prose"},
		map[string]string{"duties/budget.md": "---\ntitle: Budget\nsummary: The organisation's budget.\narea: delivery\nownership:\n  alpha: leads\n  beta: none\nweight: 3\nsources: [book]\n---\n\nThis fixture page holds enough words to look like real prose for the tests that read it.\n"},
		"spelling")
	if len(got) != 1 || !strings.HasPrefix(got[0], `content/duties/pricing.md:12:55: warning: "organisation" is British spelling`) {
		t.Fatalf("want only the upstream page's British spelling, got %q", got)
	}
}
