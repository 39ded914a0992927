package content

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Anchor turns heading text into an anchor id the way Hugo's
// "github-ascii" setting does (hugosite sets it): accents are taken off
// (ä to a), lower-case ASCII letters and digits stay, spaces and hyphens
// become hyphens, everything else is dropped. An id in ASCII is the same
// in a link's address as in the page, for browsers and for checkers
// that compare fragments byte for byte (a German heading's "ä" would
// otherwise be "%c3%a4" in every link to it).
func Anchor(s string) string {
	s, _, _ = transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r > unicode.MaxASCII:
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
