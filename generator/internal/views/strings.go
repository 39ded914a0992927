package views

import (
	"strconv"
	"strings"
)

// Strings are the words the derived views use (labels, captions, the
// titles of generated pages), by id, in one language. They are the view
// ids of the theme's i18n/<lang>.toml, read by the build; an id a language
// lacks is English. {1}, {2}, {3} stand for the values put in.
type Strings map[string]string

// Where a sentence needs a title in lower case, the lower-cased title is
// given as the next value: {2} after {1}, {4} after {3}.
//
// English are the views' words in the source language; the theme's
// i18n/en.toml holds the same (a test keeps them equal).
var English = Strings{
	"leads": "Leads", "shares": "Shares", "supports": "Supports", "none": "Not involved",
	"essential": "Essential", "important": "Important", "helpful": "Helpful", "unset": "Not described",

	"corner_dimension": "Dimension", "corner_duty": "Duty", "corner_skill": "Skill", "corner_competency": "Competency",
	"corner_level": "Level", "corner_aspect": "Aspect", "corner_ownership": "Ownership", "expectation": "Expectation",
	"scope": "Scope", "experience": "Typical experience",

	"caption_comparison":  "How the roles compare, dimension by dimension",
	"caption_duties":      "Who owns each duty, grouped by area",
	"caption_area":        "Who owns each {2} duty",
	"caption_glimpse":     "Who owns a duty: one from each area",
	"caption_role_duties": "The duties the {1} leads, shares or supports, by area, beside the other roles",
	"caption_skills":      "How much each role relies on each skill",
	"caption_ladder":      "{1}: what each level is expected to do",
	"caption_competency":  "What each level expects for {2}",
	"caption_overlap":     "Number of duties by ownership",
	"caption_pair_dims":   "How they compare", "caption_pair_duties": "Who owns each duty", "caption_pair_skills": "How much each relies on each skill",

	"compare_title":        "{1} and {2} compared",
	"cross_summary":        "What changes, competency by competency, when moving from {1} to {2} on another track.",
	"compare_summary":      "What changes, competency by competency, from {1} to {2} on the {4}.",
	"print_title":          "{1}: the whole ladder",
	"print_summary":        "Every level of the {2} on one printable page: scope, experience and expectations.",
	"rank_title":           "Level {1} across tracks: {2}",
	"rank_summary":         "The rank-{1} levels of every track side by side: {2}.",
	"and":                  "and",
	"pair_title":           "{1} and {2} side by side",
	"pair_summary":         "Every comparison, duty and skill of the {1} and the {2} in one place.",
	"card_title":           "{1}: level card",
	"card_summary":         "The {1} level on one printable page: scope, expectations and what changes from the level below.",
	"assessment_title":     "Self-assessment",
	"assessment_summary":   "Check yourself against your current and next level, competency by competency, privately in your browser.",
	"assessment_body":      assessmentBody,
	"changes_title":        "Recent changes",
	"changes_summary":      "The pages edited most recently, day by day, newest first.",
	"search_title":         "Search",
	"translations_title":   "Translations",
	"translations_summary": "How far each language's translation has got: pages and words translated, and which pages are out of date or not yet translated.",
	"search_summary":       "Search every page of the handbook, or browse the index of all pages grouped by kind.",

	"group_roles": "Roles", "group_duties": "Duties", "group_comparison": "Comparison", "group_skills": "Skills",
	"group_levels": "Career levels", "group_competencies": "Competencies", "group_guides": "Guides", "group_faq": "FAQ",
	"job_description": "Job description", "interview_guide": "Interview guide",
	"job_page_title":       "{1}: job description",
	"guide_page_title":     "{1}: interview guide",
	"guide_page_summary":   "The interview questions for {1}, competency by competency, with what weak, solid and strong answers sound like at this level, and a scorecard.",
	"job_combined_title":   "{1}, level {2}",
	"job_combined_summary": "One person in the roles of {1} at level {2}: the work of {3} in a single job.",
	"job_combined_warning": "This is {1} jobs in one. The person holds every duty that either role leads, so expect less time for each: " +
		"market and strategy work tends to lose out to the daily needs of the team. It works best for a young product with one small team; " +
		"plan to split the role as the product or the team grows.",
	"releases_title":           "Releases",
	"releases_summary":         "Every release of the handbook with its date and what changed in it, in plain words.",
	"releases_empty_summary":   "The handbook has no numbered release yet; each one will be listed here with its date and what changed in it.",
	"release_diff_title":       "Changes from {1} to {2}",
	"release_diff_summary":     "What changed in the handbook from release {1} ({2}) to {3} ({4}).",
	"release_unreleased":       "unreleased",
	"release_unreleased_since": "unreleased changes since {1}",
	"count_two":                "two", "count_three": "three", "count_four": "four", "count_several": "several",

	"group_similarities": "Similarities", "group_glossary": "Glossary", "group_sources": "Sources", "group_pages": "Pages", "group_interview": "Interview questions",
}

// T returns the words for id with {1}, {2}, ... replaced by args; English
// when the language lacks them.
func (s Strings) T(id string, args ...string) string {
	v, ok := s[id]
	if !ok {
		v = English[id]
	}
	for i, a := range args {
		v = strings.ReplaceAll(v, "{"+strconv.Itoa(i+1)+"}", a)
	}
	return v
}

// cell is a role map's value with its label.
func (s Strings) cell(v string) Cell {
	if v == "" {
		return Cell{Value: "unset", Label: s.T("unset")}
	}
	if _, ok := English[v]; ok && v != "unset" {
		return Cell{Value: v, Label: s.T(v)}
	}
	return Cell{Value: v} // free text: no label, so the theme shows prose, not a tag
}
