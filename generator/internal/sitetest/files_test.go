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

	"github.com/product-roles/handbook/generator/internal/origin"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// Every built page is valid HTML for the Nu HTML Checker.
func TestNuHTMLChecker(t *testing.T) {
	java := requireJava(t)
	s := built(t)
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

// Nothing the site loads comes from another origin: no CDN, font service,
// analytics or embed. Plain links to other sites are fine.
func TestNoThirdPartyFetches(t *testing.T) {
	s := built(t)
	var all []origin.Fetch
	for _, rel := range s.files(t, ".html", ".css", ".js") {
		src := testkit.Read(t, filepath.Join(s.Dir, rel))
		switch path.Ext(rel) {
		case ".html":
			all = append(all, origin.HTML(rel, src)...)
		case ".css":
			all = append(all, origin.CSS(rel, src)...)
		case ".js":
			all = append(all, origin.JS(rel, src)...)
		}
	}
	if len(all) == 0 {
		t.Fatal("found no fetched URL at all: the scan is broken")
	}
	for _, f := range all {
		if origin.Foreign(f.URL, s.Host) {
			t.Errorf("%s loads %s from another origin", f.Where, f.URL)
		}
	}
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
	s := built(t)
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
