package export

import _ "embed"

// schemaJSON is the API's JSON Schema, published as /api/v1/schema.json.
//
//go:embed schema.json
var schemaJSON string
