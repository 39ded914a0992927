package pipeline

import (
	"errors"
	"slices"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
)

// The checks may finish after later stages reported their own problems:
// settle puts the report in the order a run that waited for them had, and
// a run they fail is reported as having stopped at validate.
func TestSettleKeepsTheOrderOfARunThatWaited(t *testing.T) {
	d := func(file string, line int, err bool) diag.Diagnostic {
		sev := diag.Warning
		if err {
			sev = diag.Error
		}
		return diag.Diagnostic{File: file, Line: line, Col: 1, Severity: sev, Message: file}
	}
	unread := &content.Model{Unread: []*content.Page{{File: "z.md"}}}
	for _, tc := range []struct {
		name                 string
		model                *content.Model
		before, found, later diag.List
		want                 []string // files, in order
		invalid              bool
	}{
		{"nothing found", &content.Model{}, diag.List{d("b.md", 1, false)}, nil, diag.List{d("a.md", 1, false)}, []string{"b.md", "a.md"}, false},
		{"warnings sorted with the earlier ones, later ones after", &content.Model{},
			diag.List{d("c.md", 1, false)}, diag.List{d("b.md", 2, false), d("b.md", 1, false)}, diag.List{d("a.md", 1, false)},
			[]string{"b.md", "b.md", "c.md", "a.md"}, false},
		{"an error: later problems left out", &content.Model{},
			diag.List{d("c.md", 1, false)}, diag.List{d("b.md", 1, true)}, diag.List{d("a.md", 1, true)},
			[]string{"b.md", "c.md"}, true},
		{"unreadable files first", unread,
			diag.List{d("z.md", 1, true)}, diag.List{d("b.md", 1, true)}, nil,
			[]string{"z.md", "b.md"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := &Report{Diags: slices.Concat(tc.before, tc.later)}
			r := &run{rep: rep}
			err := r.settle(tc.found, len(tc.before), tc.model)
			if errors.Is(err, ErrInvalid) != tc.invalid {
				t.Fatalf("settle returned %v, want ErrInvalid: %v", err, tc.invalid)
			}
			var got []string
			for _, x := range rep.Diags {
				got = append(got, x.File)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("order %v, want %v", got, tc.want)
			}
		})
	}
}
