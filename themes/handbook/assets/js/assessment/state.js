// The assessment's state. The reader's own assessment is kept in the address
// (#a=, so it is never sent to a server and the link can be shared) and in
// localStorage; the other person's view, imported from a file or a link, in
// localStorage only. Nothing is fetched or sent.
import { fromAddress, toAddress, stored, store } from "../lib/address.js";
import { words } from "../lib/words.js";
import { RATED, sealed } from "./file.js";

const KEY = "self-assessment";
const OTHER = "self-assessment-other";

// open reads the page's data (data-tracks, data-release, data-ui) and the
// kept state. The state's fields: t the track's id, c and g the indexes of
// the current and the target level, p "s" (rating oneself) or "m" (as the
// manager), r the ratings (0..2) and n the notes by competency, v the
// release the assessment was made against.
export function open(root) {
  const say = words(root);
  const rel = JSON.parse(root.getAttribute("data-release") || "{}");
  const kept = fromAddress("a") || stored(KEY);
  const other = stored(OTHER); // {file: a checked file, shown: whether the reader chose to compare}
  return {
    root,
    say,
    tracks: JSON.parse(root.getAttribute("data-tracks")),
    rel, // the release this build is, and per release the competencies whose expectation changed on each level
    release: rel.current || "unreleased",
    labels: [say("sa_not_yet"), say("sa_partly"), say("sa_consistently")],
    state: kept && typeof kept === "object" ? kept : {},
    other: other && other.file ? other : null,
    message: { text: "", error: false }, // what the last import said
  };
}

export function track(a) {
  return a.tracks.find((t) => t.id === a.state.t) || a.tracks[0];
}

export function rated(a) {
  return Object.keys(a.state.r || {}).length > 0;
}

// target is the index of the level aimed for: the one chosen, or the one above the current.
export function target(a, t) {
  const c = a.state.c || 0;
  return a.state.g == null ? Math.min(c + 1, t.levels.length - 1) : Math.min(a.state.g, t.levels.length - 1);
}

export function role(a) {
  return a.state.p === "m" ? "manager" : "self";
}

// save keeps the state, recording the release it is made against; with
// keep it leaves the recorded one (when the page only reopens it).
export function save(a, keep) {
  if (!keep) a.state.v = a.release;
  toAddress("a", Object.keys(a.state).length ? a.state : null);
  store(KEY, a.state);
}

export function saveOther(a) {
  store(OTHER, a.other);
}

// tell keeps what the last import said.
export function tell(a, text, error) {
  a.message = { text, error: !!error };
}

// clear forgets both assessments.
export function clear(a) {
  a.state = {};
  a.other = null;
  tell(a, "", false);
  store(KEY, null);
  store(OTHER, null);
  toAddress("a", null);
}

// fileOf is the reader's own assessment as a file: what they chose and typed, nothing else.
export function fileOf(a) {
  const t = track(a), ratings = {}, notes = {}, s = a.state;
  Object.keys(s.r || {}).forEach((c) => { if (RATED[s.r[c]]) ratings[c] = RATED[s.r[c]]; });
  Object.keys(s.n || {}).forEach((c) => { if (s.n[c]) notes[c] = s.n[c]; });
  return sealed({ release: s.v || a.release, track: t.id, level: t.levels[target(a, t)].id,
    current: t.levels[s.c || 0].id, by: role(a), ratings, notes });
}

// views returns both assessments as {self, manager}: each {r: ratings by
// competency, n: notes, release}; without an imported one, only the reader's.
export function views(a) {
  const mine = { r: a.state.r || {}, n: a.state.n || {}, release: a.state.v || a.release };
  if (!a.other) return { [role(a)]: mine };
  const f = a.other.file, theirs = { r: {}, n: f.notes, release: f.release };
  Object.keys(f.ratings).forEach((c) => { theirs.r[c] = RATED.indexOf(f.ratings[c]); });
  return f.by === "self" ? { self: theirs, manager: mine } : { self: mine, manager: theirs };
}
