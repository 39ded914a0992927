package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Front matter is read in two steps. checkShape refuses what the value
// reader lets pass (duplicate keys, anchors and aliases, deep nesting,
// a document that is not a mapping), with yaml.v3 and only when a quick
// look at the text finds a sign of one of them. goldmark-meta, the
// loader's Markdown extension, then reads the values as goldmark parses
// the file, and values turns them into JSON values (Page.Raw, which the
// schemas check, and Page.Front). Where each value stands is parsed only
// when a message needs it (Page.loadPositions).

// MaxDepth is how deeply front matter may nest.
const MaxDepth = 8

// problem is what is wrong with front matter, at a line of the file.
type problem struct {
	line             int
	check, msg, hint string
}

// checkShape refuses duplicate keys, aliases, deep nesting and front
// matter that is not a mapping, which the value reader lets pass. yaml.v3
// runs only when suspicious finds a sign of one of them.
func checkShape(fm []byte) *problem {
	if !suspicious(fm) {
		return nil
	}
	at := func(yamlLine int) int { return fileLine(fm, yamlLine) + 1 } // the file's line (after the opening ---)
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil && bytes.ContainsAny(fm, "&*") {
		line, msg := yamlError(err)
		return &problem{at(line), "yaml", msg, ""}
	}
	if len(doc.Content) != 1 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return &problem{at(root.Line), "front-matter", "front matter must be a set of `field: value` lines", ""}
	}
	if d := depth(root, 0); d > MaxDepth {
		return &problem{at(root.Line), "front-matter", fmt.Sprintf("front matter nests %d levels deep, more than %d", d, MaxDepth), "flatten it"}
	}
	if n := alias(root); n != nil {
		return &problem{at(n.Line), "yaml", "YAML anchors and aliases (& and *) are not allowed", "write each value out in full"}
	}
	if dup, first := duplicateKey(root); dup != nil {
		return &problem{at(dup.Line), "yaml", fmt.Sprintf("field %q appears twice (first on line %d)", dup.Value, at(first.Line)), "keep one of the two"}
	}
	return nil
}

// values turns what goldmark-meta read from the front matter fm (items,
// or its error) into JSON values.
func values(fm []byte, items map[string]any, err error) (map[string]any, *problem) {
	at := func(yamlLine int) int { return fileLine(fm, yamlLine) + 1 }
	if err != nil {
		var doc yaml.Node
		if yaml.Unmarshal(fm, &doc) == nil && len(doc.Content) == 1 && doc.Content[0].Kind != yaml.MappingNode {
			return nil, &problem{at(doc.Content[0].Line), "front-matter", "front matter must be a set of `field: value` lines", ""}
		}
		line, msg := yamlError(err)
		return nil, &problem{at(line), "yaml", msg, "check indentation and quote values that contain `: ` or start with a special character"}
	}
	raw, err := jsonValue(items, 0)
	if err != nil {
		return nil, &problem{2, "yaml", err.Error(), ""}
	}
	m, _ := raw.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	return m, nil
}

// setValues sets the page's values: Raw as they are, Front decoded from
// them (a value of the wrong type is left out here; the schema reports it).
func (p *Page) setValues(raw map[string]any) {
	p.Raw = raw
	data, _ := json.Marshal(p.Raw)
	_ = json.Unmarshal(data, &p.Front)
}

// FrontMatterEnd returns the offset of the closing --- line of src's front
// matter, and whether src has front matter ("---" on its first line).
func FrontMatterEnd(src []byte) (int, bool) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return 0, false
	}
	off := 4
	for off <= len(src) {
		nl := bytes.IndexByte(src[off:], '\n')
		line := src[off:]
		if nl >= 0 {
			line = src[off : off+nl]
		}
		if string(bytes.TrimRight(line, " \t")) == "---" {
			return off, true
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	return 0, false
}

var yamlLineRE = regexp.MustCompile(`line (\d+): (.*)`)

// fileLine is the line of the front matter, counting only "\n", at which
// YAML's line yamlLine starts: YAML also breaks lines at a lone "\r".
func fileLine(fm []byte, yamlLine int) int {
	yl, fl := 1, 1
	for i := 0; i < len(fm) && yl < yamlLine; i++ {
		switch {
		case fm[i] == '\n':
			yl, fl = yl+1, fl+1
		case fm[i] == '\r' && (i+1 == len(fm) || fm[i+1] != '\n'):
			yl++
		}
	}
	return fl
}

// yamlError turns a YAML error into a line within the front matter and a message.
func yamlError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	msg = strings.TrimSpace(strings.SplitN(msg, "\n", 2)[0])
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, "invalid YAML: " + m[2]
	}
	return 1, "invalid YAML: " + msg
}

func depth(n *yaml.Node, d int) int {
	max := d
	for _, c := range n.Content {
		if cd := depth(c, d+1); cd > max {
			max = cd
		}
	}
	return max
}

var (
	keyLineRE = regexp.MustCompile(`^(\s*)(?:- )?([^\s#:][^:]*):(?:\s|$)`)
	aliasRE   = regexp.MustCompile(`(^|[:\-\[,{]\s*)[&*][A-Za-z0-9_]`)
)

// suspicious is a quick look at front matter for what needs yaml.v3's
// exact check: a key repeated in the same block, an anchor or alias, or
// deep nesting. It may say yes wrongly (the exact check then finds
// nothing), never no wrongly for well-formed YAML.
func suspicious(fm []byte) bool {
	type block struct {
		indent int
		keys   map[string]bool
	}
	stack := []block{{indent: 0, keys: map[string]bool{}}}
	if bytes.IndexByte(fm, '&') >= 0 { // every alias needs an anchor
		return true
	}
	for _, line := range strings.Split(string(fm), "\n") {
		if strings.Count(line, "[")+strings.Count(line, "{") > 2 || aliasRE.MatchString(line) || strings.Contains(line, "<<:") {
			return true
		}
		m := keyLineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		indent := len(m[1])
		if strings.HasPrefix(strings.TrimLeft(line, " "), "- ") {
			indent += 2 // a list item's first key opens a new mapping
			for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, block{indent: indent, keys: map[string]bool{}})
		}
		for len(stack) > 1 && stack[len(stack)-1].indent > indent {
			stack = stack[:len(stack)-1]
		}
		top := &stack[len(stack)-1]
		if top.indent < indent {
			stack = append(stack, block{indent: indent, keys: map[string]bool{}})
			top = &stack[len(stack)-1]
		}
		if len(stack) > MaxDepth || top.keys[m[2]] {
			return true
		}
		top.keys[m[2]] = true
	}
	return false
}

// loadPositions parses the front matter with yaml.v3 for the line and
// column of every key and value; it is done only when a message needs one.
func (p *Page) loadPositions() {
	p.pos, p.keys = map[string]Pos{}, map[string]Pos{}
	var doc yaml.Node
	if yaml.Unmarshal(p.fm, &doc) == nil && len(doc.Content) == 1 {
		positions(doc.Content[0], "", p.pos, p.keys)
	}
}

// alias returns the first anchor or alias node.
func alias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if a := alias(c); a != nil {
			return a
		}
	}
	return nil
}

// duplicateKey returns the second of two equal keys in any mapping, and the first.
func duplicateKey(n *yaml.Node) (dup, first *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if f, ok := seen[k.Value]; ok {
				return k, f
			}
			seen[k.Value] = k
		}
	}
	for _, c := range n.Content {
		if d, f := duplicateKey(c); d != nil {
			return d, f
		}
	}
	return nil, nil
}

// positions records where every value stands, and every key. A value
// that spans lines (a list or mapping) is placed at its key. Lines are
// file lines: the front matter starts on line 2.
func positions(n *yaml.Node, ptr string, vals, keys map[string]Pos) {
	vals[ptr] = Pos{n.Line + 1, n.Column}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			child := ptr + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(k.Value)
			positions(v, child, vals, keys)
			keys[child] = Pos{k.Line + 1, k.Column}
			if v.Kind != yaml.ScalarNode || v.Line != k.Line {
				vals[child] = keys[child]
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			positions(c, ptr+"/"+strconv.Itoa(i), vals, keys)
		}
	}
}

// jsonValue converts YAML values into JSON ones (string keys, float64 or
// int64 numbers, RFC 3339 dates as strings).
func jsonValue(v any, d int) (any, error) {
	if d > MaxDepth+2 {
		return nil, errors.New("front matter nests too deeply")
	}
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			c, err := jsonValue(e, d+1)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	case map[any]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			c, err := jsonValue(e, d+1)
			if err != nil {
				return nil, err
			}
			out[fmt.Sprint(k)] = c
		}
		return out, nil
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			c, err := jsonValue(e, d+1)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case int:
		return float64(t), nil
	case int64:
		return float64(t), nil
	case uint64:
		return float64(t), nil
	case float32:
		return float64(t), nil
	case time.Time:
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return t.Format("2006-01-02"), nil
		}
		return t.Format(time.RFC3339), nil
	}
	return v, nil
}
