package validate

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
)

// britishRules are the British spellings the handbook's English prose
// avoids (it writes American English, see CONTRIBUTING.md, "Spelling"):
// each matches a whole word, and its American form replaces the word's
// first group with to.
var britishRules = []struct {
	re *regexp.Regexp
	to string
}{
	{regexp.MustCompile(`(?i)\b(?:organi|prioriti|hypothesi|recogni|reali|summari|categori|standardi|minimi|maximi|optimi|visuali|formali|centrali|speciali|finali|normali|utili|capitali|characteri|critici|authori|customi|harmoni|mobili|moneti|operationali|personali|synchroni|itemi|emphasi|apologi|sociali|memori|incentivi)(s)(?:e|es|ed|ing|ation|ations|ational|ationally|er|ers)\b`), "z"},
	{regexp.MustCompile(`(?i)\b(?:behavi|col|fav|hon|lab|neighb|hum|endeav|rum|sav|harb)(our)(?:s|ed|ing|able|ite|ites|al|less)?\b`), "or"},
	{regexp.MustCompile(`(?i)\b(?:cent|theat|fib|lit)(re)s?\b`), "er"},
	{regexp.MustCompile(`(?i)\bcent(red)\b`), "ered"},
	{regexp.MustCompile(`(?i)\b(?:analy|paraly|cataly)(s)(?:e|ed|ing)\b`), "z"},
	{regexp.MustCompile(`(?i)\bprogram(me)s?\b`), ""},
	{regexp.MustCompile(`(?i)\bcatalog(ue)s?\b`), ""},
	{regexp.MustCompile(`(?i)\b(?:judg|acknowledg)(e)ments?\b`), ""},
	{regexp.MustCompile(`(?i)\b(?:lic|def|off)en(c)es?\b`), "s"},
	{regexp.MustCompile(`(?i)\b(?:whil|among)(st)\b`), ""},
	{regexp.MustCompile(`(?i)\blearn(t)\b`), "ed"},
	{regexp.MustCompile(`(?i)\bpracti(s)(?:e|es|ed|ing)\b`), "c"},
	{regexp.MustCompile(`(?i)\bfulfi(l)(?:ment|s)?\b`), "ll"},
	{regexp.MustCompile(`(?i)\b(?:model|travel|label|signal|counsel)(l)(?:ed|ing|er|ers)\b`), ""},
}

// british is a British spelling in a line: its offsets and its American
// form.
type british struct {
	at, end  int
	american string
}

// britishIn lists the British spellings in a line, in order. Every rule
// matches a whole word (between \b), so the line is split into words once
// and each distinct word is matched against the rules once per check: seen
// holds the American form of each word met so far ("" for none).
func britishIn(line string, seen map[string]string) []british {
	var out []british
	for i := 0; i < len(line); {
		if !isWordByte(line[i]) {
			i++
			continue
		}
		j := i
		for j < len(line) && isWordByte(line[j]) {
			j++
		}
		w := line[i:j]
		a, ok := seen[w]
		if !ok {
			a = american(w)
			seen[w] = a
		}
		if a != "" {
			out = append(out, british{i, j, a})
		}
		i = j
	}
	return out
}

// isWordByte is \b's notion of a word character: an ASCII letter, digit or
// underscore.
func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// american is the American form of a word a rule matches, or "".
func american(w string) string {
	for _, r := range britishRules {
		if m := r.re.FindStringSubmatchIndex(w); m != nil && m[0] == 0 && m[1] == len(w) {
			return w[:m[2]] + r.to + w[m[3]:]
		}
	}
	return ""
}

// masked are the parts of a line of prose a spelling is not ours in: link
// targets, inline code, quotations and addresses.
var maskedRE = regexp.MustCompile("\\]\\([^)]*\\)|`[^`]*`|“[^”]*”|\"[^\"]*\"|https?://\\S+|[\\w./-]*/[\\w./-]*")

// frontMaskedRE are the parts of a front matter line that are not ours:
// link targets, quotations in curly quotes and addresses.
var frontMaskedRE = regexp.MustCompile(`\]\([^)]*\)|“[^”]*”|https?://\S+`)

// spelling warns (an error with --strict) on each British spelling in the
// English prose of an upstream page, front matter and body: not in a
// translation, a fork's own file, a
// quotation, a blockquote, a link's address, inline code, an id in the
// front matter (a word joined to others by hyphens, all in lower case) or
// a source's title.
func (c *checker) spelling() {
	seen := map[string]string{} // each word's American form, worked out once for all pages (without a memo, which keeps its own)
	for _, p := range c.m.Pages {
		if p.Lang != "" || p.Overlay {
			continue // a translation, or a fork's own file: its company keeps its own convention
		}
		c.memo.spelling(p, &c.diags, seen, func(seen map[string]string, out *diag.List) { spellingIn(p, seen, out) })
	}
	c.memo.spellingDone()
}

// spellingIn warns on each British spelling in a page; seen holds the
// American form of each word met so far.
func spellingIn(p *content.Page, seen map[string]string, out *diag.List) {
	lines := strings.Split(string(p.Source), "\n")
	bodyLine := strings.Count(string(p.Source[:min(p.BodyAt, len(p.Source))]), "\n")
	for i, line := range lines {
		inBody := p.BodyAt > 0 && i >= bodyLine
		if !inBody && p.Kind == content.KindSource && strings.HasPrefix(line, "title:") {
			continue // the author's title, spelled as published
		}
		if inBody && strings.HasPrefix(strings.TrimSpace(line), ">") {
			continue // a quotation
		}
		if britishIn(line, seen) == nil {
			continue // masking only takes words away: most lines need none
		}
		text := mask(line, frontMaskedRE)
		if inBody {
			text = mask(line, maskedRE)
		}
		for _, b := range britishIn(text, seen) {
			if !inBody && slug(text, b.at, b.end) {
				continue
			}
			w := line[b.at:b.end]
			out.Warn(p.File, i+1, utf8.RuneCountInString(line[:b.at])+1, "spelling",
				fmt.Sprintf("%q is British spelling; the handbook's English is American: %q", w, b.american),
				"write the American form (quotations and the titles of sources keep theirs; ids and slugs never change); see CONTRIBUTING.md, \"Spelling\"")
		}
	}
}

// mask blanks what re matches, keeping every byte's offset.
func mask(s string, re *regexp.Regexp) string {
	return re.ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat(" ", len(m)) })
}

// slug reports whether the word at s[i:j] is part of an id: a lower-case
// token with no spaces in which a hyphen or underscore joins it to another.
func slug(s string, i, j int) bool {
	const idChars = "abcdefghijklmnopqrstuvwxyz0123456789-_"
	for i > 0 && strings.IndexByte(idChars, s[i-1]) >= 0 {
		i--
	}
	for j < len(s) && strings.IndexByte(idChars, s[j]) >= 0 {
		j++
	}
	tok := s[i:j]
	return strings.ContainsAny(tok, "-_") && tok == strings.ToLower(tok)
}
