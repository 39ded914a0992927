package export

import (
	"encoding/csv"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit/fixture"
	"github.com/product-roles/handbook/generator/internal/views"
)

// mini loads the small fixture handbook and derives its views.
func mini(t *testing.T) (*content.Model, *views.Data) {
	t.Helper()
	m := fixture.Load(t, fixture.Mini(t))
	return m, views.Derive(m, fixture.Words(t, "en"))
}

// decode parses one exported JSON file into v.
func decode(t *testing.T, files map[string][]byte, name string, v any) {
	t.Helper()
	data, ok := files[name]
	if !ok {
		t.Fatalf("no %s; files: %v", name, names(files))
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func names(files map[string][]byte) []string { return slices.Sorted(maps.Keys(files)) }

// Every file the index names exists (for each track and job id), and the
// records carry the fixture's values, in the source language and in
// another one (below api/v1/<lang>/, without a schema of its own).
func TestFiles(t *testing.T) {
	m, d := mini(t)
	for _, c := range []struct{ lang, api, top string }{{"", "api/v1/", ""}, {"de", "api/v1/de/", "de/"}} {
		t.Run("lang="+c.lang, func(t *testing.T) {
			files, err := FilesIn(m, d, "Mini", c.lang)
			if err != nil {
				t.Fatal(err)
			}
			var idx Index
			decode(t, files, c.api+"index.json", &idx)
			if idx.Version != "v1" || idx.Title != "Mini" || idx.Schema != "/api/v1/schema.json" || !slices.Equal(idx.Tracks, []string{"pm-track"}) {
				t.Errorf("index: %+v", idx)
			}
			if _, ok := files["api/v1/schema.json"]; ok != (c.lang == "") {
				t.Errorf("schema.json written: %v", ok)
			}
			if len(idx.Files) != 11 {
				t.Errorf("the index names %d files, want 11: %v", len(idx.Files), idx.Files)
			}
			for key, file := range idx.Files {
				ids := []string{""}
				switch {
				case strings.Contains(file, "tracks/{id}"):
					ids = idx.Tracks
				case strings.Contains(file, "{id}"):
					ids = []string{"pm-track/junior", "pm-track/senior"}
				}
				for _, id := range ids {
					name := strings.TrimPrefix(strings.Replace(file, "{id}", id, 1), "/")
					if !strings.HasPrefix(name, c.api) {
						t.Errorf("index file %s = %s is not below /%s", key, file, c.api)
					}
					if _, ok := files[name]; !ok {
						t.Errorf("index names %s (%s), which is not written", file, key)
					}
				}
			}
			var roles []Role
			decode(t, files, c.api+"roles.json", &roles)
			if len(roles) != 2 || roles[0].ID != "alpha" || roles[0].Abbr != "A" || roles[0].Track != "pm-track" || roles[0].URL != "/roles/alpha/" || roles[1].ID != "beta" {
				t.Errorf("roles: %+v", roles)
			}
			var duties []Duty
			decode(t, files, c.api+"duties.json", &duties)
			if len(duties) != 2 || duties[0].ID != "backlog" || duties[0].Area != "delivery" || duties[0].Ownership["beta"] != "leads" || duties[1].Ownership["alpha"] != "leads" {
				t.Errorf("duties: %+v", duties)
			}
			var tr Track
			decode(t, files, c.api+"tracks/pm-track.json", &tr)
			if tr.Role != "alpha" || len(tr.Levels) != 2 || tr.Levels[0].Rank != 1 || tr.Levels[1].Expectations["craft"] != "Does tasks alone and reviews the work of others." ||
				len(tr.Levels[0].Moves) != 1 || tr.Levels[0].Moves[0].To != "pm-track/senior" {
				t.Errorf("track: %+v", tr)
			}
			var job Job
			decode(t, files, c.api+"jobs/pm-track/senior.json", &job)
			if job.Title != "Senior" || !slices.Equal(job.Roles, []string{"alpha"}) || !slices.Equal(job.Levels, []string{"pm-track/senior"}) ||
				len(job.Responsibilities) != 1 || job.Responsibilities[0].ID != "pricing" || job.Below == nil || !slices.Equal(job.Below.Levels, []string{"pm-track/junior"}) {
				t.Errorf("job: %+v", job)
			}
			if md := string(files[c.api+"jobs/pm-track/senior.md"]); !strings.HasPrefix(md, "# Senior") {
				t.Errorf("job markdown:\n%s", md)
			}
			if md := string(files[c.api+"interview-guides/pm-track/senior.md"]); !strings.Contains(md, "Tell me about a task you finished recently?") {
				t.Errorf("interview guide:\n%s", md)
			}
			llms := string(files[c.top+"llms.txt"])
			if !strings.HasPrefix(llms, "# Mini\n\n> A tiny handbook used by the tests.\n") || !strings.Contains(llms, "(/"+c.top+"handbook.md)") ||
				!strings.Contains(llms, "(/"+c.api+"index.json)") || !strings.Contains(llms, "- [Junior](/ladders/pm-track/junior/): The first level.\n") {
				t.Errorf("llms.txt:\n%s", llms)
			}
			if md := string(files[c.top+"handbook.md"]); !strings.HasPrefix(md, "# Mini") || !strings.Contains(md, "Backlog ordering") {
				t.Errorf("handbook.md begins:\n%.400s", md)
			}
			for name := range files {
				if !strings.HasPrefix(name, c.api) && name != c.top+"llms.txt" && name != c.top+"handbook.md" && name != "api/v1/schema.json" {
					t.Errorf("%s is outside the language's folders", name)
				}
				if strings.HasSuffix(name, ".json") && !json.Valid(files[name]) {
					t.Errorf("%s is not valid JSON", name)
				}
			}
		})
	}
}

// Each matrix with a CSV address is published under its file name, with the
// same cells as the table; a grouped matrix gets a first column of groups.
func TestCSVMatrices(t *testing.T) {
	_, d := mini(t)
	mxs := CSVMatrices(d)
	for _, c := range []struct {
		file string
		head []string
		rows int
	}{
		{"comparison.csv", []string{"Dimension", "A", "B"}, 1},
		{"duties.csv", []string{"Group", "Duty", "A", "B"}, 2},
		{"skills.csv", []string{"Skill", "A", "B"}, 1},
		{"ladder-pm-track.csv", nil, 2},
	} {
		mx, ok := mxs[c.file]
		if !ok {
			t.Errorf("no %s; matrices: %v", c.file, slices.Sorted(maps.Keys(mxs)))
			continue
		}
		data, err := CSV(mx)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if len(recs) != c.rows+1 || c.head != nil && !slices.Equal(recs[0], c.head) || len(recs[1]) != len(recs[0]) {
			t.Errorf("%s:\n%s", c.file, data)
		}
	}
	if len(mxs) != 4 {
		t.Errorf("%d matrices published, want 4", len(mxs))
	}
}

// A memo's exports equal fresh ones after each change to a job's or a
// guide's view, in two languages, and a job it made again shows the change.
func TestMemoMatchesFresh(t *testing.T) {
	m, d := mini(t)
	if len(d.Jobs) == 0 || len(d.Guides) == 0 {
		t.Fatal("the fixture has no jobs or guides")
	}
	memo := NewMemo()
	for i, edit := range []func(){
		func() {},
		func() {},
		func() { d.Jobs[0].Title = "Retitled job" },
		func() { d.Guides[0].Competencies = d.Guides[0].Competencies[1:] },
		func() { d.Jobs, d.Guides = d.Jobs[1:], d.Guides[1:] },
	} {
		edit()
		for _, lang := range []string{"", "de"} {
			want, err := FilesIn(m, d, "Mini", lang)
			if err != nil {
				t.Fatal(err)
			}
			got, err := memo.FilesIn(m, d, "Mini", lang)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(names(got), names(want)) {
				t.Fatalf("edit %d, %q: files %v, want %v", i, lang, names(got), names(want))
			}
			for name, data := range want {
				if string(got[name]) != string(data) {
					t.Errorf("edit %d, %q: %s differs from a fresh export", i, lang, name)
				}
			}
		}
		if i == 2 && !strings.Contains(string(memo.langs[""][Base+"jobs/"+d.Jobs[0].ID+".json"].files[1]), "Retitled job") {
			t.Error("the edited job was not made again")
		}
	}
	if n := len(memo.langs["de"]); n != len(d.Jobs)+len(d.Guides) {
		t.Errorf("%d jobs and guides remembered, %d made", n, len(d.Jobs)+len(d.Guides))
	}
}
