// The words for ratings and distances, and the comparison of two views.
export function steps(a, n) {
  return n === 1 ? a.say("sa_step") : a.say("sa_steps", { n });
}

export function ratingWord(a, r) {
  return r == null ? a.say("sa_not_rated") : a.labels[r];
}

export function whoWord(a, by) {
  return by === "manager" ? a.say("sa_who_manager") : a.say("sa_who_self");
}

// rows is one entry per competency: both ratings, how far apart, the gap to the target level tgt.
export function rows(t, tgt, v) {
  return t.competencies.map((c, i) => {
    let s = v.self ? v.self.r[c.id] : null, m = v.manager ? v.manager.r[c.id] : null;
    if (s == null) s = null;
    if (m == null) m = null;
    const both = s !== null && m !== null, low = both ? Math.min(s, m) : (s !== null ? s : m);
    return { c, i, e: c.e[tgt], s, m, apart: both ? Math.abs(s - m) : null, gap: low === null ? null : 2 - low,
      sn: v.self ? v.self.n[c.id] || "" : "", mn: v.manager ? v.manager.n[c.id] || "" : "" };
  });
}

// largest is the three rows furthest apart, in the ladder's order where equal.
export function largest(rs) {
  return rs.filter((r) => r.apart > 0).sort((x, y) => y.apart - x.apart || x.i - y.i).slice(0, 3);
}

export function agreement(a, r) {
  if (r.apart === null) return a.say("sa_one_rated");
  return r.apart === 0 ? a.say("sa_agreed") : a.say("sa_apart", { steps: steps(a, r.apart) });
}

export function gapWord(a, r) {
  if (r.gap === null) return a.say("sa_not_rated");
  return r.gap === 0 ? a.say("sa_no_gap") : steps(a, r.gap);
}

export function topLine(a, r) {
  return a.say("sa_top_line", { competency: r.c.title, self: ratingWord(a, r.s), manager: ratingWord(a, r.m), steps: steps(a, r.apart) });
}

// changedIn returns the ids of the competencies of the level key
// (track/level) whose expectation changed in the releases rs.
function changedIn(rs, key) {
  const ids = {};
  rs.forEach((r) => { ((r.levels || {})[key] || []).forEach((c) => { ids[c] = true; }); });
  return ids;
}

// between lists the titles of the target level's expectations that changed
// between two releases, or null when one of them is not a release this handbook lists.
function between(a, t, li, x, y) {
  const rs = a.rel.releases || [], vs = rs.map((r) => r.v);
  const i = vs.indexOf(x), j = vs.indexOf(y);
  if (i < 0 || j < 0) return null;
  const ids = changedIn(rs.slice(Math.min(i, j) + 1, Math.max(i, j) + 1), t.id + "/" + t.levels[li].id);
  return t.competencies.filter((c) => ids[c.id]).map((c) => c.title);
}

// releaseNote says what changed between the releases the two views were made under ("" for one release).
export function releaseNote(a, t, tgt, v) {
  const x = v.self.release, y = v.manager.release;
  if (x === y) return "";
  const changed = between(a, t, tgt, x, y), vars = { a: x, b: y, level: t.levels[tgt].title };
  if (changed === null) return a.say("sa_rel_unknown", vars);
  if (!changed.length) return a.say("sa_rel_same", vars);
  vars.list = changed.join(", ");
  return a.say("sa_rel_changed", vars);
}

export function tally(a, rs, level) {
  const both = rs.filter((r) => r.apart !== null), agreed = both.filter((r) => r.apart === 0).length;
  const short = rs.filter((r) => r.gap !== 0).length;
  return a.say("sa_tally", { agreed, apart: both.length - agreed, total: rs.length, short, level });
}

// changedSince lists the expectations of the given levels that changed in
// the releases after the one the assessment was saved against.
export function changedSince(a, t, levels) {
  const rs = a.rel.releases || [], out = [];
  if (!a.state.v || a.state.v === a.release) return out;
  const from = rs.map((r) => r.v).lastIndexOf(a.state.v);
  if (from < 0) return out;
  levels.forEach((li) => {
    const ids = changedIn(rs.slice(from + 1), t.id + "/" + t.levels[li].id);
    t.competencies.forEach((c) => { if (ids[c.id]) out.push(c.title + " (" + t.levels[li].title + ")"); });
  });
  return out;
}
