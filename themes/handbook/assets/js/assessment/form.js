// The form: who rates, the track and levels, a rating and a note per
// competency, then share and compare, the report and the exports.
import { el, button, select, ratings, download } from "../lib/dom.js";
import { b64 } from "../lib/address.js";
import { text, fileName } from "./file.js";
import { track, target, save, clear, tell, fileOf } from "./state.js";
import { changedSince } from "./compare.js";
import { markdownOne, markdownTwo, csv } from "./exports.js";
import { report } from "./report.js";
import { share } from "./share.js";

function choices(a, t, cur, tgt, render) {
  const say = a.say, names = t.levels.map((l) => l.title);
  const set = (fields) => { Object.assign(a.state, fields); save(a); render(); };
  const box = el("div", { "class": "choices" }, [
    select("sa-role", say("sa_role"), [say("sa_role_self"), say("sa_role_manager")], a.state.p === "m" ? 1 : 0, (i) => set({ p: i ? "m" : "s" })),
    select("sa-track", say("sa_track"), a.tracks.map((x) => x.title), a.tracks.indexOf(t), (i) => { a.state = { t: a.tracks[i].id, p: a.state.p }; save(a); render(); }),
    select("sa-current", say("sa_your_level"), names, cur, (i) => set({ c: i })),
    select("sa-target", say("sa_aim"), names, tgt, (i) => set({ g: i })),
  ]);
  if (a.other) { // with an imported view, the level compared is the file's
    box.querySelector("#sa-track").disabled = true;
    box.querySelector("#sa-target").disabled = true;
  }
  return box;
}

// summary says how far the reader is; nothing rated, nothing said: the page opens without a verdict.
function summary(a, t, tgt, box) {
  const r = a.state.r || {}, cs = t.competencies;
  const done = cs.filter((c) => r[c.id] != null).length, n = cs.filter((c) => r[c.id] !== 2).length;
  const vars = { n, total: cs.length, level: t.levels[tgt].title, done, gaps: cs.filter((c) => r[c.id] != null && r[c.id] !== 2).length };
  if (done === 0) box.textContent = "";
  else if (done < cs.length) box.textContent = a.say("sa_progress", vars);
  else box.textContent = n === 0 ? a.say("sa_all_done", vars) : a.say("sa_gaps", vars);
}

function competency(a, t, c, cur, tgt, onrate) {
  const say = a.say, s = a.state;
  const note = el("textarea", { id: "sa-note-" + c.id, rows: "2" });
  note.value = (s.n || {})[c.id] || "";
  note.addEventListener("input", () => { s.n = s.n || {}; s.n[c.id] = note.value; save(a); });
  const rate = (i) => { s.r = s.r || {}; s.r[c.id] = i; save(a); onrate(); };
  return el("fieldset", { "class": "competency" }, [
    el("legend", { text: c.title }),
    cur !== tgt ? el("p", { "class": "expect-current", text: say("sa_at") + t.levels[cur].title + ": " + c.e[cur] }) : null,
    el("p", { "class": "expect-target", text: say("sa_at") + t.levels[tgt].title + ": " + c.e[tgt] }),
    ratings("sa", c.id, a.labels, (s.r || {})[c.id], say("sa_how"), rate),
    el("p", { "class": "field" }, [el("label", { "for": note.id, text: say("sa_notes") }), note]),
  ]);
}

function exports(a, render) {
  const say = a.say, shown = () => a.other && a.other.shown;
  const d = download("sa-export", "sa-download", say("sa_exported"), "self-assessment.md", (name) => say("sa_download") + name);
  // The file and the link carry the check, which the browser computes asynchronously.
  const sealed = (then) => fileOf(a).then(then, () => { tell(a, say("sa_no_crypto"), true); render(); });
  return el("div", { "class": "export" }, [
    el("h2", { id: "sa-export-h", text: say("sa_export") }),
    el("p", { "class": "sa-actions" }, [
      button("sa-export-file", say("sa_show_file"), () => sealed((f) => d.show(text(f), fileName(f), "application/json")), "sa-button"),
      button("sa-export-link", say("sa_show_link"), () => sealed((f) => d.show(location.origin + location.pathname + "#import=" + b64(JSON.stringify(f)), "", "")), "sa-button"),
      button("sa-export-md", say("sa_show_md"), () => d.show(shown() ? markdownTwo(a) : markdownOne(a), shown() ? "assessment-report.md" : "self-assessment.md", "text/markdown"), "sa-button"),
      button("sa-export-csv", say("sa_show_csv"), () => d.show(csv(a), "assessment.csv", "text/csv"), "sa-button"),
    ]),
    d.link, d.out,
  ]);
}

// render draws the whole form into the root, from the state.
export function render(a) {
  const again = () => render(a), root = a.root, t = track(a);
  if (a.state.t !== t.id) a.state.t = t.id;
  if ((a.state.c || 0) >= t.levels.length) a.state.c = 0;
  const cur = a.state.c || 0, tgt = target(a, t);
  root.textContent = "";
  root.appendChild(choices(a, t, cur, tgt, again));
  const moved = changedSince(a, t, cur === tgt ? [tgt] : [cur, tgt]);
  if (moved.length) {
    root.appendChild(el("p", { id: "sa-changed", "class": "notice", role: "status", text: a.say("sa_changed", { v: a.state.v, list: moved.join(", ") }) }));
  }
  const sum = el("p", { id: "sa-summary", "class": "gap", role: "status" });
  const onrate = () => { summary(a, t, tgt, sum); if (a.other && a.other.shown) again(); };
  root.appendChild(sum);
  summary(a, t, tgt, sum);
  root.appendChild(el("div", { "class": "competencies" }, t.competencies.map((c) => competency(a, t, c, cur, tgt, onrate))));
  root.appendChild(share(a, t, again));
  if (a.other && a.other.shown) root.appendChild(report(a, t, tgt));
  root.appendChild(exports(a, again));
  root.appendChild(el("p", { "class": "sa-clear" }, [button("sa-clear", a.say("sa_clear"), () => { clear(a); again(); }, "sa-button sa-quiet")]));
}
