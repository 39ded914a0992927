package pipeline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The site publishes a schema for every kind, and every real content file's
// front matter validates against the published file for its kind.
func TestPublishedSchemasValidateTheContent(t *testing.T) {
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "content"))
	out := filepath.Join(dir, "public")
	b := newBuilder(t)
	buildOK(t, b, dir, out)

	c := jsonschema.NewCompiler()
	entries, err := os.ReadDir(filepath.Join(out, "schemas"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		f, err := os.Open(filepath.Join(out, "schemas", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if err := c.AddResource("https://site.invalid/schemas/"+e.Name(), doc); err != nil {
			t.Fatal(err)
		}
	}
	l, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	m, diags := l.Load(filepath.Join(dir, "content"), "content")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	kinds := map[string]bool{}
	for _, p := range m.Pages {
		kind := content.SchemaKind(p.Kind)
		kinds[kind] = true
		s, err := c.Compile("https://site.invalid/schemas/" + kind + ".schema.json")
		if err != nil {
			t.Fatalf("published schema for %s: %v", kind, err)
		}
		if err := s.Validate(p.Raw); err != nil {
			t.Errorf("%s does not validate against /schemas/%s.schema.json: %v", p.File, kind, err)
		}
	}
	for _, k := range []string{"role", "dimension", "area", "duty", "skill", "competency", "track", "level", "source", "guide", "similarity", "faq", "term", "section"} {
		if !kinds[k] {
			t.Errorf("no content of kind %s was validated", k)
		}
	}
	// And a broken value fails against the published schema too.
	s, _ := c.Compile("https://site.invalid/schemas/duty.schema.json")
	if err := s.Validate(map[string]any{"title": "x", "summary": "y", "area": "a", "ownership": map[string]any{"a": "owns"}, "sources": []any{"s"}}); err == nil {
		t.Error("published duty schema accepts ownership \"owns\"")
	}
}
