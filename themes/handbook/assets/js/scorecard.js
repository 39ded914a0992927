// The fill-in interview scorecard: everything stays in this browser. The
// marks and notes are kept in the address (after #, so they are never sent
// to a server) and in localStorage; nothing is fetched or sent. Without
// JavaScript the guide's printable scorecard table serves.
import { words } from "./lib/words.js";
import { el, button, ratings, download } from "./lib/dom.js";
import { fromAddress, toAddress, stored, store } from "./lib/address.js";
import { oneLine, csvCell, csv } from "./lib/text.js";

// load is the kept state: r the ratings (0..2) and n the notes by competency.
function load(key) {
  let s = fromAddress("s") || stored(key);
  if (!s || typeof s !== "object") s = {};
  s.r = s.r || {};
  s.n = s.n || {};
  return s;
}

function start() {
  const root = document.getElementById("scorecard");
  if (!root) return;
  const say = words(root);
  const comps = JSON.parse(root.getAttribute("data-competencies"));
  const title = root.getAttribute("data-title");
  const key = "scorecard:" + root.getAttribute("data-id");
  const labels = [say("sa_not_yet"), say("score_meets"), say("score_exceeds")];
  let state = load(key);
  const save = () => { toAddress("s", state); store(key, state); };
  const rating = (c) => (state.r[c.id] == null ? say("sa_not_rated") : labels[state.r[c.id]]);

  function markdown() {
    const lines = ["# " + say("sc_md_title", { title }), "", say("sc_md_scale", { ratings: labels.join(", ") }), ""];
    comps.forEach((c) => {
      lines.push("## " + c.title, "", say("sa_rating") + ": " + rating(c), say("sa_evidence") + ": " + (oneLine(state.n[c.id]) || say("sa_none")), "");
    });
    return lines.join("\n");
  }
  function table() {
    const rows = [[say("sa_competency"), say("sa_rating"), say("sa_evidence")]];
    comps.forEach((c) => rows.push([c.title, rating(c), state.n[c.id] || ""]));
    return csv(rows, csvCell);
  }

  const sum = el("p", { id: "sc-summary", "class": "gap", role: "status" });
  const summary = () => { sum.textContent = say("sc_rated", { n: comps.filter((c) => state.r[c.id] != null).length, total: comps.length }); };
  // A rating and a note under each competency's questions.
  comps.forEach((c) => {
    const slot = document.querySelector('.score-slot[data-competency="' + c.id + '"]');
    if (!slot) return;
    const note = el("textarea", { id: "sc-note-" + c.id, rows: "3" });
    note.value = state.n[c.id] || "";
    note.addEventListener("input", () => { state.n[c.id] = note.value; save(); });
    slot.textContent = "";
    slot.appendChild(el("fieldset", { "class": "competency" }, [
      el("legend", { text: say("sc_score", { title: c.title }) }),
      ratings("sc", c.id, labels, state.r[c.id], say("sc_against"), (i) => { state.r[c.id] = i; save(); summary(); }),
      el("p", { "class": "field" }, [el("label", { "for": note.id, text: say("sc_evidence") }), note]),
    ]));
  });
  document.documentElement.classList.add("scorecard-live");
  summary();
  const d = download("sc-export", "sc-download", say("sc_exported"), "scorecard.md", (name) => say("sc_download", { name }));
  const clear = () => {
    state = { r: {}, n: {} };
    store(key, null);
    toAddress("s", null);
    location.reload();
  };
  root.appendChild(sum);
  root.appendChild(el("p", { "class": "note", text: say("sc_private") }));
  root.appendChild(el("div", { "class": "export" }, [el("h3", { id: "sc-export-h", text: say("sa_export") }),
    button("sc-export-md", say("sa_show_md"), () => d.show(markdown(), "scorecard.md", "text/markdown")),
    button("sc-export-csv", say("sa_show_csv"), () => d.show(table(), "scorecard.csv", "text/csv")),
    d.link, d.out]));
  root.appendChild(el("p", {}, [button("sc-clear", say("sc_clear"), clear)]));
  if (Object.keys(state.r).length || Object.keys(state.n).length) save();
}

start();
