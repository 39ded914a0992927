package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// The ladder linter's warnings come out of `check` like every other
// problem: at file:line:col with a hint in the human form, as annotations
// for GitHub and in the JSON; they pass without --strict and fail with it.
// A fork's company.toml adds mindset words.
func TestLadderLintInCheck(t *testing.T) {
	dir := fixture(t)
	junior := filepath.Join(dir, "content", "ladders", "pm-track", "junior.md")
	testkit.Write(t, junior, strings.Replace(testkit.Read(t, junior), "  - Works without help.", "  - Wants to work without help.", 1))
	pricing := filepath.Join(dir, "content", "duties", "pricing.md")
	testkit.Write(t, pricing, strings.Replace(testkit.Read(t, pricing), "alpha: leads", "alpha: supports", 1))
	wants := []struct{ ann, human string }{
		{"::warning file=content/duties/pricing.md,line=5,col=1,title=ownership-lead::no role leads this duty (",
			"content/duties/pricing.md:5:1: warning: no role leads this duty\n    hint: "},
		{"::warning file=content/ladders/pm-track/junior.md,line=11,col=5,title=ladder-mindset::\"wants to\" names an intention or a mindset, which no reviewer can observe (",
			"content/ladders/pm-track/junior.md:11:5: warning: \"wants to\" names an intention or a mindset, which no reviewer can observe\n    hint: "},
	}
	code, stdout, human := runCLI(t, nil, "check", "--project", dir)
	if code != 0 || !strings.Contains(stdout, "2 warnings") {
		t.Errorf("check: exit %d, %s%s", code, stdout, human)
	}
	_, _, github := runCLI(t, map[string]string{"GITHUB_ACTIONS": "true"}, "check", "--project", dir)
	for _, w := range wants {
		if !strings.Contains(human, w.human) {
			t.Errorf("human output lacks %q:\n%s", w.human, human)
		}
		if !strings.Contains(github, w.ann) {
			t.Errorf("github output lacks %q:\n%s", w.ann, github)
		}
	}
	_, jsonOut, _ := runCLI(t, nil, "check", "--project", dir, "--format", "json")
	var got struct {
		Warnings    int
		Diagnostics []struct{ File, Check, Severity, Hint string }
	}
	if err := json.Unmarshal([]byte(jsonOut), &got); err != nil {
		t.Fatalf("json: %v\n%s", err, jsonOut)
	}
	if got.Warnings != 2 || len(got.Diagnostics) != 2 || got.Diagnostics[0].Check != "ownership-lead" || got.Diagnostics[1].Check != "ladder-mindset" ||
		got.Diagnostics[0].Hint == "" || got.Diagnostics[1].Hint == "" {
		t.Errorf("json: %s", jsonOut)
	}
	if code, _, stderr := runCLI(t, nil, "check", "--project", dir, "--strict"); code != 1 || strings.Count(stderr, ": error: ") != 2 {
		t.Errorf("--strict: exit %d\n%s", code, stderr)
	}

	// A fork's words: company.toml's [lint] mindset_words.
	overlay := filepath.Join(t.TempDir(), "acme")
	testkit.Write(t, filepath.Join(overlay, "company.toml"), "[lint]\nmindset_words = [\"helps the team\"]\n")
	_, _, forked := runCLI(t, nil, "check", "--project", dir, "--overlay", overlay)
	if !strings.Contains(forked, "content/ladders/pm-track/junior.md:9:11: warning: \"helps the team\" names an intention or a mindset") {
		t.Errorf("a fork's mindset word is not warned about:\n%s", forked)
	}
}
