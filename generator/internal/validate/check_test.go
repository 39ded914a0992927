package validate

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
)

// edit is a change to one file of the fixture handbook (../testdata/mini):
// replace old with new, or write the whole file when old is empty.
type edit struct {
	file, old, new string
}

// checked loads the fixture with the edits and returns what reading the
// files and the checks of this package report, in order.
func checked(t *testing.T, edits ...edit) diag.List {
	t.Helper()
	files := map[string]string{}
	for _, e := range edits {
		files[e.file] = e.new
		if e.old != "" {
			files[e.file] = e.old + " => " + e.new
		}
	}
	dir := copyEdited(t, filepath.Join("..", "testdata", "mini"), files)
	l, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	m, diags := l.Load(dir, "content")
	m.MergeRoleMaps()
	static := Targets{}
	static.Add("/favicon.svg") // a file of the theme's static folder, as the pipeline adds them
	diags = append(diags, Check(m, static)...)
	diags = append(diags, Ladders(m, "en", nil)...)
	diags.Sort()
	return diags
}

// One case per validation error: the exact file:line:col and message.
var checkCases = []struct {
	name string
	edit edit
	want string
}{
	{"unknown area", edit{"duties/backlog.md", "area: delivery", "area: deliver"},
		`content/duties/backlog.md:4:7: error: unknown area "deliver"`},
	{"unknown role in ownership", edit{"duties/pricing.md", "  beta: none", "  beta: none\n  gamma: leads"},
		`content/duties/pricing.md:8:10: error: ownership names unknown role "gamma"`},
	{"missing role in values", edit{"compare/horizon.md", "  beta: Sprints.\n", ""},
		`content/compare/horizon.md:4:1: warning: values has no entry for role "beta"; the views show it as not described`},
	{"unknown move target", edit{"ladders/pm-track/junior.md", "to: pm-track/senior", "to: pm-track/staff"},
		`content/ladders/pm-track/junior.md:13:9: error: move to unknown level "pm-track/staff"`},
	{"unknown source", edit{"duties/pricing.md", "sources: [book]", "sources: [book, paper]"},
		`content/duties/pricing.md:9:17: error: unknown source "paper"`},
	{"duplicate id", edit{"duties/backlog/index.md", "", "---\ntitle: Backlog again\nsummary: A second backlog duty.\narea: delivery\nownership: {alpha: none, beta: leads}\nsources: [book]\n---\nText.\n"},
		`content/duties/backlog/index.md:2:1: error: duplicate id "backlog": content/duties/backlog.md has the same id`},
	{"missing required field", edit{"duties/pricing.md", "summary: Setting the price.\n", ""},
		`content/duties/pricing.md:2:1: error: missing required field "summary"`},
	{"unknown field", edit{"duties/pricing.md", "weight: 2", "wieght: 2"},
		`content/duties/pricing.md:8:1: error: unknown field "wieght"`},
	{"bad ownership value", edit{"duties/backlog.md", "beta: leads", "beta: owns"},
		`content/duties/backlog.md:7:9: error: ownership.beta is "owns", which is not allowed`},
	{"rank gap", edit{"ladders/pm-track/senior.md", "rank: 2", "rank: 3"},
		`content/ladders/pm-track/senior.md:4:7: error: ranks in track "pm-track" skip 2`},
	{"rank duplicate", edit{"ladders/pm-track/senior.md", "rank: 2", "rank: 1"},
		`content/ladders/pm-track/senior.md:4:7: error: rank 1 is also the rank of content/ladders/pm-track/junior.md`},
	{"expectation for unknown competency", edit{"ladders/pm-track/senior.md", "  impact: Helps the team. Coaches new colleagues weekly.", "  impact: Helps the team. Coaches new colleagues weekly.\n  vision: Sees far."},
		`content/ladders/pm-track/senior.md:10:11: error: expectation for unknown competency "vision"`},
	{"missing expectation", edit{"ladders/pm-track/senior.md", "  impact: Helps the team. Coaches new colleagues weekly.\n", ""},
		`content/ladders/pm-track/senior.md:7:1: error: no expectation for competency "impact"`},
	{"link to missing page", edit{"duties/pricing.md", "look like real prose", "look like [real prose](/duties/nope/)"},
		`content/duties/pricing.md:12:52: error: link to /duties/nope/, a page that does not exist`},
	{"link to missing anchor", edit{"duties/pricing.md", "look like real prose", "look like [real prose](/duties/backlog/#nope)"},
		`content/duties/pricing.md:12:52: error: link to #nope on /duties/backlog/, an anchor that does not exist`},
	{"image without alt text", edit{"duties/pricing.md", "look like real prose", "look like ![](/favicon.svg) prose"},
		`content/duties/pricing.md:12:1: error: image "/favicon.svg" has no alt text`},
	{"duplicate title", edit{"duties/pricing.md", "title: Pricing", "title: Backlog ordering"},
		`content/duties/pricing.md:2:8: error: title "Backlog ordering" is also the title of content/duties/backlog.md`},
	{"duplicate summary", edit{"duties/pricing.md", "summary: Setting the price.", "summary: Deciding what comes next."},
		`content/duties/pricing.md:3:10: error: summary is the same as the summary of content/duties/backlog.md`},
	{"empty section", edit{"duties/pricing.md", "look like real prose", "look like real prose\n\n## Nothing here\n\n## Details\n\nText"},
		`content/duties/pricing.md:14:4: error: section "Nothing here" is empty`},
	{"source defined but never cited", edit{"sources/unused.md", "", "---\ntitle: Unused\nsummary: Never cited.\nkind: web\n---\n"},
		`content/sources/unused.md:2:1: warning: source "unused" is never cited`},
	{"invalid yaml", edit{"duties/pricing.md", "area: delivery", "area: [delivery"},
		`content/duties/pricing.md:4:1: error: invalid YAML`},
	{"duplicate key", edit{"duties/pricing.md", "area: delivery", "area: delivery\narea: delivery"},
		`content/duties/pricing.md:5:1: error: field "area" appears twice (first on line 4)`},
	{"interview question for unknown competency", edit{"interview/impact-story.md", "competency: impact", "competency: impakt"},
		`content/interview/impact-story.md:4:13: error: unknown competency "impakt"`},
	{"interview question for unknown track", edit{"interview/craft-story.md", "tracks: [pm-track]", "tracks: [pm-track, po-track]"},
		`content/interview/craft-story.md:5:20: error: unknown track "po-track"`},
	{"interview question for a rank no level has", edit{"interview/craft-story.md", "{from: 1, to: 2}", "{from: 1, to: 3}"},
		`content/interview/craft-story.md:6:22: error: ranks.to is 3, but track "pm-track" has no level above rank 2`},
	{"interview ranks upside down", edit{"interview/impact-story.md", "{from: 1, to: 2}", "{from: 2, to: 1}"},
		`content/interview/impact-story.md:6:15: error: ranks go from 2 to 1: from is above to`},
	{"interview signals not from the first rank", edit{"interview/impact-story.md", "  - from_rank: 1", "  - from_rank: 2"},
		`content/interview/impact-story.md:9:16: error: the first signals entry has from_rank 2, but the question fits from rank 1`},
	{"interview signals out of order", edit{"interview/craft-story.md", "  - from_rank: 2", "  - from_rank: 1"},
		`content/interview/craft-story.md:15:16: error: from_rank 1 does not follow from_rank 1`},
	{"interview field missing", edit{"interview/impact-story.md", "red_flags:\n  - Works alone by choice.\n", ""},
		`content/interview/impact-story.md:2:1: error: missing required field "red_flags"`},
	{"level competency without an interview question", edit{"interview/impact-story.md", "{from: 1, to: 2}", "{from: 1, to: 1}"},
		`content/ladders/pm-track/senior.md:9:3: warning: no interview question fits competency "impact" at this level (rank 2 of track "pm-track")`},
}

func TestFixtureIsValid(t *testing.T) {
	if diags := checked(t); len(diags) > 0 {
		t.Fatalf("fixture:\n%v", diags)
	}
}

func TestCheckReportsEachError(t *testing.T) {
	for _, tc := range checkCases {
		t.Run(tc.name, func(t *testing.T) {
			diags := checked(t, tc.edit)
			if warning := strings.Contains(tc.want, ": warning: "); (diags.Errors() > 0) == warning {
				t.Fatalf("%d errors for a want of %q; diagnostics:\n%v", diags.Errors(), tc.want, diags)
			}
			if len(diags) != 1 {
				t.Fatalf("want exactly one diagnostic, got:\n%v", diags)
			}
			if got := diags[0].String(); !strings.HasPrefix(got, tc.want) {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestCheckReportsAllErrorsInOneRun(t *testing.T) {
	// Cases that touch different files, all at once.
	seen := map[string]bool{}
	var edits []edit
	var wants []string
	for _, tc := range checkCases {
		if seen[tc.edit.file] {
			continue
		}
		seen[tc.edit.file] = true
		edits = append(edits, tc.edit)
		wants = append(wants, tc.want)
	}
	diags := checked(t, edits...)
	got := diags.Error()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
	if len(diags) != len(wants) {
		t.Errorf("got %d diagnostics, want %d:\n%s", len(diags), len(wants), got)
	}
}

// The schema stage on single files (Parse reads them; the loader applies no
// schema): the first problem, at its place.
func TestSchema(t *testing.T) {
	l, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	const okFront = "---\ntitle: Pricing\nsummary: Setting the price.\n---\n"
	for _, tc := range []struct {
		name, src string
		want      string // "" for no diagnostic, else the first diagnostic's prefix
	}{
		{"a valid page", okFront, ""},
		{"same key in sibling list items: a page has no moves", "---\ntitle: a\nsummary: s\nmoves:\n  - to: a/b\n  - to: a/c\n---\n", `x/pricing.md:4:1: error: unknown field "moves"`},
		{"unknown field", okFront[:len(okFront)-4] + "colour: red\n---\n", `x/pricing.md:4:1: error: unknown field "colour"`},
		{"wrong type", "---\ntitle: [a]\nsummary: s\n---\n", "x/pricing.md:2:1: error: title must be a string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, diags := l.Parse("pages/pricing.md", "x/pricing.md", []byte(tc.src))
			if p == nil || len(diags) > 0 {
				t.Fatalf("Parse: %v", diags)
			}
			m := content.NewModel("x", []*content.Page{p})
			got := Schemas(m)
			if tc.want == "" {
				if len(got) > 0 {
					t.Fatalf("unexpected: %v", got)
				}
				return
			}
			if len(got) == 0 || !strings.HasPrefix(got[0].String(), tc.want) {
				t.Fatalf("got %v, want %s", got, tc.want)
			}
		})
	}
}
