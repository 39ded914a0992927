// The assessment as a file, for the person and their manager to exchange:
// format "product-roles-handbook-assessment", version 1. Its check is
// "sha256:" and the SHA-256 (hex) of the canonical text of its fields; it
// tells an exported file from one changed afterwards.

export const FORMAT = "product-roles-handbook-assessment";
export const VERSION = 1;
// RATED are the ratings as files write them, in every language.
export const RATED = ["not-yet", "partly", "consistently"];

function sorted(m) {
  const o = {};
  Object.keys(m || {}).sort().forEach((k) => { o[k] = m[k]; });
  return o;
}

// canonical is the text the check is taken over: the fields in this order, maps by key.
function canonical(f) {
  return JSON.stringify({ format: f.format, version: f.version, release: f.release, track: f.track, level: f.level,
    current: f.current, by: f.by, ratings: sorted(f.ratings), notes: sorted(f.notes) });
}

// sha256 is the SHA-256 of the text's UTF-8, in hex. It rejects where the
// browser has no Web Crypto (a page not served over https or from this computer).
async function sha256(text) {
  if (!globalThis.crypto || !crypto.subtle) throw new Error("no Web Crypto on this page");
  const sum = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(sum), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function checkOf(f) {
  return "sha256:" + await sha256(canonical(f));
}

// sealed returns the file of the given fields, with its maps sorted and its check.
export async function sealed(fields) {
  const f = { format: FORMAT, version: VERSION, release: fields.release, track: fields.track, level: fields.level,
    current: fields.current, by: fields.by, ratings: sorted(fields.ratings), notes: sorted(fields.notes) };
  f.check = await checkOf(f);
  return f;
}

// text is the file as it is saved.
export function text(f) {
  return JSON.stringify(f, null, 2) + "\n";
}

// fileName is the name a file is saved under.
export function fileName(f) {
  return "assessment-" + f.by + "-" + f.level + ".json";
}

function wellFormed(f) {
  return ["release", "track", "level", "current", "by"].every((k) => typeof f[k] === "string") &&
    f.ratings && typeof f.ratings === "object" && f.notes && typeof f.notes === "object" &&
    (f.by === "self" || f.by === "manager") &&
    Object.keys(f.ratings).every((c) => RATED.indexOf(f.ratings[c]) >= 0) &&
    Object.keys(f.notes).every((c) => typeof f.notes[c] === "string");
}

// read reads a file's text against the handbook's tracks: {file, track,
// level} (the level's index), or {error} saying what is wrong with it.
export async function read(source, tracks, say) {
  let f;
  try {
    f = JSON.parse(source);
  } catch (e) {
    return { error: say("sa_bad_json") };
  }
  if (!f || typeof f !== "object" || f.format !== FORMAT) return { error: say("sa_bad_format", { format: FORMAT }) };
  if (typeof f.version !== "number" || f.version > VERSION || f.version < 1) return { error: say("sa_bad_version", { v: f.version, ours: VERSION }) };
  if (!wellFormed(f)) return { error: say("sa_bad_check") };
  let check;
  try {
    check = await checkOf(f);
  } catch (e) {
    return { error: say("sa_no_crypto") };
  }
  if (f.check !== check) return { error: say("sa_bad_check") };
  const track = tracks.find((x) => x.id === f.track);
  const level = track ? track.levels.map((l) => l.id).indexOf(f.level) : -1;
  if (level < 0) return { error: say("sa_bad_level", { level: f.level, track: f.track }) };
  return { file: f, track, level };
}
