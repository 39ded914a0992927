// Package config reads the site's settings: handbook.toml (upstream's
// defaults) and, in a company's overlay folder, company.toml, the one file a
// company edits to make the handbook its own. Settings in company.toml win.
package config

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/regular"
)

// FileName is upstream's configuration file in the project folder;
// OverlayFileName is a company's, in its overlay folder.
const (
	FileName        = "handbook.toml"
	OverlayFileName = "company.toml"
)

// Config is the site configuration.
type Config struct {
	Title        string `toml:"title"`
	Description  string `toml:"description"`
	Organisation string `toml:"organisation"`
	BaseURL      string `toml:"base_url"`
	Language     string `toml:"language"`
	// Languages are the languages the site is published in, the source
	// language first. Empty means the source language alone.
	Languages  []Language `toml:"languages"`
	RepoURL    string     `toml:"repo_url"`
	EditBranch string     `toml:"edit_branch"`
	Footer     string     `toml:"footer"`
	Logo       string     `toml:"logo"` // a path in static/, e.g. "logo.svg"

	Colors Colors `toml:"colors"`

	// Nav lists the sections in the menu, in order; empty keeps the default.
	Nav []string `toml:"nav"`
	// Roles and Tracks limit which are shown; empty shows all.
	Roles  []string `toml:"roles"`
	Tracks []string `toml:"tracks"`
	// LevelTitles renames levels: track id -> level id -> title.
	LevelTitles map[string]map[string]string `toml:"level_titles"`
	// Hide removes upstream items: "duties/pricing", "skills/negotiation", ...
	Hide []string `toml:"hide"`
	// Lint adds to the ladder linter's word lists.
	Lint Lint `toml:"lint"`

	lines map[string]int // setting -> line, for messages
	file  string
}

// Language is a language the site is published in.
type Language struct {
	Tag       string `toml:"tag"`       // an HTML language tag: "de", "pt-BR"
	Name      string `toml:"name"`      // its name in itself: "Deutsch"
	Direction string `toml:"direction"` // "ltr" (the default) or "rtl"
	Footer    string `toml:"footer"`    // the footer's text in this language (default: the site's footer)
}

// Dir is the language's writing direction, "ltr" or "rtl".
func (l Language) Dir() string {
	if l.Direction == "" {
		return "ltr"
	}
	return l.Direction
}

// Langs returns the languages, the source language first. A language the
// configuration does not name is listed with its tag as its name.
func (c Config) Langs() []Language {
	out := []Language{{Tag: c.Language, Name: c.Language}}
	for _, l := range c.Languages {
		if l.Tag == c.Language {
			out[0] = l
			continue
		}
		out = append(out, l)
	}
	return out
}

// Lint extends the ladder linter (see docs/content-model.md).
type Lint struct {
	// MindsetWords are words and phrases that name an intention or a
	// mindset, warned about in expectations and readiness signals in every
	// language, on top of the built-in list.
	MindsetWords []string `toml:"mindset_words"`
}

// Colors are the brand colours, as #rrggbb.
type Colors struct {
	Accent     string `toml:"accent"`      // links, highlights (light theme)
	AccentDark string `toml:"accent_dark"` // the same in the dark theme
}

// Default is used for settings no file gives.
func Default() Config {
	return Config{Title: "Product Manager vs Product Owner", BaseURL: "/", Language: "en", EditBranch: "main"}
}

// Line returns the line a setting was read from, and the file.
func (c Config) Line(key string) (string, int) {
	if n, ok := c.lines[key]; ok {
		return c.file, n
	}
	return c.file, 1
}

// Load reads path (shown in messages as shown) over c. A missing file
// leaves c as it is.
func Load(c Config, path, shown string) (Config, diag.List) {
	var diags diag.List
	data, err := regular.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		diags.Add(shown, 1, 1, "config", fmt.Sprintf("cannot read: %v", err), "")
		return c, diags
	}
	return Parse(c, data, shown)
}

// Parse reads settings from data (named shown in messages) over c.
func Parse(c Config, data []byte, shown string) (Config, diag.List) {
	var diags diag.List
	before := c.Languages
	c.Languages = nil
	dec := toml.NewDecoder(strings.NewReader(string(data))).DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		var de *toml.DecodeError
		var sm *toml.StrictMissingError
		switch {
		case errors.As(err, &sm):
			for _, e := range sm.Errors {
				line, col := e.Position()
				diags.Add(shown, line, col, "config", fmt.Sprintf("unknown setting %q", strings.Join(e.Key(), ".")), unknownHint(e.Key()))
			}
		case errors.As(err, &de):
			line, col := de.Position()
			diags.Add(shown, line, col, SyntaxCheck, "invalid TOML: "+de.Error(), "check the quotes, brackets and = signs on this line")
		default:
			diags.Add(shown, 1, 1, "config", err.Error(), "")
		}
		c.Languages = before
		return c, diags
	}
	c.Languages = mergeLanguages(before, c.Languages, c.Language)
	c.file = shown
	c.lines = lines(string(data))
	diags = append(diags, c.validate(shown)...)
	return c, diags
}

// mergeLanguages keeps the earlier file's languages and adds or replaces
// those the later file names, matched by tag. A later list that names the
// source language replaces the earlier list whole (a fork may so drop one).
func mergeLanguages(old, added []Language, source string) []Language {
	if slices.ContainsFunc(added, func(l Language) bool { return l.Tag == source }) {
		return added
	}
	out := slices.Clone(old)
	for _, l := range added {
		if i := slices.IndexFunc(out, func(o Language) bool { return o.Tag == l.Tag }); i >= 0 {
			out[i] = l
			continue
		}
		out = append(out, l)
	}
	return out
}

// SyntaxCheck names a diagnostic for a file that is not TOML at all; the
// build reports it alone, since nothing read after it could be trusted.
const SyntaxCheck = "config-syntax"

// topLevel are the settings that must stand above every [table] line.
var topLevel = map[string]bool{"title": true, "description": true, "organisation": true, "base_url": true, "language": true,
	"repo_url": true, "edit_branch": true, "footer": true, "logo": true, "nav": true, "roles": true, "tracks": true, "hide": true}

// unknownHint explains TOML tables when a top-level setting was written
// below one: every key after a [table] line belongs to that table.
func unknownHint(key []string) string {
	if len(key) > 1 && topLevel[key[len(key)-1]] {
		return fmt.Sprintf("in TOML every setting below a [%s] line belongs to that table: move `%s = ...` above the first [...] line",
			strings.Join(key[:len(key)-1], "."), key[len(key)-1])
	}
	return "see FORKING.md for the settings it takes"
}

var (
	keyRE   = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*=`)
	tableRE = regexp.MustCompile(`^\s*\[+\s*([A-Za-z0-9_.-]+)\s*\]+`)
	colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	slugRE  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	hideRE  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*){1,2}$`)
	pathRE  = regexp.MustCompile(`^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$`)
	langRE  = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// lines maps each setting ("title", "colors.accent", "level_titles.x") to its line.
func lines(data string) map[string]int {
	out := map[string]int{}
	table := ""
	for i, l := range strings.Split(data, "\n") {
		if m := tableRE.FindStringSubmatch(l); m != nil {
			table = m[1]
			out[table] = i + 1
			continue
		}
		if m := keyRE.FindStringSubmatch(l); m != nil {
			key := m[1]
			if table != "" {
				key = table + "." + key
			}
			if _, ok := out[key]; !ok {
				out[key] = i + 1
			}
		}
	}
	return out
}

func (c Config) validate(shown string) diag.List {
	var diags diag.List
	bad := func(key, msg, hint string) {
		_, line := c.Line(key)
		diags.Add(shown, line, 1, "config", msg, hint)
	}
	if _, set := c.lines["title"]; set && strings.TrimSpace(c.Title) == "" {
		bad("title", "title is empty", "name the site")
	}
	for _, f := range []struct{ key, val string }{{"base_url", c.BaseURL}, {"repo_url", c.RepoURL}} {
		if _, set := c.lines[f.key]; !set || (f.key == "base_url" && f.val == "/") {
			continue
		}
		u, err := url.Parse(f.val)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad(f.key, fmt.Sprintf("%s %q is not an http(s) address", f.key, f.val), "write a full address such as https://example.com/")
		}
	}
	if _, set := c.lines["language"]; set && !langRE.MatchString(c.Language) {
		bad("language", fmt.Sprintf("language %q is not a language tag", c.Language), `write a tag such as "en" or "de-CH"`)
	}
	seen := map[string]bool{}
	for _, l := range c.Languages {
		switch {
		case !langRE.MatchString(l.Tag):
			bad("languages", fmt.Sprintf("languages lists tag %q, which is not a language tag", l.Tag), `write a tag such as "de" or "pt-BR"`)
		case seen[l.Tag]:
			bad("languages", fmt.Sprintf("languages lists %q twice", l.Tag), "keep one entry per language")
		case l.Direction != "" && l.Direction != "ltr" && l.Direction != "rtl":
			bad("languages", fmt.Sprintf("language %q has direction %q", l.Tag, l.Direction), `write "ltr" or "rtl"`)
		case strings.TrimSpace(l.Name) == "":
			bad("languages", fmt.Sprintf("language %q has no name", l.Tag), `name it in itself, e.g. name = "Deutsch"`)
		}
		seen[l.Tag] = true
	}
	for _, kv := range [][2]string{{"colors.accent", c.Colors.Accent}, {"colors.accent_dark", c.Colors.AccentDark}} {
		key, val := kv[0], kv[1]
		if val == "" {
			continue
		}
		if !colorRE.MatchString(val) {
			bad(key, fmt.Sprintf("%s %q is not a colour", key, val), `write it as "#rrggbb", e.g. "#0b5cad"`)
		} else if msg := contrastProblem(key, val); msg != "" {
			hint := "pick a darker shade"
			if key == "colors.accent_dark" {
				hint = "pick a lighter shade for the dark theme"
			}
			bad(key, msg, hint)
		}
	}
	if c.Logo != "" && (!pathRE.MatchString(c.Logo) || strings.Contains(c.Logo, "..")) {
		bad("logo", fmt.Sprintf("logo %q is not a path inside static/", c.Logo), `write a path such as "logo.svg", relative to static/`)
	}
	for _, list := range []struct {
		key  string
		vals []string
	}{{"nav", c.Nav}, {"roles", c.Roles}, {"tracks", c.Tracks}} {
		for _, v := range list.vals {
			if !slugRE.MatchString(v) {
				bad(list.key, fmt.Sprintf("%s lists %q, which is not an id", list.key, v), "ids are lower-case letters, digits and hyphens")
			}
		}
	}
	for _, h := range c.Hide {
		if !hideRE.MatchString(h) {
			bad("hide", fmt.Sprintf("hide lists %q, which is not a content path", h), `write "<section>/<id>", e.g. "duties/pricing"`)
		}
	}
	return diags
}

// imageTypes are the logo formats browsers show, by extension, with what
// the file must start with (an SVG is checked for its <svg element).
var imageTypes = map[string]string{".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp"}

// CheckLogo reports a logo that is in none of the static folders (later
// ones win) or is not an image.
func (c Config) CheckLogo(static ...string) diag.List {
	var diags diag.List
	if c.Logo == "" || !pathRE.MatchString(c.Logo) || strings.Contains(c.Logo, "..") {
		return nil // validate reported a bad path
	}
	file, line := c.Line("logo")
	var data []byte
	found := false
	for i := len(static) - 1; i >= 0 && !found; i-- {
		if b, err := regular.ReadFile(filepath.Join(static[i], filepath.FromSlash(c.Logo))); err == nil {
			data, found = b, true
		}
	}
	if !found {
		diags.Add(file, line, 1, "config", fmt.Sprintf("logo %q is not a file in static/ or in the overlay's static/", c.Logo),
			"put the image in the overlay's static/ folder, or correct the name")
		return diags
	}
	want, ok := imageTypes[strings.ToLower(filepath.Ext(c.Logo))]
	got := http.DetectContentType(data)
	if want == "image/svg+xml" {
		head := strings.ToLower(string(data[:min(len(data), 1024)]))
		if strings.Contains(head, "<svg") {
			got = want
		}
	}
	if !ok || got != want {
		diags.Add(file, line, 1, "config", fmt.Sprintf("logo %q is not an image (%s)", c.Logo, strings.Split(got, ";")[0]),
			"use an SVG, PNG, JPEG, GIF or WebP file")
	} else if want == "image/svg+xml" {
		if what := activeSVG.FindString(strings.ToLower(string(data))); what != "" {
			diags.Add(file, line, 1, "config", fmt.Sprintf("logo %q holds %q: an SVG opened on its own runs its scripts and follows its links", c.Logo, what),
				"save the logo without scripts, event handlers, links or embedded content (or as PNG)")
		}
	}
	return diags
}

// activeSVG finds what can make an SVG run code or reach another file:
// a script, an event handler, a link (href) or url() to anything but a
// part of itself (#id), foreign content, a javascript: or data: address,
// or a stylesheet import.
var activeSVG = regexp.MustCompile(`<script|<foreignobject|<iframe|<embed|<object|\bon[a-z]+\s*=|href\s*=\s*["']?[^#"'\s]|javascript:|data:|@import|url\(\s*["']?[^#"'\s]`)
