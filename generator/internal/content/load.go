package content

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/product-roles/handbook/generator/internal/conflict"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/par"
	"github.com/product-roles/handbook/generator/internal/regular"
	"github.com/product-roles/handbook/generator/internal/schema"
	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"gopkg.in/yaml.v3"
)

// MaxFileSize is the largest content file accepted.
const MaxFileSize = 512 << 10

// MaxDepth is how deeply front matter may nest.
const MaxDepth = 8

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// IsSlug reports whether s is a valid id.
func IsSlug(s string) bool { return slugRE.MatchString(s) }

// deviceRE matches the names Windows reserves for devices, with or without
// an extension: a file named con.md or nul cannot be checked out there.
var deviceRE = regexp.MustCompile(`^(con|prn|aux|nul|com[0-9]|lpt[0-9])$`)

// DeviceName reports whether a slug is a name Windows reserves for a device.
func DeviceName(s string) bool { return deviceRE.MatchString(s) }

// Loader reads content files and records where each value stands; the
// checks (schemas included) are validate's. It is safe to reuse across
// loads.
type Loader struct {
	kinds   *Registry
	schemas *schema.Validator
	md      goldmark.Markdown
	allowed map[string]bool // shortcodes content may call
	cache   *parseCache     // nil unless Remember was called
}

// NewLoader compiles the schemas (which the models it loads carry, for
// validate) and sets up the Markdown parser, for the built-in kinds.
func NewLoader() (*Loader, error) { return NewLoaderFor(Kinds(), nil) }

// NewLoaderFor is NewLoader for a registry of kinds; extra holds schema
// files (<name>.schema.json) beside the built-in ones, for kinds the
// registry adds.
func NewLoaderFor(kinds *Registry, extra fs.FS) (*Loader, error) {
	v, err := schema.New(extra)
	if err != nil {
		return nil, err
	}
	// The same Markdown extensions as Hugo's defaults, so that the loader
	// sees every link and image Hugo will render (a footnote or a table cell
	// can hold one; linkify turns bare addresses into links).
	md := goldmark.New(goldmark.WithExtensions(meta.Meta, extension.GFM, extension.DefinitionList, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	allowed := map[string]bool{}
	for _, name := range AllowedShortcodes {
		allowed[name] = true
	}
	return &Loader{kinds: kinds, schemas: v, md: md, allowed: allowed}, nil
}

// Layer is a content folder; a later layer's file replaces an earlier
// layer's file at the same path.
type Layer struct {
	Dir   string // the folder
	Shown string // how it is named in messages, e.g. "content"
}

// Load reads every Markdown file below root. display is how root is shown in
// messages (e.g. "content"). Problems in single files are returned as
// diagnostics; the pages that could be read are in the model.
func (l *Loader) Load(root, display string) (*Model, diag.List) {
	return l.LoadLayers(Layer{root, display})
}

// LoadLayers reads upstream content and the overlays on top of it.
func (l *Loader) LoadLayers(layers ...Layer) (*Model, diag.List) {
	m, diags, _ := l.LoadLayersContext(context.Background(), layers...)
	return m, diags
}

// LoadLayersContext is LoadLayers that stops when ctx ends (it then
// returns ctx's error).
func (l *Loader) LoadLayersContext(ctx context.Context, layers ...Layer) (*Model, diag.List, error) {
	m := &Model{Root: layers[0].Shown, Kinds: l.kinds, Schemas: l.schemas}
	l.cache.begin()
	defer l.cache.end()
	var diags diag.List
	byRel, trRel := map[string]int{}, map[string]int{}
	for i, layer := range layers {
		pages, unread, ds, err := l.loadTree(ctx, layer.Dir, layer.Shown, i > 0)
		if err != nil {
			return m, diags, err
		}
		diags = append(diags, ds...)
		m.Unread = append(m.Unread, unread...)
		for _, p := range pages {
			p.Overlay = i > 0
			if p.Lang != "" {
				if j, ok := trRel[p.Rel]; ok {
					m.Translations[j] = p
					continue
				}
				trRel[p.Rel] = len(m.Translations)
				m.Translations = append(m.Translations, p)
				continue
			}
			if j, ok := byRel[p.Rel]; ok {
				p.Replaces = m.Pages[j]
				m.Pages[j] = p
				continue
			}
			byRel[p.Rel] = len(m.Pages)
			m.Pages = append(m.Pages, p)
		}
	}
	slices.SortFunc(m.Pages, func(a, b *Page) int { return strings.Compare(a.Rel, b.Rel) })
	slices.SortFunc(m.Translations, func(a, b *Page) int { return strings.Compare(a.Rel, b.Rel) })
	m.index()
	return m, diags, nil
}

// loadTree reads one folder: its pages, and the files that could not be
// read (see Model.Unread). An overlay folder may be missing.
func (l *Loader) loadTree(ctx context.Context, root, display string, optional bool) (pages, unread []*Page, diags diag.List, err error) {
	if _, err := os.Stat(root); optional && errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil, nil
	}
	var rels []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		shown := path.Join(filepath.ToSlash(display), rel)
		if err != nil {
			diags.Add(shown, 1, 1, "read", fmt.Sprintf("cannot read: %v", unwrapPath(err)), "")
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			diags.Add(shown, 1, 1, "path", "symbolic links are not allowed in the content folder",
				"replace the link with the file itself")
			return nil
		}
		if !d.IsDir() && !d.Type().IsRegular() {
			// Reading a named pipe blocks, a device never ends: refused
			// by its type, before anything opens it.
			diags.Add(shown, 1, 1, "path", fmt.Sprintf("this is %s, not a plain file; only plain files are read", regular.Kind(d.Type())),
				"remove it, or put the file itself in its place")
			return nil
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && rel != "." {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".md") {
			rels = append(rels, rel) // translations (name.<lang>.md) too
		}
		return nil
	})
	if ctx.Err() != nil {
		return nil, nil, nil, ctx.Err()
	}
	if err != nil {
		diags.Add(display, 1, 1, "read", fmt.Sprintf("cannot read the content folder: %v", unwrapPath(err)), "")
	}
	if len(rels) == 0 && err == nil && !optional {
		diags.Add(display, 1, 1, "read", "the content folder holds no Markdown files", "check --source")
	}
	slices.Sort(rels)
	// Files are parsed in parallel, one worker per core; results keep their order.
	type result struct {
		page  *Page
		diags diag.List
	}
	results := make([]result, len(rels))
	if err := par.Each(ctx, len(rels), func(i int) error {
		rel := rels[i]
		shown := path.Join(filepath.ToSlash(display), rel)
		src, err := regular.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			results[i].diags.Add(shown, 1, 1, "read", fmt.Sprintf("cannot read: %v", unwrapPath(err)), "")
			return nil
		}
		_, lang := TranslationOf(rel)
		results[i].page, results[i].diags = l.cache.parse(parseKey{rel, lang, shown, string(src)}, func() (*Page, diag.List) {
			if lang != "" {
				return l.ParseTranslation(rel, shown, src)
			}
			return l.Parse(rel, shown, src)
		})
		return nil
	}); err != nil {
		return nil, nil, nil, err
	}
	for i, r := range results {
		diags = append(diags, r.diags...)
		if r.page != nil {
			pages = append(pages, r.page)
		} else if p := l.placed(rels[i], path.Join(filepath.ToSlash(display), rels[i])); p != nil {
			unread = append(unread, p)
		}
	}
	return pages, unread, diags, nil
}

// placed is what a file's path says about the page it would be, or nil
// for a translation or a path that names no page.
func (l *Loader) placed(rel, shown string) *Page {
	if _, lang := TranslationOf(rel); lang != "" {
		return nil
	}
	k, id, track, err := l.kinds.Place(rel)
	if err != nil {
		return nil
	}
	p := &Page{Kind: k, ID: id, Track: track, Rel: rel, File: shown, Key: hugoKey(rel)}
	p.URL = p.Key + "/"
	if p.Key == "/" {
		p.URL = "/"
	}
	return p
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// reserved names are generated pages and files at the site's top.
var reserved = map[string]bool{"search": true, "self-assessment": true, "changes": true, "api": true, "schemas": true, "releases": true, "translations": true}

// Place works out a file's kind, id and track from its path below the
// content root, or says why the path is not acceptable, for the built-in
// kinds.
func Place(rel string) (k Kind, id, track string, err error) { return Kinds().Place(rel) }

// Place works out a file's kind, id and track from its path below the
// content root, or says why the path is not acceptable.
func (r *Registry) Place(rel string) (k Kind, id, track string, err error) {
	parts := strings.Split(strings.TrimSuffix(rel, ".md"), "/")
	if parts[len(parts)-1] == "index" && len(parts) > 1 { // a leaf bundle: <id>/index.md
		parts = parts[:len(parts)-1]
	}
	for i, s := range parts {
		if s == "_index" && i == len(parts)-1 {
			continue
		}
		if !IsSlug(s) {
			return "", "", "", fmt.Errorf("%q is not a valid id: use lower-case letters, digits and single hyphens", s)
		}
		if DeviceName(s) {
			return "", "", "", fmt.Errorf("%q is a device name on Windows (a file or folder of that name breaks a Windows checkout of the handbook); pick another id", s)
		}
	}
	last := parts[len(parts)-1]
	switch {
	case len(parts) == 1 && last == "_index":
		return KindHome, "", "", nil
	case len(parts) == 1:
		if reserved[last] {
			return "", "", "", fmt.Errorf("%q is reserved for a generated page", last)
		}
		return KindPage, last, "", nil
	case parts[0] == "ladders" && len(parts) == 2 && last == "_index":
		return KindSection, "ladders", "", nil
	case parts[0] == "ladders" && len(parts) == 2:
		return "", "", "", errors.New("a file directly in ladders/ must be _index.md; levels go in ladders/<track>/")
	case parts[0] == "ladders" && len(parts) == 3 && last == "_index":
		if strings.HasPrefix(parts[1], "rank-") {
			return "", "", "", fmt.Errorf("%q is reserved for a generated page; name the track differently", parts[1])
		}
		return KindTrack, parts[1], parts[1], nil
	case parts[0] == "ladders" && len(parts) == 3:
		if last == "compare" || last == "print" || last == "cards" {
			return "", "", "", fmt.Errorf("%q is reserved for a generated page; name the level differently", last)
		}
		return KindLevel, last, parts[1], nil
	case len(parts) == 2 && last == "_index":
		if reserved[parts[0]] {
			return "", "", "", fmt.Errorf("%q is reserved for a generated page", parts[0])
		}
		return KindSection, parts[0], "", nil
	case len(parts) == 2:
		if k, ok := r.InFolder(parts[0]); ok {
			return k, last, "", nil
		}
		return KindPage, last, "", nil
	}
	if _, known := r.InFolder(parts[0]); known || parts[0] == "ladders" {
		return "", "", "", fmt.Errorf("files in %s/ may not be nested in sub-folders", parts[0])
	}
	if last == "_index" {
		return KindSection, parts[len(parts)-2], "", nil
	}
	return KindPage, last, "", nil
}

// hugoKey is Hugo's page path for a content file.
func hugoKey(rel string) string {
	key := "/" + strings.TrimSuffix(rel, ".md")
	key = strings.TrimSuffix(key, "/_index")
	key = strings.TrimSuffix(key, "/index")
	if key == "/_index" || key == "" {
		return "/"
	}
	return key
}

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
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
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

	p := &Page{Kind: k, ID: id, Track: track, Rel: rel, File: shown, Key: hugoKey(placeRel), Source: src, Hash: hash, Lang: lang}
	p.URL = p.Key + "/"
	if p.Key == "/" {
		p.URL = "/"
	}

	if e := checkLimits(src, fmEnd); e != nil {
		return fail(e.line, "limit", e.msg, e.hint)
	}

	// yaml.v3 shows duplicate keys, aliases and deep nesting, which the
	// value reader lets pass. It runs only when a quick look at the text
	// finds a sign of one of them, or when a message needs a line.
	p.fm = fm
	at := func(yamlLine int) int { return fileLine(fm, yamlLine) + 1 } // the file's line (after the opening ---)
	if suspicious(fm) {
		var doc yaml.Node
		if err := yaml.Unmarshal(fm, &doc); err != nil && bytes.ContainsAny(fm, "&*") {
			line, msg := yamlError(err)
			return fail(at(line), "yaml", msg, "")
		}
		if len(doc.Content) == 1 {
			root := doc.Content[0]
			if root.Kind != yaml.MappingNode {
				return fail(at(root.Line), "front-matter", "front matter must be a set of `field: value` lines", "")
			}
			if d := depth(root, 0); d > MaxDepth {
				return fail(at(root.Line), "front-matter", fmt.Sprintf("front matter nests %d levels deep, more than %d", d, MaxDepth), "flatten it")
			}
			if n := alias(root); n != nil {
				return fail(at(n.Line), "yaml", "YAML anchors and aliases (& and *) are not allowed", "write each value out in full")
			}
			if dup, first := duplicateKey(root); dup != nil {
				return fail(at(dup.Line), "yaml", fmt.Sprintf("field %q appears twice (first on line %d)", dup.Value, at(first.Line)),
					"keep one of the two")
			}
		}
	}

	// goldmark-meta reads the values (and reports YAML syntax errors) and
	// goldmark parses the body. yaml.v3 above has already refused anchors
	// and aliases without expanding them, so no alias bomb reaches the
	// value reader.
	ctx := parser.NewContext(parser.WithIDs(&anchorIDs{seen: map[string]bool{}}))
	astDoc := l.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	items, err := meta.TryGet(ctx)
	if err != nil {
		var doc yaml.Node
		if yaml.Unmarshal(fm, &doc) == nil && len(doc.Content) == 1 && doc.Content[0].Kind != yaml.MappingNode {
			return fail(at(doc.Content[0].Line), "front-matter", "front matter must be a set of `field: value` lines", "")
		}
		line, msg := yamlError(err)
		return fail(at(line), "yaml", msg, "check indentation and quote values that contain `: ` or start with a special character")
	}

	raw, err := jsonValue(items, 0)
	if err != nil {
		return fail(2, "yaml", err.Error(), "")
	}
	p.Raw, _ = raw.(map[string]any)
	if p.Raw == nil {
		p.Raw = map[string]any{}
	}
	if lang != "" {
		diags = append(diags, checkText(l.kinds, p)...)
	} // the schemas are applied by validate, with the other checks
	data, _ := json.Marshal(p.Raw)
	_ = json.Unmarshal(data, &p.Front) // type errors are reported by the schema

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
func SchemaKind(k Kind) string { return Kinds().SchemaOf(k) }

// FrontMatterEnd returns the offset of the closing --- line of src's front
// matter, and whether src has front matter ("---" on its first line).
func FrontMatterEnd(src []byte) (int, bool) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return 0, false
	}
	off := 4
	for off <= len(src) {
		nl := bytes.IndexByte(src[off:], '\n')
		line := src[off:]
		if nl >= 0 {
			line = src[off : off+nl]
		}
		if string(bytes.TrimRight(line, " \t")) == "---" {
			return off, true
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	return 0, false
}

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

var yamlLineRE = regexp.MustCompile(`line (\d+): (.*)`)

// fileLine is the line of the front matter, counting only "\n", at which
// YAML's line yamlLine starts: YAML also breaks lines at a lone "\r".
func fileLine(fm []byte, yamlLine int) int {
	yl, fl := 1, 1
	for i := 0; i < len(fm) && yl < yamlLine; i++ {
		switch {
		case fm[i] == '\n':
			yl, fl = yl+1, fl+1
		case fm[i] == '\r' && (i+1 == len(fm) || fm[i+1] != '\n'):
			yl++
		}
	}
	return fl
}

// yamlError turns a YAML error into a line within the front matter and a message.
func yamlError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	msg = strings.TrimSpace(strings.SplitN(msg, "\n", 2)[0])
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, "invalid YAML: " + m[2]
	}
	return 1, "invalid YAML: " + msg
}

func depth(n *yaml.Node, d int) int {
	max := d
	for _, c := range n.Content {
		if cd := depth(c, d+1); cd > max {
			max = cd
		}
	}
	return max
}

var (
	keyLineRE = regexp.MustCompile(`^(\s*)(?:- )?([^\s#:][^:]*):(?:\s|$)`)
	aliasRE   = regexp.MustCompile(`(^|[:\-\[,{]\s*)[&*][A-Za-z0-9_]`)
)

// suspicious is a quick look at front matter for what needs yaml.v3's
// exact check: a key repeated in the same block, an anchor or alias, or
// deep nesting. It may say yes wrongly (the exact check then finds
// nothing), never no wrongly for well-formed YAML.
func suspicious(fm []byte) bool {
	type block struct {
		indent int
		keys   map[string]bool
	}
	stack := []block{{indent: 0, keys: map[string]bool{}}}
	if bytes.IndexByte(fm, '&') >= 0 { // every alias needs an anchor
		return true
	}
	for _, line := range strings.Split(string(fm), "\n") {
		if strings.Count(line, "[")+strings.Count(line, "{") > 2 || aliasRE.MatchString(line) || strings.Contains(line, "<<:") {
			return true
		}
		m := keyLineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		indent := len(m[1])
		if strings.HasPrefix(strings.TrimLeft(line, " "), "- ") {
			indent += 2 // a list item's first key opens a new mapping
			for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, block{indent: indent, keys: map[string]bool{}})
		}
		for len(stack) > 1 && stack[len(stack)-1].indent > indent {
			stack = stack[:len(stack)-1]
		}
		top := &stack[len(stack)-1]
		if top.indent < indent {
			stack = append(stack, block{indent: indent, keys: map[string]bool{}})
			top = &stack[len(stack)-1]
		}
		if len(stack) > MaxDepth || top.keys[m[2]] {
			return true
		}
		top.keys[m[2]] = true
	}
	return false
}

// loadPositions parses the front matter with yaml.v3 for the line and
// column of every key and value; it is done only when a message needs one.
func (p *Page) loadPositions() {
	p.pos, p.keys = map[string]Pos{}, map[string]Pos{}
	var doc yaml.Node
	if yaml.Unmarshal(p.fm, &doc) == nil && len(doc.Content) == 1 {
		positions(doc.Content[0], "", p.pos, p.keys)
	}
}

// alias returns the first anchor or alias node.
func alias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if a := alias(c); a != nil {
			return a
		}
	}
	return nil
}

// duplicateKey returns the second of two equal keys in any mapping, and the first.
func duplicateKey(n *yaml.Node) (dup, first *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if f, ok := seen[k.Value]; ok {
				return k, f
			}
			seen[k.Value] = k
		}
	}
	for _, c := range n.Content {
		if d, f := duplicateKey(c); d != nil {
			return d, f
		}
	}
	return nil, nil
}

// positions records where every value stands, and every key. A value
// that spans lines (a list or mapping) is placed at its key. Lines are
// file lines: the front matter starts on line 2.
func positions(n *yaml.Node, ptr string, vals, keys map[string]Pos) {
	vals[ptr] = Pos{n.Line + 1, n.Column}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			child := ptr + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(k.Value)
			positions(v, child, vals, keys)
			keys[child] = Pos{k.Line + 1, k.Column}
			if v.Kind != yaml.ScalarNode || v.Line != k.Line {
				vals[child] = keys[child]
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			positions(c, ptr+"/"+strconv.Itoa(i), vals, keys)
		}
	}
}

// jsonValue converts YAML values into JSON ones (string keys, float64 or
// int64 numbers, RFC 3339 dates as strings).
func jsonValue(v any, d int) (any, error) {
	if d > MaxDepth+2 {
		return nil, errors.New("front matter nests too deeply")
	}
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			c, err := jsonValue(e, d+1)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	case map[any]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			c, err := jsonValue(e, d+1)
			if err != nil {
				return nil, err
			}
			out[fmt.Sprint(k)] = c
		}
		return out, nil
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			c, err := jsonValue(e, d+1)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case int:
		return float64(t), nil
	case int64:
		return float64(t), nil
	case uint64:
		return float64(t), nil
	case float32:
		return float64(t), nil
	case time.Time:
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return t.Format("2006-01-02"), nil
		}
		return t.Format(time.RFC3339), nil
	}
	return v, nil
}

// readBody collects the body's links, headings, plain text and word count.
// Raw HTML is reported to diags.
func readBody(p *Page, doc ast.Node, src []byte, lineOf func(int) Pos, diags *diag.List) {
	var words strings.Builder
	var heads []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			words.WriteByte(' ')
		}
		switch t := n.(type) {
		case *ast.Heading:
			txt := plain(t, src)
			anchor, _ := t.AttributeString("id")
			a, _ := anchor.([]byte)
			heads = append(heads, Heading{Level: t.Level, Text: txt, Anchor: string(a), Pos: lineOf(blockStart(t, len(src)))})
		case *ast.Link:
			p.Links = append(p.Links, Link{Dest: string(t.Destination), Text: plain(t, src), Pos: lineOf(startOf(t))})
		case *ast.AutoLink:
			dest := string(t.URL(src))
			if t.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
				dest = "mailto:" + dest
			}
			p.Links = append(p.Links, Link{Dest: dest, Pos: lineOf(startOf(t))})
		case *ast.RawHTML, *ast.HTMLBlock:
			rawHTML(n, src, lineOf, p.File, diags)
		case *ast.Image:
			p.Links = append(p.Links, Link{Dest: string(t.Destination), Text: plain(t, src), Image: true, Pos: lineOf(startOf(t))})
		case *ast.Text:
			words.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				words.WriteByte(' ')
			}
		case *ast.String:
			words.Write(t.Value)
		case *ast.FencedCodeBlock, *ast.CodeBlock: // (a code span's text is in its Text children)
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				words.Write(seg.Value(src))
			}
		}
		return ast.WalkContinue, nil
	})
	markEmpty(heads, doc)
	p.Heads = heads
	fields := strings.Fields(words.String())
	p.Text = strings.Join(fields, " ")
	p.Words = len(fields)
}

// markEmpty flags headings followed by nothing but a heading of the same or a higher level, or the end.
func markEmpty(heads []Heading, doc ast.Node) {
	i := 0
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		next := n.NextSibling()
		empty := next == nil
		if nh, ok := next.(*ast.Heading); ok && nh.Level <= h.Level {
			empty = true
		}
		if i < len(heads) {
			heads[i].Empty = empty
		}
		i++
	}
}

func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(src))
			case *ast.String:
				b.Write(t.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// blockStart is the offset where a block begins. An empty block (a lone
// "#") has no text of its own: it begins after the block before it.
func blockStart(n ast.Node, end int) int {
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for prev := n.PreviousSibling(); prev != nil; prev = prev.PreviousSibling() {
		if prev.Type() == ast.TypeBlock && prev.Lines().Len() > 0 {
			return min(prev.Lines().At(prev.Lines().Len()-1).Stop, end)
		}
	}
	return 0
}

// startOf finds the offset of an inline node through its first text.
func startOf(n ast.Node) int {
	for c := n; c != nil; {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if c.FirstChild() != nil {
			c = c.FirstChild()
			continue
		}
		break
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func newLines(src []byte) func(int) Pos {
	var starts []int
	starts = append(starts, 0)
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return func(off int) Pos {
		i, found := slices.BinarySearch(starts, off)
		if !found {
			i--
		}
		return Pos{Line: i + 1, Col: off - starts[i] + 1}
	}
}
