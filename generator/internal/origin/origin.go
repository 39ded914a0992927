// Package origin finds what a page, stylesheet or script makes the browser
// fetch, and whether it leaves the site's origin. The site tests and the
// render fuzzer share it.
package origin

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Fetch is a URL the browser would load, and where it was found.
type Fetch struct {
	Where, URL string
}

var (
	cssURL    = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)`)
	cssImport = regexp.MustCompile(`@import\s+(?:"([^"]*)"|'([^']*)')`)
	jsCall    = regexp.MustCompile(`\b(?:import|fetch|importScripts|sendBeacon|EventSource|WebSocket|Worker|SharedWorker|register)\s*\(\s*["'` + "`" + `]([^"'` + "`" + `]*)`)
	jsFrom    = regexp.MustCompile(`(?:\bfrom|\bimport)\s*["']([^"']+)["']`)
	jsOpen    = regexp.MustCompile(`\.open\(\s*["'][A-Za-z]+["']\s*,\s*["']([^"']*)`)
	jsSocket  = regexp.MustCompile(`["'` + "`" + `](wss?://[^"'` + "`" + `]*)`)
)

// CSS lists the URLs a stylesheet loads: url() and @import.
func CSS(where, css string) []Fetch {
	var out []Fetch
	for _, re := range []*regexp.Regexp{cssURL, cssImport} {
		for _, m := range re.FindAllStringSubmatch(css, -1) {
			out = append(out, Fetch{where, strings.Join(m[1:], "")})
		}
	}
	return out
}

// JS lists the URLs a script loads: imports, fetch, workers, sockets.
func JS(where, js string) []Fetch {
	var out []Fetch
	for _, re := range []*regexp.Regexp{jsCall, jsFrom, jsOpen, jsSocket} {
		for _, m := range re.FindAllStringSubmatch(js, -1) {
			if f := (Fetch{where, m[1]}); !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// linkFetches are the rel values of a <link> whose href the browser loads.
var linkFetches = []string{"stylesheet", "preload", "modulepreload", "prefetch", "prerender", "icon", "apple-touch-icon", "mask-icon", "manifest", "preconnect", "dns-prefetch"}

// HTML lists what a page makes the browser fetch: src, srcset,
// poster, data, form actions, stylesheet/icon/preload links, and the URLs in
// inline CSS and scripts. A plain <a href> is not a fetch.
func HTML(where, src string) []Fetch {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return []Fetch{{where, "(unparsable HTML: " + err.Error() + ")"}}
	}
	var out []Fetch
	add := func(tag, attr, u string) {
		out = append(out, Fetch{where + " <" + tag + " " + attr + ">", u})
	}
	for _, n := range elements(doc) {
		for _, a := range n.Attr {
			key := a.Key
			switch {
			case key == "src" || key == "poster" || key == "background" || key == "action" || key == "formaction" || key == "ping":
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
				rels := strings.Fields(strings.ToLower(attr(n, "rel")))
				if slices.ContainsFunc(rels, func(r string) bool { return slices.Contains(linkFetches, r) }) {
					add("link rel="+attr(n, "rel"), key, a.Val)
				}
			case key == "href" && (n.Data == "image" || n.Data == "use" || n.Data == "feimage"): // also xlink:href
				add(n.Data, key, a.Val)
			case key == "content" && n.Data == "meta" && strings.EqualFold(attr(n, "http-equiv"), "refresh"):
				if _, u, ok := strings.Cut(a.Val, "="); ok && strings.Contains(strings.ToLower(a.Val), "url=") {
					add(n.Data, "refresh", strings.Trim(strings.TrimSpace(u), `'"`))
				}
			case key == "style":
				out = append(out, CSS(where+" <"+n.Data+" style>", a.Val)...)
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
				out = append(out, CSS(where+" <style>", b.String())...)
			} else {
				out = append(out, JS(where+" <script>", b.String())...)
			}
		}
	}
	return out
}

// Foreign reports whether a fetched URL leaves the site's origin.
// Browsers read a backslash as a slash and drop tabs and newlines, so
// "/\\host/x" is read as "//host/x".
func Foreign(raw, host string) bool {
	raw = strings.NewReplacer("\\", "/", "\t", "", "\n", "", "\r", "").Replace(strings.TrimSpace(raw))
	if raw == "" || strings.HasPrefix(raw, "data:") || strings.HasPrefix(raw, "blob:") || strings.HasPrefix(raw, "#") {
		return false
	}
	if strings.HasPrefix(raw, "//") { // and "///host": browsers skip extra slashes
		raw = "//" + strings.TrimLeft(raw, "/")
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

// elements returns every element below n in document order.
func elements(n *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// embedders show or base the page on another document.
var embedders = []string{"iframe", "frame", "frameset", "object", "embed", "portal", "applet", "base"}

// Problems lists what in a page would reach another origin than host: a
// fetched URL on another origin, an element that embeds another document,
// and a link that opens a new tab without rel="noopener noreferrer".
func Problems(where, src, host string) []string {
	var out []string
	for _, f := range HTML(where, src) {
		if Foreign(f.URL, host) {
			out = append(out, f.Where+" loads "+f.URL)
		}
	}
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return append(out, where+": unparsable HTML")
	}
	for _, n := range elements(doc) {
		if slices.Contains(embedders, n.Data) {
			out = append(out, where+" has an <"+n.Data+"> element")
		}
		if target := attr(n, "target"); (n.Data == "a" || n.Data == "area" || n.Data == "form") && target != "" && target != "_self" {
			rel := strings.Fields(strings.ToLower(attr(n, "rel")))
			if !slices.Contains(rel, "noopener") || !slices.Contains(rel, "noreferrer") {
				out = append(out, where+" <"+n.Data+" target="+target+"> without rel=\"noopener noreferrer\"")
			}
		}
	}
	return out
}
