package fork

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/scaffold"
	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/product-roles/handbook/generator/internal/validate"
)

// withRituals is the built-in registry plus one kind: a ritual, in
// content/rituals/, whose duty field names a duty. Nothing else in the code
// knows about rituals.
func withRituals(follow bool) *content.Registry {
	r := content.Kinds()
	duty := content.NewField("duty", content.One, content.KindDuty)
	duty.Unknown = "unknown duty %q"
	duty.Hint = "use the id of a file in content/duties/: "
	duty.Hidden = "ritual of hidden duty %q"
	duty.Follow = follow
	r.Add(content.Spec{Kind: "ritual", Folder: "rituals",
		Refs: []content.Ref{duty, content.NewField("sources", content.List, content.KindSource)},
		New: func(m *content.Model, d *content.Draft) error {
			source, err := content.Cite(m)
			d.Add("duty: %s\nsources: [%s]\n", m.Of(content.KindDuty)[0].ID, source)
			return err
		}})
	return r
}

// loadRituals copies testdata/handbook, writes files over it and loads it
// with the registry.
func loadRituals(t *testing.T, r *content.Registry, files map[string]string) (string, *content.Model, diag.List) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	testkit.CopyTree(t, "testdata/handbook", dir)
	for rel, data := range files {
		testkit.Write(t, filepath.Join(dir, rel), data)
	}
	l, err := content.NewLoaderFor(r, os.DirFS("testdata/schemas"))
	if err != nil {
		t.Fatal(err)
	}
	m, diags := l.Load(dir, "content")
	return dir, m, diags
}

func errorsOf(l diag.List) []string {
	var out []string
	for _, d := range l {
		if d.Severity == diag.Error {
			out = append(out, d.String())
		}
	}
	return out
}

// A kind added to the registry is read, validated, hidden and scaffolded
// with no other edit: the registry entry, a schema and the files are all.
func TestAddedKindFollowsTheRegistry(t *testing.T) {
	t.Run("validation", func(t *testing.T) {
		for _, tc := range []struct {
			name, file string
			want       []string // errors, as file:line:col: ... (prefixes)
		}{
			{"the fixture passes", "", nil},
			{"dangling reference", "---\ntitle: Standup\nsummary: A daily talk.\nduty: nope\n---\n\nThis fixture page holds enough words.\n",
				[]string{`content/rituals/standup.md:4:7: error: unknown duty "nope"`}},
			{"schema of the kind", "---\ntitle: Standup\nsummary: A daily talk.\nduty: pricing\nevery: day\n---\n\nThis fixture page holds enough words.\n",
				[]string{`content/rituals/standup.md:5:1: error: `}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				files := map[string]string{}
				if tc.file != "" {
					files["rituals/standup.md"] = tc.file
				}
				_, m, diags := loadRituals(t, withRituals(false), files)
				if p := m.Get("ritual", "review"); p == nil {
					t.Fatal("rituals/review.md was not read as a ritual")
				}
				got := errorsOf(append(diags, validate.Check(m, nil)...))
				if len(got) != len(tc.want) {
					t.Fatalf("errors:\n%s\nwant %d: %q", strings.Join(got, "\n"), len(tc.want), tc.want)
				}
				for i, w := range tc.want {
					if !strings.HasPrefix(got[i], w) {
						t.Errorf("error %d = %q, want prefix %q", i, got[i], w)
					}
				}
			})
		}
	})

	t.Run("hiding", func(t *testing.T) {
		cfg, diags := config.Parse(config.Default(), []byte("hide = [\"duties/pricing\"]\n"), "handbook.toml")
		if diags.Errors() > 0 {
			t.Fatal(diags)
		}
		for _, tc := range []struct {
			follow  bool
			dropped []string
			hidden  bool // the ritual goes with its duty
		}{
			{follow: false, dropped: []string{`content/rituals/review.md:4: ritual of hidden duty "pricing"`}},
			{follow: true, hidden: true},
		} {
			_, m, diags := loadRituals(t, withRituals(tc.follow), nil)
			if diags.Errors() > 0 {
				t.Fatal(diags)
			}
			applied, diags := Apply(cfg, m)
			if diags.Errors() > 0 {
				t.Fatal(diags)
			}
			var dropped []string
			for _, d := range applied.Dropped {
				if strings.HasPrefix(d.File, "content/rituals/") {
					dropped = append(dropped, d.String())
				}
			}
			if !slices.Equal(dropped, tc.dropped) {
				t.Errorf("follow %v: dropped %q, want %q", tc.follow, dropped, tc.dropped)
			}
			gone := m.Get("ritual", "review") == nil
			if gone != tc.hidden {
				t.Errorf("follow %v: ritual hidden %v, want %v", tc.follow, gone, tc.hidden)
			}
			if !gone {
				spec, _ := m.Registry().Spec("ritual")
				if vals := spec.Refs[0].Values(m.Get("ritual", "review")); len(vals) > 0 {
					t.Errorf("follow %v: the ritual still names the hidden duty", tc.follow)
				}
			}
			if errs := errorsOf(validate.Check(m, nil)); len(errs) > 0 {
				t.Errorf("follow %v: check after hiding: %q", tc.follow, errs)
			}
		}
	})

	t.Run("scaffolding", func(t *testing.T) {
		r := withRituals(false)
		_, m, _ := loadRituals(t, r, nil)
		if !slices.Contains(scaffold.Kinds(r), "ritual") {
			t.Fatalf("new does not offer rituals: %q", scaffold.Kinds(r))
		}
		rel, data, err := scaffold.File(m, "ritual", "retro")
		if err != nil {
			t.Fatal(err)
		}
		if rel != "rituals/retro.md" {
			t.Fatalf("new ritual retro writes %s", rel)
		}
		_, m, diags := loadRituals(t, r, map[string]string{rel: string(data)})
		if p := m.Get("ritual", "retro"); p == nil || p.Front.Title != "Retro" {
			t.Fatalf("the new file was not read as a ritual:\n%s", data)
		}
		if errs := errorsOf(append(diags, validate.Check(m, nil)...)); len(errs) > 0 {
			t.Errorf("the new file does not validate: %q\n%s", errs, data)
		}
	})
}
