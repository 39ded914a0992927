// Package cms makes the content editor at /admin/: Decap CMS, with its
// configuration generated from the content model's JSON Schemas and the
// files of the handbook, so that the forms accept what `check` accepts.
package cms

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/schema"
)

// Entry is one file the editor offers, or (Editable false) one whose id
// other files may refer to: an upstream file in a fork, which the company
// edits only through its overlay.
type Entry struct {
	Kind  string   // schema kind: "duty", "level", ...
	ID    string   // the id other files refer to ("<track>/<id>" for a level)
	Name  string   // unique in its kind, for the editor's addresses: the path below content/, with "--" for "/"
	Path  string   // from the repository root, with forward slashes
	Title string   // shown in the editor's lists and in id choices
	Keys  []string // the file's top-level front matter fields, in order
	// MapKeys are the ids a map of the file lists (role.ownership), for a
	// map keyed by a kind with many files: its form offers only those.
	MapKeys  map[string][]string
	Editable bool
}

// Settings are the editor's backend.
type Settings struct {
	Content string // the folder the editor writes to: "content", or a fork's "company/content"
	Repo    string // GitHub "owner/name": every save is a branch and pull request there
	Branch  string // the branch pull requests go to
	// Local, when set, is the URL of decap-server's API
	// (http://localhost:8081/api/v1): the editor then reads and writes the
	// files of a local repository instead of GitHub.
	Local string
}

// refFor says which kind of file the field at a dotted path of a kind
// names (for a map keyed by ids, such as ownership, the kind of its keys),
// from the registry's reference fields; "" when it names none.
func refFor(kinds *content.Registry, kind, path string) string {
	for _, s := range kinds.All() {
		if s.Schema != kind {
			continue
		}
		for _, r := range s.Refs {
			if r.Shape != content.Each && r.Field == path || r.Shape == content.Each && r.Field+"."+r.Sub == path {
				return kinds.SchemaOf(r.Target)
			}
		}
	}
	return ""
}

// field is one of Decap's field settings; the JSON names are Decap's.
type field struct {
	Label     string   `json:"label"`
	Name      string   `json:"name"`
	Widget    string   `json:"widget"`
	Required  bool     `json:"required"`
	Hint      string   `json:"hint,omitempty"`
	Pattern   []string `json:"pattern,omitempty"`
	Options   []option `json:"options,omitempty"`
	Multiple  bool     `json:"multiple,omitempty"`
	ValueType string   `json:"value_type,omitempty"`
	Min       *int     `json:"min,omitempty"` // a number's minimum, a list's fewest items
	Collapsed bool     `json:"collapsed,omitempty"`
	Field     *field   `json:"field,omitempty"`
	Fields    []field  `json:"fields,omitempty"`
}

type option struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

type file struct {
	Name   string  `json:"name"`
	Label  string  `json:"label"`
	File   string  `json:"file"`
	Fields []field `json:"fields"`
}

type collection struct {
	Name      string  `json:"name"`
	Label     string  `json:"label"`
	Format    string  `json:"format"`
	Extension string  `json:"extension,omitempty"`
	Folder    string  `json:"folder,omitempty"`
	Create    bool    `json:"create,omitempty"`
	Slug      string  `json:"slug,omitempty"`
	Filter    *filter `json:"filter,omitempty"`
	Summary   string  `json:"summary,omitempty"`
	Editor    struct {
		Preview bool `json:"preview"`
	} `json:"editor"`
	Files  []file  `json:"files,omitempty"`
	Fields []field `json:"fields,omitempty"`
}

// filter keeps the files whose field equals a value; with no value, those
// without the field: translations (name.de.md beside the file) carry
// source_hash and the files in the source language do not.
type filter struct {
	Field string `json:"field"`
}

type backend struct {
	Name         string `json:"name"`
	Repo         string `json:"repo"`
	Branch       string `json:"branch"`
	SquashMerges bool   `json:"squash_merges"`
}

type localBackend struct {
	URL string `json:"url"`
}

type config struct {
	Backend      backend       `json:"backend"`
	LocalBackend *localBackend `json:"local_backend,omitempty"`
	PublishMode  string        `json:"publish_mode"`
	MediaFolder  string        `json:"media_folder"`
	PublicFolder string        `json:"public_folder"`
	Collections  []collection  `json:"collections"`
}

// Config returns config.yml: JSON, which is YAML too, so that the file is
// the same bytes for the same input. schemaFS holds <kind>.schema.json.
//
// The collections are the registry's kinds with an Editor, in its order. A
// kind with a folder is a folder collection: every file in it, new ones too.
// A kind without one (tracks and section pages are _index.md files) lists
// its files. Levels get one collection per track (their folder).
func Config(kinds *content.Registry, schemaFS fs.FS, s Settings, entries []Entry) ([]byte, error) {
	sc, err := readSchemas(schemaFS)
	if err != nil {
		return nil, err
	}
	ids := map[string][]option{}
	for _, e := range entries {
		ids[e.Kind] = append(ids[e.Kind], option{Label: e.Title + " (" + e.ID + ")", Value: e.ID})
	}
	for k := range ids {
		slices.SortFunc(ids[k], func(a, b option) int { return strings.Compare(a.Value, b.Value) })
	}
	g := gen{ids: ids, kinds: kinds}
	cfg := config{
		Backend:      backend{Name: "github", Repo: s.Repo, Branch: s.Branch, SquashMerges: true},
		PublishMode:  "editorial_workflow",
		MediaFolder:  "static/images",
		PublicFolder: "/images",
	}
	if s.Local != "" {
		cfg.LocalBackend = &localBackend{URL: s.Local}
	}
	var errs []string
	collected := map[string]bool{}
	for _, spec := range kinds.All() {
		if spec.Editor.Name == "" {
			continue
		}
		c := struct{ kind, name, label, folder string }{spec.Schema, spec.Editor.Name, spec.Editor.Label, cmp.Or(spec.Editor.Folder, spec.Folder)}
		collected[c.kind] = true
		n := sc[c.kind]
		if n == nil {
			errs = append(errs, fmt.Sprintf("no schema for kind %q", c.kind))
			continue
		}
		var mine []Entry
		for _, e := range entries {
			if e.Kind == c.kind && e.Editable {
				mine = append(mine, e)
			}
		}
		if c.folder == "" {
			col := collection{Name: c.name, Label: c.label, Format: "frontmatter"}
			for _, e := range mine {
				fields, err := g.fields(c.kind, n, e.Keys, e)
				if err != nil {
					errs = append(errs, err.Error())
					continue
				}
				col.Files = append(col.Files, file{Name: fileName(e), Label: e.Title, File: e.Path, Fields: fields})
			}
			if len(col.Files) > 0 {
				cfg.Collections = append(cfg.Collections, col)
			}
			continue
		}
		folders := []struct{ name, label, dir string }{{c.name, c.label, path.Join(s.Content, c.folder)}}
		if c.kind == "level" {
			folders = nil
			for _, t := range ids["track"] {
				folders = append(folders, struct{ name, label, dir string }{c.name + "-" + t.Value, c.label + ": " + strings.TrimSuffix(t.Label, " ("+t.Value+")"), path.Join(s.Content, c.folder, t.Value)})
			}
		}
		all := Entry{Path: path.Join(s.Content, c.folder), MapKeys: map[string][]string{}}
		for _, e := range mine {
			for k, ids := range e.MapKeys {
				all.MapKeys[k] = append(all.MapKeys[k], ids...)
			}
		}
		fields, err := g.fields(c.kind, n, commonOrder(mine), all)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		for _, f := range folders {
			cfg.Collections = append(cfg.Collections, collection{Name: f.name, Label: f.label, Format: "frontmatter", Extension: "md",
				Folder: f.dir, Create: true, Slug: "{{slug}}", Filter: &filter{Field: "source_hash"}, Summary: "{{title}}", Fields: fields})
		}
	}
	for kind := range sc {
		if !collected[kind] {
			errs = append(errs, fmt.Sprintf("schema %s.schema.json has no collection in the editor (give its kind an Editor in the registry, content/kinds.go)", kind))
		}
	}
	if len(errs) > 0 {
		slices.Sort(errs)
		return nil, fmt.Errorf("content editor: %s", strings.Join(slices.Compact(errs), "; "))
	}
	var b bytes.Buffer
	b.WriteString("# The content editor's configuration (Decap CMS), generated by the generator from the\n" +
		"# JSON Schemas of the content model and the handbook's files. Do not edit: rebuild.\n")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(cfg); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func fileName(e Entry) string {
	if e.Name != "" {
		return e.Name
	}
	return strings.ReplaceAll(e.ID, "/", "--")
}

type gen struct {
	ids   map[string][]option
	kinds *content.Registry
}

// fields are the form of one file: its own fields in its order (Decap
// writes them in this order), then those of the schema it lacks, then the
// body.
func (g gen) fields(kind string, n *node, keys []string, e Entry) ([]field, error) {
	order := slices.Clone(keys)
	for _, p := range n.props {
		if !slices.Contains(order, p.name) {
			order = append(order, p.name)
		}
	}
	var out []field
	var errs []string
	for _, name := range order {
		i := slices.IndexFunc(n.props, func(p prop) bool { return p.name == name })
		if i < 0 {
			continue // an unknown field: check reports it; the form leaves it as it is
		}
		f, err := g.field(kind, name, n.props[i].node, slices.Contains(n.Required, name), e)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s.schema.json: %v", kind, err))
			continue
		}
		if f.Widget == "object" && len(f.Fields) == 0 {
			continue // a map of ids the file does not have: Decap needs a field in an object
		}
		out = append(out, f)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	out = append(out, field{Label: "Text", Name: "body", Widget: "markdown", Required: false,
		Hint: "The page's prose, below the fields. Link to other pages from the site root: /duties/backlog-ordering/"})
	return out, nil
}

// field maps one schema property to a widget. path is the field's dotted
// path from the top of the front matter.
func (g gen) field(kind, path string, n *node, required bool, e Entry) (field, error) {
	name := path[strings.LastIndex(path, ".")+1:]
	f := field{Label: label(name), Name: name, Required: required, Hint: n.Description}
	ref := refFor(g.kinds, kind, path)
	switch {
	case len(n.Enum) > 0:
		f.Widget = "select"
		for _, v := range n.Enum {
			f.Options = append(f.Options, option{Label: v, Value: v})
		}
	case n.Type == "string" && n.def == "slug" || n.Type == "string" && ref != "":
		if ref == "" {
			return f, fmt.Errorf("field %s is an id, but its kind's Spec in the registry (content/kinds.go) does not say of what", path)
		}
		if f.Options = g.ids[ref]; len(f.Options) == 0 {
			return f, fmt.Errorf("field %s names a %s, and there is none", path, ref)
		}
		f.Widget = "select"
	case n.Type == "string":
		f.Widget = "string"
		if n.def == "text" || n.def == "summary" {
			f.Widget = "text"
		}
		f.Pattern = pattern(path, n)
	case n.Type == "integer":
		f.Widget, f.ValueType, f.Min = "number", "int", n.Minimum
	case n.Type == "boolean":
		f.Widget = "boolean"
	case n.Type == "array" && n.Items != nil && (n.Items.def == "slug" || ref != ""):
		if ref == "" {
			return f, fmt.Errorf("field %s lists ids, but its kind's Spec in the registry (content/kinds.go) does not say of what", path)
		}
		f.Widget, f.Multiple, f.Options, f.Min = "select", true, g.ids[ref], n.MinItems
	case n.Type == "array" && n.Items != nil && n.Items.Type == "string":
		item, err := g.field(kind, path+".item", n.Items, true, e)
		if err != nil {
			return f, err
		}
		item.Label = "Item"
		f.Widget, f.Field, f.Min = "list", &item, n.MinItems
	case n.Type == "array" && n.Items != nil && n.Items.Type == "object":
		f.Widget = "list"
		sub, err := g.object(kind, path, n.Items, e)
		if err != nil {
			return f, err
		}
		f.Fields, f.Min = sub, n.MinItems
	case n.Type == "object" && n.add != nil:
		// A map keyed by ids: one field per id of the kind it is keyed by.
		if ref == "" {
			return f, fmt.Errorf("field %s is keyed by ids, but its kind's Spec in the registry (content/kinds.go) does not say of what", path)
		}
		f.Widget, f.Collapsed = "object", kind == "role"
		choices := g.ids[ref]
		if ref != "role" && ref != "competency" {
			// Every dimension, duty or skill would make a form of hundreds
			// of fields: offer those the file has.
			choices = slices.DeleteFunc(slices.Clone(choices), func(o option) bool { return !slices.Contains(e.MapKeys[path], o.Value) })
		}
		for _, o := range choices {
			sub, err := g.field(kind, path+"."+o.Value, n.add, false, e)
			if err != nil {
				return f, err
			}
			sub.Label = o.Label
			sub.Hint = ""
			f.Fields = append(f.Fields, sub)
		}
	case n.Type == "object" && len(n.props) > 0:
		f.Widget = "object"
		sub, err := g.object(kind, path, n, e)
		if err != nil {
			return f, err
		}
		f.Fields = sub
	default:
		return f, fmt.Errorf("field %s: no widget for a schema of type %q", path, n.Type)
	}
	return f, nil
}

func (g gen) object(kind, path string, n *node, e Entry) ([]field, error) {
	var out []field
	for _, p := range n.props {
		f, err := g.field(kind, path+"."+p.name, p.node, slices.Contains(n.Required, p.name), e)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// label is a field's name as a label: "reports_to" reads "Reports to".
func label(name string) string {
	s := strings.ReplaceAll(name, "_", " ")
	if s == "linkTitle" {
		s = "short title"
	}
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// pattern is the regular expression and message Decap checks a text field
// with: the schema's pattern and length, and the words check uses.
func pattern(path string, n *node) []string {
	switch {
	case n.Pattern == `\S` && n.MaxLength != nil:
		return []string{fmt.Sprintf(`^(?=[\s\S]*\S)[\s\S]{1,%d}$`, *n.MaxLength),
			fmt.Sprintf("%s is empty or too long (at most %d characters): %s, or shorten it", path, *n.MaxLength, schema.PatternHint(n.Pattern))}
	case n.Pattern == `\S`:
		return []string{n.Pattern, fmt.Sprintf("%s is empty: %s", path, schema.PatternHint(n.Pattern))}
	case n.Pattern != "":
		return []string{n.Pattern, fmt.Sprintf("%s is not in the expected form: %s", path, schema.PatternHint(n.Pattern))}
	case n.MaxLength != nil:
		return []string{fmt.Sprintf(`^[\s\S]{%d,%d}$`, ptr(n.MinLength), *n.MaxLength),
			fmt.Sprintf("%s is empty or too long (at most %d characters)", path, *n.MaxLength)}
	}
	return nil
}

func ptr(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// commonOrder is the order of the fields in most files of a kind: each
// field by its average place among the fields of the files that have it.
// Decap writes the fields of a folder collection in its fields' order.
func commonOrder(es []Entry) []string {
	sum, count := map[string]float64{}, map[string]int{}
	for _, e := range es {
		for i, k := range e.Keys {
			sum[k] += float64(i) / float64(len(e.Keys))
			count[k]++
		}
	}
	var keys []string
	for k := range sum {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		pa, pb := sum[a]/float64(count[a]), sum[b]/float64(count[b])
		switch {
		case pa < pb:
			return -1
		case pa > pb:
			return 1
		}
		return strings.Compare(a, b)
	})
	return keys
}
