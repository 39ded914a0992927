package hugosite

// The views hold every link as a path from the site's root ("/roles/po/",
// "/de/roles/po/#x"): Go uses them as they are (keys, the API, the search
// index). The theme prints a link as it gets it, so the views go to Hugo
// with the base URL's path in front of every field tagged href: this file
// is the one place that applies it.

import (
	"net/url"
	"reflect"
	"strings"
	"sync"
)

// BasePath is the path of a site's base URL with a slash at each end: "/"
// for a site at the root of its host, "/handbook/" for
// https://example.org/handbook/.
func BasePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || strings.Trim(u.Path, "/") == "" {
		return "/"
	}
	return "/" + strings.Trim(u.Path, "/") + "/"
}

// hrefs puts a base path in front of the links of views.
type hrefs struct {
	prefix string   // the base path without its last slash: "" at the root, "/handbook"
	plans  sync.Map // reflect.Type: *plan (pages are made on every core)
}

// plan is what fix does with a value of one type.
type plan struct {
	holds bool  // a value can hold a link
	hrefs []int // a struct's string fields tagged href
	html  []int // a struct's string fields tagged href:"html": markup whose href="/…" attributes are links
	deep  []int // a struct's other fields that can hold a link
}

// newHrefs applies basePath ("/", "/handbook/"). Nothing changes at the
// root, so a site there costs nothing.
func newHrefs(basePath string) *hrefs {
	return &hrefs{prefix: strings.TrimSuffix(basePath, "/")}
}

// apply returns v with the base path in front of every non-empty field
// tagged href, at any depth. v itself is never changed (the views are
// shared with the rest of the build): what holds a link is copied, the
// rest shared.
func apply[T any](h *hrefs, v T) T {
	if h.prefix == "" {
		return v
	}
	out := v
	h.fix(reflect.ValueOf(&out).Elem())
	return out
}

// fix puts the prefix in front of the links in v, a value the caller owns:
// what v shares with the views (the elements of its slices and maps, what
// its pointers point to) is copied before it is changed.
func (h *hrefs) fix(v reflect.Value) {
	p := h.plan(v.Type())
	if !p.holds {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		e := reflect.New(v.Type().Elem())
		e.Elem().Set(v.Elem())
		h.fix(e.Elem())
		v.Set(e)
	case reflect.Slice:
		if v.IsNil() {
			return
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(s, v)
		for i := range s.Len() {
			h.fix(s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		if v.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		e := reflect.New(v.Type().Elem()).Elem()
		for it := v.MapRange(); it.Next(); {
			e.Set(it.Value())
			h.fix(e)
			m.SetMapIndex(it.Key(), e)
		}
		v.Set(m)
	case reflect.Struct:
		for _, i := range p.hrefs {
			if f := v.Field(i); sitePath(f.String()) {
				f.SetString(h.prefix + f.String())
			}
		}
		for _, i := range p.html {
			f := v.Field(i)
			f.SetString(h.markup(f.String()))
		}
		for _, i := range p.deep {
			h.fix(v.Field(i))
		}
	}
}

// sitePath says whether a link is a path from the site's root ("/roles/"),
// the only kind the base path goes in front of: not another host's address
// ("https://…", "//host/…") nor an anchor on the same page ("#x").
func sitePath(s string) bool { return strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") }

// markup puts the prefix in front of every site path in markup's href="…"
// attributes.
func (h *hrefs) markup(s string) string {
	const attr = `href="`
	var b strings.Builder
	for {
		i := strings.Index(s, attr)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i+len(attr)])
		s = s[i+len(attr):]
		if sitePath(s) {
			b.WriteString(h.prefix)
		}
	}
}

// plan is what fix does with a value of type t, worked out once.
func (h *hrefs) plan(t reflect.Type) *plan {
	if p, ok := h.plans.Load(t); ok {
		return p.(*plan)
	}
	p := &plan{holds: holdsHref(t, map[reflect.Type]bool{})}
	if p.holds && t.Kind() == reflect.Struct {
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if isHref(f) && f.Tag.Get("href") == "html" {
				p.html = append(p.html, i)
			} else if isHref(f) {
				p.hrefs = append(p.hrefs, i)
			} else if holdsHref(f.Type, map[reflect.Type]bool{}) {
				p.deep = append(p.deep, i)
			}
		}
	}
	h.plans.Store(t, p)
	return p
}

// isHref says whether a field holds a link: a string tagged href (or
// links, tagged href:"html").
func isHref(f reflect.StructField) bool {
	_, ok := f.Tag.Lookup("href")
	return ok && f.Type.Kind() == reflect.String
}

// holdsHref says whether a value of type t can hold a link. A type already
// seen adds nothing (what it holds counts where it was first seen), so a
// type that holds itself ends the walk.
func holdsHref(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		return holdsHref(t.Elem(), seen)
	case reflect.Struct:
		held := false
		for i := range t.NumField() {
			f := t.Field(i)
			if f.IsExported() && (isHref(f) || holdsHref(f.Type, seen)) {
				held = true
			}
		}
		return held
	}
	return false
}
