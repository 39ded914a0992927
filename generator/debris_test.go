package main

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// Twenty builds killed (SIGKILL, no chance to clean up) at random points,
// each changing the site: after every kill the output folder is the old
// site or the new one, never a mix and never missing; after one good
// build no temporary .public.new-* folder is left.
func TestKilledBuildLeavesNoDebris(t *testing.T) {
	dir := fixture(t)
	out := filepath.Join(dir, "public")
	file := filepath.Join(dir, "content", "duties", "pricing.md")
	original := testkit.Read(t, file)
	variant := func(v int) {
		testkit.Write(t, file, strings.Replace(original, "real prose", []string{"real prose, version A", "real prose, version B"}[v], 1))
	}
	hashes := [2]string{}
	var took time.Duration
	for v := range 2 {
		variant(v)
		start := time.Now()
		if code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out); code != 0 {
			t.Fatal(stderr)
		}
		took = max(took, time.Since(start))
		hashes[v] = treeHash(t, out)
	}
	if hashes[0] == hashes[1] {
		t.Fatal("the two versions build the same site")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d; a build takes about %s", seed, took.Round(time.Millisecond))
	r := rand.New(rand.NewPCG(seed, 1))
	current, debris, replaced := 1, 0, 0
	for i := range 20 {
		next := 1 - current
		variant(next)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd, _ := startCLI(t, ctx, "build", "--project", dir, "--out", out)
		// Anywhere from loading to well past the write (the child also
		// spends time starting).
		time.Sleep(time.Duration(r.Int64N(int64(took + took/2))))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		finished := cmd.Wait() == nil
		cancel()
		switch h := treeHash(t, out); h {
		case hashes[current]:
		case hashes[next]:
			current, replaced = next, replaced+1
		default:
			t.Fatalf("kill %d (finished: %v): the output is neither the old site nor the new one", i+1, finished)
		}
		if entries, _ := os.ReadDir(dir); strings.Contains(names(entries), ".new-") {
			debris++
		}
	}
	t.Logf("%d of 20 builds replaced the site before the kill; %d kills left a temporary folder for the next build to remove", replaced, debris)
	variant(1 - current)
	if code, _, stderr := runCLI(t, nil, "build", "--project", dir, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	if treeHash(t, out) != hashes[1-current] {
		t.Error("the good build did not write the new site")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".new-") {
			t.Errorf("%s left behind", e.Name())
		}
	}
}

func names(entries []os.DirEntry) string {
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.Name() + "\n")
	}
	return b.String()
}
