package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/scaffold"
	"github.com/product-roles/handbook/generator/internal/translation"
)

func newCmd() *Command {
	return &Command{
		Name:  "new",
		Args:  "<kind> <id>",
		Short: "create a content file to fill in, with placeholders: new <kind> <id>",
		Long: "Create a new content file with placeholders to replace: check --strict refuses it until they are replaced,\n" +
			"and check too for a role, whose entry for every dimension, duty and skill must be filled in.\nKinds: " +
			strings.Join(scaffold.Kinds(content.Kinds()), ", ") + ". A level's id is <track>/<level>.\n" +
			"new --lang <tag> <path> creates the translation of a page beside it, with the text to translate and the source's hash.",
		Bind: func(fs *flag.FlagSet) Run {
			f := folderFlags(fs)
			var lang string
			fs.StringVar(&lang, "lang", "", "create a translation into this language of the page at <path>")
			return func(ctx context.Context, e *env, args []string) error {
				if lang != "" {
					if len(args) != 1 {
						return usagef("want one path, e.g. new --lang de content/roles/product-owner.md")
					}
					return runNewTranslation(e, layout.Resolve(*f), lang, args[0])
				}
				if len(args) != 2 {
					return usagef("want <kind> <id>, e.g. new duty stakeholder-mapping (kinds: %s)", strings.Join(scaffold.Kinds(content.Kinds()), ", "))
				}
				return runNew(e, layout.Resolve(*f), args[0], args[1])
			}
		},
	}
}

func runNew(e *env, l layout.Layout, kind, id string) error {
	c, err := checkedHandbook(e, l, "new")
	if err != nil {
		return err
	}
	path, err := scaffold.Create(c.Model, l, kind, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created %s\nreplace its placeholders, then run: %s check\n", filepath.ToSlash(path), e.self)
	return nil
}

func runNewTranslation(e *env, l layout.Layout, lang, path string) error {
	c, err := checkedHandbook(e, l, "new")
	if err != nil {
		return err
	}
	out, err := translation.Create(c.Model, c.Config.Langs(), l, lang, path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created %s with the text to translate and the source's hash\ntranslate it in place, then run: %s check\n", filepath.ToSlash(out), e.self)
	return nil
}
