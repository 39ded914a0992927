package sitetest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/origin"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// linkAttrs are the attributes whose URL the browser follows or fetches.
var linkAttrs = []string{"href", "src", "srcset", "poster", "action", "data", "cite"}

// siteRef is one internal URL found in the built site, and where.
type siteRef struct {
	from string // the file it is in, relative to the site
	raw  string // as written
	url  *url.URL
}

// siteFiles answers whether a URL path is a file of the built site, and
// which ids an HTML file holds (parsed once each).
type siteFiles struct {
	dir  string
	mu   sync.Mutex
	ids  map[string]map[string]bool
	errs map[string]error
}

// file maps a URL path to the file the static host serves for it, or "".
func (f *siteFiles) file(p string) string {
	clean := path.Clean("/" + p)
	name := filepath.Join(f.dir, filepath.FromSlash(clean))
	fi, err := os.Stat(name)
	switch {
	case err != nil:
		return ""
	case fi.IsDir():
		if _, err := os.Stat(filepath.Join(name, "index.html")); err != nil {
			return ""
		}
		return strings.TrimPrefix(path.Join(clean, "index.html"), "/")
	case strings.HasSuffix(p, "/"):
		return "" // a file asked for as a folder
	}
	return strings.TrimPrefix(clean, "/")
}

// idsOf returns the ids (and <a name>s) of an HTML file of the site.
func (f *siteFiles) idsOf(rel string) (map[string]bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if ids, ok := f.ids[rel]; ok {
		return ids, f.errs[rel]
	}
	ids := map[string]bool{}
	data, err := os.ReadFile(filepath.Join(f.dir, filepath.FromSlash(rel)))
	if err == nil {
		var doc *html.Node
		doc, err = html.Parse(bytes.NewReader(data))
		if err == nil {
			for n := range doc.Descendants() {
				if n.Type != html.ElementNode {
					continue
				}
				for _, a := range n.Attr {
					if a.Key == "id" || (a.Key == "name" && n.Data == "a") {
						ids[a.Val] = true
					}
				}
			}
		}
	}
	f.ids[rel], f.errs[rel] = ids, err
	return ids, err
}

// check says what is wrong with an internal URL, or "".
func (f *siteFiles) check(u *url.URL) string {
	file := f.file(u.Path)
	if file == "" {
		return "no such file"
	}
	if u.Fragment == "" || path.Ext(file) != ".html" {
		return ""
	}
	ids, err := f.idsOf(file)
	if err != nil {
		return "cannot read " + file + ": " + err.Error()
	}
	if !ids[u.Fragment] {
		return "no id=\"" + u.Fragment + "\" in " + file
	}
	return ""
}

// htmlRefs lists the URLs in one HTML file that point into the site.
func htmlRefs(rel string, data []byte, base *url.URL) ([]siteRef, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	page := base.ResolveReference(&url.URL{Path: "/" + strings.TrimSuffix(rel, "index.html")})
	var out []siteRef
	addRef := func(raw string) {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			return
		}
		u, err := page.Parse(raw)
		if err != nil {
			out = append(out, siteRef{rel, raw, nil})
			return
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host == base.Host {
			out = append(out, siteRef{rel, raw, u})
		}
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if !slices.Contains(linkAttrs, a.Key) || (a.Key == "data" && n.Data != "object") {
				continue
			}
			if a.Key == "srcset" {
				for c := range strings.SplitSeq(a.Val, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						addRef(f[0])
					}
				}
				continue
			}
			addRef(a.Val)
		}
	}
	return out, nil
}

// sitemapURLs reads a sitemap or a sitemap index (following it), with the
// alternate-language links of every entry.
func sitemapURLs(f *siteFiles, rel string, seen map[string]bool) ([]string, error) {
	if seen[rel] {
		return nil, nil
	}
	seen[rel] = true
	data, err := os.ReadFile(filepath.Join(f.dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	var doc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc  string `xml:"loc"`
			Alts []struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"url"`
		Maps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	var out []string
	for _, u := range doc.URLs {
		out = append(out, u.Loc)
		for _, a := range u.Alts {
			out = append(out, a.Href)
		}
	}
	for _, m := range doc.Maps {
		out = append(out, m.Loc)
		if u, err := url.Parse(m.Loc); err == nil {
			if file := f.file(u.Path); file != "" {
				more, err := sitemapURLs(f, file, seen)
				if err != nil {
					return nil, err
				}
				out = append(out, more...)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s lists no URL", rel)
	}
	return out, nil
}

// Every internal href, src, srcset, poster and form action on every page,
// every url() of the style sheets and every URL of the sitemap resolves to a
// file of the built site, and every #fragment to an id in it.
func TestInternalLinks(t *testing.T) {
	s := built(t)
	base, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	f := &siteFiles{dir: s.Dir, ids: map[string]map[string]bool{}, errs: map[string]error{}}
	var refs []siteRef
	pages := s.files(t, ".html")
	for _, rel := range pages {
		data := testkit.Read(t, filepath.Join(s.Dir, rel))
		rs, err := htmlRefs(rel, []byte(data), base)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
		}
		refs = append(refs, rs...)
	}
	for _, rel := range s.files(t, ".css") {
		for _, fe := range origin.CSS(rel, testkit.Read(t, filepath.Join(s.Dir, rel))) {
			if strings.HasPrefix(fe.URL, "data:") || strings.HasPrefix(fe.URL, "#") {
				continue
			}
			u, err := base.ResolveReference(&url.URL{Path: "/" + rel}).Parse(fe.URL)
			if err == nil && u.Host != base.Host {
				continue
			}
			refs = append(refs, siteRef{rel, fe.URL, u})
		}
	}
	locs, err := sitemapURLs(f, "sitemap.xml", map[string]bool{})
	if err != nil {
		t.Errorf("sitemap: %v", err)
	}
	for _, loc := range locs {
		u, err := url.Parse(loc)
		if err == nil && u.Host != base.Host {
			t.Errorf("sitemap.xml: %s is not an absolute URL of the site (%s)", loc, s.URL)
			continue
		}
		refs = append(refs, siteRef{"sitemap.xml", loc, u})
	}

	// Report each broken URL once, with the files that hold it.
	broken := map[string][]string{}
	var order []string
	for _, r := range refs {
		why := "not a URL"
		if r.url != nil {
			why = f.check(r.url)
		}
		if why == "" {
			continue
		}
		k := r.raw + " (" + why + ")"
		if _, ok := broken[k]; !ok {
			order = append(order, k)
		}
		if fs := broken[k]; len(fs) == 0 || fs[len(fs)-1] != r.from {
			broken[k] = append(fs, r.from)
		}
	}
	for _, k := range order {
		fs, more := broken[k], ""
		if len(fs) > 5 {
			more = fmt.Sprintf(" and %d more", len(fs)-5)
			fs = fs[:5]
		}
		t.Errorf("broken link %s\n    in %s%s", k, strings.Join(fs, ", "), more)
	}
	if len(order) > 0 {
		t.Logf("%d broken of %d internal URLs in %d HTML files, the style sheets and the sitemap", len(order), len(refs), len(pages))
	}
	if len(refs) < len(pages) {
		t.Errorf("found only %d internal URLs in %d pages: the scanner is broken", len(refs), len(pages))
	}
}

// The link checker itself: what it counts as broken and as fine.
func TestLinkCheckerFindsBrokenLinks(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":       `<a href="a/">a</a><a href="a/#x">x</a><a href="a/#nope">nope</a><a href="gone/">gone</a><img src="/i.png" srcset="/i.png 1x, /missing.png 2x"><a href="https://elsewhere.example/x">out</a><a href="mailto:x@y">mail</a><a href="empty/">empty folder</a><a href="i.png/">file as folder</a>`,
		"a/index.html":     `<h2 id="x">X</h2><a name="legacy"></a><a href="../#top">top</a><a href="#legacy">legacy</a>`,
		"i.png":            "png",
		"empty/readme.txt": "no index",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base, _ := url.Parse("http://127.0.0.1:9/")
	f := &siteFiles{dir: dir, ids: map[string]map[string]bool{}, errs: map[string]error{}}
	var got []string
	for _, rel := range []string{"index.html", "a/index.html"} {
		rs, err := htmlRefs(rel, []byte(testkit.Read(t, filepath.Join(dir, rel))), base)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if why := f.check(r.url); why != "" {
				got = append(got, r.raw+": "+why)
			}
		}
	}
	want := []string{
		"a/#nope: no id=\"nope\" in a/index.html",
		"gone/: no such file",
		"/missing.png: no such file",
		"empty/: no such file",
		"i.png/: no such file",
		"../#top: no id=\"top\" in index.html",
	}
	if !slices.Equal(got, want) {
		t.Errorf("broken links found:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// robotsProblems says what a crawler would reject in a robots.txt: lines
// that are not "field: value" of a known field, rules before any
// User-agent, and a Sitemap that is not an absolute http(s) URL.
func robotsProblems(body string) (problems []string, sitemaps []string) {
	agent := false
	sc := bufio.NewScanner(strings.NewReader(body))
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		field, value, ok := strings.Cut(line, ":")
		field, value = strings.ToLower(strings.TrimSpace(field)), strings.TrimSpace(value)
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("line %d: %q is not \"field: value\"", n, line))
		case field == "user-agent":
			agent = true
		case field == "allow" || field == "disallow":
			if !agent {
				problems = append(problems, fmt.Sprintf("line %d: %s before any User-agent", n, field))
			}
			if value != "" && !strings.HasPrefix(value, "/") && !strings.HasPrefix(value, "*") {
				problems = append(problems, fmt.Sprintf("line %d: %s path %q does not start with /", n, field, value))
			}
		case field == "sitemap":
			u, err := url.Parse(value)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				problems = append(problems, fmt.Sprintf("line %d: Sitemap %q is not an absolute http(s) URL", n, value))
			}
			sitemaps = append(sitemaps, value)
		case field == "crawl-delay":
		default:
			problems = append(problems, fmt.Sprintf("line %d: unknown field %q", n, field))
		}
	}
	if !agent {
		problems = append(problems, "no User-agent line")
	}
	return problems, sitemaps
}

// robots.txt is valid whatever the base URL: with an absolute one it names
// the sitemap by its absolute URL, and with a relative one it leaves the
// Sitemap line out rather than write a relative URL.
func TestRobotsTxt(t *testing.T) {
	s := built(t)
	problems, maps := robotsProblems(testkit.Read(t, filepath.Join(s.Dir, "robots.txt")))
	for _, p := range problems {
		t.Errorf("robots.txt (base URL %s): %s", s.URL, p)
	}
	if want := s.URL + "sitemap.xml"; !slices.Equal(maps, []string{want}) {
		t.Errorf("robots.txt (base URL %s): Sitemap lines %q, want [%s]", s.URL, maps, want)
	}

	out := filepath.Join(t.TempDir(), "public")
	b, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := b.Build(ctx, pipeline.Options{Layout: layout.Resolve(layout.Flags{Project: s.Root, Out: out}), BaseURL: "/"}); err != nil {
		t.Fatal(err)
	}
	problems, _ = robotsProblems(testkit.Read(t, filepath.Join(out, "robots.txt")))
	for _, p := range problems {
		t.Errorf("robots.txt (base URL /): %s", p)
	}
}

func TestRobotsProblems(t *testing.T) {
	for _, tc := range []struct {
		body string
		bad  int
	}{
		{"User-agent: *\nAllow: /\nSitemap: https://x.example/sitemap.xml\n", 0},
		{"User-agent: *\nAllow: /\n", 0},
		{"User-agent: *\nAllow: /\nSitemap: /sitemap.xml\n", 1},
		{"Allow: /\n", 2},
		{"User-agent: *\nNoindex /\n", 1},
		{"User-agent: *\nDisallow: private\n", 1},
	} {
		if got, _ := robotsProblems(tc.body); len(got) != tc.bad {
			t.Errorf("%q: %d problems %q, want %d", tc.body, len(got), got, tc.bad)
		}
	}
}
