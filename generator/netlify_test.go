package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"github.com/product-roles/handbook/generator/internal/serve"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

type netlifyConfig struct {
	Build struct {
		Command     string
		Publish     string
		Environment map[string]string
	}
	Context map[string]struct{ Command string }
	Headers []struct {
		For    string
		Values map[string]string
	}
	Redirects []struct {
		From, To string
		Status   int
	}
	Plugins []struct {
		Package string
		Inputs  struct{ Paths []string }
	}
}

func TestNetlifyConfig(t *testing.T) {
	root := testkit.Root(t)
	data, err := os.ReadFile(filepath.Join(root, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var c netlifyConfig
	if err := toml.NewDecoder(strings.NewReader(string(data))).DisallowUnknownFields().Decode(&c); err != nil {
		t.Fatal(err)
	}
	if c.Build.Command != `bash scripts/netlify-build.sh --cms --base-url "$URL/"` || c.Build.Publish != "public" {
		t.Errorf("build: %q publish %q", c.Build.Command, c.Build.Publish)
	}
	if c.Build.Environment["GO_VERSION"] == "" || !strings.HasPrefix(c.Build.Environment["GO_VERSION"], "1.26") {
		t.Errorf("GO_VERSION = %q", c.Build.Environment["GO_VERSION"])
	}
	for _, ctx := range []string{"deploy-preview", "branch-deploy"} {
		if cmd := c.Context[ctx].Command; !strings.Contains(cmd, "scripts/netlify-build.sh") || !strings.Contains(cmd, "$DEPLOY_PRIME_URL") {
			t.Errorf("context %s: command %q does not build with its own URL", ctx, cmd)
		}
	}
	var all map[string]string
	for _, h := range c.Headers {
		if h.For == "/*" {
			all = h.Values
		}
	}
	csp := all["Content-Security-Policy"]
	if csp != serve.CSP {
		t.Errorf("serve sends another CSP than netlify.toml:\n  serve   %s\n  netlify %s", serve.CSP, csp)
	}
	// Go's caches are kept between builds where the build script puts them.
	script := testkit.Read(t, filepath.Join(root, "scripts", "netlify-build.sh"))
	if len(c.Plugins) != 1 || c.Plugins[0].Package != "netlify-plugin-cache" {
		t.Fatalf("plugins %+v: want netlify-plugin-cache", c.Plugins)
	}
	for _, p := range []string{".cache/go-build", ".cache/go-mod"} {
		if !slices.Contains(c.Plugins[0].Inputs.Paths, p) || !strings.Contains(script, `"$PWD/`+p+`"`) {
			t.Errorf("%s is not both cached by the plugin and used by scripts/netlify-build.sh", p)
		}
	}
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %q: %s", want, csp)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "http:", "https:", "*."} {
		if strings.Contains(csp, bad) {
			t.Errorf("CSP contains %q: %s", bad, csp)
		}
	}
	for name, want := range map[string]string{
		"Strict-Transport-Security": "max-age=31536000",
		"X-Content-Type-Options":    "nosniff",
		"Referrer-Policy":           "strict-origin-when-cross-origin",
		"Permissions-Policy":        "camera=()",
	} {
		if !strings.Contains(all[name], want) {
			t.Errorf("header %s = %q, want it to contain %q", name, all[name], want)
		}
	}
	for _, h := range c.Headers {
		immutable := strings.Contains(h.Values["Cache-Control"], "immutable")
		if immutable && h.For != "/css/*" && h.For != "/js/*" {
			t.Errorf("long-lived cache on %s, which is not fingerprinted", h.For)
		}
	}
	last := c.Redirects[len(c.Redirects)-1]
	if last.From != "/*" || last.To != "/404.html" || last.Status != 404 {
		t.Errorf("last redirect %+v is not the 404 page", last)
	}
}
