package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
)

// package-lock.json installs on the Node that CI uses without an
// EBADENGINE warning: every locked package's engines.node admits it. (npm
// prints the warning for each package whose range does not.)
func TestLockFileFitsCINode(t *testing.T) {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		t.Skip("node is not installed: CI, which installs the npm packages, has it")
	}
	node := strings.TrimSpace(string(out))
	if !strings.HasPrefix(node, "v20.") {
		t.Logf("this is Node %s; CI uses Node 20", node)
	}
	var lock struct {
		Packages map[string]struct {
			Version string          `json:"version"`
			Engines json.RawMessage `json:"engines"`
		} `json:"packages"`
	}
	if err := json.Unmarshal([]byte(testkit.Read(t, filepath.Join(testkit.Root(t), "package-lock.json"))), &lock); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for path, p := range lock.Packages {
		var engines struct{ Node string }
		if json.Unmarshal(p.Engines, &engines) != nil || engines.Node == "" {
			continue // none, or the old array form npm ignores
		}
		checked++
		ok, err := satisfies(node, engines.Node)
		if err != nil {
			t.Errorf("%s@%s: engines.node %q: %v", path, p.Version, engines.Node, err)
		} else if !ok {
			t.Errorf("%s@%s needs Node %s, not %s: npm install warns EBADENGINE", path, p.Version, engines.Node, node)
		}
	}
	if checked < 100 {
		t.Errorf("only %d locked packages name an engine: is package-lock.json whole?", checked)
	}
}

func TestSatisfies(t *testing.T) {
	for _, tc := range []struct {
		version, rng string
		want         bool
	}{
		{"v20.20.2", ">=22.12.0", false},
		{"v20.20.2", ">=18.14.0", true},
		{"v20.20.2", "18 || 20 || >=22", true},
		{"v20.20.2", "^20.17.0 || >=22.9.0", true},
		{"v20.16.0", "^20.17.0 || >=22.9.0", false},
		{"v20.20.2", "^12.22.0 || ^14.17.0 || >=16.0.0", true},
		{"v20.20.2", ">= 0.6", true},
		{"v20.20.2", ">=8.0.0 <21", true},
		{"v20.20.2", "~20.19.1", false},
		{"v20.20.2", "20.x", true},
		{"v20.20.2", "*", true},
		{"v20.20.2", ">=22", false},
		{"v20.20.2", ">=v10.22.1", true},
	} {
		if got, err := satisfies(tc.version, tc.rng); err != nil || got != tc.want {
			t.Errorf("satisfies(%s, %q) = %v, %v; want %v", tc.version, tc.rng, got, err, tc.want)
		}
	}
}

// satisfies reports whether a version is in a range as npm writes them in
// engines: alternatives joined by ||, each comparators joined by spaces
// (>=, >, <=, <, =, ^, ~, or a version with x or missing parts).
func satisfies(version, rng string) (bool, error) {
	v, err := parseVersion(version)
	if err != nil {
		return false, err
	}
	for _, alt := range strings.Split(rng, "||") {
		fields := strings.Fields(alt)
		for i := 0; i < len(fields)-1; i++ { // ">= 0.6": an operator apart from its version
			if strings.Trim(fields[i], "<>=^~") == "" {
				fields[i] += fields[i+1]
				fields = append(fields[:i+1], fields[i+2:]...)
			}
		}
		all := true
		for _, f := range fields {
			ok, err := comparator(v, f)
			if err != nil {
				return false, err
			}
			all = all && ok
		}
		if all {
			return true, nil
		}
	}
	return false, nil
}

// comparator checks one comparator of a range.
func comparator(v [3]int, c string) (bool, error) {
	op := strings.TrimRight(c[:len(c)-len(strings.TrimLeft(c, "<>=^~"))], " ")
	rest := strings.TrimPrefix(c, op)
	if rest == "*" || rest == "" || rest == "x" {
		return true, nil
	}
	parts := strings.Split(rest, ".")
	n := 0 // how many parts are given (1.2 is 1.2.x)
	for _, p := range parts {
		if p == "x" || p == "*" {
			break
		}
		n++
	}
	w, err := parseVersion(rest)
	if err != nil {
		return false, err
	}
	cmp := compare(v, w)
	switch op {
	case ">=":
		return cmp >= 0, nil
	case ">":
		return cmp > 0 && !within(v, w, n), nil
	case "<=":
		return cmp <= 0 || within(v, w, n), nil
	case "<":
		return cmp < 0, nil
	case "^":
		first := 0 // the first non-zero part may not change
		for first < 2 && w[first] == 0 && first < n-1 {
			first++
		}
		return cmp >= 0 && within(v, w, first+1), nil
	case "~":
		return cmp >= 0 && within(v, w, min(max(n, 1), 2)), nil
	case "", "=":
		return within(v, w, n), nil
	}
	return false, &strconv.NumError{Func: "comparator", Num: c, Err: strconv.ErrSyntax}
}

// within reports whether v has w's first n parts.
func within(v, w [3]int, n int) bool {
	for i := 0; i < n && i < 3; i++ {
		if v[i] != w[i] {
			return false
		}
	}
	return true
}

func compare(a, b [3]int) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// parseVersion reads major.minor.patch; missing or x parts are 0.
func parseVersion(s string) ([3]int, error) {
	var v [3]int
	s, _, _ = strings.Cut(strings.TrimPrefix(s, "v"), "-") // a prerelease tag
	for i, p := range strings.SplitN(s, ".", 3) {
		if p == "x" || p == "*" || p == "" {
			break
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return v, err
		}
		v[i] = n
	}
	return v, nil
}
