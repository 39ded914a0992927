// The report that compares both views, competency by competency.
import { el } from "../lib/dom.js";
import { oneLine } from "../lib/text.js";
import { views } from "./state.js";
import { rows, largest, agreement, gapWord, ratingWord, releaseNote, tally, topLine } from "./compare.js";

function pair(term, cls, value) {
  return el("div", {}, [el("dt", { text: term }), el("dd", { "class": cls, text: value })]);
}

function noteOf(label, text) {
  return text ? el("p", { "class": "sa-note" }, [el("strong", { text: label + ": " }), document.createTextNode(oneLine(text))]) : null;
}

function row(a, r, level) {
  const say = a.say;
  return el("section", { "class": "sa-row" + (r.apart > 0 ? " sa-apart" : ""), id: "sa-row-" + r.c.id, "aria-labelledby": "sa-row-h-" + r.c.id }, [
    el("h4", { id: "sa-row-h-" + r.c.id, text: r.c.title }),
    el("p", { "class": "sa-expect", text: say("sa_expected_at") + level + ": " + r.e }),
    el("dl", { "class": "sa-pairs" }, [
      pair(say("sa_self"), "sa-self", ratingWord(a, r.s)),
      pair(say("sa_manager"), "sa-manager", ratingWord(a, r.m)),
      pair(say("sa_agreement"), "sa-agreement", agreement(a, r)),
      pair(say("sa_gap_to", { level }), "sa-gap", gapWord(a, r)),
    ]),
    noteOf(say("sa_self_notes"), r.sn),
    noteOf(say("sa_manager_notes"), r.mn),
  ]);
}

function disagreements(a, rs) {
  const top = largest(rs);
  if (!top.length) return el("p", { id: "sa-largest", text: a.say("sa_no_disagreement") });
  return el("ol", { id: "sa-largest", "class": "sa-largest", "aria-labelledby": "sa-largest-h" }, top.map((r) => el("li", { text: topLine(a, r) })));
}

// report is the comparison of both views of track t at the target level tgt.
export function report(a, t, tgt) {
  const say = a.say, v = views(a), rs = rows(t, tgt, v), tt = t.levels[tgt].title;
  const note = releaseNote(a, t, tgt, v);
  return el("section", { id: "sa-report", "class": "sa-report", "aria-labelledby": "sa-report-h" }, [
    el("h2", { id: "sa-report-h", tabindex: "-1", text: say("sa_report") }),
    el("p", { "class": "sa-meta", text: [t.title, say("sa_current") + t.levels[a.state.c || 0].title, say("sa_target") + tt].join(" · ") }),
    el("p", { "class": "sa-meta", text: say("sa_self_release") + v.self.release + " · " + say("sa_manager_release") + v.manager.release }),
    note ? el("p", { id: "sa-report-changed", "class": "notice", text: note }) : null,
    el("p", { id: "sa-tally", "class": "sa-tally", text: tally(a, rs, tt) }),
    el("h3", { id: "sa-largest-h", text: say("sa_largest") }),
    disagreements(a, rs),
    el("h3", { id: "sa-each-h", text: say("sa_each") }),
    el("div", { "class": "sa-rows" }, rs.map((r) => row(a, r, tt))),
    el("p", { "class": "sa-aid", text: say("sa_aid") }),
  ]);
}
