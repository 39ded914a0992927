// Package ladder measures the steps between career levels: what one
// expectation adds to another (a word diff), how big a step is, how alike
// two expectations are, and which words name a mindset rather than
// something a reviewer can observe. The views show these measures; the
// ladder linter (package validate) warns on them.
package ladder

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/product-roles/handbook/generator/internal/release"
)

// The linter's thresholds, documented in docs/content-model.md ("How the
// ladders are linted").
const (
	// ShingleSize is the number of consecutive words in a shingle.
	ShingleSize = 3
	// NearDuplicate is the Jaccard similarity of two expectations' word
	// shingles at and above which they count as near-duplicates.
	NearDuplicate = 0.5
	// MinStep is the fewest words a level's expectation must add to the
	// level below's for the step not to count as empty.
	MinStep = 3
	// Uneven is how far a level's step may stray from the median step of
	// its track: a step under median/Uneven or over median*Uneven is uneven.
	Uneven = 2.0
	// Interchangeable is the Jaccard similarity of two expectations'
	// content words (function words left out, a plural's s dropped) at and
	// above which two levels of one track expect the same thing, in
	// whatever order the words come.
	Interchangeable = 0.5
)

// Step is what changes from one expectation to another.
type Step struct {
	Words  []release.Word // the word diff: kept, deleted and inserted runs
	Gained []string       // the inserted runs, as phrases
	Kept   []string       // the runs both share
	Lost   []string       // the deleted runs
	Added  int            // how many words were inserted: the step's size
}

// Compare diffs two expectations word by word (a longest-common-subsequence
// diff, cleaned up so that a lone shared "the" or "and" does not cut a
// phrase in two).
func Compare(from, to string) Step {
	s := Step{Words: merge(release.WordDiff(from, to))}
	for _, w := range s.Words {
		phrase := strings.Trim(w.Text, " ,;:.–—")
		if !wordRE.MatchString(phrase) {
			continue
		}
		switch w.Op {
		case release.Insert:
			s.Gained = append(s.Gained, phrase)
		case release.Delete:
			s.Lost = append(s.Lost, phrase)
		default:
			s.Kept = append(s.Kept, phrase)
		}
	}
	_, s.Added = release.Counted(s.Words)
	return s
}

// merge turns a shared run that holds fewer than two words of substance
// (words not in Stopwords) into a deletion and an insertion, unless it
// starts the text: "Owns the roadmap" and "Writes the strategy" share
// "the", not a phrase. What is left reads as phrases kept, dropped and added.
func merge(ws []release.Word) []release.Word {
	changed := slices.ContainsFunc(ws, func(w release.Word) bool { return w.Op != release.Equal })
	var out []release.Word
	var del, ins strings.Builder
	flush := func() {
		if del.Len() > 0 {
			out = append(out, release.Word{Op: release.Delete, Text: del.String()})
		}
		if ins.Len() > 0 {
			out = append(out, release.Word{Op: release.Insert, Text: ins.String()})
		}
		del.Reset()
		ins.Reset()
	}
	for i, w := range ws {
		switch {
		case w.Op == release.Delete:
			del.WriteString(w.Text)
		case w.Op == release.Insert:
			ins.WriteString(w.Text)
		case changed && weak(w.Text, i == 0, i == len(ws)-1):
			del.WriteString(w.Text)
			ins.WriteString(w.Text)
		default:
			flush()
			out = append(out, w)
		}
	}
	flush()
	return out
}

// weak reports whether a shared run is too slight to keep: fewer than two
// words of substance (one is enough at the start of the text); the
// punctuation that ends the text is kept.
func weak(text string, first, last bool) bool {
	ws := Words(text)
	if len(ws) == 0 && last {
		return false
	}
	substance := 0
	for _, x := range ws {
		if !Stopwords[x] {
			substance++
		}
	}
	return substance < 2 && !(first && substance == 1)
}

// Stopwords are the English and German function words that do not make a
// shared phrase on their own.
var Stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but nor of to in on at by for with from into onto over under about
		as than then that this these those it its their them they he she his her our we you your who whom whose which what
		when where why how is are was were be been being has have had do does did not no so such can could may might will
		would shall should must also both each every all any some more most other same own very just only even up out off
		der die das den dem des ein eine einer eines einem einen und oder aber nicht kein keine zu im in am an auf aus bei
		mit nach von vor für über unter um durch als wie dass ob wenn so auch es sie er ihr ihre ihren ihrem ihres sein
		seine seinen seinem seiner ist sind war wird werden hat haben kann können muss sich wer was wo jede jeder jedes
		alle mehr noch schon nur`) {
		Stopwords[w] = true
	}
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*`)

// Words are a text's words, in lower case.
func Words(s string) []string {
	ws := wordRE.FindAllString(s, -1)
	for i, w := range ws {
		ws[i] = strings.ToLower(w)
	}
	return ws
}

// Shingles are the runs of ShingleSize consecutive words of a text; a
// shorter text is one shingle.
func Shingles(s string) map[string]bool {
	ws := Words(s)
	out := map[string]bool{}
	if len(ws) == 0 {
		return out
	}
	if len(ws) < ShingleSize {
		out[strings.Join(ws, " ")] = true
		return out
	}
	for i := 0; i+ShingleSize <= len(ws); i++ {
		out[strings.Join(ws[i:i+ShingleSize], " ")] = true
	}
	return out
}

// Similarity is the Jaccard similarity of two texts' shingles: shared
// shingles over all distinct shingles, 0 (nothing shared) to 1 (the same
// words in the same order).
func Similarity(a, b string) float64 {
	return jaccard(Shingles(a), Shingles(b))
}

// jaccard is the share of two sets' members that both hold: shared over all
// distinct members; 0 when either is empty.
func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	shared := 0
	for m := range a {
		if b[m] {
			shared++
		}
	}
	return float64(shared) / float64(len(a)+len(b)-shared)
}

// ContentWords are a text's words less the Stopwords, each without a
// final s (so that "sets standards" and "set the standard" meet).
func ContentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range Words(s) {
		if Stopwords[w] {
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		out[w] = true
	}
	return out
}

// Overlap is the Jaccard similarity of two texts' content words: 0 (none
// shared) to 1 (the same words, in any order).
func Overlap(a, b string) float64 {
	return jaccard(ContentWords(a), ContentWords(b))
}

// Median is the middle of the sizes (the mean of the two middle ones for
// an even count); 0 for none.
func Median(sizes []int) float64 {
	if len(sizes) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(sizes))
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return float64(s[n/2-1]+s[n/2]) / 2
}

// IsUneven reports whether a step strays from the median too far.
func IsUneven(size int, median float64) bool {
	return median > 0 && (float64(size) < median/Uneven || float64(size) > median*Uneven)
}

// MindsetWords are the words and phrases that name an intention or a
// mindset, which no reviewer can observe, by language tag. A fork adds its
// own in company.toml ([lint] mindset_words).
var MindsetWords = map[string][]string{
	"en": {"want to", "wants to", "willing to", "eager", "keen to", "passionate", "passion", "aspires", "aspiring", "strives",
		"mindset", "attitude", "believes", "think in terms of", "thinks in terms of", "motivated", "desire to", "enjoys", "loves", "curious",
		"curiosity", "embraces", "feels", "intends to", "hopes to", "interested in", "open to", "comfortable with"},
	"de": {"möchte", "will", "bereit", "bereitschaft", "leidenschaft", "leidenschaftlich", "haltung", "denkweise",
		"mindset", "glaubt", "strebt", "motiviert", "motivation", "neugierig", "neugier", "interessiert", "begeistert",
		"wünscht", "fühlt", "offen für", "denkt in"},
}

// Mindset finds the first of the words (each a word or a phrase, matched
// whole and in any case) in a text: the word as listed and the offset in
// runes where it starts; -1 when none is there.
func Mindset(text string, words []string) (string, int) {
	locs := wordRE.FindAllStringIndex(text, -1)
	toks := make([]string, len(locs))
	for i, l := range locs {
		toks[i] = strings.ToLower(text[l[0]:l[1]])
	}
	best, at := "", -1
	for _, w := range words {
		want := Words(w)
		if len(want) == 0 {
			continue
		}
		for i := 0; i+len(want) <= len(toks); i++ {
			if slices.Equal(toks[i:i+len(want)], want) {
				if off := utf8.RuneCountInString(text[:locs[i][0]]); at < 0 || off < at {
					best, at = w, off
				}
				break
			}
		}
	}
	return best, at
}
