package validate

import (
	"fmt"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
)

// reserved are the folders the site itself writes besides its pages: an
// alias there would replace, or be replaced by, what the build generates.
var reserved = []string{"/admin/", "/api/", "/images/", "/search/", "/releases/"}

// Aliases checks each page's old URLs (aliases), which Hugo turns into
// redirect pages: an alias must not be the home page, one of the site's
// own folders or pages (a page of the model, or one of targets: the
// generated pages and static files) or a language's home (langs), nor another page's alias,
// and must not start with // (a protocol-relative address names another
// site).
func Aliases(m *content.Model, targets Targets, langs []string) diag.List {
	var ds diag.List
	taken := map[string]string{} // alias -> the file that has it
	pages := map[string]bool{}
	for _, p := range m.Pages {
		pages[p.URL] = true
	}
	for _, p := range m.Pages {
		for i, a := range p.Front.Aliases {
			pos := p.At(fmt.Sprintf("/aliases/%d", i))
			bad := func(msg, hint string) {
				ds.Add(p.File, pos.Line, pos.Col, "alias", fmt.Sprintf("alias %q %s", a, msg), hint)
			}
			folder := strings.TrimSuffix(a, "/") + "/"
			switch {
			case strings.HasPrefix(a, "//"):
				bad("starts with //, which a browser reads as another site's address", "write the old path with one leading /, e.g. /duties/old-name/")
				continue
			case strings.Contains(a, "//"):
				bad("has an empty folder name (//)", "write the old path with single slashes")
				continue
			case folder == "/":
				bad("is the home page, which would be replaced by a redirect", "an alias names an old address of this page; remove it")
				continue
			}
			if r := reservedFolder(folder, langs); r != "" {
				bad(fmt.Sprintf("lies in %s, which the build writes itself", r), "pick the page's real old address; "+r+" is the site's own")
				continue
			}
			if _, ok := targets[folder]; ok || pages[folder] {
				bad("is the address of a page of the site, which the redirect would replace", "remove it, or give the page's old address")
				continue
			}
			if other, ok := taken[folder]; ok {
				bad("is also an alias of "+other, "keep it on one page")
				continue
			}
			taken[folder] = p.File
		}
	}
	return ds
}

// reservedFolder is the site's own folder that folder lies in, or "".
func reservedFolder(folder string, langs []string) string {
	for _, r := range reserved {
		if strings.HasPrefix(folder, r) {
			return r
		}
	}
	for _, l := range langs {
		if folder == "/"+strings.ToLower(l)+"/" {
			return folder
		}
	}
	return ""
}
