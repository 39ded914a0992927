package cms

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/schema"
)

// collections are the editor's collections, from the registry.
func collections() []struct{ kind, name string } {
	var out []struct{ kind, name string }
	for _, s := range content.Kinds().All() {
		if s.Editor.Name != "" {
			out = append(out, struct{ kind, name string }{s.Schema, s.Editor.Name})
		}
	}
	return out
}

// entries has one file of every kind, plus the ids the forms offer.
func testEntries() []Entry {
	var es []Entry
	for _, c := range collections() {
		id := "one-" + c.kind
		if c.kind == "level" {
			id = "one-track/" + id
		}
		es = append(es, Entry{Kind: c.kind, ID: id, Title: "One " + c.kind, Path: "content/" + c.name + "/" + id + ".md",
			Keys: []string{"title", "summary"}, Editable: true})
	}
	es[0].MapKeys = map[string][]string{"ownership": {"one-duty", "upstream-duty"}, "values": {"one-dimension"}, "importance": {"one-skill"}}
	es = append(es, Entry{Kind: "role", ID: "two-role", Title: "Two", Path: "content/roles/two-role.md", Keys: []string{"summary", "title"}, Editable: true},
		Entry{Kind: "duty", ID: "upstream-duty", Title: "Upstream", Path: "content/duties/upstream-duty.md", Editable: false})
	return es
}

type cfgJSON struct {
	Backend      map[string]any `json:"backend"`
	LocalBackend map[string]any `json:"local_backend"`
	PublishMode  string         `json:"publish_mode"`
	Collections  []struct {
		Name   string         `json:"name"`
		Folder string         `json:"folder"`
		Filter map[string]any `json:"filter"`
		Fields []field        `json:"fields"`
		Files  []struct {
			Name   string  `json:"name"`
			File   string  `json:"file"`
			Fields []field `json:"fields"`
		} `json:"files"`
	} `json:"collections"`
}

func decode(t *testing.T, data []byte) cfgJSON {
	t.Helper()
	s := string(data)
	var c cfgJSON
	if err := json.Unmarshal([]byte(s[strings.Index(s, "{"):]), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// form returns the fields of collection col: of its file with the given
// path, or for a folder collection its fields.
func (c cfgJSON) form(col, file string) []field {
	for _, cc := range c.Collections {
		if cc.Name != col {
			continue
		}
		if cc.Folder != "" {
			return cc.Fields
		}
		for _, f := range cc.Files {
			if f.File == file {
				return f.Fields
			}
		}
	}
	return nil
}

func find(fields []field, path string) *field {
	name, rest, more := strings.Cut(path, ".")
	for i := range fields {
		if fields[i].Name != name {
			continue
		}
		if !more {
			return &fields[i]
		}
		if fields[i].Field != nil && rest == "item" {
			return fields[i].Field
		}
		return find(fields[i].Fields, rest)
	}
	return nil
}

// propsOf lists every field path of a schema, nested objects and lists of
// objects included ("moves.to"), maps keyed by ids as the map itself.
func propsOf(n *node, prefix string) []string {
	var out []string
	for _, p := range n.props {
		out = append(out, prefix+p.name)
		switch {
		case len(p.node.props) > 0:
			out = append(out, propsOf(p.node, prefix+p.name+".")...)
		case p.node.Items != nil && len(p.node.Items.props) > 0:
			out = append(out, propsOf(p.node.Items, prefix+p.name+".")...)
		}
	}
	return out
}

func TestCMSConfigFollowsSchemas(t *testing.T) {
	data, err := Config(content.Kinds(), schema.FS(), Settings{Content: "content", Repo: "acme/handbook", Branch: "main"}, testEntries())
	if err != nil {
		t.Fatal(err)
	}
	cfg := decode(t, data)
	if cfg.Backend["name"] != "github" || cfg.Backend["repo"] != "acme/handbook" || cfg.Backend["branch"] != "main" || cfg.PublishMode != "editorial_workflow" {
		t.Errorf("backend %v, publish_mode %q: want GitHub acme/handbook@main with the editorial workflow", cfg.Backend, cfg.PublishMode)
	}
	if cfg.LocalBackend != nil {
		t.Errorf("local_backend set without Settings.Local: %v", cfg.LocalBackend)
	}

	t.Run("every field of every schema has a form field", func(t *testing.T) {
		sc, err := readSchemas(schema.FS())
		if err != nil {
			t.Fatal(err)
		}
		if len(sc) < 16 {
			t.Fatalf("read %d schemas, want every kind", len(sc))
		}
		for _, c := range collections() {
			name := c.name
			if c.kind == "level" {
				name = "levels-one-track"
			}
			form := cfg.form(name, "content/"+c.name+"/one-"+c.kind+".md")
			if form == nil {
				t.Errorf("collection %s: no form for its file", c.name)
				continue
			}
			for _, p := range propsOf(sc[c.kind], "") {
				if find(form, p) == nil {
					t.Errorf("%s.schema.json: field %s has no form field", c.kind, p)
				}
			}
			if f := find(form, "body"); f == nil || f.Widget != "markdown" {
				t.Errorf("%s: no markdown field for the body", c.name)
			}
		}
	})

	yes, no := true, false
	cases := []struct {
		col, file, path string
		widget          string
		required        *bool
		options         string // the option values, comma-separated, for select widgets
		pattern         string // a part of the pattern's message
		multiple        bool
	}{
		{col: "duties", path: "title", widget: "string", required: &yes, pattern: "title is empty or too long (at most 120 characters): write some text"},
		{col: "duties", path: "summary", widget: "text", required: &yes},
		{col: "duties", path: "linkTitle", widget: "string", required: &no},
		{col: "duties", path: "weight", widget: "number", required: &no},
		{col: "duties", path: "area", widget: "select", required: &yes, options: "one-area"},
		{col: "duties", path: "ownership", widget: "object", required: &yes},
		{col: "duties", path: "ownership.one-role", widget: "select", options: "leads,shares,supports,none"},
		{col: "duties", path: "ownership.two-role", widget: "select", options: "leads,shares,supports,none"},
		{col: "duties", path: "sources", widget: "select", required: &yes, options: "one-source", multiple: true},
		{col: "duties", path: "aliases.item", widget: "string", pattern: "is not in the expected form"},
		{col: "levels-one-track", path: "expectations.one-competency", widget: "text", pattern: "write some text"},
		{col: "levels-one-track", path: "moves", widget: "list", required: &no},
		{col: "levels-one-track", path: "moves.to", widget: "select", required: &yes, options: "one-track/one-level"},
		{col: "levels-one-track", path: "ready_for_next", widget: "list", required: &no},
		{col: "levels-one-track", path: "rank", widget: "number", required: &yes},
		{col: "tracks", file: "content/tracks/one-track.md", path: "role", widget: "select", required: &yes, options: "one-role,two-role"},
		{col: "roles", path: "works_with", widget: "list", required: &yes},
		{col: "roles", path: "values.one-dimension", widget: "text"},
		{col: "roles", path: "ownership.one-duty", widget: "select", options: "leads,shares,supports,none"},
		{col: "roles", path: "ownership.upstream-duty", widget: "select"},
		{col: "sources", path: "kind", widget: "select", required: &yes, options: "article,book,web"},
		{col: "sources", path: "issued", widget: "string", required: &no, pattern: `write the date as "YYYY" or "YYYY-MM-DD"`},
		{col: "sources", path: "link", widget: "string", pattern: "write a full http:// or https:// address"},
		{col: "interview", path: "tracks", widget: "select", required: &yes, options: "one-track", multiple: true},
		{col: "interview", path: "ranks.from", widget: "number", required: &yes},
		{col: "interview", path: "signals.weak", widget: "text", required: &yes},
	}
	for _, c := range cases {
		t.Run(c.col+"/"+c.path, func(t *testing.T) {
			f := find(cfg.form(c.col, c.file), c.path)
			if f == nil {
				t.Fatalf("no field %s in %s", c.path, c.file)
			}
			if f.Widget != c.widget {
				t.Errorf("widget %q, want %q", f.Widget, c.widget)
			}
			if c.required != nil && f.Required != *c.required {
				t.Errorf("required %v, want %v", f.Required, *c.required)
			}
			if c.options != "" {
				var vs []string
				for _, o := range f.Options {
					vs = append(vs, o.Value)
				}
				if got := strings.Join(vs, ","); got != c.options {
					t.Errorf("options %s, want %s", got, c.options)
				}
			}
			if c.pattern != "" && (len(f.Pattern) != 2 || !strings.Contains(f.Pattern[1], c.pattern)) {
				t.Errorf("pattern %q, want a message with %q", f.Pattern, c.pattern)
			}
			if f.Multiple != c.multiple {
				t.Errorf("multiple %v, want %v", f.Multiple, c.multiple)
			}
		})
	}

	t.Run("folders, translations left out", func(t *testing.T) {
		for _, cc := range cfg.Collections {
			if cc.Name == "duties" && (cc.Folder != "content/duties" || cc.Filter["field"] != "source_hash") {
				t.Errorf("duties: folder %q, filter %v", cc.Folder, cc.Filter)
			}
		}
	})
	t.Run("a map of many ids offers those the files have", func(t *testing.T) {
		if f := find(cfg.form("roles", ""), "ownership"); f == nil || len(f.Fields) != 2 {
			t.Errorf("one-role.md lists two duties, the roles form has %+v", f)
		}
	})
}

// withSchema returns the schemas with one kind's properties changed.
func withSchema(t *testing.T, kind string, change func(props map[string]any)) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	if err := fs.WalkDir(schema.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(schema.FS(), p)
		if p == kind+".schema.json" {
			var doc map[string]any
			if err := json.Unmarshal(data, &doc); err != nil {
				return err
			}
			change(doc["properties"].(map[string]any))
			data, _ = json.Marshal(doc)
		}
		m[p] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCMSConfigFollowsSchemaChanges(t *testing.T) {
	cases := []struct {
		name    string
		kind    string
		prop    string
		schema  map[string]any
		widget  string // of the new field in the duty's form
		wantErr string
	}{
		{name: "a text field", kind: "duty", prop: "team_note", schema: map[string]any{"$ref": "defs.schema.json#/$defs/text"}, widget: "text"},
		{name: "a choice", kind: "duty", prop: "cadence", schema: map[string]any{"enum": []any{"weekly", "monthly"}}, widget: "select"},
		{name: "a number", kind: "duty", prop: "effort", schema: map[string]any{"type": "integer", "minimum": 1}, widget: "number"},
		{name: "a list of text", kind: "duty", prop: "examples", schema: map[string]any{"$ref": "defs.schema.json#/$defs/texts"}, widget: "list"},
		{name: "an id nobody says the kind of", kind: "duty", prop: "owner_team", schema: map[string]any{"$ref": "defs.schema.json#/$defs/slug"}, wantErr: "field owner_team is an id, but its kind's Spec in the registry (content/kinds.go) does not say of what"},
		{name: "a yes or no", kind: "duty", prop: "flag", schema: map[string]any{"type": "boolean"}, widget: "boolean"},
		{name: "a type without a widget", kind: "duty", prop: "nothing", schema: map[string]any{"type": "null"}, wantErr: `field nothing: no widget for a schema of type "null"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := withSchema(t, c.kind, func(p map[string]any) { p[c.prop] = c.schema })
			data, err := Config(content.Kinds(), fsys, Settings{Repo: "a/b", Branch: "main"}, testEntries())
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) || !strings.Contains(err.Error(), "duty.schema.json") {
					t.Fatalf("error %v, want one naming the schema and %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			f := find(decode(t, data).form("duties", ""), c.prop)
			if f == nil || f.Widget != c.widget {
				t.Fatalf("field %s: %+v, want widget %s", c.prop, f, c.widget)
			}
		})
	}
	t.Run("a new kind needs a collection", func(t *testing.T) {
		m := withSchema(t, "duty", func(map[string]any) {}).(fstest.MapFS)
		m["team.schema.json"] = m["area.schema.json"]
		if _, err := Config(content.Kinds(), m, Settings{}, testEntries()); err == nil || !strings.Contains(err.Error(), "schema team.schema.json has no collection") {
			t.Fatalf("error %v", err)
		}
	})
}

func TestConfigIsDeterministicAndLocal(t *testing.T) {
	a, err := Config(content.Kinds(), schema.FS(), Settings{Repo: "a/b", Branch: "main", Local: "http://localhost:8081/api/v1"}, testEntries())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Config(content.Kinds(), schema.FS(), Settings{Repo: "a/b", Branch: "main", Local: "http://localhost:8081/api/v1"}, testEntries())
	if string(a) != string(b) {
		t.Error("two runs differ")
	}
	if c := decode(t, a); c.LocalBackend["url"] != "http://localhost:8081/api/v1" {
		t.Errorf("local_backend %v", c.LocalBackend)
	}
}

func TestGitHubRepo(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"https://github.com/product-roles/handbook", "product-roles/handbook", ""},
		{"https://github.com/acme/handbook.git/", "acme/handbook", ""},
		{"https://gitlab.com/acme/handbook", "", "not a repository on github.com"},
		{"https://github.com/acme", "", "does not name a repository"},
	} {
		got, err := GitHubRepo(c.in)
		if got != c.want || (c.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.err)) {
			t.Errorf("GitHubRepo(%q) = %q, %v; want %q, %q", c.in, got, err, c.want, c.err)
		}
	}
}

// In a fork every folder collection is in the overlay, and a file
// collection lists only the overlay's files.
func TestCMSEditsTheOverlay(t *testing.T) {
	es := testEntries()
	for i := range es {
		es[i].Editable = es[i].Kind == "role"
	}
	data, err := Config(content.Kinds(), schema.FS(), Settings{Content: "company/content", Repo: "acme/handbook", Branch: "main"}, es)
	if err != nil {
		t.Fatal(err)
	}
	cfg := decode(t, data)
	if len(cfg.Collections) == 0 {
		t.Fatal("no collections")
	}
	for _, c := range cfg.Collections {
		if c.Folder != "" && !strings.HasPrefix(c.Folder, "company/content/") {
			t.Errorf("collection %s writes to %s, not the overlay", c.Name, c.Folder)
		}
		if len(c.Files) > 0 {
			t.Errorf("collection %s lists upstream files %v", c.Name, c.Files)
		}
	}
	if f := find(cfg.form("duties", ""), "area"); f == nil || len(f.Options) != 1 || f.Options[0].Value != "one-area" {
		t.Errorf("the overlay's duty form should offer upstream's areas: %+v", f)
	}
}
