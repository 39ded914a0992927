package scaffold

import "strings"

// acronyms are written in capitals in a title made from an id.
var acronyms = map[string]string{
	"vp": "VP", "pm": "PM", "po": "PO", "qa": "QA", "ux": "UX", "ui": "UI", "cpo": "CPO", "cto": "CTO",
	"ceo": "CEO", "okr": "OKR", "okrs": "OKRs", "kpi": "KPI", "kpis": "KPIs", "ai": "AI", "api": "API", "b2b": "B2B",
}

// minor words stay lower case inside a title.
var minor = map[string]bool{"a": true, "an": true, "and": true, "as": true, "at": true, "by": true, "for": true,
	"from": true, "in": true, "of": true, "on": true, "or": true, "the": true, "to": true, "vs": true, "with": true}

// Title makes a title from an id, in title case with known acronyms:
// "vp-of-product-ownership" is "VP of Product Ownership".
func Title(id string) string {
	words := strings.Split(id, "-")
	for i, w := range words {
		switch {
		case w == "":
		case acronyms[w] != "":
			words[i] = acronyms[w]
		case minor[w] && i > 0 && i < len(words)-1:
		default:
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
