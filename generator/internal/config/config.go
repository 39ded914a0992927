// Package config reads handbook.toml, the one file a company edits to make
// the handbook its own.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/product-roles/handbook/generator/internal/diag"
)

// FileName is the configuration file's name in the project folder.
const FileName = "handbook.toml"

// Config is the site configuration.
type Config struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	BaseURL     string `toml:"base_url"`
	Language    string `toml:"language"`
	RepoURL     string `toml:"repo_url"`
	EditBranch  string `toml:"edit_branch"`
	Footer      string `toml:"footer"`
}

// Default is used for fields the file leaves out.
func Default() Config {
	return Config{Title: "Product Manager vs Product Owner", BaseURL: "/", Language: "en", EditBranch: "main"}
}

// Load reads path (shown in messages as shown). A missing file gives the defaults.
func Load(path, shown string) (Config, diag.List) {
	c := Default()
	var diags diag.List
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		diags.Add(shown, 1, 1, "config", fmt.Sprintf("cannot read: %v", err), "")
		return c, diags
	}
	dec := toml.NewDecoder(strings.NewReader(string(data))).DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		var de *toml.DecodeError
		var sm *toml.StrictMissingError
		switch {
		case errors.As(err, &de):
			line, col := de.Position()
			diags.Add(shown, line, col, "config", "invalid TOML: "+de.Error(), "check quotes and = signs on this line")
		case errors.As(err, &sm):
			for _, e := range sm.Errors {
				line, col := e.Position()
				diags.Add(shown, line, col, "config", fmt.Sprintf("unknown setting %q", strings.Join(e.Key(), ".")),
					"see the comments in handbook.toml for the settings it takes")
			}
		default:
			diags.Add(shown, 1, 1, "config", err.Error(), "")
		}
		return c, diags
	}
	lineOf := func(key string) int {
		for i, l := range strings.Split(string(data), "\n") {
			if f := strings.Fields(strings.ReplaceAll(l, "=", " = ")); len(f) > 0 && f[0] == key {
				return i + 1
			}
		}
		return 1
	}
	if strings.TrimSpace(c.Title) == "" {
		diags.Add(shown, lineOf("title"), 1, "config", "title is empty", "name the site")
	}
	for _, f := range []struct{ key, val string }{{"base_url", c.BaseURL}, {"repo_url", c.RepoURL}} {
		if f.val == "" || f.val == "/" && f.key == "base_url" {
			continue
		}
		u, err := url.Parse(f.val)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			diags.Add(shown, lineOf(f.key), 1, "config", fmt.Sprintf("%s %q is not an http(s) address", f.key, f.val),
				"write a full address such as https://example.com/")
		}
	}
	return c, diags
}
