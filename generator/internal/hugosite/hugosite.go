// Package hugosite is the one place that talks to Hugo. It renders a site
// in-process from the project's theme and content plus generated files held
// in memory, and returns the rendered files. Upgrading Hugo touches only
// this package.
package hugosite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bep/logg"
	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
)

// Version is the Hugo version this package drives.
const Version = "v0.165.0"

// Site says what to render. Hugo sees only Files, held in memory: it reads
// nothing from disk, so it renders exactly what the generator validated.
type Site struct {
	// ProjectDir is the absolute path of the project, used as Hugo's working
	// dir (in memory) and stripped from error messages.
	ProjectDir string
	// Config is Hugo's site configuration (written as hugo.json).
	Config map[string]any
	// Files are every input file by slash path relative to ProjectDir:
	// content/..., themes/..., data/...
	Files map[string][]byte
}

// Result is the rendered site.
type Result struct {
	Files map[string][]byte // by URL path without the leading slash, e.g. "duties/index.html"; Render's only
	Pages int
	HTML  []string // the pages' paths, sorted
}

const publishDir = ".hugo-public"

// Render builds the site in memory and returns its files. It never writes
// to disk.
func Render(ctx context.Context, s Site) (*Result, error) {
	files := map[string][]byte{}
	var mu sync.Mutex
	res, err := RenderTo(ctx, s, func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[name] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Files = files
	return res, nil
}

// RenderTo renders the site and hands each file to put as Hugo finishes it,
// so that no more than the pages being rendered are held at once. The
// result counts the pages and lists them; it holds no files.
func RenderTo(ctx context.Context, s Site, put Put) (*Result, error) {
	res, err := render(ctx, s, put)
	if errors.Is(err, errStopped) {
		// Hugo v0.165 stops after 10 failed pages and then cannot finish (its
		// page feeder waits for workers that have gone). Render a few pages
		// on their own to report what failed.
		discard := func(string, []byte) error { return nil }
		if _, sampleErr := render(ctx, sample(s), discard); sampleErr != nil && !errors.Is(sampleErr, errStopped) {
			return nil, fmt.Errorf("rendering failed on 10 or more pages; for example:\n%w", sampleErr)
		}
		return nil, errors.New("rendering failed on 10 or more pages, and no small sample of pages shows the error: check the templates")
	}
	return res, err
}

// errStopped is returned when Hugo stopped rendering after too many errors.
var errStopped = errors.New("hugo stopped after too many errors")

// sample keeps every non-content file and at most nine pages (fewer than
// Hugo's limit of ten errors): the home page, and the section page and one
// other page of up to four folders, so that most templates run once.
func sample(s Site) Site {
	out := s
	out.Files = map[string][]byte{}
	var names []string
	for name := range s.Files {
		names = append(names, name)
	}
	slices.Sort(names)
	index, leaf := map[string]string{}, map[string]string{}
	var dirs []string
	for _, name := range names {
		if !strings.HasPrefix(name, "content/") {
			out.Files[name] = s.Files[name]
			continue
		}
		dir := path.Dir(name)
		if path.Base(name) == "_index.md" {
			index[dir] = name
			continue
		}
		if _, ok := leaf[dir]; !ok {
			leaf[dir] = name
			dirs = append(dirs, dir)
		}
	}
	if home, ok := index["content"]; ok {
		out.Files[home] = s.Files[home]
	}
	for _, dir := range dirs[:min(len(dirs), 4)] {
		for _, name := range []string{index[dir], leaf[dir]} {
			if name != "" {
				out.Files[name] = s.Files[name]
			}
		}
	}
	return out
}

func render(ctx context.Context, s Site, put Put) (*Result, error) {
	dest := newSink(filepath.Join(s.ProjectDir, publishDir), put)
	h, err := start(ctx, s, false, dest)
	if err != nil {
		return nil, err
	}
	if err := h.build(ctx); err != nil {
		if !errors.Is(err, errStopped) && !errors.Is(err, ctx.Err()) {
			h.sites.Close() // (a stopped or cancelled build may still be running)
		}
		return nil, err
	}
	defer h.sites.Close()
	if err := dest.flush(); err != nil {
		return nil, err
	}
	return dest.result(), ctx.Err()
}

// hugo is one Hugo site set up in memory.
type hugo struct {
	dir    string
	source afero.Fs
	dest   afero.Fs
	sites  *hugolib.HugoSites
	log    *bytes.Buffer
	inputs map[string][]byte // every input by slash path, hugo.json included
}

// inputFiles are Hugo's input files: the site's files and its configuration.
func inputFiles(s Site) (map[string][]byte, error) {
	cfg := map[string]any{}
	for k, v := range s.Config {
		cfg[k] = v
	}
	cfg["publishDir"] = publishDir
	// The policy is set here, after the caller's settings, so that no
	// configuration can loosen it.
	cfg["security"] = Security()
	cfg["privacy"] = privacy()
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{"hugo.json": cfgJSON}
	for k, v := range s.Files {
		files[k] = v
	}
	for name, tmpl := range blockers(s.Files) {
		files[name] = tmpl
	}
	return files, nil
}

// start sets up Hugo on the site's files, held in memory. running sets up Hugo's watch mode, for rebuilds.
func start(ctx context.Context, s Site, running bool, dest afero.Fs) (*hugo, error) {
	if !filepath.IsAbs(s.ProjectDir) {
		return nil, fmt.Errorf("project dir %q is not absolute", s.ProjectDir)
	}
	files, err := inputFiles(s)
	if err != nil {
		return nil, err
	}
	h := &hugo{dir: s.ProjectDir, log: &bytes.Buffer{}, inputs: files, dest: dest}
	if running {
		// A serve session writes changed files over the inputs, and Hugo's
		// rebuild lists folders in ways afero's copy-on-write union does
		// not support: it gets a plain in-memory copy.
		h.source = afero.NewMemMapFs()
		for rel, data := range files {
			if err := h.write(rel, data); err != nil {
				return nil, err
			}
		}
	} else {
		h.source = newSource(s.ProjectDir, files)
	}
	logger := loggers.New(loggers.Options{StdOut: h.log, StdErr: h.log, Level: logg.LevelWarn, DistinctLevel: logg.LevelWarn})
	flags := config.New()
	flags.Set("workingDir", s.ProjectDir)
	flags.Set("noBuildLock", true)
	flags.Set("internal", hmaps.Params{"running": running, "watch": running})
	if running {
		flags.Set("disableLiveReload", true) // serve adds its own listener
	}
	res, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs:          h.source,
		Flags:       flags,
		Filename:    filepath.Join(s.ProjectDir, "hugo.json"),
		Environment: "production",
		// No HUGO_* variable of the process reaches Hugo: an empty list
		// would make Hugo read os.Environ() (outside tests), so it gets one
		// inert variable instead.
		Environ: noEnviron,
		Logger:  logger,
	})
	if err != nil {
		return nil, cleanErr(s.ProjectDir, err)
	}
	hfs := hugofs.NewFromSourceAndDestination(h.source, h.dest, res.LoadingInfo.Cfg)
	h.sites, err = hugolib.NewHugoSites(deps.DepsCfg{Configs: res, Fs: hfs, LogLevel: logger.Level(), StdOut: h.log, StdErr: h.log})
	if err != nil {
		return nil, cleanErr(s.ProjectDir, err)
	}
	if err := ctx.Err(); err != nil {
		h.sites.Close()
		return nil, err
	}
	return h, nil
}

// write puts one input file into Hugo's source file system.
func (h *hugo) write(rel string, data []byte) error {
	abs := filepath.Join(h.dir, filepath.FromSlash(rel))
	if err := h.source.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return err
	}
	return afero.WriteFile(h.source, abs, data, 0o644)
}

// build runs one Hugo build, a full one without events.
func (h *hugo) build(ctx context.Context, events ...fsnotify.Event) error {
	built := make(chan error, 1)
	// What one build logged is reported with its error (the first build's
	// with what setting Hugo up logged); the next build starts afresh.
	defer h.log.Reset()
	go func() { built <- h.sites.Build(hugolib.BuildCfg{NoBuildLock: true}, events...) }()
	var err error
	select {
	case err = <-built:
	case <-ctx.Done():
		// Hugo's build cannot be stopped from outside: it is left to finish
		// on its own, and the result thrown away (Ctrl+C, SIGTERM).
		return ctx.Err()
	case <-h.sites.Done():
		select {
		case err = <-built:
		case <-time.After(500 * time.Millisecond):
			return errStopped // the stuck build is left behind; see Render
		}
	}
	if err != nil {
		if h.log.Len() > 0 {
			err = fmt.Errorf("%w:\n%s", err, h.log.String())
		}
		return cleanErr(h.dir, err)
	}
	if n := h.sites.NumLogErrors(); n > 0 {
		return cleanErr(h.dir, fmt.Errorf("%d %s while rendering:\n%s", n, map[bool]string{true: "error", false: "errors"}[n == 1], h.log.String()))
	}
	return ctx.Err()
}

// Security is Hugo's security policy for every render: nothing is fetched
// from the network (resources.GetRemote and friends), no environment
// variable can be read from a template (os.Getenv), no external program
// runs, inline shortcodes are off, and pages may only be Markdown.
func Security() map[string]any {
	return map[string]any{
		"enableInlineShortcodes": false,
		"exec":                   map[string]any{"allow": []string{"none"}, "osEnv": []string{"none"}},
		"funcs":                  map[string]any{"getenv": []string{"none"}}, // the theme reads no environment variable
		"http":                   map[string]any{"urls": []string{"none"}, "methods": []string{"none"}, "mediaTypes": []string{"none"}},
		"allowContent":           []string{"^text/markdown$"},
	}
}

// privacy switches off the services of Hugo's embedded templates, a
// second wall behind the blocked shortcodes.
func privacy() map[string]any {
	off := map[string]any{"disable": true}
	return map[string]any{
		"disqus": off, "googleAnalytics": off, "instagram": off, "vimeo": off, "x": off, "youtube": off,
	}
}

// BuiltinShortcodes are the shortcodes Hugo v0.165 ships. Content is
// Markdown: none of them may run, so each is replaced by a template that
// fails the build with the page's position (the loader refuses shortcodes
// before Hugo sees them; this is the second wall).
var BuiltinShortcodes = []string{
	"comment", "details", "figure", "gist", "highlight", "instagram", "instagram_simple", "param", "qr",
	"ref", "relref", "twitter", "twitter_simple", "vimeo", "vimeo_simple", "x", "x_simple", "youtube",
}

// blockers returns a failing template for each built-in shortcode that the
// theme or the overlay does not define itself.
func blockers(files map[string][]byte) map[string][]byte {
	defined := map[string]bool{}
	for name := range files {
		if dir, file := path.Split(name); strings.HasSuffix(dir, "layouts/_shortcodes/") {
			defined[strings.SplitN(file, ".", 2)[0]] = true
		}
	}
	out := map[string][]byte{}
	for _, name := range BuiltinShortcodes {
		if !defined[name] {
			out["layouts/_shortcodes/"+name+".html"] = []byte("{{ with .Position }}{{ errorf `%s:%d:%d: Hugo's \"" + name +
				"\" shortcode is not allowed: content is Markdown` .Filename .LineNumber .ColumnNumber }}{{ end }}")
		}
	}
	return out
}

var ansiRE = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// cleanErr shows paths relative to the project, so messages read
// "themes/handbook/layouts/page.html:12:3: ...".
func cleanErr(dir string, err error) error {
	msg := ansiRE.ReplaceAllString(err.Error(), "")
	msg = strings.ReplaceAll(msg, dir+string(filepath.Separator), "")
	msg = strings.ReplaceAll(msg, `"`+dir+`/`, `"`)
	return errors.New(strings.TrimSpace(msg))
}

// noEnviron is the environment Hugo's configuration sees: nothing it reads
// (its overrides are variables named HUGO*).
var noEnviron = []string{"HANDBOOK_GENERATOR=1"}
