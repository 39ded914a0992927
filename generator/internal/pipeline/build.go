// Package build runs the generator's pipeline: load, validate, derive,
// render (Hugo), minify, write. Every stage is timed.
package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/export"
	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/history"
	"github.com/product-roles/handbook/generator/internal/hugosite"
	"github.com/product-roles/handbook/generator/internal/links"
	"github.com/product-roles/handbook/generator/internal/minify"
	"github.com/product-roles/handbook/generator/internal/output"
	"github.com/product-roles/handbook/generator/internal/par"
	"github.com/product-roles/handbook/generator/internal/regular"
	"github.com/product-roles/handbook/generator/internal/release"
	"github.com/product-roles/handbook/generator/internal/schema"
	"github.com/product-roles/handbook/generator/internal/search"
	"github.com/product-roles/handbook/generator/internal/translation"
	"github.com/product-roles/handbook/generator/internal/validate"
	"github.com/product-roles/handbook/generator/internal/views"
)

// Options says what to build and where.
type Options struct {
	ProjectDir string // the project: handbook.toml, themes/, static/; default "."
	Source     string // the content root; default <ProjectDir>/content
	Out        string // the output folder; default <ProjectDir>/public
	BaseURL    string // overrides base_url from handbook.toml
	Overlay    string // the company overlay folder; default <ProjectDir>/company when it exists
	Force      bool   // replace an output folder that holds files but no output.Marker

	// CMS adds the content editor at /admin/ (cms.go); CMSLocal is the
	// URL of a local decap-server for it to use instead of GitHub.
	CMS      bool
	CMSLocal string

	// History, when set, is used instead of reading git (serve reads it once).
	History func(ctx context.Context, dir string) []history.Commit
	// Releases, when set, is used instead of reading the release tags.
	Releases func(ctx context.Context, dir string, l *content.Loader, seed *content.Model) *release.History
}

// ReadReleases reads the releases, or none when they cannot be read. seed
// holds the pages the build parsed (nil when a fork's settings changed them).
func ReadReleases(ctx context.Context, dir string, l *content.Loader, seed *content.Model) *release.History {
	h, err := release.Read(ctx, dir, l, seed)
	if err != nil {
		return &release.History{}
	}
	return h
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
	session *hugosite.Session // serve: Hugo kept alive between rebuilds
	index   *search.Cache     // serve: each page's search words
	views   *viewCache        // serve: Hugo's content files
}

// ForServe makes the builder keep what it can between rebuilds: one Hugo
// site in watch mode, which renders again only the pages whose inputs
// changed, and the minified files. Close releases them.
func (b *Builder) ForServe() {
	b.min.Remember()
	b.loader.Remember()
	b.index = search.NewCache()
	b.views = &viewCache{last: map[string]cachedFile{}, next: map[string]cachedFile{}}
	b.serve = true
}

// Close releases what ForServe kept.
func (b *Builder) Close() {
	b.session.Close()
	b.session = nil
}

// render runs Hugo: once, or in serve, as a rebuild of the kept site.
func (b *Builder) render(ctx context.Context, site hugosite.Site, rep *Report) (*hugosite.Result, error) {
	if !b.serve {
		res, err := hugosite.Render(ctx, site)
		if err == nil {
			for name := range res.Files {
				if path.Ext(name) == ".html" {
					rep.Rendered = append(rep.Rendered, name)
				}
			}
		}
		return res, err
	}
	var up *hugosite.Update
	var err error
	if b.session == nil {
		b.session, up, err = hugosite.NewSession(ctx, site)
	} else {
		b.session, up, err = b.session.Rebuild(ctx, site)
	}
	if err != nil {
		return nil, err
	}
	rep.Rendered = up.Rendered
	return &up.Result, nil
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
	overlay, overlayShown             string // empty without an overlay
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
	if o.Overlay == "" {
		if info, err := os.Stat(filepath.Join(p.project, "company")); err == nil && info.IsDir() {
			o.Overlay = filepath.Join(p.project, "company")
		}
	}
	if o.Overlay != "" {
		if p.overlay, err = filepath.Abs(o.Overlay); err != nil {
			return p, err
		}
		if info, err := os.Stat(p.overlay); err != nil || !info.IsDir() {
			return p, fmt.Errorf("overlay folder %s does not exist", o.Overlay)
		}
		p.overlayShown = filepath.ToSlash(o.Overlay)
		if rel, err := filepath.Rel(p.project, p.overlay); err == nil && !strings.HasPrefix(rel, "..") {
			p.overlayShown = filepath.ToSlash(rel)
		}
	}
	p.out = o.Out
	if p.out == "" {
		p.out = filepath.Join(p.project, "public")
	}
	return p, nil
}

// Checked is the validated model and the views derived from it.
type Checked struct {
	Config  config.Config
	Model   *content.Model
	Data    *views.Data
	Applied fork.Applied
	Langs   []Localized // every language but the source, in order
	paths   paths
	nav     navigation // every page of every language, once the views are final
}

// Check loads, validates and derives, writing nothing.
func (b *Builder) Check(o Options, rep *Report) (*Checked, error) {
	p, err := resolve(o)
	if err != nil {
		return nil, err
	}
	return b.check(context.Background(), p, rep)
}

// check loads, validates and derives; it stops between stages, and while
// loading, when ctx ends.
func (b *Builder) check(ctx context.Context, p paths, rep *Report) (*Checked, error) {
	t := time.Now()
	cfg, ds := config.Load(config.Default(), filepath.Join(p.project, config.FileName), config.FileName)
	rep.Diags = append(rep.Diags, ds...)
	layers := []content.Layer{{Dir: p.source, Shown: p.sourceShown}}
	if p.overlay != "" {
		cfg, ds = config.Load(cfg, filepath.Join(p.overlay, config.OverlayFileName), path.Join(p.overlayShown, config.OverlayFileName))
		rep.Diags = append(rep.Diags, ds...)
		layers = append(layers, content.Layer{Dir: filepath.Join(p.overlay, "content"), Shown: path.Join(p.overlayShown, "content")})
	}
	if syntax := slices.DeleteFunc(slices.Clone(rep.Diags), func(d diag.Diagnostic) bool { return d.Check != config.SyntaxCheck }); len(syntax) > 0 {
		// A file that is not TOML leaves every setting unknown: what would
		// follow is noise, so the syntax error is reported alone.
		rep.Diags = syntax
		return nil, ErrInvalid
	}
	rep.Diags = append(rep.Diags, cfg.CheckLogo(staticDirs(p)...)...)
	m, ds, err := b.loader.LoadLayersContext(ctx, layers...)
	if err != nil {
		return nil, err
	}
	rep.Diags = append(rep.Diags, ds...)
	applied, ds := fork.Apply(cfg, m)
	rep.Diags = append(rep.Diags, ds...)
	m.MergeRoleMaps()
	if hidden := applied.HiddenURLs(); len(hidden) > 0 {
		// Links to hidden items become their text in every view and export.
		set := map[string]bool{}
		for _, u := range hidden {
			set[u] = true
		}
		for _, pg := range m.Pages {
			body := string(pg.Source[pg.BodyAt:])
			if rewritten := links.Rewrite(body, set, "/"); rewritten != body {
				pg.Source = append(pg.Source[:pg.BodyAt:pg.BodyAt], rewritten...)
			}
		}
	}
	rep.stage("load", t)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	t = time.Now()
	data := views.Derive(m)
	views.SetSite(data, m, nav(cfg, m), applied.HiddenURLs())
	rep.stage("derive", t)

	t = time.Now()
	targets := views.Targets(data)
	for _, u := range applied.HiddenURLs() {
		path, anchor, _ := strings.Cut(u, "#")
		targets.Add(path) // links to hidden pages are shown as plain text
		if anchor != "" {
			targets.Add(path, anchor)
		}
	}
	for _, h := range applied.Hidden {
		for _, head := range h.Heads {
			targets.Add(h.URL, head.Anchor) // and so are links to a heading of one
		}
	}
	for _, dir := range staticDirs(p) {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 { // (the build refuses links when it copies)
				shown, _ := filepath.Rel(p.project, path)
				rep.Diags.Add(filepath.ToSlash(shown), 1, 1, "path", fmt.Sprintf("this is %s, not a plain file; only plain files are read", regular.Kind(d.Type())),
					"remove it, or put the file itself in its place")
				return nil
			}
			if rel, _ := filepath.Rel(dir, path); !fork.Ignored(rel) {
				targets.Add("/" + filepath.ToSlash(rel)) // a static file is a valid link target
			}
			return nil
		})
	}
	rep.Diags = append(rep.Diags, validate.Check(m, targets)...)
	rep.Diags = append(rep.Diags, validate.Translations(m, langKeys(cfg), targets)...)
	rep.Diags = append(rep.Diags, validate.Ladders(m, cfg.Language, cfg.Lint.MindsetWords)...)
	rep.Diags.Sort()
	causesFirst(rep.Diags, m)
	rep.stage("validate", t)
	if rep.Diags.Errors() > 0 {
		return nil, ErrInvalid
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t = time.Now()
	langs, ds := localize(cfg, p, m, applied)
	rep.Diags = append(rep.Diags, ds...)
	if len(langs) > 0 {
		body := translation.Markdown(translation.Report(m, cfg.Langs()), cfg.RepoURL)
		views.AddTranslationsPage(data, body)
		for _, lz := range langs {
			views.AddTranslationsPage(lz.Data, body)
		}
	}
	rep.stage("localize", t)
	if rep.Diags.Errors() > 0 {
		return nil, ErrInvalid
	}
	return &Checked{Config: cfg, Model: m, Data: data, Applied: applied, Langs: langs, paths: p}, nil
}

// causesFirst moves the problems of files that could not be read at all
// to the front: what follows may be their consequence.
func causesFirst(ds diag.List, m *content.Model) {
	unread := map[string]bool{}
	for _, p := range m.Unread {
		unread[p.File] = true
	}
	slices.SortStableFunc(ds, func(a, b diag.Diagnostic) int {
		switch {
		case unread[a.File] == unread[b.File]:
			return 0
		case unread[a.File]:
			return -1
		}
		return 1
	})
}

// staticDirs are the folders copied into the site as they are, later ones winning.
func staticDirs(p paths) []string {
	dirs := []string{filepath.Join(p.project, "themes", "handbook", "static"), filepath.Join(p.project, "static")}
	if p.overlay != "" {
		dirs = append(dirs, filepath.Join(p.overlay, "static"))
	}
	return dirs
}

// nav is the menu: the sections config names, or the default ones that exist.
func nav(c config.Config, m *content.Model) []*content.Page {
	order := c.Nav
	if len(order) == 0 {
		order = config.DefaultNav
	}
	var out []*content.Page
	for _, id := range order {
		for _, s := range m.Of(content.KindSection) {
			if s.ID == id {
				out = append(out, s)
			}
		}
	}
	return out
}

func (r *Report) stage(name string, since time.Time) {
	r.Stages = append(r.Stages, Stage{name, time.Since(since)})
}

// Render runs every stage but the write and returns the finished files.
func (b *Builder) Render(ctx context.Context, o Options, rep *Report) (map[string][]byte, error) {
	start := time.Now()
	defer func() { rep.Took = time.Since(start) }()
	site, c, err := b.prepare(ctx, o, rep)
	if err != nil {
		return nil, err
	}
	p := c.paths
	// The search index and the exports need only the model and the views:
	// build them while Hugo renders.
	type indexed struct {
		files map[string][]byte
		took  time.Duration
		err   error
	}
	index := make(chan indexed, 1)
	go func() {
		t := time.Now()
		files, err := export.Files(c.Model, c.Data, c.Config.Title)
		if err == nil {
			files["search/index.json"], err = b.index.BuildIn(c.Model, c.Config.Language, nil)
		}
		for _, lz := range c.Langs {
			if err != nil {
				break
			}
			var more map[string][]byte
			more, err = localizedFiles(lz, c.Config.Title, b.index)
			for name, data := range more {
				files[name] = data
			}
		}
		index <- indexed{files, time.Since(t), err}
	}()
	t := time.Now()
	res, err := b.render(ctx, site, rep)
	if err != nil {
		<-index
		return nil, fmt.Errorf("render: %w", err)
	}
	rep.stage("render", t)
	ix := <-index
	if ix.err != nil {
		return nil, ix.err
	}
	rep.Stages = append(rep.Stages, Stage{"export", ix.took}) // search index and data files, in parallel with render
	files := res.Files
	for name, data := range ix.files {
		files[name] = data
	}
	for name, data := range c.nav.sitemap(c.Config.BaseURL) {
		files[name] = data
	}
	for _, dir := range staticDirs(p) {
		if err := readTree(files, dir, "", func(rel string) bool { return !fork.Ignored(rel) }); err != nil {
			return nil, err
		}
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
	for _, data := range files {
		rep.BytesIn += int64(len(data))
	}
	if err := b.min.All(ctx, files); err != nil {
		return nil, err
	}
	for _, data := range files {
		rep.BytesOut += int64(len(data))
	}
	rep.stage("minify", t)
	if o.CMS {
		if err := addEditor(files, c, o.CMSLocal); err != nil {
			return nil, err
		}
	}
	rep.Pages = res.Pages
	rep.Files = len(files)
	return files, nil
}

// HugoSite runs every stage before rendering and returns what Hugo renders
// from: the benchmark's baseline renders the same with the generator's own
// stages switched off.
func (b *Builder) HugoSite(ctx context.Context, o Options) (hugosite.Site, error) {
	site, _, err := b.prepare(ctx, o, &Report{})
	return site, err
}

// prepare loads, validates and derives, and gathers Hugo's input files.
func (b *Builder) prepare(ctx context.Context, o Options, rep *Report) (hugosite.Site, *Checked, error) {
	p, err := resolve(o)
	if err != nil {
		return hugosite.Site{}, nil, err
	}
	if _, err := os.Stat(filepath.Join(p.project, "themes", "handbook", "layouts")); err != nil {
		return hugosite.Site{}, nil, fmt.Errorf("%s has no themes/handbook/layouts: run the generator from the project folder or pass --project", p.project)
	}
	c, err := b.check(ctx, p, rep)
	if err != nil {
		return hugosite.Site{}, nil, err
	}
	if o.BaseURL != "" {
		c.Config.BaseURL = o.BaseURL
	}

	t := time.Now()
	read := history.Read
	if o.History != nil {
		read = o.History
	}
	var overlayHistory []history.Commit
	if p.overlay != "" {
		overlayHistory = read(ctx, filepath.Join(p.overlay, "content"))
	}
	commits := read(ctx, p.source)
	views.AddHistory(c.Data, c.Model, commits, overlayHistory...)
	for _, lz := range c.Langs {
		views.AddHistory(lz.Data, lz.Model, commits, overlayHistory...)
	}
	releases := ReadReleases
	if o.Releases != nil {
		releases = o.Releases
	}
	current := c.Model
	if p.overlay != "" {
		current = nil // a fork's settings changed its pages
	}
	h := releases(ctx, p.source, b.loader, current)
	if p.overlay != "" {
		current = h.Head // a fork's release is that of the upstream content it holds
	}
	views.AddReleases(c.Data, c.Model, h, h.Unreleased(current))
	for _, lz := range c.Langs {
		views.AddReleases(lz.Data, lz.Model, h, h.Unreleased(current))
	}
	rep.stage("history", t)

	t = time.Now()
	// Hugo renders again every page that reads its data files when any of
	// them changes. Each page's own view therefore travels in its front
	// matter (.Params.view), and the menu in the site's parameters: an
	// edit re-renders only the pages whose view changed, and the few pages
	// that show whole-site matrices from hugo.Data.handbook.
	pageViews := c.Data.Pages
	c.Data.Pages = nil
	dataJSON, err := json.Marshal(c.Data)
	c.Data.Pages = pageViews
	if err != nil {
		return hugosite.Site{}, nil, err
	}
	c.nav = newNavigation(c)
	pages := &pageFiles{cache: b.views}
	add := pages.language(c.Model, pageViews, c.Data.SourceByID, c.nav, 0)
	inputs := map[string][]byte{"data/handbook.json": dataJSON}
	add("content/search/_index.md", "/search", []byte(searchPage))
	basePath := "/"
	if u, err := url.Parse(c.Config.BaseURL); err == nil && u.Path != "" {
		basePath = u.Path
	}
	for _, pg := range c.Model.Pages {
		src := pg.Source
		body := string(pg.Source[pg.BodyAt:])
		if rewritten := links.Rewrite(body, c.Data.Hidden, basePath); rewritten != body {
			src = append(pg.Source[:pg.BodyAt:pg.BodyAt], rewritten...)
		}
		add("content/"+pg.Rel, pg.Key, src)
	}
	for _, g := range c.Data.Generated {
		add("content/"+g.Path, g.Key(), g.Markdown())
	}
	navs := map[string][]views.Ref{strings.ToLower(c.Config.Language): c.Data.Nav}
	for i, lz := range c.Langs {
		if err := localizedInputs(inputs, pages, lz, basePath, c.nav, i+1); err != nil {
			return hugosite.Site{}, nil, err
		}
		navs[lz.Key] = lz.Data.Nav
	}
	if err := pages.make(ctx, inputs); err != nil {
		return hugosite.Site{}, nil, err
	}
	if err := readTree(inputs, filepath.Join(p.project, "themes", "handbook"), "themes/handbook/", isThemeInput); err != nil {
		return hugosite.Site{}, nil, err
	}
	if p.overlay != "" { // the overlay's layouts and assets override the theme's
		for _, dir := range []string{"layouts", "assets", "i18n"} {
			if err := readTree(inputs, filepath.Join(p.overlay, dir), dir+"/", nil); err != nil {
				return hugosite.Site{}, nil, err
			}
		}
	}
	if css := brandCSS(c.Config); css != "" {
		inputs["assets/css/brand.css"] = []byte(css)
	}
	rep.stage("inputs", t)
	return hugosite.Site{ProjectDir: p.project, Config: hugoConfig(c.Config, c.Data.Nav, navs, c.nav.siteLangs()), Files: inputs}, c, nil
}

// guards are the folders an output folder must not be, hold or lie in.
func (p paths) guards() []output.Guard {
	g := []output.Guard{
		{Dir: p.project, What: "the project folder"},
		{Dir: filepath.Join(p.project, ".git"), What: "the project's .git folder", Inside: true},
		{Dir: p.source, What: "the content folder", Inside: true},
		{Dir: filepath.Join(p.project, "themes"), What: "the themes folder", Inside: true},
		{Dir: filepath.Join(p.project, "static"), What: "the static folder", Inside: true},
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

// Build renders and writes the site into the output folder atomically. An
// output folder that output.Check refuses is refused before anything runs.
func (b *Builder) Build(ctx context.Context, o Options) (*Report, error) {
	rep := &Report{}
	start := time.Now()
	if err := CheckOutput(o); err != nil {
		return rep, err
	}
	files, err := b.Render(ctx, o, rep)
	if err != nil {
		return rep, err
	}
	if err := CheckOutput(o); err != nil { // it may have changed while the site was rendered
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

// pageView is a page's view as the theme reads it: the derived view and
// the sources it cites, resolved.
type pageView struct {
	views.Page
	Cited []views.Citation `json:"cited,omitempty"`
}

// pageFiles are Hugo's content files, made (each page's view written as
// JSON) on every core.
type pageFiles struct {
	names []string
	makes []func() ([]byte, error)
	cache *viewCache // serve: the files of the last build
}

// viewCache keeps each content file made for Hugo with what it was made
// from, so that serve writes again as JSON only the views that changed.
type viewCache struct {
	mu         sync.Mutex
	last, next map[string]cachedFile
}

type cachedFile struct {
	src []byte
	pv  pageView
	out []byte
}

// file makes the content file name from src, its front matter raw and the
// view v, or returns the one made last time from the same.
func (f *pageFiles) file(name string, src []byte, raw map[string]any, v views.Page, sources map[string]views.Citation) ([]byte, error) {
	pv := citing(v, sources)
	c := f.cache
	if c == nil {
		return hugoFile(src, raw, pv)
	}
	c.mu.Lock()
	e, ok := c.last[name]
	c.mu.Unlock()
	if !ok || !bytes.Equal(e.src, src) || !reflect.DeepEqual(e.pv, pv) {
		out, err := hugoFile(src, raw, pv)
		if err != nil {
			return nil, err
		}
		e = cachedFile{src: src, pv: pv, out: out}
	}
	c.mu.Lock()
	c.next[name] = e
	c.mu.Unlock()
	return e.out, nil
}

// language returns how to add a content file of one language (an index
// into nav) from its source: a page with a view gets its view, its
// breadcrumbs and language links; any other file goes to Hugo as it is.
func (f *pageFiles) language(m *content.Model, pageViews map[string]views.Page, sources map[string]views.Citation, nav navigation, lang int) func(name, key string, src []byte) {
	raw := map[string]map[string]any{} // the front matter the loader read, by page
	for _, pg := range m.Pages {
		raw[pg.Key] = pg.Raw
	}
	return func(name, key string, src []byte) {
		f.names = append(f.names, name)
		f.makes = append(f.makes, func() ([]byte, error) {
			v, ok := pageViews[key]
			if !ok {
				return src, nil
			}
			return f.file(name, src, raw[key], nav.add(lang, key, v), sources)
		})
	}
}

// make makes every file into inputs; an error names the file.
func (f *pageFiles) make(ctx context.Context, inputs map[string][]byte) error {
	out := make([][]byte, len(f.names))
	if err := par.Each(ctx, len(f.names), func(i int) error {
		var err error
		if out[i], err = f.makes[i](); err != nil {
			return fmt.Errorf("%s: %w", strings.TrimPrefix(f.names[i], "content/"), err)
		}
		return nil
	}); err != nil {
		return err
	}
	for i, name := range f.names {
		inputs[name] = out[i]
	}
	if c := f.cache; c != nil { // files of removed pages are forgotten
		c.last, c.next = c.next, map[string]cachedFile{}
	}
	return nil
}

// citing is a page's view with the sources it cites.
func citing(v views.Page, sources map[string]views.Citation) pageView {
	pv := pageView{Page: v}
	for _, id := range v.Citations {
		if c, ok := sources[id]; ok {
			pv.Cited = append(pv.Cited, c)
		}
	}
	return pv
}

// hugoFile writes a content file as Hugo reads it: the front matter as one
// JSON object with the page's view (and its citations) added as the
// parameter "view", then the body. Hugo decodes JSON front matter with
// encoding/json, several times faster than YAML, and every page's view is
// large. raw is the front matter as the loader read it; nil reads it from
// src (generated pages). The JSON takes as many lines as the YAML did, so
// that the body keeps its line numbers in Hugo's messages.
func hugoFile(src []byte, raw map[string]any, pv pageView) ([]byte, error) {
	end := -1 // the offset of the closing "---"
	for i := bytes.IndexByte(src, '\n') + 1; i > 0 && i < len(src); {
		line, _, _ := bytes.Cut(src[i:], []byte("\n"))
		if string(bytes.TrimRight(line, " \t\r")) == "---" {
			end = i
			break
		}
		i += len(line) + 1
	}
	if !bytes.HasPrefix(src, []byte("---")) || end < 0 {
		return nil, errors.New("no front matter to add the page's view to")
	}
	if raw == nil {
		if err := yaml.Unmarshal(src[bytes.IndexByte(src, '\n')+1:end], &raw); err != nil {
			return nil, fmt.Errorf("front matter: %w", err)
		}
	}
	fm := make(map[string]any, len(raw)+1)
	for k, val := range raw {
		fm[k] = val
	}
	fm["view"] = pv
	data, err := json.Marshal(fm)
	if err != nil {
		return nil, err
	}
	body := src[end:]
	if nl := bytes.IndexByte(body, '\n'); nl >= 0 {
		body = body[nl+1:]
	} else {
		body = nil
	}
	lines := bytes.Count(src[:end], []byte("\n")) // the YAML's lines but the closing one
	out := make([]byte, 0, len(data)+lines+len(body)+2)
	out = append(out, data[:len(data)-1]...)
	for range lines {
		out = append(out, '\n')
	}
	out = append(out, "}\n"...)
	return append(out, body...), nil
}

// brandCSS sets the theme's accent colours from the company's settings.
func brandCSS(c config.Config) string {
	var b strings.Builder
	if a := c.Colors.Accent; a != "" {
		fmt.Fprintf(&b, ":root{--link:%s;--accent:%s;--role-0:%s}", a, a, a)
		fmt.Fprintf(&b, "@media print{:root,:root[data-theme=dark]{--link:%s;--accent:%s}}", a, a)
	}
	if a := c.Colors.AccentDark; a != "" {
		fmt.Fprintf(&b, "@media (prefers-color-scheme:dark){:root:not([data-theme=light]){--link:%s;--accent:%s;--role-0:%s}}", a, a, a)
		fmt.Fprintf(&b, ":root[data-theme=dark]{--link:%s;--accent:%s;--role-0:%s}", a, a, a)
	}
	return b.String()
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
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s:1:1: this is %s, not a plain file; only plain files are read (remove it)", p, regular.Kind(d.Type()))
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if keep != nil && !keep(rel) {
			return nil
		}
		data, err := regular.ReadFile(p)
		if err != nil {
			return err
		}
		files[prefix+rel] = data
		return nil
	})
}

// hugoConfig is the Hugo site configuration derived from handbook.toml.
func hugoConfig(c config.Config, nav []views.Ref, navs map[string][]views.Ref, langs []views.LangRef) map[string]any {
	return map[string]any{
		"baseURL":                        c.BaseURL,
		"title":                          c.Title,
		"locale":                         c.Language,
		"defaultContentLanguage":         strings.ToLower(c.Language),
		"languages":                      hugoLanguages(c, navs, langs),
		"disableDefaultLanguageRedirect": true, // no /en/ page redirecting to /
		"theme":                          "handbook",
		"themesDir":                      "themes",
		"contentDir":                     "content",
		"disableKinds":                   []string{"taxonomy", "term", "rss", "sitemap"},
		"enableRobotsTXT":                true,
		"timeZone":                       "UTC",
		"markup": map[string]any{
			// The generator resolves links itself (links.Rewrite); Hugo's own
			// link hook, on by default in a multilingual site, would look up
			// every linked page, and re-render every page that links to an
			// edited one in serve.
			"goldmark": map[string]any{"renderer": map[string]any{"unsafe": false},
				"renderHooks": map[string]any{"link": map[string]any{"useEmbedded": "never"}}},
			"highlight": map[string]any{"noClasses": false},
		},
		"outputs": map[string]any{"home": []string{"html"}, "section": []string{"html"}, "page": []string{"html"}},
		"cascade": []any{map[string]any{
			"build":  map[string]any{"render": "never", "list": "always"},
			"target": map[string]any{"path": "{/sources/*,/glossary/*}"},
		}},
		"params": map[string]any{
			"description":  c.Description,
			"repoURL":      strings.TrimSuffix(c.RepoURL, "/"),
			"editBranch":   c.EditBranch,
			"footer":       c.Footer,
			"organisation": c.Organisation,
			"logo":         c.Logo,
			"nav":          nav, // the menu, on every page
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
