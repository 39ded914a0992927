package search

import (
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"
)

// encode writes the index as encoding/json's Marshal does, byte for byte
// (HTML-safe escapes, the forms' keys sorted), without its reflection: the
// index is some hundred thousand numbers and strings, and serve writes it
// again on every edit.
func (idx *Index) encode() []byte {
	b := make([]byte, 0, 64<<10)
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, int64(idx.Version), 10)
	b = append(b, `,"lang":`...)
	b = appendString(b, idx.Lang)
	b = append(b, `,"groups":`...)
	b = appendList(b, idx.Groups, appendString)
	b = append(b, `,"stop":`...)
	b = appendString(b, idx.Stop)
	b = append(b, `,"docs":`...)
	b = appendList(b, idx.Docs, func(b []byte, doc []any) []byte { return appendList(b, doc, appendAny) })
	b = append(b, `,"words":`...)
	b = appendList(b, idx.Words, appendString)
	b = append(b, `,"posts":`...)
	b = appendList(b, idx.Posts, func(b []byte, ps []int) []byte { return appendList(b, ps, appendInt) })
	b = append(b, `,"forms":`...)
	if idx.Forms == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		for i, k := range slices.Sorted(maps.Keys(idx.Forms)) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(idx.Forms[k]), 10)
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

// appendList appends a slice as a JSON array, or null when it is nil.
func appendList[T any](b []byte, list []T, each func([]byte, T) []byte) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, v := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = each(b, v)
	}
	return append(b, ']')
}

func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// appendAny appends a document's cell: a string or a number (a group).
func appendAny(b []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		return appendString(b, v)
	case int:
		return appendInt(b, v)
	}
	panic("search: the index holds a value of another type")
}

// appendString appends s as a JSON string the way encoding/json writes it:
// <, > and & escaped for HTML, U+2028 and U+2029 escaped, and each byte
// that is not UTF-8 written as U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
