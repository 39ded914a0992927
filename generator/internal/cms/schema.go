package cms

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
)

// node is the part of a JSON Schema the editor's forms are made from.
type node struct {
	Ref         string           `json:"$ref"`
	Type        string           `json:"type"`
	Description string           `json:"description"`
	Pattern     string           `json:"pattern"`
	MinLength   *int             `json:"minLength"`
	MaxLength   *int             `json:"maxLength"`
	Minimum     *int             `json:"minimum"`
	MinItems    *int             `json:"minItems"`
	Enum        []string         `json:"enum"`
	Items       *node            `json:"items"`
	Required    []string         `json:"required"`
	RawProps    json.RawMessage  `json:"properties"`
	RawAdd      json.RawMessage  `json:"additionalProperties"`
	Defs        map[string]*node `json:"$defs"`

	def   string // the shared definition this node came from ("slug", "text", ...)
	props []prop // Properties in the order the schema lists them
	add   *node  // additionalProperties when it is a schema (a map keyed by ids)
}

type prop struct {
	name string
	node *node
}

// schemas holds every kind's schema, its references resolved.
type schemas map[string]*node

// readSchemas reads <kind>.schema.json files; defs.schema.json holds the
// shared definitions that the others refer to.
func readSchemas(fsys fs.FS) (schemas, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	raw := map[string]*node{}
	for _, e := range entries {
		kind, ok := strings.CutSuffix(e.Name(), ".schema.json")
		if !ok {
			continue
		}
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, err
		}
		n, err := parseNode(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		raw[kind] = n
	}
	defs := map[string]*node{}
	if d := raw["defs"]; d != nil {
		defs = d.Defs
		delete(raw, "defs")
	}
	for kind, n := range raw {
		if err := resolve(n, defs, 0); err != nil {
			return nil, fmt.Errorf("%s.schema.json: %w", kind, err)
		}
	}
	return raw, nil
}

func parseNode(data []byte) (*node, error) {
	var n node
	if err := json.Unmarshal(data, &n); err != nil {
		return nil, err
	}
	if err := n.unpack(); err != nil {
		return nil, err
	}
	return &n, nil
}

// unpack reads the properties in their order and additionalProperties when
// it is a schema, below this node too.
func (n *node) unpack() error {
	if len(n.RawProps) > 0 {
		names, err := keysInOrder(n.RawProps)
		if err != nil {
			return err
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(n.RawProps, &m); err != nil {
			return err
		}
		for _, name := range names {
			c, err := parseNode(m[name])
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			n.props = append(n.props, prop{name, c})
		}
	}
	if t := bytes.TrimSpace(n.RawAdd); len(t) > 0 && t[0] == '{' {
		c, err := parseNode(t)
		if err != nil {
			return err
		}
		n.add = c
	}
	if n.Items != nil {
		if err := n.Items.unpack(); err != nil {
			return err
		}
	}
	for _, d := range n.Defs {
		if err := d.unpack(); err != nil {
			return err
		}
	}
	return nil
}

// keysInOrder lists the keys of a JSON object as written.
func keysInOrder(obj json.RawMessage) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, t.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// resolve replaces every $ref to defs.schema.json#/$defs/NAME by the
// definition, keeping the referring node's own description. The name of the
// definition is kept in def: it tells an id (slug) from text.
func resolve(n *node, defs map[string]*node, depth int) error {
	if depth > 20 {
		return fmt.Errorf("references nest too deep")
	}
	if n.Ref != "" {
		_, name, ok := strings.Cut(n.Ref, "#/$defs/")
		d := defs[name]
		if !ok || d == nil {
			return fmt.Errorf("unknown reference %q", n.Ref)
		}
		desc := n.Description
		*n = *d
		n.Ref, n.def = "", name
		if desc != "" {
			n.Description = desc
		}
	}
	for _, p := range n.props {
		if err := resolve(p.node, defs, depth+1); err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
	}
	for _, c := range []*node{n.Items, n.add} {
		if c != nil {
			if err := resolve(c, defs, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}
