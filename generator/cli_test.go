package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

func fixture(t *testing.T) string {
	return testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
}

func runCLI(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

func TestCLI(t *testing.T) {
	dir := fixture(t)
	broken := fixture(t)
	testkit.Write(t, filepath.Join(broken, "content", "duties", "pricing.md"),
		"---\ntitle: Pricing\nsummary: Setting the price.\narea: nowhere\nownership: {alpha: leads, beta: owns}\nsources: [book]\n---\nText.\n")
	out := filepath.Join(t.TempDir(), "site")
	for _, tc := range []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		stdout string // regexp
		stderr string // regexp
	}{
		{"no command", nil, nil, 2, `^$`, `Usage: go run ./generator <command>`},
		{"help", nil, []string{"--help"}, 0, `Commands:\n  build`, `^$`},
		{"unknown command", nil, []string{"deploy"}, 2, `^$`, `unknown command "deploy"`},
		{"build help", nil, []string{"build", "--help"}, 0, `(?s)Usage: go run ./generator build.*-base-url`, `^$`},
		{"serve help", nil, []string{"serve", "--help"}, 0, `(?s)-bind.*-port`, `^$`},
		{"bad flag", nil, []string{"build", "--nope"}, 2, `^$`, `^generator build: flag provided but not defined: --nope\n\nUsage: go run ./generator build`},
		{"stray argument", nil, []string{"check", "extra"}, 2, `^$`, `unexpected argument "extra"`},
		{"bad format", nil, []string{"check", "--project", dir, "--format", "xml"}, 2, `^$`, `unknown format "xml"`},
		{"version", nil, []string{"version"}, 0, `^generator \S+ \(Hugo v0\.165\.0\)(, commit [0-9a-f]{12}.*)?\n$`, `^$`},
		{"check ok", nil, []string{"check", "--project", dir}, 0, `^ok: no errors, 0 warnings\n$`, `^$`},
		{"build ok", nil, []string{"build", "--project", dir, "--out", out, "--verbose"}, 0,
			`(?m)^built \d+ pages \(\d+ files\): [\d.]+ KB before minify, [\d.]+ KB after, in \S+\n(  \w+ +\S+\n){10}$`,
			`^(generator build: \w+… \(\d+\.\d\ds so far\)\n)*$`}, // progress, on a machine where it takes more than 2 s
		{"check errors", nil, []string{"check", "--project", broken}, 1, `^$`,
			`(?s)content/duties/pricing.md:4:7: error: unknown area "nowhere"\n    hint: .*content/duties/pricing.md:5:33: error: ownership.beta is "owns", which is not allowed\n    hint: use one of: leads, shares, supports, none\ngenerator check: 2 errors, 0 warnings\n$`},
		{"build errors", nil, []string{"build", "--project", broken, "--out", out}, 1, `^$`, `nothing was written`},
		{"github format", map[string]string{"GITHUB_ACTIONS": "true"}, []string{"check", "--project", broken}, 1, `^$`,
			`(?m)^::error file=content/duties/pricing.md,line=4,col=7,title=unknown-id::unknown area "nowhere" \(use the id`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.env, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, stdout, stderr)
			}
			if !regexp.MustCompile(tc.stdout).MatchString(stdout) {
				t.Errorf("stdout %q does not match %q", stdout, tc.stdout)
			}
			if !regexp.MustCompile(tc.stderr).MatchString(stderr) {
				t.Errorf("stderr %q does not match %q", stderr, tc.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("build wrote no index.html: %v", err)
	}
}

func TestCheckJSON(t *testing.T) {
	broken := fixture(t)
	testkit.Write(t, filepath.Join(broken, "content", "duties", "pricing.md"),
		"---\ntitle: Pricing\nsummary: Setting the price.\narea: nowhere\nownership: {alpha: leads, beta: none}\nsources: [book]\n---\nText.\n")
	code, stdout, _ := runCLI(t, nil, "check", "--project", broken, "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var got struct {
		Errors      int
		Diagnostics []struct {
			File    string
			Line    int
			Message string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if got.Errors != 1 || got.Diagnostics[0].File != "content/duties/pricing.md" || got.Diagnostics[0].Line != 4 ||
		!strings.Contains(got.Diagnostics[0].Message, `unknown area "nowhere"`) {
		t.Errorf("got %+v", got)
	}
}

// `new` writes a file for every kind; check accepts it as it is (a role
// only once its entries are filled in), check --strict once its
// placeholders are replaced.
func TestNewScaffoldsPassCheck(t *testing.T) {
	for _, tc := range []struct{ kind, id, file string }{
		{"role", "project-manager", "roles/project-manager.md"},
		{"dimension", "budget-authority", "compare/budget-authority.md"},
		{"duty", "stakeholder-mapping", "duties/stakeholder-mapping.md"},
		{"skill", "storytelling", "skills/storytelling.md"},
		{"level", "pm-track/principal", "ladders/pm-track/principal.md"},
		{"source", "new-article", "sources/new-article.md"},
		{"guide", "onboarding", "guides/onboarding.md"},
		{"faq", "who-writes-stories", "faq/who-writes-stories.md"},
		{"term", "burndown", "glossary/burndown.md"},
		{"interview", "hardest-trade-off", "interview/hardest-trade-off.md"},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			dir := fixture(t)
			code, stdout, stderr := runCLI(t, nil, "new", tc.kind, tc.id, "--project", dir)
			if code != 0 || !strings.Contains(stdout, "content/"+tc.file) {
				t.Fatalf("new: exit %d\n%s%s", code, stdout, stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "content", tc.file)); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr = runCLI(t, nil, "check", "--project", dir)
			if tc.kind == "role" {
				// A role's entry for every duty and skill is a placeholder that check rejects.
				if code != 1 || !strings.Contains(stderr, "content/"+tc.file+":") || !strings.Contains(stderr, `is "todo", which is not allowed`) {
					t.Errorf("check after new role: exit %d, want 1 naming the role's placeholders\n%s", code, stderr)
				}
			} else if code != 0 {
				t.Errorf("check after new %s: exit %d\n%s%s", tc.kind, code, stdout, stderr)
			}
			// Untouched placeholders fail a strict check.
			if code, _, stderr := runCLI(t, nil, "check", "--strict", "--project", dir); code != 1 || !strings.Contains(stderr, "content/"+tc.file+":") ||
				!strings.Contains(stderr, "placeholder") {
				t.Errorf("check --strict after new %s: exit %d, want 1 naming the placeholders\n%s", tc.kind, code, stderr)
			}
			if tc.kind == "role" { // the role's placeholders come first
				return
			}
			if code, _, stderr := runCLI(t, nil, "new", tc.kind, tc.id, "--project", dir); code != 1 || !strings.Contains(stderr, "already exists") {
				t.Errorf("second new: exit %d %s", code, stderr)
			}
		})
	}
	dir := fixture(t)
	for _, args := range [][]string{{"new", "duty"}, {"new", "widget", "x"}, {"new", "competency", "x"}, {"new", "duty", "Bad_ID"}, {"new", "level", "no-such-track/x"}} {
		if code, _, _ := runCLI(t, nil, append(args, "--project", dir)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
