package pipeline

import (
	"context"
	"path"
	"path/filepath"
	"slices"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/links"
)

// load reads handbook.toml and the overlay's company.toml, then every
// content file of the upstream and the overlay, and applies the company's
// settings (hidden items, renamed levels). Links to hidden items become
// their text in every view and export.
func (b *Builder) load(ctx context.Context, r *run) error {
	p, rep := r.p, r.rep
	if r.reaches("history") {
		r.git = readGit(ctx, r) // git log runs beside the stages up to history
	}
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
		return ErrInvalid
	}
	rep.Diags = append(rep.Diags, cfg.CheckLogo(staticDirs(p)...)...)
	m, ds, err := b.loader.LoadLayersContext(ctx, layers...)
	if err != nil {
		return err
	}
	rep.Diags = append(rep.Diags, ds...)
	applied, ds := fork.Apply(cfg, m)
	rep.Diags = append(rep.Diags, ds...)
	m.MergeRoleMaps()
	if hidden := applied.HiddenURLs(); len(hidden) > 0 {
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
	r.c = &Checked{Config: cfg, Model: m, Applied: applied, paths: p}
	return nil
}
