package sitetest

import (
	"context"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// A self-assessment saved against v1.0.0 and reopened, from the same
// address, on a build of v1.1.0 (which rewords Junior's craft expectation)
// names that competency, and only that one. Once the reader rates again,
// the assessment is made against v1.1.0 and the notice goes.
func TestSelfAssessmentNamesChangedExpectations(t *testing.T) {
	requireChromium(t)
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
	testkit.Git(t, dir, "init", "-q")
	testkit.Git(t, dir, "add", "-A")
	testkit.Git(t, dir, "commit", "-qm", "Start")
	testkit.Git(t, dir, "tag", "v1.0.0")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	b, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	buildTo := func(out string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if rep, err := b.Build(ctx, pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir, Out: out}), BaseURL: base}); err != nil {
			t.Fatalf("build: %v %v", err, rep.Diags)
		}
		return out
	}
	v100 := buildTo(filepath.Join(t.TempDir(), "v1.0.0"))
	junior := filepath.Join(dir, "content", "ladders", "pm-track", "junior.md")
	testkit.Write(t, junior, strings.Replace(testkit.Read(t, junior), "craft: Does tasks with help.", "craft: Does tasks with little help.", 1))
	testkit.Git(t, dir, "commit", "-qam", "Raise the bar for juniors")
	testkit.Git(t, dir, "tag", "v1.1.0")
	v110 := buildTo(filepath.Join(t.TempDir(), "v1.1.0"))

	var served atomic.Pointer[string]
	served.Store(&v100)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fileServer(*served.Load()).ServeHTTP(w, r) }),
		ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	tb := newTab(t)
	page := base + "self-assessment/"
	open := func() {
		t.Helper()
		tb.takeProblems()
		// Leave the page first: from page#a=... the browser may not load page anew.
		run(t, tb, chromedp.Navigate("about:blank"), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#sa-current")))
		if p := tb.takeProblems(); len(p) > 0 {
			t.Errorf("problems on %s: %v", page, p)
		}
	}
	notice := func() string {
		t.Helper()
		s, err := eval[string](tb, `(document.getElementById("sa-changed") || {}).textContent || ""`)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	open()
	if _, err := eval[bool](tb, `(localStorage.clear(), true)`); err != nil {
		t.Fatal(err)
	}
	open()
	choose(t, tb, "sa-current", 0) // Junior
	choose(t, tb, "sa-target", 1)  // Senior
	run(t, tb, chromedp.Click(chromedp.CSS("#sa-craft-1")))
	if n := notice(); n != "" {
		t.Fatalf("a fresh assessment has a notice: %q", n)
	}

	// The site moves on to v1.1.0; the reader comes back.
	served.Store(&v110)
	open()
	n := notice()
	for _, want := range []string{"saved this assessment against v1.0.0", "Craft (Junior)"} {
		if !strings.Contains(n, want) {
			t.Errorf("the notice does not say %q: %q", want, n)
		}
	}
	if strings.Contains(n, "Impact") || strings.Contains(n, "(Senior)") {
		t.Errorf("the notice names an expectation that did not change: %q", n)
	}
	if got, _ := eval[string](tb, `document.getElementById("sa-craft-1").checked + "|" + document.getElementById("sa-current").value`); got != "true|0" {
		t.Errorf("the saved assessment was not restored: %s", got)
	}

	// Rated again, the assessment is made against v1.1.0.
	run(t, tb, chromedp.Click(chromedp.CSS("#sa-craft-2")))
	open()
	if n := notice(); n != "" {
		t.Errorf("the notice stays after the reader rated against v1.1.0: %q", n)
	}
}
