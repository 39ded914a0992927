package hugosite

import (
	"context"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/views"
)

func TestBasePath(t *testing.T) {
	for _, tc := range []struct{ baseURL, want string }{
		{"https://example.org/", "/"},
		{"https://example.org", "/"},
		{"/", "/"},
		{"", "/"},
		{"https://example.org/handbook/", "/handbook/"},
		{"https://example.org/handbook", "/handbook/"},
		{"https://example.org/a/b/", "/a/b/"},
		{"http://localhost:1313/preview/", "/preview/"},
	} {
		if got := BasePath(tc.baseURL); got != tc.want {
			t.Errorf("BasePath(%q) = %q, want %q", tc.baseURL, got, tc.want)
		}
	}
}

// page is a view with a link in most places one can be: a ref, a pointer
// to one, crumbs, language links, a matrix's rows and CSV, a job's
// addresses, a cell's link and a citation (whose Link is another site's).
func page() pageView {
	return pageView{
		Page: views.Page{
			Kind:   "level",
			Prev:   &views.Ref{ID: "a", Title: "A", URL: "/roles/a/"},
			Next:   &views.Ref{ID: "x", Title: "X", URL: "https://other.example/x/"}, // another host's: left as it is
			Crumbs: []views.Crumb{{URL: "/", Home: true}, {Title: "Roles", URL: "/roles/"}},
			Langs:  []views.LangRef{{Lang: "de", URL: "/de/roles/b/"}},
			Matrix: &views.Matrix{CSV: "/api/v1/duties.csv", Rows: []views.Row{
				{Ref: views.Ref{ID: "d", URL: "/duties/#d"}, Cells: []views.Cell{{Value: "leads", Label: "Leads"}, {Label: "Job", URL: "/hiring/x/"}}},
				{Ref: views.Ref{ID: "e"}}, // no page: no link
			}},
			Card: "/ladders/t/l/card/",
			Job:  &views.Job{URL: "/hiring/x/", Interview: "/hiring/x/interview/", Markdown: "/hiring/x.md", JSON: "/api/v1/jobs/x.json", Scope: []string{"/not/a/link"}},
			Edit: "content/roles/b.md",
		},
		Cited: []views.Citation{{Ref: views.Ref{ID: "s", URL: "/sources/#s"}, Link: "https://books.example/s"}},
	}
}

func TestHrefsPutTheBasePathInFrontOfEveryLink(t *testing.T) {
	for _, tc := range []struct {
		name, basePath, prefix string
	}{
		{"at the root nothing changes", "/", ""},
		{"below a path", "/handbook/", "/handbook"},
		{"below two", "/a/b/", "/a/b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := page()
			got := apply(newHrefs(tc.basePath), in)
			want := page()
			if tc.prefix != "" {
				p := tc.prefix
				want.Prev.URL = p + "/roles/a/"
				want.Crumbs[0].URL, want.Crumbs[1].URL = p+"/", p+"/roles/"
				want.Langs[0].URL = p + "/de/roles/b/"
				want.Matrix.CSV = p + "/api/v1/duties.csv"
				want.Matrix.Rows[0].URL = p + "/duties/#d"
				want.Matrix.Rows[0].Cells[1].URL = p + "/hiring/x/"
				want.Card = p + "/ladders/t/l/card/"
				want.Job.URL, want.Job.Interview = p+"/hiring/x/", p+"/hiring/x/interview/"
				want.Job.Markdown, want.Job.JSON = p+"/hiring/x.md", p+"/api/v1/jobs/x.json"
				want.Cited[0].URL = p + "/sources/#s"
			}
			if !reflect.DeepEqual(got, want) {
				g, _ := json.MarshalIndent(got, "", " ")
				w, _ := json.MarshalIndent(want, "", " ")
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
			if !reflect.DeepEqual(in, page()) {
				t.Error("apply changed the view it was given (the views are shared with the rest of the build)")
			}
		})
	}
}

// The data files' links, those in its maps and in its charts' markup
// included, are below the base path; the views it was made from are not
// changed.
func TestDataFileLinksBelowTheBasePath(t *testing.T) {
	d := &views.Data{
		Nav:        []views.Ref{{ID: "roles", URL: "/roles/"}},
		SourceByID: map[string]views.Citation{"s": {Ref: views.Ref{ID: "s", URL: "/sources/#s"}}},
		Pages:      map[string]views.Page{"/roles/a": {Kind: "role"}},
		CareerMap:  `<svg><a href="/ladders/t/l/" class="level"><title>L</title></a><a href="//cdn.example/x"></a></svg>`,
	}
	files, err := DataFiles(d, "handbook", "/handbook/")
	if err != nil {
		t.Fatal(err)
	}
	var data []byte
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data = append(data, files[name]...)
	}
	for _, s := range []string{`"url":"/handbook/roles/"`, `"url":"/handbook/sources/#s"`, `\u003ca href=\"/handbook/ladders/t/l/\"`, `\u003ca href=\"//cdn.example/x\"`} {
		if !strings.Contains(string(data), s) {
			t.Errorf("data file lacks %s:\n%s", s, data)
		}
	}
	if strings.Contains(string(data), `"/roles/a"`) {
		t.Errorf("data file holds the pages' own views:\n%s", data)
	}
	if d.Nav[0].URL != "/roles/" || d.SourceByID["s"].URL != "/sources/#s" || len(d.Pages) != 1 || !strings.Contains(d.CareerMap, `href="/ladders/`) {
		t.Errorf("DataFile changed the views: %+v", d)
	}
}

// A link the theme prints is what Hugo's relURL made of the path without
// its first slash, as the theme's url.html partial did before the views
// carried their links ready: the same address for the same base URL.
func TestHrefsMatchHugosRelURL(t *testing.T) {
	paths := []string{"/", "/roles/po/", "/de/roles/po/", "/duties/#d", "/api/v1/jobs/x.json", "/hiring/x/rank-2/interview/"}
	for _, baseURL := range []string{"https://example.org/", "https://example.org/handbook/", "https://example.org/a/b/"} {
		t.Run(baseURL, func(t *testing.T) {
			s := site(t, `{{ range site.Params.paths }}{{ relURL (strings.TrimPrefix "/" .) }}|{{ end }}`, "", map[string]any{
				"baseURL": baseURL, "params": map[string]any{"paths": paths}})
			res, err := Render(context.Background(), s)
			if err != nil {
				t.Fatal(err)
			}
			h := newHrefs(BasePath(baseURL))
			var want strings.Builder
			for _, p := range paths {
				want.WriteString(apply(h, views.Crumb{URL: p}).URL + "|")
			}
			if got := string(res.Files["index.html"]); got != want.String() {
				t.Errorf("relURL gave %q, hrefs %q", got, want.String())
			}
		})
	}
}

// Every field of a view that holds a page's address is tagged href, so that
// it is below the base path on the site: a field named url, or ending in
// _url, without the tag would link to the host's root.
func TestEveryURLFieldIsTaggedHref(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	var missing []string
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			_, tagged := f.Tag.Lookup("href")
			if f.Type.Kind() == reflect.String && (name == "url" || strings.HasSuffix(name, "_url")) && !tagged {
				missing = append(missing, t.String()+"."+f.Name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[pageView]())
	walk(reflect.TypeFor[views.Data]())
	if len(missing) > 0 {
		t.Errorf("fields holding a URL without the href tag: %s", strings.Join(missing, ", "))
	}
}

// The menu and the language switcher's entries, which Hugo's configuration
// carries to every page, link below the base URL's path too; the caller's
// views are not changed.
func TestConfigLinksBelowTheBasePath(t *testing.T) {
	nav := []views.Ref{{ID: "roles", URL: "/roles/"}}
	navs := map[string][]views.Ref{"en": nav, "de": {{ID: "roles", URL: "/de/roles/"}}}
	langs := []views.LangRef{{Lang: "en", URL: "/"}, {Lang: "de", URL: "/de/"}}
	c := config.Config{Title: "T", BaseURL: "https://example.org/handbook/", Language: "en", Languages: []config.Language{{Tag: "de"}}}
	cfg := Config(c, nav, navs, langs)
	params := cfg["params"].(map[string]any)
	if got := params["nav"].([]views.Ref)[0].URL; got != "/handbook/roles/" {
		t.Errorf("menu links to %q", got)
	}
	de := cfg["languages"].(map[string]any)["de"].(map[string]any)["params"].(map[string]any)
	if got := de["nav"].([]views.Ref)[0].URL; got != "/handbook/de/roles/" {
		t.Errorf("German menu links to %q", got)
	}
	if got := de["langs"].([]views.LangRef)[1].URL; got != "/handbook/de/" {
		t.Errorf("language switcher links to %q", got)
	}
	if nav[0].URL != "/roles/" || navs["de"][0].URL != "/de/roles/" || langs[1].URL != "/de/" {
		t.Error("Config changed the views it was given")
	}
}

// Pages are made on every core with one hrefs: its plans are shared (run
// with -race).
func TestHrefsOnEveryCore(t *testing.T) {
	h := newHrefs("/handbook/")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := apply(h, page()); got.Job.JSON != "/handbook/api/v1/jobs/x.json" {
				t.Errorf("job JSON at %q", got.Job.JSON)
			}
		})
	}
	wg.Wait()
}
