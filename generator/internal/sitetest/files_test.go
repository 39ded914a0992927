package sitetest

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// Every built page is valid HTML for the Nu HTML Checker.
func TestNuHTMLChecker(t *testing.T) {
	java := requireJava(t)
	s := site(t)
	jar := requireNodeFile(t, s.Root, "vnu-jar/build/dist/vnu.jar")
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, "-jar", jar, "--skip-non-html", "--errors-only", s.Dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		// Messages name files by file: URL; show them relative to the site.
		msgs := strings.ReplaceAll(stderr.String(), "file:"+filepath.ToSlash(s.Dir)+"/", "")
		t.Fatalf("vnu.jar: %v\n%s%s", err, msgs, stdout.String())
	}
}

// fetched is a URL the browser would load, and where it was found.
type fetched struct {
	where, url string
}

var (
	cssURL    = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)`)
	cssImport = regexp.MustCompile(`@import\s+(?:"([^"]*)"|'([^']*)')`)
	jsCall    = regexp.MustCompile(`\b(?:import|fetch|importScripts|sendBeacon|EventSource|WebSocket|Worker|SharedWorker|register)\s*\(\s*["'` + "`" + `]([^"'` + "`" + `]*)`)
	jsFrom    = regexp.MustCompile(`(?:\bfrom|\bimport)\s*["']([^"']+)["']`)
	jsOpen    = regexp.MustCompile(`\.open\(\s*["'][A-Za-z]+["']\s*,\s*["']([^"']*)`)
	jsSocket  = regexp.MustCompile(`["'` + "`" + `](wss?://[^"'` + "`" + `]*)`)
)

func cssFetches(where, css string) []fetched {
	var out []fetched
	for _, re := range []*regexp.Regexp{cssURL, cssImport} {
		for _, m := range re.FindAllStringSubmatch(css, -1) {
			out = append(out, fetched{where, strings.Join(m[1:], "")})
		}
	}
	return out
}

func jsFetches(where, js string) []fetched {
	var out []fetched
	for _, re := range []*regexp.Regexp{jsCall, jsFrom, jsOpen, jsSocket} {
		for _, m := range re.FindAllStringSubmatch(js, -1) {
			if f := (fetched{where, m[1]}); !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// linkFetches are the rel values of a <link> whose href the browser loads.
var linkFetches = []string{"stylesheet", "preload", "modulepreload", "prefetch", "prerender", "icon", "apple-touch-icon", "mask-icon", "manifest", "preconnect", "dns-prefetch"}

// htmlFetches lists what a page makes the browser fetch: src, srcset,
// poster, data, form actions, stylesheet/icon/preload links, and the URLs in
// inline CSS and scripts. A plain <a href> is not a fetch.
func htmlFetches(where, src string) []fetched {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return []fetched{{where, "(unparsable HTML: " + err.Error() + ")"}}
	}
	var out []fetched
	add := func(tag, attr, u string) {
		out = append(out, fetched{where + " <" + tag + " " + attr + ">", u})
	}
	for _, n := range (testkit.Doc{Root: doc}).All(func(*html.Node) bool { return true }) {
		for _, a := range n.Attr {
			key := a.Key
			switch {
			case key == "src" || key == "poster" || key == "background" || key == "action" || key == "formaction":
				add(n.Data, key, a.Val)
			case key == "data" && n.Data == "object":
				add(n.Data, key, a.Val)
			case key == "srcset" || key == "imagesrcset":
				for _, c := range strings.Split(a.Val, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						add(n.Data, key, f[0])
					}
				}
			case key == "href" && n.Data == "link":
				rels := strings.Fields(strings.ToLower(testkit.Attr(n, "rel")))
				if slices.ContainsFunc(rels, func(r string) bool { return slices.Contains(linkFetches, r) }) {
					add("link rel="+testkit.Attr(n, "rel"), key, a.Val)
				}
			case key == "href" && (n.Data == "image" || n.Data == "use" || n.Data == "feimage"): // also xlink:href
				add(n.Data, key, a.Val)
			case key == "style":
				out = append(out, cssFetches(where+" <"+n.Data+" style>", a.Val)...)
			}
		}
		if n.Data == "style" || n.Data == "script" {
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					b.WriteString(c.Data)
				}
			}
			if n.Data == "style" {
				out = append(out, cssFetches(where+" <style>", b.String())...)
			} else {
				out = append(out, jsFetches(where+" <script>", b.String())...)
			}
		}
	}
	return out
}

// foreign reports whether a fetched URL leaves the site's origin.
func foreign(raw, host string) bool {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.HasPrefix(raw, "data:") || strings.HasPrefix(raw, "blob:") || strings.HasPrefix(raw, "#") {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return true
	}
	if u.Scheme == "" && u.Host == "" {
		return false // relative to the page
	}
	return u.Host != host
}

// Nothing the site loads comes from another origin: no CDN, font service,
// analytics or embed. Plain links to other sites are fine.
func TestNoThirdPartyFetches(t *testing.T) {
	s := site(t)
	var all []fetched
	for _, rel := range s.files(t, ".html", ".css", ".js") {
		src := testkit.Read(t, filepath.Join(s.Dir, rel))
		switch path.Ext(rel) {
		case ".html":
			all = append(all, htmlFetches(rel, src)...)
		case ".css":
			all = append(all, cssFetches(rel, src)...)
		case ".js":
			all = append(all, jsFetches(rel, src)...)
		}
	}
	if len(all) == 0 {
		t.Fatal("found no fetched URL at all: the scan is broken")
	}
	for _, f := range all {
		if foreign(f.url, s.Host) {
			t.Errorf("%s loads %s from another origin", f.where, f.url)
		}
	}
}

// The scan above finds what it should and only that.
func TestFetchScanner(t *testing.T) {
	const host = "127.0.0.1:1"
	page := `<!doctype html><html><head>
<link rel=stylesheet href=https://cdn.example/a.css><link rel="preload icon" href="//fonts.example/f.woff2">
<link rel=canonical href=https://elsewhere.example/><link rel=icon href=/favicon.svg>
<style>body{background:url("https://img.example/bg.png")}</style>
<script src=http://127.0.0.1:1/js/ok.js></script><script>fetch('https://api.example/x')</script>
</head><body><a href=https://elsewhere.example/>fine</a>
<img src=https://img.example/i.png srcset="/a.png 1x, https://img.example/b.png 2x"><video poster=https://img.example/p.jpg></video>
<form action=https://forms.example/submit></form><div style="background:url(/local.png)"></div></body></html>`
	var got []string
	for _, f := range htmlFetches("t.html", page) {
		if foreign(f.url, host) {
			got = append(got, f.url)
		}
	}
	got = append(got, foreignOnly(cssFetches("t.css", `@import "https://css.example/x.css"; a{background:url(/ok.png)}`), host)...)
	got = append(got, foreignOnly(jsFetches("t.js", `import x from "https://esm.example/m.js"; fetch("/search/index.json"); new WebSocket("wss://ws.example/");`), host)...)
	want := []string{
		"https://cdn.example/a.css", "//fonts.example/f.woff2", "https://img.example/bg.png", "https://api.example/x",
		"https://img.example/i.png", "https://img.example/b.png", "https://img.example/p.jpg", "https://forms.example/submit",
		"https://css.example/x.css", "https://esm.example/m.js", "wss://ws.example/",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("foreign fetches found:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func foreignOnly(fs []fetched, host string) []string {
	var out []string
	for _, f := range fs {
		if foreign(f.url, host) {
			out = append(out, f.url)
		}
	}
	return out
}

// gzipSize is the size of data gzipped at the best compression.
func gzipSize(t testing.TB, data []byte) int {
	t.Helper()
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

const (
	pageBudget  = 40 * 1024 // gzipped HTML + its CSS and JS, per page
	indexBudget = 0.25      // gzipped search index / gzipped HTML of all pages
)

// Each page, with the CSS and JS it loads, stays under 40 KB gzipped; the
// search index stays under a quarter of all the pages' gzipped HTML.
func TestBudgets(t *testing.T) {
	s := site(t)
	gz := map[string]int{} // site path -> gzipped size
	sizeOf := func(rel string) (int, error) {
		if n, ok := gz[rel]; ok {
			return n, nil
		}
		data, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(rel)))
		if err != nil {
			return 0, err
		}
		gz[rel] = gzipSize(t, data)
		return gz[rel], nil
	}
	index := searchIndex(t, s)

	type weight struct {
		page       string
		html, deps int
	}
	var pages []weight
	totalHTML := 0
	for _, rel := range s.files(t, ".html") {
		if rel != "404.html" && path.Base(rel) != "index.html" {
			continue
		}
		htmlGz, err := sizeOf(rel)
		if err != nil {
			t.Fatal(err)
		}
		totalHTML += htmlGz
		w := weight{page: rel, html: htmlGz}
		for _, dep := range pageAssets(testkit.Read(t, filepath.Join(s.Dir, rel)), s.Host) {
			if dep == index {
				continue
			}
			n, err := sizeOf(dep)
			if err != nil {
				t.Errorf("%s: loads %s, which is not in the site: %v", rel, dep, err)
				continue
			}
			w.deps += n
		}
		pages = append(pages, w)
	}
	slices.SortFunc(pages, func(a, b weight) int { return (b.html + b.deps) - (a.html + a.deps) })
	for i, w := range pages {
		if i < 3 {
			t.Logf("heaviest: %s %.1f KB (HTML %.1f KB + CSS/JS %.1f KB, gzipped)", w.page, kib(w.html+w.deps), kib(w.html), kib(w.deps))
		}
		if w.html+w.deps > pageBudget {
			t.Errorf("%s: %.1f KB gzipped (HTML %.1f KB + CSS/JS %.1f KB), budget %.0f KB", w.page, kib(w.html+w.deps), kib(w.html), kib(w.deps), kib(pageBudget))
		}
	}

	if index == "" {
		return // searchIndex reported it
	}
	n, err := sizeOf(index)
	if err != nil {
		t.Fatalf("search index %s: %v", index, err)
	}
	limit := indexBudget * float64(totalHTML)
	t.Logf("search index %s: %.1f KB gzipped; all pages' HTML %.1f KB gzipped; limit %.1f KB", index, kib(n), kib(totalHTML), limit/1024)
	if float64(n) > limit {
		t.Errorf("search index %s is %.1f KB gzipped, more than %.0f%% of the %.1f KB of all pages' gzipped HTML (%.1f KB)",
			index, kib(n), indexBudget*100, kib(totalHTML), limit/1024)
	}
}

func kib(n int) float64 { return float64(n) / 1024 }

// pageAssets lists the site paths of the stylesheets and scripts a page
// loads through <link rel=stylesheet> and <script src>.
func pageAssets(src, host string) []string {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil
	}
	var out []string
	for _, n := range (testkit.Doc{Root: doc}).All(func(n *html.Node) bool { return n.Data == "link" || n.Data == "script" }) {
		var ref string
		switch {
		case n.Data == "script":
			ref = testkit.Attr(n, "src")
		case slices.Contains(strings.Fields(strings.ToLower(testkit.Attr(n, "rel"))), "stylesheet"):
			ref = testkit.Attr(n, "href")
		}
		if p, ok := sitePath(ref, host); ok && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// sitePath turns a root-relative or same-origin URL into a path in the built
// site.
func sitePath(ref, host string) (string, bool) {
	if ref == "" {
		return "", false
	}
	u, err := url.Parse(ref)
	if err != nil || (u.Host != "" && u.Host != host) || !strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	p := strings.TrimPrefix(path.Clean(u.Path), "/")
	if strings.HasSuffix(u.Path, "/") {
		p = path.Join(p, "index.html")
	}
	return p, true
}

// searchIndex finds the file the search page loads: the URL in a data-index
// attribute or a .json URL in the search page or its scripts, else
// search/index.json. It fails the test when there is none.
func searchIndex(t *testing.T, s *builtSite) string {
	t.Helper()
	const page = "search/index.html"
	var candidates []string
	if src, err := os.ReadFile(filepath.Join(s.Dir, page)); err == nil {
		doc := testkit.ParseHTML(t, string(src))
		for _, n := range doc.All(func(*html.Node) bool { return true }) {
			for _, a := range n.Attr {
				if a.Key == "data-index" || strings.HasSuffix(strings.SplitN(a.Val, "?", 2)[0], ".json") {
					candidates = append(candidates, a.Val)
				}
			}
		}
		jsonRef := regexp.MustCompile(`["'` + "`" + `]([^"'` + "`" + `\s]+\.json)(?:\?[^"'` + "`" + `]*)?["'` + "`" + `]`)
		for _, js := range pageAssets(string(src), s.Host) {
			if data, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(js))); err == nil {
				for _, m := range jsonRef.FindAllStringSubmatch(string(data), -1) {
					candidates = append(candidates, m[1])
				}
			}
		}
	}
	candidates = append(candidates, "/search/index.json")
	for _, c := range candidates {
		if !strings.HasPrefix(c, "/") && !strings.Contains(c, "://") {
			c = "/search/" + c // relative to the search page
		}
		p, ok := sitePath(c, s.Host)
		if !ok {
			continue
		}
		if fi, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(p))); err == nil && !fi.IsDir() {
			return p
		}
	}
	t.Errorf("no search index: %s names none that exists (looked for %s); the search page must load its index from a file in the site",
		page, strings.Join(append([]string(nil), candidates...), ", "))
	return ""
}
