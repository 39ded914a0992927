// Package build runs the generator's pipeline: load, validate, derive,
// render (Hugo), minify, write. Every stage is timed.
package build

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/history"
	"github.com/product-roles/handbook/generator/internal/hugosite"
	"github.com/product-roles/handbook/generator/internal/minify"
	"github.com/product-roles/handbook/generator/internal/output"
	"github.com/product-roles/handbook/generator/internal/schema"
	"github.com/product-roles/handbook/generator/internal/search"
	"github.com/product-roles/handbook/generator/internal/validate"
	"github.com/product-roles/handbook/generator/internal/views"
)

// Options says what to build and where.
type Options struct {
	ProjectDir string // the project: handbook.toml, themes/, static/; default "."
	Source     string // the content root; default <ProjectDir>/content
	Out        string // the output folder; default <ProjectDir>/public
	BaseURL    string // overrides base_url from handbook.toml
}

// Stage is one timed step.
type Stage struct {
	Name string
	Took time.Duration
}

// Report says what a run did.
type Report struct {
	Pages    int
	Files    int
	BytesIn  int64 // before minify
	BytesOut int64 // after minify
	Took     time.Duration
	Stages   []Stage
	Diags    diag.List
}

// ErrInvalid is returned when content or configuration has errors; the
// report's Diags say which.
var ErrInvalid = errors.New("the handbook has errors")

// Builder runs builds; it holds what can be reused between them.
type Builder struct {
	loader *content.Loader
	min    *minify.Minifier
}

// New prepares a builder.
func New() (*Builder, error) {
	l, err := content.NewLoader()
	if err != nil {
		return nil, err
	}
	return &Builder{loader: l, min: minify.New()}, nil
}

// paths resolves the options to absolute paths and display names.
type paths struct {
	project, source, sourceShown, out string
}

func resolve(o Options) (paths, error) {
	var p paths
	var err error
	if o.ProjectDir == "" {
		o.ProjectDir = "."
	}
	if p.project, err = filepath.Abs(o.ProjectDir); err != nil {
		return p, err
	}
	p.sourceShown = o.Source
	if o.Source == "" {
		p.source = filepath.Join(p.project, "content")
		p.sourceShown = "content" // messages name files relative to the project
	} else if p.source, err = filepath.Abs(o.Source); err != nil {
		return p, err
	}
	p.out = o.Out
	if p.out == "" {
		p.out = filepath.Join(p.project, "public")
	}
	return p, nil
}

// Checked is the validated model and the views derived from it.
type Checked struct {
	Config config.Config
	Model  *content.Model
	Data   *views.Data
}

// Check loads, validates and derives, writing nothing.
func (b *Builder) Check(o Options, rep *Report) (*Checked, error) {
	p, err := resolve(o)
	if err != nil {
		return nil, err
	}
	return b.check(p, rep)
}

func (b *Builder) check(p paths, rep *Report) (*Checked, error) {
	t := time.Now()
	shownCfg := config.FileName
	cfg, ds := config.Load(filepath.Join(p.project, config.FileName), shownCfg)
	rep.Diags = append(rep.Diags, ds...)
	m, ds := b.loader.Load(p.source, p.sourceShown)
	rep.Diags = append(rep.Diags, ds...)
	rep.stage("load", t)

	t = time.Now()
	data := views.Derive(m)
	rep.stage("derive", t)

	t = time.Now()
	targets := views.Targets(data)
	for _, dir := range []string{filepath.Join(p.project, "themes", "handbook", "static"), filepath.Join(p.project, "static")} {
		static := map[string][]byte{}
		if err := readTree(static, dir, "/", nil); err == nil {
			for name := range static {
				targets.Add(name)
			}
		}
	}
	rep.Diags = append(rep.Diags, validate.Check(m, targets)...)
	rep.Diags.Sort()
	rep.stage("validate", t)
	if rep.Diags.Errors() > 0 {
		return nil, ErrInvalid
	}
	return &Checked{Config: cfg, Model: m, Data: data}, nil
}

func (r *Report) stage(name string, since time.Time) {
	r.Stages = append(r.Stages, Stage{name, time.Since(since)})
}

// Render runs every stage but the write and returns the finished files.
func (b *Builder) Render(ctx context.Context, o Options, rep *Report) (map[string][]byte, error) {
	start := time.Now()
	defer func() { rep.Took = time.Since(start) }()
	p, err := resolve(o)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(p.project, "themes", "handbook", "layouts")); err != nil {
		return nil, fmt.Errorf("%s has no themes/handbook/layouts: run the generator from the project folder or pass --project", p.project)
	}
	c, err := b.check(p, rep)
	if err != nil {
		return nil, err
	}
	if o.BaseURL != "" {
		c.Config.BaseURL = o.BaseURL
	}

	t := time.Now()
	views.AddHistory(c.Data, c.Model, history.Read(ctx, p.source))
	rep.stage("history", t)

	t = time.Now()
	dataJSON, err := json.Marshal(c.Data)
	if err != nil {
		return nil, err
	}
	inputs := map[string][]byte{"data/handbook.json": dataJSON, "content/search/_index.md": []byte(searchPage)}
	for _, pg := range c.Model.Pages {
		inputs["content/"+pg.Rel] = pg.Source
	}
	for _, g := range c.Data.Generated {
		inputs["content/"+g.Path] = g.Markdown()
	}
	if err := readTree(inputs, filepath.Join(p.project, "themes", "handbook"), "themes/handbook/", isThemeInput); err != nil {
		return nil, err
	}
	res, err := hugosite.Render(ctx, hugosite.Site{
		ProjectDir: p.project,
		Config:     hugoConfig(c.Config, p),
		Files:      inputs,
	})
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	rep.stage("render", t)

	files := res.Files
	if files["search/index.json"], err = search.Build(c.Model); err != nil {
		return nil, err
	}
	if err := addStatic(files, p.project); err != nil {
		return nil, err
	}
	if err := fs.WalkDir(schema.FS(), ".", func(n string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files["schemas/"+n], err = fs.ReadFile(schema.FS(), n)
		return err
	}); err != nil {
		return nil, err
	}

	t = time.Now()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rep.BytesIn += int64(len(files[n]))
		out, err := b.min.File(n, files[n])
		if err != nil {
			return nil, fmt.Errorf("minify %s: %w", n, err)
		}
		files[n] = out
		rep.BytesOut += int64(len(out))
	}
	rep.stage("minify", t)
	rep.Pages = res.Pages
	rep.Files = len(files)
	return files, nil
}

// Build renders and writes the site into the output folder atomically.
func (b *Builder) Build(ctx context.Context, o Options) (*Report, error) {
	rep := &Report{}
	start := time.Now()
	files, err := b.Render(ctx, o, rep)
	if err != nil {
		return rep, err
	}
	p, _ := resolve(o)
	t := time.Now()
	if err := output.Write(ctx, p.out, files); err != nil {
		return rep, fmt.Errorf("write: %w", err)
	}
	rep.stage("write", t)
	rep.Took = time.Since(start)
	return rep, nil
}

// addStatic copies the theme's static files, then the project's (which win).
func addStatic(files map[string][]byte, project string) error {
	for _, dir := range []string{filepath.Join(project, "themes", "handbook", "static"), filepath.Join(project, "static")} {
		if err := readTree(files, dir, "", nil); err != nil {
			return err
		}
	}
	return nil
}

// isThemeInput keeps the theme files Hugo renders from (not static/, which
// the generator copies itself).
func isThemeInput(rel string) bool {
	return strings.HasPrefix(rel, "layouts/") || strings.HasPrefix(rel, "assets/") ||
		strings.HasPrefix(rel, "i18n/") || strings.HasPrefix(rel, "data/") || rel == "hugo.toml"
}

// readTree adds every regular file below dir to files, under prefix + its
// slash path. A missing dir adds nothing; symbolic links are refused.
func readTree(files map[string][]byte, dir, prefix string, keep func(rel string) bool) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == dir {
			return nil
		}
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s: symbolic links are not allowed here", p)
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if keep != nil && !keep(rel) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[prefix+rel] = data
		return nil
	})
}

// hugoConfig is the Hugo site configuration derived from handbook.toml.
func hugoConfig(c config.Config, p paths) map[string]any {
	contentRel := "content"
	if rel, err := filepath.Rel(p.project, p.source); err == nil && !strings.HasPrefix(rel, "..") {
		contentRel = filepath.ToSlash(rel)
	}
	return map[string]any{
		"baseURL":         c.BaseURL,
		"title":           c.Title,
		"locale":          c.Language,
		"theme":           "handbook",
		"themesDir":       "themes",
		"contentDir":      "content",
		"disableKinds":    []string{"taxonomy", "term", "rss"},
		"enableRobotsTXT": true,
		"timeZone":        "UTC",
		"markup": map[string]any{
			"goldmark":  map[string]any{"renderer": map[string]any{"unsafe": false}},
			"highlight": map[string]any{"noClasses": false},
		},
		"outputs": map[string]any{"home": []string{"html"}, "section": []string{"html"}, "page": []string{"html"}},
		"cascade": []any{map[string]any{
			"build":  map[string]any{"render": "never", "list": "always"},
			"target": map[string]any{"path": "{/sources/*,/glossary/*}"},
		}},
		"params": map[string]any{
			"description": c.Description,
			"repoURL":     strings.TrimSuffix(c.RepoURL, "/"),
			"editBranch":  c.EditBranch,
			"footer":      c.Footer,
			"contentPath": path.Clean(contentRel),
		},
	}
}

// searchPage is the generated search page; its list of every page comes from the views.
const searchPage = `---
title: Search
summary: Search every page of the handbook, or browse the index of all pages grouped by kind.
linkTitle: Search
build: {list: never}
---
`
