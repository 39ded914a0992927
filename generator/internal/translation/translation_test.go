package translation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/product-roles/handbook/generator/internal/testkit/fixture"
)

var langs = []config.Language{{Tag: "en", Name: "English"}, {Tag: "de", Name: "Deutsch"}}

const stale = "sha256:0000000000000000000000000000000000000000000000000000000000000000"

func fileOf(t *testing.T, s Status, source string) File {
	t.Helper()
	for _, f := range s.Files {
		if f.Source == source {
			return f
		}
	}
	t.Fatalf("%s is not in the report", source)
	return File{}
}

// A stub written beside its source is a current translation; a translation
// whose source_hash is another is outdated; a page without one is missing.
// Sources are not counted, and the counts and words add up.
func TestReportAndStub(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	testkit.CopyTree(t, fixture.Mini(t), dir)
	m := fixture.Load(t, dir)
	before := Report(m, langs)
	if len(before) != 1 || before[0].Lang.Tag != "de" || before[0].Current+before[0].Outdated != 0 || before[0].Missing != before[0].Pages || before[0].Percent() != 0 {
		t.Fatalf("before any translation: %+v", before)
	}
	backlog := m.Get(content.KindDuty, "backlog")
	stub, err := Stub(content.Kinds(), backlog)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(stub), "title: Backlog ordering\n") || !strings.Contains(string(stub), "source_hash: "+backlog.Hash+"\n") ||
		strings.Contains(string(stub), "ownership") || !strings.HasSuffix(string(stub), string(backlog.Source[backlog.BodyAt:])) {
		t.Errorf("stub of duties/backlog.md:\n%s", stub)
	}
	testkit.Write(t, filepath.Join(dir, "duties", "backlog.de.md"), string(stub))
	alpha := m.Get(content.KindRole, "alpha")
	old, err := Stub(content.Kinds(), alpha)
	if err != nil {
		t.Fatal(err)
	}
	testkit.Write(t, filepath.Join(dir, "roles", "alpha.de.md"), strings.Replace(string(old), alpha.Hash, stale, 1))

	st := Report(fixture.Load(t, dir), langs)[0]
	for _, c := range []struct{ source, translation, state string }{
		{"content/duties/backlog.md", "content/duties/backlog.de.md", Current},
		{"content/roles/alpha.md", "content/roles/alpha.de.md", Outdated},
		{"content/duties/pricing.md", "content/duties/pricing.de.md", Missing},
	} {
		if f := fileOf(t, st, c.source); f.State != c.state || f.Translation != c.translation || f.Words == 0 {
			t.Errorf("%s: %+v, want %s at %s", c.source, f, c.state, c.translation)
		}
	}
	words := 0
	for _, f := range st.Files {
		words += f.Words
		if strings.HasPrefix(f.Source, "content/sources/") && !strings.HasSuffix(f.Source, "_index.md") {
			t.Errorf("a source is counted: %s", f.Source)
		}
	}
	translated := fileOf(t, st, "content/duties/backlog.md").Words + fileOf(t, st, "content/roles/alpha.md").Words
	if st.Pages != before[0].Pages || st.Current != 1 || st.Outdated != 1 || st.Missing != st.Pages-2 || st.Words != words || st.WordsTranslated != translated {
		t.Errorf("status: %d pages, %d current, %d outdated, %d missing, %d of %d words", st.Pages, st.Current, st.Outdated, st.Missing, st.WordsTranslated, st.Words)
	}
	if want := translated * 100 / words; st.Percent() != want || want == 0 {
		t.Errorf("percent %d, want %d", st.Percent(), want)
	}

	md := Markdown([]Status{st}, "")
	for _, want := range []string{
		"- **Deutsch (de)**: 2 of ",
		"\n## Deutsch: changed since they were translated\n\n- `content/roles/alpha.md` (",
		"\n## Deutsch: not yet translated\n\n",
		"- `content/duties/pricing.md` (",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the page lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "`content/duties/backlog.md`") {
		t.Errorf("the page lists a current translation:\n%s", md)
	}
}

// Words counts the title, the summary, the kind's prose fields, move notes
// and the body.
func TestWords(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	testkit.CopyTree(t, fixture.Mini(t), dir)
	junior := filepath.Join(dir, "ladders", "pm-track", "junior.md")
	for _, c := range []struct {
		name, from, to string
		more           int
	}{
		{"as it is", "", "", 0},
		{"a longer title", "title: Junior", "title: Junior level one", 2},
		{"a longer move note", "note: The next step.", "note: The next step up.", 1},
		{"a longer expectation", "craft: Does tasks with help.", "craft: Does small tasks with some help.", 2},
		{"a longer body", "read it.\n", "read it, twice over.\n", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, err := os.ReadFile(junior)
			if err != nil {
				t.Fatal(err)
			}
			base := words(content.Kinds(), fixture.Load(t, dir).Get(content.KindLevel, "pm-track/junior"))
			edited := strings.Replace(string(src), c.from, c.to, 1)
			if c.from != "" && edited == string(src) {
				t.Fatalf("%q is not in junior.md", c.from)
			}
			testkit.Write(t, junior, edited)
			defer testkit.Write(t, junior, string(src))
			if got := words(content.Kinds(), fixture.Load(t, dir).Get(content.KindLevel, "pm-track/junior")); got != base+c.more || base < 20 {
				t.Errorf("%d words, want %d + %d", got, base, c.more)
			}
		})
	}
}

// Refresh sets source_hash in the front matter, adding it if need be, and
// leaves the rest of the file alone.
func TestRefresh(t *testing.T) {
	h := "sha256:" + strings.Repeat("ab", 32)
	for _, c := range []struct{ name, in, want, err string }{
		{"replaces", "---\ntitle: T\nsource_hash: " + stale + "\n---\nBody\n", "---\ntitle: T\nsource_hash: " + h + "\n---\nBody\n", ""},
		{"adds", "---\ntitle: T\n---\nBody\n", "---\ntitle: T\nsource_hash: " + h + "\n---\nBody\n", ""},
		{"CRLF", "---\r\ntitle: T\r\n---\r\nBody\r\n", "---\ntitle: T\nsource_hash: " + h + "\n---\nBody\n", ""},
		{"body keeps its own rule", "---\ntitle: T\n---\nsource_hash: x\n\n---\n", "---\ntitle: T\nsource_hash: " + h + "\n---\nsource_hash: x\n\n---\n", ""},
		{"no front matter", "Body\n", "", "no front matter"},
		{"not closed", "---\ntitle: T\n", "", "front matter is not closed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Refresh([]byte(c.in), h)
			if c.err != "" {
				if err == nil || err.Error() != c.err {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil || string(got) != c.want {
				t.Errorf("got %q, %v\nwant %q", got, err, c.want)
			}
		})
	}
}
