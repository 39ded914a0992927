package config

import (
	"fmt"
	"math"
	"strconv"
)

// MinContrast is WCAG AA's contrast ratio for body text and links.
const MinContrast = 4.5

// Background is a theme background an accent colour is drawn on.
type Background struct {
	Name  string // "light", "dark", "print"
	Color string // #rrggbb, as in the theme's main.css
}

// Backgrounds are the theme's backgrounds for each accent setting: the page
// and the soft panels in the light and dark themes, and paper. The theme's
// CSS is checked against this list in the build tests.
var Backgrounds = map[string][]Background{
	"colors.accent":      {{"light", "#ffffff"}, {"light panel", "#f4f6f8"}, {"print", "#ffffff"}},
	"colors.accent_dark": {{"dark", "#111418"}, {"dark panel", "#1b2027"}},
}

// Contrast is the WCAG contrast ratio of two #rrggbb colours.
func Contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	var ch [3]float64
	for i := range ch {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			ch[i] = c / 12.92
		} else {
			ch[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*ch[0] + 0.7152*ch[1] + 0.0722*ch[2]
}

// contrastProblem says why a colour is too faint for a setting, or "".
func contrastProblem(key, color string) string {
	for _, bg := range Backgrounds[key] {
		if r := Contrast(color, bg.Color); r < MinContrast {
			return fmt.Sprintf("%s %q has a contrast of %.2f:1 against the %s background %s; links and highlights need %.1f:1 (WCAG AA)",
				key, color, math.Floor(r*100)/100, bg.Name, bg.Color, MinContrast)
		}
	}
	return ""
}
