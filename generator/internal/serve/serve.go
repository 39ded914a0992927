// Package serve serves the handbook from memory while you edit it: it
// rebuilds on every change to what the build reads (content, theme, static
// files, handbook.toml and a company's overlay), and tells open pages to
// reload. Nothing else in the project folder (node_modules, public, .git)
// starts a rebuild.
package serve

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/history"
	"github.com/product-roles/handbook/generator/internal/human"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/release"
)

// Config says what to serve and where.
type Config struct {
	// Options say what to build; Options.Layout also names the folders Run
	// watches.
	Options pipeline.Options
	Bind    string
	Port    int // 0 picks a free port
	Log     io.Writer

	// built, when set, is called after every rebuild with the site now
	// served (the last good one when the rebuild failed) and the report.
	built func(site map[string][]byte, rep *pipeline.Report, err error)
}

// EventsPath is where pages listen for reload events; ScriptPath serves the
// listener, which also shows a failed rebuild's errors over the page, styled
// by StylePath. Injected is what serve adds to every HTML page.
const (
	EventsPath = "/_handbook/events"
	ScriptPath = "/_handbook/reload.js"
	StylePath  = "/_handbook/overlay.css"
	Injected   = `<link rel="stylesheet" href="` + StylePath + `"><script src="` + ScriptPath + `"></script>`
)

// CSP is the Content-Security-Policy serve sends with every response: the
// one netlify.toml gives the published site (TestServeCSPIsNetlifys keeps
// them equal), so that a page that breaks it breaks while you edit.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// reloadJS reloads the page when a rebuild changed it (or changed a file
// every page uses: the event then names no pages), and shows the errors of
// a failed rebuild; overlayCSS styles them. Both are files, as the CSP
// allows no inline script or style.
var (
	//go:embed reload.js
	reloadJS string
	//go:embed overlay.css
	overlayCSS string
)

// Server holds the current site and the clients waiting for a reload.
type Server struct {
	cfg     Config
	builder *pipeline.Builder
	site    atomic.Pointer[map[string][]byte]
	gen     atomic.Int64              // bumped after every successful rebuild
	errs    atomic.Pointer[[]Problem] // the last rebuild's errors; nil after a good one
	mu      sync.Mutex
	waiters map[chan reload]struct{}
}

// reload is what one rebuild changed.
type reload struct {
	Gen    int64     `json:"gen"`
	Pages  []string  `json:"pages"`            // the URL paths of the changed pages; nil: reload every page
	Errors []Problem `json:"errors,omitempty"` // why the rebuild failed: open pages show them
}

// Problem is one error of a failed rebuild, as the page shows it.
type Problem struct {
	At       string `json:"at"` // file:line:col, or "" for an error of no file
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	Source   string `json:"source,omitempty"` // the line of the file the error is on
}

// allowedHost reports whether a request's Host is an IP address or
// localhost: a domain name means a browser was sent here by another site
// (DNS rebinding), which must not read the preview.
func allowedHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	return net.ParseIP(host) != nil || host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// Run builds the site, serves it and rebuilds on changes until ctx ends.
// ready is called with the listening address once the first build is served.
func Run(ctx context.Context, cfg Config, ready func(addr string)) error {
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	b, err := pipeline.New()
	if err != nil {
		return err
	}
	b.ForServe()
	defer b.Close()
	// Git history only changes with a commit, not with an edit: read it once.
	// (once per folder: the content and a company's overlay).
	var mu sync.Mutex
	commits := map[string][]history.Commit{}
	cfg.Options.History = func(ctx context.Context, dir string) []history.Commit {
		mu.Lock()
		defer mu.Unlock()
		if c, ok := commits[dir]; ok {
			return c
		}
		commits[dir] = history.Read(ctx, dir)
		return commits[dir]
	}
	var relOnce sync.Once
	var releases *release.History
	cfg.Options.Releases = func(ctx context.Context, dir string, l *content.Loader, seed *content.Model) *release.History {
		relOnce.Do(func() { releases = pipeline.ReadReleases(ctx, dir, l, seed) })
		return releases
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(cfg.Bind, strconv.Itoa(cfg.Port)))
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	if ip := net.ParseIP(cfg.Bind); cfg.Bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(cfg.Log, "warning: serving on %s, which other machines on your network can reach: anyone there can read this preview "+
			"(it answers only requests addressed to an IP address or localhost). Leave out --bind to serve on 127.0.0.1 only.\n", addr)
	}
	if cfg.Options.BaseURL == "" {
		cfg.Options.BaseURL = "http://" + addr + "/"
	}
	s := &Server{cfg: cfg, builder: b, waiters: map[chan reload]struct{}{}}
	empty := map[string][]byte{}
	s.site.Store(&empty)
	s.rebuild(ctx)

	w, err := fsnotify.NewWatcher()
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()
	for _, dir := range s.trees() {
		addTree(w, dir)
	}
	_ = w.Add(s.projectDir()) // for handbook.toml alone: see watched
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	go s.watch(ctx, w)
	if ready != nil {
		ready(addr)
	}
	select {
	case <-ctx.Done():
	case err := <-errc:
		return err
	}
	s.mu.Lock()
	for c := range s.waiters {
		close(c)
		delete(s.waiters, c)
	}
	s.mu.Unlock()
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return srv.Shutdown(shut)
}

func (s *Server) projectDir() string { return s.cfg.Options.Layout.Project }

// trees are the folders the build reads, watched with everything below
// them: the content, the theme, the static files and the company's overlay
// (company.toml, its content, layouts, static files and words).
func (s *Server) trees() []string {
	l := s.cfg.Options.Layout
	t := []string{l.Content, l.Theme, l.Static}
	if l.HasOverlay {
		t = append(t, l.Overlay)
	}
	return t
}

// watched reports whether an event's file is one the build reads. The
// project folder itself is watched without its subfolders for
// handbook.toml: anything else created or written there (package-lock.json,
// node_modules/, public/) is not the build's input.
func (s *Server) watched(name string) bool {
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") {
		return false
	}
	if filepath.Clean(filepath.Dir(name)) != filepath.Clean(s.projectDir()) {
		return true // an event of a watched tree
	}
	if base == config.FileName {
		return true
	}
	for _, t := range s.trees() {
		if filepath.Clean(t) == filepath.Clean(name) {
			return true // a tree itself, created again
		}
	}
	return false
}

func addTree(w *fsnotify.Watcher, dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			_ = w.Add(p)
		}
		return nil
	})
}

// debounce is how long the watcher waits after a file event for more of
// the same save: a program writes a file in well under a millisecond, and
// every millisecond waited is one more before the page reloads.
const debounce = 3 * time.Millisecond

// watch rebuilds after a burst of file events has settled.
func (s *Server) watch(ctx context.Context, w *fsnotify.Watcher) {
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if !s.watched(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					addTree(w, ev.Name)
				}
			}
			timer = time.After(debounce) // a save is a burst of events
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(s.cfg.Log, "watch: %v\n", err)
		case <-timer:
			timer = nil
			s.rebuild(ctx)
		}
	}
}

// rebuild renders the site; on success it swaps it in and wakes the clients.
// On failure the last good site stays up and the errors are printed.
func (s *Server) rebuild(ctx context.Context) {
	rep := &pipeline.Report{}
	files, err := s.builder.Render(ctx, s.cfg.Options, rep)
	if len(rep.Diags) > 0 {
		_ = diag.Write(s.cfg.Log, rep.Diags, "human")
	}
	if err != nil {
		fmt.Fprintf(s.cfg.Log, "rebuild failed, still serving the last good build: %v\n", err)
		probs := s.problems(rep.Diags, err)
		s.errs.Store(&probs)
		s.notify(reload{Gen: s.gen.Load(), Pages: []string{}, Errors: probs})
		if s.cfg.built != nil {
			s.cfg.built(*s.site.Load(), rep, err)
		}
		return
	}
	ev := reload{Pages: changedPages(*s.site.Load(), files)}
	s.site.Store(&files)
	s.errs.Store(nil)
	ev.Gen = s.gen.Add(1)
	fmt.Fprintf(s.cfg.Log, "built %d pages (rendered %d) in %s\n", rep.Pages, len(rep.Rendered), human.Duration(rep.Took))
	s.notify(ev)
	if s.cfg.built != nil {
		s.cfg.built(files, rep, nil)
	}
}

// notify hands an event to every client; an event a client has not read
// yet is merged with it (the pages of both; the newer errors).
func (s *Server) notify(ev reload) {
	s.mu.Lock()
	for c := range s.waiters {
		select {
		case c <- ev:
		default:
			select { // replace an event the client has not read yet
			case old := <-c:
				ev := ev
				if old.Pages == nil || ev.Pages == nil {
					ev.Pages = nil
				} else {
					ev.Pages = append(slices.Clone(old.Pages), ev.Pages...)
				}
				c <- ev
			default:
				c <- ev
			}
		}
	}
	s.mu.Unlock()
}

// problems are a failed rebuild's errors for the page: each diagnostic
// with the line of its file, or the error itself when no file is to blame.
func (s *Server) problems(ds diag.List, err error) []Problem {
	var out []Problem
	for _, d := range ds {
		if d.Severity != diag.Error {
			continue
		}
		at := fmt.Sprintf("%s:%d:%d", d.File, max(d.Line, 1), max(d.Col, 1)) // as diag.Diagnostic.String writes it
		out = append(out, Problem{At: at, Severity: string(d.Severity), Message: d.Message, Hint: d.Hint, Source: s.sourceLine(d.File, d.Line)})
	}
	if len(out) == 0 {
		out = append(out, Problem{Severity: string(diag.Error), Message: err.Error()})
	}
	return out
}

// sourceLine is line n of a file named as diagnostics name it (relative to
// the project folder), or "" when it cannot be read.
func (s *Server) sourceLine(file string, n int) string {
	if file == "" || n < 1 {
		return ""
	}
	name := file
	if !filepath.IsAbs(name) {
		name = filepath.Join(s.projectDir(), filepath.FromSlash(file))
	}
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for i := 1; sc.Scan(); i++ {
		if i == n {
			line := strings.TrimRight(sc.Text(), "\r")
			if len(line) > 300 {
				line = line[:300] + "…"
			}
			return line
		}
	}
	return ""
}

// changedPages lists the URL paths of the pages that differ between two
// builds, or returns nil when any other file (a style sheet, a script, an
// image) changed, so that every open page reloads.
func changedPages(old, cur map[string][]byte) []string {
	pages := []string{}
	visit := func(name string) bool {
		if path.Ext(name) != ".html" {
			return false
		}
		p := "/" + strings.TrimSuffix(name, "index.html")
		if !slices.Contains(pages, p) {
			pages = append(pages, p)
		}
		return true
	}
	for name, data := range cur {
		if prev, ok := old[name]; !ok || !bytes.Equal(prev, data) {
			if !visit(name) && !isData(name) {
				return nil
			}
		}
	}
	for name := range old {
		if _, ok := cur[name]; !ok && !visit(name) && !isData(name) {
			return nil
		}
	}
	slices.Sort(pages)
	return pages
}

// isData reports files that no page loads as it opens (data for download,
// the search index): a change to them reloads nothing by itself.
func isData(name string) bool {
	switch path.Ext(name) {
	case ".json", ".csv", ".txt", ".md", ".xml":
		return true
	}
	return false
}

// ServeHTTP serves the current build, the reload script and reload events.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !allowedHost(r.Host) {
		// DNS rebinding: a page on another site whose name now resolves
		// to this machine must not read the preview.
		http.Error(w, "this preview answers only requests addressed to an IP address or localhost", http.StatusForbidden)
		return
	}
	p := r.URL.Path
	if strings.Contains(p, "..") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) || !strings.HasPrefix(p, "/") {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Security-Policy", CSP)
	switch p {
	case EventsPath:
		s.events(w, r)
		return
	case ScriptPath, StylePath:
		w.Header().Set("Content-Type", map[string]string{ScriptPath: "text/javascript; charset=utf-8", StylePath: "text/css; charset=utf-8"}[p])
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, map[string]string{ScriptPath: reloadJS, StylePath: overlayCSS}[p])
		return
	}
	site := *s.site.Load()
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := site[name]
	if !ok {
		if _, dir := site[name+"/index.html"]; dir {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if nf, ok := site["404.html"]; ok {
			w.Write(inject(nf))
		} else {
			io.WriteString(w, "404 page not found")
		}
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-store")
	if path.Ext(name) == ".html" {
		data = inject(data)
	}
	w.Write(data)
}

// inject adds the reload listener and the errors' style sheet to an HTML page.
func inject(page []byte) []byte {
	tag := []byte(Injected)
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		return append(append(append([]byte{}, page[:i]...), tag...), page[i:]...)
	}
	return append(append([]byte{}, page...), tag...)
}

// events streams a "reload" event after every successful rebuild.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan reload, 1)
	s.mu.Lock()
	s.waiters[c] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.waiters, c)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: %d\n\n", s.gen.Load())
	if errs := s.errs.Load(); errs != nil { // a page opened while the build is broken
		data, _ := json.Marshal(reload{Gen: s.gen.Load(), Pages: []string{}, Errors: *errs})
		fmt.Fprintf(w, "event: reload\ndata: %s\n\n", data)
	}
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-c:
			if !ok {
				return
			}
			data, _ := json.Marshal(ev)
			fmt.Fprintf(w, "event: reload\ndata: %s\n\n", data)
			fl.Flush()
		}
	}
}
