package release

import "github.com/product-roles/handbook/generator/internal/words"

// Phrases are a change's sentences by i18n id, as in the theme's
// i18n/en.toml (views' TestChangeWordsAreEnToml holds them equal): the
// pull-request summary and the API speak English without the theme.
type Phrases map[string]string

// T returns the words for id with {1}, {2}, ... replaced by args.
func (w Phrases) T(id string, args ...string) string {
	return words.Fill(w[id], args...)
}

// English is the words of Lead.
var English = Phrases{
	"change_none":                 "none",
	"change_level_added":          "level added at rank {1}",
	"change_level_removed":        "level removed (was rank {1})",
	"change_level_renamed":        "level renamed from {1}",
	"change_level_reranked":       "rank {1} → {2}",
	"change_expectation_added":    "expectation added for {1}: {2}",
	"change_expectation_removed":  "expectation removed for {1}",
	"change_expectation_reworded": "{1} expectation reworded",
	"change_competency_added":     "competency added",
	"change_competency_removed":   "competency removed",
	"change_competency_reranked":  "competency moved from position {1} to {2}",
	"change_duty_added":           "duty added ({1})",
	"change_duty_removed":         "duty removed",
	"change_value_from_to":        "{1}: {2} → {3}",
	"change_value_added":          "{1} value added: {2}",
	"change_value_removed":        "{1} value removed",
	"change_value_changed":        "{1} value changed",
	"change_page_added":           "{1} added",
	"change_page_removed":         "{1} removed",
	"change_words_removed_one":    "1 word removed",
	"change_words_removed":        "{1} words removed",
	"change_words_added_one":      "1 word added",
	"change_words_added":          "{1} words added",
	"change_wording_layout":       "wording changed (punctuation or layout)",
	"change_wording":              "wording changed ({1})",
	"kind_role":                   "role",
	"kind_dimension":              "comparison dimension",
	"kind_area":                   "area",
	"kind_duty":                   "duty",
	"kind_skill":                  "skill",
	"kind_competency":             "competency",
	"kind_track":                  "track",
	"kind_level":                  "level",
	"kind_source":                 "source",
	"kind_guide":                  "guide",
	"kind_similarity":             "similarity",
	"kind_faq":                    "question",
	"kind_term":                   "glossary term",
	"kind_interview":              "interview",
	"kind_page":                   "page",
}
