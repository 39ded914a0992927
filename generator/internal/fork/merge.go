package fork

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// git runs git on three or two temporary files; it is the one program a
// fork already needs (to pull upstream's changes).
func git(ctx context.Context, files map[string][]byte, args ...string) ([]byte, int, error) {
	dir, err := os.MkdirTemp("", "handbook-merge-")
	if err != nil {
		return nil, 0, err
	}
	defer os.RemoveAll(dir)
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return nil, 0, err
		}
	}
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return out, exit.ExitCode(), nil
	case errors.Is(err, exec.ErrNotFound):
		return nil, 0, errors.New("git is not installed: it is needed to compare and merge upstream's changes")
	case err != nil:
		return nil, 0, fmt.Errorf("git %s: %v %s", args[0], err, stderr.String())
	}
	return out, 0, nil
}

// merge3 is git merge-file: ours with the change from base to theirs.
func merge3(ctx context.Context, ours, base, theirs []byte, name string) ([]byte, int, error) {
	out, code, err := git(ctx, map[string][]byte{"ours": ours, "base": base, "theirs": theirs},
		"merge-file", "-p", "-L", "ours (company/)", "-L", "base (upstream when copied)", "-L", "upstream (now)", "ours", "base", "theirs")
	if err != nil {
		return nil, 0, err
	}
	if code < 0 || code > 127 {
		return nil, 0, fmt.Errorf("git merge-file failed on %s (exit %d)", name, code)
	}
	return out, code, nil
}

// diff2 is a unified diff from a to b, labelled; empty when they are equal.
func diff2(ctx context.Context, a, b []byte, labelA, labelB string) (string, error) {
	if bytes.Equal(a, b) {
		return "", nil
	}
	out, code, err := git(ctx, map[string][]byte{"a": a, "b": b}, "diff", "--no-index", "--no-color",
		"--src-prefix=", "--dst-prefix=", "a", "b")
	if err != nil {
		return "", err
	}
	if code > 1 {
		return "", fmt.Errorf("git diff failed (exit %d)", code)
	}
	// Name the two sides as the reader knows them.
	lines := bytes.Split(out, []byte("\n"))
	var b2 bytes.Buffer
	for _, l := range lines {
		switch {
		case bytes.HasPrefix(l, []byte("diff --git")), bytes.HasPrefix(l, []byte("index ")):
			continue
		case bytes.Equal(l, []byte("--- a")):
			l = []byte("--- " + labelA)
		case bytes.Equal(l, []byte("+++ b")):
			l = []byte("+++ " + labelB)
		}
		b2.Write(l)
		b2.WriteByte('\n')
	}
	return string(bytes.TrimRight(b2.Bytes(), "\n")) + "\n", nil
}
