package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/hugosite"
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

// Every command's help, as `<command> --help` and as `help <command>`,
// names its flags as users type them: two dashes, an argument named in
// capitals for a flag that takes one (--out DIR), none for a switch, and no
// backquote left from a usage string.
func TestEveryHelpSpeaksAsUsersType(t *testing.T) {
	for _, c := range commands() {
		t.Run(c.Name, func(t *testing.T) {
			code, help, errs := runCLI(t, nil, c.Name, "--help")
			if code != 0 || errs != "" {
				t.Fatalf("--help: exit %d, stderr %q", code, errs)
			}
			if code2, help2, errs2 := runCLI(t, nil, "help", c.Name); code2 != 0 || help2 != help || errs2 != "" {
				t.Errorf("help %s: exit %d, and it differs from %s --help:\n%s", c.Name, code2, c.Name, help2)
			}
			if strings.Contains(help, "`") {
				t.Errorf("a backquote in the help:\n%s", help)
			}
			fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
			c.Bind(fs)
			fs.VisitAll(func(f *flag.Flag) {
				line := regexp.MustCompile(`(?m)^  --` + regexp.QuoteMeta(f.Name) + `( [A-Z]+)?$`).FindStringSubmatch(help)
				isBool := false
				if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok {
					isBool = b.IsBoolFlag()
				}
				switch {
				case line == nil:
					t.Errorf("no line \"  --%s\" in the help:\n%s", f.Name, help)
				case isBool && line[1] != "":
					t.Errorf("the switch --%s shows an argument: %q", f.Name, line[0])
				case !isBool && line[1] == "":
					t.Errorf("--%s takes an argument, but its help names none: %q", f.Name, line[0])
				}
			})
			if regexp.MustCompile(`(?m)^\s+-[a-z]`).MatchString(help) {
				t.Errorf("a flag with one dash in the help:\n%s", help)
			}
			if fs.Lookup("out") != nil && !strings.Contains(help, "\n  --out DIR\n") {
				t.Errorf("--out is not shown as --out DIR:\n%s", help)
			}
		})
	}
}

// Usage errors that are not about flags exit 2 too, with one message that
// starts with the command and says what to do.
func TestUsageErrorsNameTheFix(t *testing.T) {
	dir := fixture(t)
	full := filepath.Join(t.TempDir(), "full")
	testkit.Write(t, filepath.Join(full, "x.txt"), "mine\n")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"init over a folder with files", []string{"init", full}, "generator init: " + full + " already exists and is not empty: name a new folder"},
		{"override of a file upstream does not have", []string{"override", "--project", dir, "content/duties/nope.md"},
			"generator override: content/duties/nope.md is not an upstream file"},
		{"help of an unknown command", []string{"help", "deploy"}, `generator: unknown command "deploy"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, nil, tc.args...)
			if code != 2 || out != "" || !strings.HasPrefix(errs, tc.want) {
				t.Errorf("exit %d, want 2\nstdout: %s\nstderr: %s\nwant stderr starting %q", code, out, errs, tc.want)
			}
		})
	}
	if data := testkit.Read(t, filepath.Join(full, "x.txt")); data != "mine\n" {
		t.Errorf("init touched a file in the folder it refused: %q", data)
	}
}

// A build that runs longer than the threshold says which stage it is in,
// then each stage it starts; nothing after stop.
func TestProgress(t *testing.T) {
	var mu sync.Mutex
	var b strings.Builder
	w := writerFunc(func(p []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return b.Write(p) })
	read := func() string { mu.Lock(); defer mu.Unlock(); return b.String() }
	stage, stop := progress(w, "build", time.Millisecond)
	stage("load")
	for !strings.Contains(read(), "load") {
		time.Sleep(time.Millisecond)
	}
	stage("render")
	stop()
	stage("write")
	if got := read(); !regexp.MustCompile(`^generator build: load… \(\d+ms so far\)\ngenerator build: render… \(\d+ms so far\)\n$`).MatchString(got) {
		t.Errorf("progress printed %q", got)
	}
	quiet, stopQuiet := progress(w, "build", time.Hour)
	quiet("load")
	stopQuiet()
	if got := read(); strings.Count(got, "\n") != 2 {
		t.Errorf("a short build printed progress: %q", got)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestVersionLine(t *testing.T) {
	vcs := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "6850be7f00d1c0ffee6850be7f00d1c0ffee6850"}, {Key: "vcs.time", Value: "2026-12-07T03:59:31Z"}, {Key: "vcs.modified", Value: "false"}}}
	for _, tc := range []struct {
		set  string
		bi   *debug.BuildInfo
		want string
	}{
		{"", nil, "generator devel (Hugo " + hugosite.Version + ")"},
		{"", vcs, "generator devel (Hugo " + hugosite.Version + "), commit 6850be7f00d1 of 2026-12-07T03:59:31Z"},
		{"v1.2.0", &debug.BuildInfo{Main: debug.Module{Version: "v1.1.0"}}, "generator v1.2.0 (Hugo " + hugosite.Version + ")"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "v1.1.0"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "true"}}},
			"generator v1.1.0 (Hugo " + hugosite.Version + "), commit abc, with uncommitted changes"},
	} {
		if got := versionLine(tc.set, tc.bi); got != tc.want {
			t.Errorf("versionLine(%q, %v) = %q, want %q", tc.set, tc.bi, got, tc.want)
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
			if code != 2 || out != "" || strings.Count(errs, "generator "+c.Name+": flag provided but not defined: --no-such-flag\n") != 1 ||
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
		{[]string{"a", "--y"}, nil, "", "flag provided but not defined: --y"},
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

// Every flag of build reaches what the build runs with: the folders, the
// pipeline's options or how the command reports. A flag bound anywhere else
// would be parsed and ignored.
func TestBuildFlagsReachTheBuild(t *testing.T) {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	f := bindBuild(fs)
	fs.VisitAll(func(fl *flag.Flag) {
		before := *f
		folders := *f.folders
		value := "x"
		if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			value = "true"
		}
		if err := fs.Set(fl.Name, value); err != nil {
			t.Fatal(err)
		}
		after := *f
		after.folders, before.folders = nil, nil // compared by value below
		if *f.folders == folders && reflect.DeepEqual(after, before) {
			t.Errorf("--%s=%s changed neither the folders, the pipeline's options nor the report", fl.Name, value)
		}
	})
}

// Every command binds its flags one way, fs.XxxVar to where it reads them
// (see Command.Bind): no flag is held in a pointer fs.String and the like
// return, to be copied into options later.
func TestFlagsBindOneWay(t *testing.T) {
	files, err := filepath.Glob("cmd_*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cmd_*.go: %v", err)
	}
	pointer := regexp.MustCompile(`\bfs\.(String|Bool|Int|Int64|Uint|Uint64|Float64|Duration)\(`)
	for _, f := range append(files, "command.go") {
		for i, line := range strings.Split(testkit.Read(t, f), "\n") {
			if pointer.MatchString(line) {
				t.Errorf("%s:%d: %s: bind the flag with fs.XxxVar to the field the command reads", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
