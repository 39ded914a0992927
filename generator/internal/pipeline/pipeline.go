// Package pipeline turns the handbook into a site. Its stages run in the
// order of their files:
//
//	stage1_load.go      load      handbook.toml, the overlay's company.toml, every content file
//	stage2_derive.go    derive    the views: matrices, ladders, generated pages
//	stage3_validate.go  validate  schemas, references, links and anchors, translations, ladders
//	stage4_localize.go  localize  the model and views of every other language
//	stage5_history.go   history   dates from git and the releases
//	stage6_inputs.go    inputs    what Hugo renders from (internal/hugosite writes it)
//	stage7_render.go    render    Hugo, with the search index and exports ("export") beside it
//	stage8_minify.go    minify    static files, schemas, the content editor
//	stage9_write.go     write     the output folder, swapped in atomically
//
// Every finished file is minified once and, in a build, written into a
// temporary folder beside the output as soon as it is made (Hugo hands
// each page over as it renders it, see finished); write swaps that folder
// in. So the site is never held whole in memory.
//
// Check runs the stages up to localize, Render up to minify, Build all of
// them; --verbose prints each stage's name and time. Some work runs in the
// background, beside the stages that follow: git's log (history's) from
// the start of load, the other languages (localize's) from the start of
// derive, and in a build the checks (validate's) until the write, which
// waits for them.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/export"
	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/history"
	"github.com/product-roles/handbook/generator/internal/hugosite"
	"github.com/product-roles/handbook/generator/internal/ladder"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/minify"
	"github.com/product-roles/handbook/generator/internal/output"
	"github.com/product-roles/handbook/generator/internal/release"
	"github.com/product-roles/handbook/generator/internal/search"
	"github.com/product-roles/handbook/generator/internal/validate"
	"github.com/product-roles/handbook/generator/internal/views"
)

// Options says what to build and where.
type Options struct {
	// Layout is the project's folders (project, content, overlay, output),
	// as layout.Resolve made them from the command line.
	Layout  layout.Layout
	BaseURL string // overrides base_url from handbook.toml
	Force   bool   // replace an output folder that holds files but no output.Marker
	// Progress, when set, is called with each stage's name as it starts.
	Progress func(stage string)
	// AllowShallow builds from a shallow clone (a local preview), with a
	// warning; without it a shallow clone is an error (history.ErrShallow).
	AllowShallow bool

	// CMS adds the content editor at /admin/ (stage8_minify.go); CMSLocal
	// is the URL of a local decap-server for it to use instead of GitHub.
	CMS      bool
	CMSLocal string

	// History, when set, is used instead of reading git (serve reads it once).
	History func(ctx context.Context, dir string) []history.Commit
	// Releases, when set, is used instead of reading the release tags.
	Releases func(ctx context.Context, dir string, l *content.Loader, seed *content.Model) *release.History
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
	// Rendered lists the pages Hugo rendered, by output path: every page
	// in a build, only those whose inputs changed in a serve rebuild.
	Rendered []string
}

// ErrInvalid is returned when content or configuration has errors; the
// report's Diags say which.
var ErrInvalid = errors.New("the handbook has errors")

// Builder runs builds; it holds what can be reused between them.
type Builder struct {
	loader  *content.Loader
	min     *minify.Minifier
	serve   bool
	session *hugosite.Session   // serve: Hugo kept alive between rebuilds
	index   *search.Cache       // serve: each page's search words
	views   *hugosite.ViewCache // serve: Hugo's content files
	steps   *ladder.Memo        // the comparisons of levels' expectations: one language reuses another's, serve the last build's
	checks  *validate.Memo      // serve: what the checks found in unchanged files
	exports *export.Memo        // serve: the files of unchanged jobs and interview guides
}

// New prepares a builder.
func New() (*Builder, error) {
	l, err := content.NewLoader()
	if err != nil {
		return nil, err
	}
	return &Builder{loader: l, min: minify.New(), steps: ladder.NewMemo()}, nil
}

// ForServe makes the builder keep what it can between rebuilds: one Hugo
// site in watch mode, which renders again only the pages whose inputs
// changed, and the minified files. Close releases them.
func (b *Builder) ForServe() {
	b.min.Remember()
	b.loader.Remember()
	b.index = search.NewCache()
	b.views = hugosite.NewViewCache()
	b.checks = validate.NewMemo(b.steps)
	b.exports = export.NewMemo()
	b.serve = true
}

// Close releases what ForServe kept.
func (b *Builder) Close() {
	b.session.Close()
	b.session = nil
}

// Checked is the validated model and the views derived from it.
type Checked struct {
	Config  config.Config
	Model   *content.Model
	Data    *views.Data
	Words   views.Strings // the source language's words (theme's i18n), which the views use
	Applied fork.Applied
	Langs   []Localized // every language but the source, in order
	paths   paths
	nav     navigation // every page of every language, once the views are final
}

// release lets go of the model, the views and the navigation (a build
// lets them go once the exports are made, while Hugo renders).
func (c *Checked) release() {
	c.Model, c.Data, c.Langs, c.nav = nil, nil, nil, nil
}

// run is one run's state, handed from stage to stage.
type run struct {
	o      Options
	p      paths
	rep    *Report
	c      *Checked         // load to localize
	site   hugosite.Site    // inputs
	res    *hugosite.Result // render
	done   *finished        // render to write: the finished files
	beside *Stage           // a stage that ran beside the last one (export beside render)
	git    chan gitRead     // load to history: git's history of the content, read in the background
	langs  chan languages   // derive to localize: the other languages, derived beside derive and validate
	// pending waits for the checks that run beside the stages after
	// validate (see validate); wait calls it once.
	pending func() error
	sitemap map[string][]byte // render to minify: the sitemap, made before the model is let go
	last    string            // the last stage this run runs
}

// reaches reports whether the run runs the named stage.
func (r *run) reaches(name string) bool {
	for _, s := range stages() {
		if s.name == name {
			return true
		}
		if s.name == r.last {
			return false
		}
	}
	return false
}

// stage is one step of the pipeline.
type stage struct {
	name string
	run  func(b *Builder, ctx context.Context, r *run) error
}

// stages are the pipeline's steps in run order.
func stages() []stage {
	return []stage{
		{"load", (*Builder).load},
		{"derive", (*Builder).derive},
		{"validate", (*Builder).validate},
		{"localize", (*Builder).localize},
		{"history", (*Builder).history},
		{"inputs", (*Builder).inputs},
		{"render", (*Builder).render},
		{"minify", (*Builder).minify},
		{"write", (*Builder).write},
	}
}

// Run runs the stages in order up to and including last, timing each in
// the report; it stops between stages when ctx ends.
func (b *Builder) run(ctx context.Context, o Options, p paths, rep *Report, last string) (*run, error) {
	r := &run{o: o, p: p, rep: rep, last: last}
	defer func() {
		if r.done != nil && r.done.folder != nil { // a build that stopped before its write
			r.done.folder.Abort()
		}
	}()
	for _, s := range stages() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if o.Progress != nil {
			o.Progress(s.name)
		}
		t := time.Now()
		if err := s.run(b, ctx, r); err != nil {
			if errors.Is(r.wait(), ErrInvalid) {
				return nil, ErrInvalid // what the checks found comes first: the rest may be its consequence
			}
			return nil, err
		}
		rep.Stages = append(rep.Stages, Stage{s.name, time.Since(t)})
		if r.beside != nil {
			rep.Stages = append(rep.Stages, *r.beside)
			r.beside = nil
		}
		if s.name == last {
			break
		}
	}
	if err := r.wait(); err != nil {
		return nil, err
	}
	return r, nil
}

// wait waits for the checks running in the background, if any, and
// returns what they decided (see validate).
func (r *run) wait() error {
	if r.pending == nil {
		return nil
	}
	f := r.pending
	r.pending = nil
	return f()
}

// Check loads, validates and derives, writing nothing.
func (b *Builder) Check(o Options, rep *Report) (*Checked, error) {
	p, err := resolve(o)
	if err != nil {
		return nil, err
	}
	r, err := b.run(context.Background(), o, p, rep, "localize")
	if err != nil {
		return nil, err
	}
	return r.c, nil
}

// HugoSite runs every stage before rendering and returns what Hugo renders
// from: the benchmark's baseline renders the same with the generator's own
// stages switched off.
func (b *Builder) HugoSite(ctx context.Context, o Options) (hugosite.Site, error) {
	p, err := resolve(o)
	if err != nil {
		return hugosite.Site{}, err
	}
	if err := hasTheme(p); err != nil {
		return hugosite.Site{}, err
	}
	r, err := b.run(ctx, o, p, &Report{}, "inputs")
	if err != nil {
		return hugosite.Site{}, err
	}
	return r.site, nil
}

// Render runs every stage but the write and returns the finished files.
func (b *Builder) Render(ctx context.Context, o Options, rep *Report) (map[string][]byte, error) {
	start := time.Now()
	defer func() { rep.Took = time.Since(start) }()
	p, err := resolve(o)
	if err != nil {
		return nil, err
	}
	if err := hasTheme(p); err != nil {
		return nil, err
	}
	b.steps.Forget()
	r, err := b.run(ctx, o, p, rep, "minify")
	if err != nil {
		return nil, err
	}
	return r.done.files, nil
}

// Build renders and writes the site into the output folder atomically. An
// output folder that output.Check refuses is refused before anything runs.
// The layout's folders are resolved once, here, for every stage.
func (b *Builder) Build(ctx context.Context, o Options) (*Report, error) {
	rep := &Report{}
	start := time.Now()
	defer func() { rep.Took = time.Since(start) }()
	p, err := resolve(o)
	if err != nil {
		return rep, err
	}
	if err := output.Check(p.out, p.guards(), o.Force); err != nil {
		return rep, err
	}
	if err := hasTheme(p); err != nil {
		return rep, err
	}
	b.steps.Forget()
	_, err = b.run(ctx, o, p, rep, "write")
	return rep, err
}

// hasTheme says why the project cannot be rendered, if it has no theme
// templates.
func hasTheme(p paths) error {
	if _, err := os.Stat(filepath.Join(p.theme, "layouts")); err != nil {
		return fmt.Errorf("%s has no themes/handbook/layouts: run the generator from the project folder or pass --project", p.project)
	}
	return nil
}

// paths are the layout's folders as absolute paths, with how messages
// name the content and the overlay.
type paths struct {
	project, source, sourceShown, out, theme, static string
	overlay, overlayShown                            string // empty without an overlay
}

// resolve makes the options' layout absolute. A layout that layout.Resolve
// did not make (no project, content or output folder) is an error.
func resolve(o Options) (paths, error) {
	l := o.Layout
	if l.Project == "" || l.Content == "" || l.Output == "" {
		return paths{}, errors.New("pipeline: Options.Layout is not resolved (use layout.Resolve)")
	}
	var p paths
	var err error
	for _, f := range []struct {
		dst *string
		src string
	}{{&p.project, l.Project}, {&p.source, l.Content}, {&p.theme, l.Theme}, {&p.static, l.Static}} {
		if *f.dst, err = filepath.Abs(f.src); err != nil {
			return p, err
		}
	}
	p.sourceShown, p.out = l.ContentShown, l.Output
	if l.HasOverlay {
		if p.overlay, err = filepath.Abs(l.Overlay); err != nil {
			return p, err
		}
		if info, err := os.Stat(p.overlay); err != nil || !info.IsDir() {
			return p, fmt.Errorf("overlay folder %s does not exist", l.Overlay)
		}
		p.overlayShown = filepath.ToSlash(l.Overlay)
		if rel, err := filepath.Rel(p.project, p.overlay); err == nil && !strings.HasPrefix(rel, "..") {
			p.overlayShown = filepath.ToSlash(rel)
		}
	}
	return p, nil
}

// staticDirs are the folders copied into the site as they are, later ones winning.
func staticDirs(p paths) []string {
	dirs := []string{filepath.Join(p.theme, "static"), p.static}
	if p.overlay != "" {
		dirs = append(dirs, filepath.Join(p.overlay, "static"))
	}
	return dirs
}

// guards are the folders an output folder must not be, hold or lie in.
func (p paths) guards() []output.Guard {
	g := []output.Guard{
		{Dir: p.project, What: "the project folder"},
		{Dir: filepath.Join(p.project, ".git"), What: "the project's .git folder", Inside: true},
		{Dir: p.source, What: "the content folder", Inside: true},
		{Dir: filepath.Join(p.project, "themes"), What: "the themes folder", Inside: true},
		{Dir: p.static, What: "the static folder", Inside: true},
	}
	if p.overlay != "" {
		g = append(g, output.Guard{Dir: p.overlay, What: "the overlay folder", Inside: true})
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		g = append(g, output.Guard{Dir: home, What: "your home folder"})
	}
	return g
}

// CheckOutput says whether the options' output folder may be replaced
// (see output.Check); an error wraps output.ErrUnsafe.
func CheckOutput(o Options) error {
	p, err := resolve(o)
	if err != nil {
		return err
	}
	return output.Check(p.out, p.guards(), o.Force)
}
