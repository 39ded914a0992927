package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzConfig: no company.toml panics, and every problem names the file and
// a line that exists.
func FuzzConfig(f *testing.F) {
	for _, p := range []string{filepath.Join("..", "..", "..", "handbook.toml"), filepath.Join("..", "..", "..", "examples", "acme", "company.toml")} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{"", "title = ", "[colors]\naccent = 3\n", "hide = [\"../x\"]\n", "[level_titles.a]\nb = \"c\"\n", "x = \"\\u0000\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, diags := Parse(Default(), data, "company/company.toml")
		lines := strings.Count(string(data), "\n") + 2
		for _, d := range diags {
			if d.File != "company/company.toml" || d.Line < 1 || d.Line > lines || d.Message == "" {
				t.Fatalf("bad diagnostic %+v for %q", d, data)
			}
		}
	})
}
