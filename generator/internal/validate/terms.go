package validate

import (
	"fmt"
	"regexp"
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
	// has are words one of which every variant contains: a line with
	// none of them cannot match, and strings.Contains is a hundred times
	// faster than the expression (whose leading \b or \p{L} keeps Go's
	// regexp from searching for a literal prefix). TestTermsHave keeps
	// them true.
	has []string
}

// styleSheets are the rejected variants by language tag. German follows
// the official German translation of the 2020 Scrum Guide, and one
// convention for gendered nouns.
var styleSheets = map[string][]term{
	"de": {
		{regexp.MustCompile(`\bProduktziel(?:e|en|es|s)?\b`), "Produkt-Ziel", false, []string{"Produktziel"}},
		{regexp.MustCompile(`\bSprintziel(?:e|en|es|s)?\b`), "Sprint-Ziel", false, []string{"Sprintziel"}},
		{regexp.MustCompile(`\bIncrements?\b`), "Inkrement", false, []string{"Increment"}},
		{regexp.MustCompile(`\bEntwicklungsteams?\b|\bDevelopment Teams?\b`), "Developer (the 2020 Scrum Guide has no development team)", false, []string{"Entwicklungsteam", "Development Team"}},
		{regexp.MustCompile(`\bEntwickler(?:in|innen|n|s)?\b`), "Developer", false, []string{"Entwickler"}},
		{regexp.MustCompile(`\bProdukt-?[Bb]acklogs?\b`), "Product Backlog", false, []string{"Produktbacklog", "ProduktBacklog", "Produkt-backlog", "Produkt-Backlog"}},
		{regexp.MustCompile(`\bSprint-Backlogs?\b`), "Sprint Backlog", true, []string{"Sprint-Backlog"}},
		{regexp.MustCompile(`\bScrum-Teams?\b`), "Scrum Team", true, []string{"Scrum-Team"}},
		{regexp.MustCompile(`\bDefinition von Done\b`), "Definition of Done", false, []string{"Definition von Done"}},
		{regexp.MustCompile(`\bSpitze des (?:Product )?Backlogs\b`), "oben im Product Backlog, die obersten Einträge", false, []string{"Spitze des "}},
		{regexp.MustCompile(`\p{L}+(?:\*|:|_)innen\b|\p{L}*\p{Ll}Innen\b`), "a pair form (Kundinnen und Kunden) or a neutral form (Mitarbeitende)", false, []string{"*innen", ":innen", "_innen", "Innen"}},
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
		if !slices.ContainsFunc(sheet, func(t term) bool { return t.in(line) }) {
			continue // masking only takes words away: most lines need none
		}
		text := mask(line, termMaskedRE)
		for _, t := range sheet {
			if !t.in(text) {
				continue
			}
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

// in reports whether the term's variant occurs in a line.
func (t term) in(line string) bool {
	return slices.ContainsFunc(t.has, func(w string) bool { return strings.Contains(line, w) }) && t.re.MatchString(line)
}
