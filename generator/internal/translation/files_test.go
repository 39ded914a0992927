package translation

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/config"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/product-roles/handbook/generator/internal/testkit/fixture"
	"github.com/product-roles/handbook/generator/internal/usage"
)

// Create writes a stub beside its source; RefreshFiles records the
// source's hash in it, and reports each file it cannot refresh.
func TestCreateAndRefreshFiles(t *testing.T) {
	l, m := fixture.Project(t, false)
	dir := l.Project
	langs := []config.Language{{Tag: "en"}, {Tag: "de"}}
	for _, tc := range []struct {
		lang, file string
		input      bool // a usage error
		err        string
	}{
		{"fr", "content/duties/pricing.md", true, `"fr" is not one of the languages`},
		{"de", "content/duties/no-such.md", true, "is not a page of the handbook"},
		{"de", "content/duties/pricing.md", false, ""},
		{"de", "content/duties/pricing.md", false, "already exists"},
	} {
		out, err := Create(m, langs, l, tc.lang, tc.file)
		if (usage.As(err) != nil) != tc.input || (tc.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("Create(%s, %s) = %q, %v; want an error with %q (usage %v)", tc.lang, tc.file, out, err, tc.err, tc.input)
		}
		if err == nil && out != filepath.Join(dir, "content", "duties", "pricing.de.md") {
			t.Errorf("Create wrote %s", out)
		}
	}
	stub := filepath.Join(dir, "content", "duties", "pricing.de.md")
	testkit.Write(t, stub, strings.Replace(testkit.Read(t, stub), "source_hash: sha256:", "source_hash: sha256:0", 1))
	res := RefreshFiles(m, l, []string{"content/duties/pricing.de.md", "content/duties/pricing.md"})
	if len(res) != 2 || res[0].Err != nil || res[0].Source != "content/duties/pricing.md" || res[1].Err == nil {
		t.Fatalf("RefreshFiles = %+v", res)
	}
	if got := testkit.Read(t, stub); !strings.Contains(got, "source_hash: "+m.Get(content.KindDuty, "pricing").Hash+"\n") {
		t.Errorf("the refreshed stub does not hold its source's hash:\n%s", got)
	}
}
