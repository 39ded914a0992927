package release

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op says whether a piece of text was kept, deleted or inserted.
type Op int

const (
	Equal  Op = 0
	Delete Op = -1
	Insert Op = 1
)

var opNames = map[Op]string{Equal: "equal", Delete: "delete", Insert: "insert"}

// MarshalText writes an Op as a word: equal, delete or insert.
func (o Op) MarshalText() ([]byte, error) { return []byte(opNames[o]), nil }

// UnmarshalText reads an Op written by MarshalText.
func (o *Op) UnmarshalText(b []byte) error {
	for op, name := range opNames {
		if name == string(b) {
			*o = op
			return nil
		}
	}
	return fmt.Errorf("unknown word diff op %q", b)
}

// Word is a run of text in a word diff.
type Word struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

var tokenRE = regexp.MustCompile(`[\p{L}\p{N}_’'-]+|\s+|[^\p{L}\p{N}\s]`)

// WordDiff compares two texts word by word with go-diff: every word (and
// every run of spaces, and every punctuation mark) is mapped to one rune,
// the rune strings are diffed and cleaned up for people to read, and the
// runes are turned back into words.
func WordDiff(a, b string) []Word {
	a, b = strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " ")
	dmp := diffmatchpatch.New()
	ra, rb, tokens := dmp.DiffLinesToRunes(lines(a), lines(b))
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(ra, rb, false))
	diffs = dmp.DiffCharsToLines(diffs, tokens)
	var out []Word
	for _, d := range diffs {
		w := Word{Op: Op(d.Type), Text: strings.ReplaceAll(d.Text, "\n", "")}
		if w.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Op == w.Op {
			out[n-1].Text += w.Text
			continue
		}
		out = append(out, w)
	}
	return out
}

// lines puts each token on a line of its own, the form go-diff's line mode reads.
func lines(s string) string {
	var b strings.Builder
	for _, t := range tokenRE.FindAllString(s, -1) {
		b.WriteString(t)
		b.WriteByte('\n')
	}
	return b.String()
}

// Counted returns how many words a diff deletes and inserts.
func Counted(ws []Word) (deleted, inserted int) {
	for _, w := range ws {
		n := len(tokenWords(w.Text))
		switch w.Op {
		case Delete:
			deleted += n
		case Insert:
			inserted += n
		}
	}
	return deleted, inserted
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

func tokenWords(s string) []string { return wordRE.FindAllString(s, -1) }

// Marked writes a word diff as text: [-deleted-]{+inserted+}, as git's
// --word-diff=plain does.
func Marked(ws []Word) string {
	var b strings.Builder
	for _, w := range ws {
		switch w.Op {
		case Delete:
			b.WriteString("[-" + w.Text + "-]")
		case Insert:
			b.WriteString("{+" + w.Text + "+}")
		default:
			b.WriteString(w.Text)
		}
	}
	return b.String()
}
