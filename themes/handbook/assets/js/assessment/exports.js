// The exports as text: Markdown of one assessment or of both views, and CSV.
import { oneLine, csvCell, csv as csvText } from "../lib/text.js";
import { track, target, views } from "./state.js";
import { rows, largest, agreement, gapWord, ratingWord, releaseNote, tally, topLine } from "./compare.js";

// md escapes what Markdown would read as markup in text a person typed.
function md(s) {
  return oneLine(s).replace(/([\\`*_\[\]<>|#])/g, "\\$1");
}

function evidence(a, s) {
  return s ? md(s) : a.say("sa_none");
}

// markdownOne is the reader's own assessment.
export function markdownOne(a) {
  const say = a.say, t = track(a), tgt = t.levels[target(a, t)], s = a.state;
  const lines = ["# " + say("sa_title") + t.title, "", say("sa_current") + t.levels[s.c || 0].title, say("sa_target") + tgt.title, ""];
  if (a.rel.label) lines.splice(4, 0, say("sa_release") + a.rel.label);
  t.competencies.forEach((c) => {
    lines.push("## " + c.title, "", say("sa_expected_at") + tgt.title + ": " + c.e[t.levels.indexOf(tgt)], "",
      say("sa_rating") + ": " + ratingWord(a, (s.r || {})[c.id]), say("sa_evidence") + ": " + evidence(a, (s.n || {})[c.id]), "");
  });
  lines.push(say("sa_aid"), "");
  return lines.join("\n");
}

// markdownTwo is the comparison of both views.
export function markdownTwo(a) {
  const say = a.say, t = track(a), tgt = target(a, t), v = views(a), rs = rows(t, tgt, v), tt = t.levels[tgt].title;
  const lines = ["# " + say("sa_two_title") + t.title, "", say("sa_current") + t.levels[a.state.c || 0].title,
    say("sa_target") + tt, say("sa_self_release") + v.self.release, say("sa_manager_release") + v.manager.release, ""];
  const note = releaseNote(a, t, tgt, v);
  if (note) lines.push(note, "");
  lines.push(tally(a, rs, tt), "", "## " + say("sa_largest"), "");
  const top = largest(rs);
  if (!top.length) lines.push(say("sa_no_disagreement"));
  top.forEach((r, i) => lines.push((i + 1) + ". " + topLine(a, r)));
  lines.push("");
  rs.forEach((r) => {
    lines.push("## " + r.c.title, "", say("sa_expected_at") + tt + ": " + r.e, "",
      "- " + say("sa_self") + ": " + ratingWord(a, r.s), "- " + say("sa_manager") + ": " + ratingWord(a, r.m),
      "- " + agreement(a, r), "- " + say("sa_gap_to", { level: tt }) + ": " + gapWord(a, r),
      "- " + say("sa_self_notes") + ": " + evidence(a, r.sn), "- " + say("sa_manager_notes") + ": " + evidence(a, r.mn), "");
  });
  lines.push(say("sa_aid"), "");
  return lines.join("\n");
}

// csv is one row per competency: both ratings, the gap and both notes.
export function csv(a) {
  const say = a.say, t = track(a), tgt = target(a, t), rs = rows(t, tgt, views(a));
  const out = [[say("sa_competency"), say("sa_expected_at") + t.levels[tgt].title, say("sa_self"),
    say("sa_manager"), say("sa_gap"), say("sa_self_notes"), say("sa_manager_notes")]];
  const word = (r) => (r === null ? "" : a.labels[r]);
  rs.forEach((r) => {
    out.push([r.c.title, r.e, word(r.s), word(r.m), r.gap === null ? "" : String(r.gap), oneLine(r.sn), oneLine(r.mn)]);
  });
  return csvText(out, csvCell);
}
