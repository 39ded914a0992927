package main

import (
	"context"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// readyEnv names a file a child creates once it handles signals.
const readyEnv = "HANDBOOK_TEST_READY"

// Under go test, a child started by `bench` is this test binary: run the CLI.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		// As runWithSignals, and then say so in readyEnv's file: a loaded
		// machine may take a while to start the binary.
		ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		if f := os.Getenv(readyEnv); f != "" {
			_ = os.WriteFile(f, nil, 0o644)
		}
		os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
	}
	os.Exit(m.Run())
}

// Every benchmark runs once at a small size, so that they keep working.
// Times are printed, not asserted (that is `bench --assert`'s job).
func TestBenchSmoke(t *testing.T) {
	root := t.TempDir()
	code, stdout, stderr := runCLI(t, nil, "bench", "--sizes", "150", "--runs", "1", "--cores", "1", "--project", testkit.Root(t))
	if code != 0 {
		t.Fatalf("bench: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"| real handbook: `generator build` process |", "| real handbook: full build |", "| real handbook: Hugo baseline |",
		"| synthetic 150: full build |", "| synthetic 150: Hugo baseline |", "| synthetic 150: Hugo floor |", "| real handbook: Hugo floor process |",
		"| real handbook: serve, prose edit, until served |", "| real handbook: serve, ownership change, until served |", "GOMAXPROCS: 1 (of",
		"serve, prose edit to served page ≤ 60 ms"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("bench output lacks %q:\n%s", want, stdout)
		}
	}
	// Every build row shows its pages and its ratio to the floor of the same content.
	for _, row := range []string{"real handbook: full build", "real handbook: `generator build` process", "synthetic 150: full build", "synthetic 150: Hugo baseline"} {
		if !regexp.MustCompile(`\| ` + regexp.QuoteMeta(row) + ` \| [^|]+ \| [^|]+ \| [^|]+ \| \d+\.\d\d× \|`).MatchString(stdout) {
			t.Errorf("row %q shows no ratio to the floor:\n%s", row, stdout)
		}
	}
	if !regexp.MustCompile(`\| synthetic 150: Hugo floor \| 1\d\d \| `).MatchString(stdout) {
		t.Errorf("the floor row shows no page count of the 150-file handbook:\n%s", stdout)
	}
	t.Log("\n" + stdout)
	code, stdout, stderr = runCLI(t, nil, "synth", "--out", root, "--pages", "120")
	if code != 0 || !strings.Contains(stdout, "content files") {
		t.Errorf("synth: exit %d %s%s", code, stdout, stderr)
	}
}
