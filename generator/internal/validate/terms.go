package validate

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/product-roles/handbook/generator/internal/diag"
)

// A term is a variant a language's style sheet rejects (CONTRIBUTING.md,
// "German style sheet") and the form it uses instead.
type term struct {
	re  *regexp.Regexp
	use string
	// compound: the variant followed by a hyphen is the used term inside a
	// compound (Scrum-Team-Mitglied, Sprint-Backlog-Eintrag), which German
	// hyphenates.
	compound bool
	// lits are words one of which every match holds (see required); a
	// line holding none of them is not matched against re at all, which
	// saves nearly all of the style sheet's time (most lines hold none).
	// nil: the expression names no such word, and every line is matched.
	lits []string
}

// newTerm compiles a variant's expression and works out its words.
func newTerm(expr, use string, compound bool) term {
	re := regexp.MustCompile(expr)
	parsed, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err) // MustCompile above accepted it
	}
	return term{re: re, use: use, compound: compound, lits: required(parsed.Simplify())}
}

// mayMatch reports whether line holds one of the term's words (always,
// when the term has none).
func (t term) mayMatch(line string) bool {
	return t.lits == nil || slices.ContainsFunc(t.lits, func(l string) bool { return strings.Contains(line, l) })
}

// required returns words one of which every match of re holds, or nil
// when it cannot tell: a case-sensitive literal; for a sequence, the
// longest such set of one of its parts; for alternatives, every
// alternative's set together (nil when one has none).
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		for _, sub := range re.Sub {
			if r := required(sub); r != nil && (best == nil || shortest(r) > shortest(best)) {
				best = r
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			r := required(sub)
			if r == nil {
				return nil
			}
			all = append(all, r...)
		}
		return all
	}
	return nil
}

// shortest is the length of the shortest of words.
func shortest(words []string) int {
	n := -1
	for _, w := range words {
		if n < 0 || len(w) < n {
			n = len(w)
		}
	}
	return n
}

// styleSheets are the rejected variants by language tag. German follows
// the official German translation of the 2020 Scrum Guide, and one
// convention for gendered nouns.
var styleSheets = map[string][]term{
	"de": {
		newTerm(`\bProduktziel(?:e|en|es|s)?\b`, "Produkt-Ziel", false),
		newTerm(`\bSprintziel(?:e|en|es|s)?\b`, "Sprint-Ziel", false),
		newTerm(`\bIncrements?\b`, "Inkrement", false),
		newTerm(`\bEntwicklungsteams?\b|\bDevelopment Teams?\b`, "Developer (the 2020 Scrum Guide has no development team)", false),
		newTerm(`\bEntwickler(?:in|innen|n|s)?\b`, "Developer", false),
		newTerm(`\bProdukt-?[Bb]acklogs?\b`, "Product Backlog", false),
		newTerm(`\bSprint-Backlogs?\b`, "Sprint Backlog", true),
		newTerm(`\bScrum-Teams?\b`, "Scrum Team", true),
		newTerm(`\bDefinition von Done\b`, "Definition of Done", false),
		newTerm(`\bSpitze des (?:Product )?Backlogs\b`, "oben im Product Backlog, die obersten Einträge", false),
		newTerm(`\p{L}+(?:\*|:|_)innen\b|\p{L}*\p{Ll}Innen\b`, "a pair form (Kundinnen und Kunden) or a neutral form (Mitarbeitende)", false),
	},
}

// termMaskedRE are the parts of a line that are not the translation's own
// words: link targets, inline code, addresses and quotations.
var termMaskedRE = regexp.MustCompile("\\]\\([^)]*\\)|`[^`]*`|https?://\\S+|„[^“]*“|“[^”]*”|source_hash: \\S+")

// Terms lists each variant of a language's style sheet (none for a
// language without one) in the lines of a file
// (a translation, or the theme's words for the language), as warnings at
// their place.
func Terms(file, lang string, lines []string) diag.List {
	var ds diag.List
	sheet := styleSheets[lang]
	for i, line := range lines {
		if strings.HasPrefix(strings.TrimSpace(line), ">") {
			continue // a quotation
		}
		if !slices.ContainsFunc(sheet, func(t term) bool { return t.mayMatch(line) && t.re.MatchString(line) }) {
			continue // masking only takes words away: most lines need none
		}
		text := mask(line, termMaskedRE)
		for _, t := range sheet {
			for _, m := range t.re.FindAllStringIndex(text, -1) {
				if t.compound && m[1] < len(text) && text[m[1]] == '-' {
					continue // part of a compound (Scrum-Team-Mitglied): the style sheet hyphenates those
				}
				ds.Warn(file, i+1, utf8.RuneCountInString(line[:m[0]])+1, "style-sheet",
					fmt.Sprintf("%q is not the style sheet's term: write %s", line[m[0]:m[1]], t.use),
					"the German pages use the terms of the official German translation of the 2020 Scrum Guide; see CONTRIBUTING.md, \"German style sheet\"")
			}
		}
	}
	ds.Sort()
	return ds
}
