package content

import (
	"bytes"
	"fmt"
)

// Limits on one file, checked in one pass over the bytes before any YAML
// or Markdown parser sees them, so that a crafted file is refused in
// linear time (SECURITY.md lists them). MaxFileSize and MaxDepth are the
// others.
const (
	// MaxLineBytes is the longest line: the Markdown parser takes time
	// that grows with the square of a line full of unclosed links.
	MaxLineBytes = 4000
	// MaxBrackets is how many "[" (links, images, footnotes) and
	// MaxEmphasis how many "*", "_" and "~" a body may hold: the Markdown
	// parser's time grows faster than their number within a paragraph.
	// The handbook's busiest page has a few dozen of each.
	MaxBrackets = 2000
	MaxEmphasis = 2000
	// MaxIndent is the deepest indentation, in columns (a tab is four).
	MaxIndent = 40
	// MaxContainers is how many block quote and list markers may open one line.
	MaxContainers = 10
	// MaxFlowDepth bounds [ and { nesting in front matter before the YAML
	// parsers see it; MaxDepth then applies exactly.
	MaxFlowDepth = 32
)

// limitError is a refused file: the line and what is wrong.
type limitError struct {
	line      int
	msg, hint string
}

// checkLimits scans the whole file; fmEnd is where the front matter's
// closing line starts.
func checkLimits(src []byte, fmEnd int) *limitError {
	line := 0
	depth := 0 // [ and { nesting in front matter, outside quotes
	brackets, emphasis := 0, 0
	for off := 0; off < len(src); {
		line++
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		l := src[off : off+end]
		inFront := off < fmEnd
		off += end + 1
		if len(l) > MaxLineBytes {
			return &limitError{line, fmt.Sprintf("line is %d bytes long, more than the limit of %d", len(l), MaxLineBytes),
				"break the paragraph into lines; a line of Markdown may wrap anywhere between words"}
		}
		if inFront {
			if d := flowDepth(l, &depth); d > MaxFlowDepth {
				return &limitError{line, fmt.Sprintf("front matter nests [ and { more than %d levels deep", MaxFlowDepth), "flatten it"}
			}
			continue
		}
		brackets += bytes.Count(l, []byte("["))
		emphasis += bytes.Count(l, []byte("*")) + bytes.Count(l, []byte("_")) + bytes.Count(l, []byte("~"))
		if brackets > MaxBrackets {
			return &limitError{line, fmt.Sprintf("the body holds more than %d [ brackets (links and images) by this line", MaxBrackets),
				"split the page into smaller pages"}
		}
		if emphasis > MaxEmphasis {
			return &limitError{line, fmt.Sprintf("the body holds more than %d *, _ and ~ (emphasis marks) by this line", MaxEmphasis),
				"split the page into smaller pages"}
		}
		indent, containers := leading(l)
		if indent > MaxIndent {
			return &limitError{line, fmt.Sprintf("line is indented by %d columns, more than the limit of %d", indent, MaxIndent),
				"nest lists and quotes at most a few levels deep"}
		}
		if containers > MaxContainers {
			return &limitError{line, fmt.Sprintf("line opens %d block quotes or list items, more than the limit of %d", containers, MaxContainers),
				"nest lists and quotes at most a few levels deep"}
		}
	}
	return nil
}

// flowDepth tracks [ and { nesting across lines, skipping quoted text and
// comments; it returns the deepest level reached on this line.
func flowDepth(l []byte, depth *int) int {
	deepest := *depth
	var quote byte
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || l[i-1] == ' '):
			return deepest
		case c == '[' || c == '{':
			*depth++
			deepest = max(deepest, *depth)
		case c == ']' || c == '}':
			*depth = max(*depth-1, 0)
		}
	}
	return deepest
}

// leading measures a line's indentation in columns and counts the block
// quote and list markers that open it.
func leading(l []byte) (indent, containers int) {
	col := 0
	for i := 0; i < len(l); {
		switch c := l[i]; {
		case c == ' ':
			col++
			i++
		case c == '\t':
			col += 4 - col%4
			i++
		case c == '>':
			containers++
			col++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			containers++
			col++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && (l[j+1] == ' ' || l[j+1] == '\t') {
				containers++
				col += j + 1 - i
				i = j + 1
				continue
			}
			return indent, containers
		default:
			return indent, containers
		}
		if containers == 0 {
			indent = col
		}
	}
	return indent, containers
}
