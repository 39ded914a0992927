package release

import (
	"context"
	"fmt"
	"strings"

	"github.com/product-roles/handbook/generator/internal/mdtext"
)

// Summary is what a pull request changes for readers: the semantic
// changes between its merge base and its work tree, written as Markdown
// for a reviewer (in GitHub Actions, the job's step summary).
type Summary struct {
	Base    string   // the merge base's commit
	Preview string   // the preview site's base URL, ending in "/"; "" links to nothing
	Changes []Change // from Diff
}

// ForReaders drops the changes a reader cannot see: a page whose words
// are the same and only its spacing or line breaks moved.
func ForReaders(cs []Change) []Change {
	var out []Change
	for _, c := range cs {
		if c.Kind == Prose && !changesWords(c.Words) {
			continue
		}
		out = append(out, c)
	}
	return out
}

func changesWords(ws []Word) bool {
	for _, w := range ws {
		if w.Op != Equal {
			return true
		}
	}
	return false
}

// bumpRules are CONTRIBUTING.md's versioning rules, one sentence per bump.
var bumpRules = map[Bump]string{
	Major: "a level or competency is removed or re-ranked",
	Minor: "an expectation or ownership changes, or something is added",
	Patch: "wording only",
}

// Markdown writes the summary: the release bump the changes need, then
// one line per change with its wording (a word diff for reworded text)
// and a link to the page in the preview.
func (s Summary) Markdown() string {
	var b strings.Builder
	b.WriteString("## What this pull request changes for readers\n\n")
	cs := ForReaders(s.Changes)
	base := s.Base
	if len(base) > 12 {
		base = base[:12]
	}
	if len(cs) == 0 {
		fmt.Fprintf(&b, "No change for readers since the merge base `%s`: no release is needed.\n", base)
		return b.String()
	}
	need := Required(cs)
	fmt.Fprintf(&b, "%s since the merge base `%s`. They need a **%s** release (%s; see the versioning rules in CONTRIBUTING.md).\n\n",
		plural(len(cs), "change"), base, need, bumpRules[need])
	for _, c := range cs {
		fmt.Fprintf(&b, "- **%s** %s: %s", c.Bump, s.link(c), escapeMD(c.Lead()))
		if c.Diffed() {
			b.WriteString(": " + markdownDiff(c.Words))
		}
		fmt.Fprintf(&b, " (`%s`)\n", c.Rel)
	}
	b.WriteString("\nIn the word diffs, ~~struck~~ words are removed and **bold** ones added.\n")
	return b.String()
}

// link is the page's title, linked to the preview unless the page is gone.
func (s Summary) link(c Change) string {
	title := escapeMD(c.Title)
	if s.Preview == "" || c.Kind == Removed || c.Kind == LevelRemoved || c.Kind == DutyRemoved || c.Kind == CompetencyRemoved {
		return title
	}
	return "[" + title + "](" + strings.TrimSuffix(s.Preview, "/") + c.Page + ")"
}

// markdownDiff writes a word diff with ~~deleted~~ and **inserted** runs;
// spaces at a run's edges stay outside the marks, where Markdown needs them.
func markdownDiff(ws []Word) string {
	var b strings.Builder
	for _, w := range ws {
		mark := map[Op]string{Delete: "~~", Insert: "**"}[w.Op]
		text := escapeMD(w.Text)
		if mark == "" {
			b.WriteString(text)
			continue
		}
		core := strings.TrimSpace(text)
		if core == "" {
			b.WriteString(text)
			continue
		}
		lead := text[:strings.Index(text, core)]
		trail := text[len(lead)+len(core):]
		b.WriteString(lead + mark + core + mark + trail)
	}
	return b.String()
}

// escapeMD keeps text from content literal in Markdown.
func escapeMD(s string) string { return mdtext.Escape(s) }

// Review compares the content folder dir as it is on disk with the merge
// base of HEAD and base (a branch, e.g. origin/main).
func (r *Reader) Review(ctx context.Context, base, dir string) (Summary, error) {
	mb, err := r.Git.MergeBase(ctx, "HEAD", base)
	if err != nil {
		return Summary{}, err
	}
	old, err := r.Model(mb)
	if err != nil {
		return Summary{}, err
	}
	cur, err := r.WorkTree(dir)
	if err != nil {
		return Summary{}, err
	}
	return Summary{Base: mb, Changes: Diff(old, cur)}, nil
}
