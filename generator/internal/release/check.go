package release

import "fmt"

// Verdict is what `release --check` finds for a proposed version.
type Verdict struct {
	Last     *Release // the latest release before it; nil for the first
	Proposed Version
	Step     Bump     // the proposed version's step from the last release
	Needed   Bump     // the smallest step the changes need
	Changes  []Change // every change since the last release
}

// OK reports whether the proposed version is large enough a step.
func (v Verdict) OK() bool { return v.Last == nil || v.Step != None && v.Step >= v.Needed }

// TooSmall are the changes that need a larger step than the proposed one.
func (v Verdict) TooSmall() []Change {
	var out []Change
	for _, c := range v.Changes {
		if c.Bump > v.Step {
			out = append(out, c)
		}
	}
	return out
}

// Check compares a proposed version with the changes from the latest
// release to the revision rev (usually HEAD).
func Check(r *Reader, tags []Release, proposed Version, rev string) (Verdict, error) {
	v := Verdict{Proposed: proposed}
	for i := range tags {
		if tags[i].V == proposed {
			return v, fmt.Errorf("%s is already released", proposed)
		}
	}
	if len(tags) == 0 {
		return v, nil
	}
	v.Last = &tags[len(tags)-1]
	v.Step = Step(v.Last.V, proposed)
	if v.Step == None {
		return v, fmt.Errorf("%s is not after the latest release, %s", proposed, v.Last.Version)
	}
	cs, err := r.Changes(v.Last.Commit, rev)
	if err != nil {
		return v, err
	}
	v.Changes, v.Needed = cs, Required(cs)
	return v, nil
}
