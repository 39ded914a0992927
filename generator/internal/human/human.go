// Package human writes numbers as the generator prints them to people: a
// count with its noun in the right number, and a duration in one format.
package human

import (
	"fmt"
	"time"
)

// Count is a number and its noun, in the plural unless it is one: "0
// warnings", "1 warning".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Duration is the one way the generator prints a time: milliseconds below
// a second ("622ms"), else seconds with two decimals ("1.61s").
func Duration(d time.Duration) string {
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	return fmt.Sprintf("%.2fs", d.Seconds())
}
