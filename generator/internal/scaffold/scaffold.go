// Package scaffold writes a new content file for a kind of thing, with
// placeholders to replace: `check` warns about each placeholder left (an
// error with --strict), and rejects a new role until its entry for every
// dimension, duty and skill is filled in.
package scaffold

import (
	"fmt"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
)

// Kinds lists what `generator new` can create: every kind of the registry
// with a New, in the registry's order. (A competency is added by hand:
// every level then needs an expectation for it.)
func Kinds(r *content.Registry) []string {
	var out []string
	for _, s := range r.All() {
		if s.New != nil {
			out = append(out, string(s.Kind))
		}
	}
	return out
}

// File returns the path below the content root and the text of a new file:
// the title and summary, then the fields and body its kind's Spec.New
// writes. For a level, id is "<track>/<level>".
func File(m *content.Model, kind, id string) (string, []byte, error) {
	kinds := m.Registry()
	spec, _ := kinds.Spec(content.Kind(kind))
	name := id
	if spec.Folder == "" { // a kind placed otherwise names its place in the id (a level: <track>/<level>)
		name = id[strings.LastIndex(id, "/")+1:]
	}
	if !content.IsSlug(name) {
		return "", nil, fmt.Errorf("%q is not a valid id: use lower-case letters, digits and single hyphens", name)
	}
	if content.DeviceName(name) {
		return "", nil, fmt.Errorf("%q is a device name on Windows (a file of that name breaks a Windows checkout); pick another id", name)
	}
	if spec.New == nil {
		return "", nil, fmt.Errorf("unknown kind %q: use one of %s", kind, strings.Join(Kinds(kinds), ", "))
	}
	title := Title(name)
	d := &content.Draft{ID: id, Title: title, Rel: spec.Folder + "/" + id + ".md",
		Head: fmt.Sprintf("title: %s\nsummary: One sentence that says what %s is about%s\n", title, strings.ToLower(title), content.Placeholder),
		Body: "Write the page here: what it is, how each role takes part, what good looks like, and where organisations differ" + content.Placeholder + "\n"}
	if err := spec.New(m, d); err != nil {
		return "", nil, err
	}
	return d.Rel, []byte("---\n" + d.Head + d.Fields + "---\n\n" + d.Body), nil
}
