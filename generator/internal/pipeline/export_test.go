package pipeline

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/export"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/net/html"
)

func builtHandbook(t *testing.T) (dir, out string, c *Checked) {
	t.Helper()
	dir = testkit.Project(t, filepath.Join(testkit.Root(t), "content"))
	out = filepath.Join(dir, "public")
	b := newBuilder(t)
	buildOK(t, b, dir, out)
	c, err := b.Check(Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, &Report{})
	if err != nil {
		t.Fatal(err)
	}
	return dir, out, c
}

// Every JSON file validates against the published schema and holds exactly
// what the content model holds.
func TestAPIValidatesAndRoundTrips(t *testing.T) {
	_, out, c := builtHandbook(t)
	api := filepath.Join(out, "api", "v1")
	comp := apiSchema(t, api, "https://site.invalid/api/v1/schema.json")
	validate := func(file, def string) []byte {
		data := testkit.Read(t, filepath.Join(api, file))
		s, err := comp.Compile("https://site.invalid/api/v1/schema.json#/$defs/" + strings.ReplaceAll(def, "/", "~1"))
		if err != nil {
			t.Fatalf("%s: %v", def, err)
		}
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s does not validate: %v", file, err)
		}
		return []byte(data)
	}
	m := c.Model
	var duties []export.Duty
	json.Unmarshal(validate("duties.json", "duties.json"), &duties)
	if len(duties) != len(m.Of(content.KindDuty)) {
		t.Fatalf("%d duties in the API, %d in the model", len(duties), len(m.Of(content.KindDuty)))
	}
	for _, d := range duties {
		p := m.Get(content.KindDuty, d.ID)
		if p == nil || d.Title != p.Front.Title || d.Area != p.Front.Area || !reflect.DeepEqual(d.Ownership, p.Front.Ownership) || d.URL != p.URL {
			t.Errorf("duty %s does not round-trip: %+v", d.ID, d)
		}
	}
	var roles []export.Role
	json.Unmarshal(validate("roles.json", "roles.json"), &roles)
	for _, r := range roles {
		p := m.Get(content.KindRole, r.ID)
		if p == nil || r.Question != p.Front.Question || !reflect.DeepEqual(r.Owns, p.Front.Owns) {
			t.Errorf("role %s does not round-trip", r.ID)
		}
	}
	var dims []export.Dimension
	json.Unmarshal(validate("dimensions.json", "dimensions.json"), &dims)
	for _, d := range dims {
		if p := m.Get(content.KindDimension, d.ID); p == nil || !reflect.DeepEqual(d.Values, p.Front.Values) {
			t.Errorf("dimension %s does not round-trip", d.ID)
		}
	}
	var skills []export.Skill
	json.Unmarshal(validate("skills.json", "skills.json"), &skills)
	for _, s := range skills {
		if p := m.Get(content.KindSkill, s.ID); p == nil || !reflect.DeepEqual(s.Importance, p.Front.Importance) || s.Kind != p.Front.Kind {
			t.Errorf("skill %s does not round-trip", s.ID)
		}
	}
	validate("areas.json", "areas.json")
	validate("competencies.json", "competencies.json")
	// Job descriptions: every one validates and lists exactly its derived duties.
	pm, po := len(m.Levels("product-management")), len(m.Levels("product-ownership"))
	if want := pm + po + min(pm, po); len(c.Data.Jobs) != want || pm == 0 || po == 0 {
		t.Errorf("%d job descriptions, want %d: %d + %d levels and %d combined ranks", len(c.Data.Jobs), want, pm, po, min(pm, po))
	}
	for _, j := range c.Data.Jobs {
		var rec export.Job
		json.Unmarshal(validate("jobs/"+j.ID+".json", "jobs/{id}.json"), &rec)
		var want, got []string
		for _, g := range j.Duties {
			for _, r := range g.Rows {
				want = append(want, r.ID)
			}
		}
		for _, d := range rec.Responsibilities {
			got = append(got, d.ID)
			if p := m.Get(content.KindDuty, d.ID); p == nil || !reflect.DeepEqual(d.Ownership, pick(p.Front.Ownership, rec.Roles)) {
				t.Errorf("job %s: duty %s ownership %v", j.ID, d.ID, d.Ownership)
			}
		}
		if !reflect.DeepEqual(got, want) || rec.Title != j.Title || len(rec.Expectations) != len(m.Of(content.KindCompetency)) {
			t.Errorf("job %s does not round-trip: duties %v, want %v", j.ID, got, want)
		}
		md := testkit.Read(t, filepath.Join(api, "jobs", j.ID+".md"))
		if !strings.HasPrefix(md, "# "+j.Title+"\n") || strings.Count(md, "\n- **") != len(want)+len(rec.Expectations)*len(rec.Roles) {
			t.Errorf("jobs/%s.md: %d list items, want %d duties and %d expectations", j.ID, strings.Count(md, "\n- **"), len(want), len(rec.Expectations)*len(rec.Roles))
		}
		guide := testkit.Read(t, filepath.Join(api, "interview-guides", j.ID+".md"))
		if !strings.HasPrefix(guide, "# "+j.Title+": interview guide\n") || !strings.Contains(guide, "## Scorecard") {
			t.Errorf("interview-guides/%s.md: %.200s", j.ID, guide)
		}
	}
	var idx export.Index
	json.Unmarshal(validate("index.json", "index.json"), &idx)
	if len(idx.Tracks) != 2 {
		t.Errorf("index lists tracks %v", idx.Tracks)
	}
	for _, id := range idx.Tracks {
		var tr export.Track
		json.Unmarshal(validate("tracks/"+id+".json", "tracks/{id}.json"), &tr)
		levels := m.Levels(id)
		if len(tr.Levels) != len(levels) {
			t.Fatalf("track %s: %d levels", id, len(tr.Levels))
		}
		for i, l := range tr.Levels {
			p := levels[i]
			if l.ID != p.ID || l.Rank != p.Front.Rank || !reflect.DeepEqual(l.Expectations, p.Front.Expectations) || len(l.Moves) != len(p.Front.Moves) {
				t.Errorf("level %s/%s does not round-trip", id, l.ID)
			}
		}
	}
}

// Each CSV file has the same cells as the HTML matrix it comes from.
func TestCSVMatchesHTMLMatrices(t *testing.T) {
	_, out, c := builtHandbook(t)
	for _, tc := range []struct{ csv, page, table string }{
		{"comparison.csv", "compare/index.html", "comparison"},
		{"duties.csv", "duties/index.html", "duty-matrix"},
		{"skills.csv", "skills/index.html", "skill-matrix"},
		{"ladder-product-management.csv", "ladders/product-management/index.html", "ladder"},
		{"ladder-product-ownership.csv", "ladders/product-ownership/index.html", "ladder"},
	} {
		recs, err := csv.NewReader(strings.NewReader(testkit.Read(t, filepath.Join(out, "api", "v1", "csv", tc.csv)))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", tc.csv, err)
		}
		table := page(t, out, tc.page).ByID(tc.table)
		if table == nil {
			t.Fatalf("%s: no #%s", tc.page, tc.table)
		}
		// A value's short line (a dimension's in_short, bold above it) sums the
		// cell up on the page; the CSV carries the value itself.
		for _, n := range (testkit.Doc{Root: table}).All(func(n *html.Node) bool { return testkit.Attr(n, "class") == "in-short" }) {
			n.Parent.RemoveChild(n)
		}
		var rows [][]string
		group := ""
		grouped := recs[0][0] == "Group"
		for _, tr := range (testkit.Doc{Root: table}).All(testkit.Tag("tr")) {
			cells := testkit.Cells(tr)
			if testkit.Attr(tr, "class") == "group" {
				group = cells[0]
				continue
			}
			if grouped {
				if len(rows) == 0 {
					cells = append([]string{"Group"}, cells...)
				} else {
					cells = append([]string{group}, cells...)
				}
			}
			rows = append(rows, cells)
		}
		want := normalise(recs)
		if tc.csv == "comparison.csv" {
			// The comparison on the page shows each dimension's in_short line
			// alone (the full value is on the dimension's page, linked from the
			// row's name), so that the table fits a screen; the CSV keeps the
			// full value for a reader who wants every word in one file. Check
			// the page against the in_short lines, and the CSV against the
			// values they stand for.
			want = comparisonShorts(t, c, want)
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("%s differs from the table on %s:\ncsv:  %v\nhtml: %v", tc.csv, tc.page, want[:2], rows[:2])
		}
		// The page links to its CSV.
		found := false
		for _, a := range page(t, out, tc.page).All(func(n *html.Node) bool { return n.Data == "a" && hasAttr(n, "download") }) {
			if testkit.Attr(a, "href") == "/api/v1/csv/"+tc.csv {
				found = true
			}
		}
		if !found {
			t.Errorf("%s does not link to its CSV", tc.page)
		}
	}
}

// comparisonShorts replaces each value of comparison.csv's rows by its
// dimension's in_short line for that role (where it has one), after checking
// that the CSV holds the dimension's full value.
func comparisonShorts(t *testing.T, c *Checked, recs [][]string) [][]string {
	t.Helper()
	roles := c.Model.Of(content.KindRole)
	dims := map[string]*content.Page{}
	for _, d := range c.Model.Of(content.KindDimension) {
		dims[d.Front.Title] = d
	}
	out := [][]string{recs[0]}
	for _, r := range recs[1:] {
		d := dims[r[0]]
		if d == nil || len(r) != len(roles)+1 {
			t.Fatalf("comparison.csv: row %v is no dimension with one value per role", r)
		}
		row := []string{r[0]}
		for i, role := range roles {
			if full := strings.Join(strings.Fields(d.Front.Values[role.ID]), " "); r[i+1] != full {
				t.Errorf("comparison.csv: %s, %s is %q, not the full value %q", r[0], role.ID, r[i+1], full)
			}
			row = append(row, strings.Join(strings.Fields(cmp.Or(d.Front.InShort[role.ID], d.Front.Values[role.ID])), " "))
		}
		out = append(out, row)
	}
	return out
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// normalise folds spaces as the HTML text extraction does.
func normalise(recs [][]string) [][]string {
	out := make([][]string, len(recs))
	for i, r := range recs {
		for _, c := range r {
			out[i] = append(out[i], strings.Join(strings.Fields(c), " "))
		}
	}
	return out
}

// The Markdown rendering and llms.txt hold the handbook.
func TestMarkdownAndLLMsTxt(t *testing.T) {
	_, out, c := builtHandbook(t)
	md := testkit.Read(t, filepath.Join(out, "handbook.md"))
	for _, p := range c.Model.Of(content.KindDuty) {
		if !strings.Contains(md, "### "+p.Front.Title+"\n") {
			t.Errorf("handbook.md lacks the duty %q", p.Front.Title)
		}
	}
	if !strings.Contains(md, "| Market research | Leads | Supports |") {
		t.Error("handbook.md lacks the duty matrix")
	}
	llms := testkit.Read(t, filepath.Join(out, "llms.txt"))
	if !strings.HasPrefix(llms, "# Product Manager vs Product Owner\n\n> ") || !strings.Contains(llms, "[The handbook in Markdown](/handbook.md)") ||
		!strings.Contains(llms, "(/ladders/product-ownership/senior-product-owner/)") {
		t.Errorf("llms.txt:\n%s", llms[:300])
	}
}

// pick keeps the entries of a role map for the given roles.
func pick(m map[string]string, roles []string) map[string]string {
	out := map[string]string{}
	for _, r := range roles {
		out[r] = m[r]
	}
	return out
}

// apiSchema is a compiler that knows the API's published schema
// (api/schema.json of a built site) under the address id.
func apiSchema(t *testing.T, api, id string) *jsonschema.Compiler {
	t.Helper()
	comp := jsonschema.NewCompiler()
	f, err := os.Open(filepath.Join(api, "schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := comp.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	return comp
}
