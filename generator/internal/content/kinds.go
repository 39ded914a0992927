package content

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sync"
)

// Spec is what the handbook knows about one kind of content file: where
// its files stand, which schema checks them, which of its fields name
// other files, whether it has pages of its own, how search, the menu, the
// content editor, translations and `generator new` treat it. Every consumer
// reads it (the loader, validation, hiding, `new`, the editor's config, both
// search indexes, the default menu, translation), so adding a kind is one
// Spec plus a schema file and a view partial. The registry's order is the
// order of search results and of the editor's collections.
type Spec struct {
	Kind   Kind
	Folder string // the top-level content folder of its files; "" for kinds placed otherwise (tracks, levels, sections)
	Schema string // the schema's name (schemas/<name>.schema.json)
	Listed bool   // no page of its own: shown in its section's list, anchored by id
	// DataFirst: the page that lists its files (its Folder's section page;
	// for a track, the track's own page, which lists its levels) leads
	// with their data (a matrix, the blocks, the ladder), its prose
	// following as notes on reading it. Otherwise the prose introduces
	// the list.
	DataFirst bool
	Refs      []Ref // fields that name other files, in the order they are checked
	// Group is the search group its pages are found in; zero: Pages.
	Group Group
	// Editor is its collection in the content editor (/admin/); zero: none
	// (its files are edited in another kind's collection).
	Editor Editor
	// Nav is its section's place in the default menu; zero: not in it.
	Nav Nav
	// Text are the prose fields a translation may set beyond title,
	// linkTitle and summary, with their types (TextString...). Any other
	// field is structural and comes from the source file.
	Text map[string]string
	// Untranslated: its files are not counted for translation (a source's
	// title is the title of a work).
	Untranslated bool
	// New fills in the file `generator new <kind>` writes (see Draft); nil:
	// `new` does not make the kind.
	New func(m *Model, d *Draft) error
}

// Group is a group of search results. Label names its heading among the
// theme's words (the i18n files: every label must be in the source
// language's); ID is its stable name, in no language, which the search
// page without JavaScript anchors its heading at (index-<ID>).
type Group struct{ Label, ID string }

// Pages is the search group of kinds that name none.
var Pages = Group{"group_pages", "pages"}

// Editor is a kind's collection in the content editor. Label is the
// collection's heading (the editor is in English); Folder is where its
// files stand, when not the kind's Folder.
type Editor struct{ Name, Label, Folder string }

// Nav is a kind's entry in the default menu: the section it opens (a
// folder of content/ with an _index.md; "" for the kind's Folder) and its
// place, from 1.
type Nav struct {
	Section string
	Place   int
}

// Shape says how a reference field holds its ids.
type Shape int

const (
	One  Shape = iota // field: id
	List              // field: [id, ...]
	Keys              // field: {id: value, ...}
	Each              // field: [{sub: id, ...}, ...]
)

// Ref is a field of a kind that names files of another kind.
type Ref struct {
	Field  string
	Sub    string // for Each: the key in each entry that holds the id
	Shape  Shape
	Target Kind
	// Unknown is the message for an id no file defines, with %q for the
	// id; "" when the check lives elsewhere (interview questions check
	// tracks and competency beside their ranks).
	Unknown string
	// Hint goes with Unknown; a hint ending in ": " gets the target's ids.
	Hint string
	// Hidden is what `overrides` lists for a reference to a hidden item,
	// with %q for the id; "" when hiding the target leaves it alone.
	Hidden string
	// Follow: hiding the target hides the referring file too (an
	// interview question goes with its competency).
	Follow bool
	front  func(*Front) any // the typed field, for the built-in kinds; nil: read Raw
}

// Value is one id a reference field names, and where.
type Value struct {
	Ptr string // JSON pointer of the value
	ID  string
}

// Values returns the ids a page's field names, in file order (map keys
// sorted).
func (r Ref) Values(p *Page) []Value {
	var out []Value
	add := func(ptr, id string) {
		if id != "" && !p.dropped[r.Field+"\x00"+id] {
			out = append(out, Value{ptr, id})
		}
	}
	field := "/" + r.Field
	if r.front == nil { // a kind with no typed fields: its front matter as read
		switch v := p.Raw[r.Field].(type) {
		case string:
			add(field, v)
		case []any:
			for i, e := range v {
				if r.Shape == Each {
					m, _ := e.(map[string]any)
					s, _ := m[r.Sub].(string)
					add(fmt.Sprintf("%s/%d/%s", field, i, r.Sub), s)
				} else if s, ok := e.(string); ok {
					add(fmt.Sprintf("%s/%d", field, i), s)
				}
			}
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				add(field+"/"+k, k)
			}
		}
		return out
	}
	switch v := r.front(&p.Front).(type) {
	case *string:
		add(field, *v)
	case *[]string:
		for i, id := range *v {
			add(fmt.Sprintf("%s/%d", field, i), id)
		}
	case map[string]string:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			add(field+"/"+k, k)
		}
	case *[]Move:
		for i, mv := range *v {
			add(fmt.Sprintf("%s/%d/%s", field, i, r.Sub), mv.To)
		}
	case *[]From:
		for i, f := range *v {
			add(fmt.Sprintf("%s/%d/%s", field, i, r.Sub), f.Level)
		}
	}
	return out
}

// Drop removes from a page's field every id gone reports.
func (r Ref) Drop(p *Page, gone func(id string) bool) {
	if r.front == nil { // the front matter stays as read (the schema checks it): the ids are only forgotten
		for _, v := range r.Values(p) {
			if gone(v.ID) {
				if p.dropped == nil {
					p.dropped = map[string]bool{}
				}
				p.dropped[r.Field+"\x00"+v.ID] = true
			}
		}
		return
	}
	switch v := r.front(&p.Front).(type) {
	case *string:
		if gone(*v) {
			*v = ""
		}
	case *[]string:
		*v = slices.DeleteFunc(*v, gone)
	case map[string]string:
		maps.DeleteFunc(v, func(k, _ string) bool { return gone(k) })
	case *[]Move:
		*v = slices.DeleteFunc(*v, func(mv Move) bool { return gone(mv.To) })
	case *[]From:
		*v = slices.DeleteFunc(*v, func(f From) bool { return gone(f.Level) })
	}
}

// Registry is the handbook's kinds. Kinds returns a fresh one; a fork of
// the code, or a test, adds to its own copy.
type Registry struct {
	specs  []Spec
	groups []Group      // the search groups, in the order of their first kind (see Groups)
	group  map[Kind]int // a kind's place in groups
	frozen bool         // the shared built-in registry (see builtin): Add refuses
}

// builtin is the registry of the built-in kinds, made once, for what
// reads it without a model of its own (Place, SchemaKind, a Model made
// without Kinds). Nothing may add to it.
var builtin = sync.OnceValue(func() *Registry {
	r := Kinds()
	r.frozen = true
	return r
})

// Kinds returns the built-in kinds.
func Kinds() *Registry {
	inFolder := func(folder string) string { return "use the id of a file in content/" + folder + "/: " }
	roleMap := func(field string, get func(*Front) any) Ref {
		return Ref{Field: field, Shape: Keys, Target: KindRole, Unknown: field + " names unknown role %q", Hint: inFolder("roles"),
			Hidden: field + " entry for hidden role %q", front: get}
	}
	sources := Ref{Field: "sources", Shape: List, Target: KindSource, Unknown: "unknown source %q", Hint: inFolder("sources"),
		Hidden: "citation of hidden source %q", front: func(f *Front) any { return &f.Sources }}
	toLevel := "write <track>/<level-id> of a file in content/ladders/"
	// The groups of search results, each listing its kinds' pages in the
	// registry's order.
	var (
		roles       = Group{"group_roles", "roles"}
		duties      = Group{"group_duties", "duties"}
		comparison  = Group{"group_comparison", "comparison"}
		skills      = Group{"group_skills", "skills"}
		levels      = Group{"group_levels", "career-levels"}
		competences = Group{"group_competencies", "competencies"}
		interview   = Group{"group_interview", "interview-questions"}
		guides      = Group{"group_guides", "guides"}
		faq         = Group{"group_faq", "faq"}
		similar     = Group{"group_similarities", "similarities"}
		glossary    = Group{"group_glossary", "glossary"}
		citations   = Group{"group_sources", "sources"}
	)
	r := &Registry{}
	for _, s := range []Spec{
		{Kind: KindRole, Folder: "roles", DataFirst: true, Group: roles, Editor: Editor{Name: "roles", Label: "Roles"}, Nav: Nav{Place: 1}, New: newRole,
			Text: map[string]string{"question": TextString, "reports_to": TextString, "works_with": TextList, "owns": TextList, "success": TextList},
			Refs: []Ref{
				{Field: "values", Shape: Keys, Target: KindDimension, Unknown: "values names unknown dimension %q", Hint: "use the id of a dimension: ",
					Hidden: "values entry for hidden dimension %q", front: func(f *Front) any { return f.Values }},
				{Field: "ownership", Shape: Keys, Target: KindDuty, Unknown: "ownership names unknown duty %q", Hint: "use the id of a duty: ",
					Hidden: "ownership entry for hidden duty %q", front: func(f *Front) any { return f.Ownership }},
				{Field: "importance", Shape: Keys, Target: KindSkill, Unknown: "importance names unknown skill %q", Hint: "use the id of a skill: ",
					Hidden: "importance entry for hidden skill %q", front: func(f *Front) any { return f.Importance }},
				{Field: "track", Target: KindTrack, Unknown: "unknown track %q", Hint: inFolder("ladders"),
					Hidden: "track %q, which is hidden", front: func(f *Front) any { return &f.Track }},
			}},
		{Kind: KindArea, Folder: "areas", Group: duties, Editor: Editor{Name: "areas", Label: "Duty areas"}},
		{Kind: KindDuty, Folder: "duties", DataFirst: true, Group: duties, Editor: Editor{Name: "duties", Label: "Duties"}, Nav: Nav{Place: 3}, New: newDuty,
			Text: map[string]string{"ownership_note": TextString},
			Refs: []Ref{
				roleMap("ownership", func(f *Front) any { return f.Ownership }),
				{Field: "area", Target: KindArea, Unknown: "unknown area %q", Hint: inFolder("areas"), front: func(f *Front) any { return &f.Area }},
			}},
		{Kind: KindDimension, Folder: "compare", DataFirst: true, Group: comparison, Editor: Editor{Name: "dimensions", Label: "Comparison dimensions"}, Nav: Nav{Place: 2},
			New: newDimension, Text: map[string]string{"values": TextMap, "in_short": TextMap},
			Refs: []Ref{roleMap("values", func(f *Front) any { return f.Values }), roleMap("in_short", func(f *Front) any { return f.InShort })}},
		{Kind: KindSkill, Folder: "skills", DataFirst: true, Group: skills, Editor: Editor{Name: "skills", Label: "Skills"}, Nav: Nav{Place: 4}, New: newSkill,
			Refs: []Ref{roleMap("importance", func(f *Front) any { return f.Importance })}},
		{Kind: KindTrack, DataFirst: true, Group: levels, Editor: Editor{Name: "tracks", Label: "Career tracks"}, Nav: Nav{Section: "ladders", Place: 5}, Refs: []Ref{
			{Field: "role", Target: KindRole, Unknown: "unknown role %q", Hint: inFolder("roles"),
				Hidden: "role %q, which is hidden", front: func(f *Front) any { return &f.Role }},
		}},
		{Kind: KindLevel, Group: levels, Editor: Editor{Name: "levels", Label: "Levels", Folder: "ladders"}, New: newLevel,
			Text: map[string]string{"scope": TextString, "experience": TextString, "also_known_as": TextList, "ready_for_next": TextList,
				"expectations": TextMap, "move_notes": TextMap},
			Refs: []Ref{
				{Field: "expectations", Shape: Keys, Target: KindCompetency, Unknown: "expectation for unknown competency %q", Hint: inFolder("competencies"),
					Hidden: "expectations entry for hidden competency %q", front: func(f *Front) any { return f.Expectations }},
				{Field: "moves", Sub: "to", Shape: Each, Target: KindLevel, Unknown: "move to unknown level %q", Hint: toLevel,
					Hidden: "move to hidden level %q", front: func(f *Front) any { return &f.Moves }},
				{Field: "from", Sub: "level", Shape: Each, Target: KindLevel, Unknown: "from names unknown level %q", Hint: toLevel,
					Hidden: "move from hidden level %q", front: func(f *Front) any { return &f.From }},
			}},
		{Kind: KindCompetency, Folder: "competencies", Group: competences, Editor: Editor{Name: "competencies", Label: "Competencies"}},
		// The menu's entry for interview questions is the hiring kit they make.
		{Kind: KindInterview, Folder: "interview", Group: interview, Editor: Editor{Name: "interview", Label: "Interview questions"},
			Nav: Nav{Section: "hiring", Place: 6}, New: newInterview,
			Text: map[string]string{"question": TextString, "follow_ups": TextList, "red_flags": TextList, "signals": TextSignals},
			Refs: []Ref{
				{Field: "competency", Target: KindCompetency, Follow: true, front: func(f *Front) any { return &f.Competency }},
				{Field: "tracks", Shape: List, Target: KindTrack, Hidden: "track %q, which is hidden", front: func(f *Front) any { return &f.Tracks }},
			}},
		{Kind: KindGuide, Folder: "guides", Group: guides, Editor: Editor{Name: "guides", Label: "Guides"}, Nav: Nav{Place: 7}, New: weighted(KindGuide)},
		{Kind: KindFAQ, Folder: "faq", Group: faq, Editor: Editor{Name: "faq", Label: "FAQ"}, Nav: Nav{Place: 8}, New: newFAQ},
		{Kind: KindSimilarity, Folder: "similarities", Group: similar, Editor: Editor{Name: "similarities", Label: "Similarities"}},
		{Kind: KindTerm, Folder: "glossary", DataFirst: true, Listed: true, Group: glossary, Editor: Editor{Name: "glossary", Label: "Glossary"}, Nav: Nav{Place: 9}, New: newTerm},
		{Kind: KindSource, Folder: "sources", Listed: true, Group: citations, Editor: Editor{Name: "sources", Label: "Sources"}, Nav: Nav{Place: 10},
			Untranslated: true, New: newSource, Refs: []Ref{
				{Field: "via", Target: KindSource, Unknown: "unknown source %q", Hint: inFolder("sources"),
					Hidden: "via hidden source %q", front: func(f *Front) any { return &f.Via }},
			}},
		{Kind: KindHome, Schema: "section"}, // edited among the section pages: they share the schema
		{Kind: KindSection, Schema: "section", Editor: Editor{Name: "sections", Label: "Section pages"}},
		{Kind: KindPage, Schema: "page", Editor: Editor{Name: "pages", Label: "Other pages"}},
	} {
		s.Refs = append(s.Refs, sources) // every kind may cite sources
		r.Add(s)
	}
	return r
}

// Add adds a kind (or replaces the one of the same name). A Spec without a
// Schema uses the kind's name.
func (r *Registry) Add(s Spec) {
	if r.frozen {
		panic("content: Add to the shared built-in registry; add to a copy from content.Kinds()")
	}
	defer r.index()
	if s.Schema == "" {
		s.Schema = string(s.Kind)
	}
	if s.Group == (Group{}) {
		s.Group = Pages
	}
	for i := range r.specs {
		if r.specs[i].Kind == s.Kind {
			r.specs[i] = s
			return
		}
	}
	r.specs = append(r.specs, s)
}

// All returns the kinds in the order they were added.
func (r *Registry) All() []Spec { return slices.Clone(r.specs) }

// index works out the search groups and each kind's place in them.
func (r *Registry) index() {
	r.groups = nil
	r.group = make(map[Kind]int, len(r.specs))
	for _, s := range r.specs {
		i := slices.Index(r.groups, s.Group)
		if i < 0 {
			i = len(r.groups)
			r.groups = append(r.groups, s.Group)
		}
		r.group[s.Kind] = i
	}
}

// Groups returns the search groups, in the order of their first kind in
// the registry.
func (r *Registry) Groups() []Group { return slices.Clone(r.groups) }

// GroupOf returns the place in Groups of a kind's search group (a kind the
// registry lacks is in Pages).
func (r *Registry) GroupOf(k Kind) int {
	if i, ok := r.group[k]; ok {
		return i
	}
	if i := slices.Index(r.groups, Pages); i >= 0 {
		return i
	}
	return len(r.groups)
}

// Nav returns the sections of the default menu, in order.
func (r *Registry) Nav() []string {
	specs := slices.DeleteFunc(r.All(), func(s Spec) bool { return s.Nav.Place == 0 })
	slices.SortStableFunc(specs, func(a, b Spec) int { return a.Nav.Place - b.Nav.Place })
	out := make([]string, len(specs))
	for i, s := range specs {
		out[i] = cmp.Or(s.Nav.Section, s.Folder)
	}
	return out
}

// Spec returns a kind's entry.
func (r *Registry) Spec(k Kind) (Spec, bool) {
	for _, s := range r.specs {
		if s.Kind == k {
			return s, true
		}
	}
	return Spec{}, false
}

// InFolder returns the kind of the files in a top-level content folder.
func (r *Registry) InFolder(folder string) (Kind, bool) {
	for _, s := range r.specs {
		if s.Folder != "" && s.Folder == folder {
			return s.Kind, true
		}
	}
	return "", false
}

// Folders returns the top-level folders that hold one kind each, sorted.
func (r *Registry) Folders() []string {
	var out []string
	for _, s := range r.specs {
		if s.Folder != "" {
			out = append(out, s.Folder)
		}
	}
	slices.Sort(out)
	return out
}

// NewField is a reference field of a kind with no typed field in Front: it
// is read from the front matter as read, and Drop makes Values forget ids.
func NewField(field string, shape Shape, target Kind) Ref {
	return Ref{Field: field, Shape: shape, Target: target}
}

// SchemaOf names the schema a kind is validated against.
func (r *Registry) SchemaOf(k Kind) string {
	if s, ok := r.Spec(k); ok {
		return s.Schema
	}
	return string(k)
}
