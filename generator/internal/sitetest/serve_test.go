package sitetest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/serve"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// overlay is what the page shows of the build errors (serve's reload.js).
type overlay struct {
	Shown  bool     `json:"shown"`
	Items  []string `json:"items"` // each error's text
	Source []string `json:"source"`
	Page   string   `json:"page"` // the page's own text, without the overlay
}

const readOverlay = `(() => {
  const o = document.getElementById('handbook-build-errors');
  const main = document.querySelector('main');
  return {
    shown: !!o && getComputedStyle(o).position === 'fixed',
    items: o ? [...o.querySelectorAll('li')].map(li => li.textContent) : [],
    source: o ? [...o.querySelectorAll('pre')].map(p => p.textContent) : [],
    page: main ? main.textContent : '',
  };
})()`

// poll reads the overlay until ok holds or the time is up; a page that is
// reloading meanwhile is read again.
func (tb *tab) poll(within time.Duration, ok func(overlay) bool) (overlay, time.Duration, bool) {
	start := time.Now()
	var last overlay
	for time.Since(start) < within {
		ctx, cancel := context.WithTimeout(tb.ctx, time.Second)
		o, err := chromedp.Run(ctx, chromedp.Evaluate[overlay](readOverlay))
		cancel()
		if err == nil {
			last = o
			if ok(o) {
				return o, time.Since(start), true
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	return last, time.Since(start), false
}

// The edit-and-review loop: while serve runs, a duty whose front matter is
// broken shows the errors over the last good page, in every open tab and
// under the production CSP; the fix takes them away and shows the fix.
func TestServeShowsBuildErrorsInThePage(t *testing.T) {
	requireChromium(t)
	root := testkit.Root(t)
	axeSrc, err := os.ReadFile(requireNodeFile(t, root, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	dir := testkit.Project(t, filepath.Join(root, "generator", "internal", "testdata", "mini"))
	ctx, cancel := context.WithCancel(context.Background())
	addr, done := make(chan string, 1), make(chan error, 1)
	log := &lockedBuffer{} // serve's terminal
	go func() {
		done <- serve.Run(ctx, serve.Config{Options: pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, Bind: "127.0.0.1", Log: log},
			func(a string) { addr <- a })
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not start")
	}

	duty, other := newTab(t), newTab(t)
	for _, open := range []struct {
		tb *tab
		p  string
	}{{duty, "/duties/pricing/"}, {other, "/duties/"}} {
		if _, err := open.tb.open(base+open.p, false); err != nil {
			t.Fatal(err)
		}
		if p := open.tb.takeProblems(); len(p) > 0 {
			t.Fatalf("%s before the edit: %v", open.p, p)
		}
	}

	file := filepath.Join(dir, "content", "duties", "pricing.md")
	good := testkit.Read(t, file)
	broken := strings.Replace(good, "  alpha: leads", "  alpha: owns", 1)
	if broken == good {
		t.Fatal("the fixture duty has no `alpha: leads`")
	}
	line := 1 + strings.Count(broken[:strings.Index(broken, "alpha: owns")], "\n")
	testkit.Write(t, file, broken)
	want := fmt.Sprintf("content/duties/pricing.md:%d:", line)
	for _, tc := range []struct {
		name string
		tb   *tab
	}{{"the duty", duty}, {"another open page", other}} {
		o, took, ok := tc.tb.poll(2*time.Second, func(o overlay) bool { return o.Shown })
		if !ok {
			t.Fatalf("%s: no overlay within 2 s of the broken edit", tc.name)
		}
		t.Logf("%s: the overlay after %s", tc.name, took.Round(time.Millisecond))
		if len(o.Items) == 0 || !strings.Contains(o.Items[0], want) || !strings.Contains(o.Items[0], `"owns"`) || !strings.Contains(o.Items[0], "hint: use one of") {
			t.Errorf("%s: the overlay does not name %s with the message and hint: %q", tc.name, want, o.Items)
		}
		if len(o.Source) == 0 || o.Source[0] != "  alpha: owns" {
			t.Errorf("%s: the overlay does not show the source line: %q", tc.name, o.Source)
		}
		if o.Page == "" {
			t.Errorf("%s: the last good page is not under the overlay", tc.name)
		}
	}
	if !strings.Contains(log.String(), want) || !strings.Contains(log.String(), "rebuild failed, still serving the last good build") {
		t.Errorf("the terminal no longer shows the error:\n%s", log.String())
	}
	// The overlay passes axe-core (every rule, run on the overlay alone) and
	// breaks no CSP: a violation is a console error, which the tab records.
	if _, err := eval[bool](duty, string(axeSrc)+"\n;true"); err != nil {
		t.Fatal(err)
	}
	for _, scheme := range []string{"light", "dark"} {
		if err := duty.emulate(view{scheme, 1280, 800, scheme, "", true}); err != nil {
			t.Fatal(err)
		}
		vs, err := eval[[]axeViolation](duty, `(async () => {
  const every = Object.fromEntries(axe.getRules().map(r => [r.ruleId, {enabled: true}]));
  const r = await axe.run({include: [['#handbook-build-errors']]}, {rules: every, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.map(String).join(' '), summary: n.failureSummary || ''}))}));
})()`)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			data, _ := json.Marshal(v.Nodes)
			t.Errorf("axe-core on the overlay, %s: %s (%s): %s", scheme, v.ID, v.Help, data)
		}
	}
	for _, tb := range []*tab{duty, other} {
		if p := tb.takeProblems(); len(p) > 0 {
			t.Errorf("while the overlay shows: %v", p)
		}
	}

	testkit.Write(t, file, strings.Replace(good, "Setting the price.", "Deciding what customers pay.", 1))
	o, took, ok := duty.poll(2*time.Second, func(o overlay) bool {
		return !o.Shown && strings.Contains(o.Page, "Deciding what customers pay.")
	})
	if !ok {
		t.Fatalf("2 s after the fix: overlay shown %v, page %q", o.Shown, o.Page)
	}
	t.Logf("the duty: fixed after %s", took.Round(time.Millisecond))
	if _, _, ok := other.poll(2*time.Second, func(o overlay) bool { return !o.Shown }); !ok {
		t.Error("another open page still shows the overlay 2 s after the fix")
	}
}
