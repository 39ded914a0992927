package content

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/yuin/goldmark/ast"
)

// AllowedShortcodes are the theme's own shortcodes
// (themes/handbook/layouts/_shortcodes/) that content may call. None today:
// content is Markdown. Hugo's built-in shortcodes are never on this list;
// hugosite blocks them as well.
var AllowedShortcodes = []string{}

// shortcodeHints says what to write instead of a shortcode.
var shortcodeHints = map[string]string{
	"figure":    "use a Markdown image of a file in the site: ![what it shows](/images/name.png)",
	"youtube":   "link to the video instead: [title of the video](https://...)",
	"vimeo":     "link to the video instead: [title of the video](https://...)",
	"x":         "link to the post instead: [what it says](https://...)",
	"twitter":   "link to the post instead: [what it says](https://...)",
	"instagram": "link to the post instead: [what it shows](https://...)",
	"gist":      "put the code in a fenced code block, or link to it: [title](https://...)",
	"ref":       "link with a path from the site root: [text](/duties/backlog-ordering/)",
	"relref":    "link with a path from the site root: [text](/duties/backlog-ordering/)",
	"param":     "write the value out in the text",
}

// shortcodes reports every shortcode call in a body ({{< name >}} or
// {{% name %}}) that is not on the allow-list. Hugo reads these anywhere in
// the body, code blocks included, so the whole body is scanned.
func shortcodes(body []byte, bodyAt int, allowed map[string]bool, lineOf func(int) Pos, file string, diags *diag.List) {
	opened := map[string]bool{}
	for off := 0; off < len(body); {
		i := indexDelim(body[off:])
		if i < 0 {
			return
		}
		at := off + i
		name, closing := shortcodeName(body[at+3:])
		off = at + 3
		if allowed[name] || (closing && opened[name]) {
			continue // a closing tag is reported with its opening one
		}
		opened[name] = true
		hint := shortcodeHints[strings.TrimSuffix(strings.TrimSuffix(name, "_simple"), ".inline")]
		if hint == "" {
			hint = "write it in Markdown; to show the characters {{< in text, write &#123;{<"
		}
		shown := name
		if shown == "" {
			shown = "(no name)"
		}
		pos := lineOf(bodyAt + at)
		diags.Add(file, pos.Line, pos.Col, "shortcode",
			fmt.Sprintf("shortcode %s %s is not allowed: content is Markdown, not templates", body[at:at+3], shown), hint)
	}
}

// indexDelim finds the next "{{<" or "{{%".
func indexDelim(b []byte) int {
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte("{{"))
		if i < 0 || off+i+2 >= len(b) {
			return -1
		}
		if c := b[off+i+2]; c == '<' || c == '%' {
			return off + i
		}
		off += i + 1
	}
}

// shortcodeName reads the name after the delimiter: spaces, an optional "/"
// of a closing tag, then the name up to a space or the closing delimiter.
// Hugo's escaped form {{</* ... */>}} is named "/*".
func shortcodeName(b []byte) (name string, closing bool) {
	if bytes.HasPrefix(b, []byte("/*")) {
		return "/*", false
	}
	b = bytes.TrimLeft(b, " \t\n")
	if closing = bytes.HasPrefix(b, []byte("/")); closing {
		b = bytes.TrimLeft(b[1:], " \t")
	}
	end := bytes.IndexAny(b, " \t\r\n>%}\"")
	if end < 0 {
		end = len(b)
	}
	return string(b[:min(end, 64)]), closing
}

var tagRE = regexp.MustCompile(`^</?[A-Za-z][A-Za-z0-9-]*`)

// rawHTML reports raw HTML in the body. Hugo drops it from the page
// (unsafe = false), so the writer's text would silently vanish; an element
// such as <iframe>, <img> or <script> would also reach another origin if a
// fork turned raw HTML on. Comments are allowed, and a closing tag is
// reported with its opening one.
func rawHTML(n ast.Node, src []byte, lineOf func(int) Pos, file string, diags *diag.List) {
	var seg []byte
	start := -1
	switch t := n.(type) {
	case *ast.RawHTML:
		if t.Segments.Len() > 0 {
			s := t.Segments.At(0)
			start, seg = s.Start, s.Value(src)
		}
	case *ast.HTMLBlock:
		if t.Lines().Len() > 0 {
			s := t.Lines().At(0)
			start, seg = s.Start, s.Value(src)
		}
	}
	if start < 0 {
		return
	}
	trimmed := bytes.TrimLeft(seg, " \t")
	if bytes.HasPrefix(trimmed, []byte("<!--")) || bytes.HasPrefix(trimmed, []byte("</")) {
		return
	}
	tag := tagRE.FindString(string(trimmed))
	if tag == "" {
		tag = string(trimmed[:min(len(trimmed), 20)])
	} else {
		tag += ">"
	}
	pos := lineOf(start + len(seg) - len(trimmed))
	hint := "write it in Markdown: **bold**, [link](https://...), ![image](/images/name.png)"
	lower := strings.ToLower(tag)
	for _, embed := range []string{"<iframe", "<video", "<audio", "<embed", "<object", "<script", "<img", "<picture", "<source"} {
		if strings.HasPrefix(lower, embed) {
			hint = "embed nothing from another site: link to it instead, [title](https://...), or use an image file in the site"
		}
	}
	diags.Add(file, pos.Line, pos.Col, "raw-html", fmt.Sprintf("raw HTML %s is not allowed: content is Markdown, and the page would not show it", tag), hint)
}
