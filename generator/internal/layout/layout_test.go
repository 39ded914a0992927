package layout

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestResolve(t *testing.T) {
	plain, fork := filepath.Join("testdata", "plain"), filepath.Join("testdata", "fork")
	abs, err := filepath.Abs(plain)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		flags Flags
		want  Layout
		roots []string
	}{
		{"defaults", Flags{}, Layout{
			Project: ".", Content: "content", ContentShown: "content", Overlay: "company", OverlayShown: "company",
			Output: "public", Theme: filepath.Join("themes", "handbook"), Static: "static",
		}, []string{"content"}},
		{"project without overlay", Flags{Project: plain}, Layout{
			Project: plain, Content: filepath.Join(plain, "content"), ContentShown: "content",
			Overlay: filepath.Join(plain, "company"), OverlayShown: "company",
			Output: filepath.Join(plain, "public"), Theme: filepath.Join(plain, "themes", "handbook"), Static: filepath.Join(plain, "static"),
		}, []string{"content"}},
		{"default overlay exists", Flags{Project: fork}, Layout{
			Project: fork, Content: filepath.Join(fork, "content"), ContentShown: "content",
			Overlay: filepath.Join(fork, "company"), HasOverlay: true, OverlayShown: "company",
			Output: filepath.Join(fork, "public"), Theme: filepath.Join(fork, "themes", "handbook"), Static: filepath.Join(fork, "static"),
		}, []string{"content", "company/content"}},
		{"every flag given", Flags{Project: abs, Source: "elsewhere/content", Overlay: filepath.Join(abs, "acme"), Out: "/tmp/site"}, Layout{
			Project: abs, Content: "elsewhere/content", ContentShown: "elsewhere/content",
			Overlay: filepath.Join(abs, "acme"), HasOverlay: true, OverlayShown: "acme",
			Output: "/tmp/site", Theme: filepath.Join(abs, "themes", "handbook"), Static: filepath.Join(abs, "static"),
		}, []string{"acme/content"}}, // the content root lies outside the project
		{"overlay outside the project", Flags{Project: plain, Overlay: "/srv/acme"}, Layout{
			Project: plain, Content: filepath.Join(plain, "content"), ContentShown: "content",
			Overlay: "/srv/acme", HasOverlay: true, OverlayShown: "/srv/acme",
			Output: filepath.Join(plain, "public"), Theme: filepath.Join(plain, "themes", "handbook"), Static: filepath.Join(plain, "static"),
		}, []string{"content"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Resolve(tc.flags)
			tc.want.Given = tc.flags
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Resolve(%+v)\n got %+v\nwant %+v", tc.flags, got, tc.want)
			}
			if roots := got.ContentRoots(); !reflect.DeepEqual(roots, tc.roots) {
				t.Errorf("ContentRoots() = %q, want %q", roots, tc.roots)
			}
		})
	}
}

// A file named "company" is not an overlay.
func TestResolveOverlayMustBeAFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "company"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if l := Resolve(Flags{Project: dir}); l.HasOverlay {
		t.Errorf("a file named company counts as the overlay: %+v", l)
	}
}

func TestRelToContent(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content", "roles"), 0o755); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "content", "roles", "po.md")
	if err := os.WriteFile(page, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	l := Resolve(Flags{Project: dir})
	for _, tc := range []struct{ arg, want string }{
		{page, "roles/po.md"},                            // absolute
		{"content/roles/po.md", "roles/po.md"},           // relative to the project
		{"content/roles/missing.md", "roles/missing.md"}, // no such file: the content/ prefix goes
		{"roles/missing.md", "roles/missing.md"},
	} {
		if got := l.RelToContent(tc.arg); got != tc.want {
			t.Errorf("RelToContent(%q) = %q, want %q", tc.arg, got, tc.want)
		}
	}
}
