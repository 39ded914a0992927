// Package diag holds the problems the generator reports about content and
// configuration: each names a file, a line and a column, and says how to fix it.
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Severity says whether a problem fails the build.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Diagnostic is one problem at one place.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"column"`
	Severity Severity `json:"severity"`
	Check    string   `json:"check"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
}

// String is the human form: file:line:col: severity: message.
func (d Diagnostic) String() string {
	col := d.Col
	if col < 1 {
		col = 1
	}
	line := d.Line
	if line < 1 {
		line = 1
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", d.File, line, col, d.Severity, d.Message)
}

// List collects diagnostics from every stage of a run.
type List []Diagnostic

// Add appends an error.
func (l *List) Add(file string, line, col int, check, msg, hint string) {
	*l = append(*l, Diagnostic{File: file, Line: line, Col: col, Severity: Error, Check: check, Message: msg, Hint: hint})
}

// Warn appends a warning.
func (l *List) Warn(file string, line, col int, check, msg, hint string) {
	*l = append(*l, Diagnostic{File: file, Line: line, Col: col, Severity: Warning, Check: check, Message: msg, Hint: hint})
}

// Sort orders by file, line, column and message, so output is stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col), cmp.Compare(a.Message, b.Message))
	})
}

// Errors counts the diagnostics that fail the build.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings counts the warnings.
func (l List) Warnings() int { return len(l) - l.Errors() }

// Strict returns a copy in which every warning is an error.
func (l List) Strict() List {
	out := slices.Clone(l)
	for i := range out {
		out[i].Severity = Error
	}
	return out
}

// Error makes a List usable as an error value.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Formats names the output formats Write understands.
var Formats = []string{"human", "github", "json"}

// Write prints the list in the given format: "human" (file:line:col with a
// hint), "github" (workflow annotations) or "json".
func Write(w io.Writer, l List, format string) error {
	switch format {
	case "json":
		out := struct {
			Errors      int          `json:"errors"`
			Warnings    int          `json:"warnings"`
			Diagnostics []Diagnostic `json:"diagnostics"`
		}{l.Errors(), l.Warnings(), l}
		if out.Diagnostics == nil {
			out.Diagnostics = []Diagnostic{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "github":
		for _, d := range l {
			msg := d.Message
			if d.Hint != "" {
				msg += " (" + d.Hint + ")"
			}
			fmt.Fprintln(w, GitHubCommand(string(d.Severity), d.File, d.Line, d.Col, d.Check, msg))
		}
		return nil
	default:
		for _, d := range l {
			fmt.Fprintln(w, d.String())
			if d.Hint != "" {
				fmt.Fprintf(w, "    hint: %s\n", d.Hint)
			}
		}
		return nil
	}
}

// GitHubCommand is a workflow command that annotates a file's line:
// name is error, warning or notice. File, title and message are escaped.
func GitHubCommand(name, file string, line, col int, title, msg string) string {
	return fmt.Sprintf("::%s file=%s,line=%d,col=%d,title=%s::%s", name, ghProp(file), max(line, 1), max(col, 1), ghProp(title), ghData(msg))
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
