// Package conflict finds the markers a three-way merge (git merge-file,
// git merge, `override --merge`) leaves where both sides changed the same
// lines, so that an unresolved merge is never taken for finished text.
package conflict

import (
	"bytes"
	"fmt"
)

// Marker is one conflict marker line.
type Marker struct {
	Line int    // 1-based
	Text string // the marker as written, e.g. "<<<<<<< ours (company/)"
}

// Markers returns the conflict markers in data: every line that opens
// (<<<<<<<) or closes (>>>>>>>) a conflict, or separates its base
// (|||||||), and the ======= line between an opening and a closing marker.
// A ======= line elsewhere is Markdown (a heading's underline) and is not
// a marker.
func Markers(data []byte) []Marker {
	var out []Marker
	open := false
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSuffix(line, []byte("\r"))
		switch {
		case is(line, '<'):
			open = true
		case is(line, '>'):
			open = false
		case is(line, '|') && open:
		case open && bytes.Equal(line, []byte("=======")):
		default:
			continue
		}
		out = append(out, Marker{Line: i + 1, Text: string(line)})
	}
	return out
}

// is reports whether line is seven c's, alone or followed by a space and a
// label.
func is(line []byte, c byte) bool {
	if len(line) < 7 || (len(line) > 7 && line[7] != ' ') {
		return false
	}
	for _, b := range line[:7] {
		if b != c {
			return false
		}
	}
	return true
}

// Message says what a marker is, for an error at its line.
func (m Marker) Message() string {
	return fmt.Sprintf("merge conflict marker %q: a merge stopped here and was never finished", m.Text)
}

// Hint says how to finish the merge.
const Hint = "keep the lines you want between <<<<<<< and >>>>>>>, delete the markers, then run check again " +
	"(for an overlay copy, `generator override --refresh <upstream path>` then records the merge)"
