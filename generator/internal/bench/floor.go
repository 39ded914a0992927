package bench

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/product-roles/handbook/generator/internal/hugosite"
	"github.com/product-roles/handbook/generator/internal/output"
)

// floorLayouts is the minimal theme of the floor: every page shows its
// title and its content, nothing else.
var floorLayouts = map[string]string{
	"layouts/baseof.html":  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>`,
	"layouts/home.html":    `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}`,
	"layouts/section.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}`,
	"layouts/page.html":    `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}`,
}

// Floor times what plain Hugo does with the same Markdown: the embedded
// Hugo reads the content folder, renders every file with the minimal theme
// above, minifies (Hugo's own --minify) and writes the site. Nothing of the
// generator runs. source is the content root. It returns the times and the
// pages rendered.
func Floor(ctx context.Context, project, source string, runs int) ([]time.Duration, int, error) {
	project, err := filepath.Abs(project)
	if err != nil {
		return nil, 0, err
	}
	var times []time.Duration
	pages := 0
	for i := 0; i < runs; i++ {
		out := filepath.Join(os.TempDir(), fmt.Sprintf("bench-floor-%d", os.Getpid()))
		start := time.Now()
		site, err := floorSite(project, source)
		if err != nil {
			return nil, 0, err
		}
		res, err := hugosite.Render(ctx, site)
		if err != nil {
			return nil, 0, err
		}
		if err := output.Write(ctx, out, res.Files); err != nil {
			return nil, 0, err
		}
		times = append(times, time.Since(start))
		pages = res.Pages
		os.RemoveAll(out)
	}
	return times, pages, nil
}

// floorSite reads the content folder's Markdown as it is.
func floorSite(project, source string) (hugosite.Site, error) {
	files := map[string][]byte{}
	for name, text := range floorLayouts {
		files[name] = []byte(text)
	}
	err := filepath.WalkDir(source, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(source, p)
		files["content/"+filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		return hugosite.Site{}, err
	}
	return hugosite.Site{
		ProjectDir: project,
		Config: map[string]any{
			"baseURL":      "/",
			"title":        "Floor",
			"contentDir":   "content",
			"disableKinds": []string{"taxonomy", "term", "rss"},
			"minify":       map[string]any{"minifyOutput": true},
		},
		Files: files,
	}, nil
}
