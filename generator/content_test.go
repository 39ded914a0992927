package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/product-roles/handbook/generator/internal/content"
	"github.com/product-roles/handbook/generator/internal/testkit"
)

// The handbook's own content, English and German, agrees with the primary
// sources on the points a reader who knows Scrum checks first:
// the words of the 2020 Scrum Guide, who holds the Sprint Goal, the sprint's
// scope and the "how", that the primary sources are cited, that every source
// says where to find it, and that the ownership matrix does not contradict
// itself or the Scrum Guide.

// claim is one thing a sentence may not say.
type claim struct {
	name string
	re   *regexp.Regexp
}

// Words that may stand between the Product Owner and the verb without
// making someone else the subject ("the PO alone sets ...").
const gap = `((?:\s+[^\s.;:!?]+){0,3}?)\s+`

var (
	poEN = `(?:(?i:product\s+owners?)|\bPOs?)\b`
	poDE = `(?:(?i:product\s+owner(?::innen|:in|innen|in|s)?)|\bPOs?)\b`

	goalEN  = `(?i:sprint[\s-]?goals?|goals?\s+(?:for|of)\s+(?:each|every|the|a)\s+sprint)`
	aSprint = `(?:the|a|each|every)(?:\s+next|\s+current|\s+coming)?\s+sprint`
	scopeEN = `(?i:what\s+(?:goes|comes|gets|fits|is\s+taken)\s+into\s+` + aSprint + `|which\s+(?:items|stories|work)\s+(?:go|come|get|fit|are\s+taken)\s+into\s+` + aSprint + `|sprint(?:'s)?\s+scope|(?:the\s+)?scope\s+of\s+` + aSprint + `|what\s+the\s+team\s+(?:works\s+on|takes\s+on|commits\s+to|builds|will\s+build|delivers)\s+in\s+` + aSprint + `|(?:items|stories)\s+(?:for|in)\s+` + aSprint + `)`
	howEN   = `(?i:(?:the\s+)?what\s+and\s+(?:the\s+)?how|the\s+how\b|how\s+(?:the\s+team|the\s+developers|developers|it|items?|stories|the\s+work|features?)\s+(?:is\s+|are\s+|gets?\s+|will\s+be\s+|should\s+be\s+)?(?:built|implemented|developed|builds?|implements?|develops?))`
	goalDE  = `(?i:sprint[\s-]?ziel\w*|sprint\s+goals?|ziel\w*\s+(?:für|des|eines)\s+(?:jeden|den|einen|jedes|des)?\s*sprints?)`
	scopeDE = `(?i:was\s+in\s+den\s+sprint|was\s+das\s+team\s+im\s+(?:nächsten|kommenden)\s+sprint\s+baut|welche\s+(?:einträge|items|stories|arbeit\w*)\s+in\s+den\s+sprint|(?:den\s+)?sprint-?umfang|(?:den\s+)?(?:umfang|inhalt)\s+(?:des|eines|jedes)\s+(?:nächsten\s+|kommenden\s+)?sprints)`
	howDE   = `(?i:(?:das\s+)?was\s+und\s+(?:das\s+)?wie|das\s+wie\b|wie\s+das\s+team\s+(?:\S+\s+){0,3}?(?:baut|umsetzt|entwickelt))`

	ownsEN = `(?i:owns?|decides?\s+on|is\s+(?:responsible|accountable)\s+for)`
	// Turning the strategy "into sprint goals" makes the goals the PO's work.
	makeEN = `(?i:translates?|turns?)`
	makeDE = `(?i:übersetzt|überführt|macht)`
	// "Makes scope and priority decisions during the sprint".
	scopeDecisionEN = `(?i:makes?|takes?)\b(` + near + `)(?i:scope(?:\s+and\s+\w+)?\s+decisions)`
	scopeDecisionDE = `(?i:trifft)\b(` + near + `)(?i:entscheidungen\s+(?:zu|über)\s+(?:den\s+)?(?:scope|umfang))`
	decideEN        = `(?i:sets?|decides?|defines?|determines?|chooses?|picks?|selects?|writes?|dictates?|controls?|answers?|specifies|has\s+the\s+(?:final\s+)?say\s+(?:on|over|about))`
	decideDE        = `(?i:legt|bestimmt|entscheidet(?:\s+über)?|verantwortet|setzt|wählt|definiert|formuliert|beantwortet|besitzt|gibt|ist\s+(?:verantwortlich|zuständig)\s+für)`

	// Between the verb and what it governs: no end of a clause, and for
	// "owns" (which lists what is owned) commas are allowed.
	near     = `[^.;:!?,]{0,40}?`
	nearList = `[^.;:!?]{0,120}?`
	// German sets a comma before the clause a verb governs ("bestimmt, was").
	nearDE = `(?:\s*,)?` + near
)

// claimRE matches the Product Owner, a verb and its object. Its groups are
// the words before the verb and those between the verb and the object.
func claimRE(po, verb, span, object string) *regexp.Regexp {
	return regexp.MustCompile(po + gap + `(?:` + verb + `)\b(` + span + `)` + object)
}

var claims = []claim{
	{"gives the Product Owner the Sprint Goal", claimRE(poEN, ownsEN, nearList, goalEN)},
	{"gives the Product Owner the Sprint Goal", claimRE(poEN, decideEN, near, goalEN)},
	{"gives the Product Owner the choice of sprint scope", claimRE(poEN, ownsEN, nearList, scopeEN)},
	{"gives the Product Owner the choice of sprint scope", claimRE(poEN, decideEN, near, scopeEN)},
	{`gives the Product Owner the "how"`, claimRE(poEN, ownsEN+`|`+decideEN, near, howEN)},
	{"gives the Product Owner the Sprint Goal", claimRE(poEN, makeEN, nearList, `into\s+(?:the\s+|a\s+)?`+goalEN)},
	{"gives the Product Owner the choice of sprint scope", regexp.MustCompile(poEN + gap + scopeDecisionEN)},
	{"gives the Product Owner the Sprint Goal", claimRE(poDE, decideDE, nearDE, goalDE)},
	{"gives the Product Owner the Sprint Goal", claimRE(poDE, makeDE, nearDE, `in\s+(?:die\s+|das\s+)?`+goalDE)},
	{"gives the Product Owner the choice of sprint scope", regexp.MustCompile(poDE + gap + scopeDecisionDE)},
	{"gives the Product Owner the choice of sprint scope", claimRE(poDE, decideDE, nearDE, scopeDE)},
	{`gives the Product Owner the "how"`, claimRE(poDE, decideDE, nearDE, howDE)},
}

// A subject joined to the Product Owner's makes the claim a shared one, and
// another subject after the verb ("decides the order, and the team what
// goes into the sprint") makes it someone else's.
var (
	joined  = regexp.MustCompile(`(?i)\b(?:and|or|with|together|und|oder|mit|gemeinsam|sowie)\b`)
	another = regexp.MustCompile(`(?i)\b(?:the\s+team|developers?|scrum\s+team|das\s+team|dem\s+team|developer\w*|entwickler\w*|propos\w*|vorschl\w*|vorschlag\w*)\b`)
)

// poClaim returns what a sentence wrongly claims for the Product Owner, if anything.
func poClaim(sentence string) (string, bool) {
	for _, c := range claims {
		for _, m := range c.re.FindAllStringSubmatch(sentence, -1) {
			if !joined.MatchString(m[1]) && !another.MatchString(m[2]) {
				return c.name, true
			}
		}
	}
	return "", false
}

// levelClaim checks a sentence of a Product Owner level, whose subject is
// left out ("Makes scope decisions ..."): it is read with the PO as subject.
func levelClaim(lang, s string) (string, bool) {
	subject := "The PO "
	if lang == "de" {
		subject = "Der PO "
	}
	return poClaim(subject + strings.TrimSpace(s))
}

// The seed articles' claims that were carried over as fact. A sentence that names whose
// view it is, or denies the claim, passes.
var seedClaims = []claim{
	// The Bluebird article's delivery risks: in Scrum, how the work is done
	// is the Developers' and impediments are the Scrum Master's.
	{"gives the Product Owner the delivery and technical risks", regexp.MustCompile(poEN + `[^.;:!?]{0,60}?(?i:manages?|owns?|carries|handles?|is\s+(?:responsible|accountable)\s+for)\b[^.;:!?,]{0,60}?(?i:delivery\s+risks?|slipping\s+timelines?|technical\s+(?:issues|problems|risks?))`)},
	{"gives the Product Owner the delivery and technical risks", regexp.MustCompile(poDE + `[^.;:!?]{0,60}?(?i:managt|trägt|verantwortet|kümmert\s+sich\s+um)\b[^.;:!?,]{0,60}?(?i:umsetzungsrisiken|rutschende\s+zeitpläne|technische\s+probleme)`)},
	// The Sprint Goal is the Developers' commitment, not a measure of the PO.
	{"measures the Product Owner on Sprint Goals met", regexp.MustCompile(`(?i:` + poEN + `[^.;:!?]{0,80}?(?:measured|judged|success|metrics?|signals?)[^.;:!?]{0,80}?(?:sprint[\s-]goals?\s+(?:are\s+)?(?:met|achieved|reached|hit)|(?:met|achieved|reached)\s+sprint[\s-]goals?))|(?i:delivery\s+outcomes,?\s+such\s+as\s+sprint\s+goals\s+met)`)},
	{"measures the Product Owner on Sprint Goals met", regexp.MustCompile(`(?i:erreichte\s+sprint-ziele)`)},
	// EBM's key value areas describe one product's value, not a PM's half and a PO's half.
	{"splits EBM's key value areas between PM and PO", regexp.MustCompile(`(?i:(?:\bPM|product\s+manager)[^.;!?]{0,80}?(?:current|unrealized)\s+value[^.;!?]{0,120}?(?:\bPO|product\s+owner)[^.;!?]{0,80}?(?:time-to-market|ability\s+to\s+innovate))`)},
	// One article's pay claim is not a general pattern.
	{"presents one article's pay claim as a general pattern", regexp.MustCompile(`(?i:(?:product\s+managers|\bPMs)\s+(?:tend\s+to\s+|usually\s+|generally\s+|often\s+|may\s+)?(?:earn|are\s+paid|make)\s+(?:somewhat\s+|slightly\s+|a\s+little\s+)?more)`)},
	{"presents one article's pay claim as a general pattern", regexp.MustCompile(`(?i:product\s+manager\s+verdienen\s+(?:oft\s+|meist\s+|in\s+der\s+regel\s+)?(?:etwas\s+)?mehr)`)},
}

var (
	// A sentence that says whose view it is.
	attributed = regexp.MustCompile(`(?i)\b(?:article|articles|seed|bluebird|rathke|proxify|blog|post|view|holds|artikel|ausgangsartikel|sicht|meint)\b`)
	// A sentence that denies the claim.
	denied = regexp.MustCompile(`(?i)\b(?:not|no|never|nicht|kein\w*)\b`)
	// "The articles disagree" must say who holds which view: at least two
	// named sources (seed articles, or a primary source set against one).
	disagree  = regexp.MustCompile(`(?i)\b(?:articles|sources|authors|artikel|quellen)\s+(?:disagree|differ|sind\s+uneins|widersprechen)`)
	seedNames = regexp.MustCompile(`(?i)\b(?:bluebird|rathke|proxify|company\s+blog|short\s+post|kurze\s+beitrag|firmenblog|safe|scrum\s+guide|nexus|(?-i:LeSS)|cagan)\b`)
)

// seedClaim returns what a sentence carries over from a seed article as
// fact, if anything.
func seedClaim(s string) (string, bool) {
	if attributed.MatchString(s) || denied.MatchString(s) {
		return "", false
	}
	for _, c := range seedClaims {
		if c.re.MatchString(s) {
			return c.name, true
		}
	}
	return "", false
}

// unnamedDisagreement reports whether a text says the articles disagree
// without naming at least two sources.
func unnamedDisagreement(text string) bool {
	if !disagree.MatchString(text) {
		return false
	}
	names := map[string]bool{}
	for _, n := range seedNames.FindAllString(text, -1) {
		names[strings.ToLower(n)] = true
	}
	return len(names) < 2
}

// The 2020 Scrum Guide's word is "Developers" (in German "Developer").
var (
	oldTerm  = regexp.MustCompile(`(?i)\bdevelopment\s+teams?\b|\bdev\s+teams?\b|entwicklungsteam`)
	oldNote  = regexp.MustCompile(`(?i)\b(?:earlier|older|previous|former|until\s+2020|before\s+2020|früher\w*|älter\w*|bis\s+2020|vor\s+2020)\b`)
	quoted   = regexp.MustCompile(`"[^"\n]*"|“[^”\n]*”|„[^“”\n]*[“”]|‚[^‘\n]*‘|«[^»\n]*»|‘[^’\n]*’`)
	sentence = regexp.MustCompile(`[^.!?\n]+[.!?]*`)
)

// oldTermUsed reports whether a sentence uses the pre-2020 term, outside a
// quotation; in the glossary, a note on the old term may name it.
func oldTermUsed(s string, glossary bool) bool {
	s = quoted.ReplaceAllString(s, "")
	return oldTerm.MatchString(s) && !(glossary && oldNote.MatchString(s))
}

func TestPOClaimPatterns(t *testing.T) {
	for _, c := range []struct {
		sentence string
		bad      bool
	}{
		// The Sprint Goal.
		{"The PO owns the sprint goal.", true},
		{"The Product Owner sets the Sprint Goal for the team.", true},
		{"The PO alone decides the sprint goal.", true},
		{"The PO owns the product backlog and its order, the user stories within it, the goal for each sprint, and more.", true},
		{"The Product Owner is responsible for the Sprint Goal.", true},
		{"The Product Owner proposes how the product could increase its value, and the whole Scrum Team defines the Sprint Goal.", false},
		{"The PO and the Developers define the Sprint Goal together.", false},
		{"The PO decides the order of the backlog, which shapes the sprint goal.", false},
		{"Sprint goals make sense to people outside the team.", false},
		// Sprint scope.
		{"The PO decides what goes into the sprint.", true},
		{"The Product Owner chooses which items go into the sprint.", true},
		{"The PO determines the sprint scope.", true},
		{"The Developers select the items for the sprint in discussion with the Product Owner.", false},
		{"If scope needs to change, the Developers renegotiate it with the Product Owner.", false},
		{"The PO decides the order of the Product Backlog.", false},
		{"POs decide on backlog order, story detail and what goes into the next sprint.", true},
		{"The PO decides on the order, and the Developers on what goes into the sprint.", false},
		// How.
		{"The PO answers what and how.", true},
		{"The Product Owner decides how the team builds it.", true},
		{"The PO defines how features are implemented.", true},
		{"The PO answers what the team should work on next and in which order.", false},
		{"The Developers decide how to turn items into an Increment.", false},
		{"The PO explains how a finished item should behave.", false},
		// German.
		{"Der PO legt das Sprint-Ziel fest.", true},
		{"Die Product Ownerin bestimmt, was in den Sprint kommt.", true},
		{"Der PO bestimmt die Reihenfolge, die den Sprint prägt.", false},
		{"Der PO entscheidet über den Sprint-Umfang.", true},
		{"Der PO bestimmt den Inhalt des nächsten Sprints.", true},
		{"Der PO beantwortet das Was und das Wie.", true},
		{"Der Product Owner verantwortet das Ziel für jeden Sprint.", true},
		{"Der PO schlägt vor, wie das Produkt an Wert gewinnen kann, und das ganze Scrum Team legt das Sprint-Ziel fest.", false},
		{"Die Developer wählen die Einträge für den Sprint im Gespräch mit dem PO aus.", false},
		{"Der PO und das Team legen das Sprint-Ziel gemeinsam fest.", false},
		{"The PO translates the roadmap into sprint goals and an ordered backlog.", true},
		{"The PO turns the roadmap into an ordered backlog and proposals for the sprint goals.", false},
		{"The PO turns down requests that do not fit the sprint goal.", false},
		{"Der PO übersetzt Vision und Roadmap in Sprint-Ziele.", true},
		{"Der PO übersetzt die Roadmap in ein geordnetes Backlog und Vorschläge für die Sprint-Ziele.", false},
	} {
		name, bad := poClaim(c.sentence)
		if bad != c.bad {
			t.Errorf("%q: claim %v (%s), want %v", c.sentence, bad, name, c.bad)
		}
	}
	// A level's expectations leave the subject out.
	for _, c := range []struct {
		lang, sentence string
		bad            bool
	}{
		{"en", "Makes scope and priority decisions during the sprint without delay.", true},
		{"en", "Translates the product vision and roadmap into sprint goals and an ordered backlog.", true},
		{"en", "Decides what goes into the next sprint.", true},
		{"en", "Makes priority decisions without delay and renegotiates the sprint's scope with the Developers.", false},
		{"en", "Proposes how each sprint could add value, and helps the Scrum Team define the Sprint Goal.", false},
		{"de", "Trifft Entscheidungen zu Scope und Priorität während des Sprints ohne Verzögerung.", true},
		{"de", "Übersetzt Produktvision und Roadmap in Sprint-Ziele und ein geordnetes Backlog.", true},
		{"de", "Trifft Prioritätsentscheidungen ohne Verzögerung und verhandelt den Umfang mit den Developern neu.", false},
	} {
		name, bad := levelClaim(c.lang, c.sentence)
		if bad != c.bad {
			t.Errorf("%s %q: claim %v (%s), want %v", c.lang, c.sentence, bad, name, c.bad)
		}
	}
}

// The seed articles' claims carried over as fact: each pattern matches its
// claim and passes a sentence that names whose view it is or denies it.
func TestSeedClaimPatterns(t *testing.T) {
	for _, c := range []struct {
		sentence string
		bad      bool
	}{
		// Deciding the next Sprint's work.
		{"The Product Owner decides on priorities within the backlog and on what the team builds in the next sprint.", true},
		{"The PO decides the order of the Product Backlog; the Developers select what the team builds in the next sprint.", false},
		{"Der PO entscheidet, was das Team im nächsten Sprint baut.", true},
		// Delivery and technical risk.
		{"The Product Owner manages near-term delivery risks, such as slipping timelines and technical issues.", true},
		{"The PO handles technical problems that eat up the sprint.", true},
		{"The Bluebird article gives the PO the delivery risks as well, such as slipping timelines and technical problems.", false},
		{"The PO hears about technical risk but does not hold it.", false},
		{"The Product Owner carries the risk that the work does not create value.", false},
		{"Der PO managt Umsetzungsrisiken wie rutschende Zeitpläne.", true},
		// Sprint Goals met.
		{"A Product Owner is judged on how often sprint goals are met.", true},
		{"Delivery outcomes, such as sprint goals met, valuable increments shipped and a ready backlog.", true},
		{"Sprint Goals met are not a PO measure: the Sprint Goal is the Developers' commitment.", false},
		{"The PO's signals are whether released work gets used and whether the product moves toward its Product Goal.", false},
		{"Umsetzungsergebnisse wie erreichte Sprint-Ziele und ein umsetzungsbereites Backlog.", true},
		// EBM's key value areas.
		{"A PM's adoption and revenue figures fall mostly under current and unrealized value, a PO's delivery signals mostly under time-to-market and the ability to innovate.", true},
		{"The guide does not split the areas between roles: together they describe the value of one product.", false},
		// Pay.
		{"Product Managers tend to earn somewhat more than Product Owners of similar experience.", true},
		{"PMs are paid more because their scope is broader.", true},
		{"The Bluebird article holds that Product Managers may earn slightly more.", false},
		{"Product Manager verdienen oft etwas mehr.", true},
		{"Der Bluebird-Artikel meint, Product Manager verdienten etwas mehr.", false},
	} {
		name, bad := seedClaim(c.sentence)
		if !bad {
			name, bad = poClaim(c.sentence) // deciding the next Sprint's work is the first round's claim
		}
		if bad != c.bad {
			t.Errorf("%q: seed claim %v (%s), want %v", c.sentence, bad, name, c.bad)
		}
	}
	for _, c := range []struct {
		text string
		bad  bool
	}{
		{"Articles disagree about which role is closer to the customer. Both positions are partly right.", true},
		{"The seed articles disagree about which role is closer to the customer. The Bluebird article holds one view, Jonas Rathke's article the other.", false},
		{"Die Ausgangsartikel sind uneins. Der Bluebird-Artikel meint das eine.", false},
		{"Both roles talk to customers for different reasons.", false},
		{"The seed articles differ on how close the PO gets to customers: Bluebird keeps contact with the PM, while SAFe's Product Owner article has the PO connect with customers.", false},
		{"The seed articles differ on how close the PO gets to customers: Bluebird keeps contact with the PM.", true},
	} {
		if got := unnamedDisagreement(c.text); got != c.bad {
			t.Errorf("%q: unnamed disagreement %v, want %v", c.text, got, c.bad)
		}
	}
}

func TestOldTermPatterns(t *testing.T) {
	for _, c := range []struct {
		sentence string
		glossary bool
		bad      bool
	}{
		{"The PO works with the development team every day.", false, true},
		{"Dev teams pick up the work.", false, true},
		{"Der PO arbeitet täglich mit dem Entwicklungsteam.", false, true},
		{"Die Entwicklungsteams planen selbst.", false, true},
		{"The PO works with the Developers every day.", false, false},
		{`Earlier editions spoke of a "Development Team".`, false, false},
		{"Earlier editions of the Scrum Guide called the Developers the development team.", true, false},
		{"Earlier editions of the Scrum Guide called the Developers the development team.", false, true},
		{"See the FAQ at /faq/development-team/.", false, false},
	} {
		if got := oldTermUsed(c.sentence, c.glossary); got != c.bad {
			t.Errorf("%q (glossary %v): old term %v, want %v", c.sentence, c.glossary, got, c.bad)
		}
	}
}

// prose returns a page's text to check: its body as plain text and every
// string in its front matter.
func prose(p *content.Page) []string {
	return append([]string{p.Text}, front(p)...)
}

// front returns every string in a page's front matter, in key order.
func front(p *content.Page) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(v[k])
			}
		}
	}
	walk(p.Raw)
	return out
}

// lineOf finds the line of a page's source a sentence comes from (the
// first line holding its first few words), or 1.
func lineOf(p *content.Page, s string) int {
	src := strings.ToLower(string(p.Source))
	words := strings.Fields(strings.ToLower(s))
	for n := min(len(words), 4); n > 0; n-- {
		if i := strings.Index(src, strings.Join(words[:n], " ")); i >= 0 {
			return strings.Count(src[:i], "\n") + 1
		}
	}
	return 1
}

// Duties the Scrum Guide gives to someone other than the Product Owner, and who.
var scrumHolders = map[string]string{
	"sprint-goals":       "scrum-team",   // the whole Scrum Team defines the Sprint Goal
	"sprint-planning":    "scrum-team",   // the whole Scrum Team plans; the Developers select the items
	"sprint-review":      "scrum-team",   // the Scrum Team presents the results to stakeholders
	"retrospectives":     "scrum-team",   // the Scrum Team inspects how the Sprint went
	"removing-obstacles": "scrum-master", // the Scrum Master causes impediments to be removed
	"definition-of-done": "developers",   // an item meeting the Definition of Done is part of the Increment
}

func TestContentFollowsThePrimarySources(t *testing.T) {
	loader, err := content.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	m, diags := loader.Load(filepath.Join(testkit.Root(t), "content"), "content")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if len(m.Translations) == 0 {
		t.Fatal("no German pages read")
	}
	var problems []string
	fail := func(p *content.Page, line int, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: %s", p.File, line, fmt.Sprintf(format, args...)))
	}

	// The words and the claims, in every English and German page.
	for _, p := range slices.Concat(m.Pages, m.Translations) {
		glossary := p.Kind == content.KindTerm
		for _, text := range prose(p) {
			for _, s := range sentence.FindAllString(text, -1) {
				if oldTermUsed(s, glossary) {
					fail(p, lineOf(p, s), "%q: the 2020 Scrum Guide says Developers (German: Developer), not development team", strings.TrimSpace(s))
				}
				if name, bad := seedClaim(quoted.ReplaceAllString(s, "")); bad {
					fail(p, lineOf(p, s), "%q %s; name whose view it is (\"the Bluebird article holds ...\") or say what the primary sources say", strings.TrimSpace(s), name)
				}
				if name, bad := poClaim(quoted.ReplaceAllString(s, "")); bad {
					fail(p, lineOf(p, s), "%q %s; in the Scrum Guide the Scrum Team defines the Sprint Goal, the Developers select the items and decide how", strings.TrimSpace(s), name)
				}
			}
		}
		if unnamedDisagreement(p.Text) {
			fail(p, 1, "says the articles disagree without naming at least two of them and their views")
		}
		// A Product Owner level's expectations and signals leave the subject out.
		if track := m.Get(content.KindTrack, p.Track); p.Kind == content.KindLevel && track != nil && track.Front.Role == "product-owner" {
			for _, text := range front(p) {
				for _, s := range sentence.FindAllString(quoted.ReplaceAllString(text, ""), -1) {
					if name, bad := levelClaim(p.Lang, s); bad {
						fail(p, lineOf(p, s), "%q %s (the level's holder is the subject); in the Scrum Guide the Scrum Team defines the Sprint Goal and the Developers select the items", strings.TrimSpace(s), name)
					}
				}
			}
		}
		// What a role owns is a list, not sentences.
		if p.Kind == content.KindRole {
			goal, scope := regexp.MustCompile(goalEN+`|`+goalDE), regexp.MustCompile(scopeEN+`|`+scopeDE)
			if owns, ok := p.Raw["owns"].([]any); ok {
				for _, o := range owns {
					if s, _ := o.(string); goal.MatchString(s) || scope.MatchString(s) {
						fail(p, lineOf(p, s), "owns %q: the whole Scrum Team defines the Sprint Goal and the Developers select the sprint's items", s)
					}
				}
			}
		}
	}

	// The primary sources are cited.
	cited := map[string]bool{}
	for _, p := range m.Pages {
		if p.Kind == content.KindSource {
			continue
		}
		for _, id := range p.Front.Sources {
			cited[id] = true
		}
	}
	for _, want := range [][]string{{"scrum-guide-2020"}, {"safe-product-owner", "safe-product-management"}, {"nexus-guide", "less-framework"}, {"ebm-guide"}} {
		if !slices.ContainsFunc(want, func(id string) bool { return cited[id] }) {
			problems = append(problems, fmt.Sprintf("content: no page cites %s", strings.Join(want, " or ")))
		}
	}

	// Every source says where to find it, or why it cannot.
	for _, s := range m.Of(content.KindSource) {
		f := s.Front
		if f.Link == "" && !f.AddressUnknown && (f.Kind != "book" || f.Publisher == "" || f.Issued == "") {
			fail(s, 1, "no link: give its address, or for a book its publisher and issued year, or set address_unknown: true")
		}
		if f.Link != "" && f.AddressUnknown {
			fail(s, s.At("/address_unknown").Line, "address_unknown with a link")
		}
	}

	// The ownership matrix: no leads beside shares, and no role leads a duty
	// the Scrum Guide gives to someone else.
	for _, d := range m.Of(content.KindDuty) {
		var leads, shares []string
		for role, own := range d.Front.Ownership {
			switch own {
			case "leads":
				leads = append(leads, role)
			case "shares":
				shares = append(shares, role)
			}
		}
		sort.Strings(leads)
		if len(leads) > 0 && len(shares) > 0 {
			fail(d, d.At("/ownership").Line, "%s leads while %s shares: the scale calls that a contradiction", strings.Join(leads, ", "), strings.Join(shares, ", "))
		}
		if d.Front.HeldBy != "" && len(leads) > 0 {
			fail(d, d.At("/ownership").Line, "held by the %s in Scrum, yet %s leads", d.Front.HeldBy, strings.Join(leads, ", "))
		}
	}
	for id, holder := range scrumHolders {
		d := m.Get(content.KindDuty, id)
		switch {
		case d == nil:
			problems = append(problems, fmt.Sprintf("content/duties/%s.md: missing (the test expects it held by the %s)", id, holder))
		case d.Front.HeldBy != holder:
			fail(d, 1, "held_by %q: the Scrum Guide gives it to the %s (held_by: %s)", d.Front.HeldBy, holder, holder)
		}
	}

	// Sprint cancellation, the Product Owner's one unilateral right in the
	// Scrum Guide, is described where the PO's rights are.
	cancel := regexp.MustCompile(`(?i)cancel(?:s|led|ling|ed|ing)?\s+the\s+sprint|den\s+sprint\s+abbr(?:echen|icht)`)
	seen := 0
	for _, p := range slices.Concat(m.Pages, m.Translations) {
		if p.Rel != "roles/product-owner.md" && p.Rel != "roles/product-owner.de.md" && p.Rel != "compare/decision-rights.md" && p.Rel != "compare/decision-rights.de.md" {
			continue
		}
		seen++
		if !cancel.MatchString(p.Text) {
			fail(p, 1, "does not say that only the Product Owner may cancel the Sprint (Scrum Guide 2020, Sprint)")
		}
	}
	if seen != 4 {
		problems = append(problems, fmt.Sprintf("content: %d of the 4 pages that must describe sprint cancellation were read", seen))
	}

	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
}
