package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/product-roles/handbook/generator/internal/usage"
)

// listed returns the commands the help lists, in order.
func listed() []string {
	var names []string
	for _, c := range commands() {
		if !c.Hidden {
			names = append(names, c.Name)
		}
	}
	return names
}

// The help is made from the table: every command once, hidden ones never,
// and each command's --help shows its usage line and long help.
func TestHelpListsEveryCommandOnce(t *testing.T) {
	code, help, _ := runCLI(t, nil, "help")
	if code != 0 {
		t.Fatalf("help: exit %d", code)
	}
	got := regexp.MustCompile(`(?m)^  (\S+)  +\S`).FindAllStringSubmatch(help, -1)
	var names []string
	for _, m := range got {
		names = append(names, m[1])
	}
	if want := listed(); !slices.Equal(names, want) {
		t.Errorf("help lists %q, want %q\n%s", names, want, help)
	}
	seen := map[string]bool{}
	for _, c := range commands() {
		if seen[c.Name] {
			t.Errorf("the table has %q twice", c.Name)
		}
		seen[c.Name] = true
		if c.Hidden {
			if strings.Contains(help, c.Name) {
				t.Errorf("help lists the hidden command %q", c.Name)
			}
		} else if n := len(regexp.MustCompile(`(?m)^  `+regexp.QuoteMeta(c.Name)+` `).FindAllString(help, -1)); n != 1 {
			t.Errorf("help lists %q %d times:\n%s", c.Name, n, help)
		}
		code, out, errs := runCLI(t, nil, c.Name, "--help")
		if code != 0 || errs != "" || !strings.HasPrefix(out, "Usage: go run ./generator "+c.usageLine()+" [flags]\n\n"+c.Long+"\n\nFlags:\n") {
			t.Errorf("%s --help: exit %d\n%s%s", c.Name, code, out, errs)
		}
	}
}

// Every command refuses an unknown flag and a wrong number of arguments
// with exit status 2 and one message, before it reads anything.
func TestUsageErrorsExit2(t *testing.T) {
	project := filepath.Join(t.TempDir(), "no-such-project") // a usage error must come before any loading
	wrongArgs := map[string][]string{
		"build": {"extra"}, "serve": {"extra"}, "check": {"extra"}, "new": {"duty"}, "init": {"a", "b"},
		"override": nil, "overrides": {"extra"}, "translations": {"content/x.de.md"}, "upstream-changes": {"extra"},
		"release": {"extra"}, "synth": {"extra"}, "bench": {"extra"}, "bench-run": nil, "version": {"extra"},
	}
	for _, c := range commands() {
		args, ok := wrongArgs[c.Name]
		if !ok {
			t.Errorf("no wrong-argument case for %q: add one", c.Name)
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			code, out, errs := runCLI(t, nil, c.Name, "--no-such-flag")
			if code != 2 || out != "" || strings.Count(errs, "flag provided but not defined: -no-such-flag\n") != 1 ||
				!strings.Contains(errs, "Usage: go run ./generator "+c.usageLine()) {
				t.Errorf("unknown flag: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
			}
			code, out, errs = runCLI(t, nil, append(append([]string{c.Name}, args...), "--project", project)...)
			if c.Name == "init" || c.Name == "synth" || c.Name == "version" {
				code, out, errs = runCLI(t, nil, append([]string{c.Name}, args...)...) // they have no --project
			}
			lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
			if code != 2 || out != "" || len(lines) != 1 || !strings.HasPrefix(lines[0], "generator "+c.Name+": ") {
				t.Errorf("%q: exit %d, want 2 with one message\nstdout: %s\nstderr: %s", args, code, out, errs)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(".", "a")); err == nil {
		t.Error("init with two folders created one")
	}
}

// README's command table names every command of the table once.
func TestReadmeListsEveryCommand(t *testing.T) {
	readme := testkit.Read(t, filepath.Join(testkit.Root(t), "README.md"))
	_, section, ok := strings.Cut(readme, "| command | what it does |")
	if !ok {
		t.Fatal("README.md has no command table")
	}
	section, _, _ = strings.Cut(section, "\n\n")
	var names []string
	for _, row := range strings.Split(section, "\n")[2:] {
		cell := strings.Split(row, "|")[1]
		for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(cell, -1) {
			names = append(names, strings.Fields(strings.TrimPrefix(m[1], "go run ./generator "))[0])
		}
	}
	want := listed()
	slices.Sort(want)
	slices.Sort(names)
	if !slices.Equal(names, want) {
		t.Errorf("README's command table names %q, want %q", names, want)
	}
}

// Flags may stand before and after the arguments; after "--" everything
// is an argument.
func TestArgumentParser(t *testing.T) {
	for _, tc := range []struct {
		args []string
		pos  []string
		x    string
		err  string
	}{
		{[]string{"a", "--x", "1", "b"}, []string{"a", "b"}, "1", ""},
		{[]string{"--x", "1", "--", "-a", "-b"}, []string{"-a", "-b"}, "1", ""},
		{[]string{"a", "--y"}, nil, "", "flag provided but not defined: -y"},
	} {
		var pos []string
		var x string
		c := &Command{Name: "t", Args: "<arg>...", Bind: func(fs *flag.FlagSet) Run {
			fs.StringVar(&x, "x", "", "")
			return func(_ context.Context, _ *env, args []string) error {
				pos = args
				return nil
			}
		}}
		err := c.execute(context.Background(), &env{}, tc.args)
		if (err == nil) != (tc.err == "") || (err != nil && (usage.As(err) == nil || err.Error() != tc.err)) {
			t.Errorf("%q: %v, want %q", tc.args, err, tc.err)
		}
		if !slices.Equal(pos, tc.pos) || x != tc.x {
			t.Errorf("%q: arguments %q, -x %q; want %q, %q", tc.args, pos, x, tc.pos, tc.x)
		}
	}
}
