// Package words reads the theme's words: an i18n/<lang>.toml file, in the
// form Hugo reads too.
package words

import "github.com/pelletier/go-toml/v2"

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
