package mdtext

import "testing"

func TestInline(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Pricing", "Pricing"},
		{"Two\nlines\r\n- fake item", "Two lines - fake item"},
		{"- starts a list", `\- starts a list`},
		{"1. starts a list", `1\. starts a list`},
		{"2024) also", `2024\) also`},
		{"1990s", "1990s"},
		{"= underline", `\= underline`},
		{`<img src=x onerror=alert(1)>`, `\<img src=x onerror=alert(1)\>`},
		{"[click](javascript:alert(1))", `\[click\](javascript:alert(1))`},
		{"![pixel](https://evil.example/p.png)", `!\[pixel\](https://evil.example/p.png)`},
		{"a | b", `a \| b`},
		{"# heading", `\# heading`},
		{"&lt;b&gt; stays text", "&lt;b&gt; stays text"},
		{"  spaced   out  ", "spaced out"},
	} {
		if got := Inline(c.in); got != c.want {
			t.Errorf("Inline(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Escape("a  b\nc"); got != "a  b c" {
		t.Errorf("Escape keeps spacing: got %q", got)
	}
}
