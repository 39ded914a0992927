package scaffold

import "testing"

func TestTitle(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"vp-of-product-ownership", "VP of Product Ownership"},
		{"business-analyst", "Business Analyst"},
		{"qa-lead", "QA Lead"},
		{"head-of-pm-and-po", "Head of PM and PO"},
		{"the-role-of-okrs", "The Role of OKRs"},
		{"product-manager-vs-product-owner", "Product Manager vs Product Owner"},
		{"ladder-2", "Ladder 2"},
		{"of", "Of"},
	} {
		if got := Title(tc.id); got != tc.want {
			t.Errorf("Title(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}
