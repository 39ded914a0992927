package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/minify"
	"github.com/product-roles/handbook/generator/internal/testkit"
	"golang.org/x/net/html"
)

func newBuilder(t *testing.T) *Builder {
	t.Helper()
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// buildOK builds the project into out and fails the test on any error.
func buildOK(t *testing.T, b *Builder, dir, out string) *Report {
	t.Helper()
	rep, err := b.Build(context.Background(), Options{Layout: layout.Resolve(layout.Flags{Project: dir, Out: out}), BaseURL: "/"})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, rep.Diags)
	}
	return rep
}

func page(t *testing.T, out, rel string) testkit.Doc {
	t.Helper()
	return testkit.ParseHTML(t, testkit.Read(t, filepath.Join(out, rel)))
}

// The real handbook: the home page links to both matrices and both ladders,
// and every HTML file is minified.
func TestBuildRealHandbook(t *testing.T) {
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "content"))
	out := filepath.Join(dir, "public")
	rep := buildOK(t, newBuilder(t), dir, out)
	if rep.Pages < 100 || rep.BytesOut >= rep.BytesIn {
		t.Errorf("report: %d pages, %d bytes in, %d out", rep.Pages, rep.BytesIn, rep.BytesOut)
	}
	links := page(t, out, "index.html").Links()
	for _, want := range []string{"/compare/", "/duties/", "/ladders/product-management/", "/ladders/product-ownership/"} {
		if !slices.Contains(links, want) {
			t.Errorf("home page does not link to %s; links: %v", want, links)
		}
	}
	m := minify.New()
	files := testkit.Snapshot(t, out)
	n := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		n++
		again, err := m.File(name, []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		// Minified: minifying again changes nothing, no line is indented, no
		// blank lines, and attributes lose their quotes (the minifier's mark).
		if string(again) != data || strings.Contains(data, "\n ") || strings.Contains(data, "\n\n") || !strings.Contains(data, "<html lang=") {
			t.Errorf("%s is not minified (%d bytes, %d after minifying again)", name, len(data), len(again))
		}
	}
	if n != rep.Pages {
		t.Errorf("%d HTML files on disk, report says %d pages", n, rep.Pages)
	}
}

// Changing one duty's ownership changes the duty matrix cell, the area
// matrix and both role pages (the duty matrix filtered to each role).
func TestOwnershipChangeReachesEveryView(t *testing.T) {
	b := newBuilder(t)
	dir := fixture(t)
	out := filepath.Join(dir, "public")
	buildOK(t, b, dir, out)
	row := page(t, out, "duties/index.html").ByID("backlog")
	if got := testkit.Cells(row); !reflect.DeepEqual(got, []string{"Backlog ordering", "Supports", "Leads"}) {
		t.Fatalf("before: backlog row = %v", got)
	}
	// A role page's duties are the duty matrix filtered to the role: the same row.
	if row := page(t, out, "roles/alpha/index.html").ByID("backlog"); row == nil || !reflect.DeepEqual(testkit.Cells(row), []string{"Backlog ordering", "Supports", "Leads"}) {
		t.Fatal("before: alpha's role page does not show backlog ordering as Supports, Leads")
	}

	apply(t, dir, edit{"duties/backlog.md", "alpha: supports", "alpha: shares"}, edit{"duties/backlog.md", "beta: leads", "beta: shares"})
	buildOK(t, b, dir, out)
	duties := page(t, out, "duties/index.html")
	if got := testkit.Cells(duties.ByID("backlog")); !reflect.DeepEqual(got, []string{"Backlog ordering", "Shares", "Shares"}) {
		t.Errorf("after: duty matrix row = %v", got)
	}
	if got := testkit.Cells(page(t, out, "areas/delivery/index.html").ByID("backlog")); !reflect.DeepEqual(got, []string{"Backlog ordering", "Shares", "Shares"}) {
		t.Errorf("after: area matrix row = %v", got)
	}
	for _, role := range []string{"alpha", "beta"} {
		row := page(t, out, "roles/"+role+"/index.html").ByID("backlog")
		if row == nil || !reflect.DeepEqual(testkit.Cells(row), []string{"Backlog ordering", "Shares", "Shares"}) {
			t.Errorf("after: %s's role page does not show backlog ordering as Shares, Shares", role)
		}
	}
}

// A third role file becomes a column in every matrix.
func TestNewRoleIsAColumnEverywhere(t *testing.T) {
	b := newBuilder(t)
	dir := fixture(t)
	apply(t, dir, edit{"roles/gamma.md", "", "---\ntitle: Gamma role\nsummary: A third role.\nabbr: G\nquestion: Who?\nreports_to: Alpha.\nworks_with: [Everyone]\nowns: [Plans]\nsuccess: [Delivery]\nweight: 3\nsources: [book]\n---\nA third role for the test, with a few words of prose.\n"},
		edit{"duties/pricing.md", "  beta: none", "  beta: none\n  gamma: supports"})
	out := filepath.Join(dir, "public")
	buildOK(t, b, dir, out)
	for _, tc := range []struct{ file, table, row string }{
		{"compare/index.html", "comparison", "horizon"},
		{"duties/index.html", "duty-matrix", "pricing"},
		{"skills/index.html", "skill-matrix", "writing"},
		{"areas/delivery/index.html", "area-matrix", "pricing"},
	} {
		doc := page(t, out, tc.file)
		table := doc.ByID(tc.table)
		if table == nil {
			t.Fatalf("%s: no table #%s", tc.file, tc.table)
		}
		ths := testkit.Doc{Root: table}.All(func(n *html.Node) bool { return n.Data == "th" && testkit.Attr(n, "scope") == "col" })
		var cols, titles []string
		for _, th := range ths {
			cols = append(cols, testkit.Text(th))
			for _, ab := range (testkit.Doc{Root: th}).All(testkit.Tag("abbr")) {
				titles = append(titles, testkit.Attr(ab, "title"))
			}
		}
		// A role's column is headed by its abbr, with the title on the abbr element.
		if !slices.Contains(cols, "G") || !slices.Contains(titles, "Gamma role") || len(cols) != 4 {
			t.Errorf("%s: columns %v (%v), want Gamma role (G) among 3 roles", tc.file, cols, titles)
		}
		if got := testkit.Cells(doc.ByID(tc.row)); len(got) != 4 {
			t.Errorf("%s: row %s has cells %v, want 4", tc.file, tc.row, got)
		}
	}
	if got := testkit.Cells(page(t, out, "duties/index.html").ByID("pricing")); got[3] != "Supports" {
		t.Errorf("pricing row: %v", got)
	}
}

// A failed build leaves the previous output byte-identical and no temporary folder behind.
func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	b := newBuilder(t)
	dir := fixture(t)
	out := filepath.Join(dir, "public")
	buildOK(t, b, dir, out)
	before := testkit.Snapshot(t, out)
	for _, tc := range []struct {
		name  string
		file  string
		data  string
		inDir string
		add   bool // data is added to the file's text
	}{
		{"bad front matter", "content/duties/pricing.md", "---\ntitle: [unclosed\n---\nText.\n", dir, false},
		// Only the checks find this one, and they run beside the rendering.
		{"a link to no page", "content/duties/pricing.md", "\nSee [the missing page](/no-such-page/).\n", dir, true},
		{"template that fails while rendering", "themes/handbook/layouts/page.html", "{{ define \"main\" }}{{ partial \"no-such-partial.html\" . }}{{ end }}\n", dir, false},
		{"broken template", "themes/handbook/layouts/page.html", "{{ define \"main\" }}{{ .Title | noSuchFunction }}{{ end }}\n", dir, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			orig := testkit.Read(t, path)
			data := tc.data
			if tc.add {
				data = orig + data
			}
			testkit.Write(t, path, data)
			defer testkit.Write(t, path, orig)
			rep, err := b.Build(context.Background(), Options{Layout: layout.Resolve(layout.Flags{Project: dir, Out: out}), BaseURL: "/"})
			if err == nil {
				t.Fatal("build succeeded, want an error")
			}
			if msg := err.Error() + "\n" + rep.Diags.Error(); !strings.Contains(msg, filepath.Base(tc.file)+":") {
				t.Errorf("the error does not name %s:\n%s", tc.file, msg)
			}
			if after := testkit.Snapshot(t, out); !reflect.DeepEqual(before, after) {
				t.Error("public/ changed after a failed build")
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".public") {
					t.Errorf("temporary folder left behind: %s", e.Name())
				}
			}
		})
	}
}

// The same input builds byte-identical output.
func TestBuildIsDeterministic(t *testing.T) {
	b := newBuilder(t)
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "content"))
	one, two := filepath.Join(dir, "one"), filepath.Join(dir, "two")
	buildOK(t, b, dir, one)
	buildOK(t, newBuilder(t), dir, two)
	a, c := testkit.Snapshot(t, one), testkit.Snapshot(t, two)
	if len(a) == 0 || len(a) != len(c) {
		t.Fatalf("%d files vs %d", len(a), len(c))
	}
	for name, data := range a {
		if c[name] != data {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// The anchors the generator computes for headings (used to check links and
// for the table of contents) are the ones Hugo puts in the page.
func TestHeadingAnchorsMatchHugo(t *testing.T) {
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "content"))
	out := filepath.Join(dir, "public")
	b := newBuilder(t)
	buildOK(t, b, dir, out)
	c, err := b.Check(Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, &Report{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range c.Model.Pages {
		if p.Listed || len(p.Heads) == 0 {
			continue
		}
		doc := page(t, out, strings.TrimPrefix(p.URL, "/")+"index.html")
		for _, h := range p.Heads {
			n++
			if doc.ByID(h.Anchor) == nil {
				t.Errorf("%s: heading %q has no element #%s", p.File, h.Text, h.Anchor)
			}
		}
	}
	if n < 40 {
		t.Errorf("only %d headings checked", n)
	}
}

// A glossary term's body (how each role uses the term) is shown on
// /glossary/ under its definition, with its links pointing into the site.
func TestGlossaryShowsTermBodies(t *testing.T) {
	dir := fixture(t)
	apply(t, dir,
		edit{file: "glossary/_index.md", new: "---\ntitle: Glossary\nsummary: The terms of the fixture.\n---\n\nThe fixture's glossary, with enough words to read as prose for the tests that read it.\n"},
		edit{file: "glossary/cadence.md", new: "---\ntitle: Cadence\nsummary: The rhythm of the work.\n---\n\n**Product Owner:** plans the [backlog](/duties/backlog/) around it.\n"})
	out := filepath.Join(dir, "public")
	buildOK(t, newBuilder(t), dir, out)
	doc := page(t, out, "glossary/index.html")
	dt := doc.ByID("cadence")
	if dt == nil {
		t.Fatal("/glossary/ has no entry with id cadence")
	}
	dd := dt.NextSibling
	for dd != nil && dd.Type != html.ElementNode {
		dd = dd.NextSibling
	}
	if dd == nil || dd.Data != "dd" {
		t.Fatal("the cadence entry has no <dd>")
	}
	text := testkit.Text(dd)
	for _, want := range []string{"The rhythm of the work.", "Product Owner: plans the backlog around it."} {
		if !strings.Contains(text, want) {
			t.Errorf("the cadence entry says %q, want it to contain %q", text, want)
		}
	}
	var links []string
	for _, a := range (testkit.Doc{Root: dd}).All(testkit.Tag("a")) {
		links = append(links, testkit.Attr(a, "href"))
	}
	if !slices.Contains(links, "/duties/backlog/") {
		t.Errorf("the cadence entry's links are %v, want /duties/backlog/", links)
	}
}
