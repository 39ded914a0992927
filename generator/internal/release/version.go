package release

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// Version is a release number.
type Version struct{ Major, Minor, Patch int }

var versionRE = regexp.MustCompile(`^v(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$`)

// ParseVersion reads "vMAJOR.MINOR.PATCH".
func ParseVersion(s string) (Version, bool) {
	m := versionRE.FindStringSubmatch(s)
	if m == nil {
		return Version{}, false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	c, _ := strconv.Atoi(m[3])
	return Version{a, b, c}, true
}

func (v Version) String() string { return fmt.Sprintf("v%d.%d.%d", v.Major, v.Minor, v.Patch) }

// Short is "vMAJOR.MINOR", as readers see it.
func (v Version) Short() string { return fmt.Sprintf("v%d.%d", v.Major, v.Minor) }

// Compare orders versions.
func (v Version) Compare(w Version) int {
	return cmp.Or(cmp.Compare(v.Major, w.Major), cmp.Compare(v.Minor, w.Minor), cmp.Compare(v.Patch, w.Patch))
}

// Bump is how large a change is, or how large a step between versions.
type Bump int

const (
	None Bump = iota
	Patch
	Minor
	Major
)

func (b Bump) String() string {
	return [...]string{"none", "patch", "minor", "major"}[b]
}

// Step is the bump from v to w (w after v), or None when w is not after v.
func Step(v, w Version) Bump {
	switch {
	case w.Compare(v) <= 0:
		return None
	case w.Major > v.Major:
		return Major
	case w.Major == v.Major && w.Minor > v.Minor:
		return Minor
	case w.Major == v.Major && w.Minor == v.Minor:
		return Patch
	}
	return None
}

func sortReleases(rels []Release) {
	slices.SortFunc(rels, func(a, b Release) int { return a.V.Compare(b.V) })
}
