// Share and compare: import the other person's file or link, and the
// buttons that compare the two views or forget the imported one.
import { el, button } from "../lib/dom.js";
import { unb64 } from "../lib/address.js";
import { read } from "./file.js";
import { track, target, role, rated, save, saveOther, tell } from "./state.js";
import { whoWord } from "./compare.js";

// take imports a file's text as the other view, or says why not; on any
// problem nothing changes. done draws the page again.
export async function take(a, source, done) {
  const got = await read(source, a.tracks, a.say);
  if (got.error) {
    tell(a, got.error, true);
    return done();
  }
  const f = got.file, t = track(a), mine = rated(a);
  if (f.by === role(a) && mine) {
    tell(a, a.say("sa_same_role", { who: whoWord(a, f.by) }), true);
    return done();
  }
  if (mine && (t.id !== got.track.id || target(a, t) !== got.level)) {
    tell(a, a.say("sa_other_level", { level: got.track.levels[got.level].title, track: got.track.title, own: t.levels[target(a, t)].title }), true);
    return done();
  }
  if (!mine) {
    const ci = got.track.levels.map((l) => l.id).indexOf(f.current);
    Object.assign(a.state, { t: got.track.id, c: ci < 0 ? got.level : ci, g: got.level, p: f.by === "self" ? "m" : "s" });
    save(a);
  }
  const known = {};
  let dropped = 0;
  got.track.competencies.forEach((c) => { known[c.id] = true; });
  Object.keys(f.ratings).forEach((c) => { if (!known[c]) { delete f.ratings[c]; dropped++; } });
  a.other = { file: f, shown: false };
  saveOther(a);
  let said = a.say("sa_imported", { who: whoWord(a, f.by), level: got.track.levels[got.level].title, release: f.release });
  if (dropped) said += " " + a.say("sa_dropped", { n: dropped });
  tell(a, said, false);
  done();
}

// fromLink is the file's text in a link (#import=…), or "" where it has none.
export function fromLink(text) {
  const m = /#import=([A-Za-z0-9_-]+)/.exec(text);
  if (!m) return null;
  try {
    return unb64(m[1]);
  } catch (e) {
    return "";
  }
}

function importer(a, render) {
  const fileInput = el("input", { type: "file", id: "sa-import-file", accept: ".json,application/json" });
  fileInput.addEventListener("change", () => {
    const f = fileInput.files && fileInput.files[0];
    if (!f) return;
    const reader = new FileReader();
    reader.onload = () => take(a, String(reader.result), render);
    reader.onerror = () => { tell(a, a.say("sa_bad_json"), true); render(); };
    reader.readAsText(f);
  });
  const paste = el("textarea", { id: "sa-import-text", rows: "3" });
  return el("div", { "class": "sa-import" }, [
    el("p", { "class": "field" }, [el("label", { "for": "sa-import-file", text: a.say("sa_import_file") }), fileInput]),
    el("p", { "class": "field" }, [el("label", { "for": "sa-import-text", text: a.say("sa_import_paste") }), paste]),
    el("p", {}, [button("sa-import-go", a.say("sa_import"), () => {
      const text = paste.value.trim(), linked = fromLink(text);
      take(a, linked === null ? text : linked, render);
    }, "sa-button")]),
  ]);
}

function message(a) {
  const m = a.message;
  if (!m.text) return null;
  return el("p", { id: "sa-import-msg", "class": m.error ? "sa-msg sa-error" : "sa-msg", role: m.error ? "alert" : "status", text: m.text });
}

// holding says which assessment is imported, with the buttons to compare or forget it.
function holding(a, t, render) {
  if (!a.other) return [];
  const f = a.other.file;
  const ot = a.tracks.find((x) => x.id === f.track) || t;
  const olv = ot.levels.find((l) => l.id === f.level) || ot.levels[0];
  const forget = () => { a.other = null; saveOther(a); tell(a, "", false); render(); };
  const compare = () => {
    a.other.shown = !a.other.shown;
    saveOther(a);
    tell(a, "", false);
    render();
    if (a.other.shown) document.getElementById("sa-report-h").focus();
  };
  return [
    el("p", { id: "sa-other", "class": "sa-other", text: a.say("sa_holding", { who: whoWord(a, f.by), level: olv.title, release: f.release }) }),
    el("p", { "class": "sa-actions" }, [
      button("sa-compare", a.other.shown ? a.say("sa_hide_compare") : a.say("sa_compare"), compare, "sa-button"),
      button("sa-forget", a.say("sa_forget"), forget, "sa-button sa-quiet"),
    ]),
  ];
}

// share is the section to import and compare the other view.
export function share(a, t, render) {
  return el("section", { "class": "sa-share", "aria-labelledby": "sa-share-h" }, [
    el("h2", { id: "sa-share-h", text: a.say("sa_share") }),
    el("p", { text: a.say("sa_share_how") }),
    importer(a, render),
    message(a),
    ...holding(a, t, render),
  ]);
}
