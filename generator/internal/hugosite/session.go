package hugosite

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/afero"
)

// Session keeps one Hugo site alive across rebuilds, in Hugo's own watch
// mode: each Rebuild writes only the input files that changed and tells
// Hugo their paths, and Hugo renders again only the pages that depend on
// them. serve uses it; a build uses Render.
type Session struct {
	h   *hugo
	rec *recorder
	out map[string][]byte // the rendered site, by URL path
}

// Update is what one build of a session rendered.
type Update struct {
	Result
	// Rendered lists the pages (HTML files) Hugo wrote in this build,
	// sorted; after the first build, only those whose inputs changed.
	Rendered []string
	// Fresh is true when the build started a new Hugo site: the first
	// build, and any build after a change of configuration or a removed file.
	Fresh bool
}

// recorder is Hugo's publish file system; it notes every file Hugo writes.
type recorder struct {
	afero.Fs
	mu      sync.Mutex
	written map[string]bool
}

func (r *recorder) Create(name string) (afero.File, error) {
	r.mu.Lock()
	r.written[name] = true
	r.mu.Unlock()
	return r.Fs.Create(name)
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := slices.Sorted(maps.Keys(r.written))
	clear(r.written)
	return names
}

// NewSession renders the site once and keeps Hugo ready for rebuilds.
func NewSession(ctx context.Context, s Site) (*Session, *Update, error) {
	rec := &recorder{Fs: afero.NewMemMapFs(), written: map[string]bool{}}
	h, err := start(ctx, s, true, rec)
	if err != nil {
		return nil, nil, err
	}
	x := &Session{h: h, rec: rec, out: map[string][]byte{}}
	up, err := x.collect(ctx, h.build(ctx))
	if err != nil {
		x.Close()
		if errors.Is(err, errStopped) {
			_, err = Render(ctx, s) // reports a sample of the failed pages
		}
		return nil, nil, err
	}
	up.Fresh = true
	return x, up, nil
}

// Close releases Hugo's resources.
func (x *Session) Close() {
	if x != nil && x.h != nil {
		x.h.sites.Close()
		x.h = nil
	}
}

// Rebuild renders the site again from s. It returns a new session when it
// had to start Hugo afresh (after a change of configuration or a removed
// input file, or after a failed incremental build); use it from then on.
func (x *Session) Rebuild(ctx context.Context, s Site) (*Session, *Update, error) {
	files, err := inputFiles(s)
	if err != nil {
		return x, nil, err
	}
	if x.h == nil || x.h.dir != s.ProjectDir || !bytes.Equal(files["hugo.json"], x.h.inputs["hugo.json"]) {
		x.Close()
		return NewSession(ctx, s)
	}
	var events []fsnotify.Event
	for name := range x.h.inputs {
		if _, ok := files[name]; !ok {
			x.Close() // a removed page's output would stay behind: start afresh
			return NewSession(ctx, s)
		}
	}
	changed := map[string]string{} // the event's file -> the input's name
	for _, name := range slices.Sorted(maps.Keys(files)) {
		old, ok := x.h.inputs[name]
		if ok && bytes.Equal(old, files[name]) {
			continue
		}
		if !ok {
			// Hugo v0.165 misses changes to other files made in the same
			// build as a new one: start afresh (a new file is a rare edit).
			x.Close()
			return NewSession(ctx, s)
		}
		ev := fsnotify.Event{Name: filepath.Join(x.h.dir, filepath.FromSlash(name)), Op: fsnotify.Write}
		changed[ev.Name] = name
		events = append(events, ev)
	}
	x.h.inputs = files
	if len(events) == 0 {
		return x, &Update{Result: Result{Files: maps.Clone(x.out), Pages: x.pages()}}, nil
	}
	var up *Update
	for _, batch := range batches(x.h.dir, events) {
		// A batch's files are written just before it builds: a page an
		// earlier build renders again (the English page when its German
		// translation changed) must still read the file Hugo parsed, or
		// its .Content slices the new file at the old one's offsets.
		for _, e := range batch {
			if err = x.h.write(changed[e.Name], files[changed[e.Name]]); err != nil {
				break
			}
		}
		var u *Update
		if err != nil {
			break
		}
		if u, err = x.collect(ctx, x.h.build(ctx, batch...)); err != nil {
			break
		}
		if up != nil {
			u.Rendered = slices.Compact(slices.Sorted(slices.Values(append(u.Rendered, up.Rendered...))))
		}
		up = u
	}
	if err != nil {
		// Hugo's state after a failed build is not to be trusted, and an
		// incremental build of Hugo v0.165 may fail where a fresh one
		// renders (as it did when every batch's files were written before
		// the first build): start afresh, which reports the error if the
		// site itself is broken.
		x.Close()
		return NewSession(ctx, s)
	}
	return x, up, nil
}

// batches splits the events into builds that Hugo v0.165 handles right:
// when several pages of one folder change in one build, it re-reads only
// one of them and renders the others from their old front matter. So each
// build has at most one page per folder; section pages (_index.md) come in
// a last build of their own, with the data, assets and templates, which
// otherwise join the last build of pages.
func batches(dir string, events []fsnotify.Event) [][]fsnotify.Event {
	content := filepath.Join(dir, "content") + string(os.PathSeparator)
	var out [][]fsnotify.Event
	var rest []fsnotify.Event
	round := map[string]int{} // folder -> builds it has a page in
	for _, e := range events {
		if filepath.Base(e.Name) == "_index.md" || !strings.HasPrefix(e.Name, content) {
			rest = append(rest, e)
			continue
		}
		i := round[filepath.Dir(e.Name)]
		round[filepath.Dir(e.Name)]++
		if i == len(out) {
			out = append(out, nil)
		}
		out[i] = append(out[i], e)
	}
	switch {
	case len(rest) == 0:
	case len(out) > 0 && !slices.ContainsFunc(rest, func(e fsnotify.Event) bool { return strings.HasPrefix(e.Name, content) }):
		// Shared views, templates and assets are no pages: they join the
		// last build of pages rather than cost a build of their own (each
		// build walks every page's dependencies).
		out[len(out)-1] = append(out[len(out)-1], rest...)
	default:
		out = append(out, rest)
	}
	return out
}

// collect reads what the last build wrote into the session's site.
func (x *Session) collect(ctx context.Context, buildErr error) (*Update, error) {
	written := x.rec.take()
	if buildErr != nil {
		return nil, buildErr
	}
	up := &Update{}
	root := filepath.Join(x.h.dir, publishDir) + string(os.PathSeparator)
	for _, name := range written {
		data, err := afero.ReadFile(x.rec.Fs, name)
		if err != nil {
			return nil, err
		}
		rel := filepath.ToSlash(name[len(root):])
		x.out[rel] = data
		if path.Ext(rel) == ".html" {
			up.Rendered = append(up.Rendered, rel)
		}
	}
	up.Files = maps.Clone(x.out)
	up.Pages = x.pages()
	return up, ctx.Err()
}

func (x *Session) pages() int {
	n := 0
	for name := range x.out {
		if path.Ext(name) == ".html" {
			n++
		}
	}
	return n
}
