// Package minify shrinks every rendered file once, by its type: HTML, CSS,
// JavaScript, SVG, JSON and XML. Other files pass through unchanged.
package minify

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	mjson "github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier holds the configured minifiers and, optionally, what it
// minified before, so that a rebuild in serve minifies only what changed.
type Minifier struct {
	m     *minify.M
	mu    sync.Mutex
	cache map[[32]byte][]byte // sha256 of the input -> output; nil: no cache
}

// Remember makes the minifier keep its results for the next build (see
// One and Forget).
func (x *Minifier) Remember() { x.cache = map[[32]byte][]byte{} }

var types = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".mjs": "application/javascript",
	".svg": "image/svg+xml", ".json": "application/json", ".xml": "text/xml", ".webmanifest": "application/json",
}

// New sets up the minifiers.
func New() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: false, KeepQuotes: false, KeepSpecialComments: false})
	m.AddFunc("text/css", css.Minify)
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify)
	m.Add("image/svg+xml", newSVGMemo())
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), mjson.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return &Minifier{m: m}
}

// svgMemo minifies SVG, and minifies a small one once: the icons every
// page carries inline are the same few hundred bytes on thousands of
// pages. It keeps at most svgMemoEntries results of at most svgMemoSize
// bytes of input each; what it hands back is what svg.Minify writes.
type svgMemo struct {
	mu   sync.Mutex
	done map[string][]byte // params and input -> output
}

const (
	svgMemoSize    = 4 << 10
	svgMemoEntries = 256
)

func newSVGMemo() *svgMemo { return &svgMemo{done: map[string][]byte{}} }

func (s *svgMemo) Minify(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	in, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(in) > svgMemoSize {
		return svg.Minify(m, w, bytes.NewReader(in), params)
	}
	var key strings.Builder
	for _, k := range slices.Sorted(maps.Keys(params)) {
		key.WriteString(k + "=" + params[k] + "\x00")
	}
	key.Write(in)
	s.mu.Lock()
	out, ok := s.done[key.String()]
	s.mu.Unlock()
	if !ok {
		var b bytes.Buffer
		if err := svg.Minify(m, &b, bytes.NewReader(in), params); err != nil {
			return err
		}
		out = b.Bytes()
		s.mu.Lock()
		if len(s.done) < svgMemoEntries {
			s.done[key.String()] = out
		}
		s.mu.Unlock()
	}
	_, err = w.Write(out)
	return err
}

// One minifies a file by its name's extension, or hands back what it
// made of the same bytes before, when it remembers. An error names the file.
func (x *Minifier) One(name string, data []byte) ([]byte, error) {
	if x.cache == nil || !Minifies(name) {
		return x.named(name, data)
	}
	key := sha256.Sum256(data)
	x.mu.Lock()
	out, ok := x.cache[key]
	x.mu.Unlock()
	if ok {
		return out, nil
	}
	out, err := x.named(name, data)
	if err == nil {
		x.mu.Lock()
		x.cache[key] = out
		x.mu.Unlock()
	}
	return out, err
}

// named is File with the file's name in its error.
func (x *Minifier) named(name string, data []byte) ([]byte, error) {
	out, err := x.File(name, data)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out, nil
}

// Minifies reports whether a file of this name is minified.
func Minifies(name string) bool { _, ok := types[path.Ext(name)]; return ok }

// File minifies data according to the file name's extension.
func (x *Minifier) File(name string, data []byte) ([]byte, error) {
	mt, ok := types[path.Ext(name)]
	if !ok {
		return data, nil
	}
	var out bytes.Buffer
	out.Grow(len(data))
	if err := x.m.Minify(mt, &out, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Forget drops what it remembers once that is over four times the files
// of a build (n), so that the results of old builds do not pile up.
func (x *Minifier) Forget(n int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.cache != nil && len(x.cache) > 4*n {
		clear(x.cache)
	}
}
