// Package history reads recent changes to the content from git, when the
// content is in a git checkout and git is installed. Without either, it
// returns nothing and the site simply shows no dates.
package history

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"time"
)

// Commit is one change to the content.
type Commit struct {
	Hash    string   `json:"hash"`
	Date    string   `json:"date"` // YYYY-MM-DD, the committer's date
	Subject string   `json:"subject"`
	Files   []string `json:"files"` // paths relative to the content folder
}

// MaxCommits bounds how far back the history is read.
const MaxCommits = 500

// Read returns the commits that touched files under dir, newest first.
func Read(ctx context.Context, dir string) []Commit {
	if _, err := exec.LookPath("git"); err != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "log", "-n", "500", "--no-merges", "--relative",
		"--format=%x1e%H%x1f%cs%x1f%s", "--name-only", "--", ".")
	cmd.Env = []string{"GIT_CONFIG_NOSYSTEM=1", "HOME=/nonexistent", "LC_ALL=C"}
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	return parse(out)
}

func parse(out []byte) []Commit {
	var commits []Commit
	for _, rec := range bytes.Split(out, []byte{0x1e}) {
		lines := strings.Split(strings.TrimSpace(string(rec)), "\n")
		head := strings.Split(lines[0], "\x1f")
		if len(head) != 3 {
			continue
		}
		c := Commit{Hash: head[0], Date: head[1], Subject: head[2]}
		for _, f := range lines[1:] {
			if f = strings.TrimSpace(f); f != "" {
				c.Files = append(c.Files, f)
			}
		}
		commits = append(commits, c)
	}
	return commits
}

// LastChanged maps each file to the date of the newest commit that touched it.
func LastChanged(commits []Commit) map[string]string {
	out := map[string]string{}
	for _, c := range commits {
		for _, f := range c.Files {
			if _, ok := out[f]; !ok {
				out[f] = c.Date
			}
		}
	}
	return out
}

// ErrShallow says the content's repository is a shallow clone: its history
// stops at the clone's depth, so every page would carry the clone's date
// and the releases (tags outside the fetched history) would be missing.
var ErrShallow = errors.New("the repository is a shallow clone (git clone --depth, the default of GitHub Actions' checkout), " +
	"so page dates and releases would be wrong; fetch the whole history and the tags with `git fetch --unshallow --tags` " +
	"(in GitHub Actions: actions/checkout with `fetch-depth: 0`), or pass --allow-shallow for a local preview")

// Shallow reports whether dir is in a shallow clone; false without git or
// a repository.
func Shallow(ctx context.Context, dir string) bool {
	if _, err := exec.LookPath("git"); err != nil {
		return false
	}
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "rev-parse", "--is-shallow-repository")
	cmd.Env = []string{"GIT_CONFIG_NOSYSTEM=1", "HOME=/nonexistent", "LC_ALL=C"}
	out, err := cmd.Output()
	return err == nil && strings.TrimSpace(string(out)) == "true"
}
