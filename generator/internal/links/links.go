// Package links rewrites the links in a page's Markdown before Hugo renders
// it, so that no template has to run for every link: links to pages a
// company hid become plain text, and root-relative links gain the site's
// base path when it is served below one (https://example.com/handbook/).
package links

import (
	"regexp"
	"strings"
)

// inline matches an inline link or image's destination: ](/path "title").
var inline = regexp.MustCompile(`(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((/[^)\s]*)(\s+"[^"]*")?\)`)

// Rewrite returns the Markdown with links to hidden URLs turned into their
// text (a hidden URL may carry an anchor: "/glossary/#term" hides the links
// to that anchor only) and root-relative destinations prefixed with basePath ("/" for none).
// Code spans and fenced code are left alone.
func Rewrite(md string, hidden map[string]bool, basePath string) string {
	prefix := strings.TrimSuffix(basePath, "/")
	if prefix == "" && len(hidden) == 0 {
		return md
	}
	var b strings.Builder
	inFence := false
	for _, line := range strings.SplitAfter(md, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			inFence = !inFence
		}
		if inFence || !strings.Contains(line, "](/") {
			b.WriteString(line)
			continue
		}
		b.WriteString(rewriteLine(line, hidden, prefix))
	}
	return b.String()
}

func rewriteLine(line string, hidden map[string]bool, prefix string) string {
	// Split on code spans: odd parts are code and stay as they are.
	parts := strings.Split(line, "`")
	for i := 0; i < len(parts); i += 2 {
		parts[i] = inline.ReplaceAllStringFunc(parts[i], func(m string) string {
			sub := inline.FindStringSubmatch(m)
			image, text, dest, title := sub[1], sub[2], sub[3], sub[4]
			path, frag := dest, ""
			if j := strings.IndexAny(path, "#?"); j >= 0 {
				path = path[:j]
			}
			if j := strings.Index(dest, "#"); j >= 0 {
				frag = dest[j:]
			}
			if image == "" && (hidden[path] || (frag != "" && hidden[path+frag])) {
				return text
			}
			return image + "[" + text + "](" + prefix + dest + title + ")"
		})
	}
	return strings.Join(parts, "`")
}
