package validate

import (
	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/schema"
)

// Schemas checks the front matter of every file as read against its
// kind's schema: the pages, those a company hid, and the upstream files an
// overlay's files replace. A model without compiled schemas (one not made
// by a Loader) is checked against the built-in ones.
func Schemas(m *content.Model) diag.List { return schemasMemo(m, nil) }

// schemasMemo is Schemas with each file's problems remembered in memo.
func schemasMemo(m *content.Model, memo *Memo) diag.List {
	v := m.Schemas
	if v == nil {
		var err error
		if v, err = schema.New(nil); err != nil {
			var diags diag.List
			diags.Add(m.Root, 1, 1, "schema", err.Error(), "")
			return diags
		}
	}
	var diags diag.List
	for _, pages := range [][]*content.Page{m.Pages, m.Removed} {
		for _, p := range pages {
			for ; p != nil; p = p.Replaces {
				diags = append(diags, memo.schema(v, m.Registry(), p, Schema)...)
			}
		}
	}
	memo.schemasDone()
	return diags
}

// Schema checks one file's front matter against its kind's schema.
func Schema(v *schema.Validator, kinds *content.Registry, p *content.Page) diag.List {
	var diags diag.List
	if p.Lang != "" {
		return nil // a translation holds only text fields (the loader checks them)
	}
	for _, pr := range v.Validate(kinds.SchemaOf(p.Kind), p.Raw) {
		pos := p.At(pr.Pointer)
		if pr.Key {
			pos = p.KeyAt(pr.Pointer)
		}
		diags.Add(p.File, pos.Line, pos.Col, "schema", pr.Message, pr.Hint)
	}
	return diags
}
