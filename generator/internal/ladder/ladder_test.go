package ladder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/release"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		from, to, marked string
		added            int
	}{
		{"Does tasks with help.", "Does tasks with help and reviews them.", "Does tasks with help{+ and reviews them+}.", 3},
		// A lone shared "the" or "for" is not a kept phrase.
		{"Owns the roadmap for their product.", "Writes the strategy for a product line.", "[-Owns the roadmap for their product-]{+Writes the strategy for a product line+}.", 7},
		// A first word of substance that both share is kept.
		{"Makes the key decisions.", "Makes decisions that change results.", "Makes [-the key decisions-]{+decisions that change results+}.", 4},
		{"", "Starts the track.", "{+Starts the track.+}", 3},
		{"Same words.", "Same words.", "Same words.", 0},
	} {
		st := Compare(c.from, c.to)
		if got := release.Marked(st.Words); got != c.marked || st.Added != c.added {
			t.Errorf("Compare(%q, %q) = %q, %d added; want %q, %d", c.from, c.to, got, st.Added, c.marked, c.added)
		}
	}
}

// The near-duplicate threshold, at its boundary: 3-word shingles, Jaccard.
func TestSimilarity(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
		dup  bool
	}{
		{"a b c d e", "a b c d e", 1, true},
		// shingles abc bcd cde vs abc bcd cdx: 2 shared of 4 = 0.50, at the limit
		{"a b c d e", "a b c d x", 0.5, true},
		// abc bcd cde def vs abc bcd cdx dxy: 2 of 6 = 0.33
		{"a b c d e f", "a b c d x y", 2.0 / 6, false},
		{"one two", "one two", 1, true},
		{"", "a b c", 0, false},
	} {
		got := Similarity(c.a, c.b)
		if got != c.want || (got >= NearDuplicate) != c.dup {
			t.Errorf("Similarity(%q, %q) = %.3f (near-duplicate %v), want %.3f (%v)", c.a, c.b, got, got >= NearDuplicate, c.want, c.dup)
		}
	}
}

// Uneven steps, at the boundaries of half and twice the median.
func TestUneven(t *testing.T) {
	med := Median([]int{10, 20, 30})
	if med != 20 || Median([]int{10, 20, 30, 40}) != 25 || Median(nil) != 0 {
		t.Fatalf("Median: %v", med)
	}
	for _, c := range []struct {
		size   int
		uneven bool
	}{{9, true}, {10, false}, {40, false}, {41, true}} {
		if got := IsUneven(c.size, med); got != c.uneven {
			t.Errorf("IsUneven(%d, %v) = %v, want %v", c.size, med, got, c.uneven)
		}
	}
}

func TestMindset(t *testing.T) {
	words := MindsetWords["en"]
	for _, c := range []struct {
		text, word string
		at         int
	}{
		{"Has tried coaching and wants to do more of it.", "wants to", 23},
		{"They Think In Terms Of programs.", "think in terms of", 5},
		{"Runs the review; the team wants it.", "", -1}, // "wants" without "to"
		{"Passionately argues.", "", -1},                // whole words only
	} {
		w, at := Mindset(c.text, words)
		if w != c.word || at != c.at {
			t.Errorf("Mindset(%q) = %q at %d, want %q at %d", c.text, w, at, c.word, c.at)
		}
	}
}

// docs/content-model.md lists every built-in mindset word.
func TestMindsetWordsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(testkit.Root(t), "docs", "content-model.md"))
	if err != nil {
		t.Fatal(err)
	}
	lower := strings.ToLower(string(doc))
	for lang, words := range MindsetWords {
		for _, w := range words {
			if !strings.Contains(lower, " "+w+",") && !strings.Contains(lower, " "+w+".") {
				t.Errorf("docs/content-model.md does not list the %s mindset word %q", lang, w)
			}
		}
	}
}
