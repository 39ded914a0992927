package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/output"
	"github.com/product-roles/handbook/generator/internal/pipeline"
)

func buildCmd() *Command {
	return &Command{
		Name:  "build",
		Short: "validate, derive, render and minify the handbook into public/",
		Long: "Validate the content, derive the views, render with Hugo and minify into the output folder.\n" +
			"The previous output stays untouched unless everything succeeds.",
		Bind: func(fs *flag.FlagSet) Run {
			f := folderFlags(fs)
			var o pipeline.Options
			var verbose bool
			var profile string
			fs.StringVar(&f.Out, "out", "", "the output folder (default <project>/public); never the project, its content, themes, static or overlay folder, your home folder or /")
			fs.BoolVar(&o.Force, "force", false, "replace an output folder that holds files an earlier build did not write (it has no "+output.Marker+")")
			fs.StringVar(&o.BaseURL, "base-url", "", "the site's base URL (default base_url from handbook.toml)")
			fs.BoolVar(&o.AllowShallow, "allow-shallow", false, "build from a shallow git clone with a warning (a local preview: page dates and releases are wrong)")
			fs.BoolVar(&verbose, "verbose", false, "print the time each stage took")
			fs.BoolVar(&o.CMS, "cms", false, "add the content editor at /admin/ (needs `npm install`: Decap CMS comes from node_modules)")
			fs.StringVar(&profile, "cpuprofile", "", "write a CPU profile of the build to this file (for go tool pprof)")
			return func(ctx context.Context, e *env, _ []string) error {
				opts := buildOptions(layout.Resolve(*f))
				opts.Force, opts.BaseURL, opts.CMS, opts.AllowShallow = o.Force, o.BaseURL, o.CMS, o.AllowShallow
				return runBuild(ctx, e, opts, verbose, profile)
			}
		},
	}
}

func runBuild(ctx context.Context, e *env, o pipeline.Options, verbose bool, profile string) error {
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return failed("generator: %v", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return failed("generator: %v", err)
		}
		defer pprof.StopCPUProfile()
	}
	b, err := pipeline.New()
	if err != nil {
		return failed("generator: %v", err)
	}
	rep, err := b.Build(ctx, o)
	if rep != nil && len(rep.Diags) > 0 {
		_ = diag.Write(e.stderr, rep.Diags, "human")
	}
	switch {
	case err == nil:
	case errors.Is(err, output.ErrUnsafe):
		return usagef("%v\nnothing was touched", err) // an --out it must not replace
	case errors.Is(err, pipeline.ErrInvalid):
		return failed("%d error(s), %d warning(s); nothing was written", rep.Diags.Errors(), rep.Diags.Warnings())
	case errors.Is(err, context.Canceled):
		return failed("generator: interrupted; nothing was written")
	default:
		return failed("generator: %v\nnothing was written", err)
	}
	fmt.Fprintf(e.stdout, "built %d pages (%d files): %s before minify, %s after, in %s\n",
		rep.Pages, rep.Files, kb(rep.BytesIn), kb(rep.BytesOut), rep.Took.Round(1e6))
	if verbose {
		for _, s := range rep.Stages {
			fmt.Fprintf(e.stdout, "  %-9s %s\n", s.Name, s.Took.Round(1e5))
		}
	}
	return nil
}

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }
