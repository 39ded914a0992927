package pipeline

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/testkit"
	"golang.org/x/net/html"
)

// Script in front matter never runs in a reader's browser: front matter
// strings are escaped. (Raw HTML in Markdown is an error:
// TestHostileContentFailsCheckAndBuild in the generator package.)
func TestHostileContentIsInert(t *testing.T) {
	dir := fixture(t)
	apply(t, dir,
		edit{"duties/pricing.md", "title: Pricing", `title: "Pricing <script>alert('t')</script>"`},
		edit{"duties/pricing.md", "summary: Setting the price.", `summary: "<img src=x onerror=alert('s')> Setting the price."`},
	)
	out := filepath.Join(dir, "public")
	buildOK(t, newBuilder(t), dir, out)
	for _, name := range []string{"duties/pricing/index.html", "duties/index.html", "search/index.html"} {
		doc := page(t, out, name)
		for _, n := range doc.All(func(*html.Node) bool { return true }) {
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || strings.Contains(strings.ToLower(a.Val), "javascript:") {
					t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
				}
			}
			if (n.Data == "script" && testkit.Attr(n, "src") == "") || n.Data == "iframe" {
				t.Errorf("%s: a <%s> element made it into the page", name, n.Data)
			}
		}
	}
	pricing := testkit.Read(t, filepath.Join(out, "duties", "pricing", "index.html"))
	if !strings.Contains(pricing, "Pricing &lt;script>alert") {
		t.Error("the script in the title was not shown as text")
	}
}

// javascript: and data: links, in links and images, are errors at their line.
func TestDangerousLinksAreErrors(t *testing.T) {
	b := newBuilder(t)
	for _, tc := range []struct{ text, want string }{
		{"[x](javascript:alert(1))", `link "javascript:alert(1)" uses the javascript: scheme, which is not allowed`},
		{"[x](JavaScript:alert(1))", `link "JavaScript:alert(1)" uses the javascript: scheme, which is not allowed`},
		{"[x](data:text/html;base64,PHNjcmlwdD4=)", `uses the data: scheme, which is not allowed`},
		{"![x](data:image/svg+xml,<svg/onload=alert(1)>)", `uses the data: scheme, which is not allowed`},
		{"[x](vbscript:msgbox)", `uses the vbscript: scheme, which is not allowed`},
		{"[x](//evil.example/x)", `link "//evil.example/x" has no scheme`},
	} {
		dir := fixture(t)
		apply(t, dir, edit{"duties/pricing.md", "look like real prose", "look like " + tc.text})
		rep := &Report{}
		if _, err := b.Check(Options{Layout: layout.Resolve(layout.Flags{Project: dir})}, rep); err != ErrInvalid {
			t.Errorf("%s: got %v", tc.text, err)
			continue
		}
		if got := rep.Diags.Error(); !strings.Contains(got, "content/duties/pricing.md:12:") || !strings.Contains(got, tc.want) {
			t.Errorf("%s:\n%s\nwant %s", tc.text, got, tc.want)
		}
	}
}
