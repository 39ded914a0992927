package pipeline

import (
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/testkit"
	"golang.org/x/net/html"
)

// germanFixture is the mini handbook in English and German: a translated
// level, role, dimension and home page; the duties are left untranslated.
func germanFixture(t *testing.T) string {
	t.Helper()
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
	hash := func(rel string) string {
		data, err := os.ReadFile(filepath.Join(dir, "content", rel))
		if err != nil {
			t.Fatal(err)
		}
		return content.Hash(data)
	}
	for rel, text := range map[string]string{
		"ladders/pm-track/senior.de.md": "title: Erfahrene Stufe\nsummary: Die zweite Stufe.\nscope: Ein ganzes Produkt.\nexpectations:\n  craft: Erledigt Aufgaben selbstständig.\n",
		"ladders/pm-track/junior.de.md": "title: Einstiegsstufe\nsummary: Die erste Stufe.\nmove_notes:\n  pm-track/senior: Der nächste Schritt.\n",
		"roles/alpha.de.md":             "title: Alpha-Rolle\nsummary: Die erste Rolle der Testdaten.\nquestion: Warum?\n",
		"compare/horizon.de.md":         "title: Zeithorizont\nsummary: Wie weit jede Rolle vorausblickt.\nvalues:\n  alpha: Jahre.\n",
		"_index.de.md":                  "title: Testhandbuch\nsummary: Ein kleines Handbuch für Tests.\n",
		"interview/craft-story.de.md": "title: Ein Stück Handwerk\nsummary: Fragt, wie jemand arbeitet.\nquestion: Welche Aufgabe haben Sie zuletzt abgeschlossen?\n" +
			"red_flags:\n  - Gibt anderen die Schuld.\nsignals:\n  - from_rank: 2\n    solid: Hat sie allein erledigt.\n",
	} {
		of, _ := content.TranslationOf(rel)
		testkit.Write(t, filepath.Join(dir, "content", rel), "---\n"+text+"source_hash: "+hash(of)+"\n---\n\nDieser Absatz ist übersetzt und verweist auf die [Preisgestaltung](/duties/pricing/).\n")
	}
	return dir
}

func TestGermanBuild(t *testing.T) {
	dir := germanFixture(t)
	out := filepath.Join(dir, "public")
	buildOK(t, newBuilder(t), dir, out)

	// No template printed a value it lacked (printf's "%!s(<nil>)").
	pages, err := filepath.Glob(filepath.Join(out, "*", "index.html"))
	if err != nil || len(pages) < 5 {
		t.Fatalf("pages: %v, %v", pages, err)
	}
	for _, p := range append(pages, filepath.Join(out, "index.html"), filepath.Join(out, "roles", "alpha", "index.html")) {
		if strings.Contains(testkit.Read(t, p), "%!") {
			t.Errorf("%s: a printf error in the page", p)
		}
	}

	// German matrix headers, ownership labels and level titles; lang="de".
	duties := page(t, out, "de/duties/index.html")
	if lang := testkit.Attr(duties.All(testkit.Tag("html"))[0], "lang"); lang != "de" {
		t.Errorf(`de/duties/: <html lang=%q>, want "de"`, lang)
	}
	if got := colTitles(t, duties, "duty-matrix"); got[0] != "Aufgabe" {
		t.Errorf("German duty matrix corner: %v", got)
	}
	var labels []string
	for _, n := range duties.All(func(n *html.Node) bool { return n.Data == "span" && strings.Contains(testkit.Attr(n, "class"), "tag") }) {
		labels = append(labels, testkit.Text(n))
	}
	if !slices.Contains(labels, "Führt") || !slices.Contains(labels, "Nicht beteiligt") || slices.Contains(labels, "Leads") {
		t.Errorf("German ownership labels: %v", labels)
	}
	ladder := page(t, out, "de/ladders/pm-track/index.html")
	if got := colTitles(t, ladder, "ladder"); !reflect.DeepEqual(got, []string{"Kompetenz", "Einstiegsstufe", "Erfahrene Stufe"}) {
		t.Errorf("German ladder columns: %v", got)
	}
	if got := testkit.Text(page(t, out, "ladders/pm-track/index.html").ByID("ladder")); !strings.Contains(got, "Senior") || strings.Contains(got, "Erfahrene") {
		t.Errorf("the English ladder changed: %q", got)
	}
	level := page(t, out, "de/ladders/pm-track/senior/index.html")
	if h1 := testkit.Text(level.All(testkit.Tag("h1"))[0]); h1 != "Erfahrene Stufe" {
		t.Errorf("German level title: %q", h1)
	}
	if body := testkit.Text(level.Root); !strings.Contains(body, "Erledigt Aufgaben selbstständig.") || !strings.Contains(body, "Helps the team.") {
		t.Error("the German level page lacks its translated expectation or the English fallback of the other")
	}
	// The footer's text is the language's own where handbook.toml gives one.
	foot := func(rel string) string { return testkit.Text(page(t, out, rel).All(testkit.Tag("footer"))[0]) }
	if de, en := foot("de/index.html"), foot("index.html"); !strings.Contains(de, "Offen geschrieben") || !strings.Contains(en, "Written in the open") {
		t.Errorf("footers: German %q, English %q", de, en)
	}
	// The career map's title and description are in German too (the
	// charts take their words from the i18n files), the English map's not.
	for _, tc := range []struct{ rel, want, not string }{
		{"de/ladders/index.html", "Laufbahnkarte", "Career map"},
		{"ladders/index.html", "Career map", "Laufbahnkarte"},
	} {
		p := page(t, out, tc.rel)
		for _, id := range []string{"career-map-title", "career-map-desc"} {
			n := p.ByID(id)
			if n == nil {
				t.Errorf("%s: no #%s", tc.rel, id)
				continue
			}
			if got := testkit.Text(n); !strings.HasPrefix(got, tc.want) || strings.Contains(got, tc.not) {
				t.Errorf("%s: #%s = %q, want it to start with %q", tc.rel, id, got, tc.want)
			}
		}
	}
	if desc := doc(t, out, "de/ladders/index.html", "career-map-desc"); strings.Contains(desc, " levels") || strings.Contains(desc, "rank ") || !strings.Contains(desc, "Stufe") {
		t.Errorf("the German career map's description is not German: %q", desc)
	}
	// The releases page's words come from the i18n files too.
	if rel := testkit.Text(page(t, out, "de/releases/index.html").Root); !strings.Contains(rel, "noch kein nummeriertes Release") || strings.Contains(rel, "no numbered release") {
		t.Errorf("the German releases page is not in German: %q", rel)
	}
	// An interview question's text fields: the translated ones in German,
	// a signal the translation leaves out in English.
	question := testkit.Text(page(t, out, "de/interview/craft-story/index.html").Root)
	for _, want := range []string{"Welche Aufgabe haben Sie zuletzt abgeschlossen?", "Gibt anderen die Schuld.", "Hat sie allein erledigt.", "Taught someone else.", "Who helped you?"} {
		if !strings.Contains(question, want) {
			t.Errorf("the German interview question lacks %q", want)
		}
	}
	if strings.Contains(question, "Tell me about a task") || strings.Contains(question, "Blames others.") || strings.Contains(question, "Did it alone.") {
		t.Error("the German interview question shows an English field its translation gives")
	}
	if !slices.Contains(level.Links(), "/de/duties/pricing/") {
		t.Errorf("a link in a German body does not lead to the German page: %v", level.Links())
	}

	// An untranslated duty: English text, with the notice.
	duty := page(t, out, "de/duties/pricing/index.html")
	if h1 := testkit.Text(duty.All(testkit.Tag("h1"))[0]); h1 != "Pricing" {
		t.Errorf("untranslated duty title: %q", h1)
	}
	notice := duty.All(func(n *html.Node) bool { return strings.Contains(testkit.Attr(n, "class"), "untranslated") })
	if len(notice) != 1 || !strings.Contains(testkit.Text(notice[0]), "noch nicht übersetzt") {
		t.Error("the untranslated duty has no notice")
	}
	if len(level.All(func(n *html.Node) bool { return strings.Contains(testkit.Attr(n, "class"), "notice") })) != 0 {
		t.Error("a translated, current page shows a notice")
	}

	// hreflang: every page names itself and its other language, and the
	// page it names names it back.
	alternates := map[string]map[string]string{} // page URL -> hreflang -> URL
	for name, data := range testkit.Snapshot(t, out) {
		if !strings.HasSuffix(name, "index.html") || strings.HasPrefix(name, "404") {
			continue
		}
		url := "/" + strings.TrimSuffix(name, "index.html")
		alts := map[string]string{}
		for _, n := range testkit.ParseHTML(t, data).All(testkit.Tag("link")) {
			if testkit.Attr(n, "rel") == "alternate" && testkit.Attr(n, "hreflang") != "" {
				alts[testkit.Attr(n, "hreflang")] = testkit.Attr(n, "href")
			}
		}
		alternates[url] = alts
	}
	if len(alternates) < 40 {
		t.Fatalf("only %d pages", len(alternates))
	}
	for url, alts := range alternates {
		want := map[string]bool{"en": true, "de": true, "x-default": true}
		if len(alts) != len(want) {
			t.Errorf("%s: hreflang links %v", url, alts)
			continue
		}
		self := "en"
		if strings.HasPrefix(url, "/de/") {
			self = "de"
		}
		if alts[self] != url {
			t.Errorf("%s: its own hreflang=%s link is %s", url, self, alts[self])
		}
		for lang, target := range alts {
			back, ok := alternates[target]
			if !ok {
				t.Errorf("%s: hreflang=%s names %s, which is not a page", url, lang, target)
			} else if !reflect.DeepEqual(back, alts) {
				t.Errorf("%s and %s: hreflang links differ: %v and %v", url, target, alts, back)
			}
		}
	}

	// The language switcher on a level page lands on the same level.
	switcher := func(doc testkit.Doc, lang string) string {
		for _, a := range doc.All(testkit.Tag("a")) {
			if testkit.Attr(a, "hreflang") == lang && a.Parent != nil && a.Parent.Parent != nil && a.Parent.Parent.Parent != nil &&
				strings.Contains(testkit.Attr(a.Parent.Parent.Parent, "class"), "langs") {
				return testkit.Attr(a, "href")
			}
		}
		return ""
	}
	if got := switcher(level, "en"); got != "/ladders/pm-track/senior/" {
		t.Errorf("switcher on the German level page leads to %q", got)
	}
	en := page(t, out, "ladders/pm-track/senior/index.html")
	to := switcher(en, "de")
	if to != "/de/ladders/pm-track/senior/" {
		t.Fatalf("switcher on the English level page leads to %q", to)
	}
	if h1 := testkit.Text(page(t, out, path.Join(strings.TrimPrefix(to, "/"), "index.html")).All(testkit.Tag("h1"))[0]); h1 != "Erfahrene Stufe" {
		t.Errorf("the switcher's target is %q, not the same level", h1)
	}
}

// A translation that sets a structural field, or names an unknown id, fails
// check with its file and line.
func TestTranslationErrors(t *testing.T) {
	b := newBuilder(t)
	for _, tc := range []struct{ name, rel, front, want string }{
		{"ownership", "duties/pricing.de.md", "title: Preise\nsummary: Den Preis festlegen.\nownership:\n  alpha: shares\n",
			`content/duties/pricing.de.md:4:1: error: "ownership" cannot be set in a translation`},
		{"rank", "ladders/pm-track/senior.de.md", "title: Erfahren\nrank: 3\n", `content/ladders/pm-track/senior.de.md:3:1: error: "rank" cannot be set in a translation`},
		{"unknown role", "compare/horizon.de.md", "title: Zeithorizont\nvalues:\n  gamma: Jahre.\n", `content/compare/horizon.de.md:4:10: error: values names "gamma", which is not a role`},
		{"unknown competency", "ladders/pm-track/senior.de.md", "title: Erfahren\nexpectations:\n  speed: Schnell.\n", `content/ladders/pm-track/senior.de.md:4:10: error: expectations names "speed"`},
		{"a signal for a rank the source has none for", "interview/craft-story.de.md", "title: Handwerk\nsignals:\n  - from_rank: 3\n    weak: Nichts.\n",
			`content/interview/craft-story.de.md:4:16: error: signals gives from_rank 3, which interview/craft-story.md has no signals for`},
		{"a structural field inside a signal", "interview/craft-story.de.md", "title: Handwerk\nsignals:\n  - from_rank: 1\n    rank: 2\n",
			`content/interview/craft-story.de.md:3:1: error: signals must be a list of entries with from_rank and the text of weak, solid and strong`},
		{"no source", "duties/nothing.de.md", "title: Nichts\n", `content/duties/nothing.de.md:2:1: error: duties/nothing.de.md translates duties/nothing.md, which does not exist`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
			testkit.Write(t, filepath.Join(dir, "content", tc.rel), "---\n"+tc.front+"---\n\nText.\n")
			rep := &Report{}
			if _, err := b.Check(Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, rep); err != ErrInvalid {
				t.Fatalf("Check: %v, want ErrInvalid; %v", err, rep.Diags)
			}
			if len(rep.Diags) != 1 || !strings.HasPrefix(rep.Diags[0].String(), tc.want) {
				t.Errorf("got %v\nwant %s", rep.Diags, tc.want)
			}
		})
	}
}

// Every language file has every id en.toml has (the source of every word;
// views.TestEveryWordIsInEnToml checks that it has every id the Go uses).
func TestWordsMatchTheTheme(t *testing.T) {
	dir := filepath.Join(testkit.Root(t), "themes", "handbook", "i18n")
	en, diags := readWords([]string{dir}, "en", "i18n")
	if len(diags) > 0 || len(en) < 100 {
		t.Fatal(len(en), diags)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
	for _, f := range files {
		key := strings.TrimSuffix(filepath.Base(f), ".toml")
		words, diags := readWords([]string{dir}, key, "i18n")
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		for id := range en {
			if words[id] == "" {
				t.Errorf("%s.toml lacks %q", key, id)
			}
		}
	}
}

// A word de.toml lacks shows the English word from en.toml in the German
// views, and check warns about it; the German words are German.
func TestMissingWordFallsBackToEnglish(t *testing.T) {
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
	de := filepath.Join(dir, "themes", "handbook", "i18n", "de.toml")
	var kept []string
	for _, line := range strings.Split(testkit.Read(t, de), "\n") {
		if !strings.HasPrefix(line, "caption_duties =") {
			kept = append(kept, line)
		}
	}
	testkit.Write(t, de, strings.Join(kept, "\n"))
	rep := &Report{}
	c, err := newBuilder(t).Check(Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, rep)
	if err != nil {
		t.Fatalf("Check: %v; %v", err, rep.Diags)
	}
	want := `"caption_duties" has no text in de.toml: its pages show the en word "Who owns each duty, grouped by area"`
	if !strings.Contains(rep.Diags.Error(), want) {
		t.Errorf("no warning %q in %v", want, rep.Diags)
	}
	if len(c.Langs) != 1 {
		t.Fatalf("languages: %v", c.Langs)
	}
	d := c.Langs[0].Data
	if d.Duties.Caption != "Who owns each duty, grouped by area" || d.Duties.Corner != "Aufgabe" {
		t.Errorf("German duty matrix: caption %q, corner %q", d.Duties.Caption, d.Duties.Corner)
	}
	if c.Data.Duties.Caption != "Who owns each duty, grouped by area" || c.Data.Duties.Corner != "Duty" {
		t.Errorf("English duty matrix: caption %q, corner %q", c.Data.Duties.Caption, c.Data.Duties.Corner)
	}
}

// doc is the text of the element of id on the page rel below out.
func doc(t *testing.T, out, rel, id string) string {
	t.Helper()
	n := page(t, out, rel).ByID(id)
	if n == nil {
		t.Fatalf("%s: no #%s", rel, id)
	}
	return testkit.Text(n)
}
