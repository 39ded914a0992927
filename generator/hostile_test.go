package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// hostileCases are content that would make a reader's browser, or the
// build, reach another origin, or run one of Hugo's templates. Each
// replaces "real prose" on line 12 of the fixture's duties/pricing.md.
var hostileCases = []struct {
	name, text string
	at         string // line:col of the error
	want       string // the message
}{
	{"markdown image to another origin", "![pixel](https://evil.example/p.png)", "12:53", `image "https://evil.example/p.png" is not a file of the site`},
	{"image over plain http", "![pixel](http://evil.example/p.png)", "12:53", `image "http://evil.example/p.png" is not a file of the site`},
	{"protocol-relative image", "![pixel](//evil.example/p.png)", "12:53", `image "//evil.example/p.png" is not a file of the site`},
	{"reference-style image", "![pixel][p]\n\n[p]: https://evil.example/p.png\n\nAnd", "12:53", `image "https://evil.example/p.png" is not a file of the site`},
	{"image in a footnote", "real prose[^1]\n\n[^1]: ![pixel](https://evil.example/p.png)", "14:9", `image "https://evil.example/p.png" is not a file of the site`},
	{"image in a table", "real prose\n\n| a |\n| - |\n| ![pixel](https://evil.example/p.png) |", "16:5", `image "https://evil.example/p.png" is not a file of the site`},
	{"figure", `{{< figure src="https://evil.example/f.png" >}}`, "12:51", `shortcode {{< figure is not allowed`},
	{"youtube", `{{< youtube dQw4w9WgXcQ >}}`, "12:51", `shortcode {{< youtube is not allowed`},
	{"youtube with %", `{{% youtube dQw4w9WgXcQ %}}`, "12:51", `shortcode {{% youtube is not allowed`},
	{"vimeo", `{{< vimeo 123 >}}`, "12:51", `shortcode {{< vimeo is not allowed`},
	{"x", `{{< x user="someone" id="1" >}}`, "12:51", `shortcode {{< x is not allowed`},
	{"param", `{{< param "description" >}}`, "12:51", `shortcode {{< param is not allowed`},
	{"gist", `{{< gist someone 123 >}}`, "12:51", `shortcode {{< gist is not allowed`},
	{"instagram", `{{< instagram abc >}}`, "12:51", `shortcode {{< instagram is not allowed`},
	{"ref to a missing page", `[real prose]({{< ref "nope.md" >}})`, "12:64", `shortcode {{< ref is not allowed`},
	{"shortcode in a code block", "real prose\n\n```\n{{< youtube x >}}\n```", "15:1", `shortcode {{< youtube is not allowed`},
	{"raw iframe", "real prose\n\n<iframe src=\"https://evil.example/\"></iframe>", "14:1", `raw HTML <iframe> is not allowed`},
	{"raw inline img", `<img src="https://evil.example/p.png">`, "12:51", `raw HTML <img> is not allowed`},
	{"raw video", "real prose\n\n<video src=\"https://evil.example/v.mp4\" poster=\"https://evil.example/p.png\"></video>", "14:1", `raw HTML <video> is not allowed`},
	{"raw img with srcset", `<img srcset="https://evil.example/p.png 2x" src="/favicon.svg">`, "12:51", `raw HTML <img> is not allowed`},
	{"raw style with url()", "real prose\n\n<style>body{background:url(https://evil.example/p.png)}</style>", "14:1", `raw HTML <style> is not allowed`},
	{"raw inline style attribute", `<span style="background:url(https://evil.example/p.png)">x</span>`, "12:51", `raw HTML <span> is not allowed`},
	{"raw link stylesheet", "real prose\n\n<link rel=\"stylesheet\" href=\"https://evil.example/s.css\">", "14:1", `raw HTML <link> is not allowed`},
}

// Each hostile input fails check and build with exit status 1, the exact
// file:line:col, the message and a hint, and the previous public/ is left
// byte for byte as it was.
func TestHostileContentFailsCheckAndBuild(t *testing.T) {
	dir := fixture(t)
	out := filepath.Join(dir, "public")
	if code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out); code != 0 {
		t.Fatalf("first build: %d\n%s", code, stderr)
	}
	before := testkit.Snapshot(t, out)
	file := filepath.Join(dir, "content", "duties", "pricing.md")
	original := testkit.Read(t, file)
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			testkit.Write(t, file, strings.Replace(original, "real prose", tc.text, 1))
			defer testkit.Write(t, file, original)
			want := regexp.MustCompile(`(?m)^content/duties/pricing\.md:` + tc.at + `: error: ` + regexp.QuoteMeta(tc.want) + `.*\n    hint: \S.*\n`)
			for _, args := range [][]string{{"check", "--project", dir}, {"build", "--project", dir, "--out", out}} {
				code, stdout, stderr := runCLI(t, nil, args...)
				if code != 1 || !want.MatchString(stderr) {
					t.Errorf("%s: exit %d, want 1 and %s in:\n%s%s", args[0], code, want, stdout, stderr)
				}
			}
			if after := testkit.Snapshot(t, out); !maps.Equal(before, after) {
				for k := range after {
					if before[k] != after[k] {
						t.Errorf("public/%s changed", k)
					}
				}
				t.Errorf("public/ changed: %d files before, %d after", len(before), len(after))
			}
		})
	}
}

// A fork's content gets the same rules as upstream content.
func TestHostileOverlayContentFails(t *testing.T) {
	dir := fixture(t)
	original := testkit.Read(t, filepath.Join(dir, "content", "duties", "pricing.md"))
	testkit.Write(t, filepath.Join(dir, "company", "content", "duties", "pricing.md"),
		strings.Replace(original, "real prose", "{{< youtube x >}} ![p](https://evil.example/p.png)", 1))
	code, _, stderr := runCLI(t, nil, "check", "--project", dir)
	for _, want := range []string{
		"company/content/duties/pricing.md:12:51: error: shortcode {{< youtube is not allowed",
		`company/content/duties/pricing.md:12:71: error: image "https://evil.example/p.png" is not a file of the site`,
	} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, want 1 and %q in:\n%s", code, want, stderr)
		}
	}
}

// check --links lists every external link by domain; in a pull request,
// check --format github adds a notice for each domain that no content
// linked to at the merge base (origin/$GITHUB_BASE_REF), once per domain,
// and the exit status stays 0.
func TestNewExternalDomainsAreAnnotated(t *testing.T) {
	dir := fixture(t)
	file := filepath.Join(dir, "content", "duties", "pricing.md")
	original := testkit.Read(t, file)
	testkit.Write(t, file, strings.Replace(original, "real prose", "[real prose](https://www.known.example/a)", 1))
	gitc := func(args ...string) {
		git(t, dir, append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	}
	gitc("init", "-q", "-b", "main")
	gitc("add", "-A")
	gitc("commit", "-q", "-m", "base")
	gitc("update-ref", "refs/remotes/origin/main", "HEAD")
	gitc("checkout", "-q", "-b", "pr")
	testkit.Write(t, file, strings.Replace(original, "real prose", "[real prose](https://known.example/b), [new](https://new.example/x), [again](https://new.example/y)\n\nSee www.other.example", 1))
	gitc("commit", "-q", "-am", "pr")

	code, stdout, stderr := runCLI(t, map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_BASE_REF": "main"}, "check", "--project", dir, "--links")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	notices := regexp.MustCompile(`(?m)^::notice .*$`).FindAllString(stderr, -1)
	want := []string{
		"::notice file=content/duties/pricing.md,line=12,col=91,title=new external domain::new external domain new.example: no page linked to it at ",
		"::notice file=content/duties/pricing.md,line=14,col=1,title=new external domain::new external domain other.example: no page linked to it at ",
	}
	if len(notices) != len(want) {
		t.Fatalf("notices:\n%s\nwant %d", stderr, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(notices[i], w) {
			t.Errorf("got  %s\nwant %s...", notices[i], w)
		}
	}
	for _, w := range []string{"external links: 4 to 3 domains\n", "  known.example ", "content/duties/pricing.md:12:52 https://known.example/b\n", "  new.example "} {
		if !strings.Contains(stdout, w) {
			t.Errorf("link report lacks %q:\n%s", w, stdout)
		}
	}
	// An unknown base is a message, not a failure.
	code, _, stderr = runCLI(t, nil, "check", "--project", dir, "--base", "nope")
	if code != 0 || !strings.Contains(stderr, "cannot compare external links with nope") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
}

// Hostile fork settings and overlay files: each fails check at its line
// (exit 1) with the reason, and nothing of it reaches a page.
func TestHostileCompanySettings(t *testing.T) {
	svg := func(inner string) string {
		return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` + inner + `<rect width="10" height="10" fill="url(#g)"/></svg>`
	}
	for _, c := range []struct {
		name, toml string
		files      map[string]string // more files of the overlay
		link       [2]string         // a symbolic link in the overlay: path, target
		want       string
	}{
		{"logo path traversal", `logo = "../../../../etc/passwd"`, nil, [2]string{}, `company/company.toml:1:1: error: logo "../../../../etc/passwd" is not a path inside static/`},
		{"absolute logo", `logo = "/etc/passwd"`, nil, [2]string{}, `company/company.toml:1:1: error: logo "/etc/passwd" is not a path inside static/`},
		{"SVG logo with a script", `logo = "logo.svg"`, map[string]string{"static/logo.svg": svg(`<script>alert(1)</script>`)}, [2]string{}, `logo "logo.svg" holds "<script"`},
		{"SVG logo with an event handler", `logo = "logo.svg"`, map[string]string{"static/logo.svg": svg(`<rect onload="alert(1)"/>`)}, [2]string{}, `logo "logo.svg" holds "onload="`},
		{"SVG logo with an external href", `logo = "logo.svg"`, map[string]string{"static/logo.svg": svg(`<image href="https://evil.example/p.png"/>`)}, [2]string{}, `logo "logo.svg" holds "href=\"h"`},
		{"colour carrying CSS", `[colors]` + "\n" + `accent = "red;}</style><script>alert(1)</script>"`, nil, [2]string{}, `company/company.toml:2:1: error: colors.accent "red;}</style><script>alert(1)</script>" is not a colour`},
		{"overlay file that is a link out of the tree", ``, nil, [2]string{"content/duties/passwd.md", "/etc/passwd"}, `company/content/duties/passwd.md:1:1: error: symbolic links are not allowed in the content folder`},
		{"id with ../", `hide = ["../../etc/passwd"]`, nil, [2]string{}, `company/company.toml:1:1: error:`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := fixture(t)
			testkit.Write(t, filepath.Join(dir, "company", "company.toml"), c.toml+"\n")
			for name, data := range c.files {
				testkit.Write(t, filepath.Join(dir, "company", filepath.FromSlash(name)), data)
			}
			if c.link[0] != "" {
				link := filepath.Join(dir, "company", filepath.FromSlash(c.link[0]))
				testkit.Write(t, link, "")
				if err := os.Remove(link); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(c.link[1], link); err != nil {
					t.Fatal(err)
				}
			}
			code, _, stderr := runCLI(t, nil, "check", "--project", dir)
			if code != 1 || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "root:") {
				t.Errorf("exit %d, want 1 and %q in:\n%s", code, c.want, stderr)
			}
		})
	}
}

// An organisation's name and titles holding HTML, </script>, quotes and
// newlines are text: escaped in every page, and valid JSON, the same text
// read back, in the search index (where no "</script" can end a script).
func TestHostileTextIsEscaped(t *testing.T) {
	dir := fixture(t)
	testkit.Write(t, filepath.Join(dir, "company", "company.toml"), `organisation = "<b onmouseover=alert(1)>Evil</b>"`+"\n"+`logo = "logo.png"`+"\n")
	testkit.Write(t, filepath.Join(dir, "company", "static", "logo.png"), "\x89PNG\r\n\x1a\n0000")
	file := filepath.Join(dir, "content", "duties", "pricing.md")
	title := "Pricing </script><script>alert(\"x\")</script> 'q'\nsecond line"
	testkit.Write(t, file, strings.Replace(testkit.Read(t, file), "title: Pricing\n", "title: "+strconv.Quote(title)+"\n", 1))
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	site := testkit.Snapshot(t, out)
	// Parsed as a browser does: the title stays text or an attribute's
	// value; no page gains a script of its own.
	for name, data := range site {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, s := range testkit.ParseHTML(t, data).All(testkit.Tag("script")) {
			if testkit.Attr(s, "src") == "" || strings.Contains(testkit.Text(s), "alert") {
				t.Errorf("%s has an inline script: the title's markup was not escaped", name)
			}
		}
	}
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") } // HTML shows a newline as a space
	if !strings.Contains(words(testkit.Text(testkit.ParseHTML(t, site["duties/pricing/index.html"]).All(testkit.Tag("h1"))[0])), words(title)) {
		t.Error("the duty's heading does not show the title as text")
	}
	// The name is the logo's alt text: an attribute value, never markup.
	doc := testkit.ParseHTML(t, site["index.html"])
	if imgs := doc.All(testkit.Tag("img")); len(imgs) == 0 || testkit.Attr(imgs[0], "alt") != "<b onmouseover=alert(1)>Evil</b>" {
		t.Error("the organisation's name is not the logo's alt text")
	}
	if len(doc.All(testkit.Tag("b"))) != 0 {
		t.Error("the organisation's name became an element")
	}
	index := site["search/index.json"]
	if strings.Contains(strings.ToLower(index), "</script") {
		t.Error("the search index holds </script")
	}
	var ix any
	if err := json.Unmarshal([]byte(index), &ix); err != nil {
		t.Fatalf("the search index is not JSON: %v", err)
	}
	if !strings.Contains(fmt.Sprint(ix), title) {
		t.Error("the search index does not hold the title as it was written")
	}
}

// Text that shows a reviewer something else than what is published, and
// ids that look alike: each an error at its place, exit 1.
func TestHostileInvisibleTextAndLookalikeIDs(t *testing.T) {
	for _, c := range []struct {
		name, file, text, want string
	}{
		{"right-to-left override in a title", "duties/pricing.md", "---\ntitle: \"Pricing \u202Egnicirp\"\n", "content/duties/pricing.md:2:17: error: the text holds U+202E"},
		{"zero-width space in a title", "duties/pricing.md", "---\ntitle: Pri\u200Bcing\n", "content/duties/pricing.md:2:11: error: the text holds U+200B"},
		{"isolate in the body", "duties/pricing.md", "", "content/duties/pricing.md:12:"},
		{"zero-width space in an id", "duties/pri\u200Bcing.md", "", `is not a valid id`},
		{"id that looks like another (Cyrillic і)", "duties/pr\u0456cing.md", "", "\"pr\u0456cing\" is not a valid id"},
		{"bidi override in an id", "duties/\u202Egnicirp.md", "", `is not a valid id`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := fixture(t)
			original := testkit.Read(t, filepath.Join(dir, "content", "duties", "pricing.md"))
			data := strings.Replace(original, "---\ntitle: Pricing\n", c.text, 1)
			if c.text == "" && c.file == "duties/pricing.md" {
				data = strings.Replace(original, "real prose", "real \u2067prose\u2069", 1)
			}
			testkit.Write(t, filepath.Join(dir, "content", filepath.FromSlash(c.file)), data)
			code, _, stderr := runCLI(t, nil, "check", "--project", dir)
			if code != 1 || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, want 1 and %q in:\n%s", code, c.want, stderr)
			}
		})
	}
}

// Issue 32, 5: no HUGO_* variable reaches Hugo, so a hosting platform's
// environment (Netlify sites often set them) cannot change the site: the
// base URL comes from --base-url and handbook.toml only. Built in a child
// process, because Hugo ignores the environment inside a test binary's
// own process; the site must be byte for byte the one built without them.
func TestEnvironmentDoesNotReachHugo(t *testing.T) {
	dir := fixture(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	build := func(out string, env ...string) map[string]string {
		t.Helper()
		cmd := exec.Command(exe, "build", "--project", dir, "--out", out, "--base-url", "https://good.example/")
		cmd.Env = append(append(os.Environ(), childEnv+"=1"), env...)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build with %v: %v\n%s", env, err, b)
		}
		return testkit.Snapshot(t, out)
	}
	clean := build(filepath.Join(t.TempDir(), "clean"))
	hostile := build(filepath.Join(t.TempDir(), "hostile"),
		"HUGO_BASEURL=https://evil.example/", "HUGO_TITLE=Evil title", "HUGO_PARAMS_DESCRIPTION=Evil description",
		"HUGO_PARAMS_ORGANISATION=Evil Corp", "HUGO_ENVIRONMENT=development", "HUGO_ENV=development",
		"HUGO_MINIFY=false", "HUGO_DISABLEKINDS=page", "HUGOxPARAMSxREPO_URL=https://evil.example/repo")
	if !strings.Contains(clean["index.html"], "https://good.example/") {
		t.Fatal("the clean build does not carry --base-url")
	}
	for name, data := range hostile {
		if strings.Contains(data, "evil.example") || strings.Contains(data, "Evil") {
			t.Errorf("%s carries a value from the environment", name)
		}
		if clean[name] != data {
			t.Errorf("%s differs from the build without HUGO_* variables", name)
		}
	}
	if len(hostile) != len(clean) {
		t.Errorf("%d files with HUGO_* variables, %d without", len(hostile), len(clean))
	}
}

// exportCases are front matter values that try to become Markdown in the
// exports: each is written into duties/pricing.md's title or summary.
var exportCases = []struct{ name, field, value string }{
	{"newline and a list item in a title", "title", "Pricing\n- fake item"},
	{"raw HTML in a title", "title", `Pricing <img src=x onerror=alert(1)>`},
	{"javascript link in a title", "title", "Pricing [click](javascript:alert(1))"},
	{"image in a summary", "summary", "Setting the price ![pixel](https://evil.example/p.png)"},
	{"heading and HTML block in a summary", "summary", "Setting the price\n# Fake heading\n<script>alert(1)</script>"},
	{"table cell break in a summary", "summary", "Setting | the | price"},
	{"setext underline after a newline", "summary", "Setting the price\n======="},
}

// Issue 32, 6: titles and summaries are single-line plain text in
// /handbook.md, /de/handbook.md and /llms.txt (the HTML escaped them
// already): parsed as Markdown, no export holds raw HTML, a link or image
// that content did not write as one, a heading or a list item made from
// a title.
func TestHostileExportsAreInert(t *testing.T) {
	for _, c := range exportCases {
		t.Run(c.name, func(t *testing.T) {
			dir := fixture(t)
			file := filepath.Join(dir, "content", "duties", "pricing.md")
			src := testkit.Read(t, file)
			switch c.field {
			case "title":
				src = strings.Replace(src, "title: Pricing\n", "title: "+strconv.Quote(c.value)+"\n", 1)
			default:
				src = strings.Replace(src, "summary: Setting the price.\n", "summary: "+strconv.Quote(c.value)+"\n", 1)
			}
			testkit.Write(t, file, src)
			out := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out); code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			md := goldmark.New(goldmark.WithExtensions(extension.GFM))
			for _, name := range []string{"handbook.md", "de/handbook.md", "llms.txt"} {
				data := []byte(testkit.Read(t, filepath.Join(out, filepath.FromSlash(name))))
				doc := md.Parser().Parse(text.NewReader(data))
				_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
					if !entering {
						return ast.WalkContinue, nil
					}
					switch n := n.(type) {
					case *ast.RawHTML, *ast.HTMLBlock:
						t.Errorf("%s holds raw HTML", name)
					case *ast.Link:
						if d := string(n.Destination); strings.Contains(d, "javascript:") || strings.Contains(d, "evil.example") {
							t.Errorf("%s holds a link to %s", name, d)
						}
					case *ast.Image:
						t.Errorf("%s holds an image of %s", name, n.Destination)
					case *ast.ListItem, *ast.Heading:
						// A node of its own made from the value's second line.
						if s := string(n.Text(data)); strings.HasPrefix(s, "fake item") || strings.HasPrefix(s, "Fake heading") || s == "Setting the price" {
							t.Errorf("%s turns the %s into a %s: %q", name, c.field, n.Kind(), s)
						}
					}
					return ast.WalkContinue, nil
				})
				if !strings.Contains(string(data), "Pricing") && c.field == "title" {
					t.Errorf("%s lost the title", name)
				}
			}
		})
	}
}

// Issue 32, 7: an alias (an old URL that Hugo turns into a redirect page)
// may not take the place of the home page, a page, a folder the build
// writes itself or a language's home, nor name another site; each is an
// error at its file:line in check and in build (which stops before Hugo,
// so Hugo's own message without a line never shows), and public/ is not
// written.
func TestHostileAliases(t *testing.T) {
	for _, c := range []struct{ alias, want string }{
		{"/", `alias "/" is the home page`},
		{"//evil.example/x", `alias "//evil.example/x" starts with //`},
		{"/a//b", `has an empty folder name`},
		{"/admin/", `lies in /admin/, which the build writes itself`},
		{"/admin/config", `lies in /admin/`},
		{"/api/v1/", `lies in /api/`},
		{"/search", `lies in /search/`},
		{"/releases/", `lies in /releases/`},
		{"/de/", `lies in /de/`},
		{"/duties/backlog/", `is the address of a page of the site`},
		{"/roles", `is the address of a page of the site`},
		{"/duties/pricing/", `is the address of a page of the site`},
	} {
		t.Run(c.alias, func(t *testing.T) {
			dir := fixture(t)
			file := filepath.Join(dir, "content", "duties", "pricing.md")
			testkit.Write(t, file, strings.Replace(testkit.Read(t, file), "summary: Setting the price.\n", "summary: Setting the price.\naliases: ["+strconv.Quote(c.alias)+"]\n", 1))
			want := regexp.MustCompile(`content/duties/pricing\.md:4:\d+: error: .*` + regexp.QuoteMeta(c.want))
			if code, _, stderr := runCLI(t, nil, "check", "--project", dir); code != 1 || !want.MatchString(stderr) {
				t.Errorf("check: exit %d, want 1 and %s\n%s", code, want, stderr)
			}
			out := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out); code != 1 || !want.MatchString(stderr) {
				t.Errorf("build: exit %d, want 1 and %s\n%s", code, want, stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a refused build wrote %s", out)
			}
		})
	}
	t.Run("the same alias on two pages then a good one", func(t *testing.T) {
		dir := fixture(t)
		for _, name := range []string{"pricing", "backlog"} {
			file := filepath.Join(dir, "content", "duties", name+".md")
			testkit.Write(t, file, strings.Replace(testkit.Read(t, file), "---\n", "---\naliases: [/old/]\n", 1))
		}
		if code, _, stderr := runCLI(t, nil, "check", "--project", dir); code != 1 || !strings.Contains(stderr, `content/duties/pricing.md:2:11: error: alias "/old/" is also an alias of content/duties/backlog.md`) {
			t.Errorf("check: exit %d\n%s", code, stderr)
		}
		backlog := filepath.Join(dir, "content", "duties", "backlog.md")
		testkit.Write(t, backlog, strings.Replace(testkit.Read(t, backlog), "aliases: [/old/]\n", "", 1))
		out := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out); code != 0 {
			t.Fatalf("build with a good alias: exit %d\n%s", code, stderr)
		}
		if redirect := testkit.Read(t, filepath.Join(out, "old", "index.html")); !strings.Contains(redirect, "/duties/pricing/") {
			t.Errorf("the alias /old/ does not redirect to the page:\n%s", redirect)
		}
	})
}

// Issue 32, 8: two builds into one folder, the second started while the
// first runs (as `build & sleep 0.3; build`), 20 rounds with varying
// delays. Every build exits 0 (the second waits for the first: neither
// removes the other's temporary folder as debris), the site is whole after
// every round (byte for byte the site one build writes) and no temporary
// folder is left.
func TestConcurrentBuildsIntoOneFolder(t *testing.T) {
	dir := fixture(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	build := func() *exec.Cmd {
		cmd := exec.Command(exe, "build", "--project", dir, "--out", out)
		cmd.Env = append(os.Environ(), childEnv+"=1")
		return cmd
	}
	if b, err := build().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	want := testkit.Snapshot(t, out)
	for round := range 20 {
		first := build()
		var firstOut strings.Builder
		first.Stdout, first.Stderr = &firstOut, &firstOut
		if err := first.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(100+round*25) * time.Millisecond) // 0.1 to 0.6 s into the first
		second, err := build().CombinedOutput()
		if err != nil {
			t.Errorf("round %d: the second build failed: %v\n%s", round, err, second)
		}
		if err := first.Wait(); err != nil {
			t.Errorf("round %d: the first build failed: %v\n%s", round, err, firstOut.String())
		}
		if got := testkit.Snapshot(t, out); !maps.Equal(got, want) {
			t.Errorf("round %d: the site is not whole (%d files, want %d)", round, len(got), len(want))
		}
		entries, _ := os.ReadDir(filepath.Dir(out))
		if names := names(entries); names != "public\n" {
			t.Errorf("round %d: beside the site: %s", round, names)
		}
	}
}

// Issue 32, 9: synth refuses sizes past its bounds with exit 2 before
// writing anything, and stops within a second of SIGTERM.
func TestSynthHasBoundsAndHonoursSignals(t *testing.T) {
	for _, args := range [][]string{{"--pages", "50000000"}, {"--roles", "100000"}, {"--roles", "-1"}, {"--pages", "99"}} {
		out := filepath.Join(t.TempDir(), "hb")
		code, _, stderr := runCLI(t, nil, append([]string{"synth", "--out", out}, args...)...)
		if code != 2 || !strings.Contains(stderr, "must be between") {
			t.Errorf("synth %v: exit %d, want 2 with the bounds\n%s", args, code, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("synth %v wrote %s", args, out)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd, output := startCLI(t, ctx, "synth", "--out", filepath.Join(t.TempDir(), "hb"), "--pages", "250000")
	time.Sleep(500 * time.Millisecond)
	sent := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	if took := time.Since(sent); err == nil || took > time.Second {
		t.Errorf("synth after SIGTERM: err %v after %s, want a failure within 1 s\n%s", err, took.Round(time.Millisecond), output.String())
	}
}
