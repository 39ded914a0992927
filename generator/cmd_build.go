package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/human"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/output"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/userfile"
)

func buildCmd() *Command {
	return &Command{
		Name:  "build",
		Short: "validate, derive, render and minify the handbook into public/",
		Long: "Validate the content, derive the views, render with Hugo and minify into the output folder.\n" +
			"The previous output stays untouched unless everything succeeds.",
		Bind: func(fs *flag.FlagSet) Run {
			f := bindBuild(fs)
			return func(ctx context.Context, e *env, _ []string) error {
				f.opts.Layout = layout.Resolve(*f.folders)
				return runBuild(ctx, e, f)
			}
		},
	}
}

// buildFlags are build's flags. Each binds where it is used: the folders
// to the layout.Flags the pipeline's layout is resolved from, the build's
// own to the pipeline.Options the build runs with, the rest to how the
// command reports.
type buildFlags struct {
	folders    *layout.Flags
	opts       pipeline.Options
	verbose    bool
	profile    string
	memProfile string
}

func bindBuild(fs *flag.FlagSet) *buildFlags {
	f := &buildFlags{folders: folderFlags(fs)}
	fs.StringVar(&f.folders.Out, "out", "", "the output folder (default <project>/public); never the project, its content, themes, static or overlay folder, your home folder or /")
	fs.BoolVar(&f.opts.Force, "force", false, "replace an output folder that holds files an earlier build did not write (it has no "+output.Marker+")")
	fs.StringVar(&f.opts.BaseURL, "base-url", "", "the site's base URL (default base_url from handbook.toml)")
	fs.BoolVar(&f.opts.AllowShallow, "allow-shallow", false, "build from a shallow git clone with a warning (a local preview: page dates and releases are wrong)")
	fs.BoolVar(&f.verbose, "verbose", false, "print the time each stage took")
	fs.BoolVar(&f.opts.CMS, "cms", false, "add the content editor at /admin/ (needs `npm install`: Decap CMS comes from node_modules)")
	fs.StringVar(&f.profile, "cpuprofile", "", "write a CPU profile of the build to this file (for go tool pprof)")
	fs.StringVar(&f.memProfile, "memprofile", "", "write a heap profile to this file as the write stage starts, once every file is written (for go tool pprof)")
	return f
}

func runBuild(ctx context.Context, e *env, f *buildFlags) error {
	o := f.opts
	if f.profile != "" {
		// The profile is written whole when the build ends (userfile), so
		// that a file of that name is replaced, never truncated.
		var prof bytes.Buffer
		if err := pprof.StartCPUProfile(&prof); err != nil {
			return failed("generator build: %v", err)
		}
		defer func() {
			pprof.StopCPUProfile()
			if err := userfile.Write(f.profile, prof.Bytes()); err != nil {
				fmt.Fprintf(e.stderr, "generator build: the CPU profile was not written: %v\n", err)
			}
		}()
	}
	b, err := pipeline.New()
	if err != nil {
		return failed("generator build: %v", err)
	}
	stage, stop := progress(e.stderr, "build", 2*time.Second)
	o.Progress = stage
	var memErr error
	if f.memProfile != "" {
		o.Progress = func(name string) {
			if name == "write" {
				memErr = writeHeapProfile(f.memProfile)
			}
			stage(name)
		}
	}
	rep, err := b.Build(ctx, o)
	stop()
	if rep != nil && len(rep.Diags) > 0 {
		_ = diag.Write(e.stderr, rep.Diags, "human")
	}
	switch {
	case err == nil:
	case errors.Is(err, output.ErrUnsafe):
		return usagef("%v\nnothing was touched", err) // an --out it must not replace
	case errors.Is(err, pipeline.ErrInvalid):
		return failed("generator build: %s, %s; nothing was written", human.Count(rep.Diags.Errors(), "error"), human.Count(rep.Diags.Warnings(), "warning"))
	case errors.Is(err, context.Canceled):
		return failed("generator build: interrupted; nothing was written")
	default:
		return failed("generator build: %v\nnothing was written", err)
	}
	if memErr != nil {
		return failed("generator build: the site was written, but not the heap profile: %v", memErr)
	}
	fmt.Fprintf(e.stdout, "built %d pages (%d files): %s before minify, %s after, in %s\n",
		rep.Pages, rep.Files, kb(rep.BytesIn), kb(rep.BytesOut), human.Duration(rep.Took))
	if f.verbose {
		for _, s := range rep.Stages {
			fmt.Fprintf(e.stdout, "  %-9s %s\n", s.Name, human.Duration(s.Took))
		}
	}
	return nil
}

// writeHeapProfile writes the live heap, after a collection, to name,
// replacing a file of that name whole.
func writeHeapProfile(name string) error {
	runtime.GC()
	var prof bytes.Buffer
	if err := pprof.WriteHeapProfile(&prof); err != nil {
		return err
	}
	return userfile.Write(name, prof.Bytes())
}

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

// progress says on w, once a command has run for longer than after (two
// seconds), which stage of the build it is in, and then each stage it
// starts, so that a long build is seen to move. stage is the pipeline's
// Progress; stop ends it.
func progress(w io.Writer, command string, after time.Duration) (stage func(string), stop func()) {
	var mu sync.Mutex
	start, current, loud, done := time.Now(), "", false, false
	say := func() {
		fmt.Fprintf(w, "generator %s: %s… (%s so far)\n", command, current, human.Duration(time.Since(start)))
	}
	t := time.AfterFunc(after, func() {
		mu.Lock()
		defer mu.Unlock()
		if !done {
			loud = true
			say()
		}
	})
	stage = func(name string) {
		mu.Lock()
		defer mu.Unlock()
		if current = name; loud && !done {
			say()
		}
	}
	stop = func() {
		t.Stop()
		mu.Lock()
		done = true
		mu.Unlock()
	}
	return stage, stop
}
