package export

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/views"
)

// A cell that a spreadsheet would read as a formula (starting with =, +,
// -, @, a tab or a carriage return) is written with a leading single
// quote, as OWASP's CSV injection guidance says; any other cell as it is.
func TestCSVNeutralisesFormulas(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`=HYPERLINK("https://evil.example","x")`, `'=HYPERLINK("https://evil.example","x")`},
		{"+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"Pricing", "Pricing"},
		{"a = b", "a = b"},
		{"", ""},
	} {
		mx := views.Matrix{Corner: c.in, Columns: []views.Ref{{Title: c.in}},
			Rows: []views.Row{{Ref: views.Ref{Title: c.in}, Cells: []views.Cell{{Value: c.in}}}}}
		data, err := CSV(mx)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		for _, rec := range recs {
			for _, cell := range rec {
				if cell != c.want {
					t.Errorf("%q written as %q, want %q", c.in, cell, c.want)
				}
			}
		}
	}
}
