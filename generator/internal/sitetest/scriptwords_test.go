package sitetest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pelletier/go-toml/v2"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// i18nWords reads the theme's words for lang (plain strings only).
func i18nWords(t *testing.T, root, lang string) map[string]string {
	t.Helper()
	var raw map[string]any
	if err := toml.Unmarshal([]byte(testkit.Read(t, filepath.Join(root, "themes", "handbook", "i18n", lang+".toml"))), &raw); err != nil {
		t.Fatal(err)
	}
	words := map[string]string{}
	for k, v := range raw {
		if s, ok := v.(string); ok {
			words[k] = s
		}
	}
	return words
}

var sayID = regexp.MustCompile(`\bsay\("([a-z0-9_]+)"`)

// scriptSays lists the ids the script's modules look up (say("id", ...)):
// the file and, for a folder of the same name, the modules in it.
func scriptSays(t *testing.T, root, script string) []string {
	t.Helper()
	dir := filepath.Join(root, "themes", "handbook", "assets", "js")
	files := []string{filepath.Join(dir, script+".js")}
	more, _ := filepath.Glob(filepath.Join(dir, script, "*.js"))
	var ids []string
	for _, f := range append(files, more...) {
		for _, m := range sayID.FindAllStringSubmatch(testkit.Read(t, f), -1) {
			if !slices.Contains(ids, m[1]) {
				ids = append(ids, m[1])
			}
		}
	}
	slices.Sort(ids)
	return ids
}

// Every word the self-assessment and the scorecard say is handed to them
// by the page (data-ui), in English and in German, from the i18n files:
// the scripts hold no words of their own.
func TestScriptWords(t *testing.T) {
	s, tb := needBrowser(t)
	en, de := i18nWords(t, s.Root, "en"), i18nWords(t, s.Root, "de")
	for _, tc := range []struct{ script, root, page string }{
		{"assessment", "assessment", "self-assessment/"},
		{"scorecard", "scorecard", "ladders/product-ownership/product-owner/interview/"},
	} {
		ids := scriptSays(t, s.Root, tc.script)
		if len(ids) < 10 {
			t.Fatalf("%s.js says only %d ids: %v", tc.script, len(ids), ids)
		}
		for lang, words := range map[string]map[string]string{"": en, "de/": de} {
			if _, err := tb.open(s.URL+lang+tc.page, false); err != nil {
				t.Fatal(err)
			}
			ui := evalOK[map[string]string](t, tb, fmt.Sprintf(`JSON.parse(document.getElementById(%q).dataset.ui)`, tc.root))
			for _, id := range ids {
				if want, ok := words[id]; !ok || want == "" {
					t.Errorf("%s.js says %s, which i18n/%s.toml lacks", tc.script, id, map[bool]string{true: "en", false: "de"}[lang == ""])
				} else if ui[id] != want {
					t.Errorf("/%s%s hands %s.js %s = %q, want %q (the template's data-ui list lacks it?)", lang, tc.page, tc.script, id, ui[id], want)
				}
			}
			for _, p := range tb.takeProblems() {
				t.Errorf("/%s%s: %s", lang, tc.page, p)
			}
		}
	}
	// No sentence is written in the scripts: a quoted string with a space
	// and a capital, or ending in a full stop, would be words.
	sentence := regexp.MustCompile(`"[A-Z][a-z]+ [a-z ]+[a-z][.:]?"`)
	filepath.WalkDir(filepath.Join(s.Root, "themes", "handbook", "assets", "js"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".js") {
			for i, line := range strings.Split(testkit.Read(t, p), "\n") {
				if code, _, _ := strings.Cut(line, "//"); sentence.MatchString(code) {
					t.Errorf("%s:%d has words of its own: %s", p, i+1, strings.TrimSpace(line))
				}
			}
		}
		return nil
	})
}

// The scorecard speaks the page's language: on a German interview guide
// its legends, summary and exports are German, on the English one English.
func TestScorecardSpeaksThePageLanguage(t *testing.T) {
	s, tb := needBrowser(t)
	for _, tc := range []struct {
		lang, page string
		title      string
		sure       []string // words that must appear, in that language
	}{
		{"en", "ladders/product-ownership/product-owner/interview/", "Product Owner", []string{"Interview scorecard", "Meets", "competencies rated"}},
		{"de", "de/ladders/product-ownership/product-owner/interview/", "Product Owner", []string{"Interview-Bewertungsbogen", "Erfüllt", "Kompetenzen bewertet"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			w := i18nWords(t, s.Root, tc.lang)
			if _, err := tb.open(s.URL+tc.page, false); err != nil {
				t.Fatal(err)
			}
			evalOK[bool](t, tb, `(localStorage.clear(), true)`)
			if _, err := tb.open(s.URL+tc.page, false); err != nil {
				t.Fatal(err)
			}
			comps := evalOK[[]scoreComp](t, tb, `JSON.parse(document.getElementById("scorecard").dataset.competencies)`)
			if len(comps) != 8 {
				t.Fatalf("%d competencies", len(comps))
			}
			run(t, tb, chromedp.Click(chromedp.CSS("#sc-"+comps[0].ID+"-1")), chromedp.Click(chromedp.CSS("#sc-export-md")))
			got := evalOK[string](t, tb, `[document.getElementById("sc-summary").textContent, document.querySelector(".score-slot legend").textContent,
				document.querySelector(".score-slot label").textContent, document.getElementById("sc-export-md").textContent,
				document.getElementById("sc-download").textContent, document.getElementById("sc-export").value].join("\n")`)
			say := func(id string, kv ...any) string { return say(w, id, kv...) }
			lines := []string{"# " + say("sc_md_title", "title", tc.title), "",
				say("sc_md_scale", "ratings", w["sa_not_yet"]+", "+w["score_meets"]+", "+w["score_exceeds"]), ""}
			for i, c := range comps {
				rating := w["sa_not_rated"]
				if i == 0 {
					rating = w["score_meets"]
				}
				lines = append(lines, "## "+c.Title, "", w["sa_rating"]+": "+rating, w["sa_evidence"]+": "+w["sa_none"], "")
			}
			want := strings.Join([]string{say("sc_rated", "n", 1, "total", 8), say("sc_score", "title", comps[0].Title), w["sa_not_yet"],
				w["sa_show_md"], say("sc_download", "name", "scorecard.md"), strings.Join(lines, "\n")}, "\n")
			if got != want {
				t.Errorf("the scorecard says:\n%s\nwant:\n%s", got, want)
			}
			for _, word := range tc.sure {
				if !strings.Contains(got, word) {
					t.Errorf("the %s scorecard does not say %q:\n%s", tc.lang, word, got)
				}
			}
			for _, p := range tb.takeProblems() {
				t.Error(p)
			}
		})
	}
}

// The release form's message comes from the i18n files, in the page's
// language: a build of two releases, asked to compare one with itself.
func TestReleaseCompareWords(t *testing.T) {
	requireChromium(t)
	root := testkit.Root(t)
	dir := testkit.Project(t, filepath.Join(root, "generator", "internal", "testdata", "mini"))
	testkit.Git(t, dir, "init", "-q")
	testkit.Git(t, dir, "add", "-A")
	testkit.Git(t, dir, "commit", "-qm", "Start")
	testkit.Git(t, dir, "tag", "v1.0.0")
	junior := filepath.Join(dir, "content", "ladders", "pm-track", "junior.md")
	testkit.Write(t, junior, strings.Replace(testkit.Read(t, junior), "craft: Does tasks with help.", "craft: Does tasks with little help.", 1))
	testkit.Git(t, dir, "commit", "-qam", "Raise the bar for juniors")
	testkit.Git(t, dir, "tag", "v1.1.0")
	base := serveBuild(t, pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir})})
	tb := newTab(t)
	for _, lang := range []string{"en", "de"} {
		page := base + "releases/"
		if lang != "en" {
			page = base + lang + "/releases/"
		}
		if _, err := tb.open(page, false); err != nil {
			t.Fatal(err)
		}
		got := evalOK[string](t, tb, `(() => {
		  const from = document.getElementById("rc-from"), to = document.getElementById("rc-to");
		  if (!from || document.getElementById("release-compare").hidden) return "no form";
		  from.value = to.value;
		  document.querySelector("#release-compare button").click();
		  return document.getElementById("rc-msg").textContent;
		})()`)
		if want := i18nWords(t, root, lang)["release_compare_same"]; got != want || want == "" {
			t.Errorf("%s: the form says %q, want %q", page, got, want)
		}
		for _, p := range tb.takeProblems() {
			t.Errorf("%s: %s", page, p)
		}
	}
}
