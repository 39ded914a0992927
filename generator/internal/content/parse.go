package content

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/product-roles/handbook/generator/internal/conflict"
	"github.com/product-roles/handbook/generator/internal/diag"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Parse reads one file's bytes. rel is its path below the content root and
// shown the path used in messages. It returns nil when the file cannot be
// used at all.
func (l *Loader) Parse(rel, shown string, src []byte) (*Page, diag.List) {
	return l.parse(rel, rel, "", shown, src)
}

// ParseTranslation reads a translation file, name.<lang>.md: its front
// matter may hold only text fields (its kind's Spec.Text).
func (l *Loader) ParseTranslation(rel, shown string, src []byte) (*Page, diag.List) {
	of, lang := TranslationOf(rel)
	return l.parse(rel, of, lang, shown, src)
}

// parse reads one file: its place, its size and encoding, conflict markers,
// then its front matter (frontmatter.go) and its body (body.go).
func (l *Loader) parse(rel, placeRel, lang, shown string, src []byte) (*Page, diag.List) {
	var diags diag.List
	fail := func(line int, check, msg, hint string) (*Page, diag.List) {
		diags.Add(shown, line, 1, check, msg, hint)
		return nil, diags
	}
	k, id, track, err := l.kinds.Place(placeRel)
	if err != nil {
		return fail(1, "path", err.Error(), "rename the file or folder")
	}
	if len(src) > MaxFileSize {
		return fail(1, "size", fmt.Sprintf("file is %d KiB, more than the limit of %d KiB", len(src)>>10, MaxFileSize>>10),
			"split the page into smaller pages")
	}
	hash := Hash(src)
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")) // a copy: the page keeps it, not the caller's bytes
	if !utf8.Valid(src) {
		line := 1 + bytes.Count(src[:firstInvalid(src)], []byte("\n"))
		return fail(line, "encoding", "file is not valid UTF-8", "save the file with UTF-8 encoding")
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return fail(1+bytes.Count(src[:i], []byte("\n")), "encoding", "file contains a NUL byte", "save it as plain text")
	}
	if i, r := invisible(src); i >= 0 {
		line := 1 + bytes.Count(src[:i], []byte("\n"))
		col := 1 + utf8.RuneCount(src[bytes.LastIndexByte(src[:i], '\n')+1:i])
		diags.Add(shown, line, col, "encoding", fmt.Sprintf("the text holds U+%04X, an invisible character that reorders or hides text (it can make what a reviewer sees differ from what is published)", r),
			"delete it; for right-to-left text set direction = \"rtl\" for the language in handbook.toml")
		return nil, diags
	}
	// An unfinished merge is never read as content: markers in front
	// matter would otherwise show as a YAML error, and in a body as text.
	if ms := conflict.Markers(src); len(ms) > 0 {
		for _, m := range ms {
			diags.Add(shown, m.Line, 1, "conflict", m.Message(), conflict.Hint)
		}
		return nil, diags
	}
	fmEnd, ok := FrontMatterEnd(src)
	if !ok {
		if len(bytes.TrimSpace(src)) == 0 {
			return fail(1, "front-matter", "file is empty", "start it with front matter between two --- lines")
		}
		if !bytes.HasPrefix(src, []byte("---\n")) {
			return fail(1, "front-matter", "file does not start with front matter", "put `---` on the first line, then the fields, then `---`")
		}
		return fail(1, "front-matter", "front matter is not closed", "end the front matter with a line holding only `---`")
	}
	fm := src[4:fmEnd]

	p := &Page{Kind: k, Listed: l.listed(k), ID: id, Track: track, Rel: rel, File: shown, Key: hugoKey(placeRel), Source: src, Hash: hash, Lang: lang}
	p.URL = p.Key + "/"
	if p.Key == "/" {
		p.URL = "/"
	}

	if e := checkLimits(src, fmEnd); e != nil {
		return fail(e.line, "limit", e.msg, e.hint)
	}

	p.fm = fm
	if e := checkShape(fm); e != nil {
		return fail(e.line, e.check, e.msg, e.hint)
	}
	// goldmark-meta reads the values (and reports YAML syntax errors) and
	// goldmark parses the body, in one pass over the file. checkShape has
	// already refused anchors and aliases without expanding them, so no
	// alias bomb reaches the value reader.
	ctx := parser.NewContext(parser.WithIDs(&anchorIDs{seen: map[string]bool{}}))
	astDoc := l.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	items, err := meta.TryGet(ctx)
	raw, e := values(fm, items, err)
	if e != nil {
		return fail(e.line, e.check, e.msg, e.hint)
	}
	p.setValues(raw)
	if lang != "" {
		diags = append(diags, checkText(l.kinds, p)...)
	} // the schemas are applied by validate, with the other checks

	bodyStart := fmEnd + len("---\n")
	if bodyStart > len(src) {
		bodyStart = len(src)
	}
	p.BodyAt = bodyStart
	p.BodyPos = Pos{Line: 1 + bytes.Count(src[:bodyStart], []byte("\n")), Col: 1}
	lineOf := newLines(src)
	readBody(p, astDoc, src, lineOf, &diags)
	shortcodes(src[bodyStart:], bodyStart, l.allowed, lineOf, shown, &diags)
	return p, diags
}

// SchemaKind names the schema a built-in kind is validated against.
func SchemaKind(k Kind) string { return builtin().SchemaOf(k) }

// invisible returns the offset and value of the first bidirectional
// override, embedding or isolate (U+202A-U+202E, U+2066-U+2069) or
// zero-width space, word joiner or byte-order mark inside the text
// (U+200B, U+2060, U+FEFF), or -1. Joiners (U+200C, U+200D) and the
// direction marks (U+200E, U+200F) that scripts need are allowed.
func invisible(src []byte) (int, rune) {
	for i, r := range string(src) {
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200B || r == 0x2060 || r == 0xFEFF {
			return i, r
		}
	}
	return -1, 0
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}
