// Package schema validates front matter against the JSON Schemas in
// schemas/, the same files the site publishes for editors.
package schema

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed schemas/*.json
var files embed.FS

// FS returns the schema files, for publishing with the site.
func FS() fs.FS {
	sub, _ := fs.Sub(files, "schemas")
	return sub
}

const base = "https://handbook.invalid/schemas/"

// Problem is one schema violation. Pointer is the JSON pointer of the value
// (or, for an unknown field, of the field itself).
type Problem struct {
	Pointer string
	Key     bool // the problem is the field itself, not its value
	Message string
	Hint    string
}

// Validator holds the compiled schema of every kind.
type Validator struct {
	schemas map[string]*jsonschema.Schema
	fields  map[string][]string // kind -> allowed top-level fields
}

// New compiles every schema file, and those in extra (a folder of
// <kind>.schema.json files for kinds added to the registry; nil for none),
// which may refer to the built-in defs.schema.json.
func New(extra fs.FS) (*Validator, error) {
	c := jsonschema.NewCompiler()
	type file struct {
		fsys fs.FS
		name string
	}
	var all []file
	for _, src := range []struct {
		fsys fs.FS
		dir  string
	}{{files, "schemas"}, {extra, "."}} {
		if src.fsys == nil {
			continue
		}
		sub, err := fs.Sub(src.fsys, src.dir)
		if err != nil {
			return nil, err
		}
		entries, err := fs.ReadDir(sub, ".")
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".schema.json") {
				all = append(all, file{sub, e.Name()})
			}
		}
	}
	v := &Validator{schemas: map[string]*jsonschema.Schema{}, fields: map[string][]string{}}
	props := map[string]map[string]any{}
	for _, f := range all {
		e := f
		data, err := fs.ReadFile(f.fsys, f.name)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", e.name, err)
		}
		if err := c.AddResource(base+e.name, doc); err != nil {
			return nil, err
		}
		if m, ok := doc.(map[string]any); ok {
			if p, ok := m["properties"].(map[string]any); ok {
				props[strings.TrimSuffix(e.name, ".schema.json")] = p
			}
		}
	}
	for k, p := range props {
		s, err := c.Compile(base + k + ".schema.json")
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", k, err)
		}
		v.schemas[k] = s
		for name := range p {
			v.fields[k] = append(v.fields[k], name)
		}
		slices.Sort(v.fields[k])
	}
	return v, nil
}

// Kinds lists the kinds that have a schema.
func (v *Validator) Kinds() []string {
	var ks []string
	for k := range v.schemas {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// Validate checks a JSON-compatible value against the schema of kind.
func (v *Validator) Validate(kindName string, value any) []Problem {
	s, ok := v.schemas[kindName]
	if !ok {
		return []Problem{{Message: fmt.Sprintf("no schema for kind %q", kindName)}}
	}
	err := s.Validate(value)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []Problem{{Message: err.Error()}}
	}
	var out []Problem
	v.collect(kindName, ve, &out)
	slices.SortStableFunc(out, func(a, b Problem) int { return strings.Compare(a.Pointer, b.Pointer) })
	return slices.CompactFunc(out, func(a, b Problem) bool { return a == b })
}

var printer = message.NewPrinter(language.English)

func (v *Validator) collect(kindName string, ve *jsonschema.ValidationError, out *[]Problem) {
	if len(ve.Causes) > 0 {
		for _, c := range ve.Causes {
			v.collect(kindName, c, out)
		}
		return
	}
	ptr := pointer(ve.InstanceLocation)
	field := strings.Join(ve.InstanceLocation, ".")
	switch k := ve.ErrorKind.(type) {
	case *kind.Required:
		for _, m := range k.Missing {
			name := m
			if field != "" {
				name = field + "." + m
			}
			*out = append(*out, Problem{Pointer: ptr, Message: fmt.Sprintf("missing required field %q", name),
				Hint: fmt.Sprintf("add `%s:` to the front matter (see docs/content-model.md)", m)})
		}
	case *kind.AdditionalProperties:
		for _, p := range k.Properties {
			name := p
			if field != "" {
				name = field + "." + p
			}
			hint := "remove it, or check its spelling against docs/content-model.md"
			if len(ve.InstanceLocation) == 0 {
				if s := closest(p, v.fields[kindName]); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				} else {
					hint = "fields allowed here: " + strings.Join(v.fields[kindName], ", ")
				}
			}
			*out = append(*out, Problem{Pointer: ptr + "/" + escape(p), Key: true, Message: fmt.Sprintf("unknown field %q", name), Hint: hint})
		}
	case *kind.Enum:
		var want []string
		for _, w := range k.Want {
			want = append(want, fmt.Sprint(w))
		}
		*out = append(*out, Problem{Pointer: ptr, Message: fmt.Sprintf("%s is %q, which is not allowed", field, fmt.Sprint(k.Got)),
			Hint: "use one of: " + strings.Join(want, ", ")})
	case *kind.Type:
		*out = append(*out, Problem{Pointer: ptr, Message: fmt.Sprintf("%s must be %s, not %s", orTop(field), article(strings.Join(k.Want, " or ")), k.Got),
			Hint: typeHint(k.Want)})
	case *kind.Pattern:
		*out = append(*out, Problem{Pointer: ptr, Message: fmt.Sprintf("%s %q is not in the expected form", orTop(field), k.Got),
			Hint: patternHint(k.Want)})
	case *kind.MinLength, *kind.MinItems, *kind.MinProperties:
		*out = append(*out, Problem{Pointer: ptr, Message: fmt.Sprintf("%s is empty", orTop(field)), Hint: "write a value or remove the field"})
	case *kind.MaxLength:
		*out = append(*out, Problem{Pointer: ptr, Message: fmt.Sprintf("%s is too long (%d characters, at most %d)", field, k.Got, k.Want), Hint: "shorten it"})
	case *kind.UniqueItems:
		*out = append(*out, Problem{Pointer: ptr, Message: fmt.Sprintf("%s lists the same item twice", field), Hint: "remove the repeated item"})
	case *kind.Minimum:
		*out = append(*out, Problem{Pointer: ptr, Message: fmt.Sprintf("%s must be at least %v", field, k.Want), Hint: "ranks start at 1"})
	default:
		*out = append(*out, Problem{Pointer: ptr, Message: fmt.Sprintf("%s: %s", orTop(field), ve.ErrorKind.LocalizedString(printer))})
	}
}

func orTop(field string) string {
	if field == "" {
		return "front matter"
	}
	return field
}

func article(s string) string {
	switch s {
	case "object":
		return "a mapping (key: value lines)"
	case "array":
		return "a list"
	case "integer":
		return "a whole number"
	}
	return "a " + s
}

func typeHint(want []string) string {
	if slices.Contains(want, "array") {
		return "write a list: one `- item` per line, or [a, b]"
	}
	if slices.Contains(want, "string") {
		return "put the value in quotes"
	}
	if slices.Contains(want, "integer") || slices.Contains(want, "number") {
		return "write a number without quotes, e.g. 3"
	}
	if slices.Contains(want, "object") {
		return "write one `key: value` per line, indented under the field"
	}
	return "see docs/content-model.md"
}

func patternHint(p string) string {
	switch {
	case strings.Contains(p, "[a-z0-9]+(-[a-z0-9]+)*/"):
		return "write <track-id>/<level-id>, e.g. product-management/senior-product-manager"
	case strings.Contains(p, "[a-z0-9]+(-[a-z0-9]+)*"):
		return "ids are lower-case letters, digits and single hyphens, e.g. backlog-ordering"
	case strings.Contains(p, "[0-9]{4}"):
		return `write the date as "YYYY" or "YYYY-MM-DD", in quotes`
	case strings.Contains(p, "https?"):
		return "write a full http:// or https:// address"
	case p == `\S`:
		return "write some text"
	}
	return "see docs/content-model.md"
}

func pointer(loc []string) string {
	var b strings.Builder
	for _, s := range loc {
		b.WriteByte('/')
		b.WriteString(escape(s))
	}
	return b.String()
}

func escape(s string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(s) }

// closest returns the candidate within edit distance 2 of s, if any.
func closest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// PatternHint is what check's hint says when a value does not match the
// pattern p; the content editor's forms say the same.
func PatternHint(p string) string { return patternHint(p) }
