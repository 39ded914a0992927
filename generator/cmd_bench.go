package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/product-roles/handbook/generator/internal/bench"
	"github.com/product-roles/handbook/generator/internal/human"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
)

// childEnv marks a process started by bench.
const childEnv = bench.ChildEnv

func benchCmd() *Command {
	return &Command{
		Name:  "bench",
		Short: "measure builds against the Hugo baseline, and serve (see BENCHMARKS.md)",
		Long: "Measure full builds of the real handbook and of synthetic ones, the Hugo-only baseline and the plain-Hugo\n" +
			"floor of each, and edits in serve, each in its own process (for its peak memory). Prints a Markdown table.",
		Bind: func(fs *flag.FlagSet) Run {
			f := folderFlags(fs)
			var cfg bench.Config
			var flags struct {
				sizes  string
				assert bool
			}
			fs.StringVar(&flags.sizes, "sizes", "1000,10000", "synthetic handbook sizes in content files, comma-separated")
			fs.IntVar(&cfg.Runs, "runs", 3, "runs of each scenario (the median is reported)")
			fs.IntVar(&cfg.Cores, "cores", 0, "pin GOMAXPROCS of every measured process to this many cores (0: all)")
			fs.BoolVar(&flags.assert, "assert", false, "exit 1 when a budget of BENCHMARKS.md is missed")
			return func(ctx context.Context, e *env, _ []string) error {
				for _, s := range strings.Split(flags.sizes, ",") {
					n, err := strconv.Atoi(strings.TrimSpace(s))
					if err != nil || n < 100 {
						return usagef("bad size %q", s)
					}
					cfg.Sizes = append(cfg.Sizes, n)
				}
				cfg.Project = layout.Resolve(*f).Project
				start := time.Now()
				cfg.Progress = func(step string) {
					fmt.Fprintf(e.stderr, "generator bench: %s… (%s so far)\n", step, human.Duration(time.Since(start)))
				}
				res, err := bench.Run(ctx, cfg)
				if err != nil {
					return err
				}
				printBench(e, cfg, res)
				if flags.assert && res.Missed() {
					return silent
				}
				return nil
			}
		},
	}
}

// printBench prints the table and the budgets.
func printBench(e *env, cfg bench.Config, res *bench.Result) {
	procs := "all " + strconv.Itoa(runtime.NumCPU())
	if cfg.Cores > 0 {
		procs = strconv.Itoa(cfg.Cores)
	}
	limit := "off"
	if l := os.Getenv("GOMEMLIMIT"); l != "" {
		limit = l
	}
	fmt.Fprintf(e.stdout, "GOMAXPROCS: %s (of %d CPUs), GOMEMLIMIT: %s, %s each, medians\n\n", procs, runtime.NumCPU(), limit, human.Count(cfg.Runs, "run"))
	fmt.Fprintf(e.stdout, "| scenario | pages | median | per page | × floor | peak RSS |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
	for _, r := range res.Rows {
		pages, per, ratio := "–", "–", "–"
		if r.Pages > 0 {
			pages = strconv.Itoa(r.Pages)
			per = fmt.Sprintf("%.2f ms", float64(r.Median().Microseconds())/1000/float64(r.Pages))
		}
		if r.IsFloor {
			ratio = "1.00×"
		} else if x := r.Ratio(); x > 0 {
			ratio = fmt.Sprintf("%.2f×", x)
		}
		fmt.Fprintf(e.stdout, "| %s | %s | %s | %s | %s | %.0f MB |\n", r.Name, pages, human.Duration(r.Median()), per, ratio, r.RSSMB)
	}
	fmt.Fprintln(e.stdout)
	for _, b := range res.Budgets {
		mark := "met"
		if !b.Met {
			mark = "MISSED"
		}
		fmt.Fprintf(e.stdout, "- %s: %s\n", mark, b.Text)
	}
}

// benchRunCmd is the child side of `bench`: one scenario, in its own process.
func benchRunCmd() *Command {
	return &Command{
		Name:   "bench-run",
		Args:   "<full|baseline|floor|serve>",
		Short:  "(used by bench)",
		Long:   "Run one benchmark scenario and print its timings as JSON (used by bench).",
		Hidden: true,
		Bind: func(fs *flag.FlagSet) Run {
			f := folderFlags(fs)
			var flags struct {
				runs int
				edit string
			}
			fs.IntVar(&flags.runs, "runs", 3, "how many times")
			fs.StringVar(&flags.edit, "edit", "ownership", "serve: the edit to time (prose or ownership)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) != 1 {
					return usagef("want one scenario: full, baseline, floor or serve")
				}
				l := layout.Resolve(*f)
				o := buildOptions(l)
				o.BaseURL = "/"
				var res bench.Scenario
				var err error
				switch args[0] {
				case "full":
					var rep *pipeline.Report
					res.Times, rep, err = bench.Full(ctx, o, flags.runs)
					if rep != nil {
						res.Pages = rep.Pages
					}
				case "baseline":
					res.Times, err = bench.Baseline(ctx, o, flags.runs)
				case "floor":
					res.Times, res.Pages, err = bench.Floor(ctx, l.Project, l.Content, flags.runs)
				case "serve":
					res.Times, err = bench.ServeEdit(ctx, l.Project, bench.Edit(flags.edit), flags.runs)
				default:
					return usagef("unknown scenario %q: want full, baseline, floor or serve", args[0])
				}
				if err != nil {
					return failed("generator bench-run: %s: %v", args[0], err)
				}
				return json.NewEncoder(e.stdout).Encode(res)
			}
		},
	}
}
