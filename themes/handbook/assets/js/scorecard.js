// The fill-in interview scorecard: everything stays in this browser. The
// marks and notes are kept in the address (after #, so they are never sent
// to a server) and in localStorage; nothing is fetched or sent.
(function () {
  "use strict";
  var root = document.getElementById("scorecard");
  if (!root) return;
  var comps = JSON.parse(root.getAttribute("data-competencies"));
  var title = root.getAttribute("data-title");
  var KEY = "scorecard:" + root.getAttribute("data-id");
  // Every word comes from the page (data-ui, written from the theme's i18n); the English here is a fallback.
  var UI = JSON.parse(root.getAttribute("data-ui") || "{}");
  function say(key, fallback, vals) {
    var s = UI[key] || fallback;
    Object.keys(vals || {}).forEach(function (k) { s = s.split("{" + k + "}").join(vals[k]); });
    return s;
  }
  var RATINGS = [say("sa_not_yet", "Not yet"), say("score_meets", "Meets"), say("score_exceeds", "Exceeds")];

  function encode(s) { return btoa(unescape(encodeURIComponent(JSON.stringify(s)))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""); }
  function decode(t) {
    try { return JSON.parse(decodeURIComponent(escape(atob(t.replace(/-/g, "+").replace(/_/g, "/"))))); } catch (e) { return null; }
  }
  function load() {
    var m = /^#s=(.+)$/.exec(location.hash);
    var s = m && decode(m[1]);
    if (!s) { try { s = JSON.parse(localStorage.getItem(KEY) || "null"); } catch (e) { s = null; } }
    if (!s || typeof s !== "object") s = {};
    s.r = s.r || {};
    s.n = s.n || {};
    return s;
  }
  var state = load();
  function save() {
    history.replaceState(null, "", location.pathname + location.search + "#s=" + encode(state));
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) {}
  }
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (kids || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }
  function rating(c) { var r = state.r[c.id]; return r == null ? say("sa_not_rated", "Not rated") : RATINGS[r]; }
  function note(c) { return (state.n[c.id] || "").replace(/\s+/g, " ").trim(); }

  function markdown() {
    var lines = ["# " + say("sc_md_title", "Interview scorecard: {title}", { title: title }), "",
      say("sc_md_scale", "Scored against the written signals for this level: {ratings}.", { ratings: RATINGS.join(", ") }), ""];
    comps.forEach(function (c) {
      lines.push("## " + c.title, "", say("sa_rating", "Rating") + ": " + rating(c),
        say("sa_evidence", "Evidence") + ": " + (note(c) || say("sa_none", "(none)")), "");
    });
    return lines.join("\n");
  }
  function csvCell(s) { return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
  function csv() {
    var rows = [[say("sa_competency", "Competency"), say("sa_rating", "Rating"), say("sa_evidence", "Evidence")]];
    comps.forEach(function (c) { rows.push([c.title, rating(c), state.n[c.id] || ""]); });
    return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\n") + "\n";
  }

  var sum = el("p", { id: "sc-summary", "class": "gap", role: "status" });
  function summary() {
    var rated = comps.filter(function (c) { return state.r[c.id] != null; }).length;
    sum.textContent = say("sc_rated", "{n} of {total} competencies rated.", { n: rated, total: comps.length });
  }
  // A rating and a note under each competency's questions.
  comps.forEach(function (c) {
    var slot = document.querySelector('.score-slot[data-competency="' + c.id + '"]');
    if (!slot) return;
    var opts = RATINGS.map(function (label, i) {
      var id = "sc-" + c.id + "-" + i;
      var input = el("input", { type: "radio", name: "sc-" + c.id, id: id, value: String(i) });
      if (state.r[c.id] === i) input.checked = true;
      input.addEventListener("change", function () { state.r[c.id] = i; save(); summary(); });
      return el("span", { "class": "rating choice" }, [input, el("label", { "for": id, text: label })]);
    });
    var ta = el("textarea", { id: "sc-note-" + c.id, rows: "3" });
    ta.value = state.n[c.id] || "";
    ta.addEventListener("input", function () { state.n[c.id] = ta.value; save(); });
    slot.textContent = "";
    slot.appendChild(el("fieldset", { "class": "competency" }, [
      el("legend", { text: say("sc_score", "Score: {title}", { title: c.title }) }),
      el("div", { "class": "ratings choice-group", role: "radiogroup", "aria-label": say("sc_against", "Against the signals for this level") }, opts),
      el("p", { "class": "field" }, [el("label", { "for": ta.id, text: say("sc_evidence", "Evidence: what the candidate said") }), ta])
    ]));
  });
  document.documentElement.classList.add("scorecard-live");
  summary();
  var out = el("textarea", { id: "sc-export", rows: "8", readonly: "readonly", "aria-label": say("sc_exported", "Exported scorecard") });
  var dl = el("a", { id: "sc-download", "class": "download", download: "scorecard.md", hidden: "hidden" }); // no href until there is a file (pa11y H91)
  function show(text, name, type) {
    out.value = text;
    out.hidden = false;
    dl.hidden = false;
    dl.setAttribute("download", name);
    dl.textContent = say("sc_download", "Download {name}", { name: name });
    dl.href = URL.createObjectURL(new Blob([text], { type: type }));
  }
  var mdBtn = el("button", { type: "button", id: "sc-export-md", text: say("sa_show_md", "Show as Markdown") });
  var csvBtn = el("button", { type: "button", id: "sc-export-csv", text: say("sa_show_csv", "Show as CSV") });
  mdBtn.addEventListener("click", function () { show(markdown(), "scorecard.md", "text/markdown"); });
  csvBtn.addEventListener("click", function () { show(csv(), "scorecard.csv", "text/csv"); });
  out.hidden = true;
  var clear = el("button", { type: "button", id: "sc-clear", text: say("sc_clear", "Clear the scorecard") });
  clear.addEventListener("click", function () {
    state = { r: {}, n: {} };
    try { localStorage.removeItem(KEY); } catch (e) {}
    history.replaceState(null, "", location.pathname + location.search);
    location.reload();
  });
  root.appendChild(sum);
  root.appendChild(el("p", { "class": "note", text: say("sc_private", "Your marks and notes stay in this browser: in this page's address (share it only with the hiring panel) and in local storage. Nothing is sent anywhere.") }));
  root.appendChild(el("div", { "class": "export" }, [el("h3", { id: "sc-export-h", text: say("sa_export", "Export") }), mdBtn, csvBtn, dl, out]));
  root.appendChild(el("p", {}, [clear]));
  if (Object.keys(state.r).length || Object.keys(state.n).length) save();
})();
