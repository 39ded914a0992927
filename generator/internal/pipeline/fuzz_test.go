package pipeline

import (
	"context"
	"errors"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/origin"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// FuzzRender puts any body into a page of the fixture handbook and runs the
// whole pipeline (load, check, Hugo render, minify). Whatever passes check
// must render, and no page may then load anything from another origin,
// embed another document, or open a new tab without rel="noopener
// noreferrer". Content that fails check is fine: it never reaches a reader.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"Plain words.\n",
		"![a local image](/favicon.svg) and [a link](https://example.com/x) and <https://example.com>.\n",
		"Mail team@example.com or see www.example.com.\n",
		"Text[^1].\n\n[^1]: A note with [a link](https://example.com) and ![an image](/favicon.svg).\n",
		"| a | b |\n| - | - |\n| [x](https://example.com) | ![y](/favicon.svg) |\n",
		"Term\n: A definition with **bold** and `code {{ .Title }}`.\n",
		"## Heading {#custom onclick=alert(1) style=\"background:url(https://evil.example/p.png)\"}\n\nText.\n",
		"![pixel](https://evil.example/p.png)\n",
		"{{< youtube x >}}\n",
		"<iframe src=\"https://evil.example\"></iframe>\n",
		"[x]: https://evil.example/p.png\n\n![x][x]\n",
		"- [ ] task\n- [x] done ~~struck~~\n",
		"![x](https&#58;//evil.example/p.png) ![y](<https://evil.example/q.png>) ![z](HTTPS://EVIL.EXAMPLE/r.png)\n",
		"![x](\\\\evil.example\\p.png) ![y](/\\evil.example/p.png) ![z](/%2F%2Fevil.example/p.png)\n",
		"[![nested](https://evil.example/p.png)](https://example.com)\n",
		"Term\n: ![in a definition](https://evil.example/p.png)\n",
		"> [!NOTE]\n> ![in an alert](https://evil.example/p.png)\n",
	} {
		f.Add(s)
	}
	dir := testkit.Project(f, filepath.Join(testkit.Root(f), "generator", "internal", "testdata", "mini"))
	file := filepath.Join(dir, "content", "duties", "pricing.md")
	front, _, _ := strings.Cut(testkit.Read(f, file), "---\n\n")
	b, err := New()
	if err != nil {
		f.Fatal(err)
	}
	const host = "handbook.example"
	f.Fuzz(func(t *testing.T, body string) {
		testkit.Write(t, file, front+"---\n\n"+body)
		rep := &Report{}
		files, err := b.Render(context.Background(), Options{Layout: layout.Resolve(layout.Flags{Project: dir}), BaseURL: "https://" + host + "/"}, rep)
		if errors.Is(err, ErrInvalid) {
			return
		}
		if err != nil {
			t.Fatalf("check passed but the build failed: %v\nbody: %q", err, body)
		}
		for name, data := range files {
			if path.Ext(name) != ".html" {
				continue
			}
			for _, p := range origin.Problems(name, string(data), host) {
				t.Errorf("%s\nbody: %q", p, body)
			}
		}
	})
}
