// Package mdtext writes text from content (titles, summaries, names) into
// generated Markdown (handbook.md, llms.txt, a pull request's summary) as
// plain text: whatever it holds, it cannot become a link, an image, raw
// HTML, a heading, a list item or a table cell boundary there.
package mdtext

import (
	"strings"
	"unicode"
)

var escaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "~", `\~`, "|", `\|`, "#", `\#`, "\r", " ", "\n", " ")

// Escape makes every Markdown mark in s literal and s one line (a line
// break becomes a space); other spacing is kept.
func Escape(s string) string { return escaper.Replace(s) }

// Inline is s as one line of plain Markdown text: spaces and line breaks
// run together, every mark made literal, and a start that would open a
// list item, a quote or a heading underline escaped.
func Inline(s string) string {
	s = Escape(strings.Join(strings.Fields(s), " "))
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '=':
		return `\` + s
	}
	digits := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	if digits > 0 && (s[digits] == '.' || s[digits] == ')') {
		return s[:digits] + `\` + s[digits:]
	}
	return s
}
