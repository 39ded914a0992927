package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// Writing a site over a previous one: unchanged files are linked to the
// previous site's (the same file, not a copy), changed ones are new, removed
// ones are gone; a refused or cancelled write leaves the previous site as
// it was and no temporary folder behind.
func TestWrite(t *testing.T) {
	first := map[string][]byte{"index.html": []byte("home"), "a/index.html": []byte("a"), "b/index.html": []byte("b"), "old.txt": []byte("old")}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range []struct {
		name    string
		ctx     context.Context
		files   map[string][]byte
		err     bool
		linked  []string // files that must be the previous site's
		written []string // files that must be new
	}{
		{"unchanged and changed files", context.Background(),
			map[string][]byte{"index.html": []byte("home"), "a/index.html": []byte("a, changed"), "b/index.html": []byte("b"), "c/index.html": []byte("c")},
			false, []string{"index.html", "b/index.html"}, []string{"a/index.html", "c/index.html"}},
		{"a file of the same size, other bytes", context.Background(),
			map[string][]byte{"index.html": []byte("HOME"), "a/index.html": []byte("a"), "b/index.html": []byte("b"), "old.txt": []byte("old")},
			false, []string{"a/index.html", "b/index.html", "old.txt"}, []string{"index.html"}},
		{"a name outside the folder", context.Background(), map[string][]byte{"../x": []byte("x")}, true, nil, nil},
		{"cancelled", cancelled, map[string][]byte{"index.html": []byte("new")}, true, nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			if err := Write(context.Background(), out, first); err != nil {
				t.Fatal(err)
			}
			before := map[string]os.FileInfo{}
			for name := range first {
				info, err := os.Stat(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				before[name] = info
			}
			err := Write(c.ctx, out, c.files)
			want := c.files
			if c.err {
				if err == nil {
					t.Fatal("the write succeeded")
				}
				if c.ctx.Err() != nil && !errors.Is(err, context.Canceled) {
					t.Errorf("error %v, want context.Canceled", err)
				}
				want = first
			} else if err != nil {
				t.Fatal(err)
			}
			got := testkit.Snapshot(t, out)
			if len(got) != len(want) {
				t.Errorf("%d files, want %d: %v", len(got), len(want), got)
			}
			for name, data := range want {
				if got[name] != string(data) {
					t.Errorf("%s holds %q, want %q", name, got[name], data)
				}
			}
			for _, name := range c.linked {
				info, _ := os.Stat(filepath.Join(out, name))
				if !os.SameFile(info, before[name]) {
					t.Errorf("%s was written again, not linked to the previous site's", name)
				}
			}
			for _, name := range c.written {
				info, _ := os.Stat(filepath.Join(out, name))
				if old, ok := before[name]; ok && os.SameFile(info, old) {
					t.Errorf("%s is the previous site's file", name)
				}
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 1 {
				t.Errorf("the folder holds %d entries, want only public/", len(entries))
			}
		})
	}
}
