package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/build"
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/external"
	"github.com/product-roles/handbook/generator/internal/fork"
	"github.com/product-roles/handbook/generator/internal/hugosite"
	"github.com/product-roles/handbook/generator/internal/output"
	"github.com/product-roles/handbook/generator/internal/scaffold"
	"github.com/product-roles/handbook/generator/internal/serve"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // content or build errors
	exitUsage = 2
)

const usage = `Usage: go run ./generator <command> [flags]

Commands:
  build     validate, derive, render and minify the handbook into public/
  serve     serve the handbook on http://127.0.0.1:1313, rebuilding on every change
  check     validate the content only; writes nothing
  new       create a valid content file to fill in: new <kind> <id>
  init      create a starter overlay for a company: init [--org Name] [dir]
  override  copy an upstream file into the overlay to change it: override <path>; --merge <path> merges upstream's later change
  overrides list what the overlay adds, replaces, hides and drops; exit 1 if upstream moved on (--diff shows both changes)
  translations  list missing and outdated translations per language (--strict: exit 1 if outdated)
  upstream-changes  a fork: what upstream changed since the merge base, and what of yours it touches
  release   what changed in the framework since the latest release; release --check vX.Y.Z
  synth     write a synthetic handbook of a given size: synth --out DIR --pages N
  bench     measure builds against the Hugo baseline, and serve (see BENCHMARKS.md)
  version   print the generator's and Hugo's versions

Run "go run ./generator <command> --help" for a command's flags.
Exit status: 0 ok, 1 content or build errors, 2 usage errors.
`

type command struct {
	name, summary string
	run           func(ctx context.Context, e *env, args []string) int
}

// env is what a command may touch: its output streams and the environment.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func commands() []command {
	return []command{
		{"build", "validate, derive, render and minify the handbook into public/", runBuild},
		{"serve", "serve the handbook with live reload", runServe},
		{"check", "validate the content only", runCheck},
		{"new", "create a new content file from a template", runNew},
		{"init", "create a starter overlay for a company", runInit},
		{"override", "copy an upstream file into the overlay to change it", runOverride},
		{"overrides", "list what the overlay adds, replaces and hides, and flag upstream changes", runOverrides},
		{"translations", "list missing and outdated translations per language", runTranslations},
		{"release", "what changed since the latest release; --check a proposed version", runRelease},
		{"upstream-changes", "a fork: what upstream changed since the merge base, and what of the fork it touches", runUpstreamChanges},
		{"synth", "write a synthetic handbook of a given size", runSynth},
		{"bench", "measure builds, the Hugo baseline and serve", runBench},
		{"bench-run", "(used by bench)", runBenchRun},
		{"version", "print versions", runVersion},
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{stdout: stdout, stderr: stderr, getenv: getenv}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "generator: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// flags sets up a command's flag set; parse reports usage errors.
func newFlags(e *env, name, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: go run ./generator %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse returns -1 when parsing succeeded, else the exit status.
func parse(fs *flag.FlagSet, e *env, args []string) int {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" || a == "--h" {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return exitOK
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "generator %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitUsage
	}
	return -1
}

func sourceFlags(fs *flag.FlagSet, o *build.Options) {
	fs.StringVar(&o.ProjectDir, "project", ".", "the project folder (handbook.toml, themes/, static/)")
	fs.StringVar(&o.Source, "source", "", "the content root (default <project>/content)")
	fs.StringVar(&o.Overlay, "overlay", "", "a company overlay folder (default <project>/company when it exists)")
}

func runBuild(ctx context.Context, e *env, args []string) int {
	var o build.Options
	var verbose bool
	fs := newFlags(e, "build", "Validate the content, derive the views, render with Hugo and minify into the output folder.\nThe previous output stays untouched unless everything succeeds.")
	sourceFlags(fs, &o)
	fs.StringVar(&o.Out, "out", "", "the output folder (default <project>/public); never the project, its content, themes, static or overlay folder, your home folder or /")
	fs.BoolVar(&o.Force, "force", false, "replace an output folder that holds files an earlier build did not write (it has no "+output.Marker+")")
	fs.StringVar(&o.BaseURL, "base-url", "", "the site's base URL (default base_url from handbook.toml)")
	fs.BoolVar(&verbose, "verbose", false, "print the time each stage took")
	fs.BoolVar(&o.CMS, "cms", false, "add the content editor at /admin/ (needs `npm install`: Decap CMS comes from node_modules)")
	var profile string
	fs.StringVar(&profile, "cpuprofile", "", "write a CPU profile of the build to this file (for go tool pprof)")
	if code := parse(fs, e, args); code >= 0 {
		return code
	}
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			fmt.Fprintf(e.stderr, "generator: %v\n", err)
			return exitError
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(e.stderr, "generator: %v\n", err)
			return exitError
		}
		defer pprof.StopCPUProfile()
	}
	b, err := build.New()
	if err != nil {
		fmt.Fprintf(e.stderr, "generator: %v\n", err)
		return exitError
	}
	rep, err := b.Build(ctx, o)
	if code := report(e, rep, err, "human"); code != exitOK {
		return code
	}
	fmt.Fprintf(e.stdout, "built %d pages (%d files): %s before minify, %s after, in %s\n",
		rep.Pages, rep.Files, kb(rep.BytesIn), kb(rep.BytesOut), rep.Took.Round(1e6))
	if verbose {
		for _, s := range rep.Stages {
			fmt.Fprintf(e.stdout, "  %-9s %s\n", s.Name, s.Took.Round(1e5))
		}
	}
	return exitOK
}

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

// report prints diagnostics and errors; it returns the exit status.
func report(e *env, rep *build.Report, err error, format string) int {
	if rep != nil && len(rep.Diags) > 0 {
		_ = diag.Write(e.stderr, rep.Diags, format)
	}
	if err == nil {
		return exitOK
	}
	if errors.Is(err, output.ErrUnsafe) {
		fmt.Fprintf(e.stderr, "generator build: %v\nnothing was touched\n", err)
		return exitUsage
	}
	if errors.Is(err, build.ErrInvalid) {
		fmt.Fprintf(e.stderr, "%d error(s), %d warning(s); nothing was written\n", rep.Diags.Errors(), rep.Diags.Warnings())
		return exitError
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(e.stderr, "generator: interrupted; nothing was written")
		return exitError
	}
	fmt.Fprintf(e.stderr, "generator: %v\nnothing was written\n", err)
	return exitError
}

func runCheck(ctx context.Context, e *env, args []string) int {
	var o build.Options
	var format string
	var strict bool
	fs := newFlags(e, "check", "Validate the content and configuration; write nothing.")
	sourceFlags(fs, &o)
	fs.StringVar(&format, "format", "", "output format: human, github or json (default human, github when GITHUB_ACTIONS=true)")
	fs.BoolVar(&strict, "strict", false, "treat warnings as errors")
	var linkReport bool
	var base string
	fs.BoolVar(&linkReport, "links", false, "list every link to another site, by domain")
	fs.StringVar(&base, "base", "", "annotate each external domain not linked at the merge base of HEAD and this git ref\n(default origin/$GITHUB_BASE_REF in a pull request)")
	var summary, preview string
	fs.StringVar(&summary, "summary", "", "append what the content changes for readers since the merge base with --base, as Markdown,\nto this file (- for standard output; in GitHub Actions, $GITHUB_STEP_SUMMARY)")
	fs.StringVar(&preview, "preview-url", "", "link the summary's pages to this site (default base_url from handbook.toml)")
	if code := parse(fs, e, args); code >= 0 {
		return code
	}
	if base == "" && e.getenv("GITHUB_BASE_REF") != "" {
		base = "origin/" + e.getenv("GITHUB_BASE_REF")
	}
	if format == "" {
		format = "human"
		if e.getenv("GITHUB_ACTIONS") == "true" {
			format = "github"
		}
	}
	if !slices.Contains(diag.Formats, format) {
		fmt.Fprintf(e.stderr, "generator check: unknown format %q (use %s)\n", format, strings.Join(diag.Formats, ", "))
		return exitUsage
	}
	b, err := build.New()
	if err != nil {
		fmt.Fprintf(e.stderr, "generator: %v\n", err)
		return exitError
	}
	rep := &build.Report{}
	c, err := b.Check(o, rep)
	if c != nil && (linkReport || base != "") {
		externalLinks(ctx, e, c, o, base, linkReport, format)
	}
	if c != nil && summary != "" && !writeSummary(ctx, e, c, o, base, summary, preview) {
		err = cmp.Or(err, errSummary)
	}
	if strict && rep.Diags.Warnings() > 0 {
		rep.Diags = rep.Diags.Strict()
		err = build.ErrInvalid
	}
	out := e.stderr
	if format == "json" {
		out = e.stdout
	}
	if format == "json" || len(rep.Diags) > 0 {
		_ = diag.Write(out, rep.Diags, format)
	}
	switch {
	case errors.Is(err, build.ErrInvalid):
		if format == "human" {
			fmt.Fprintf(e.stderr, "%d error(s), %d warning(s)\n", rep.Diags.Errors(), rep.Diags.Warnings())
		}
		return exitError
	case err != nil:
		fmt.Fprintf(e.stderr, "generator: %v\n", err)
		return exitError
	}
	if format == "human" {
		fmt.Fprintf(e.stdout, "ok: no errors, %d warning(s)\n", rep.Diags.Warnings())
	}
	return exitOK
}

// externalLinks prints the link report, and a notice for each external
// domain that no content linked to at the merge base with base.
func externalLinks(ctx context.Context, e *env, c *build.Checked, o build.Options, base string, report bool, format string) {
	links := external.Links(c.Model)
	if report {
		external.Report(e.stdout, links)
	}
	if base == "" {
		return
	}
	loader, err := content.NewLoader()
	if err != nil {
		fmt.Fprintf(e.stderr, "generator: %v\n", err)
		return
	}
	known, commit, err := external.AtBase(ctx, loader, cmp.Or(o.ProjectDir, "."), base, []string{"content", "company/content"})
	if err != nil {
		fmt.Fprintf(e.stderr, "generator check: cannot compare external links with %s: %v\n", base, err)
		return
	}
	for _, l := range external.New(links, known) {
		msg := fmt.Sprintf("new external domain %s: no page linked to it at %.12s (%s)", l.Domain, commit, l.URL)
		if format == "github" {
			fmt.Fprintln(e.stderr, diag.GitHubCommand("notice", l.File, l.Pos.Line, l.Pos.Col, "new external domain", msg))
			continue
		}
		fmt.Fprintf(e.stderr, "%s:%d:%d: notice: %s\n", l.File, l.Pos.Line, l.Pos.Col, msg)
	}
}

func runServe(ctx context.Context, e *env, args []string) int {
	var o build.Options
	var cfg serve.Config
	fs := newFlags(e, "serve", "Build the handbook in memory and serve it, rebuilding and reloading the browser on every change.")
	sourceFlags(fs, &o)
	fs.StringVar(&cfg.Bind, "bind", "127.0.0.1", "the address to listen on")
	fs.IntVar(&cfg.Port, "port", 1313, "the port to listen on")
	fs.BoolVar(&o.CMS, "cms", false, "serve the content editor at /admin/ on the files here, through `npx decap-server` (run it in another terminal)")
	if code := parse(fs, e, args); code >= 0 {
		return code
	}
	if o.CMS {
		o.CMSLocal = "http://localhost:8081/api/v1"
	}
	if cfg.Port < 0 || cfg.Port > 65535 {
		fmt.Fprintf(e.stderr, "generator serve: port %d is out of range\n", cfg.Port)
		return exitUsage
	}
	cfg.Options = o
	cfg.Log = e.stderr
	if err := serve.Run(ctx, cfg, func(addr string) {
		fmt.Fprintf(e.stdout, "serving the handbook on http://%s/ (Ctrl+C to stop)\n", addr)
		if o.CMS {
			fmt.Fprintf(e.stdout, "content editor on http://%s/admin/: run `npx decap-server` in another terminal; saves change the files here\n", addr)
		}
	}); err != nil {
		fmt.Fprintf(e.stderr, "generator serve: %v\n", err)
		return exitError
	}
	return exitOK
}

func runNew(ctx context.Context, e *env, args []string) int {
	var o build.Options
	fs := newFlags(e, "new <kind> <id>", "Create a new content file that check accepts as it is, with placeholders to replace.\nKinds: "+
		strings.Join(scaffold.Kinds(content.Kinds()), ", ")+". A level's id is <track>/<level>.\n"+
		"new --lang <tag> <path> creates the translation of a page beside it, with the text to translate and the source's hash.")
	sourceFlags(fs, &o)
	lang := fs.String("lang", "", "create a translation into this language of the page at <path>")
	pos, code := positional(fs, e, args)
	if code >= 0 {
		return code
	}
	if *lang != "" {
		if len(pos) != 1 {
			fmt.Fprintln(e.stderr, "generator new --lang: want one path, e.g. new --lang de content/roles/product-owner.md")
			return exitUsage
		}
		return newTranslation(e, o, *lang, pos[0])
	}
	if len(pos) != 2 {
		fmt.Fprintf(e.stderr, "generator new: want <kind> <id>, e.g. new duty stakeholder-mapping (kinds: %s)\n", strings.Join(scaffold.Kinds(content.Kinds()), ", "))
		return exitUsage
	}
	c, ok := checkedHandbook(e, o, "new")
	if !ok {
		return exitError
	}
	rel, data, err := scaffold.File(c.Model, pos[0], pos[1])
	if err != nil {
		fmt.Fprintf(e.stderr, "generator new: %v\n", err)
		return exitUsage
	}
	root := o.Source
	if root == "" {
		root = filepath.Join(o.ProjectDir, "content")
	}
	if info, err := os.Stat(overlayDir(o)); err == nil && info.IsDir() {
		// A fork adds files to its overlay, never upstream's, and a file
		// there at an upstream path would replace the upstream page.
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); err == nil {
			up := filepath.ToSlash(filepath.Join("content", filepath.FromSlash(rel)))
			fmt.Fprintf(e.stderr, "generator new: %s %q exists upstream (%s); pick another id, or change upstream's with: go run ./generator override %s\n",
				pos[0], pos[1], up, up)
			return exitError
		}
		root = filepath.Join(overlayDir(o), "content")
	}
	path := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Stat(path); err == nil {
		fmt.Fprintf(e.stderr, "generator new: %s already exists\n", path)
		return exitError
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err == nil {
		err = os.WriteFile(path, data, 0o644)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "generator new: %v\n", err)
		return exitError
	}
	fmt.Fprintf(e.stdout, "created %s\nreplace its placeholders, then run: go run ./generator check\n", filepath.ToSlash(path))
	return exitOK
}

// checkedHandbook loads and validates the handbook for a command that needs
// it valid; it prints the errors and returns false when it is not.
func checkedHandbook(e *env, o build.Options, command string) (*build.Checked, bool) {
	b, err := build.New()
	if err != nil {
		fmt.Fprintf(e.stderr, "generator: %v\n", err)
		return nil, false
	}
	rep := &build.Report{}
	c, err := b.Check(o, rep)
	if err != nil {
		_ = diag.Write(e.stderr, rep.Diags, "human")
		fmt.Fprintf(e.stderr, "generator %s: fix these errors first\n", command)
		return nil, false
	}
	return c, true
}

// positional parses flags that may stand before or after the arguments.
func positional(fs *flag.FlagSet, e *env, args []string) ([]string, int) {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return nil, exitOK
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, exitUsage
		}
		if fs.NArg() == 0 {
			return pos, -1
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runInit(ctx context.Context, e *env, args []string) int {
	var org string
	fs := newFlags(e, "init [dir]", "Create a starter overlay folder (default company/) with company.toml, content/, layouts/ and static/.")
	fs.StringVar(&org, "org", "Your Company", "the organisation's name")
	pos, code := positional(fs, e, args)
	if code >= 0 {
		return code
	}
	if len(pos) > 1 {
		fmt.Fprintln(e.stderr, "generator init: at most one folder")
		return exitUsage
	}
	dir := "company"
	if len(pos) == 1 {
		dir = pos[0]
	}
	if err := fork.Init(dir, org); err != nil {
		fmt.Fprintf(e.stderr, "generator init: %v\n", err)
		return exitError
	}
	fmt.Fprintf(e.stdout, "created %s/ with company.toml, content/, layouts/ and static/\nedit %s/company.toml, then run: go run ./generator serve\n",
		filepath.ToSlash(dir), filepath.ToSlash(dir))
	return exitOK
}

// overlayDir is the overlay the options name, or the default one.
func overlayDir(o build.Options) string {
	if o.Overlay != "" {
		return o.Overlay
	}
	return filepath.Join(o.ProjectDir, "company")
}

func runOverride(ctx context.Context, e *env, args []string) int {
	var o build.Options
	var refresh bool
	fs := newFlags(e, "override <path>", "Copy an upstream file (content/..., themes/handbook/layouts/..., static/...) into the overlay\nand keep the upstream version under <overlay>/.upstream/, so that `overrides` can tell when upstream changes it\nand --merge can apply upstream's change to the copy (a three-way merge).")
	sourceFlags(fs, &o)
	var merge bool
	fs.BoolVar(&refresh, "refresh", false, "record upstream's current version of a file already overridden (after merging upstream's changes by hand)")
	fs.BoolVar(&merge, "merge", false, "merge upstream's change since the copy into the overlay's copy (three-way, with git merge-file)")
	pos, code := positional(fs, e, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(e.stderr, "generator override: want one path, e.g. override content/duties/pricing.md")
		return exitUsage
	}
	overlay := overlayDir(o)
	if refresh && merge {
		fmt.Fprintln(e.stderr, "generator override: use --merge or --refresh, not both")
		return exitUsage
	}
	if merge {
		res, err := fork.Merge(ctx, o.ProjectDir, overlay, pos[0])
		if err != nil {
			fmt.Fprintf(e.stderr, "generator override: %v\n", err)
			return exitError
		}
		if res.Conflicts > 0 {
			fmt.Fprintf(e.stdout, "merged upstream's change into %s with %d conflict(s): both sides changed the same lines there.\n"+
				"Edit the lines between <<<<<<< and >>>>>>>, keep what you want, then run: go run ./generator check\n", filepath.ToSlash(res.Copy), res.Conflicts)
			return exitError
		}
		fmt.Fprintf(e.stdout, "merged upstream's change into %s without conflicts; review it, then run: go run ./generator check\n", filepath.ToSlash(res.Copy))
		return exitOK
	}
	if refresh {
		if err := fork.Refresh(o.ProjectDir, overlay, pos[0]); err != nil {
			fmt.Fprintf(e.stderr, "generator override: %v\n", err)
			return exitError
		}
		fmt.Fprintf(e.stdout, "recorded upstream's current %s\n", pos[0])
		return exitOK
	}
	target, err := fork.Override(o.ProjectDir, overlay, pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "generator override: %v\n", err)
		return exitError
	}
	fmt.Fprintf(e.stdout, "copied %s to %s; edit the copy\n", pos[0], filepath.ToSlash(target))
	return exitOK
}

func runOverrides(ctx context.Context, e *env, args []string) int {
	var o build.Options
	fs := newFlags(e, "overrides", "List what the overlay adds, replaces, hides and renames, and the references to hidden items it drops.\nReplaced files whose upstream original changed since they were copied are flagged, and then the exit status is 1.")
	sourceFlags(fs, &o)
	var showDiff bool
	fs.BoolVar(&showDiff, "diff", false, "for each flagged file, show upstream's change since the copy next to the overlay's own change")
	if code := parse(fs, e, args); code >= 0 {
		return code
	}
	c, ok := checkedHandbook(e, o, "overrides")
	if !ok {
		return exitError
	}
	entries, err := fork.Report(o.ProjectDir, overlayDir(o), c.Applied)
	if err != nil {
		fmt.Fprintf(e.stderr, "generator overrides: %v\n", err)
		return exitError
	}
	flagged := 0
	for _, en := range entries {
		switch en.Action {
		case "replaces":
			mark := "  "
			if en.Flag {
				mark, flagged = "! ", flagged+1
			}
			fmt.Fprintf(e.stdout, "%sreplaces %s with %s: %s\n", mark, en.Upstream, en.Path, en.Status)
			if showDiff && en.Flag {
				d, err := fork.Changes(ctx, o.ProjectDir, overlayDir(o), en.Upstream)
				if err != nil {
					fmt.Fprintf(e.stdout, "    (no comparison: %v)\n", err)
					continue
				}
				fmt.Fprintf(e.stdout, "\n  upstream's change since the copy:\n%s\n  the overlay's change to the same base:\n%s\n", indent(d.Upstream), indent(d.Ours))
			}
		case "drops":
			fmt.Fprintf(e.stdout, "  drops the reference at %s\n", en.Path)
		default:
			fmt.Fprintf(e.stdout, "  %s %s\n", en.Action, en.Path)
		}
	}
	if len(entries) == 0 {
		fmt.Fprintln(e.stdout, "the overlay changes nothing")
	}
	if flagged > 0 {
		fmt.Fprintf(e.stdout, "%d replaced file(s) need attention\n", flagged)
		return exitError
	}
	return exitOK
}

// indent sets a block of text off under a heading; "(none)" when empty.
func indent(s string) string {
	if s == "" {
		return "    (none)\n"
	}
	return "    " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n    ") + "\n"
}

// version is set by the build (or read from the module's build info).
var version = ""

func runVersion(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "version", "Print the generator's and Hugo's versions.")
	if code := parse(fs, e, args); code >= 0 {
		return code
	}
	v := version
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	fmt.Fprintf(e.stdout, "generator %s (Hugo %s)\n", v, hugosite.Version)
	return exitOK
}
