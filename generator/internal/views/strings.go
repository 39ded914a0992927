package views

import (
	"slices"

	"github.com/product-roles/handbook/generator/internal/words"
)

// Strings are the words the derived views use (labels, captions, the
// titles of generated pages), by id, in one language: the theme's
// i18n/<lang>.toml as the build reads it, with the source language's words
// for the ids the language lacks. {1}, {2}, {3} stand for the values put
// in; where a sentence needs a title in lower case, the lower-cased title
// is given as the next value: {2} after {1}, {4} after {3}.
type Strings map[string]string

// T returns the words for id with {1}, {2}, ... replaced by args.
func (s Strings) T(id string, args ...string) string {
	return words.Fill(s[id], args...)
}

// badges are the fixed values of the role maps (ownerships, importances)
// that the theme shows as a badge; a value's words are its id's.
var badges = []string{"leads", "shares", "supports", "none", "essential", "important", "helpful"}

// cell is a role map's value with its label.
func (s Strings) cell(v string) Cell {
	if v == "" {
		return Cell{Value: "unset", Label: s.T("unset")}
	}
	if slices.Contains(badges, v) {
		return Cell{Value: v, Label: s.T(v)}
	}
	return Cell{Value: v} // free text: no label, so the theme shows prose, not a tag
}
