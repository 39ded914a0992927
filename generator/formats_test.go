package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// One broken file per check; each problem must come out, at its place, in
// every output format, from one run.
func TestCheckFormats(t *testing.T) {
	dir := fixture(t)
	w := func(rel, data string) { testkit.Write(t, filepath.Join(dir, "content", rel), data) }
	duty := func(title, summary, extra, body string) string {
		return "---\ntitle: " + title + "\nsummary: " + summary + "\narea: delivery\nownership: {alpha: leads, beta: none}\n" + extra + "sources: [book]\n---\n" + body
	}
	w("duties/schema.md", duty("Schema", "Bad ownership.", "weight: heavy\n", "Text.\n"))
	w("duties/xref.md", "---\ntitle: Xref\nsummary: Unknown area.\narea: nowhere\nownership: {alpha: leads, beta: none}\nsources: [book]\n---\nText.\n")
	w("duties/link.md", duty("Link", "Broken link.", "", "See [this](/duties/gone/).\n"))
	w("duties/anchor.md", duty("Anchor", "Broken anchor.", "", "See [that](/duties/pricing/#gone).\n"))
	w("duties/image.md", duty("Image", "Image without alt.", "", "![](/favicon.svg)\n"))
	w("duties/dup.md", duty("Pricing", "A duplicate title.", "", "Text.\n"))
	w("duties/empty.md", duty("Empty", "An empty section.", "", "## Alone\n"))
	w("duties/cite.md", duty("Cite", "Cites a missing source.", "", "Text.\n"))
	testkit.Write(t, filepath.Join(dir, "content", "duties", "cite.md"),
		strings.Replace(testkit.Read(t, filepath.Join(dir, "content", "duties", "cite.md")), "sources: [book]", "sources: [nobody]", 1))
	w("ladders/pm-track/senior.md", strings.Replace(testkit.Read(t, filepath.Join(dir, "content", "ladders", "pm-track", "senior.md")), "  impact: Helps the team. Coaches new colleagues weekly.\n", "", 1))
	w("sources/unused.md", "---\ntitle: Unused\nsummary: Never cited.\nkind: web\n---\n")

	type want struct {
		file      string
		line, col int
		severity  string
		message   string
	}
	wants := []want{
		{"content/duties/anchor.md", 8, 6, "error", "link to #gone on /duties/pricing/, an anchor that does not exist"},
		{"content/duties/cite.md", 6, 11, "error", `unknown source "nobody"`},
		{"content/duties/empty.md", 8, 4, "error", `section "Alone" is empty`},
		{"content/duties/image.md", 8, 1, "error", `image "/favicon.svg" has no alt text`},
		{"content/duties/link.md", 8, 6, "error", "link to /duties/gone/, a page that does not exist"},
		{"content/duties/pricing.md", 2, 8, "error", `title "Pricing" is also the title of content/duties/dup.md`},
		{"content/duties/schema.md", 6, 9, "error", "weight must be a whole number, not string"},
		{"content/duties/xref.md", 4, 7, "error", `unknown area "nowhere"`},
		{"content/ladders/pm-track/senior.md", 7, 1, "error", `no expectation for competency "impact"`},
		{"content/sources/unused.md", 2, 1, "warning", `source "unused" is never cited`},
	}

	code, _, human := runCLI(t, nil, "check", "--project", dir)
	if code != 1 {
		t.Errorf("human: exit %d", code)
	}
	code, _, github := runCLI(t, map[string]string{"GITHUB_ACTIONS": "true"}, "check", "--project", dir)
	if code != 1 {
		t.Errorf("github: exit %d", code)
	}
	code, jsonOut, _ := runCLI(t, nil, "check", "--project", dir, "--format", "json")
	if code != 1 {
		t.Errorf("json: exit %d", code)
	}
	var got struct {
		Errors, Warnings int
		Diagnostics      []struct {
			File     string
			Line     int
			Column   int
			Severity string
			Message  string
			Hint     string
		}
	}
	if err := json.Unmarshal([]byte(jsonOut), &got); err != nil {
		t.Fatalf("json: %v\n%s", err, jsonOut)
	}
	if got.Errors != len(wants)-1 || got.Warnings != 1 || len(got.Diagnostics) != len(wants) {
		t.Errorf("json counts: %d errors, %d warnings, %d diagnostics\n%s", got.Errors, got.Warnings, len(got.Diagnostics), human)
	}
	for i, w := range wants {
		line := fmt.Sprintf("%s:%d:%d: %s: %s", w.file, w.line, w.col, w.severity, w.message)
		if !strings.Contains(human, line+"\n    hint: ") {
			t.Errorf("human output lacks %q with a hint", line)
		}
		ann := fmt.Sprintf("::%s file=%s,line=%d,col=%d,title=", w.severity, w.file, w.line, w.col)
		found := false
		for _, l := range strings.Split(github, "\n") {
			if strings.HasPrefix(l, ann) && strings.Contains(l, "::"+strings.ReplaceAll(w.message, "%", "%25")) {
				found = true
			}
		}
		if !found {
			t.Errorf("github output lacks %s…%s", ann, w.message)
		}
		if i < len(got.Diagnostics) {
			d := got.Diagnostics[i]
			if d.File != w.file || d.Line != w.line || d.Column != w.col || d.Severity != w.severity || d.Message != w.message || d.Hint == "" {
				t.Errorf("json[%d] = %+v, want %+v", i, d, w)
			}
		}
	}

	// Warnings alone pass, unless --strict.
	clean := fixture(t)
	testkit.Write(t, filepath.Join(clean, "content", "sources", "unused.md"), "---\ntitle: Unused\nsummary: Never cited.\nkind: web\n---\n")
	if code, stdout, _ := runCLI(t, nil, "check", "--project", clean); code != 0 || !strings.Contains(stdout, "1 warning") {
		t.Errorf("warning only: exit %d %s", code, stdout)
	}
	if code, _, stderr := runCLI(t, nil, "check", "--project", clean, "--strict"); code != 1 || !strings.Contains(stderr, `error: source "unused" is never cited`) {
		t.Errorf("--strict: exit %d %s", code, stderr)
	}
}
