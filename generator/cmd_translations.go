package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/translation"
)

func translationsCmd() *Command {
	return &Command{
		Name:  "translations",
		Args:  "[<file>...]",
		Short: "list missing and outdated translations per language (--strict: exit 1 if outdated)",
		Long: "List, per language, the pages whose translation is missing or outdated (its source changed\n" +
			"after it was translated), and the share of words translated. --refresh records that translations match\n" +
			"their sources as they are now (run it after updating a translation).",
		Bind: func(fs *flag.FlagSet) Run {
			f := folderFlags(fs)
			var flags struct {
				strict  bool
				all     bool
				refresh bool
			}
			fs.BoolVar(&flags.strict, "strict", false, "exit 1 when a translation is outdated")
			fs.BoolVar(&flags.all, "all", false, "list missing pages too, not only their number")
			fs.BoolVar(&flags.refresh, "refresh", false, "set source_hash of the translation files named as arguments")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 && !flags.refresh {
					return usagef("files are named only with --refresh")
				}
				l := layout.Resolve(*f)
				if flags.refresh {
					return runRefresh(e, l, args)
				}
				return runTranslations(e, l, flags.strict, flags.all)
			}
		},
	}
}

func runTranslations(e *env, l layout.Layout, strict, all bool) error {
	c, err := checkedHandbook(e, l, "translations")
	if err != nil {
		return err
	}
	sts := translation.Report(c.Model, c.Config.Langs())
	if len(sts) == 0 {
		fmt.Fprintln(e.stdout, "the handbook is published in one language: add `languages` to handbook.toml to translate it")
		return nil
	}
	outdated := 0
	for _, s := range sts {
		fmt.Fprintf(e.stdout, "%s (%s): %d%% of words translated; %d of %d pages translated, %d outdated, %d missing\n",
			s.Lang.Name, s.Lang.Tag, s.Percent(), s.Current+s.Outdated, s.Pages, s.Outdated, s.Missing)
		for _, f := range s.Files {
			switch {
			case f.State == translation.Outdated:
				fmt.Fprintf(e.stdout, "  outdated  %s (its source %s changed)\n", f.Translation, f.Source)
				outdated++
			case f.State == translation.Missing && all:
				fmt.Fprintf(e.stdout, "  missing   %s\n", f.Translation)
			}
		}
	}
	if outdated > 0 {
		fmt.Fprintf(e.stdout, "update the outdated translations, then run: %s translations --refresh <file>...\n", e.self)
		if strict {
			return silent
		}
	}
	return nil
}

// runRefresh records each named translation as matching its source.
func runRefresh(e *env, l layout.Layout, files []string) error {
	if len(files) == 0 {
		return usagef("--refresh: name the translation files, e.g. content/roles/product-owner.de.md")
	}
	c, err := checkedHandbook(e, l, "translations")
	if err != nil {
		return err
	}
	var failures []string
	for _, r := range translation.RefreshFiles(c.Model, l, files) {
		if r.Err != nil {
			failures = append(failures, "generator translations: "+r.Err.Error())
			continue
		}
		fmt.Fprintf(e.stdout, "refreshed %s: it now matches %s\n", r.File, r.Source)
	}
	if len(failures) > 0 {
		return failed("%s", strings.Join(failures, "\n"))
	}
	return nil
}
