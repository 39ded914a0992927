package hugosite

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"slices"
	"syscall"
	"testing"

	"github.com/spf13/afero"
)

// The inputs as Hugo reads them: files by absolute path with their bytes,
// the folders their paths imply, listed in name order, a few at a time or
// all at once; nothing can be written, except through a copy-on-write layer.
func TestInputFS(t *testing.T) {
	x := newInputFS("/p", map[string][]byte{"content/a.md": []byte("A"), "content/b/c.md": []byte("C"), "hugo.json": []byte("{}")})
	for _, c := range []struct {
		dir  string
		want []string
	}{{"/", []string{"p"}}, {"/p", []string{"content", "hugo.json"}}, {"/p/content", []string{"a.md", "b"}}, {"/p/content/b/", []string{"c.md"}}} {
		f, err := x.Open(c.dir)
		if err != nil {
			t.Fatalf("open %s: %v", c.dir, err)
		}
		var got []string
		for {
			names, err := f.Readdirnames(1)
			got = append(got, names...)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s lists %v, want %v", c.dir, got, c.want)
		}
	}
	entries, err := afero.ReadDir(x, "/p/content")
	if err != nil || len(entries) != 2 || entries[0].IsDir() || !entries[1].IsDir() || entries[0].Size() != 1 {
		t.Errorf("ReadDir /p/content: %v, %v", entries, err)
	}
	if data, err := afero.ReadFile(x, "/p/content/b/c.md"); err != nil || string(data) != "C" {
		t.Errorf("reading c.md: %q, %v", data, err)
	}
	if _, err := x.Stat("/p/nothing"); !os.IsNotExist(err) {
		t.Errorf("stat of a missing file: %v, want not exist", err)
	}
	if err := afero.WriteFile(x, "/p/hugo.json", []byte("x"), 0o644); !errors.Is(err, syscall.EPERM) {
		t.Errorf("writing an input: %v, want EPERM", err)
	}
	src := afero.NewCopyOnWriteFs(newInputFS("/p", map[string][]byte{"hugo.json": []byte("{}")}), afero.NewMemMapFs())
	if err := src.MkdirAll("/p/cache", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := afero.WriteFile(src, "/p/cache/x", []byte("x"), 0o644); err != nil {
		t.Errorf("writing through the layer: %v", err)
	}
	if data, _ := afero.ReadFile(src, "/p/hugo.json"); string(data) != "{}" {
		t.Errorf("hugo.json through the layer: %q", data)
	}
	var _ fs.ReadDirFile = &inputFile{}
}

// Once Hugo has read the content files the build lets them go: they are
// still listed and described, but opening one is an error, never an empty
// file; the other inputs stay.
func TestInputFSForget(t *testing.T) {
	x := newInputFS("/p", map[string][]byte{"content/a.md": []byte("AAA"), "content/b/c.md": []byte("C"), "layouts/page.html": []byte("L")})
	x.forget("/p/content")
	if _, err := x.Open("/p/content/b/c.md"); !errors.Is(err, errForgotten) {
		t.Errorf("opening a file let go: %v, want errForgotten", err)
	}
	if info, err := x.Stat("/p/content/a.md"); err != nil || info.Size() != 3 || info.IsDir() {
		t.Errorf("stat of a file let go: %v, %v; want its size, 3", info, err)
	}
	if names, err := afero.ReadDir(x, "/p/content"); err != nil || len(names) != 2 {
		t.Errorf("the folder lists %v, %v; want both entries", names, err)
	}
	if data, err := afero.ReadFile(x, "/p/layouts/page.html"); err != nil || string(data) != "L" {
		t.Errorf("a file outside the folder: %q, %v", data, err)
	}
	if len(x.files) != 1 {
		t.Errorf("%d files held, want 1: the content's bytes are still referenced", len(x.files))
	}
}
