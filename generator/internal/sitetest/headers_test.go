package sitetest

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

// netlifyRules are the [[headers]] of netlify.toml, applied by the test
// server the way Netlify applies them, so that every browser test runs
// under the production Content-Security-Policy.
type netlifyRules []struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
}

func loadNetlifyHeaders(root string) (netlifyRules, error) {
	data, err := os.ReadFile(filepath.Join(root, "netlify.toml"))
	if err != nil {
		return nil, err
	}
	var cfg struct {
		Headers netlifyRules `toml:"headers"`
	}
	if err := toml.Unmarshal(data, &cfg); err != nil {
		return nil, err
	}
	return cfg.Headers, nil
}

// apply sets the headers of every rule whose path pattern matches.
func (rules netlifyRules) apply(h http.Header, urlPath string) {
	for _, r := range rules {
		prefix, wild := strings.CutSuffix(r.For, "*")
		if (wild && strings.HasPrefix(urlPath, prefix)) || (!wild && urlPath == r.For) {
			for k, v := range r.Values {
				h.Set(k, v)
			}
		}
	}
}

// The server sends netlify.toml's headers, so the page sweep (which fails on
// any console message, CSP violations included) runs under the real policy.
func TestServerSendsNetlifyHeaders(t *testing.T) {
	s := site(t)
	for _, p := range []string{"", "duties/", "no-such-page/"} {
		resp, err := http.Get(s.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("/%s: Content-Security-Policy = %q", p, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("/%s: no nosniff", p)
		}
	}
}
