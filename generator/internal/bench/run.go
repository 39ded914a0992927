package bench

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

	"github.com/product-roles/handbook/generator/internal/human"
	"github.com/product-roles/handbook/generator/internal/synth"
)

// ChildEnv marks a process started by Run. Under go test, the test binary
// acts as the generator when it is set.
const ChildEnv = "HANDBOOK_BENCH_CHILD"

// Scenario is what a `generator bench-run` child prints, as JSON.
type Scenario struct {
	Times []time.Duration `json:"times"`
	Pages int             `json:"pages"`
}

// Config is what Run measures.
type Config struct {
	Project string // the real handbook's project folder
	Sizes   []int  // synthetic handbook sizes, in content files
	Runs    int    // runs of each scenario
	Cores   int    // GOMAXPROCS of every measured process; 0: all
	// Progress, when set, is told what Run starts measuring, so that a
	// run of many minutes is seen to move.
	Progress func(step string)
}

// Row is one row of the benchmark table.
type Row struct {
	Name    string
	Times   []time.Duration // in-process times, or whole-process wall times
	Walls   []time.Duration // whole-process wall times of the same runs
	RSSMB   float64
	Pages   int
	IsFloor bool // the floor the rows of the same content are compared with
	Floor   *Row // the row this one is compared with
}

// Median is the row's median time.
func (r *Row) Median() time.Duration {
	if len(r.Times) == 0 {
		return 0
	}
	s := slices.Clone(r.Times)
	slices.Sort(s)
	return s[len(s)/2]
}

// Ratio is the row's median over its floor's, or 0 without a floor.
func (r *Row) Ratio() float64 {
	if r.Floor == nil || r.Floor.Median() == 0 {
		return 0
	}
	return float64(r.Median()) / float64(r.Floor.Median())
}

// Budget is one budget of BENCHMARKS.md with what was measured.
type Budget struct {
	Text string
	Met  bool
}

// Result is the table and the budgets.
type Result struct {
	Rows    []*Row
	Budgets []Budget
}

// Missed reports whether a budget was missed.
func (r *Result) Missed() bool {
	return slices.ContainsFunc(r.Budgets, func(b Budget) bool { return !b.Met })
}

// Run measures full builds of the real handbook and of synthetic ones, the
// Hugo-only baseline and the plain-Hugo floor of each, and edits in serve,
// each in its own process (for its peak memory), and checks the budgets.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	project, err := filepath.Abs(cfg.Project)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	say := func(format string, a ...any) {
		if cfg.Progress != nil {
			cfg.Progress(fmt.Sprintf(format, a...))
		}
	}
	type set struct {
		label, project string
		size           int // 0: the real handbook
	}
	sets := []set{{"real handbook", project, 0}}
	for _, n := range cfg.Sizes {
		dir := filepath.Join(tmp, "synth-"+strconv.Itoa(n))
		say("writing a synthetic handbook of %d files", n)
		if _, err := synth.Write(ctx, dir, synth.Options{Pages: n, Seed: 1}); err != nil {
			return nil, err
		}
		if err := synth.Project(project, dir); err != nil {
			return nil, err
		}
		sets = append(sets, set{fmt.Sprintf("synthetic %d", n), dir, n})
	}
	res := &Result{}
	add := func(r *Row) *Row {
		res.Rows = append(res.Rows, r)
		return r
	}
	full, baseline := map[int]*Row{}, map[int]*Row{} // by size
	var wall *Row
	for _, s := range sets {
		src := []string{"--project", s.project}
		// The scenarios take turns, run by run (floor, build process, full
		// build, baseline, then again), so that a change in the machine's
		// speed meanwhile (its disk's, mostly) falls on each of them alike
		// and the ratios stay those of the same moment.
		floor := &Row{Name: s.label + ": Hugo floor", IsFloor: true}
		var proc *Row
		if s.size == 0 {
			// The whole `build` process against the whole floor process.
			proc = add(&Row{Name: "real handbook: Hugo floor process", IsFloor: true})
			wall = add(&Row{Name: "real handbook: `generator build` process", Floor: proc})
		}
		add(floor)
		f := add(&Row{Name: s.label + ": full build", Floor: floor})
		base := add(&Row{Name: s.label + ": Hugo baseline", Floor: floor})
		full[s.size], baseline[s.size] = f, base
		for i := 0; i < cfg.Runs; i++ {
			say("%s: run %d of %d (Hugo floor, full build, Hugo baseline)", s.label, i+1, cfg.Runs)
			if err := once(ctx, cfg, floor, append([]string{"bench-run", "floor"}, src...)...); err != nil {
				return nil, err
			}
			if s.size == 0 {
				_, rss, took, err := child(ctx, cfg.Cores, "build", "--project", project, "--out", filepath.Join(tmp, "real"))
				if err != nil {
					return nil, err
				}
				wall.Times = append(wall.Times, took)
				wall.RSSMB = max(wall.RSSMB, rss)
			}
			if err := once(ctx, cfg, f, append([]string{"bench-run", "full"}, src...)...); err != nil {
				return nil, err
			}
			if err := once(ctx, cfg, base, append([]string{"bench-run", "baseline"}, src...)...); err != nil {
				return nil, err
			}
		}
		base.Pages = f.Pages
		if proc != nil {
			proc.Times, proc.RSSMB = floor.Walls, floor.RSSMB
		}
	}
	// The serve edits each run in one serving process, as an editing session does.
	edits := map[Edit]*Row{}
	for _, ed := range []Edit{EditProse, EditOwnership} {
		say("real handbook: serve, %s, %d edits", ed.Describe(), max(cfg.Runs, 7))
		out, rss, _, err := child(ctx, cfg.Cores, "bench-run", "serve", "--edit", string(ed), "--runs", strconv.Itoa(max(cfg.Runs, 7)), "--project", project)
		if err != nil {
			return nil, err
		}
		var r Scenario
		if err := json.Unmarshal(out, &r); err != nil {
			return nil, err
		}
		edits[ed] = add(&Row{Name: "real handbook: serve, " + ed.Describe() + ", until served", Times: r.Times, RSSMB: rss})
	}
	check := func(ok bool, format string, a ...any) {
		res.Budgets = append(res.Budgets, Budget{Text: fmt.Sprintf(format, a...), Met: ok})
	}
	// The build side's budgets (issue 38); the real handbook's full build is
	// compared with its Hugo baseline of the same run.
	if f, ok := full[0]; ok && baseline[0] != nil && baseline[0].Median() > 0 {
		x := float64(f.Median()) / float64(baseline[0].Median())
		check(x <= 1.3, "real handbook full build ≤ 1.3× the Hugo baseline (%.2f×)", x)
	}
	check(wall.Ratio() <= 3, "real handbook `build` process ≤ 3× the floor process (%.2f×)", wall.Ratio())
	if f, ok := full[10000]; ok {
		check(f.Ratio() <= 1.6, "10,000 files ≤ 1.6× the floor (%.2f×)", f.Ratio())
		rss := f.RSSMB / f.Floor.RSSMB
		check(rss <= 1.5, "10,000 files ≤ 1.5× the floor's peak RSS, no soft memory limit (%.0f MB, %.2f×)", f.RSSMB, rss)
	}
	check(edits[EditProse].Median() <= 60*time.Millisecond, "serve, prose edit to served page ≤ 60 ms (%s)", human.Duration(edits[EditProse].Median()))
	check(edits[EditOwnership].Median() <= 120*time.Millisecond, "serve, ownership change to served page ≤ 120 ms (%s)", human.Duration(edits[EditOwnership].Median()))
	return res, nil
}

// child runs a command of this binary and returns its output, peak RSS and
// wall time. cores > 0 pins the child's GOMAXPROCS.
func child(ctx context.Context, cores int, args ...string) ([]byte, float64, time.Duration, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, 0, 0, err
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = append(os.Environ(), ChildEnv+"=1")
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

// once runs a bench-run child once (a cold build in a fresh process) and
// adds its times, its wall time and its peak RSS to the row.
func once(ctx context.Context, cfg Config, r *Row, args ...string) error {
	out, rss, wall, err := child(ctx, cfg.Cores, append(args, "--runs", "1")...)
	if err != nil {
		return err
	}
	var s Scenario
	if err := json.Unmarshal(out, &s); err != nil {
		return fmt.Errorf("%s: %v", r.Name, err)
	}
	r.Times = append(r.Times, s.Times...)
	r.Walls = append(r.Walls, wall)
	r.RSSMB = max(r.RSSMB, rss)
	if s.Pages > 0 {
		r.Pages = s.Pages
	}
	return nil
}
