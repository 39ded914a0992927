package charts

import (
	"strconv"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/testkit/fixture"
)

// en is the theme's English words, as the build gives the charts.
func en(t testing.TB) Words {
	t.Helper()
	w := fixture.Words(t, "en")
	return func(id string, args ...string) string {
		v, ok := w[id]
		if !ok {
			t.Errorf("%q is not in themes/handbook/i18n/en.toml", id)
		}
		for i, a := range args {
			v = strings.ReplaceAll(v, "{"+strconv.Itoa(i+1)+"}", a)
		}
		return v
	}
}
