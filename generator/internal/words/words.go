// Package words reads the theme's words: an i18n/<lang>.toml file, in the
// form Hugo reads too.
package words

import (
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Fill puts the values in a text's placeholders: {1} is the first, {2}
// the second, and so on.
func Fill(text string, args ...string) string {
	for i, a := range args {
		text = strings.ReplaceAll(text, "{"+strconv.Itoa(i+1)+"}", a)
	}
	return text
}

// Parse reads the words of one i18n file by id: `id = "text"` or Hugo's
// `[id] other = "text"`. A TOML error is go-toml's (*toml.DecodeError
// gives its line).
func Parse(data []byte) (map[string]string, error) {
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(raw))
	for id, v := range raw {
		switch t := v.(type) {
		case string:
			out[id] = t
		case map[string]any:
			if s, ok := t["other"].(string); ok {
				out[id] = s
			}
		}
	}
	return out, nil
}
