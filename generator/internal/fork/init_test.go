package fork

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

func TestCheckPlace(t *testing.T) {
	project := t.TempDir()
	for _, c := range []struct {
		dir string
		ok  bool
	}{
		{"company", true},
		{"acme-overlay", true},
		{"content-extra", true},
		{"content/sub", false},
		{"content", false},
		{"themes/handbook/company", false},
		{"static/x", false},
		{".git/x", false},
		{"public/company", false},
	} {
		err := CheckPlace(project, filepath.Join(project, c.dir))
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok = %v", c.dir, err, c.ok)
		}
	}
}

func TestInitWritesTOMLSafely(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "company")
	org := "Evil\" \nlogo = \"/etc/passwd\"\n[colors]\naccent = \"red"
	if err := Init(dir, org); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	data, err := os.ReadFile(filepath.Join(dir, "company.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := toml.Unmarshal(data, &got); err != nil {
		t.Fatalf("company.toml does not parse: %v", err)
	}
	colors, _ := got["colors"].(map[string]any)
	if got["organisation"] != org || got["logo"] != nil || colors["accent"] != nil {
		t.Errorf("the name added settings: %v", got)
	}
}
