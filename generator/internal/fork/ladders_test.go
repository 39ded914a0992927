package fork

import (
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// Hiding a level warns, at company.toml's hide line, about the level its
// moves led up from, with a fix in the fork's own files; a from: in the
// level above (the overlay's copy of it) is that fix; hiding the top level
// leaves every level a way up.
func TestLaddersAfterHiding(t *testing.T) {
	withFrom := strings.Replace(testkit.Read(t, "testdata/handbook/ladders/pm-track/lead.md"), "\nrank: 3\n", "\nrank: 3\nfrom:\n  - level: pm-track/junior\n    note: The step up.\n", 1)
	for _, tc := range []struct {
		name, hide string
		files      map[string]string
		want       []string // the warnings, as file:line:col: ... (prefixes), and parts of their hints
	}{
		{"nothing hidden", `[]`, nil, nil},
		{"the middle level", `["ladders/pm-track/senior"]`, nil, []string{
			`company/company.toml:1:1: warning: hiding "ladders/pm-track/senior" (Senior) leaves Junior (pm-track/junior, rank 1) with no move up its track`,
			"go run ./generator override content/ladders/pm-track/lead.md", "from: [{level: pm-track/junior", "out of hide in company/company.toml"}},
		{"the middle level, with from: in the level above", `["ladders/pm-track/senior"]`, map[string]string{"ladders/pm-track/lead.md": withFrom}, nil},
		{"the top level", `["ladders/pm-track/lead"]`, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, m, diags := loadRituals(t, content.Kinds(), tc.files)
			if errs := errorsOf(diags); len(errs) > 0 {
				t.Fatalf("the fixture does not load: %v", errs)
			}
			c, cds := config.Parse(config.Default(), []byte("hide = "+tc.hide+"\n"), "company/company.toml")
			if len(cds) > 0 {
				t.Fatal(cds)
			}
			applied, ads := Apply(c, m)
			if len(ads) > 0 {
				t.Fatal(ads)
			}
			m.MergeRoleMaps()
			got := Ladders(c, m, applied)
			if len(tc.want) == 0 {
				if len(got) > 0 {
					t.Errorf("want no warning, got\n%s", got.Error())
				}
				return
			}
			if len(got) != 1 || !strings.HasPrefix(got[0].String(), tc.want[0]) || got[0].Check != LadderCheck {
				t.Fatalf("want one warning %q, got\n%s", tc.want[0], got.Error())
			}
			for _, part := range tc.want[1:] {
				if !strings.Contains(got[0].Hint, part) {
					t.Errorf("the hint %q does not say %q", got[0].Hint, part)
				}
			}
		})
	}
}
