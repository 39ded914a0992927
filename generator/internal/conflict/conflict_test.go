package conflict

import (
	"reflect"
	"testing"
)

func TestMarkers(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []int
	}{
		{"none", "# Title\n\nText.\n", nil},
		{"setext heading", "Title\n=======\n\nText.\n", nil},
		{"merge-file", "a\n<<<<<<< ours (company/)\nmine\n=======\ntheirs\n>>>>>>> upstream (now)\nb\n", []int{2, 4, 6}},
		{"diff3 with base", "<<<<<<< ours\nx\n||||||| base\ny\n=======\nz\n>>>>>>> theirs\n", []int{1, 3, 5, 7}},
		{"bare markers, CRLF", "<<<<<<<\r\nx\r\n=======\r\ny\r\n>>>>>>>\r\n", []int{1, 3, 5}},
		{"in front matter", "---\ntitle: A\n<<<<<<< HEAD\nsummary: x\n=======\nsummary: y\n>>>>>>> main\n---\n", []int{3, 5, 7}},
		{"eight signs or a word after", "<<<<<<<< not\n<<<<<<<x\n>>>>>>>>\n", nil},
		{"separator outside a conflict", "|||||||\n=======\n", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []int
			for _, m := range Markers([]byte(c.text)) {
				got = append(got, m.Line)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("lines %v, want %v", got, c.want)
			}
		})
	}
}
