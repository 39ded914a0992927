package links

import "testing"

func TestRewrite(t *testing.T) {
	hidden := map[string]bool{"/duties/pricing/": true, "/glossary/#mvp": true}
	for _, tc := range []struct{ name, in, base, want string }{
		{"nothing to do", "See [pricing](/duties/pricing/).\n", "/", "See [pricing](/duties/pricing/).\n"},
		{"hidden link becomes text", "See [pricing](/duties/pricing/) and [x](/duties/x/).\n", "/hidden", "See pricing and [x](/hidden/duties/x/).\n"},
		{"anchor on a hidden page", "See [it](/duties/pricing/#why).\n", "/", "See it.\n"},
		{"base path, title kept", "A [b](/roles/x/ \"Role\") c ![img](/logo.svg)\n", "/hb/", "A [b](/hb/roles/x/ \"Role\") c ![img](/hb/logo.svg)\n"},
		{"external links untouched", "[a](https://example.com/x) [b](#top)\n", "/hb/", "[a](https://example.com/x) [b](#top)\n"},
		{"code span untouched", "Write `[a](/duties/pricing/)` like [b](/duties/pricing/)\n", "/", "Write `[a](/duties/pricing/)` like b\n"},
		{"fenced code untouched", "```\n[a](/duties/pricing/)\n```\n[a](/duties/pricing/)\n", "/", "```\n[a](/duties/pricing/)\n```\na\n"},
		{"hidden anchor on a list page", "See [MVP](/glossary/#mvp) and [DoD](/glossary/#dod).\n", "/", "See MVP and [DoD](/glossary/#dod).\n"},
		{"brackets in text", "[a [b] c](/x/)\n", "/p", "[a [b] c](/p/x/)\n"},
	} {
		h := hidden
		if tc.name == "nothing to do" {
			h = nil
		}
		if got := Rewrite(tc.in, h, tc.base); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}
