package content

// The Markdown body: goldmark's tree of it (parsed with the front matter,
// parse.go) gives the links, headings, plain text and word count that
// validate and the views read.

import (
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/yuin/goldmark/ast"
)

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
