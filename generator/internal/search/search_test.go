package search

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"The Product Backlog", []string{"product", "backlog"}},
		{"backlogs, stories and processes", []string{"backlog", "stori", "process"}},
		{"KPIs: a roadmap's status", []string{"kpis", "roadmap", "status"}},
		{"Café über-teams", []string{"café", "über", "team"}},
		{"", nil},
	} {
		if got := Words(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Words(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// German words are stemmed by Snowball's German stemmer: the forms of a
// word share a stem, and the index maps each form to it.
func TestGermanStems(t *testing.T) {
	de := For("de")
	for _, tc := range []struct{ a, b string }{{"Produktvision", "Produktvisionen"}, {"Aufgabe", "Aufgaben"}, {"Kunde", "Kunden"}} {
		if sa, sb := de.Stem(strings.ToLower(tc.a)), de.Stem(strings.ToLower(tc.b)); sa != sb {
			t.Errorf("%s -> %s, %s -> %s: want one stem", tc.a, sa, tc.b, sb)
		}
	}
	if got := de.Tokens("Die Produktvision und der Kunde"); !reflect.DeepEqual(got, []string{"produktvision", "kunde"}) {
		t.Errorf("German tokens without stop words: %v", got)
	}
}

func TestBuildIndexesTitlesAboveBodies(t *testing.T) {
	l, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	m, diags := l.Load(filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"), "content")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	data, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	var ix Index
	if err := json.Unmarshal(data, &ix); err != nil {
		t.Fatal(err)
	}
	find := func(word, url string) int {
		for wi, w := range ix.Words {
			if w != word {
				continue
			}
			doc := 0
			for _, p := range ix.Posts[wi] {
				doc += p
				if ix.Docs[doc>>2][1] == url {
					return doc & 3
				}
			}
		}
		return -1
	}
	if f := find("backlog", "/duties/backlog/"); f != 3 {
		t.Errorf("backlog in the backlog duty: field %d, want 3 (title)", f)
	}
	if f := find("set", "/duties/pricing/"); f != 1 {
		t.Errorf("set (from Setting) in the pricing duty: field %d, want 1 (summary)", f)
	}
	if f := find("fixtur", "/duties/pricing/"); f != 0 {
		t.Errorf("fixture in the pricing duty: field %d, want 0 (body)", f)
	}
	if f := find("book", "/sources/#book"); f != 3 {
		t.Errorf("a source is found on the sources page: field %d", f)
	}
	again, _ := Build(m)
	if string(again) != string(data) {
		t.Error("index is not deterministic")
	}
}

// An index made with a cache equals one made without, after edits, in
// both languages, and an edited page's new words are found.
func TestCacheMatchesFreshIndex(t *testing.T) {
	m := handbook(t)
	c := NewCache()
	for i, edit := range []func(){
		func() {},
		func() { m.Pages[3].Text += " zebrafication" },
		func() { m.Pages[3].Front.Title = "Retitled page" },
		func() { m.Pages = m.Pages[1:] },
	} {
		edit()
		for _, lang := range []string{"en", "de"} {
			want, err := BuildIn(m, lang, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.BuildIn(m, lang, nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("edit %d, %s: the cached index differs from a fresh one", i, lang)
			}
			if i == 1 && lang == "en" && !strings.Contains(string(got), `"`+Words("zebrafication")[0]+`"`) {
				t.Errorf("edit %d: the new word is not in the index", i)
			}
		}
	}
}

// An index Prepare began is the one BuildIn returns for the same model and
// groups; asked for another model or other groups, BuildIn makes that one.
func TestPrepareIsBuildIn(t *testing.T) {
	m := handbook(t)
	other := *m
	other.Pages = m.Pages[1:]
	c := NewCache()
	for _, tc := range []struct {
		name         string
		prepared, at *content.Model
		groups       []string
	}{
		{"the same model", m, m, nil},
		{"another model", m, &other, nil},
		{"other groups", m, m, []string{"Roles"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.Prepare(tc.prepared, "en", nil)
			got, err := c.BuildIn(tc.at, "en", tc.groups)
			if err != nil {
				t.Fatal(err)
			}
			want, err := BuildIn(tc.at, "en", tc.groups)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Error("the index differs from a fresh one")
			}
		})
	}
}

// handbook is the project's content, loaded.
func handbook(t *testing.T) *content.Model {
	t.Helper()
	l, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	m, diags := l.Load(filepath.Join(testkit.Root(t), "content"), "content")
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	return m
}

// The index is written as encoding/json writes it, byte for byte: the
// handbook's, and strings with every character JSON or HTML escapes.
func TestEncodeIsMarshal(t *testing.T) {
	m := handbook(t)
	var odd []string
	for c := range 0x80 {
		odd = append(odd, "a"+string(rune(c))+"b")
	}
	odd = append(odd, "\u2028 \u2029", "bad \xff utf-8 \xe2\x82", "<b>&amp;</b>", "ünïcödé ✓", "")
	for _, tc := range []struct {
		name string
		idx  *Index
	}{
		{"handbook en", (*Cache)(nil).index(m, "en", nil)},
		{"handbook de", (*Cache)(nil).index(m, "de", []string{"Rollen", "<Seiten>"})},
		{"odd strings", &Index{Lang: "x", Groups: odd, Docs: [][]any{{odd[0], odd[1], 3, odd[len(odd)-2]}}, Words: odd, Posts: [][]int{{1, -2}, {}, nil}, Forms: map[string]int{"b": 1, "a": 2, "\xff": 3}}},
		{"empty", &Index{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := json.Marshal(tc.idx)
			if err != nil {
				t.Fatal(err)
			}
			if got := tc.idx.encode(); string(got) != string(want) {
				i := 0
				for i < min(len(got), len(want)) && got[i] == want[i] {
					i++
				}
				t.Errorf("differs from encoding/json at byte %d: %q, want %q", i, got[i:min(len(got), i+40)], want[i:min(len(want), i+40)])
			}
		})
	}
}
