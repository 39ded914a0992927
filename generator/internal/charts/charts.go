// Package charts draws the handbook's charts as inline SVG from plain Go
// values: a career map of the tracks (CareerMap), the duty overlap of the
// roles (Overlap) and the competency profile of one level (Profile).
//
// The output is deterministic, has no JavaScript, no images and no style
// attributes, so it passes a Content-Security-Policy without
// 'unsafe-inline'. Each chart is one <svg role="img"> ("group" when it holds links) whose
// aria-labelledby names its own <title> and <desc>; the desc states the
// chart's data in words. The svg has a viewBox; the overlap and profile
// charts have no width or height, so they scale to their container, and the
// career map has its own width and height, so that its text keeps one size
// (a container narrower than the map scrolls it). All text is escaped; the
// result can be printed as template.HTML.
//
// Colours, strokes and font weights come only from classes, for the theme
// CSS to set with its variables (light, dark, print). Geometry, font sizes,
// text-anchor and fill="none" on lines are SVG presentation attributes:
// CSP allows them and any CSS rule overrides them. Links are kept only if
// they are relative or http(s).
//
// Classes, on every chart:
//
//	chart            the <svg>, with one of chart-career, chart-overlap, chart-profile
//	legend           a legend entry (<g>)
//	legend-swatch    its sample (rect or circle), with the class of what it stands for
//	legend-label     its text
//
// CareerMap:
//
//	track-title      a track's name above its column
//	level            a level (<a> when it has a URL, else <g>), with its track's Class
//	level-box        the level's rounded box
//	level-title      the level's name in the box
//	move             every move arrow, with move-up (to another level of the
//	                 same track) or move-cross (to a level of another track)
//	arrowhead        the arrowheads' paths, with arrowhead-up or arrowhead-cross
//
// Overlap:
//
//	bar-group        the bars of one ownership value (<g>)
//	axis             the line the bars start from
//	group-label      an ownership value (Leads, Shares, …) left of its bars
//	bar              a bar, with role-0, role-1, … (the role's index; also on
//	                 the legend swatches)
//	bar-value        the count after a bar
//
// Profile:
//
//	level-label      a level's name above its column; with current on the current level
//	current          the highlight behind the current level's column
//	competency       a competency's row (<g>)
//	competency-label its name, left of the row
//	grid-line        the rule below each row
//	cell             a cell's circle, with cell-new, cell-changed, cell-same, or
//	                 cell-unset for any other status (these four also on the
//	                 legend swatches)
//
// The theme has a .bar class of its own (the header bar), so scope the rules
// under .chart; current is on a rect and a text, so name the element. For
// example:
//
//	.chart { font-family: inherit; }
//	.chart text { fill: var(--fg); }
//	.chart .level-box { fill: var(--soft); stroke: var(--line); }
//	.chart a.level:hover .level-box { stroke: var(--link); }
//	.chart .move { stroke: var(--muted); stroke-width: 1.5; }
//	.chart .move-cross { stroke: var(--accent); stroke-dasharray: 5 3; }
//	.chart .arrowhead-up { fill: var(--muted); }
//	.chart .arrowhead-cross { fill: var(--accent); }
//	.chart .role-0 { fill: var(--lead-fg); }
//	.chart .role-1 { fill: var(--share-fg); }
//	.chart rect.current { fill: var(--lead-bg); }
//	.chart text.current { font-weight: 700; }
//	.chart .cell-new { fill: var(--accent); }
//	.chart .cell-changed { fill: var(--lead-bg); stroke: var(--accent); stroke-width: 3; }
//	.chart .cell-same { fill: none; stroke: var(--muted); }
package charts

import (
	"encoding/xml"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

const svgNS = "http://www.w3.org/2000/svg"

// writer builds an SVG document. Attributes are given as name, value pairs;
// values and text are escaped.
type writer struct{ b strings.Builder }

func (w *writer) tag(name string, attrs []string) {
	w.b.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.b.WriteString(" " + attrs[i] + `="` + esc(attrs[i+1]) + `"`)
	}
}

// start opens an element.
func (w *writer) start(name string, attrs ...string) { w.tag(name, attrs); w.b.WriteString(">\n") }

// end closes an element.
func (w *writer) end(name string) { w.b.WriteString("</" + name + ">\n") }

// empty writes an element without content.
func (w *writer) empty(name string, attrs ...string) { w.tag(name, attrs); w.b.WriteString("/>\n") }

// text writes an element whose content is text.
func (w *writer) text(name, s string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteString(">" + esc(s) + "</" + name + ">\n")
}

// lines writes a <text> with one <tspan> per line, the first line's
// baseline at y and the others lineH below each other.
func (w *writer) lines(lines []string, x, y, lineH float64, attrs ...string) {
	w.tag("text", append([]string{"x", num(x), "y", num(y)}, attrs...))
	w.b.WriteString(">")
	for i, l := range lines {
		dy := "0"
		if i > 0 {
			dy = num(lineH)
		}
		w.tag("tspan", []string{"x", num(x), "dy", dy})
		w.b.WriteString(">" + esc(l) + "</tspan>")
	}
	w.b.WriteString("</text>\n")
}

// open starts the chart's svg with its title and desc. A chart is an
// image to assistive technology ("img"), unless it holds links: then it is
// a "group", so that the links inside stay reachable.
func (w *writer) open(id, kind, role string, width, height float64, title, desc string, attrs ...string) {
	w.start("svg", append([]string{"xmlns", svgNS, "class", "chart chart-" + kind,
		"viewBox", "0 0 " + num(width) + " " + num(height), "role", role,
		"aria-labelledby", id + "-title " + id + "-desc", "font-size", "13"}, attrs...)...)
	w.text("title", title, "id", id+"-title")
	w.text("desc", desc, "id", id+"-desc")
}

func (w *writer) String() string { return w.b.String() }

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

// num formats a coordinate with at most one decimal.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}

// cleanID makes an id prefix safe for id attributes and for the
// space-separated list in aria-labelledby: ASCII letters, digits, '-' and
// '_', starting with a letter.
func cleanID(id string) string {
	var b strings.Builder
	for _, r := range id {
		if r < utf8.RuneSelf && (r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	s := b.String()
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		s = "chart-" + s
	}
	return strings.TrimSuffix(s, "-")
}

// safeURL keeps relative and http(s) URLs and drops the rest (javascript:, data:, …).
func safeURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || s == "" {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
		return s
	}
	return ""
}

// textWidth estimates the width of s at the given font size: about 0.55em
// per character, which suits the system sans-serif fonts the theme uses.
func textWidth(s string, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * size * 0.55
}

// chars is about how many characters fit in width at the given font size.
func chars(width, size float64) int { return int(width / (size * 0.55)) }

// wrap breaks s into at most maxLines lines of at most width characters,
// between words. A " / " in text that needs more than one line becomes a
// line break, the "/" ending the first line. Text that does not fit ends
// with "…".
func wrap(s string, width, maxLines int) []string {
	var words []string
	for _, f := range strings.Fields(s) {
		if f == "/" && len(words) > 0 {
			words[len(words)-1] += " /"
			continue
		}
		words = append(words, f)
	}
	// Text that needs more than one line breaks after a "/" if it can.
	long := utf8.RuneCountInString(strings.Join(words, " ")) > width
	var lines []string
	brk := true
	for _, wd := range words {
		n := len(lines)
		if !brk && utf8.RuneCountInString(lines[n-1])+1+utf8.RuneCountInString(wd) <= width {
			lines[n-1] += " " + wd
		} else {
			lines = append(lines, wd)
		}
		brk = long && strings.HasSuffix(wd, " /")
	}
	if len(lines) > maxLines {
		lines[maxLines-1] = strings.Join(lines[maxLines-1:], " ")
		lines = lines[:maxLines]
	}
	for i, l := range lines {
		if r := []rune(l); len(r) > width {
			lines[i] = strings.TrimRight(string(r[:width-1]), " ") + "…"
		}
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// count says "1 track" or "2 tracks".
func count(t Words, n int, id string) string {
	if n == 1 {
		return t(id + "_one")
	}
	return t(id, strconv.Itoa(n))
}

// Words gives the words of an id of the theme's i18n files with {1}, {2},
// ... replaced by args (a language's views.Strings.T): the charts' titles,
// descriptions and legends.
type Words func(id string, args ...string) string

// list joins items as "a", "a and b", "a, b and c".
func list(t Words, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + t("and") + " " + items[len(items)-1]
}
