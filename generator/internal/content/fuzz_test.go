package content

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seeds adds the fixture handbook's files and some broken ones.
func seeds(f *testing.F) {
	root := filepath.Join("..", "testdata", "mini")
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			data, _ := os.ReadFile(p)
			f.Add(data)
		}
		return nil
	})
	for _, s := range []string{"", "---\n", "---\n---\n", "---\ntitle: [\n---\n", "---\na: &x [*x]\n---\n",
		"\ufeff---\r\ntitle: x\r\nsummary: y\r\n---\r\nText\r\n", "---\ntitle: x\nsummary: y\n---\n[a](javascript:alert(1)) `code` <script>x</script>\n"} {
		f.Add([]byte(s))
	}
}

// FuzzParse: no input panics or hangs, and every problem names the file
// and a line that exists.
func FuzzParse(f *testing.F) {
	seeds(f)
	l, err := NewLoader()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, diags := l.Parse("duties/fuzz.md", "content/duties/fuzz.md", src)
		lines := bytes.Count(src, []byte("\n")) + 2
		for _, d := range diags {
			if d.File != "content/duties/fuzz.md" || d.Line < 1 || d.Line > lines || d.Message == "" {
				t.Fatalf("bad diagnostic %+v for %q", d, src)
			}
		}
		if p != nil {
			_ = p.At("/title") // positions load lazily and must not panic either
			_ = p.KeyAt("/ownership/x")
		}
	})
}

// FuzzLoad: a fuzzed file among real ones never breaks loading the rest.
func FuzzLoad(f *testing.F) {
	seeds(f)
	l, err := NewLoader()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "duties"), 0o755)
		os.WriteFile(filepath.Join(dir, "_index.md"), []byte("---\ntitle: Home\nsummary: Home.\n---\nText.\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "duties", "fuzz.md"), src, 0o644)
		m, diags := l.Load(dir, "content")
		if m.Get(KindHome, "") == nil {
			t.Fatalf("the good file was lost: %v", diags)
		}
		for _, d := range diags {
			if !strings.HasPrefix(d.File, "content/") || d.Line < 1 {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
	})
}
