package export

import (
	"fmt"
	"strings"

	"github.com/product-roles/handbook/generator/internal/mdtext"
	"github.com/product-roles/handbook/generator/internal/views"
)

// Job is /api/v1/jobs/<track>/<level>.json (and, for one person in two
// roles, /api/v1/jobs/<role>-and-<role>/rank-<n>.json): a job description.
type Job struct {
	ID               string              `json:"id"`
	Title            string              `json:"title"`
	Summary          string              `json:"summary"`
	Rank             int                 `json:"rank"`
	Roles            []string            `json:"roles"`
	Levels           []string            `json:"levels"` // "<track>/<level>", one per role
	AlsoKnownAs      []string            `json:"also_known_as"`
	Scope            []string            `json:"scope"`      // one per level
	Experience       []string            `json:"experience"` // one per level
	Responsibilities []JobDuty           `json:"responsibilities"`
	Expectations     []JobExpectation    `json:"expectations"`
	Skills           map[string][]string `json:"skills"` // importance -> skill ids
	Below            *JobBelow           `json:"below"`
	Warning          string              `json:"warning,omitempty"`
	URL              string              `json:"url"`
	Interview        string              `json:"interview"`
}

// JobDuty is a duty of a job description, with each role's ownership.
type JobDuty struct {
	ID        string            `json:"id"`
	Title     string            `json:"title"`
	Summary   string            `json:"summary"`
	Area      string            `json:"area"`
	Ownership map[string]string `json:"ownership"`
}

// JobExpectation is a competency's expectation, one text per level.
type JobExpectation struct {
	Competency string   `json:"competency"`
	Title      string   `json:"title"`
	Text       []string `json:"text"`
}

// JobBelow is what distinguishes the job's level from the level below.
type JobBelow struct {
	Levels  []string `json:"levels"`
	Scope   []string `json:"scope"`
	Changed []string `json:"changed"` // competency ids
	Ready   []string `json:"ready"`
}

// jobRecord turns a derived job description into its API record.
func jobRecord(j views.Job) Job {
	out := Job{ID: j.ID, Title: j.Title, Summary: j.Summary, Rank: j.Rank, AlsoKnownAs: list(j.AlsoKnownAs), Scope: j.Scope,
		Experience: j.Experience, Responsibilities: []JobDuty{}, Expectations: []JobExpectation{}, Skills: map[string][]string{},
		Warning: j.Warning, URL: j.URL, Interview: j.Interview}
	for i, r := range j.Roles {
		out.Roles = append(out.Roles, r.ID)
		out.Levels = append(out.Levels, levelID(j.Levels[i].URL))
	}
	for _, g := range j.Duties {
		for _, r := range g.Rows {
			own := map[string]string{}
			for i, c := range r.Cells {
				own[j.Roles[i].ID] = c.Value
			}
			out.Responsibilities = append(out.Responsibilities, JobDuty{r.ID, r.Title, r.Summary, g.ID, own})
		}
	}
	for _, e := range j.Expectations {
		x := JobExpectation{Competency: e.ID, Title: e.Title}
		for _, c := range e.Cells {
			x.Text = append(x.Text, c.Value)
		}
		out.Expectations = append(out.Expectations, x)
	}
	for _, g := range j.Skills {
		for _, r := range g.Rows {
			out.Skills[g.ID] = append(out.Skills[g.ID], r.ID)
		}
	}
	if b := j.Below; b != nil {
		out.Below = &JobBelow{Scope: b.Scope, Changed: []string{}, Ready: list(b.Ready)}
		for _, l := range b.Levels {
			out.Below.Levels = append(out.Below.Levels, levelID(l.URL))
		}
		for _, c := range b.Changed {
			out.Below.Changed = append(out.Below.Changed, c.ID)
		}
	}
	return out
}

// levelID is "<track>/<level>" from a level's URL /ladders/<track>/<level>/.
func levelID(url string) string {
	return strings.Trim(strings.TrimPrefix(url, "/ladders/"), "/")
}

// plain returns a Printf into b that writes every string argument (text
// from content) as one line of plain Markdown text (see mdtext.Inline).
func plain(b *strings.Builder) func(format string, a ...any) {
	return func(format string, a ...any) {
		for i, v := range a {
			if s, ok := v.(string); ok {
				a[i] = mdtext.Inline(s)
			}
		}
		fmt.Fprintf(b, format, a...)
	}
}

// JobMarkdown is a job description as Markdown, for pasting into an
// applicant tracking system: plain headings and lists, no links.
func JobMarkdown(j views.Job) []byte {
	var b strings.Builder
	w := plain(&b)
	combined := len(j.Roles) > 1
	perRole := func(i int, s string) string {
		if combined {
			return j.Roles[i].Title + ": " + s
		}
		return s
	}
	w("# %s\n\n%s\n\n", j.Title, j.Summary)
	if j.Warning != "" {
		w("> %s\n\n", j.Warning)
	}
	if len(j.AlsoKnownAs) > 0 {
		w("Also called: %s\n\n", strings.Join(j.AlsoKnownAs, ", "))
	}
	w("## Scope\n\n")
	for i, s := range j.Scope {
		w("%s\n\n", perRole(i, s))
	}
	w("## Typical experience\n\n")
	for i, s := range j.Experience {
		w("%s\n\n", perRole(i, s))
	}
	w("## Responsibilities\n")
	for _, g := range j.Duties {
		w("\n### %s\n\n", g.Title)
		for _, r := range g.Rows {
			w("- **%s**: %s\n", r.Title, r.Summary)
		}
	}
	w("\n## What we expect at this level\n\n")
	for _, e := range j.Expectations {
		for i, c := range e.Cells {
			w("- **%s**: %s\n", e.Title, perRole(i, c.Value))
		}
	}
	w("\n## Skills\n\n")
	for _, g := range j.Skills {
		var names []string
		for _, r := range g.Rows {
			names = append(names, r.Title)
		}
		w("- %s: %s\n", g.Title, strings.Join(names, ", "))
	}
	if bl := j.Below; bl != nil {
		var names, changed []string
		for _, l := range bl.Levels {
			names = append(names, l.Title)
		}
		for _, c := range bl.Changed {
			changed = append(changed, c.Title)
		}
		w("\n## Compared with the level below\n\nThe level below is %s.", strings.Join(names, " and "))
		if len(changed) > 0 {
			w(" New or changed at this level: %s.", strings.Join(changed, ", "))
		}
		w("\n")
		if len(bl.Ready) > 0 {
			w("\nSomeone at the level below is ready for this job when:\n\n")
			for _, s := range bl.Ready {
				w("- %s\n", s)
			}
		}
	}
	return []byte(b.String())
}

// GuideMarkdown is an interview guide as Markdown: the questions with this
// level's signals, then an empty scorecard.
func GuideMarkdown(g views.Guide) []byte {
	var b strings.Builder
	w := plain(&b)
	w("# %s: interview guide\n\n", g.Title)
	w("Ask every candidate the same questions and score each answer against the written signals for this level.\n\n")
	if g.Warning != "" {
		w("> %s\n\n", g.Warning)
	}
	for _, c := range g.Competencies {
		w("## %s\n\nExpected: %s\n\n", c.Title, strings.Join(c.Expectations, " "))
		for _, q := range c.Questions {
			w("### %s\n\n%s\n\n", q.Title, q.Question)
			for _, f := range q.FollowUps {
				w("- Follow-up: %s\n", f)
			}
			w("- Weak: %s\n- Solid: %s\n- Strong: %s\n", q.Weak, q.Solid, q.Strong)
			for _, f := range q.RedFlags {
				w("- Red flag: %s\n", f)
			}
			w("\n")
		}
		if len(c.More) > 0 {
			var names []string
			for _, q := range c.More {
				names = append(names, q.Title)
			}
			w("Other questions that fit: %s.\n\n", strings.Join(names, ", "))
		}
	}
	w("## Scorecard\n\n| Competency | Not yet | Meets | Exceeds | Evidence notes |\n| --- | --- | --- | --- | --- |\n")
	for _, c := range g.Competencies {
		w("| %s | | | | |\n", c.Title)
	}
	return []byte(b.String())
}
