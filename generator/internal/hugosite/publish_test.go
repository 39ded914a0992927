package hugosite

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
)

// RenderTo hands every file on as Hugo finishes it, with what Render
// returns: the pages, the published resources, and the files Hugo reads
// back and finishes after rendering (a deferred template, a post-processed
// stylesheet), which are handed on finished, never with Hugo's markers. An
// error of put fails the render.
func TestRenderToHandsOnEveryFile(t *testing.T) {
	for _, c := range []struct {
		name, home string
		want       map[string]string // file -> text it must contain
	}{
		{"a page and a resource", `<p>{{ .Title }}</p>{{ with resources.Get "css/main.css" }}<link href="{{ .RelPermalink }}">{{ end }}`,
			map[string]string{"index.html": "<p>Home</p>", "css/main.css": "color:red"}},
		{"a deferred template", `<p>{{ .Title }}</p>{{ with (templates.Defer (dict "key" "k")) }}<i>{{ len hugo.Sites }}</i>{{ end }}`,
			map[string]string{"index.html": "<i>1</i>"}},
		{"a post-processed resource", `{{ with resources.Get "css/main.css" | resources.PostProcess }}<link href="{{ .RelPermalink }}">{{ end }}`,
			map[string]string{"index.html": `href="/css/main.css"`, "css/main.css": "color:red"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := site(t, c.home, "Text.\n", nil)
			var mu sync.Mutex
			got := map[string]string{}
			res, err := RenderTo(context.Background(), s, func(name string, data []byte) error {
				mu.Lock()
				defer mu.Unlock()
				got[name] = string(data)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if res.Files != nil || res.Pages != 1 || len(res.HTML) != 1 || res.HTML[0] != "index.html" {
				t.Errorf("result: %d files held, %d pages %v; want none held, the home page", len(res.Files), res.Pages, res.HTML)
			}
			for name, text := range c.want {
				if !strings.Contains(got[name], text) {
					t.Errorf("%s was handed on as %q, want it to contain %q", name, got[name], text)
				}
			}
			for name, data := range got {
				for _, m := range hugoMarkers {
					if strings.Contains(data, string(m)) {
						t.Errorf("%s was handed on unfinished, with Hugo's marker %q", name, m)
					}
				}
			}
			all, err := Render(context.Background(), s)
			if err != nil {
				t.Fatal(err)
			}
			if len(all.Files) != len(got) {
				t.Errorf("Render returned %d files, RenderTo handed on %d", len(all.Files), len(got))
			}
			for name, data := range all.Files {
				if got[name] != string(data) {
					t.Errorf("%s: Render returned %q, RenderTo handed on %q", name, data, got[name])
				}
			}
		})
	}
	t.Run("put fails", func(t *testing.T) {
		full := errors.New("disk full")
		_, err := RenderTo(context.Background(), site(t, `<p>{{ .Title }}</p>`, "Text.\n", nil), func(string, []byte) error { return full })
		if !errors.Is(err, full) {
			t.Errorf("RenderTo returned %v, want the error of put", err)
		}
	})
}
