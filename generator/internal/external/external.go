// Package external lists the links from content to other sites, by domain,
// so that a reviewer sees every external domain in one place, and finds the
// domains a change adds compared with a git revision (the pull request's
// merge base).
package external

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os/exec"
	"path"
	"slices"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
)

// Link is one link to another site and where it stands.
type Link struct {
	Domain string // lower-case host without a leading "www."
	URL    string
	File   string
	Pos    content.Pos
}

// Links lists the model's links to other sites: http and https links in
// page bodies, and each source's `link`. They are sorted by domain, then
// by file and position.
func Links(m *content.Model) []Link {
	var out []Link
	for _, p := range m.Pages {
		for _, l := range p.Links {
			if d := Domain(l.Dest); d != "" && !l.Image {
				out = append(out, Link{d, l.Dest, p.File, l.Pos})
			}
		}
		if s, ok := p.Raw["link"].(string); ok {
			if d := Domain(s); d != "" {
				out = append(out, Link{d, s, p.File, p.At("/link")})
			}
		}
	}
	slices.SortFunc(out, func(a, b Link) int {
		return cmp.Or(cmp.Compare(a.Domain, b.Domain), cmp.Compare(a.File, b.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return out
}

// Domain is the domain of an http or https URL, or "" for anything else.
func Domain(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (!strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https")) || u.Hostname() == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// Report writes every external domain with the number of links to it and
// where each one stands.
func Report(w io.Writer, links []Link) {
	var domains []string
	for _, l := range links {
		if !slices.Contains(domains, l.Domain) {
			domains = append(domains, l.Domain)
		}
	}
	fmt.Fprintf(w, "external links: %d to %d domains\n", len(links), len(domains))
	for _, l := range links {
		fmt.Fprintf(w, "  %-32s %s:%d:%d %s\n", l.Domain, l.File, l.Pos.Line, l.Pos.Col, l.URL)
	}
}

// New returns the first link to each domain that is not in known.
func New(links []Link, known map[string]bool) []Link {
	var out []Link
	seen := map[string]bool{}
	for _, l := range links {
		if !known[l.Domain] && !seen[l.Domain] {
			seen[l.Domain] = true
			out = append(out, l)
		}
	}
	return out
}

// AtBase returns the external domains of the content as it was at the merge
// base of HEAD and ref, read with git from the repository holding dir.
// roots are the content folders relative to dir, with forward slashes
// (layout.Layout.ContentRoots: "content", and a fork's "company/content"). Each file is parsed by the loader, so links are found
// exactly as they are now.
func AtBase(ctx context.Context, l *content.Loader, dir, ref string, roots []string) (map[string]bool, string, error) {
	git := func(stdin []byte, args ...string) ([]byte, error) {
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
		cmd.Stdin = bytes.NewReader(stdin)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
		}
		return out, nil
	}
	out, err := git(nil, "merge-base", "HEAD", ref)
	if err != nil {
		return nil, "", err
	}
	base := strings.TrimSpace(string(out))
	prefix, err := git(nil, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, "", err
	}
	known := map[string]bool{}
	for _, root := range roots {
		out, err := git(nil, "ls-tree", "-r", "-z", "--name-only", "--full-tree", base, "--", strings.TrimSpace(string(prefix))+root)
		if err != nil {
			return nil, "", err
		}
		var names []string
		var batch bytes.Buffer
		for _, name := range strings.Split(string(out), "\x00") {
			if strings.HasSuffix(name, ".md") {
				names = append(names, name)
				fmt.Fprintf(&batch, "%s:%s\n", base, name)
			}
		}
		if len(names) == 0 {
			continue
		}
		blobs, err := git(batch.Bytes(), "cat-file", "--batch")
		if err != nil {
			return nil, "", err
		}
		for _, name := range names {
			data, rest, err := nextBlob(blobs)
			if err != nil {
				return nil, "", fmt.Errorf("git cat-file: %s: %w", name, err)
			}
			blobs = rest
			rel := strings.TrimPrefix(name, strings.TrimSpace(string(prefix))+root+"/")
			p, _ := l.Parse(rel, path.Join(root, rel), data)
			if p == nil {
				continue
			}
			for _, link := range Links(&content.Model{Pages: []*content.Page{p}}) {
				known[link.Domain] = true
			}
		}
	}
	return known, base, nil
}

// nextBlob reads one "<oid> blob <size>\n<data>\n" record of git cat-file --batch.
func nextBlob(b []byte) (data, rest []byte, err error) {
	header, body, ok := bytes.Cut(b, []byte("\n"))
	if !ok {
		return nil, nil, errors.New("truncated output")
	}
	var oid, kind string
	var size int
	if _, err := fmt.Sscanf(string(header), "%s %s %d", &oid, &kind, &size); err != nil || kind != "blob" || size > len(body) {
		return nil, nil, fmt.Errorf("unexpected record %q", header)
	}
	return body[:size], body[min(size+1, len(body)):], nil
}
