// Package layout works out, once per command, where a project's folders
// are: the project itself, its content, a company's overlay, the output,
// the theme and the static files. Every command resolves one Layout from
// its flags and reads the folders from it, so the defaults live here only.
package layout

import (
	"os"
	"path/filepath"
	"strings"
)

// Default folder names below the project.
const (
	ContentDir = "content"
	OverlayDir = "company"
	OutputDir  = "public"
	ThemeDir   = "themes/handbook"
	StaticDir  = "static"
)

// Flags are the folders as a command line gives them; "" means the default.
type Flags struct {
	Project string // --project; default "."
	Source  string // --source; default <project>/content
	Overlay string // --overlay; default <project>/company when it exists
	Out     string // --out; default <project>/public
}

// Layout is a project's folders with the defaults applied. Paths are as the
// command line gave them (relative to the working folder, or absolute), so
// messages name them as the user typed them.
type Layout struct {
	Project string // handbook.toml, themes/, static/
	Content string // the content root
	// ContentShown is how messages name the content root: "content" for
	// the default one (files are named relative to the project), else the
	// --source path with forward slashes.
	ContentShown string
	// Overlay is the company overlay folder: --overlay, or <project>/company.
	// HasOverlay says whether the build uses it: --overlay was given, or
	// the default folder exists. A command that writes into the overlay
	// (init, override) uses Overlay either way.
	Overlay    string
	HasOverlay bool
	// OverlayShown is how messages name the overlay: relative to the
	// project when it lies inside it, else the path with forward slashes.
	OverlayShown string
	Output       string // the output folder
	Theme        string // the theme: <project>/themes/handbook
	Static       string // files copied as they are: <project>/static
	Given        Flags  // the flags as given, for the pipeline's own options
}

// Resolve applies the defaults to f. It reads the file system only to see
// whether the default overlay folder exists.
func Resolve(f Flags) Layout {
	l := Layout{Given: f, Project: f.Project}
	if l.Project == "" {
		l.Project = "."
	}
	l.Content, l.ContentShown = f.Source, filepath.ToSlash(f.Source)
	if f.Source == "" {
		l.Content, l.ContentShown = filepath.Join(l.Project, ContentDir), ContentDir
	}
	l.Overlay, l.HasOverlay = f.Overlay, f.Overlay != ""
	if f.Overlay == "" {
		l.Overlay = filepath.Join(l.Project, OverlayDir)
		info, err := os.Stat(l.Overlay)
		l.HasOverlay = err == nil && info.IsDir()
	}
	l.OverlayShown = filepath.ToSlash(l.Overlay)
	if rel, err := filepath.Rel(l.Project, l.Overlay); err == nil && !strings.HasPrefix(rel, "..") {
		l.OverlayShown = filepath.ToSlash(rel)
	}
	l.Output = f.Out
	if f.Out == "" {
		l.Output = filepath.Join(l.Project, OutputDir)
	}
	l.Theme = filepath.Join(l.Project, filepath.FromSlash(ThemeDir))
	l.Static = filepath.Join(l.Project, StaticDir)
	return l
}

// OverlayContent is the overlay's content folder.
func (l Layout) OverlayContent() string { return filepath.Join(l.Overlay, ContentDir) }

// ContentRoots are the content folders relative to the project, with
// forward slashes: the content root and, when there is one, the overlay's.
// A folder outside the project is left out (git cannot list it there).
func (l Layout) ContentRoots() []string {
	dirs := []string{l.Content}
	if l.HasOverlay {
		dirs = append(dirs, l.OverlayContent())
	}
	var roots []string
	project, err := filepath.Abs(l.Project)
	if err != nil {
		return nil
	}
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(project, abs); err == nil && !strings.HasPrefix(rel, "..") {
			roots = append(roots, filepath.ToSlash(rel))
		}
	}
	return roots
}

// RelToContent turns a path given on the command line (content/x/y.md, or
// x/y.md below the content folder, or relative to the project) into a path
// below the content root, with forward slashes.
func (l Layout) RelToContent(f string) string {
	candidates := []string{f}
	if !filepath.IsAbs(f) {
		candidates = append(candidates, filepath.Join(l.Project, f))
	}
	for _, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			f = c
			break
		}
	}
	if abs, err := filepath.Abs(f); err == nil {
		if r, err := filepath.Abs(l.Content); err == nil {
			if rel, err := filepath.Rel(r, abs); err == nil && !strings.HasPrefix(rel, "..") {
				return filepath.ToSlash(rel)
			}
		}
	}
	return strings.TrimPrefix(filepath.ToSlash(f), ContentDir+"/")
}
