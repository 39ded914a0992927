package origin

import (
	"slices"
	"strings"
	"testing"
)

// The scan finds what it should and only that.
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
	for _, f := range HTML("t.html", page) {
		if Foreign(f.URL, host) {
			got = append(got, f.URL)
		}
	}
	got = append(got, foreignOnly(CSS("t.css", `@import "https://css.example/x.css"; a{background:url(/ok.png)}`), host)...)
	got = append(got, foreignOnly(JS("t.js", `import x from "https://esm.example/m.js"; fetch("/search/index.json"); new WebSocket("wss://ws.example/");`), host)...)
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

func foreignOnly(fs []Fetch, host string) []string {
	var out []string
	for _, f := range fs {
		if Foreign(f.URL, host) {
			out = append(out, f.URL)
		}
	}
	return out
}

// Problems adds embedded documents and new-tab links without
// rel="noopener noreferrer" to the foreign fetches.
func TestProblems(t *testing.T) {
	const host = "handbook.example"
	page := `<!doctype html><html><head><base href=/><meta http-equiv=refresh content="0; url=https://evil.example/"></head><body>
<a href=https://elsewhere.example/>fine</a><a href=https://elsewhere.example/ target=_blank rel="noopener noreferrer">fine</a>
<a href=https://elsewhere.example/ target=_blank rel=noopener>bad</a><a href=/x/ target=_self>fine</a>
<a href=https://elsewhere.example/ ping=https://track.example/>bad</a>
<img src="/\evil.example/b.png"><img src="///evil.example/c.png"><img src="/&#9;/evil.example/t.png">
<iframe src=/local.html></iframe><object data=/x.svg></object><img src=https://handbook.example/ok.png></body></html>`
	got := Problems("t.html", page, host)
	want := []string{
		"t.html <meta refresh> loads https://evil.example/",
		"t.html <a ping> loads https://track.example/",
		"t.html has an <base> element",
		"t.html <a target=_blank> without rel=\"noopener noreferrer\"",
		"t.html has an <iframe> element",
		"t.html <img src> loads /\\evil.example/b.png",
		"t.html <img src> loads ///evil.example/c.png",
		"t.html <img src> loads /\t/evil.example/t.png",
		"t.html has an <object> element",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
