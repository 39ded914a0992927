package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/product-roles/handbook/generator/internal/bench"
	"github.com/product-roles/handbook/generator/internal/build"
	"github.com/product-roles/handbook/generator/internal/synth"
)

func runSynth(ctx context.Context, e *env, args []string) int {
	var o synth.Options
	var out string
	fs := newFlags(e, "synth", "Write a synthetic, valid handbook of a given size into <out>/content, for benchmarks.\nBuild it with: go run ./generator build --source <out>/content")
	fs.StringVar(&out, "out", "", "the folder to write into (required)")
	fs.IntVar(&o.Pages, "pages", 1000, "how many content files")
	fs.IntVar(&o.Roles, "roles", 4, "how many roles (each with a five-level track)")
	fs.Uint64Var(&o.Seed, "seed", 1, "the random seed; the same seed writes the same files")
	if code := parse(fs, e, args); code >= 0 {
		return code
	}
	if out == "" || o.Pages < 100 {
		fmt.Fprintln(e.stderr, "generator synth: --out is required and --pages must be at least 100")
		return exitUsage
	}
	c, err := synth.Write(out, o)
	if err != nil {
		fmt.Fprintf(e.stderr, "generator synth: %v\n", err)
		return exitError
	}
	fmt.Fprintf(e.stdout, "wrote %d content files to %s/content (%d roles, %d duties, %d skills, %d guides)\n",
		c.Total(), filepath.ToSlash(out), c.Roles, c.Duties, c.Skills, c.Guides)
	return exitOK
}

// runResult is what a bench-run child prints.
type runResult struct {
	Times []time.Duration `json:"times"`
	Pages int             `json:"pages"`
}

// runBenchRun is the child side of `bench`: one scenario, in its own process.
func runBenchRun(ctx context.Context, e *env, args []string) int {
	var o build.Options
	var runs int
	fs := newFlags(e, "bench-run <full|baseline|serve>", "Run one benchmark scenario and print its timings as JSON (used by bench).")
	sourceFlags(fs, &o)
	fs.IntVar(&runs, "runs", 3, "how many times")
	pos, code := positional(fs, e, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		return exitUsage
	}
	o.BaseURL = "/"
	var res runResult
	var err error
	switch pos[0] {
	case "full":
		var rep *build.Report
		res.Times, rep, err = bench.Full(ctx, o, runs)
		if rep != nil {
			res.Pages = rep.Pages
		}
	case "baseline":
		res.Times, err = bench.Baseline(ctx, o, runs)
	case "serve":
		res.Times, err = bench.ServeEdit(ctx, o.ProjectDir, runs)
	default:
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "bench-run %s: %v\n", pos[0], err)
		return exitError
	}
	json.NewEncoder(e.stdout).Encode(res)
	return exitOK
}

// childEnv marks a process started by bench.
const childEnv = "HANDBOOK_BENCH_CHILD"

// measured is one row of the benchmark table.
type measured struct {
	name    string
	times   []time.Duration
	rssMB   float64
	pages   int
	process bool // times are whole-process wall times
}

func (m measured) median() time.Duration {
	s := slices.Clone(m.times)
	slices.Sort(s)
	return s[len(s)/2]
}

// child runs a command of this binary and returns its output and peak RSS.
func child(ctx context.Context, args ...string) ([]byte, float64, time.Duration, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, 0, 0, err
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = append(os.Environ(), childEnv+"=1") // under go test, the test binary acts as the CLI
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	out, err := cmd.Output()
	wall := time.Since(start)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("%s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	rss := 0.0
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = float64(ru.Maxrss) / 1024 // KiB on Linux
	}
	return out, rss, wall, nil
}

// scenario runs a bench-run child once per run, each in a fresh process
// (a cold build), and keeps every run's time and the largest peak RSS.
func scenario(ctx context.Context, name string, runs int, args ...string) (measured, error) {
	m := measured{name: name}
	for i := 0; i < runs; i++ {
		out, rss, _, err := child(ctx, append(args, "--runs", "1")...)
		if err != nil {
			return measured{}, err
		}
		var r runResult
		if err := json.Unmarshal(out, &r); err != nil {
			return measured{}, fmt.Errorf("%s: %v", name, err)
		}
		m.times = append(m.times, r.Times...)
		m.rssMB = max(m.rssMB, rss)
		m.pages = r.Pages
	}
	return m, nil
}

func runBench(ctx context.Context, e *env, args []string) int {
	var o build.Options
	var sizes string
	var runs int
	var assert bool
	fs := newFlags(e, "bench", "Measure full builds of the real handbook and of synthetic ones, the Hugo-only baseline of each,\nand an edit in serve, each in its own process (for its peak memory). Prints a Markdown table.")
	sourceFlags(fs, &o)
	fs.StringVar(&sizes, "sizes", "1000,10000", "synthetic handbook sizes in content files, comma-separated")
	fs.IntVar(&runs, "runs", 3, "runs of each scenario (the median is reported)")
	fs.BoolVar(&assert, "assert", false, "exit 1 when a budget of BENCHMARKS.md is missed")
	if code := parse(fs, e, args); code >= 0 {
		return code
	}
	project, _ := filepath.Abs(o.ProjectDir)
	tmp, err := os.MkdirTemp("", "bench-")
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitError
	}
	defer os.RemoveAll(tmp)
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "generator bench: %v\n", err)
		return exitError
	}
	var rows []measured

	// The real handbook: whole `build` processes, then in-process timings.
	wall := measured{name: "real handbook: `generator build` process", process: true}
	for i := 0; i < runs; i++ {
		_, rss, took, err := child(ctx, "build", "--project", project, "--out", filepath.Join(tmp, "real"))
		if err != nil {
			return fail(err)
		}
		wall.times = append(wall.times, took)
		wall.rssMB = max(wall.rssMB, rss)
	}
	rows = append(rows, wall)
	var sets []struct {
		label, source string
	}
	sets = append(sets, struct{ label, source string }{"real handbook", ""})
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 100 {
			fmt.Fprintf(e.stderr, "generator bench: bad size %q\n", s)
			return exitUsage
		}
		dir := filepath.Join(tmp, "synth-"+s)
		if _, err := synth.Write(dir, synth.Options{Pages: n, Seed: 1}); err != nil {
			return fail(err)
		}
		sets = append(sets, struct{ label, source string }{fmt.Sprintf("synthetic %d", n), filepath.Join(dir, "content")})
	}
	for _, s := range sets {
		src := []string{"--project", project}
		if s.source != "" {
			src = append(src, "--source", s.source)
		}
		full, err := scenario(ctx, s.label+": full build", runs, append([]string{"bench-run", "full"}, src...)...)
		if err != nil {
			return fail(err)
		}
		base, err := scenario(ctx, s.label+": Hugo baseline", runs, append([]string{"bench-run", "baseline"}, src...)...)
		if err != nil {
			return fail(err)
		}
		base.pages = full.pages
		rows = append(rows, full, base)
	}
	// The serve edits all run in one serving process, as an editing session does.
	out, rss, _, err := child(ctx, "bench-run", "serve", "--runs", strconv.Itoa(max(runs, 5)), "--project", project)
	if err != nil {
		return fail(err)
	}
	edit := measured{name: "real handbook: one-file edit in serve, until served", rssMB: rss}
	var r runResult
	if err := json.Unmarshal(out, &r); err != nil {
		return fail(err)
	}
	edit.times = r.Times
	rows = append(rows, edit)

	fmt.Fprintf(e.stdout, "| scenario | pages | median | per page | peak RSS |\n| --- | ---: | ---: | ---: | ---: |\n")
	byName := map[string]measured{}
	for _, r := range rows {
		byName[r.name] = r
		per := "–"
		if r.pages > 0 {
			per = fmt.Sprintf("%.2f ms", float64(r.median().Microseconds())/1000/float64(r.pages))
		}
		fmt.Fprintf(e.stdout, "| %s | %s | %s | %s | %.0f MB |\n", r.name, pagesCell(r.pages), r.median().Round(time.Millisecond), per, r.rssMB)
	}
	fmt.Fprintln(e.stdout)
	var missed []string
	check := func(ok bool, format string, a ...any) {
		line := fmt.Sprintf(format, a...)
		mark := "met"
		if !ok {
			mark = "MISSED"
			missed = append(missed, line)
		}
		fmt.Fprintf(e.stdout, "- %s: %s\n", mark, line)
	}
	for _, s := range sets {
		f, b := byName[s.label+": full build"], byName[s.label+": Hugo baseline"]
		ratio := float64(f.median()) / float64(b.median())
		fmt.Fprintf(e.stdout, "- %s: full build / Hugo baseline = %.2f×\n", s.label, ratio)
		if s.label == "synthetic 10000" {
			check(ratio <= 1.25, "overhead over the baseline at 10,000 pages ≤ 1.25× (%.2f×)", ratio)
			check(f.median() <= 10*time.Second, "10,000 pages ≤ 10 s (%s)", f.median().Round(time.Millisecond))
			check(f.rssMB <= 1536, "10,000 pages ≤ 1.5 GB peak RSS (%.0f MB)", f.rssMB)
			if one, ok := byName["synthetic 1000: full build"]; ok {
				g := float64(f.median()) / float64(one.median())
				check(g <= 12, "10,000-page time ≤ 12 × 1,000-page time (%.1f×)", g)
			}
		}
	}
	check(wall.median() <= 500*time.Millisecond, "real handbook full build ≤ 0.5 s wall (%s)", wall.median().Round(time.Millisecond))
	check(edit.median() <= 250*time.Millisecond, "one-file edit in serve to served page ≤ 250 ms (%s)", edit.median().Round(time.Millisecond))
	if assert && len(missed) > 0 {
		return exitError
	}
	return exitOK
}

func pagesCell(n int) string {
	if n == 0 {
		return "–"
	}
	return strconv.Itoa(n)
}
