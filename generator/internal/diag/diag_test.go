package diag

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// command is one workflow command as GitHub's runner reads it: the name,
// the properties between the first space and "::", the data after it.
type command struct {
	name  string
	props map[string]string
	data  string
}

// parseCommand reads a line the way the runner does (actions/runner
// ActionCommand.TryParseV2): properties are split on "," and "=", then
// unescaped; the data is unescaped.
func parseCommand(t *testing.T, line string) command {
	t.Helper()
	if !strings.HasPrefix(line, "::") {
		t.Fatalf("not a workflow command: %q", line)
	}
	rest := line[2:]
	end := strings.Index(rest, "::")
	if end < 0 {
		t.Fatalf("no closing :: in %q", line)
	}
	head, data := rest[:end], rest[end+2:]
	name, props, _ := strings.Cut(head, " ")
	c := command{name: name, props: map[string]string{}, data: unescape(data, false)}
	for _, p := range strings.Split(props, ",") {
		if p == "" {
			continue
		}
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			t.Fatalf("property without a value %q in %q", p, line)
		}
		c.props[k] = unescape(v, true)
	}
	return c
}

func unescape(s string, prop bool) string {
	pairs := []string{"%0D", "\r", "%0A", "\n"}
	if prop {
		pairs = append(pairs, "%3A", ":", "%2C", ",")
	}
	return strings.NewReplacer(append(pairs, "%25", "%")...).Replace(s)
}

// A file name or message cannot forge a second annotation or change the
// first one's properties: %, CR, LF, ':' and ',' are escaped as GitHub's
// workflow-command rules say (properties escape all five, data the first
// three), and what the runner reads back is exactly what was reported.
func TestGitHubFormatEscapesWorkflowCommands(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    Diagnostic
	}{
		{"newline and a forged command in the file name", Diagnostic{File: "content/x%0A::error::forged.md", Line: 3, Col: 2, Severity: Error, Check: "path", Message: "bad"}},
		{"real newlines in the file name", Diagnostic{File: "content/x\n::error file=a.md::forged\r\n.md", Line: 1, Col: 1, Severity: Error, Check: "path", Message: "bad"}},
		{"commas and colons in the file name", Diagnostic{File: "content/a,line=99,title=x:y.md", Line: 4, Col: 1, Severity: Warning, Check: "c,d:e", Message: "m"}},
		{"newline and percent in the message", Diagnostic{File: "content/a.md", Line: 2, Col: 5, Severity: Error, Check: "link",
			Message: "100%25 sure\n::error file=content/b.md,line=1::forged\r\nend", Hint: "write 50% less, a:b, c"}},
		{"stop-commands token in the message", Diagnostic{File: "content/a.md", Line: 1, Col: 1, Severity: Error, Check: "x",
			Message: "::stop-commands::token\n::error::after stop"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, List{tc.d}, "github"); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != 1 || strings.ContainsAny(strings.TrimSuffix(out, "\n"), "\r\n") {
				t.Fatalf("want one line, got %d: %q", len(lines), out)
			}
			c := parseCommand(t, lines[0])
			wantMsg := tc.d.Message
			if tc.d.Hint != "" {
				wantMsg += " (" + tc.d.Hint + ")"
			}
			want := map[string]string{"file": tc.d.File, "line": strconv.Itoa(tc.d.Line), "col": strconv.Itoa(tc.d.Col), "title": tc.d.Check}
			if c.name != string(tc.d.Severity) || c.data != wantMsg || len(c.props) != len(want) {
				t.Errorf("read back %+v\nfrom %q", c, lines[0])
			}
			for k, v := range want {
				if c.props[k] != v {
					t.Errorf("property %s read back as %q, want %q (line %q)", k, c.props[k], v, lines[0])
				}
			}
		})
	}
}
