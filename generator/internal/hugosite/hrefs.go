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
	linked sync.Map // reflect.Type: whether its values can hold a link (pages are made on every core)
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
	return h.rebase(reflect.ValueOf(&v).Elem()).Interface().(T)
}

// rebase is v, copied where it holds a link.
func (h *hrefs) rebase(v reflect.Value) reflect.Value {
	if !h.holds(v.Type()) {
		return v
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(h.rebase(v.Elem()))
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(h.rebase(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(it.Key(), h.rebase(it.Value()))
		}
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if _, ok := f.Tag.Lookup("href"); ok && f.Type.Kind() == reflect.String {
				if s := v.Field(i).String(); s != "" {
					out.Field(i).SetString(h.prefix + s)
				}
				continue
			}
			out.Field(i).Set(h.rebase(v.Field(i)))
		}
		return out
	}
	return v
}

// holds says whether a value of type t can hold a field tagged href.
func (h *hrefs) holds(t reflect.Type) bool {
	if known, ok := h.linked.Load(t); ok {
		return known.(bool)
	}
	held := holdsHref(t, map[reflect.Type]bool{})
	h.linked.Store(t, held)
	return held
}

// holdsHref is holds, worked out; a type already seen adds nothing (what
// it holds counts where it was first seen), so a type that holds itself
// ends the walk.
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
			if !f.IsExported() {
				continue
			}
			if _, ok := f.Tag.Lookup("href"); ok && f.Type.Kind() == reflect.String {
				held = true
			} else if holdsHref(f.Type, seen) {
				held = true
			}
		}
		return held
	}
	return false
}
