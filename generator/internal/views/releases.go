package views

import (
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/release"
)

// ReleaseInfo is the release a build was made from.
type ReleaseInfo struct {
	Version    string `json:"version,omitempty"`    // the release, when the content is exactly that release
	Date       string `json:"date,omitempty"`       // its date
	Since      string `json:"since,omitempty"`      // with unreleased changes: the latest release
	Unreleased int    `json:"unreleased,omitempty"` // how many changes since it
	Label      string `json:"label"`                // "v1.2.0", "unreleased changes since v1.2.0" or "unreleased"
	URL        string `json:"url" href:""`
}

// ChangeLine is one change as the site lists it.
type ChangeLine struct {
	Kind  string         `json:"kind"`
	Bump  string         `json:"bump"`
	Lead  string         `json:"lead"`
	Words []release.Word `json:"words,omitempty"` // the word diff of reworded text
	Text  string         `json:"text"`            // the whole line, for plain-text readers
}

// ChangeBlock is the changes to one page.
type ChangeBlock struct {
	Ref
	Anchor string       `json:"anchor"`
	Gone   bool         `json:"gone,omitempty"` // the page no longer exists
	Lines  []ChangeLine `json:"lines"`
}

// ReleaseEntry is a release, or the changes between two releases.
type ReleaseEntry struct {
	Version string        `json:"version"` // "" for unreleased changes
	Date    string        `json:"date,omitempty"`
	Prev    string        `json:"prev,omitempty"`        // the release compared with
	URL     string        `json:"url,omitempty" href:""` // the page of the diff from Prev
	Bump    string        `json:"bump,omitempty"`
	Blocks  []ChangeBlock `json:"blocks"`
}

// ReleaseMark says on a level page when the level last changed.
type ReleaseMark struct {
	Text string `json:"text"` // "changed in v1.1", "changed since v1.1 (unreleased)", "unchanged since v1.0"
	URL  string `json:"url" href:""`
}

// LevelRelease lists, for one release, the competencies whose expectation
// changed on each level ("track/level"): the self-assessment reads it.
type LevelRelease struct {
	Version string              `json:"v"`
	Levels  map[string][]string `json:"levels,omitempty"`
}

// ReleaseLog is every release and its changes, for the API.
type ReleaseLog struct {
	Releases   []release.Release
	Changes    [][]release.Change // from the release before
	Unreleased []release.Change
}

var releasesPage = Generated{Path: "releases/_index.md"} // its words: releases_title, releases_summary

// DiffPath is the page comparing two releases.
func DiffPath(from, to string) string { return "/releases/" + from + "..." + to + "/" }

// AddReleases adds the releases pages, the release of this build, and on
// every level page the release that last changed it. m is the content as
// built; unreleased are its changes since the latest release.
func AddReleases(d *Data, m *content.Model, h *release.History, unreleased []release.Change) {
	info := &ReleaseInfo{Label: d.s.T("release_unreleased"), URL: "/releases/"}
	latest := h.Latest()
	switch {
	case latest != nil && len(unreleased) == 0:
		info.Version, info.Date, info.Label = latest.Version, latest.Date, latest.Version
	case latest != nil:
		info.Since, info.Unreleased = latest.Version, len(unreleased)
		info.Label = d.s.T("release_unreleased_since", latest.Version)
		info.URL = "/releases/#unreleased"
	}
	d.Release = info
	d.ReleaseLog = &ReleaseLog{Releases: h.Releases, Changes: h.Changes, Unreleased: unreleased}

	rp := Page{Kind: "releases"}
	if latest != nil && len(unreleased) > 0 {
		rp.Releases = append(rp.Releases, entry(d.s, m, "", latest.Version, "", unreleased, "", "unreleased-"))
	}
	for i := len(h.Releases) - 1; i >= 0; i-- {
		r := h.Releases[i]
		e := ReleaseEntry{Version: r.Version, Date: r.Date, Blocks: []ChangeBlock{}}
		if i > 0 {
			e = entry(d.s, m, r.Version, h.Releases[i-1].Version, r.Date, h.Changes[i], DiffPath(h.Releases[i-1].Version, r.Version), r.Version+"-")
		}
		rp.Releases = append(rp.Releases, e)
	}
	for _, p := range h.Pairs() {
		a, b := h.Releases[p[0]], h.Releases[p[1]]
		url := DiffPath(a.Version, b.Version)
		rp.List = append(rp.List, Row{Ref: Ref{ID: a.Version + "..." + b.Version, Title: a.Version + " → " + b.Version, URL: url}})
		cs := h.Changes[p[1]]
		if p[1] != p[0]+1 {
			cs = h.Between(p[0], p[1])
		}
		g := Generated{Path: strings.Trim(url, "/") + ".md", Title: d.s.T("release_diff_title", a.Version, b.Version),
			Summary: d.s.T("release_diff_summary", a.Version, a.Date, b.Version, b.Date)}
		e := entry(d.s, m, b.Version, a.Version, b.Date, cs, url, "")
		d.add(g, Page{Kind: "release-diff", Parent: &Ref{ID: "releases", Title: d.s.T("releases_title"), URL: "/releases/"}, Releases: []ReleaseEntry{e}})
	}
	page := releasesPage
	page.Title, page.Summary = d.s.T("releases_title"), d.s.T("releases_summary")
	if len(h.Releases) == 0 {
		page.Summary = d.s.T("releases_empty_summary") // the empty state's subtitle: no list to promise
	}
	d.add(page, rp)

	// Self-assessment: which competencies changed per level, release by release.
	for i, r := range h.Releases {
		lr := LevelRelease{Version: r.Version}
		if i > 0 {
			lr.Levels = levelChanges(h.Changes[i])
		}
		d.LevelReleases = append(d.LevelReleases, lr)
	}
	if len(unreleased) > 0 {
		d.LevelReleases = append(d.LevelReleases, LevelRelease{Version: "unreleased", Levels: levelChanges(unreleased)})
	}

	// Level pages: when did this level last change?
	if latest == nil {
		return
	}
	for _, l := range m.Of(content.KindLevel) {
		v := d.Pages[l.Key]
		v.ChangedIn = &ReleaseMark{Text: d.s.T("release_unchanged_since", h.Releases[0].V.Short()), URL: "/releases/"}
		if touches(unreleased, l.URL) {
			v.ChangedIn = &ReleaseMark{Text: d.s.T("release_changed_since", latest.V.Short()), URL: "/releases/#" + anchor(l.URL, "unreleased-")}
		} else {
			for i := len(h.Releases) - 1; i > 0; i-- {
				if touches(h.Changes[i], l.URL) {
					v.ChangedIn = &ReleaseMark{Text: d.s.T("release_changed_in", h.Releases[i].V.Short()),
						URL: DiffPath(h.Releases[i-1].Version, h.Releases[i].Version) + "#" + anchor(l.URL, "")}
					break
				}
			}
		}
		d.Pages[l.Key] = v
	}
}

func touches(cs []release.Change, url string) bool {
	for _, c := range cs {
		if c.Page == url {
			return true
		}
	}
	return false
}

func levelChanges(cs []release.Change) map[string][]string {
	out := map[string][]string{}
	for _, c := range cs {
		switch c.Kind {
		case release.ExpectationAdded, release.ExpectationRemoved, release.ExpectationReworded:
			id := c.Track + "/" + strings.TrimSuffix(c.Rel[strings.LastIndex(c.Rel, "/")+1:], ".md")
			out[id] = append(out[id], c.Item)
		}
	}
	return out
}

// anchor is the id of a page's block of changes.
func anchor(url, prefix string) string {
	s := strings.ReplaceAll(strings.Trim(url, "/"), "/", "-")
	if s == "" {
		s = "home"
	}
	return prefix + s
}

// entry groups changes by page, in the order they come.
func entry(s Strings, m *content.Model, version, prev, date string, cs []release.Change, url, prefix string) ReleaseEntry {
	e := ReleaseEntry{Version: version, Prev: prev, Date: date, URL: url, Bump: release.Required(cs).String(), Blocks: []ChangeBlock{}}
	pages := map[string]bool{}
	for _, p := range m.Pages {
		pages[p.URL] = true
	}
	for _, c := range cs {
		n := len(e.Blocks)
		if n == 0 || e.Blocks[n-1].URL != c.Page {
			e.Blocks = append(e.Blocks, ChangeBlock{Ref: Ref{ID: c.Rel, Title: c.Title, URL: c.Page}, Anchor: anchor(c.Page, prefix), Gone: !pages[c.Page]})
			n++
		}
		line := ChangeLine{Kind: string(c.Kind), Bump: c.Bump.String(), Lead: c.Said(s.T)}
		line.Text = c.Title + ": " + line.Lead
		if c.Diffed() {
			line.Words = c.Words
			line.Text += ": " + release.Marked(c.Words)
		}
		e.Blocks[n-1].Lines = append(e.Blocks[n-1].Lines, line)
	}
	return e
}
