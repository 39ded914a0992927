package views

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/product-roles/handbook/generator/internal/content"
)

// Job is a job description derived from a level, or, for a combined role,
// from the levels of equal rank on two tracks. Its JSON is published in the
// API (/api/v1/jobs/): change field names only with a new API version.
type Job struct {
	ID           string      `json:"id"` // "<track>/<level>", or "<role>-and-<role>/rank-<n>"
	Title        string      `json:"title"`
	Summary      string      `json:"summary"`
	Rank         int         `json:"rank"`
	Roles        []Ref       `json:"roles"`
	Abbrs        []string    `json:"abbrs"`  // the roles' short labels
	Levels       []Ref       `json:"levels"` // the levels it is derived from, one per role
	AlsoKnownAs  []string    `json:"also_known_as"`
	Scope        []string    `json:"scope"`      // one per level
	Experience   []string    `json:"experience"` // one per level
	Duties       []DutyGroup `json:"responsibilities"`
	Expectations []Row       `json:"expectations"` // per competency, one cell per level
	Skills       []Group     `json:"skills"`       // essential, important, helpful
	Below        *Below      `json:"below,omitempty"`
	Warning      string      `json:"warning,omitempty"`
	Guide        *Ref        `json:"guide,omitempty"` // the guide on combining the roles
	URL          string      `json:"url" href:""`
	Interview    string      `json:"interview" href:""`
	Markdown     string      `json:"markdown" href:""`
	JSON         string      `json:"json" href:""`
}

// DutyGroup is a job description's duties of one area.
type DutyGroup struct {
	Ref
	Rows []JobDuty `json:"rows"`
}

// JobDuty is a duty as a job description lists it: the theme prints its
// tags as they are, one for each role that leads or shares it. A job lists
// hundreds of duties (thousands in a large handbook): what the page does
// not print (the id, every role's ownership, for the API's record) stays
// out of its view.
type JobDuty struct {
	ID      string `json:"-"`
	Title   string `json:"title"`
	URL     string `json:"url" href:""`
	Summary string `json:"summary,omitempty"`
	Cells   []Cell `json:"-"` // every role's ownership, in the roles' order
	Tags    []Tag  `json:"tags,omitempty"`
}

// Tag is a badge as the theme prints it: its class and its words.
type Tag struct {
	Class string `json:"class"`
	Text  string `json:"text"`
}

// dutyTags are the badges of a job's duty: each role that leads or shares
// it, named by its abbreviation where the job combines roles ("PM leads").
func dutyTags(cells []Cell, abbrs []string) []Tag {
	var tags []Tag
	for i, c := range cells {
		if c.Value != "leads" && c.Value != "shares" {
			continue
		}
		text := c.Label
		if len(abbrs) > 1 {
			text = abbrs[i] + " " + strings.ToLower(c.Label)
		}
		tags = append(tags, Tag{Class: "t-" + c.Value, Text: text})
	}
	return tags
}

// Below is what distinguishes a level from the one below it.
type Below struct {
	Levels  []Ref    `json:"levels"`
	Scope   []string `json:"scope"`   // the scope below, one per level
	Changed []Ref    `json:"changed"` // competencies whose expectation is new or changed
	Ready   []string `json:"ready"`   // the signals that someone below is ready for this level
}

// Guide is an interview guide: for every competency the level expects, the
// questions that fit, with the signals for this level.
type Guide struct {
	ID           string            `json:"id"` // as the job's; also the fill-in scorecard's storage key
	Title        string            `json:"title"`
	Rank         int               `json:"rank"`
	Levels       []Ref             `json:"levels"`
	Job          string            `json:"job" href:""`
	Competencies []GuideCompetency `json:"competencies"`
	Markdown     string            `json:"markdown" href:""`
	Warning      string            `json:"warning,omitempty"`
}

// GuideCompetency is one competency of an interview guide.
type GuideCompetency struct {
	Ref
	Expectations []string        `json:"expectations"` // one per level
	Questions    []GuideQuestion `json:"questions"`
	More         []Ref           `json:"more,omitempty"` // other questions that fit, beyond GuideQuestions
}

// GuideQuestion is a question as a guide shows it: with one level's signals.
type GuideQuestion struct {
	Ref
	Question  string   `json:"question"`
	FollowUps []string `json:"follow_ups,omitempty"`
	Weak      string   `json:"weak"`
	Solid     string   `json:"solid"`
	Strong    string   `json:"strong"`
	RedFlags  []string `json:"red_flags"`
}

// SignalRow is one signals entry of a question page, with the levels it applies to.
type SignalRow struct {
	Levels []Ref  `json:"levels"`
	Weak   string `json:"weak"`
	Solid  string `json:"solid"`
	Strong string `json:"strong"`
}

// GuideQuestions is how many questions a guide shows per competency, so
// that an interview fits its time and the guide fits on two sheets; the
// other questions that fit are listed by title.
const GuideQuestions = 1

// closeness orders the questions that fit levels, closest first: for one
// level, those written for its track alone, then those for a narrower range
// of ranks; for a combined role, those that fit both tracks first.
func closeness(q *content.Page, levels []*content.Page) int {
	n := 0
	for _, l := range levels {
		if slices.Contains(q.Front.Tracks, l.Track) {
			n++
		}
	}
	score := (len(levels) - n) * 100 // fits fewer of the levels: later
	if len(levels) == 1 && len(q.Front.Tracks) > 1 {
		score += 50 // a question for several tracks is less specific to this one
	}
	return score + q.Front.Ranks.To - q.Front.Ranks.From
}

// combiningGuide is the guide on one person holding two roles.
const combiningGuide = "one-person-both-roles"

// deriveHiring adds a job description and an interview guide per level and
// per rank of every two tracks combined, the pages of the interview
// questions and the hiring section's index. It runs after the level pages
// are derived (it uses their changes from the level below).
func deriveHiring(m *content.Model, d *Data, comps []*content.Page) {
	questions := m.Of(content.KindInterview)
	tracks := m.Of(content.KindTrack)
	for _, t := range tracks {
		role := m.Get(content.KindRole, t.Front.Role)
		if role == nil {
			continue
		}
		grp := Group{Ref: ref(t)}
		for _, l := range m.Levels(t.ID) {
			base := strings.TrimSuffix(l.URL, "/")
			job := newJob(m, d, comps, []*content.Page{role}, []*content.Page{l}, base)
			guide := newGuide(comps, questions, []*content.Page{l}, job)
			addHiringPages(d, job, guide, refp(t))
			lv := d.Pages[l.Key]
			lv.JobURL, lv.InterviewURL = job.URL, job.Interview
			d.Pages[l.Key] = lv
			grp.Rows = append(grp.Rows, Row{Ref: ref(l), Cells: []Cell{{URL: job.URL, Label: d.s.T("job_description")}, {URL: job.Interview, Label: d.s.T("interview_guide")}}})
		}
		d.Hiring = append(d.Hiring, grp)
	}

	// Every two tracks' roles held by one person, rank by rank.
	hiring := refp(m.Get(content.KindSection, "hiring"))
	for i, ta := range tracks {
		for _, tb := range tracks[i+1:] {
			ra, rb := m.Get(content.KindRole, ta.Front.Role), m.Get(content.KindRole, tb.Front.Role)
			if ra == nil || rb == nil || ra == rb {
				continue
			}
			pair := ra.ID + "-and-" + rb.ID
			and := " " + d.s.T("and") + " "
			grp := Group{Ref: Ref{ID: pair, Title: ra.Front.Title + and + rb.Front.Title}}
			for _, la := range m.Levels(ta.ID) {
				lb := levelAt(m, tb.ID, la.Front.Rank)
				if lb == nil {
					continue
				}
				base := strings.TrimSuffix(d.url(fmt.Sprintf("hiring/%s/rank-%d", pair, la.Front.Rank)), "/")
				job := newJob(m, d, comps, []*content.Page{ra, rb}, []*content.Page{la, lb}, base)
				guide := newGuide(comps, questions, []*content.Page{la, lb}, job)
				addHiringPages(d, job, guide, hiring)
				grp.Rows = append(grp.Rows, Row{Ref: Ref{ID: fmt.Sprintf("%s-rank-%d", pair, la.Front.Rank), Title: job.Title, URL: job.URL},
					Summary: la.Front.Title + and + lb.Front.Title,
					Cells:   []Cell{{URL: job.URL, Label: d.s.T("job_description")}, {URL: job.Interview, Label: d.s.T("interview_guide")}}})
			}
			if len(grp.Rows) > 0 {
				d.Combined = append(d.Combined, grp)
			}
		}
	}

	for _, q := range questions {
		v := d.Pages[q.Key]
		v.Competency = refp(m.Get(content.KindCompetency, q.Front.Competency))
		for i, s := range q.Front.Signals {
			hi := q.Front.Ranks.To
			if i+1 < len(q.Front.Signals) {
				hi = q.Front.Signals[i+1].FromRank - 1
			}
			row := SignalRow{Weak: s.Weak, Solid: s.Solid, Strong: s.Strong}
			for _, id := range q.Front.Tracks {
				for _, l := range m.Levels(id) {
					if l.Front.Rank >= s.FromRank && l.Front.Rank <= hi {
						row.Levels = append(row.Levels, ref(l))
					}
				}
			}
			v.Signals = append(v.Signals, row)
		}
		d.Pages[q.Key] = v
	}
	if s := m.Get(content.KindSection, "interview"); s != nil {
		v := d.Pages[s.Key]
		v.List = nil
		for _, c := range comps {
			g := Group{Ref: Ref{ID: "questions-" + c.ID, Title: c.Front.Title, URL: c.URL}}
			for _, q := range questions {
				if q.Front.Competency == c.ID {
					g.Rows = append(g.Rows, Row{Ref: ref(q), Summary: q.Front.Summary})
				}
			}
			if len(g.Rows) > 0 {
				v.Questions = append(v.Questions, g)
			}
		}
		d.Pages[s.Key] = v
	}
}

// roleName is a role's title without its abbreviation: "Product Manager",
// not "Product Manager (PM)".
func roleName(r *content.Page) string {
	return strings.TrimSuffix(r.Front.Title, " ("+r.Front.Abbr+")")
}

func levelAt(m *content.Model, track string, rank int) *content.Page {
	for _, l := range m.Levels(track) {
		if l.Front.Rank == rank {
			return l
		}
	}
	return nil
}

// newJob derives a job description for roles[i] at levels[i]. base is the
// URL path the job and interview pages go below.
func newJob(m *content.Model, d *Data, comps, roles, levels []*content.Page, base string) Job {
	api := strings.TrimPrefix(strings.TrimPrefix("/"+d.path(base), "/ladders"), "/hiring") // "/<track>/<level>" or "/<pair>/rank-<n>"
	j := Job{ID: strings.TrimPrefix(api, "/"), Rank: levels[0].Front.Rank, URL: base + "/job/", Interview: base + "/interview/",
		Markdown: "/" + APIBase + "jobs" + api + ".md", JSON: "/" + APIBase + "jobs" + api + ".json"}
	var titles []string
	for i, r := range roles {
		l := levels[i]
		j.Roles = append(j.Roles, Ref{ID: r.ID, Title: roleName(r), URL: r.URL})
		j.Abbrs = append(j.Abbrs, r.Front.Abbr)
		j.Levels = append(j.Levels, ref(l))
		j.Scope = append(j.Scope, l.Front.Scope)
		j.Experience = append(j.Experience, l.Front.Experience)
		titles = append(titles, roleName(r))
	}
	j.AlsoKnownAs = []string{}
	if len(levels) == 1 {
		l := levels[0]
		j.Title, j.Summary = l.Front.Title, l.Front.Summary
		j.AlsoKnownAs = append(j.AlsoKnownAs, l.Front.AlsoKnownAs...)
	} else {
		and := " " + d.s.T("and") + " "
		rank := strconv.Itoa(j.Rank)
		j.Title = d.s.T("job_combined_title", strings.Join(titles, and), rank)
		var names []string
		for _, l := range levels {
			names = append(names, l.Front.Title)
		}
		j.Summary = d.s.T("job_combined_summary", strings.Join(titles, and), rank, strings.Join(names, and))
		count := map[int]string{2: "count_two", 3: "count_three", 4: "count_four"}[len(roles)]
		j.Warning = d.s.T("job_combined_warning", d.s.T(cmp.Or(count, "count_several")))
		if g := m.Get(content.KindGuide, combiningGuide); g != nil {
			j.Guide = refp(g)
		}
	}

	// Responsibilities: a single role's duties it leads or shares; a
	// combined role's duties that either role leads.
	for _, a := range m.Of(content.KindArea) {
		g := DutyGroup{Ref: ref(a)}
		for _, duty := range m.Of(content.KindDuty) {
			if duty.Front.Area != a.ID {
				continue
			}
			var cells []Cell
			keep := false
			for _, r := range roles {
				own := duty.Front.Ownership[r.ID]
				cells = append(cells, d.s.cell(own))
				keep = keep || own == "leads" || (len(roles) == 1 && own == "shares")
			}
			if keep {
				g.Rows = append(g.Rows, JobDuty{ID: duty.ID, Title: duty.Front.Title, URL: duty.Link(), Summary: duty.Front.Summary,
					Cells: cells, Tags: dutyTags(cells, j.Abbrs)})
			}
		}
		if len(g.Rows) > 0 {
			j.Duties = append(j.Duties, g)
		}
	}

	for _, c := range comps {
		row := Row{Ref: ref(c)}
		for _, l := range levels {
			row.Cells = append(row.Cells, Cell{Value: l.Front.Expectations[c.ID]})
		}
		j.Expectations = append(j.Expectations, row)
	}

	// Skills by importance: for a combined role, the higher of the two.
	rank := map[string]int{"essential": 0, "important": 1, "helpful": 2}
	groups := []Group{{Ref: Ref{ID: "essential", Title: d.s.T("essential")}}, {Ref: Ref{ID: "important", Title: d.s.T("important")}}, {Ref: Ref{ID: "helpful", Title: d.s.T("helpful")}}}
	for _, s := range m.Of(content.KindSkill) {
		best := -1
		for _, r := range roles {
			if i, ok := rank[s.Front.Importance[r.ID]]; ok && (best < 0 || i < best) {
				best = i
			}
		}
		if best >= 0 {
			groups[best].Rows = append(groups[best].Rows, Row{Ref: ref(s), Kind: s.Front.Kind})
		}
	}
	for _, g := range groups {
		if len(g.Rows) > 0 {
			j.Skills = append(j.Skills, g)
		}
	}

	// What distinguishes it from the level below.
	var below []*content.Page
	for _, l := range levels {
		if b := levelAt(m, l.Track, l.Front.Rank-1); b != nil {
			below = append(below, b)
		}
	}
	if len(below) == len(levels) {
		b := &Below{Changed: []Ref{}, Ready: []string{}}
		for i, l := range below {
			b.Levels = append(b.Levels, ref(l))
			b.Scope = append(b.Scope, l.Front.Scope)
			b.Ready = append(b.Ready, l.Front.ReadyForNext...)
			for _, ch := range d.Pages[levels[i].Key].Changes {
				if ch.Status != "same" && !slices.ContainsFunc(b.Changed, func(r Ref) bool { return r.ID == ch.Competency.ID }) {
					b.Changed = append(b.Changed, ch.Competency)
				}
			}
		}
		j.Below = b
	}
	return j
}

// newGuide picks, for every competency the levels expect, the questions
// that fit any of the levels, with the signals for their rank.
func newGuide(comps, questions, levels []*content.Page, job Job) Guide {
	g := Guide{ID: job.ID, Title: job.Title, Rank: job.Rank, Levels: job.Levels, Job: job.URL, Warning: job.Warning,
		Markdown: strings.Replace(job.Markdown, "/jobs/", "/interview-guides/", 1)}
	for _, c := range comps {
		gc := GuideCompetency{Ref: ref(c)}
		var fit []*content.Page
		for _, l := range levels {
			text, ok := l.Front.Expectations[c.ID]
			if !ok {
				continue
			}
			gc.Expectations = append(gc.Expectations, text)
			for _, q := range content.Fitting(questions, l.Track, l.Front.Rank, c.ID) {
				if !slices.Contains(fit, q) {
					fit = append(fit, q)
				}
			}
		}
		if len(gc.Expectations) == 0 {
			continue
		}
		slices.SortStableFunc(fit, func(a, b *content.Page) int { return closeness(a, levels) - closeness(b, levels) })
		if len(fit) > GuideQuestions {
			for _, q := range fit[GuideQuestions:] {
				gc.More = append(gc.More, ref(q))
			}
			fit = fit[:GuideQuestions]
		}
		for _, q := range fit {
			s, _ := q.Front.SignalFor(job.Rank)
			gc.Questions = append(gc.Questions, GuideQuestion{Ref: ref(q), Question: q.Front.Question, FollowUps: q.Front.FollowUps,
				Weak: s.Weak, Solid: s.Solid, Strong: s.Strong, RedFlags: q.Front.RedFlags})
		}
		g.Competencies = append(g.Competencies, gc)
	}
	return g
}

func addHiringPages(d *Data, job Job, guide Guide, parent *Ref) {
	lv := &job.Levels[0]
	if len(job.Levels) == 1 {
		parent = lv
	}
	d.add(Generated{Path: d.path(job.URL) + "index.md", Title: d.s.T("job_page_title", job.Title),
		Summary: job.Summary}, // the job itself, not a note on where the page comes from
		Page{Kind: "job", Parent: parent, Job: &job})
	d.add(Generated{Path: d.path(job.Interview) + "index.md", Title: d.s.T("guide_page_title", job.Title),
		Summary: d.s.T("guide_page_summary", job.Title)},
		Page{Kind: "interview-guide", Parent: parent, Guide: &guide})
	d.Jobs = append(d.Jobs, job)
	d.Guides = append(d.Guides, guide)
}
