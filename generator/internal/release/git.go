// Package release holds the handbook's releases (git tags vMAJOR.MINOR.PATCH)
// and the semantic diff of the content model between two revisions, read
// straight from git objects without checking out a work tree.
package release

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path"
	"strconv"
	"strings"

	"github.com/product-roles/handbook/generator/internal/history"
)

// Git reads objects from a repository through one `git cat-file --batch`
// process. It is not safe for concurrent use.
type Git struct {
	dir    string
	prefix string // the content folder's path below the repository root, "" or ending in "/"
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	blobs  map[string][]byte
	// Known are files ("<path>:<hash>") the caller has parsed already: their
	// content is not read.
	Known map[string]bool
}

// ErrNoGit says that git is not installed or dir is not in a repository.
var ErrNoGit = errors.New("not a git repository (or git is not installed)")

func gitCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Env = []string{"GIT_CONFIG_NOSYSTEM=1", "HOME=/nonexistent", "LC_ALL=C"}
	return cmd
}

// gitOutput runs a git command and returns its trimmed standard output.
func gitOutput(ctx context.Context, dir string, args ...string) (string, error) {
	var stderr bytes.Buffer
	cmd := gitCommand(ctx, dir, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// Open starts reading the repository that holds contentDir; the content
// model is read from that folder's path in each revision.
func Open(ctx context.Context, contentDir string) (*Git, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, ErrNoGit
	}
	prefix, err := gitOutput(ctx, contentDir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, ErrNoGit
	}
	g := &Git{dir: contentDir, prefix: prefix, blobs: map[string][]byte{}}
	g.cmd = gitCommand(ctx, contentDir, "cat-file", "--batch")
	if g.in, err = g.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := g.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	g.out = bufio.NewReaderSize(stdout, 64<<10)
	if err := g.cmd.Start(); err != nil {
		return nil, err
	}
	return g, nil
}

// Close ends the git process.
func (g *Git) Close() error {
	_ = g.in.Close()
	return g.cmd.Wait()
}

// object reads one object by name (a hash or any revision expression).
func (g *Git) object(name string) (hash, typ string, data []byte, err error) {
	if strings.ContainsAny(name, "\n") {
		return "", "", nil, fmt.Errorf("bad object name %q", name)
	}
	if _, err := io.WriteString(g.in, name+"\n"); err != nil {
		return "", "", nil, err
	}
	head, err := g.out.ReadString('\n')
	if err != nil {
		return "", "", nil, err
	}
	f := strings.Fields(head)
	if len(f) == 2 && f[1] == "missing" || len(f) != 3 {
		return "", "", nil, fmt.Errorf("%s: no such revision or path", name)
	}
	size, err := strconv.Atoi(f[2])
	if err != nil {
		return "", "", nil, err
	}
	data = make([]byte, size+1) // and the newline after it
	if _, err := io.ReadFull(g.out, data); err != nil {
		return "", "", nil, err
	}
	return f[0], f[1], data[:size], nil
}

// Commit resolves a revision to its commit hash.
func (g *Git) Commit(rev string) (string, error) {
	hash, typ, _, err := g.object(rev + "^{commit}")
	if err == nil && typ != "commit" {
		err = fmt.Errorf("%s is not a commit", rev)
	}
	return hash, err
}

// Blob is a file's object hash and, unless the reader knew the hash
// already (see Known), its content.
type Blob struct {
	Hash string
	Data []byte
}

// BlobHash is git's object hash of a file's content.
func BlobHash(data []byte) string {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(data))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// Blob reads a file's content by its object hash.
func (g *Git) Blob(hash string) ([]byte, error) {
	if data, ok := g.blobs[hash]; ok {
		return data, nil
	}
	_, _, data, err := g.object(hash)
	if err == nil {
		g.blobs[hash] = data
	}
	return data, err
}

// Files returns the Markdown files of the content folder in a revision,
// by path below the content folder.
func (g *Git) Files(rev string) (map[string]Blob, error) {
	name := rev + ":" + strings.TrimSuffix(g.prefix, "/")
	if g.prefix == "" {
		name = rev + "^{tree}"
	}
	_, typ, data, err := g.object(name)
	if err != nil {
		return nil, fmt.Errorf("%s has no content folder: %w", rev, err)
	}
	if typ != "tree" {
		return nil, fmt.Errorf("%s is not a folder in %s", g.prefix, rev)
	}
	files := map[string]Blob{}
	return files, g.walk(data, "", files)
}

// walk reads a tree object's entries: "<mode> <name>\0<20-byte hash>".
func (g *Git) walk(tree []byte, dir string, files map[string]Blob) error {
	for len(tree) > 0 {
		sp := bytes.IndexByte(tree, ' ')
		nul := bytes.IndexByte(tree, 0)
		if sp < 0 || nul < sp || nul+21 > len(tree) {
			return errors.New("malformed tree object")
		}
		mode, name := string(tree[:sp]), string(tree[sp+1:nul])
		hash := fmt.Sprintf("%x", tree[nul+1:nul+21])
		tree = tree[nul+21:]
		rel := path.Join(dir, name)
		switch {
		case mode == "40000":
			if strings.HasPrefix(name, ".") {
				continue
			}
			_, _, sub, err := g.object(hash)
			if err != nil {
				return err
			}
			if err := g.walk(sub, rel, files); err != nil {
				return err
			}
		case strings.HasPrefix(mode, "100") && strings.HasSuffix(name, ".md"):
			if g.Known[rel+":"+hash] {
				files[rel] = Blob{Hash: hash}
				continue
			}
			data, err := g.Blob(hash)
			if err != nil {
				return err
			}
			files[rel] = Blob{hash, data}
		}
	}
	return nil
}

// MergeBase is the best common ancestor of two revisions. When there is
// none, the error says why it may be missing and how to fetch it.
func (g *Git) MergeBase(ctx context.Context, a, b string) (string, error) {
	mb, err := gitOutput(ctx, g.dir, "merge-base", a, b)
	switch {
	case err == nil:
		return mb, nil
	case history.Shallow(ctx, g.dir):
		return "", fmt.Errorf("no merge base of %s and %s: %w", a, b, history.ErrShallow)
	}
	return "", fmt.Errorf("no merge base of %s and %s (%v): fetch both with their history, e.g. `git fetch origin`", a, b, err)
}

// Release is one tagged version.
type Release struct {
	Version string  `json:"version"` // "v1.2.0"
	Date    string  `json:"date"`    // YYYY-MM-DD, the tag's (or its commit's) date
	Commit  string  `json:"commit"`
	V       Version `json:"-"`
}

// Tags lists the releases HEAD descends from, oldest version first: a
// checkout of an older release sees only the releases up to it. Tags that
// are not vMAJOR.MINOR.PATCH are not releases.
func Tags(ctx context.Context, dir string) ([]Release, error) {
	out, err := gitOutput(ctx, dir, "for-each-ref", "--merged", "HEAD", "--format=%(refname:strip=2)%1f%(creatordate:short)%1f%(objectname)%1f%(*objectname)", "refs/tags")
	if err != nil {
		return nil, err
	}
	var rels []Release
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(line, "\x1f")
		if len(f) != 4 {
			continue
		}
		v, ok := ParseVersion(f[0])
		if !ok {
			continue
		}
		commit := f[2]
		if f[3] != "" { // an annotated tag points at its commit
			commit = f[3]
		}
		rels = append(rels, Release{Version: f[0], Date: f[1], Commit: commit, V: v})
	}
	sortReleases(rels)
	return rels, nil
}
