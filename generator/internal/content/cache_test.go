package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

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

// A remembering loader reads a file again only when its size or time
// changed, or when it changed recently: a file written twice within one
// tick of the file system's clock keeps its time.
func TestLoaderRereadsChangedFiles(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f.md")
	c := &parseCache{entries: map[parseKey]*parsed{}, files: map[string]*readFile{}}
	read := func() []byte {
		t.Helper()
		c.begin()
		defer c.end()
		src, err := c.read(name)
		if err != nil {
			t.Fatal(err)
		}
		return src
	}
	old := time.Now().Add(-time.Hour)
	for _, tc := range []struct {
		name      string
		write     string
		mod       time.Time // the time the file is given after each write
		wantAgain bool      // whether the second read reads the file again
	}{
		{"old and unchanged", "aaaa", old, false},
		{"recent, rewritten with the same size and time", "bbbb", time.Now(), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			testkit.Write(t, name, "zzzz")
			if err := os.Chtimes(name, tc.mod, tc.mod); err != nil {
				t.Fatal(err)
			}
			first := read()
			testkit.Write(t, name, tc.write)
			if err := os.Chtimes(name, tc.mod, tc.mod); err != nil {
				t.Fatal(err)
			}
			if tc.wantAgain {
				if got := string(read()); got != tc.write {
					t.Errorf("read %q after the rewrite, want %q", got, tc.write)
				}
				return
			}
			if second := read(); &second[0] != &first[0] {
				t.Error("an unchanged file was read again")
			}
		})
	}
	testkit.Write(t, name, "a longer text")
	if got := string(read()); got != "a longer text" {
		t.Errorf("read %q after a change of size", got)
	}
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
	c.begin()
	if _, err := c.read(name); err == nil {
		t.Error("a removed file was read from the cache")
	}
	c.end()
	if len(c.files) != 0 {
		t.Errorf("%d files remembered after the removal", len(c.files))
	}
}
