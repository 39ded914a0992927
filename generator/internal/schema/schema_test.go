package schema

import (
	"os"
	"slices"
	"testing"
)

func TestValidateNamesEachProblem(t *testing.T) {
	v, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	duty := func(edit func(map[string]any)) map[string]any {
		d := map[string]any{"title": "Pricing", "summary": "Setting the price.", "area": "delivery",
			"ownership": map[string]any{"alpha": "leads"}, "sources": []any{"book"}}
		edit(d)
		return d
	}
	for _, tc := range []struct {
		name  string
		kind  string
		value map[string]any
		want  []Problem
	}{
		{"a valid duty", "duty", duty(func(map[string]any) {}), nil},
		{"missing field", "duty", duty(func(d map[string]any) { delete(d, "summary") }),
			[]Problem{{Message: `missing required field "summary"`, Hint: "add `summary:` to the front matter (see docs/content-model.md)"}}},
		{"misspelt field", "duty", duty(func(d map[string]any) { d["wieght"] = 2 }),
			[]Problem{{Pointer: "/wieght", Key: true, Message: `unknown field "wieght"`, Hint: `did you mean "weight"?`}}},
		{"value not allowed", "duty", duty(func(d map[string]any) { d["ownership"] = map[string]any{"alpha": "owns"} }),
			[]Problem{{Pointer: "/ownership/alpha", Message: `ownership.alpha is "owns", which is not allowed`, Hint: "use one of: leads, shares, supports, none"}}},
		{"no schema", "ritual", map[string]any{}, []Problem{{Message: `no schema for kind "ritual"`}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := v.Validate(tc.kind, tc.value); !slices.Equal(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// Schemas from another folder join the built-in ones and may use their
// definitions.
func TestNewReadsExtraSchemas(t *testing.T) {
	v, err := New(os.DirFS("testdata/extra"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(v.Kinds(), "ritual") || !slices.Contains(v.Kinds(), "duty") {
		t.Fatalf("kinds: %q", v.Kinds())
	}
	if got := v.Validate("ritual", map[string]any{"title": "Standup", "summary": "A daily talk.", "duty": "pricing"}); got != nil {
		t.Errorf("a valid ritual: %+v", got)
	}
	got := v.Validate("ritual", map[string]any{"title": "", "summary": "A daily talk.", "duty": "pricing"})
	if len(got) == 0 || got[0].Pointer != "/title" || got[0].Message != "title is empty" {
		t.Errorf("an empty title (defs.schema.json's rule): %+v", got)
	}
}
