package scaffold

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/validate"
)

// mini reads the shared fixture handbook (File only reads the model).
func mini(t *testing.T) (*content.Loader, *content.Model) {
	t.Helper()
	l, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	m, diags := l.Load(filepath.Join("..", "testdata", "mini"), "content")
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	return l, m
}

// Every kind new offers writes a file where its kind's files stand, which
// the loader reads as that kind and its schema accepts; a role's only
// errors are its entries left "todo", which check rejects until filled in.
func TestFileForEveryKind(t *testing.T) {
	l, m := mini(t)
	for _, kind := range Kinds(m.Registry()) {
		t.Run(kind, func(t *testing.T) {
			id := "new-" + kind
			if kind == "level" {
				id = "pm-track/" + id
			}
			rel, data, err := File(m, kind, id)
			if err != nil {
				t.Fatal(err)
			}
			p, diags := l.Parse(rel, "content/"+rel, data)
			if p != nil {
				diags = append(diags, validate.Schema(m.Schemas, m.Registry(), p)...)
			}
			todos := 0
			for _, d := range diags {
				if strings.HasSuffix(d.Message, `is "todo", which is not allowed`) {
					todos++
				}
			}
			if p == nil || diags.Errors() != todos || (kind == "role") != (todos > 0) {
				t.Fatalf("%s:\n%s\n%v", rel, data, diags)
			}
			if string(p.Kind) != kind || !strings.HasSuffix(rel, "/new-"+kind+".md") {
				t.Errorf("%s is read as a %s", rel, p.Kind)
			}
			if !strings.Contains(string(data), content.Placeholder) {
				t.Errorf("%s has no placeholder to replace:\n%s", rel, data)
			}
		})
	}
}

func TestFileRefuses(t *testing.T) {
	_, m := mini(t)
	for _, tc := range []struct{ kind, id, want string }{
		{"ritual", "x", `unknown kind "ritual": use one of role, duty, dimension`},
		{"duty", "Not_A_Slug", `"Not_A_Slug" is not a valid id`},
		{"duty", "con", `"con" is a device name on Windows`},
		{"guide", "nul", `"nul" is a device name on Windows`},
		{"level", "senior", `a level's id is "<track>/<level>"`},
		{"level", "po-track/senior", `no track "po-track": the tracks are pm-track`},
	} {
		if _, _, err := File(m, tc.kind, tc.id); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("new %s %s: %v, want %q", tc.kind, tc.id, err, tc.want)
		}
	}
}
