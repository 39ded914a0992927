package pipeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/testkit"
	"golang.org/x/net/html"
)

// acme is a project with the real handbook and a copy of the Acme overlay.
func acme(t *testing.T) (dir, overlay string) {
	t.Helper()
	root := testkit.Root(t)
	dir = testkit.Project(t, filepath.Join(root, "content"))
	overlay = filepath.Join(dir, "company")
	testkit.CopyTree(t, filepath.Join(root, "examples", "acme"), overlay)
	return dir, overlay
}

func colTitles(t *testing.T, doc testkit.Doc, table string) []string {
	t.Helper()
	tb := doc.ByID(table)
	if tb == nil {
		t.Fatalf("no table #%s", table)
	}
	var cols []string
	for _, th := range (testkit.Doc{Root: tb}).All(func(n *html.Node) bool { return n.Data == "th" && testkit.Attr(n, "scope") == "col" }) {
		cols = append(cols, testkit.Text(th))
	}
	return cols
}

func TestAcmeOverlay(t *testing.T) {
	dir, _ := acme(t)
	before := testkit.Snapshot(t, filepath.Join(dir, "content"))
	beforeTheme := testkit.Snapshot(t, filepath.Join(dir, "themes"))
	out := filepath.Join(dir, "public")
	buildOK(t, newBuilder(t), dir, out)

	// Renamed levels on the ladder and on level pages.
	ladder := page(t, out, "ladders/product-management/index.html")
	if got := colTitles(t, ladder, "ladder"); !reflect.DeepEqual(got, []string{"Competency", "L1 Product Manager", "L2 Product Manager",
		"L3 Senior Product Manager", "L4 Principal Product Manager", "L5 Group Product Manager", "L6 Director of Product"}) {
		t.Errorf("ladder columns: %v", got)
	}
	lvl := page(t, out, "ladders/product-ownership/senior-product-owner/index.html")
	if h1 := lvl.All(testkit.Tag("h1")); len(h1) != 1 || testkit.Text(h1[0]) != "L3 Senior Product Owner" {
		t.Errorf("level page title: %v", testkit.Text(h1[0]))
	}
	if !strings.Contains(testkit.Text(lvl.Root), "Also called Senior Product Owner") {
		t.Error("the upstream title is not kept as another name")
	}

	// The extra role is a column in every matrix and has its pair pages.
	for _, tc := range []struct{ file, table string }{
		{"compare/index.html", "comparison"}, {"duties/index.html", "duty-matrix"}, {"skills/index.html", "skill-matrix"},
		{"areas/delivery/index.html", "area-matrix"}, {"duties/index.html", "overlap-table"},
	} {
		if cols := colTitles(t, page(t, out, tc.file), tc.table); len(cols) != 4 || cols[3] != "PjM" {
			t.Errorf("%s #%s columns: %v", tc.file, tc.table, cols)
		}
	}
	if got := testkit.Cells(page(t, out, "duties/index.html").ByID("cross-team-dependencies")); got[len(got)-1] != "Leads" {
		t.Errorf("project manager's own ownership entry not in the matrix: %v", got)
	}
	for _, pair := range []string{"product-manager-vs-project-manager", "product-owner-vs-project-manager", "product-manager-vs-product-owner"} {
		if _, err := os.Stat(filepath.Join(out, "compare", pair, "index.html")); err != nil {
			t.Errorf("no pair page %s", pair)
		}
	}

	// The hidden duty is gone from every view and from search.
	if _, err := os.Stat(filepath.Join(out, "duties", "pricing")); err == nil {
		t.Error("the hidden duty has a page")
	}
	for name, data := range testkit.Snapshot(t, out) {
		if strings.HasSuffix(name, ".html") && strings.Contains(data, "/duties/pricing/") {
			t.Errorf("%s still links to the hidden duty", name)
		}
	}
	var ix struct{ Docs [][]any }
	if err := json.Unmarshal([]byte(testkit.Read(t, filepath.Join(out, "search", "index.json"))), &ix); err != nil {
		t.Fatal(err)
	}
	for _, d := range ix.Docs {
		if d[1] == "/duties/pricing/" {
			t.Error("the hidden duty is in the search index")
		}
	}

	// Job descriptions and interview guides carry the renamed titles and
	// none of the hidden duty.
	for _, tc := range []struct{ dir, title string }{
		{"ladders/product-management/associate-product-manager/job", "L1 Product Manager: job description"},
		{"ladders/product-management/director-of-product-management/job", "L6 Director of Product: job description"},
		{"ladders/product-ownership/senior-product-owner/job", "L3 Senior Product Owner: job description"},
		{"ladders/product-ownership/senior-product-owner/interview", "L3 Senior Product Owner: interview guide"},
	} {
		doc := page(t, out, tc.dir+"/index.html")
		if h1 := doc.All(testkit.Tag("h1")); len(h1) != 1 || testkit.Text(h1[0]) != tc.title {
			t.Errorf("%s: h1 %q, want %q", tc.dir, testkit.Text(h1[0]), tc.title)
		}
	}
	if got := testkit.Text(page(t, out, "hiring/product-manager-and-product-owner/rank-3/job/index.html").Root); !strings.Contains(got, "L3 Senior Product Manager and L3 Senior Product Owner") {
		t.Error("the combined job at rank 3 does not name Acme's level titles")
	}
	jobs := 0
	for name, data := range testkit.Snapshot(t, filepath.Join(out, "api", "v1", "jobs")) {
		jobs++
		if strings.Contains(strings.ReplaceAll(data, " ", ""), `"id":"pricing"`) || strings.Contains(data, "- **Pricing**:") {
			t.Errorf("api/v1/jobs/%s names the hidden duty", name)
		}
		if strings.HasSuffix(name, "senior-product-manager.md") && !strings.HasPrefix(data, "# L3 Senior Product Manager\n") {
			t.Errorf("api/v1/jobs/%s: %.60s", name, data)
		}
	}
	// A JSON and a Markdown file per level, and per rank both tracks have.
	levels := map[string]int{}
	for _, tr := range []string{"product-management", "product-ownership"} {
		var track struct{ Levels []struct{ ID string } }
		if err := json.Unmarshal([]byte(testkit.Read(t, filepath.Join(out, "api", "v1", "tracks", tr+".json"))), &track); err != nil {
			t.Fatal(err)
		}
		levels[tr] = len(track.Levels)
	}
	pm, po := levels["product-management"], levels["product-ownership"]
	if want := 2 * (pm + po + min(pm, po)); jobs != want || pm == 0 {
		t.Errorf("%d job files (JSON and Markdown), want %d", jobs, want)
	}

	// Brand colour in the CSS, logo, edit links to the fork's repository.
	css := ""
	for name, data := range testkit.Snapshot(t, filepath.Join(out, "css")) {
		if strings.HasSuffix(name, ".css") {
			css += data
		}
	}
	if !strings.Contains(css, "#7a1fa2") || !strings.Contains(css, "#e0b3f5") {
		t.Error("brand colours are not in the CSS")
	}
	home := page(t, out, "index.html")
	if imgs := home.All(testkit.Tag("img")); len(imgs) == 0 || testkit.Attr(imgs[0], "src") != "/acme-logo.svg" || testkit.Attr(imgs[0], "alt") != "Acme" {
		t.Error("no logo in the header")
	}
	edits := 0
	for _, a := range page(t, out, "duties/backlog-ordering/index.html").All(testkit.Tag("a")) {
		if testkit.Text(a) == "Edit this page" {
			edits++
			if href := testkit.Attr(a, "href"); href != "https://github.com/acme/product-handbook/edit/main/content/duties/backlog-ordering.md" {
				t.Errorf("edit link: %s", href)
			}
		}
	}
	for _, a := range page(t, out, "roles/project-manager/index.html").All(testkit.Tag("a")) {
		if testkit.Text(a) == "Edit this page" {
			edits++
			if href := testkit.Attr(a, "href"); href != "https://github.com/acme/product-handbook/edit/main/company/content/roles/project-manager.md" {
				t.Errorf("overlay edit link: %s", href)
			}
		}
	}
	if edits != 2 {
		t.Errorf("%d edit links found, want 2", edits)
	}

	// No upstream file was modified.
	if !reflect.DeepEqual(before, testkit.Snapshot(t, filepath.Join(dir, "content"))) ||
		!reflect.DeepEqual(beforeTheme, testkit.Snapshot(t, filepath.Join(dir, "themes"))) {
		t.Error("building with the overlay changed upstream files")
	}
}

// An upstream change to a file the overlay replaced is flagged.
func TestDriftReport(t *testing.T) {
	dir, overlay := acme(t)
	if _, err := fork.Override(dir, overlay, "content/duties/backlog-ordering.md"); err != nil {
		t.Fatal(err)
	}
	if _, err := fork.Override(dir, overlay, "themes/handbook/layouts/_partials/footer.html"); err != nil {
		t.Fatal(err)
	}
	testkit.Write(t, filepath.Join(overlay, "content", "faq", "focus.md"), testkit.Read(t, filepath.Join(dir, "content", "faq", "focus.md")))
	report := func() map[string]fork.Entry {
		entries, err := fork.Report(dir, overlay, fork.Applied{Hidden: []*content.Page{{URL: "/duties/pricing/"}}})
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]fork.Entry{}
		for _, e := range entries {
			m[e.Action+" "+e.Path] = e
		}
		return m
	}
	r := report()
	if e := r["replaces company/content/duties/backlog-ordering.md"]; e.Flag || e.Status != "up to date" {
		t.Errorf("fresh copy: %+v", e)
	}
	if e := r["replaces company/layouts/_partials/footer.html"]; e.Flag || e.Upstream != "themes/handbook/layouts/_partials/footer.html" {
		t.Errorf("template copy: %+v", e)
	}
	if e := r["replaces company/content/faq/focus.md"]; !e.Flag || !strings.HasPrefix(e.Status, "no hash recorded") {
		t.Errorf("copied by hand: %+v", e)
	}
	if _, ok := r["adds company/content/roles/project-manager.md"]; !ok {
		t.Error("the added role is not listed")
	}
	if _, ok := r["hides duties/pricing"]; !ok {
		t.Error("the hidden duty is not listed")
	}

	// Upstream changes the file.
	up := filepath.Join(dir, "content", "duties", "backlog-ordering.md")
	testkit.Write(t, up, testkit.Read(t, up)+"\nA new upstream paragraph.\n")
	e := report()["replaces company/content/duties/backlog-ordering.md"]
	if !e.Flag || !strings.HasPrefix(e.Status, "upstream changed since it was copied") {
		t.Errorf("after the upstream change: %+v", e)
	}
	if err := fork.Refresh(dir, overlay, "content/duties/backlog-ordering.md"); err != nil {
		t.Fatal(err)
	}
	if e := report()["replaces company/content/duties/backlog-ordering.md"]; e.Flag {
		t.Errorf("after refresh: %+v", e)
	}
}

// Config and overlay errors name the file and line.
func TestForkErrors(t *testing.T) {
	b := newBuilder(t)
	for _, tc := range []struct{ name, config, file, content, want string }{
		{"unknown setting", "organisation = \"Acme\"\ncolour = \"red\"\n", "", "", `company/company.toml:2:1: error: unknown setting "colour"`},
		{"invalid TOML", "organisation = \"Acme\n", "", "", "company/company.toml:1:"},
		{"bad colour", "[colors]\naccent = \"purple\"\n", "", "", `company/company.toml:2:1: error: colors.accent "purple" is not a colour`},
		{"bad base URL", "base_url = \"example.com\"\n", "", "", `company/company.toml:1:1: error: base_url "example.com" is not an http(s) address`},
		{"bad hide path", "hide = [\"../secrets\"]\n", "", "", `company/company.toml:1:1: error: hide lists "../secrets", which is not a content path`},
		{"hide unknown item", "title = \"T\"\nhide = [\"duties/nope\"]\n", "", "", `company/company.toml:2:1: error: hide lists "duties/nope", which is not in the handbook`},
		{"unknown role", "roles = [\"product-manager\", \"ceo\"]\n", "", "", `company/company.toml:1:1: error: roles lists "ceo", which is not a role in the handbook`},
		{"unknown track", "[level_titles.engineering]\nx = \"L1\"\n", "", "", `company/company.toml:1:1: error: level_titles names track "engineering"`},
		{"unknown level", "[level_titles.product-management]\nstaff = \"L6\"\n", "", "", `company/company.toml:1:1: error: level_titles.product-management names level "staff"`},
		{"bad logo", "logo = \"../../etc/passwd\"\n", "", "", `company/company.toml:1:1: error: logo "../../etc/passwd" is not a path inside static/`},
		{"unknown nav section", "nav = [\"roles\", \"blog\"]\n", "", "", `company/company.toml:1:1: error: nav lists "blog", which is not a section`},
		{"broken overlay file", "", "content/duties/extra.md", "---\ntitle: Extra\nsummary: x\narea: delivery\nownership: {product-manager: owns}\nsources: [seed-bluebird]\n---\nText.\n",
			`company/content/duties/extra.md:5:30: error: ownership.product-manager is "owns", which is not allowed`},
		{"overlay role names unknown duty", "", "content/roles/cto.md", "---\ntitle: CTO\nsummary: x\nabbr: CTO\nquestion: q\nreports_to: r\nworks_with: [a]\nowns: [b]\nsuccess: [c]\nsources: [seed-bluebird]\nownership:\n  nope: leads\n---\nText.\n",
			`company/content/roles/cto.md:12:9: error: ownership names unknown duty "nope"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := testkit.Project(t, filepath.Join(testkit.Root(t), "content"))
			overlay := filepath.Join(dir, "company")
			if err := fork.Init(overlay, "Acme"); err != nil {
				t.Fatal(err)
			}
			if tc.config != "" {
				testkit.Write(t, filepath.Join(overlay, "company.toml"), tc.config)
			}
			if tc.file != "" {
				testkit.Write(t, filepath.Join(overlay, tc.file), tc.content)
			}
			rep := &Report{}
			if _, err := b.Check(Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, rep); err != ErrInvalid {
				t.Fatalf("got %v, want ErrInvalid\n%v", err, rep.Diags)
			}
			if got := rep.Diags.Error(); !strings.Contains(got, tc.want) {
				t.Errorf("got:\n%s\nwant: %s", got, tc.want)
			}
		})
	}
	// A fresh starter overlay is valid as it is.
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "content"))
	if err := fork.Init(filepath.Join(dir, "company"), "Acme"); err != nil {
		t.Fatal(err)
	}
	rep := &Report{}
	if _, err := b.Check(Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, rep); err != nil || len(rep.Diags) > 0 {
		t.Errorf("starter overlay: %v %v", err, rep.Diags)
	}
}
