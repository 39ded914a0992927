package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// new --lang writes a stub with the source's hash; translations reports it
// current, outdated once the English source changes (exit 1 with
// --strict), and current again after --refresh.
func TestTranslationsStatus(t *testing.T) {
	dir := fixture(t)
	src := filepath.Join(dir, "content", "duties", "pricing.md")
	tr := filepath.Join(dir, "content", "duties", "pricing.de.md")
	must := func(wantCode int, args ...string) string {
		t.Helper()
		code, stdout, stderr := runCLI(t, nil, append(args, "--project", dir)...)
		if code != wantCode {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, code, wantCode, stdout, stderr)
		}
		return stdout
	}

	out := must(0, "translations")
	if !strings.Contains(out, "Deutsch (de): 0% of words translated; 0 of ") {
		t.Errorf("before any translation:\n%s", out)
	}
	must(0, "new", "--lang", "de", "content/duties/pricing.md")
	stub := testkit.Read(t, tr)
	if !strings.Contains(stub, "title: Pricing\n") || !strings.Contains(stub, "source_hash: sha256:") || strings.Contains(stub, "ownership") {
		t.Errorf("stub:\n%s", stub)
	}
	must(1, "new", "--lang", "de", "content/duties/pricing.md") // it exists
	must(2, "new", "--lang", "fr", "content/duties/pricing.md") // not a language of the site
	testkit.Write(t, tr, strings.Replace(stub, "title: Pricing", "title: Preisgestaltung", 1))
	must(0, "check")
	out = must(0, "translations", "--strict")
	if !strings.Contains(out, "1 of ") || strings.Contains(out, "outdated  ") {
		t.Errorf("after translating:\n%s", out)
	}

	// The English source changes: the translation is outdated.
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	testkit.Write(t, src, string(data)+"\nA new English paragraph.\n")
	out = must(0, "translations")
	if !strings.Contains(out, "1 outdated") || !strings.Contains(out, "outdated  content/duties/pricing.de.md") {
		t.Errorf("after the source changed:\n%s", out)
	}
	must(1, "translations", "--strict")

	// Refreshed: current again, and --strict passes.
	out = must(0, "translations", "--refresh", "content/duties/pricing.de.md")
	if !strings.Contains(out, "refreshed") {
		t.Errorf("refresh: %s", out)
	}
	if got := testkit.Read(t, tr); !strings.Contains(got, "title: Preisgestaltung") {
		t.Errorf("refresh changed the translation's text:\n%s", got)
	}
	out = must(0, "translations", "--strict")
	if !strings.Contains(out, "0 outdated") {
		t.Errorf("after refreshing:\n%s", out)
	}
	must(2, "translations", "content/duties/pricing.de.md") // files only with --refresh
}
