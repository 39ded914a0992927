package content

import (
	"strings"
	"testing"
)

// The body rules: every shortcode and every raw HTML element is an error at
// its line and column with a hint, unless the shortcode is on the theme's
// allow-list; comments and Markdown that only looks similar pass.
func TestBodyRules(t *testing.T) {
	l := newLoader(t)
	l.allowed = map[string]bool{"note": true} // as if the theme shipped one
	for _, tc := range []struct{ name, body, want string }{
		{"plain Markdown", "Text with *emphasis* and a [link](https://example.com).\n", ""},
		{"allowed theme shortcode", "{{< note >}}Careful.{{< /note >}}\n", ""},
		{"Go template braces are only text", "Write {{ .Title }} here.\n", ""},
		{"HTML comment", "Text.\n\n<!-- a note for editors -->\n", ""},
		{"angle-bracket link", "See <https://example.com>.\n", ""},
		{"built-in shortcode", "Text {{< youtube x >}}\n", "x/pricing.md:5:6: error: shortcode {{< youtube is not allowed"},
		{"closing tag of an unknown one", "{{< details >}}x{{< /details >}}\n", "x/pricing.md:5:1: error: shortcode {{< details is not allowed"},
		{"percent form, no spaces", "{{%gist a b%}}\n", "x/pricing.md:5:1: error: shortcode {{% gist is not allowed"},
		{"escaped comment form is refused too", "{{</* youtube x */>}}\n", "x/pricing.md:5:1: error: shortcode {{< /* is not allowed"},
		{"inline shortcode", "{{< time.inline >}}{{ now }}{{< /time.inline >}}\n", "x/pricing.md:5:1: error: shortcode {{< time.inline is not allowed"},
		{"inside inline code", "Use `{{< param x >}}`.\n", "x/pricing.md:5:6: error: shortcode {{< param is not allowed"},
		{"raw iframe block", "Text.\n\n<iframe src=\"https://evil.example\"></iframe>\n", "x/pricing.md:7:1: error: raw HTML <iframe> is not allowed"},
		{"raw inline script", "Text <script>alert(1)</script>.\n", "x/pricing.md:5:6: error: raw HTML <script> is not allowed"},
		{"raw onclick", "<div onclick=\"alert(1)\">\nhi\n</div>\n", "x/pricing.md:5:1: error: raw HTML <div> is not allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := l.Parse("pages/pricing.md", "x/pricing.md", []byte(okFront+tc.body))
			if tc.want == "" {
				if len(diags) > 0 {
					t.Fatalf("unexpected: %v", diags)
				}
				return
			}
			if len(diags) != 1 || !strings.HasPrefix(diags[0].String(), tc.want) || diags[0].Hint == "" {
				t.Fatalf("got %v (hint %q)\nwant one %s with a hint", diags, func() string {
					if len(diags) > 0 {
						return diags[0].Hint
					}
					return ""
				}(), tc.want)
			}
		})
	}
}

// Bare e-mail addresses and www. addresses become links, as in Hugo, and
// are read with their scheme.
func TestLinkifiedAddresses(t *testing.T) {
	p, diags := newLoader(t).Parse("pages/pricing.md", "x/pricing.md", []byte(okFront+"Mail team@example.com or see www.example.com.\n"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var got []string
	for _, l := range p.Links {
		got = append(got, l.Dest)
	}
	if strings.Join(got, " ") != "mailto:team@example.com http://www.example.com" {
		t.Errorf("links: %q", got)
	}
}
