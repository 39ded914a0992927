package usage

import (
	"errors"
	"fmt"
	"testing"
)

func TestAs(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string // the usage error's message; "" when there is none
	}{
		{Errorf("bad size %q", "x"), `bad size "x"`},
		{fmt.Errorf("new: %w", Errorf("no track %q", "t")), `no track "t"`},
		{errors.New("disk full"), ""},
		{nil, ""},
	} {
		u := As(tc.err)
		if got := ""; u != nil {
			got = u.Error()
			if got != tc.want {
				t.Errorf("As(%v) = %q, want %q", tc.err, got, tc.want)
			}
		} else if tc.want != "" {
			t.Errorf("As(%v) = nil, want %q", tc.err, tc.want)
		}
	}
}
