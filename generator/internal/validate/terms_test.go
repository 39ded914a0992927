package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
)

// Each rejected variant of the German style sheet is reported at its place
// with the term to use; the terms themselves, compounds of them, link
// targets, inline code, quotations and other languages pass.
func TestTerms(t *testing.T) {
	for _, tc := range []struct {
		name, lang, line string
		want             []string // "line:col: variant", in order
	}{
		{"the style sheet's terms pass", "de",
			"Die Developer erreichen das Produkt-Ziel und das Sprint-Ziel mit einem Inkrement, das die Definition of Done erfüllt; das Scrum Team ordnet das Product Backlog.", nil},
		{"compounds of the terms pass", "de", "Ein Scrum-Team-Mitglied pflegt die Sprint-Backlog-Einträge.", nil},
		{"Produktziel and its forms", "de", "Das Produktziel und die Produktziele des Produktziels.",
			[]string{`1:5: "Produktziel"`, `1:25: "Produktziele"`, `1:42: "Produktziels"`}},
		{"the Scrum words of another translation", "de", "Das Entwicklungsteam baut das Increment, die Entwickler den Sprintziel-Plan.",
			[]string{`1:5: "Entwicklungsteam"`, `1:31: "Increment"`, `1:46: "Entwickler"`, `1:61: "Sprintziel"`}},
		{"backlog and team spellings", "de", "Im Produkt-Backlog, im Produktbacklog, im Sprint-Backlog, im Scrum-Team.",
			[]string{`1:4: "Produkt-Backlog"`, `1:24: "Produktbacklog"`, `1:43: "Sprint-Backlog"`, `1:62: "Scrum-Team"`}},
		{"a calque and a half-translated term", "de", "Die Spitze des Backlogs erfüllt die Definition von Done.",
			[]string{`1:5: "Spitze des Backlogs"`, `1:37: "Definition von Done"`}},
		{"gendered forms: star, colon, capital I", "de", "Kund*innen, Nutzer:innen und EntwicklerInnen.",
			[]string{`1:1: "Kund*innen"`, `1:13: "Nutzer:innen"`, `1:30: "EntwicklerInnen"`}},
		{"a profession compound is not Scrum's Developer", "de", "Sie war Softwareentwicklerin und ist nun Product Owner.", nil},
		{"link targets, code and quotations keep theirs", "de",
			"Siehe [Produkt-Ziel](/glossary/#produktziel), `Increment` und „the Development Team“.", nil},
		{"a blockquote is a quotation", "de", "> Das Entwicklungsteam", nil},
		{"a language without a style sheet", "fr", "Das Produktziel", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := Terms("content/x.de.md", tc.lang, []string{tc.line})
			if len(ds) != len(tc.want) {
				t.Fatalf("want %d warnings, got:\n%v", len(tc.want), ds)
			}
			for i, w := range tc.want {
				pos, variant, _ := strings.Cut(w, " ")
				got := ds[i].String()
				if !strings.HasPrefix(got, "content/x.de.md:"+pos+" warning: "+variant+" is not the style sheet's term") || ds[i].Hint == "" {
					t.Errorf("got  %s\nwant content/x.de.md:%s warning: %s is not the style sheet's term… with a hint", got, pos, variant)
				}
			}
		})
	}
}

// The style sheet runs over every translation in check: a rejected variant
// is a warning at its line (an error with --strict); a clean one passes.
func TestStyleSheetInCheck(t *testing.T) {
	const head = "---\ntitle: Preise\nsummary: Den Preis festlegen.\n---\n\n"
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"a rejected variant", "Der Preis dient dem Produktziel.\n", []string{"content/duties/pricing.de.md:6:21: warning: \"Produktziel\""}},
		{"the style sheet's term", "Der Preis dient dem Produkt-Ziel.\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyEdited(t, filepath.Join("..", "testdata", "mini"), map[string]string{"duties/pricing.de.md": head + tc.body})
			l, err := content.NewLoader()
			if err != nil {
				t.Fatal(err)
			}
			m, _ := l.Load(dir, "content")
			var got []string
			for _, d := range Translations(m, []string{"en", "de"}, Targets{}) {
				if d.Check == "style-sheet" {
					got = append(got, d.String())
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("want %v, got %v", tc.want, got)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("got %s, want %s…", got[i], w)
				}
			}
		})
	}
}

// CONTRIBUTING's German style sheet lists every variant the check rejects:
// each rule matches a cell of the table's "Not" column, so a rule added
// without telling translators fails here.
func TestStyleSheetIsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "CONTRIBUTING.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "### German style sheet\n")
	if !ok {
		t.Fatal(`CONTRIBUTING.md has no "### German style sheet" section`)
	}
	section, _, _ = strings.Cut(section, "\n### ")
	var rejected []string
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) == 4 && !strings.Contains(cells[2], "---") {
			rejected = append(rejected, cells[2])
		}
	}
	_, gender, _ := strings.Cut(section, "**Gendered nouns")
	rejected = append(rejected, gender) // the gender rule's examples are in its paragraph
	for _, tm := range styleSheets["de"] {
		found := false
		for _, cell := range rejected {
			found = found || tm.re.MatchString(strings.ReplaceAll(cell, `\*`, "*"))
		}
		if !found {
			t.Errorf("the style sheet's rule %s (use %s) has no example in CONTRIBUTING.md", tm.re, tm.use)
		}
	}
}

// Every variant contains one of its term's words (has), which Terms looks
// for before it runs the expression: a line the expression matches is
// never skipped.
func TestTermsHave(t *testing.T) {
	variants := []string{
		"Produktziel", "Produktzielen", "Sprintziele", "Sprintziels", "Increment", "Increments",
		"Entwicklungsteam", "Entwicklungsteams", "Development Team", "Development Teams",
		"Entwickler", "Entwicklerin", "Entwicklerinnen", "Entwicklern", "Entwicklers",
		"Produktbacklog", "ProduktBacklog", "Produkt-Backlog", "Produkt-backlogs", "Sprint-Backlog", "Sprint-Backlogs",
		"Scrum-Team", "Scrum-Teams", "Definition von Done", "Spitze des Backlogs", "Spitze des Product Backlogs",
		"Kund*innen", "Nutzer:innen", "Leser_innen", "EntwicklerInnen", "KundInnen",
	}
	for _, v := range variants {
		matched := false
		for _, tm := range styleSheets["de"] {
			line := "Ein Satz mit " + v + " darin."
			if tm.re.MatchString(line) {
				matched = true
				if !tm.in(line) {
					t.Errorf("%q matches %s, but has none of %q: Terms would skip it", v, tm.re, tm.has)
				}
			}
		}
		if !matched {
			t.Errorf("%q matches no term of the style sheet", v)
		}
	}
}
