package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/external"
	"github.com/product-roles/handbook/generator/internal/human"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
)

// checkFlags are check's own flags.
type checkFlags struct {
	format, base, summary, preview string
	strict, links                  bool
}

func checkCmd() *Command {
	return &Command{
		Name:  "check",
		Short: "validate the content only; writes nothing",
		Long:  "Validate the content and configuration; write nothing.",
		Bind: func(fs *flag.FlagSet) Run {
			f := folderFlags(fs)
			var c checkFlags
			fs.StringVar(&c.format, "format", "", "output format: human, github or json (default human, github when GITHUB_ACTIONS=true)")
			fs.BoolVar(&c.strict, "strict", false, "treat warnings as errors")
			fs.BoolVar(&c.links, "links", false, "list every link to another site, by domain")
			fs.StringVar(&c.base, "base", "", "annotate each external domain not linked at the merge base of HEAD and this git ref\n(default origin/$GITHUB_BASE_REF in a pull request)")
			fs.StringVar(&c.summary, "summary", "", "append what the content changes for readers since the merge base with --base, as Markdown,\nto this file (- for standard output; in GitHub Actions, $GITHUB_STEP_SUMMARY)")
			fs.StringVar(&c.preview, "preview-url", "", "link the summary's pages to this site (default base_url from handbook.toml)")
			return func(ctx context.Context, e *env, _ []string) error {
				return runCheck(ctx, e, layout.Resolve(*f), c)
			}
		},
	}
}

func runCheck(ctx context.Context, e *env, l layout.Layout, f checkFlags) error {
	if f.base == "" && e.getenv("GITHUB_BASE_REF") != "" {
		f.base = "origin/" + e.getenv("GITHUB_BASE_REF")
	}
	if f.format == "" {
		f.format = "human"
		if e.getenv("GITHUB_ACTIONS") == "true" {
			f.format = "github"
		}
	}
	if !slices.Contains(diag.Formats, f.format) {
		return usagef("unknown format %q (use %s)", f.format, strings.Join(diag.Formats, ", "))
	}
	b, err := pipeline.New()
	if err != nil {
		return failed("generator check: %v", err)
	}
	rep := &pipeline.Report{}
	c, err := b.Check(buildOptions(l), rep)
	if c != nil && (f.links || f.base != "") {
		externalLinks(ctx, e, c, l, f.base, f.links, f.format)
	}
	var summaryErr error
	if c != nil && f.summary != "" {
		summaryErr = writeSummary(ctx, e, c, l, f.base, f.summary, f.preview)
	}
	if f.strict && rep.Diags.Warnings() > 0 {
		rep.Diags = rep.Diags.Strict()
		err = pipeline.ErrInvalid
	}
	out := e.stderr
	if f.format == "json" {
		out = e.stdout
	}
	if f.format == "json" || len(rep.Diags) > 0 {
		_ = diag.Write(out, rep.Diags, f.format)
	}
	switch {
	case errors.Is(err, pipeline.ErrInvalid):
		if f.format == "human" {
			return failed("generator check: %s, %s", human.Count(rep.Diags.Errors(), "error"), human.Count(rep.Diags.Warnings(), "warning"))
		}
		return silent
	case err != nil:
		return failed("generator check: %v", err)
	case summaryErr != nil:
		return failed("generator check: %v\ngenerator check: no pull-request summary was written", summaryErr)
	}
	if f.format == "human" {
		fmt.Fprintf(e.stdout, "ok: no errors, %s\n", human.Count(rep.Diags.Warnings(), "warning"))
	}
	return nil
}

// externalLinks prints the link report, and a notice for each external
// domain that no content linked to at the merge base with base.
func externalLinks(ctx context.Context, e *env, c *pipeline.Checked, l layout.Layout, base string, report bool, format string) {
	links := external.Links(c.Model)
	if report {
		external.Report(e.stdout, links)
	}
	if base == "" {
		return
	}
	loader, err := content.NewLoader()
	if err != nil {
		fmt.Fprintf(e.stderr, "generator check: %v\n", err)
		return
	}
	known, commit, err := external.AtBase(ctx, loader, l.Project, base, l.ContentRoots())
	if err != nil {
		fmt.Fprintf(e.stderr, "generator check: cannot compare external links with %s: %v\n", base, err)
		return
	}
	for _, lk := range external.New(links, known) {
		msg := fmt.Sprintf("new external domain %s: no page linked to it at %.12s (%s)", lk.Domain, commit, lk.URL)
		if format == "github" {
			fmt.Fprintln(e.stderr, diag.GitHubCommand("notice", lk.File, lk.Pos.Line, lk.Pos.Col, "new external domain", msg))
			continue
		}
		fmt.Fprintf(e.stderr, "%s:%d:%d: notice: %s\n", lk.File, lk.Pos.Line, lk.Pos.Col, msg)
	}
}

// writeSummary appends the pull request's summary (check --summary) to
// file, or writes it to standard output for "-".
func writeSummary(ctx context.Context, e *env, c *pipeline.Checked, l layout.Layout, base, file, preview string) error {
	if base == "" {
		fmt.Fprintln(e.stderr, "generator check: --summary compares with the merge base of --base (or origin/$GITHUB_BASE_REF): none given, no summary written")
		return nil
	}
	rd, _, done, err := openReleases(ctx, l)
	if err != nil {
		return err
	}
	defer done()
	s, err := rd.Review(ctx, base, l.Content)
	if err != nil {
		return fmt.Errorf("cannot compare with %s: %v", base, err)
	}
	s.Preview = cmp.Or(preview, c.Config.BaseURL)
	md := s.Markdown()
	if file == "-" {
		_, err = io.WriteString(e.stdout, md)
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, err = io.WriteString(f, md)
	return cmp.Or(err, f.Close())
}
