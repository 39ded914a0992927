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
// all at once; nothing can be written, except through newSource's layer.
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
	src := newSource("/p", map[string][]byte{"hugo.json": []byte("{}")})
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
