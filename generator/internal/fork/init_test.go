package fork

import (
	"os"
	"path/filepath"
	"strings"
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

// override copies a plain file; a symbolic link in content/ (to a file
// outside the project, say) is refused and its target never read.
func TestOverrideRefusesSymlinks(t *testing.T) {
	project := t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(secret, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(project, "content", "duties"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(project, "content", "duties", "leak.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Dir(secret), filepath.Join(project, "content", "linked")); err != nil {
		t.Fatal(err)
	}
	overlay := filepath.Join(project, "company")
	for _, rel := range []string{"content/duties/leak.md", "content/linked/secret.md"} {
		if _, err := Override(project, overlay, rel); err == nil || !strings.Contains(err.Error(), "symbolic link") {
			t.Errorf("override %s: %v, want a refusal", rel, err)
		}
	}
	if _, err := os.Stat(overlay); !os.IsNotExist(err) {
		t.Errorf("override wrote into the overlay")
	}
}
