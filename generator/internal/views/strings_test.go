package views

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/release"
	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/product-roles/handbook/generator/internal/testkit/fixture"
)

func TestT(t *testing.T) {
	s := Strings{"pair": "{1} and {2}", "lower": "Who owns each {2} duty", "empty": ""}
	for _, tc := range []struct {
		id   string
		args []string
		want string
	}{
		{"pair", []string{"PM", "PO"}, "PM and PO"},
		{"pair", []string{"PM"}, "PM and {2}"},
		{"lower", []string{"Discovery", "discovery"}, "Who owns each discovery duty"},
		{"empty", nil, ""},
		{"missing", []string{"x"}, ""},
	} {
		if got := s.T(tc.id, tc.args...); got != tc.want {
			t.Errorf("T(%q, %q) = %q, want %q", tc.id, tc.args, got, tc.want)
		}
	}
}

// A role map's badge values get their words as a label; free text gets
// none, so that the theme shows it as prose.
func TestCell(t *testing.T) {
	s := Strings{"leads": "Führt", "unset": "Nicht beschrieben", "scope": "Umfang"}
	for _, tc := range []struct {
		in   string
		want Cell
	}{
		{"leads", Cell{Value: "leads", Label: "Führt"}},
		{"", Cell{Value: "unset", Label: "Nicht beschrieben"}},
		{"scope", Cell{Value: "scope"}}, // an id, but not a badge
		{"Years, not weeks.", Cell{Value: "Years, not weeks."}},
	} {
		if got := s.cell(tc.in); got != tc.want {
			t.Errorf("cell(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// wordID is how a word's id looks in Go: lower case with an underscore.
var wordID = regexp.MustCompile(`^[a-z]+(_[a-z]+)+$`)

// usedIDs are the ids of the words the Go in dir uses: the string
// literals in the first argument of a T call, and (with all) every literal
// that looks like an id (a page's note names a word the theme shows).
func usedIDs(t *testing.T, dir string, all bool) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		lits := func(n ast.Node, keep func(string) bool) {
			ast.Inspect(n, func(n ast.Node) bool {
				if _, ok := n.(*ast.Field); ok {
					return false // struct tags are not words
				}
				if l, ok := n.(*ast.BasicLit); ok && l.Kind == token.STRING {
					if v, err := strconv.Unquote(l.Value); err == nil && keep(v) {
						ids[v] = fset.Position(l.Pos()).String()
					}
				}
				return true
			})
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && len(c.Args) > 0 {
				if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "T" {
					lits(c.Args[0], func(string) bool { return true })
				}
				// A Words passed in as t, with a literal id (the ids made up
				// of parts are checked where made: charts' tests, KindID).
				if f, ok := c.Fun.(*ast.Ident); ok && f.Name == "t" {
					if l, ok := c.Args[0].(*ast.BasicLit); ok {
						lits(l, func(string) bool { return true })
					}
				}
			}
			return true
		})
		if all {
			lits(f, wordID.MatchString)
		}
	}
	return ids
}

// Every word the Go uses (the views', and those the pipeline takes from
// the views' words) has its text in the theme's i18n/en.toml, the source
// of every word: a missing id would show as nothing.
func TestEveryWordIsInEnToml(t *testing.T) {
	en := fixture.Words(t, "en")
	ids := usedIDs(t, ".", true)
	for id, at := range usedIDs(t, filepath.Join(testkit.Root(t), "generator", "internal", "pipeline"), false) {
		ids[id] = at
	}
	// The charts' and the release's words: in calls of t (a Words or a
	// translating func) and every id-like literal, such as count's ids.
	for _, pkg := range []string{"charts", "release"} {
		for id, at := range usedIDs(t, filepath.Join(testkit.Root(t), "generator", "internal", pkg), true) {
			ids[id] = at
		}
	}
	for id, at := range usedIDs(t, filepath.Join(testkit.Root(t), "generator", "internal", "export"), false) {
		ids[id] = at
	}
	for _, s := range content.Kinds().All() {
		ids[release.KindID(s.Kind)] = "release.KindID"
	}
	for id := range release.English {
		ids[id] = "release.English"
	}
	for _, id := range badges {
		ids[id] = "badges"
	}
	for _, g := range content.Kinds().Groups() {
		ids[g.Label] = "content.Kinds().Groups()"
	}
	if len(ids) < 50 {
		t.Fatalf("found only %d ids: %v", len(ids), ids)
	}
	for id, at := range ids {
		if _, ok := en[id]; !ok {
			t.Errorf("%s: %q is not in themes/handbook/i18n/en.toml", at, id)
		}
	}
}

// release.English, the words of the pull-request summary and the API, are
// the theme's en.toml words for the same ids: one text in two places.
func TestChangeWordsAreEnToml(t *testing.T) {
	en := fixture.Words(t, "en")
	if len(release.English) < 20 {
		t.Fatalf("release.English has %d ids", len(release.English))
	}
	for id, want := range release.English {
		if en[id] != want {
			t.Errorf("%s: en.toml says %q, release.English %q", id, en[id], want)
		}
	}
}

// A release's lines are in the language of the words given: the German
// releases pages say them in German.
func TestReleaseLinesInTheLanguage(t *testing.T) {
	cs := []release.Change{
		{Kind: release.LevelAdded, Title: "Senior", Page: "/a/", To: "3"},
		{Kind: release.ExpectationReworded, Title: "Senior", Page: "/a/", ItemTitle: "Craft", Words: []release.Word{{Op: release.Equal, Text: "x"}}},
		{Kind: release.Added, Title: "Dim", Page: "/b/", Of: content.KindDimension},
		{Kind: release.Prose, Title: "Home", Page: "/c/", Words: []release.Word{{Op: release.Insert, Text: "neu"}}},
		{Kind: release.OwnershipChanged, Title: "PO", Page: "/d/", ItemTitle: "Backlog", To: "leads"},
	}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"level added at rank 3", "Craft expectation reworded", "comparison dimension added", "wording changed (1 word added)", "Backlog: none → leads"}},
		{"de", []string{"Stufe hinzugefügt auf Rang 3", "Erwartung für Craft umformuliert", "Vergleichsdimension hinzugefügt", "Wortlaut geändert (1 Wort hinzugefügt)", "Backlog: keine → leads"}},
	} {
		e := entry(Strings(fixture.Words(t, tc.lang)), &content.Model{}, "v1.1.0", "v1.0.0", "", cs, "", "")
		var got []string
		for _, b := range e.Blocks {
			for _, l := range b.Lines {
				got = append(got, l.Lead)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: leads %q, want %q", tc.lang, got, tc.want)
		}
		if tc.lang == "en" {
			for i, c := range cs {
				if c.Lead() != got[i] {
					t.Errorf("Lead() = %q, the English page says %q", c.Lead(), got[i])
				}
			}
		}
	}
}
