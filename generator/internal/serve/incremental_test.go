package serve

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/output"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// session is a running serve whose rebuilds the test can follow.
type session struct {
	dir, base string
	builds    chan built
	first     map[string][]byte
}

type built struct {
	site map[string][]byte
	rep  *pipeline.Report
	err  error
}

func startSession(t *testing.T, dir string) *session {
	t.Helper()
	s := &session{dir: dir, builds: make(chan built, 64)}
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	cfg := Config{Options: pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, Bind: "127.0.0.1", Log: io.Discard}
	cfg.built = func(site map[string][]byte, rep *pipeline.Report, err error) { s.builds <- built{site, rep, err} }
	go func() { done <- Run(ctx, cfg, func(a string) { addr <- a }) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	select {
	case a := <-addr:
		s.base = "http://" + a
	case err := <-done:
		t.Fatalf("Run ended early: %v", err)
	case <-time.After(120 * time.Second):
		t.Fatal("server did not start")
	}
	b := <-s.builds
	if b.err != nil {
		t.Fatalf("first build: %v", b.err)
	}
	s.first = b.site
	return s
}

// fullBuild is a fresh build of the project, as `generator build` writes
// it, with serve's base URL.
func (s *session) fullBuild(t *testing.T) (map[string]string, error) {
	t.Helper()
	b, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := b.Build(context.Background(), pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: s.dir, Out: out}), BaseURL: s.base + "/"}); err != nil {
		return nil, err
	}
	files := testkit.Snapshot(t, out)
	delete(files, output.Marker) // written by output.Write, not part of the site
	return files, nil
}

// diff names the files in which two sites differ.
func diff(want map[string]string, got map[string][]byte) []string {
	var out []string
	for name, data := range want {
		if g, ok := got[name]; !ok {
			out = append(out, "missing "+name)
		} else if string(g) != data {
			out = append(out, "differs "+name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			out = append(out, "extra "+name)
		}
	}
	slices.Sort(out)
	return out
}

// settle waits until serve has rebuilt into the site of a fresh full
// build, and returns the report of that rebuild.
func (s *session) settle(t *testing.T, want map[string]string) *pipeline.Report {
	t.Helper()
	var last []string
	var site map[string][]byte
	timeout := time.After(60 * time.Second)
	for {
		select {
		case b := <-s.builds:
			if b.err != nil {
				continue // a half-saved edit; the next save follows
			}
			if last, site = diff(want, b.site), b.site; len(last) == 0 {
				return b.rep
			}
		case <-timeout:
			var detail string
			for _, d := range last {
				name := d[strings.IndexByte(d, ' ')+1:]
				detail += "\n" + name + ": " + firstDifference(want[name], string(site[name]))
			}
			t.Fatalf("serve never showed the site of a full build; last differences: %v%s", last, detail)
		}
	}
}

// firstDifference shows where two texts part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("full build %q, served %q", a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
}

// failure waits for a failed rebuild.
func (s *session) failure(t *testing.T) built {
	t.Helper()
	timeout := time.After(120 * time.Second)
	for {
		select {
		case b := <-s.builds:
			if b.err != nil {
				return b
			}
		case <-timeout:
			t.Fatal("serve never reported the broken file")
		}
	}
}

// checkHTTP fetches every page and file of the full build from serve:
// each must equal the built file, apart from the live-reload script.
func (s *session) checkHTTP(t *testing.T, want map[string]string) {
	t.Helper()
	script := Injected
	for name, data := range want {
		u := s.base + "/" + strings.TrimSuffix(name, "index.html")
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got := string(body)
		if path.Ext(name) == ".html" {
			if strings.Count(got, script) != 1 {
				t.Errorf("%s: served without exactly one live-reload script", u)
			}
			got = strings.Replace(got, script, "", 1)
		}
		if resp.StatusCode != 200 || got != data {
			t.Errorf("%s: served %d, %d bytes, differs from the full build (%d bytes)", u, resp.StatusCode, len(got), len(data))
		}
	}
}

// Twelve edits, one after another, in a running serve: after each, the served
// site equals a fresh full build byte for byte (apart from the live-reload
// script), and a broken file keeps the last good site up until it is fixed.
func TestServeEqualsFullBuildAfterEveryEdit(t *testing.T) {
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
	// The files are as old as a checkout's, so that serve reads again
	// only those an edit writes (a file changed within the last seconds
	// is always read again).
	old := time.Now().Add(-time.Hour)
	if err := filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, old, old)
	}); err != nil {
		t.Fatal(err)
	}
	s := startSession(t, dir)
	want, err := s.fullBuild(t)
	if err != nil {
		t.Fatal(err)
	}
	if d := diff(want, s.first); len(d) > 0 {
		t.Fatalf("the first served site differs from a full build: %v", d)
	}
	file := func(rel string) string { return filepath.Join(dir, "content", filepath.FromSlash(rel)) }
	replace := func(rel, old, new string) func(t *testing.T) {
		return func(t *testing.T) {
			text := testkit.Read(t, file(rel))
			if !strings.Contains(text, old) {
				t.Fatalf("%s has no %q", rel, old)
			}
			testkit.Write(t, file(rel), strings.Replace(text, old, new, 1))
		}
	}
	var brokenSite map[string]string
	edits := []struct {
		name   string
		edit   func(t *testing.T)
		broken bool
	}{
		{"prose change", replace("duties/pricing.md", "enough words to look like real prose", "enough words to read like real prose"), false},
		{"ownership change", replace("duties/backlog.md", "alpha: supports", "alpha: shares"), false},
		{"new file", func(t *testing.T) {
			testkit.Write(t, file("duties/roadmap.md"), "---\ntitle: Roadmap\nsummary: Saying what comes later.\narea: delivery\nownership:\n  alpha: leads\n  beta: supports\nweight: 3\nsources: [book]\n---\n\nA new duty with a few words of prose about the roadmap.\n")
		}, false},
		{"prose change in the new file", replace("duties/roadmap.md", "a few words", "some words"), false},
		{"deleted file", func(t *testing.T) {
			if err := os.Remove(file("duties/pricing.md")); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"renamed level title", replace("ladders/pm-track/senior.md", "title: Senior", "title: Lead"), false},
		{"renamed level file", func(t *testing.T) {
			if err := os.Rename(file("ladders/pm-track/senior.md"), file("ladders/pm-track/lead.md")); err != nil {
				t.Fatal(err)
			}
			replace("ladders/pm-track/junior.md", "to: pm-track/senior", "to: pm-track/lead")(t)
		}, false},
		{"broken file", replace("duties/backlog.md", "alpha: shares", "alpha: sometimes"), true},
		{"broken file fixed", replace("duties/backlog.md", "alpha: sometimes", "alpha: leads"), false},
		{"skill importance and comparison text", func(t *testing.T) {
			replace("skills/writing.md", "alpha: important", "alpha: essential")(t)
			replace("compare/horizon.md", "alpha: Years.", "alpha: Quarters and years.")(t)
		}, false},
		// serve remembers the comparisons of expectations between rebuilds:
		// an edited expectation must be compared afresh.
		{"level expectation text", replace("ladders/pm-track/lead.md", "Coaches new colleagues weekly.", "Coaches new colleagues and runs the team's reviews."), false},
		{"theme word", func(t *testing.T) {
			words := filepath.Join(dir, "themes", "handbook", "i18n", "en.toml")
			text := testkit.Read(t, words)
			if !strings.Contains(text, "\nscope = \"Scope\"\n") {
				t.Fatal("en.toml has no scope = \"Scope\"")
			}
			testkit.Write(t, words, strings.Replace(text, "\nscope = \"Scope\"\n", "\nscope = \"Reach\"\n", 1))
		}, false},
	}
	for i, e := range edits {
		t.Run(fmt.Sprintf("%02d %s", i+1, e.name), func(t *testing.T) {
			prev := want
			e.edit(t)
			got, err := s.fullBuild(t)
			if e.broken {
				if err == nil {
					t.Fatal("the full build of a broken file succeeded")
				}
				b := s.failure(t)
				if d := diff(prev, b.site); len(d) > 0 {
					t.Errorf("after a failed rebuild serve shows something else than the last good site: %v", d)
				}
				if !strings.Contains(b.rep.Diags.Error(), "duties/backlog.md:") {
					t.Errorf("the failed rebuild does not name the file: %v", b.rep.Diags)
				}
				brokenSite = prev
				s.checkHTTP(t, prev)
				return
			}
			if err != nil {
				t.Fatalf("full build: %v", err)
			}
			want = got
			rep := s.settle(t, want)
			s.checkHTTP(t, want)
			t.Logf("rendered %d of %d pages: %v", len(rep.Rendered), rep.Pages, rep.Rendered)
		})
	}
	if brokenSite == nil {
		t.Error("the broken-file edit did not run")
	}
}

// On the real handbook, in both its languages, a prose edit re-renders
// fewer than 5% of the pages (the page and its German fallback, which shows
// the English text), and so does undoing it, and an ownership change only
// the pages that show that duty; after each, the served site equals a
// fresh full build. The pages are counted from what Hugo writes
// (hugosite.Session records each file).
func TestServeRendersOnlyChangedPages(t *testing.T) {
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "content"))
	s := startSession(t, dir)
	duty := filepath.Join(dir, "content", "duties", "backlog-ordering.md")
	text := testkit.Read(t, duty)
	for _, c := range []struct {
		name     string
		old, new string
		percent  int // the most pages re-rendered, in percent of all
		must     []string
	}{
		// The prose edit adds a paragraph after the front matter, so that it
		// does not depend on any sentence of the live text.
		{"prose edit", "\n---\n\n", "\n---\n\nThe serve test adds this paragraph.\n\n", 5,
			[]string{"duties/backlog-ordering/index.html", "de/duties/backlog-ordering/index.html"}},
		{"ownership change", "  product-manager: supports", "  product-manager: shares", 25,
			[]string{"duties/backlog-ordering/index.html", "duties/index.html", "compare/product-manager-vs-product-owner/index.html", "de/duties/index.html"}},
		// Taking the paragraph out again shrinks the duty and the
		// translations page (its word counts) in both languages: a rebuild
		// that wrote every changed file before its first Hugo build failed
		// here (".Content: slice bounds out of range").
		{"prose edit undone", "\n---\n\nThe serve test adds this paragraph.\n\n", "\n---\n\n", 5,
			[]string{"duties/backlog-ordering/index.html", "de/duties/backlog-ordering/index.html", "translations/index.html", "de/translations/index.html"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(text, c.old) {
				t.Fatalf("backlog-ordering.md has no %q", c.old)
			}
			text = strings.Replace(text, c.old, c.new, 1)
			testkit.Write(t, duty, text)
			want, err := s.fullBuild(t)
			if err != nil {
				t.Fatal(err)
			}
			rep := s.settle(t, want)
			t.Logf("rendered %d of %d pages: %v", len(rep.Rendered), rep.Pages, rep.Rendered)
			if n := len(rep.Rendered); n*100 >= c.percent*rep.Pages {
				t.Errorf("%s re-rendered %d of %d pages, %d%% or more", c.name, n, rep.Pages, c.percent)
			}
			for _, p := range c.must {
				if !slices.Contains(rep.Rendered, p) {
					t.Errorf("%s did not re-render %s", c.name, p)
				}
			}
		})
	}
}
