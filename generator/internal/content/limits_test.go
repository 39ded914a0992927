package content

import (
	"runtime/metrics"
	"strings"
	"testing"
	"time"
)

// allocated is the bytes the Go heap has handed out so far.
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// aliasBomb is the "billion laughs": ten levels of ten aliases each.
func aliasBomb(tag string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: x\nsummary: s\na0: &a0 [lol]\n")
	for i := 1; i <= 10; i++ {
		b.WriteString("a" + string(rune('0'+i%10)) + string(rune('a'+i)) + ": " + tag + "&l" + string(rune('a'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			if i == 1 {
				b.WriteString("*a0")
			} else {
				b.WriteString("*l" + string(rune('a'+i-1)))
			}
		}
		b.WriteString("]\n")
	}
	b.WriteString("---\nText.\n")
	return b.String()
}

// Each crafted file is refused at its line, within 2 s and 200 MB of
// allocation, before a YAML or Markdown parser can blow up on it; a file
// just under the limits is read within the same bounds.
func TestResourceLimits(t *testing.T) {
	l := newLoader(t)
	lines := func(line string, n int) string { return strings.Repeat(line+"\n", n) }
	for _, tc := range []struct{ name, src, want string }{
		{"YAML alias bomb", aliasBomb(""), "x/pricing.md:4:1: error: YAML anchors and aliases (& and *) are not allowed"},
		{"YAML alias bomb behind a tag", aliasBomb("!!seq "), "x/pricing.md:4:1: error: YAML anchors and aliases (& and *) are not allowed"},
		{"deep flow nesting in front matter", "---\ntitle: x\nsummary: s\nx: " + lines("[", 100000) + lines("]", 100000) + "---\nText.\n",
			"x/pricing.md:36:1: error: front matter nests [ and { more than 32 levels deep"},
		{"deep flow nesting on one line", "---\ntitle: x\nx: " + strings.Repeat("[{", 100) + "\n---\nText.\n",
			"x/pricing.md:3:1: error: front matter nests [ and { more than 32 levels deep"},
		{"deep block nesting in front matter", "---\ntitle: x\nsummary: s\n" + func() string {
			var b strings.Builder
			for i := 0; i < 900; i++ {
				b.WriteString(strings.Repeat(" ", i) + "k:\n")
			}
			return b.String()
		}() + "---\nText.\n", "x/pricing.md:2:1: error: front matter nests 900 levels deep, more than 8"},
		{"huge line of words", okFront + strings.Repeat("word ", 100000), "x/pricing.md:5:1: error: line is 500000 bytes long, more than the limit of 4000"},
		{"huge line of unclosed links", okFront + strings.Repeat("[a](", 120000), "x/pricing.md:5:1: error: line is 480000 bytes long"},
		{"huge line in front matter", "---\ntitle: " + strings.Repeat("x", 5000) + "\n---\n", "x/pricing.md:2:1: error: line is 5007 bytes long"},
		{"brackets in one paragraph", okFront + "Text.\n\n" + lines(strings.Repeat("[", 100), 1000), "x/pricing.md:27:1: error: the body holds more than 2000 [ brackets"},
		{"images in many paragraphs", okFront + lines(strings.Repeat("![", 100)+"\n", 1000), "x/pricing.md:45:1: error: the body holds more than 2000 [ brackets"},
		{"emphasis marks", okFront + lines(strings.Repeat("*a_", 100), 1000), "x/pricing.md:15:1: error: the body holds more than 2000 *, _ and ~"},
		{"deep block quotes", okFront + strings.Repeat(">", 3000) + " x\n", "x/pricing.md:5:1: error: line opens 3000 block quotes or list items, more than the limit of 10"},
		{"deep list markers", okFront + strings.Repeat("- ", 1500) + "x\n", "x/pricing.md:5:1: error: line opens 1500 block quotes or list items"},
		{"deep indentation", okFront + func() string {
			var b strings.Builder
			for i := 0; b.Len() < 400<<10; i++ {
				b.WriteString(strings.Repeat(" ", (i%400)*2) + "- x\n")
			}
			return b.String()
		}(), "x/pricing.md:26:1: error: line is indented by 42 columns, more than the limit of 40"},
		{"just under the limits", okFront + lines(strings.Repeat("[a](", 40), 50) + lines(strings.Repeat("*a_", 30), 33) + lines(strings.Repeat(strings.Repeat(" ", 36)+"- x ", 1)+strings.Repeat("word ", 790), 100) +
			lines(strings.Repeat("> ", 5)+"- - - - - x", 5000), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.src) > MaxFileSize {
				t.Fatalf("the crafted file is %d bytes, over the size limit", len(tc.src))
			}
			start, before := time.Now(), allocated()
			_, diags := l.Parse("pages/pricing.md", "x/pricing.md", []byte(tc.src))
			took, alloc := time.Since(start), allocated()-before
			if took > 2*time.Second || alloc > 200<<20 {
				t.Errorf("took %v and allocated %d MB; the limit is 2 s and 200 MB", took, alloc>>20)
			}
			if tc.want == "" {
				for _, d := range diags {
					if d.Check == "limit" || d.Check == "yaml" {
						t.Errorf("refused: %v", d)
					}
				}
				return
			}
			if len(diags) == 0 || !strings.HasPrefix(diags[0].String(), tc.want) || diags[0].Hint == "" && diags[0].Check == "limit" {
				t.Errorf("got %v\nwant %s", diags, tc.want)
			}
		})
	}
}
