package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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
	fs := newFlags(e, "synth", "Write a synthetic, valid handbook of a given size into <out>/content, with one language in <out>/handbook.toml\nand this project's theme, for benchmarks. Build it with: go run ./generator build --project <out>")
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
	if err == nil {
		err = synth.Project(".", out)
	}
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
	var edit string
	fs := newFlags(e, "bench-run <full|baseline|floor|serve>", "Run one benchmark scenario and print its timings as JSON (used by bench).")
	sourceFlags(fs, &o)
	fs.IntVar(&runs, "runs", 3, "how many times")
	fs.StringVar(&edit, "edit", "ownership", "serve: the edit to time (prose or ownership)")
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
	case "floor":
		res.Times, res.Pages, err = bench.Floor(ctx, o.ProjectDir, o.Source, runs)
	case "serve":
		res.Times, err = bench.ServeEdit(ctx, o.ProjectDir, bench.Edit(edit), runs)
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
	name  string
	times []time.Duration // in-process times, or whole-process wall times
	walls []time.Duration // whole-process wall times of the same runs
	rssMB float64
	pages int
	floor *measured // the row this one is compared with
}

func median(times []time.Duration) time.Duration {
	if len(times) == 0 {
		return 0
	}
	s := slices.Clone(times)
	slices.Sort(s)
	return s[len(s)/2]
}

func (m measured) median() time.Duration { return median(m.times) }

// ratio is this row's median over its floor's, or 0 without a floor.
func (m measured) ratio() float64 {
	if m.floor == nil || m.floor.median() == 0 {
		return 0
	}
	return float64(m.median()) / float64(m.floor.median())
}

// child runs a command of this binary and returns its output, peak RSS and
// wall time. cores > 0 pins the child's GOMAXPROCS.
func child(ctx context.Context, cores int, args ...string) ([]byte, float64, time.Duration, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, 0, 0, err
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = append(os.Environ(), childEnv+"=1") // under go test, the test binary acts as the CLI
	if cores > 0 {
		cmd.Env = append(cmd.Env, "GOMAXPROCS="+strconv.Itoa(cores))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// The budgets hold without a soft memory limit: switch off the
		// generator's default one, so that peak RSS shows what it needs.
		cmd.Env = append(cmd.Env, "GOMEMLIMIT=off")
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	flushDisk() // the previous scenario's writes are not this one's cost
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
func scenario(ctx context.Context, cores int, name string, runs int, args ...string) (measured, error) {
	m := measured{name: name}
	for i := 0; i < runs; i++ {
		out, rss, wall, err := child(ctx, cores, append(args, "--runs", "1")...)
		if err != nil {
			return measured{}, err
		}
		var r runResult
		if err := json.Unmarshal(out, &r); err != nil {
			return measured{}, fmt.Errorf("%s: %v", name, err)
		}
		m.times = append(m.times, r.Times...)
		m.walls = append(m.walls, wall)
		m.rssMB = max(m.rssMB, rss)
		m.pages = r.Pages
	}
	return m, nil
}

func runBench(ctx context.Context, e *env, args []string) int {
	var o build.Options
	var sizes string
	var runs, cores int
	var assert bool
	fs := newFlags(e, "bench", "Measure full builds of the real handbook and of synthetic ones, the Hugo-only baseline and the plain-Hugo\nfloor of each, and edits in serve, each in its own process (for its peak memory). Prints a Markdown table.")
	sourceFlags(fs, &o)
	fs.StringVar(&sizes, "sizes", "1000,10000", "synthetic handbook sizes in content files, comma-separated")
	fs.IntVar(&runs, "runs", 3, "runs of each scenario (the median is reported)")
	fs.IntVar(&cores, "cores", 0, "pin GOMAXPROCS of every measured process to this many cores (0: all)")
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
	type set struct{ label, source string } // source: a synthetic project; "" the real handbook
	sets := []set{{"real handbook", ""}}
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
		if err := synth.Project(project, dir); err != nil {
			return fail(err)
		}
		sets = append(sets, set{fmt.Sprintf("synthetic %d", n), dir})
	}
	var rows []*measured
	byName := map[string]*measured{}
	add := func(m measured) *measured {
		rows = append(rows, &m)
		byName[m.name] = &m
		return &m
	}
	for _, s := range sets {
		src := []string{"--project", project}
		if s.source != "" { // a synthetic project, in one language
			src = []string{"--project", s.source}
		}
		floor, err := scenario(ctx, cores, s.label+": Hugo floor", runs, append([]string{"bench-run", "floor"}, src...)...)
		if err != nil {
			return fail(err)
		}
		if s.source == "" {
			// The whole `build` process against the whole floor process.
			proc := add(measured{name: "real handbook: Hugo floor process", times: floor.walls, rssMB: floor.rssMB})
			wall := add(measured{name: "real handbook: `generator build` process", floor: proc})
			for i := 0; i < runs; i++ {
				_, rss, took, err := child(ctx, cores, "build", "--project", project, "--out", filepath.Join(tmp, "real"))
				if err != nil {
					return fail(err)
				}
				wall.times = append(wall.times, took)
				wall.rssMB = max(wall.rssMB, rss)
			}
		}
		fl := add(floor)
		full, err := scenario(ctx, cores, s.label+": full build", runs, append([]string{"bench-run", "full"}, src...)...)
		if err != nil {
			return fail(err)
		}
		full.floor = fl
		base, err := scenario(ctx, cores, s.label+": Hugo baseline", runs, append([]string{"bench-run", "baseline"}, src...)...)
		if err != nil {
			return fail(err)
		}
		base.pages, base.floor = full.pages, fl
		add(full)
		add(base)
	}
	// The serve edits each run in one serving process, as an editing session does.
	edits := map[bench.Edit]*measured{}
	for _, ed := range []bench.Edit{bench.EditProse, bench.EditOwnership} {
		out, rss, _, err := child(ctx, cores, "bench-run", "serve", "--edit", string(ed), "--runs", strconv.Itoa(max(runs, 7)), "--project", project)
		if err != nil {
			return fail(err)
		}
		var r runResult
		if err := json.Unmarshal(out, &r); err != nil {
			return fail(err)
		}
		edits[ed] = add(measured{name: "real handbook: serve, " + ed.Describe() + ", until served", times: r.Times, rssMB: rss})
	}

	procs := "all " + strconv.Itoa(runtime.NumCPU())
	if cores > 0 {
		procs = strconv.Itoa(cores)
	}
	limit := "off"
	if l := os.Getenv("GOMEMLIMIT"); l != "" {
		limit = l
	}
	fmt.Fprintf(e.stdout, "GOMAXPROCS: %s (of %d CPUs), GOMEMLIMIT: %s, %d run(s) each, medians\n\n", procs, runtime.NumCPU(), limit, runs)
	fmt.Fprintf(e.stdout, "| scenario | pages | median | per page | × floor | peak RSS |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
	for _, r := range rows {
		per, ratio := "–", "–"
		if r.pages > 0 {
			per = fmt.Sprintf("%.2f ms", float64(r.median().Microseconds())/1000/float64(r.pages))
		}
		if r.floor == nil && strings.Contains(r.name, "floor") {
			ratio = "1.00×"
		} else if x := r.ratio(); x > 0 {
			ratio = fmt.Sprintf("%.2f×", x)
		}
		fmt.Fprintf(e.stdout, "| %s | %s | %s | %s | %s | %.0f MB |\n", r.name, pagesCell(r.pages), r.median().Round(time.Millisecond), per, ratio, r.rssMB)
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
	if f, ok := byName["synthetic 10000: full build"]; ok {
		check(f.ratio() <= 2.5, "10,000 files ≤ 2.5× the floor (%.2f×)", f.ratio())
		check(f.rssMB <= 1300, "10,000 files ≤ 1.3 GB peak RSS (%.0f MB)", f.rssMB)
		if one, ok := byName["synthetic 1000: full build"]; ok {
			g := float64(f.median()) / float64(one.median())
			check(g <= 11, "10,000-file time ≤ 11 × 1,000-file time (%.1f×)", g)
		}
	}
	wall := byName["real handbook: `generator build` process"]
	check(wall.median() <= 350*time.Millisecond, "real handbook `build` process ≤ 0.35 s (%s)", wall.median().Round(time.Millisecond))
	check(wall.ratio() <= 2, "real handbook `build` process ≤ 2× the floor process (%.2f×)", wall.ratio())
	check(edits[bench.EditProse].median() <= 50*time.Millisecond, "serve, prose edit to served page ≤ 50 ms (%s)", edits[bench.EditProse].median().Round(time.Millisecond))
	check(edits[bench.EditOwnership].median() <= 120*time.Millisecond, "serve, ownership change to served page ≤ 120 ms (%s)", edits[bench.EditOwnership].median().Round(time.Millisecond))
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
