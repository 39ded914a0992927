package pipeline

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/history"
	"github.com/product-roles/handbook/generator/internal/release"
	"github.com/product-roles/handbook/generator/internal/validate"
	"github.com/product-roles/handbook/generator/internal/views"
)

// history adds what git knows: each page's last change (of the upstream
// content and the overlay's), and the releases with what changed since
// the latest one.
func (b *Builder) history(ctx context.Context, r *run) error {
	c, p, o := r.c, r.p, r.o
	if r.git == nil { // (load starts it; a run that skipped load reads it here)
		r.git = readGit(ctx, r)
	}
	g := <-r.git
	if g.shallow {
		if !o.AllowShallow {
			return history.ErrShallow
		}
		r.rep.Diags.Warn(p.sourceShown, 1, 1, "history", "the repository is a shallow clone: page dates and releases are wrong in this preview",
			"fetch the whole history with `git fetch --unshallow --tags` before publishing")
	}
	commits, overlayHistory := g.commits, g.overlay
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
	for _, bad := range h.Invalid {
		r.rep.Diags.Warn(p.sourceShown, 1, 1, "release", fmt.Sprintf("release %s is not published: its content does not validate (%s)", bad.Version, bad.Problem),
			"tag a commit whose content passes check; the site lists the other releases")
	}
	if p.overlay != "" {
		current = h.Head // a fork's release is that of the upstream content it holds
	}
	views.AddReleases(c.Data, c.Model, h, h.Unreleased(current))
	for _, lz := range c.Langs {
		views.AddReleases(lz.Data, lz.Model, h, h.Unreleased(current))
	}
	return nil
}

// gitRead is what git says of the content: its commits, the overlay's,
// and whether the clone is shallow.
type gitRead struct {
	commits, overlay []history.Commit
	shallow          bool
}

// readGit reads the content's history in the background (git runs while
// the other stages work; it needs nothing they make) and hands it over
// once. Options.History, when set, is used instead of git log.
func readGit(ctx context.Context, r *run) chan gitRead {
	out := make(chan gitRead, 1)
	p, o := r.p, r.o
	go func() {
		var g gitRead
		read := history.Read
		if o.History != nil {
			read = o.History
		} else {
			g.shallow = history.Shallow(ctx, p.source)
		}
		if p.overlay != "" {
			g.overlay = read(ctx, filepath.Join(p.overlay, "content"))
		}
		g.commits = read(ctx, p.source)
		out <- g
	}()
	return out
}

// ReadReleases reads the releases, or none when they cannot be read. seed
// holds the pages the build parsed (nil when a fork's settings changed them).
func ReadReleases(ctx context.Context, dir string, l *content.Loader, seed *content.Model) *release.History {
	h, err := release.Read(ctx, dir, l, seed)
	if err != nil {
		return &release.History{}
	}
	h.Keep(releaseProblem)
	return h
}

// releaseProblem is the first problem of a release's content: a file that
// could not be read, or a value its kind's schema refuses; "" when none.
// A tag on such a commit is reported, not published.
func releaseProblem(m *content.Model) string {
	if len(m.Unread) > 0 {
		return m.Unread[0].File + ": the file cannot be read"
	}
	ds := validate.Schemas(m)
	ds.Sort()
	for _, d := range ds {
		if d.Severity == diag.Error {
			return fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Message)
		}
	}
	return ""
}
