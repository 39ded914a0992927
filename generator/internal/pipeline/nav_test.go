package pipeline

import (
	"reflect"
	"testing"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/views"
)

// Breadcrumbs, language links and the menu entry, as Hugo's .Ancestors,
// .AllTranslations and the old per-page menu loop gave them.
func TestNavigation(t *testing.T) {
	en := navLang{key: "en", locale: "en", label: "English", menu: []string{"/duties/", "/ladders/"}, pages: map[string]navPage{
		"/": {title: "Home", section: true}, "/ladders": {title: "Ladders", section: true},
		"/ladders/pm": {title: "PM track", section: true}, "/ladders/pm/senior": {title: "Senior"},
		"/ladders/pm/compare/a-to-b": {title: "A and B"}, "/duties": {title: "Duties", section: true},
		"/duties/pricing": {title: "Pricing"}, "/only-en": {title: "Only in English"},
	}}
	de := navLang{key: "de", locale: "de", label: "Deutsch", prefix: "/de", menu: []string{"/de/duties/", "/de/ladders/"}, pages: map[string]navPage{
		"/": {title: "Start", section: true}, "/ladders": {title: "Laufbahnen", section: true},
		"/ladders/pm": {title: "PM-Laufbahn", section: true}, "/ladders/pm/senior": {title: "Senior"},
		"/duties": {title: "Aufgaben", section: true}, "/duties/pricing": {title: "Preise"},
	}}
	n := navigation{en, de}
	both := func(path string) []views.LangRef {
		return []views.LangRef{{Lang: "en", Locale: "en", Label: "English", URL: path}, {Lang: "de", Locale: "de", Label: "Deutsch", URL: "/de" + path}}
	}
	for _, c := range []struct {
		name   string
		lang   int
		key    string
		crumbs []views.Crumb
		langs  []views.LangRef
		menu   string
	}{
		{"home", 0, "/", nil, both("/"), ""},
		{"a section in the menu", 0, "/duties", []views.Crumb{{URL: "/", Home: true}}, both("/duties/"), "0="},
		{"a page below a menu entry", 0, "/duties/pricing", []views.Crumb{{URL: "/", Home: true}, {Title: "Duties", URL: "/duties/"}}, both("/duties/pricing/"), "0"},
		{"a folder that is no section is left out", 0, "/ladders/pm/compare/a-to-b",
			[]views.Crumb{{URL: "/", Home: true}, {Title: "Ladders", URL: "/ladders/"}, {Title: "PM track", URL: "/ladders/pm/"}},
			[]views.LangRef{{Lang: "en", Locale: "en", Label: "English", URL: "/ladders/pm/compare/a-to-b/"}}, "1"},
		{"a German page", 1, "/ladders/pm/senior",
			[]views.Crumb{{URL: "/de/", Home: true}, {Title: "Laufbahnen", URL: "/de/ladders/"}, {Title: "PM-Laufbahn", URL: "/de/ladders/pm/"}},
			both("/ladders/pm/senior/"), "1"},
		{"a page in one language only", 0, "/only-en", []views.Crumb{{URL: "/", Home: true}},
			[]views.LangRef{{Lang: "en", Locale: "en", Label: "English", URL: "/only-en/"}}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := n.add(c.lang, c.key, views.Page{Kind: "x"})
			if !reflect.DeepEqual(v.Crumbs, c.crumbs) {
				t.Errorf("crumbs %+v, want %+v", v.Crumbs, c.crumbs)
			}
			if !reflect.DeepEqual(v.Langs, c.langs) {
				t.Errorf("langs %+v, want %+v", v.Langs, c.langs)
			}
			if v.Menu != c.menu {
				t.Errorf("menu %q, want %q", v.Menu, c.menu)
			}
		})
	}
	if one := (navigation{en}).add(0, "/duties", views.Page{}); one.Langs != nil {
		t.Errorf("a site in one language has language links: %+v", one.Langs)
	}
}

// The search page's title in the navigation is each language's search_title
// among the theme's words, the source language's too.
func TestNavigationSearchTitle(t *testing.T) {
	cfg := config.Default()
	cfg.Language = "en"
	cfg.Languages = []config.Language{{Tag: "en"}, {Tag: "de"}}
	empty := func() (*content.Model, *views.Data) { return content.NewModel("content", nil), &views.Data{} }
	m, d := empty()
	dm, dd := empty()
	c := &Checked{Config: cfg, Model: m, Data: d, Words: views.Strings{"search_title": "Find"},
		Langs: []Localized{{Model: dm, Data: dd, Words: views.Strings{"search_title": "Suche"}}}}
	n := newNavigation(c)
	if len(n) != 2 {
		t.Fatalf("%d languages, want 2", len(n))
	}
	for i, want := range []string{"Find", "Suche"} {
		if got := n[i].pages["/search"].title; got != want {
			t.Errorf("language %s: the search page's title is %q, want %q", n[i].key, got, want)
		}
	}
}
