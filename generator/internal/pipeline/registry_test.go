package pipeline

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/product-roles/handbook/generator/internal/cms"
	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/scaffold"
	"github.com/product-roles/handbook/generator/internal/schema"
	"github.com/product-roles/handbook/generator/internal/search"
	"github.com/product-roles/handbook/generator/internal/testkit"
	fixtures "github.com/product-roles/handbook/generator/internal/testkit/fixture"
	"github.com/product-roles/handbook/generator/internal/translation"
	"github.com/product-roles/handbook/generator/internal/validate"
	"github.com/product-roles/handbook/generator/internal/views"
)

// withRitual is the built-in registry plus a kind added as FORKING.md
// says: a ritual (content/rituals/<id>.md) whose duty names a duty, with
// its search group, editor collection, menu entry, prose to translate and
// what `new` writes. A ritual is Listed: it has no page of its own but an
// entry in its section's list. Nothing else in the code knows about rituals.
func withRitual() *content.Registry {
	r := content.Kinds()
	duty := content.NewField("duty", content.One, content.KindDuty)
	duty.Unknown, duty.Hint, duty.Hidden = "unknown duty %q", "use the id of a file in content/duties/: ", "ritual of hidden duty %q"
	r.Add(content.Spec{Kind: "ritual", Folder: "rituals", Listed: true,
		Refs:   []content.Ref{duty, content.NewField("sources", content.List, content.KindSource)},
		Group:  content.Group{Label: "group_rituals", ID: "rituals"},
		Editor: content.Editor{Name: "rituals", Label: "Rituals"},
		Nav:    content.Nav{Place: 11},
		Text:   map[string]string{"purpose": content.TextString, "agenda": content.TextList},
		New: func(m *content.Model, d *content.Draft) error {
			source, err := content.Cite(m)
			d.Add("duty: %s\npurpose: Why the team meets%s\nsources: [%s]\n", m.Of(content.KindDuty)[0].ID, content.Placeholder, source)
			return err
		}})
	return r
}

// ritualSchema is the ritual's schema, beside the built-in ones.
const ritualSchema = `{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "ritual.schema.json", "title": "ritual",
 "type": "object", "required": ["title", "summary", "duty"], "additionalProperties": false,
 "properties": {"title": {"$ref": "defs.schema.json#/$defs/title"}, "summary": {"$ref": "defs.schema.json#/$defs/summary"},
  "duty": {"type": "string"}, "purpose": {"type": "string"}, "agenda": {"type": "array", "items": {"type": "string"}},
  "sources": {"$ref": "defs.schema.json#/$defs/sources"}}}`

// registryFixture is the mini handbook with a file of every kind the
// registry has and a section for every menu entry.
func registryFixture(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	testkit.CopyTree(t, fixtures.Mini(t), dir)
	prose := "\n\nThis fixture page holds enough words to look like real prose for the tests that read it.\n"
	page := func(title, more string) string {
		return "---\ntitle: " + title + "\nsummary: The " + strings.ToLower(title) + " of the fixture.\n" + more + "---" + prose
	}
	for rel, data := range map[string]string{
		"guides/_index.md":       page("Guides", ""),
		"guides/onboarding.md":   page("Onboarding", "sources: [book]\n"),
		"faq/_index.md":          page("FAQ", ""),
		"faq/who-decides.md":     page("Who decides", ""),
		"glossary/_index.md":     page("Glossary", ""),
		"glossary/backlog.md":    page("Backlog", ""),
		"similarities/_index.md": page("Similarities", ""),
		"similarities/focus.md":  page("Focus", ""),
		"hiring/_index.md":       page("Hiring", ""),
		"about.md":               page("About", ""),
		"rituals/_index.md":      page("Rituals", ""),
		"rituals/review.md":      page("Price review", "duty: pricing\npurpose: A look at the prices every month\nagenda: [Numbers, Decisions]\nsources: [book]\n"),
	} {
		testkit.Write(t, filepath.Join(dir, rel), data)
	}
	return dir
}

func schemasWithRitual(t *testing.T) fs.FS {
	t.Helper()
	out := fstest.MapFS{"ritual.schema.json": {Data: []byte(ritualSchema)}}
	err := fs.WalkDir(schema.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(schema.FS(), p)
		out[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func loadWith(t *testing.T, r *content.Registry, dir string) (*content.Loader, *content.Model, diag.List) {
	t.Helper()
	l, err := content.NewLoaderFor(r, fstest.MapFS{"ritual.schema.json": {Data: []byte(ritualSchema)}})
	if err != nil {
		t.Fatal(err)
	}
	m, diags := l.Load(dir, "content")
	m.MergeRoleMaps()
	return l, m, diags
}

func errorsIn(l diag.List) []string {
	var out []string
	for _, d := range l {
		if d.Severity == diag.Error {
			out = append(out, d.String())
		}
	}
	return out
}

// asText is a value of a translatable field's type, in German.
func asText(typ string, source any) any {
	switch typ {
	case content.TextList:
		return []string{"Übersetzt"}
	case content.TextMap:
		out := map[string]string{"some-id": "Übersetzt"}
		m, _ := source.(map[string]any)
		for k := range m {
			out[k] = "Übersetzt"
		}
		return out
	case content.TextSignals:
		return []map[string]any{{"from_rank": 1, "weak": "Übersetzt"}}
	}
	return "Übersetzt"
}

// Every consumer of the registry follows it, for every kind it has and for
// a kind added to it: the loader places a file of the kind, check applies
// its schema and its references, hiding removes it, `new` writes one
// (or refuses a kind without New), the content editor has its collection
// with a choice of ids for every reference field, both search indexes list
// it in its group, the default menu has its section (in place) or not, and
// translation takes its prose fields, counts its words, or leaves it out.
// Each consumer that kept a hand list of kinds fails here for the ritual.
func TestEveryConsumerFollowsTheRegistry(t *testing.T) {
	kinds := withRitual()
	dir := registryFixture(t)
	loader, m, diags := loadWith(t, kinds, dir)
	if errs := errorsIn(append(diags, validate.Check(m, nil)...)); len(errs) > 0 {
		t.Fatalf("the fixture does not pass check:\n%s", strings.Join(errs, "\n"))
	}
	one := map[content.Kind]*content.Page{}
	for _, s := range kinds.All() {
		ps := m.Of(s.Kind)
		if len(ps) == 0 {
			t.Fatalf("the fixture has no file of kind %s", s.Kind)
		}
		one[s.Kind] = ps[len(ps)-1]
	}

	// What each consumer makes of the whole fixture.
	words := fixtures.Words(t, "en")
	if ds := groupWords(kinds, words); len(ds) != 1 || !strings.Contains(ds[0].String(), `"group_rituals"`) || ds.Errors() != 0 {
		t.Errorf("the build's warnings of group labels without words: %v, want one for group_rituals", ds)
	}
	words["group_rituals"] = "Rituals" // a fork adds its kind's words to its theme's i18n files
	if ds := groupWords(kinds, words); len(ds) != 0 {
		t.Errorf("the build warns of group labels that have words: %v", ds)
	}
	noJS := map[string][]string{} // group anchor -> titles
	for _, g := range views.Derive(m, words).Pages["/search"].Index {
		for _, r := range g.Rows {
			noJS[g.ID] = append(noJS[g.ID], r.Title+" "+r.URL)
		}
	}
	data, err := search.BuildIn(m, "en", groupLabels(m, words))
	if err != nil {
		t.Fatal(err)
	}
	var idx search.Index
	if err := json.Unmarshal(data, &idx); err != nil {
		t.Fatal(err)
	}
	anchor := map[string]string{} // a group's label in the words -> its anchor on the search page without JavaScript
	for _, g := range kinds.Groups() {
		anchor[words[g.Label]] = "index-" + g.ID
	}
	js := map[string][]string{} // the same, from the index the search page loads
	for _, d := range idx.Docs {
		id := anchor[idx.Groups[int(d[2].(float64))]]
		js[id] = append(js[id], d[0].(string)+" "+d[1].(string))
	}
	for id := range js {
		slices.Sort(js[id])
		slices.Sort(noJS[id])
	}
	if !maps2Equal(js, noJS) {
		t.Errorf("the two search indexes list different pages:\nwith JavaScript: %v\nwithout:         %v", js, noJS)
	}
	cfgData, err := cms.Config(kinds, schemasWithRitual(t), cms.Settings{Content: "content", Repo: "a/b", Branch: "main"}, cms.Entries(m, false, "content"))
	if err != nil {
		t.Fatal(err)
	}
	editor := editorConfig(t, cfgData)
	var menu []string
	for _, s := range nav(config.Default(), m) {
		menu = append(menu, s.ID)
	}
	langs := []config.Language{{Tag: "en"}, {Tag: "de"}}
	status := map[string]translation.File{}
	for _, f := range translation.Report(m, langs)[0].Files {
		status[f.Source] = f
	}

	for _, s := range kinds.All() {
		p := one[s.Kind]
		t.Run(string(s.Kind), func(t *testing.T) {
			t.Run("loader", func(t *testing.T) {
				if s.Folder != "" && !strings.HasPrefix(p.Rel, s.Folder+"/") {
					t.Errorf("%s is read as a %s, outside %s/", p.Rel, s.Kind, s.Folder)
				}
				if p.Listed != s.Listed {
					t.Errorf("%s: Listed is %v, its Spec says %v", p.Rel, p.Listed, s.Listed)
				}
				if s.Listed && p.Link() != strings.TrimSuffix(p.URL, p.ID+"/")+"#"+p.ID {
					t.Errorf("%s is listed, but its link is %s", p.Rel, p.Link())
				}
			})

			t.Run("validation", func(t *testing.T) {
				// The kind's schema: an unknown field is an error.
				src := strings.Replace(string(p.Source), "---\n", "---\nbogus_field: 1\n", 1)
				q, diags := loader.Parse(p.Rel, p.File, []byte(src))
				if q == nil || q.Kind != s.Kind {
					t.Fatalf("%s is not read as a %s: %v", p.Rel, s.Kind, diags)
				}
				if errs := errorsIn(validate.Schema(m.Schemas, kinds, q)); len(errs) == 0 || !strings.Contains(errs[0], "bogus_field") {
					t.Errorf("the %s schema lets an unknown field through: %q", s.Schema, errs)
				}
			})

			t.Run("hiding", func(t *testing.T) {
				hide := func(q *content.Page) (*content.Model, fork.Applied) {
					_, hm, _ := loadWith(t, kinds, dir)
					cfg, diags := config.Parse(config.Default(), []byte("hide = [\""+strings.Trim(q.URL, "/")+"\"]\n"), "handbook.toml")
					if !strings.Contains(strings.Trim(q.URL, "/"), "/") { // the home page, a section or a page of its own
						if !strings.Contains(fmt.Sprint(diags), "which is not a content path") {
							t.Errorf("hide lists %s: %v, want it refused", q.URL, diags)
						}
						return nil, fork.Applied{}
					}
					if diags.Errors() > 0 {
						t.Fatal(diags)
					}
					applied, diags := fork.Apply(cfg, hm)
					if diags.Errors() > 0 {
						t.Fatal(diags)
					}
					return hm, applied
				}
				id := p.ID
				if s.Kind == content.KindLevel {
					id = content.LevelID(p)
				}
				if hm, _ := hide(p); hm != nil && hm.Get(s.Kind, id) != nil {
					t.Errorf("hiding %s left it", p.URL)
				}
				// Hiding what a reference names drops the reference (or,
				// for a Follow reference, the file).
				for _, r := range s.Refs {
					vals := r.Values(p)
					if r.Hidden == "" && !r.Follow || len(vals) == 0 {
						continue
					}
					target := m.Get(r.Target, vals[0].ID)
					hm, applied := hide(target)
					if hm == nil {
						continue
					}
					if r.Follow {
						if hm.Get(s.Kind, id) != nil {
							t.Errorf("%s stays when %s, which its %s names, is hidden", p.Rel, target.Rel, r.Field)
						}
						continue
					}
					want := p.File + ":" // the line: that of the entry
					what := fmt.Sprintf(r.Hidden, vals[0].ID)
					if !slices.ContainsFunc(applied.Dropped, func(d fork.Dropped) bool {
						return strings.HasPrefix(d.String(), want) && d.What == what
					}) && hm.Get(s.Kind, id) != nil {
						t.Errorf("hiding %s: overrides does not list %q in %s: %v", target.Rel, what, p.File, applied.Dropped)
					}
				}
			})

			t.Run("new", func(t *testing.T) {
				id := "brand-new"
				if s.Kind == content.KindLevel {
					id = p.Track + "/" + id
				}
				if offered := slices.Contains(scaffold.Kinds(kinds), string(s.Kind)); offered != (s.New != nil) {
					t.Errorf("new offers %s: %v, want %v (its Spec has a New)", s.Kind, offered, s.New != nil)
				}
				rel, data, err := scaffold.File(m, string(s.Kind), id)
				if s.New == nil {
					if err == nil || !strings.Contains(err.Error(), "unknown kind") {
						t.Errorf("new %s: %v, want it refused (the kind has no New)", s.Kind, err)
					}
					return
				}
				if err != nil {
					t.Fatalf("new %s %s: %v", s.Kind, id, err)
				}
				q, diags := loader.Parse(rel, "content/"+rel, data)
				if q == nil || q.Kind != s.Kind {
					t.Fatalf("new %s wrote %s, read as %v: %v", s.Kind, rel, q, diags)
				}
				diags = append(diags, validate.Schema(m.Schemas, kinds, q)...)
				for _, e := range errorsIn(diags) {
					if !strings.Contains(e, `"todo"`) { // a role's entries, for the author to fill in
						t.Errorf("new %s: %s\n%s", s.Kind, e, data)
					}
				}
			})

			t.Run("editor", func(t *testing.T) {
				name := cmp.Or(s.Editor.Name, editorOf(kinds, s.Schema))
				if name == "" {
					t.Fatalf("no collection in the editor edits %s files", s.Kind)
				}
				fields := editor.form(name, p)
				if fields == nil {
					t.Fatalf("collection %s has no form for %s", name, p.Rel)
				}
				for _, r := range s.Refs {
					if r.Shape != content.One && r.Shape != content.List {
						continue
					}
					f := findField(fields, r.Field)
					if f == nil {
						t.Errorf("collection %s: no field %s", name, r.Field)
						continue
					}
					var want, got []string
					for _, q := range m.Of(r.Target) {
						want = append(want, q.ID)
					}
					for _, o := range f.Options {
						got = append(got, o.Value)
					}
					slices.Sort(want)
					if f.Widget != "select" || !slices.Equal(got, want) {
						t.Errorf("collection %s: field %s is a %s of %q, want a choice of the %s ids %q", name, r.Field, f.Widget, got, r.Target, want)
					}
				}
			})

			t.Run("search", func(t *testing.T) {
				id := "index-" + s.Group.ID
				row := p.Front.Title + " " + p.Link()
				if !slices.Contains(noJS[id], row) {
					t.Errorf("the search page without JavaScript does not list %q under %s: %v", row, s.Group.ID, noJS)
				}
				if !slices.Contains(js[id], row) {
					t.Errorf("the search index does not list %q under %s: %v", row, s.Group.ID, js)
				}
			})

			t.Run("menu", func(t *testing.T) {
				section := cmp.Or(s.Nav.Section, s.Folder)
				at := slices.Index(menu, section)
				switch {
				case s.Nav.Place == 0 && at >= 0 && !slices.ContainsFunc(kinds.All(), func(o content.Spec) bool { return o.Nav.Place > 0 && cmp.Or(o.Nav.Section, o.Folder) == section }):
					t.Errorf("the default menu has %s, which no kind puts there: %q", section, menu)
				case s.Nav.Place > 0 && at < 0:
					t.Errorf("the default menu lacks %s: %q", section, menu)
				case s.Nav.Place > 0:
					for _, o := range kinds.All() {
						if j := slices.Index(menu, cmp.Or(o.Nav.Section, o.Folder)); o.Nav.Place > 0 && j >= 0 && (o.Nav.Place < s.Nav.Place) != (j < at) {
							t.Errorf("the default menu %q puts %s (place %d) and %s (place %d) out of order", menu, section, s.Nav.Place, o.Nav.Section+o.Folder, o.Nav.Place)
						}
					}
				}
			})

			t.Run("translation", func(t *testing.T) {
				f, listed := status[p.File]
				if s.Untranslated {
					if listed {
						t.Errorf("translation status lists %s, whose kind is not translated", p.File)
					}
					return
				}
				if !listed {
					t.Fatalf("translation status does not list %s", p.File)
				}
				want := p.Words + len(strings.Fields(p.Front.Title)) + len(strings.Fields(p.Front.Summary))
				for field := range s.Text {
					want += translation.CountWords(p.Raw[field])
				}
				for _, mv := range p.Front.Moves {
					want += len(strings.Fields(mv.Note))
				}
				if f.Words != want {
					t.Errorf("translation status counts %d words in %s, want %d (title, summary, body and the fields %v)", f.Words, p.File, want, s.Text)
				}
				// A translation may set the kind's prose fields and no other.
				front := map[string]any{"title": "Übersetzt", "source_hash": p.Hash}
				for field, typ := range s.Text {
					front[field] = asText(typ, p.Raw[field])
				}
				tdir := filepath.Join(t.TempDir(), "content")
				testkit.CopyTree(t, dir, tdir)
				fm, _ := json.Marshal(front)
				testkit.Write(t, filepath.Join(tdir, filepath.FromSlash(content.TranslationPath(p.Rel, "de"))), "---\n"+string(fm)+"\n---\n\nÜbersetzt.\n")
				_, tm, diags := loadWith(t, kinds, tdir)
				if errs := errorsIn(diags); len(errs) > 0 {
					t.Fatalf("a translation with the fields %v: %q", s.Text, errs)
				}
				de := tm.Localize("de")
				for _, q := range de.Pages {
					if q.Rel != p.Rel {
						continue
					}
					for field, typ := range s.Text {
						if typ != content.TextString && typ != content.TextList {
							continue
						}
						got, _ := json.Marshal(q.Raw[field])
						want, _ := json.Marshal(front[field])
						if string(got) != string(want) {
							t.Errorf("the German page's %s is %s, want %s", field, got, want)
						}
					}
				}
				front["weight"] = 3
				fm, _ = json.Marshal(front)
				testkit.Write(t, filepath.Join(tdir, filepath.FromSlash(content.TranslationPath(p.Rel, "de"))), "---\n"+string(fm)+"\n---\n\nÜbersetzt.\n")
				if _, _, diags := loadWith(t, kinds, tdir); !slices.ContainsFunc(errorsIn(diags), func(e string) bool { return strings.Contains(e, `"weight" cannot be set in a translation`) }) {
					t.Errorf("a translation may set weight: %q", errorsIn(diags))
				}
			})
		})
	}

	t.Run("a reference of the added kind", func(t *testing.T) {
		tdir := filepath.Join(t.TempDir(), "content")
		testkit.CopyTree(t, dir, tdir)
		testkit.Write(t, filepath.Join(tdir, "rituals", "standup.md"), "---\ntitle: Standup\nsummary: A daily talk.\nduty: nope\n---\n\nThis fixture page holds enough words to look like real prose.\n")
		_, m, diags := loadWith(t, kinds, tdir)
		errs := errorsIn(append(diags, validate.Check(m, nil)...))
		if len(errs) != 1 || !strings.HasPrefix(errs[0], `content/rituals/standup.md:4:7: error: unknown duty "nope"`) {
			t.Errorf("check of a dangling duty: %q", errs)
		}
	})
}

func maps2Equal(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// editorOf names the collection of another kind with the same schema (the
// home page is edited among the section pages).
func editorOf(r *content.Registry, schemaName string) string {
	for _, s := range r.All() {
		if s.Schema == schemaName && s.Editor.Name != "" {
			return s.Editor.Name
		}
	}
	return ""
}

type editorField struct {
	Name    string `json:"name"`
	Widget  string `json:"widget"`
	Options []struct {
		Value string `json:"value"`
	} `json:"options"`
}

type editorCollections []struct {
	Name   string        `json:"name"`
	Folder string        `json:"folder"`
	Fields []editorField `json:"fields"`
	Files  []struct {
		File   string        `json:"file"`
		Fields []editorField `json:"fields"`
	} `json:"files"`
}

func editorConfig(t *testing.T, data []byte) editorCollections {
	t.Helper()
	var cfg struct {
		Collections editorCollections `json:"collections"`
	}
	_, body, _ := strings.Cut(string(data), "\n{")
	if err := json.Unmarshal([]byte("{"+body), &cfg); err != nil {
		t.Fatal(err)
	}
	return cfg.Collections
}

// form is the form a collection (or, for levels, its collection of the
// page's track) gives a page: a folder collection's fields when the page
// is in its folder, or the fields of its file.
func (c editorCollections) form(name string, p *content.Page) []editorField {
	for _, col := range c {
		if col.Name != name && col.Name != name+"-"+p.Track {
			continue
		}
		if col.Folder != "" && col.Folder == filepath.ToSlash(filepath.Dir(filepath.Join("content", p.Rel))) {
			return col.Fields
		}
		for _, f := range col.Files {
			if f.File == "content/"+p.Rel {
				return f.Fields
			}
		}
	}
	return nil
}

func findField(fs []editorField, name string) *editorField {
	for i := range fs {
		if fs[i].Name == name {
			return &fs[i]
		}
	}
	return nil
}
