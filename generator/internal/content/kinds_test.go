package content

import (
	"slices"
	"testing"
)

// The registry places files: a folder it lists holds its kind, a folder it
// does not holds plain pages, and a kind added to a copy places its files
// there only.
func TestRegistryPlaces(t *testing.T) {
	added := Kinds()
	added.Add(Spec{Kind: "ritual", Folder: "rituals"})
	for _, tc := range []struct {
		r    *Registry
		rel  string
		want Kind
	}{
		{Kinds(), "duties/pricing.md", KindDuty},
		{Kinds(), "glossary/backlog.md", KindTerm},
		{Kinds(), "rituals/standup.md", KindPage},
		{added, "rituals/standup.md", "ritual"},
		{added, "duties/pricing.md", KindDuty},
	} {
		if k, _, _, err := tc.r.Place(tc.rel); err != nil || k != tc.want {
			t.Errorf("Place(%q) = %s, %v; want %s", tc.rel, k, err, tc.want)
		}
	}
	if _, _, _, err := added.Place("rituals/daily/standup.md"); err == nil {
		t.Error("an added kind's folder takes sub-folders")
	}
	if slices.Contains(Kinds().Folders(), "rituals") {
		t.Error("adding to one registry changed another")
	}
}

// Values and Drop read and forget the ids of each shape, on typed fields
// and on the front matter of a kind without them.
func TestRefValuesAndDrop(t *testing.T) {
	role := &Page{Kind: KindRole, Front: Front{Ownership: map[string]string{"pricing": "leads", "backlog": "none"}, Track: "pm", Sources: []string{"a", "b"}}}
	level := &Page{Kind: KindLevel, Front: Front{Moves: []Move{{To: "t/x"}, {To: "t/y"}}}}
	raw := &Page{Kind: "ritual", Raw: map[string]any{"duty": "pricing", "roles": []any{"pm", "po"}, "steps": []any{map[string]any{"by": "pm"}}}}
	steps := NewField("steps", Each, KindRole)
	steps.Sub = "by"
	spec := func(k Kind, field string) Ref {
		s, _ := Kinds().Spec(k)
		for _, r := range s.Refs {
			if r.Field == field {
				return r
			}
		}
		t.Fatalf("%s has no reference field %s", k, field)
		return Ref{}
	}
	for _, tc := range []struct {
		name  string
		ref   Ref
		p     *Page
		gone  string
		want  []Value
		after []Value
	}{
		{"keys", spec(KindRole, "ownership"), role, "pricing",
			[]Value{{"/ownership/backlog", "backlog"}, {"/ownership/pricing", "pricing"}}, []Value{{"/ownership/backlog", "backlog"}}},
		{"one", spec(KindRole, "track"), role, "pm", []Value{{"/track", "pm"}}, nil},
		{"list", spec(KindRole, "sources"), role, "a", []Value{{"/sources/0", "a"}, {"/sources/1", "b"}}, []Value{{"/sources/0", "b"}}},
		{"each", spec(KindLevel, "moves"), level, "t/x", []Value{{"/moves/0/to", "t/x"}, {"/moves/1/to", "t/y"}}, []Value{{"/moves/0/to", "t/y"}}},
		{"raw one", NewField("duty", One, KindDuty), raw, "pricing", []Value{{"/duty", "pricing"}}, nil},
		{"raw list", NewField("roles", List, KindRole), raw, "po", []Value{{"/roles/0", "pm"}, {"/roles/1", "po"}}, []Value{{"/roles/0", "pm"}}},
		{"raw each", steps, raw, "pm", []Value{{"/steps/0/by", "pm"}}, nil},
	} {
		if got := tc.ref.Values(tc.p); !slices.Equal(got, tc.want) {
			t.Errorf("%s: Values = %v, want %v", tc.name, got, tc.want)
		}
		tc.ref.Drop(tc.p, func(id string) bool { return id == tc.gone })
		if got := tc.ref.Values(tc.p); !slices.Equal(got, tc.after) {
			t.Errorf("%s: after Drop(%s): %v, want %v", tc.name, tc.gone, got, tc.after)
		}
	}
	if raw.Raw["duty"] != "pricing" {
		t.Error("Drop changed the front matter as read (the schema checks it)")
	}
}

// GroupOf places each kind in its group, an added kind in a new group
// after the others, an unknown kind in Pages; the shared built-in registry
// refuses additions.
func TestGroupOf(t *testing.T) {
	r := Kinds()
	r.Add(Spec{Kind: "ritual", Folder: "rituals", Group: Group{"group_rituals", "rituals"}})
	r.Add(Spec{Kind: "note", Folder: "notes"})
	groups := r.Groups()
	for _, s := range r.All() {
		if i := r.GroupOf(s.Kind); i < 0 || i >= len(groups) || groups[i] != s.Group {
			t.Errorf("GroupOf(%s) = %d, want the place of %v in %v", s.Kind, i, s.Group, groups)
		}
	}
	if groups[len(groups)-1].ID != "rituals" {
		t.Errorf("the added group is not last: %v", groups)
	}
	if i := r.GroupOf("unknown"); groups[i] != Pages {
		t.Errorf("an unknown kind is in %v, want Pages", groups[i])
	}
	r.Add(Spec{Kind: "ritual", Folder: "rituals"}) // replaced: back in Pages, its group gone
	if slices.ContainsFunc(r.Groups(), func(g Group) bool { return g.ID == "rituals" }) || r.Groups()[r.GroupOf("ritual")] != Pages {
		t.Errorf("after replacing the ritual's Spec: groups %v, ritual in %d", r.Groups(), r.GroupOf("ritual"))
	}
	defer func() {
		if recover() == nil {
			t.Error("Add to the built-in registry did not panic")
		}
	}()
	builtin().Add(Spec{Kind: "x"})
}
