package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// A loader that remembers parses each file once, hands out pages that later
// stages may change without changing the next load, parses an edited file
// again, and forgets a removed one.
func TestLoaderRemembers(t *testing.T) {
	dir := t.TempDir()
	testkit.CopyTree(t, filepath.Join("..", "testdata", "mini"), dir)
	fresh := newLoader(t)
	l := newLoader(t)
	l.Remember()
	load := func() *Model {
		t.Helper()
		m, diags := l.Load(dir, "content")
		if diags.Errors() > 0 {
			t.Fatal(diags)
		}
		want, _ := fresh.Load(dir, "content")
		for i, p := range m.Pages {
			q := want.Pages[i]
			if p.Rel != q.Rel || !reflect.DeepEqual(p.Front, q.Front) || !reflect.DeepEqual(p.Raw, q.Raw) ||
				string(p.Source) != string(q.Source) || p.Text != q.Text || !reflect.DeepEqual(p.Links, q.Links) {
				t.Errorf("%s: the remembered page differs from a fresh parse", p.Rel)
			}
		}
		if len(m.Pages) != len(want.Pages) {
			t.Errorf("%d pages, a fresh load has %d", len(m.Pages), len(want.Pages))
		}
		return m
	}
	first := load()
	duty := first.Get(KindDuty, "backlog")
	if duty == nil {
		t.Fatal("no duty backlog in the fixture")
	}
	// What later stages do to a page: fill role maps, rename, rewrite.
	duty.Front.Ownership["alpha"] = "changed"
	duty.Front.Title = "Changed"
	duty.Raw["title"] = "Changed"
	second := load()
	if d := second.Get(KindDuty, "backlog"); d == duty || d.Front.Title == "Changed" || d.Front.Ownership["alpha"] == "changed" {
		t.Error("a change to a loaded page reached the next load")
	}
	l.cache.mu.Lock()
	cached := len(l.cache.entries)
	l.cache.mu.Unlock()
	if cached != len(second.Pages)+len(second.Translations) {
		t.Errorf("%d files remembered, %d loaded", cached, len(second.Pages)+len(second.Translations))
	}

	file := filepath.Join(dir, "duties", "backlog.md")
	text := testkit.Read(t, file)
	testkit.Write(t, file, strings.Replace(text, "alpha: supports", "alpha: leads", 1))
	if got := load().Get(KindDuty, "backlog").Front.Ownership["alpha"]; got != "leads" {
		t.Errorf("after an edit the ownership is %q, want leads", got)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	m := load()
	if m.Get(KindDuty, "backlog") != nil {
		t.Error("a removed file is still loaded")
	}
	l.cache.mu.Lock()
	defer l.cache.mu.Unlock()
	if n := len(l.cache.entries); n != len(m.Pages)+len(m.Translations) {
		t.Errorf("%d files remembered after a removal, %d loaded", n, len(m.Pages)+len(m.Translations))
	}
}
