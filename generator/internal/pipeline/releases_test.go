package pipeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// releasedProject is the mini handbook in a git repository with releases
// v1.0.0 and v1.1.0 (Junior's craft expectation reworded) and an
// uncommitted edit of Senior's impact expectation.
func releasedProject(t *testing.T) string {
	t.Helper()
	dir := testkit.Project(t, filepath.Join(testkit.Root(t), "generator", "internal", "testdata", "mini"))
	testkit.Git(t, dir, "init", "-q")
	testkit.Git(t, dir, "add", "-A")
	testkit.Git(t, dir, "commit", "-qm", "Start")
	testkit.Git(t, dir, "tag", "v1.0.0")
	edit := func(rel, old, new string) {
		p := filepath.Join(dir, "content", rel)
		s := testkit.Read(t, p)
		if !strings.Contains(s, old) {
			t.Fatalf("%s lacks %q", rel, old)
		}
		testkit.Write(t, p, strings.Replace(s, old, new, 1))
	}
	edit("ladders/pm-track/junior.md", "craft: Does tasks with help.", "craft: Does tasks with little help.")
	testkit.Git(t, dir, "commit", "-qam", "Raise the bar")
	testkit.Git(t, dir, "tag", "-a", "-m", "v1.1.0", "v1.1.0")
	edit("ladders/pm-track/senior.md", "impact: Helps the team.", "impact: Helps several teams.")
	return dir
}

func TestReleasesOnTheSite(t *testing.T) {
	dir := releasedProject(t)
	out := filepath.Join(dir, "public")
	buildOK(t, newBuilder(t), dir, out)

	// /releases/: the changes since the latest release first, then each release with its changes.
	rel := testkit.Read(t, filepath.Join(out, "releases", "index.html"))
	for _, want := range []string{
		"Changes since v1.1.0",
		"Impact expectation reworded",
		"Craft expectation reworded: <span class=words>Does tasks with <ins>little </ins>help.</span>",
		"The first release.",
		`href=/releases/v1.0.0...v1.1.0/`,
	} {
		if !strings.Contains(rel, want) {
			t.Errorf("/releases/ lacks %q", want)
		}
	}
	relDoc := testkit.ParseHTML(t, rel)
	for _, id := range []string{"unreleased-ladders-pm-track-senior", "v1.1.0-ladders-pm-track-junior"} {
		if relDoc.ByID(id) == nil {
			t.Errorf("/releases/ has no block #%s", id)
		}
	}
	if strings.Count(rel, "Craft expectation reworded") != 1 {
		t.Errorf("the reworded expectation is listed %d times", strings.Count(rel, "Craft expectation reworded"))
	}

	// The diff of two consecutive releases has a page, with the level's block.
	diff := page(t, out, "releases/v1.0.0...v1.1.0/index.html")
	if diff.ByID("ladders-pm-track-junior") == nil {
		t.Error("the diff page has no block for the junior level")
	}

	// Level pages say when they changed, and link to that level's diff.
	junior := page(t, out, "ladders/pm-track/junior/index.html")
	senior := page(t, out, "ladders/pm-track/senior/index.html")
	for _, c := range []struct {
		doc        testkit.Doc
		text, href string
	}{
		{junior, "changed in v1.1", "/releases/v1.0.0...v1.1.0/#ladders-pm-track-junior"},
		{senior, "changed since v1.1 (unreleased)", "/releases/#unreleased-ladders-pm-track-senior"},
	} {
		found := false
		for _, a := range c.doc.All(testkit.Tag("a")) {
			if testkit.Text(a) == c.text && testkit.Attr(a, "href") == c.href {
				found = true
			}
		}
		if !found {
			t.Errorf("no link %q to %s", c.text, c.href)
		}
	}

	// The level card names the release it was printed from.
	if card := testkit.Read(t, filepath.Join(out, "ladders", "pm-track", "cards", "junior", "index.html")); !strings.Contains(card, "Printed from unreleased changes since v1.1.0") {
		t.Error("the level card does not name its release")
	}

	// The API: releases.json validates and lists both releases; each object file names its release.
	api := filepath.Join(out, "api", "v1")
	comp := apiSchema(t, api, "https://site.invalid/schema.json")
	s, err := comp.Compile("https://site.invalid/schema.json#/$defs/releases.json")
	if err != nil {
		t.Fatal(err)
	}
	data := testkit.Read(t, filepath.Join(api, "releases.json"))
	v, _ := jsonschema.UnmarshalJSON(strings.NewReader(data))
	if err := s.Validate(v); err != nil {
		t.Errorf("releases.json does not validate: %v", err)
	}
	var rs struct {
		Current struct {
			Since      string
			Unreleased int
		}
		Unreleased []struct{ Kind, Text string }
		Releases   []struct {
			Version, Prev, Bump string
			Changes             []struct{ Kind, Item string }
		}
	}
	if err := json.Unmarshal([]byte(data), &rs); err != nil {
		t.Fatal(err)
	}
	if rs.Current.Since != "v1.1.0" || rs.Current.Unreleased != 1 || len(rs.Unreleased) != 1 ||
		len(rs.Releases) != 2 || rs.Releases[0].Version != "v1.1.0" || rs.Releases[0].Bump != "minor" ||
		len(rs.Releases[0].Changes) != 1 || rs.Releases[0].Changes[0].Item != "craft" {
		t.Errorf("releases.json: %+v", rs)
	}
	for _, file := range []string{"index.json", "tracks/pm-track.json"} {
		var x struct{ Release struct{ Label string } }
		if err := json.Unmarshal([]byte(testkit.Read(t, filepath.Join(api, file))), &x); err != nil || x.Release.Label != "unreleased changes since v1.1.0" {
			t.Errorf("%s: release %+v %v", file, x.Release, err)
		}
	}

	// Committed and tagged, the build is that release.
	testkit.Git(t, dir, "commit", "-qam", "Widen senior impact")
	testkit.Git(t, dir, "tag", "v1.2.0")
	buildOK(t, newBuilder(t), dir, out)
	if card := testkit.Read(t, filepath.Join(out, "ladders", "pm-track", "cards", "senior", "index.html")); !strings.Contains(card, "Printed from v1.2.0") {
		t.Error("a build of a tagged commit does not name that release")
	}
	if _, err := os.Stat(filepath.Join(out, "releases", "v1.0.0...v1.2.0", "index.html")); err != nil {
		t.Error("no page for a pair of releases that are not consecutive")
	}
}
