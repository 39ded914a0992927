package content

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// Anchor turns heading text into an anchor id the way Hugo's default
// ("github") setting does: lower-case letters and digits, spaces and
// hyphens become hyphens, everything else is dropped.
func Anchor(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == '-' || r == ' ':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// anchorIDs gives headings Hugo's ids, numbering repeats as Hugo does.
type anchorIDs struct{ seen map[string]bool }

func (a *anchorIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := Anchor(string(value))
	if id == "" {
		id = "heading"
	}
	if a.seen[id] {
		for i := 1; ; i++ {
			if c := id + "-" + strconv.Itoa(i); !a.seen[c] {
				id = c
				break
			}
		}
	}
	a.seen[id] = true
	return []byte(id)
}

func (a *anchorIDs) Put(value []byte) { a.seen[string(value)] = true }
