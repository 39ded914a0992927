package views

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/product-roles/handbook/generator/internal/content"
)

// RoleClass is the colour class of the i-th role (r-0 for the first):
// the theme draws that role's headers, blocks and cards in its colour.
func RoleClass(i int) string { return fmt.Sprintf("r-%d", i) }

// withShort adds each role's value in a few words (a dimension's in_short)
// to its cell.
func withShort(cells []Cell, roles []*content.Page, short map[string]string) []Cell {
	for i, r := range roles {
		if i < len(cells) {
			cells[i].Short = short[r.ID]
		}
	}
	return cells
}

// roleDuties is the duty matrix filtered to one role: the duties the role
// leads, shares or supports, by area, with every role's badge beside them.
func roleDuties(m *content.Model, p *content.Page, s Strings, cols []Ref) *Matrix {
	roles := m.Of(content.KindRole)
	mx := &Matrix{Caption: s.T("caption_role_duties", p.Front.Title), Corner: s.T("corner_duty"), Columns: cols}
	byArea := map[string][]Row{}
	for _, duty := range m.Of(content.KindDuty) {
		switch duty.Front.Ownership[p.ID] {
		case "leads", "shares", "supports":
			byArea[duty.Front.Area] = append(byArea[duty.Front.Area],
				Row{Ref: ref(duty), Cells: s.perRoleCells(roles, duty.Front.Ownership)})
		}
	}
	for _, a := range m.Of(content.KindArea) {
		if rows := byArea[a.ID]; len(rows) > 0 {
			mx.Groups = append(mx.Groups, Group{Ref: Ref{ID: "role-" + a.ID, Title: a.Front.Title, URL: a.URL}, Rows: rows})
		}
	}
	if len(mx.Groups) == 0 {
		return nil
	}
	return mx
}

// glimpse is the first duty of each area, up to n rows: a few rows of the
// duty matrix that show what it looks like.
func glimpse(duties Matrix, caption string, n int) Matrix {
	g := Matrix{Caption: caption, Corner: duties.Corner, Columns: duties.Columns}
	for _, a := range duties.Groups {
		if len(a.Rows) > 0 && len(g.Rows) < n {
			g.Rows = append(g.Rows, a.Rows[0])
		}
	}
	return g
}

// alphabetical sorts terms in the alphabetical order of the language (lang
// is a BCP 47 tag; "" is English) and groups them by their initial, its
// accents dropped (Ä with A), for the glossary's A-Z jump.
func alphabetical(terms []Term, lang string) ([]Term, []TermGroup) {
	tag := language.English
	if lang != "" {
		tag = language.Make(lang)
	}
	c := collate.New(tag, collate.IgnoreCase)
	sorted := make([]Term, len(terms))
	copy(sorted, terms)
	c.Sort(termsByTitle(sorted))
	var letters []TermGroup
	for _, t := range sorted {
		l := initial(t.Title)
		if n := len(letters); n == 0 || letters[n-1].Title != l {
			id := "letter-" + strings.ToLower(l)
			if l == "#" {
				id = "letter-0"
			}
			letters = append(letters, TermGroup{Ref: Ref{ID: id, Title: l}})
		}
		g := &letters[len(letters)-1]
		g.Terms = append(g.Terms, t)
	}
	return sorted, letters
}

// initial is a title's first letter, upper case and without accents; "#"
// for a title that starts with no letter.
func initial(title string) string {
	for _, r := range norm.NFD.String(title) {
		if unicode.IsLetter(r) {
			return string(unicode.ToUpper(r))
		}
		if unicode.IsDigit(r) {
			return "#"
		}
	}
	return "#"
}

// termsByTitle sorts terms by their title with a collator.
type termsByTitle []Term

func (r termsByTitle) Len() int           { return len(r) }
func (r termsByTitle) Swap(i, j int)      { r[i], r[j] = r[j], r[i] }
func (r termsByTitle) Bytes(i int) []byte { return []byte(r[i].Title) }
