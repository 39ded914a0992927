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
  var RATINGS = ["Not yet", "Meets", "Exceeds"];

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
  function rating(c) { var r = state.r[c.id]; return r == null ? "Not rated" : RATINGS[r]; }
  function note(c) { return (state.n[c.id] || "").replace(/\s+/g, " ").trim(); }

  function markdown() {
    var lines = ["# Interview scorecard: " + title, "", "Scored against the written signals for this level: " + RATINGS.join(", ") + ".", ""];
    comps.forEach(function (c) {
      lines.push("## " + c.title, "", "Rating: " + rating(c), "Evidence: " + (note(c) || "(none)"), "");
    });
    return lines.join("\n");
  }
  function csvCell(s) { return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
  function csv() {
    var rows = [["Competency", "Rating", "Evidence"]];
    comps.forEach(function (c) { rows.push([c.title, rating(c), state.n[c.id] || ""]); });
    return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\n") + "\n";
  }

  var sum = el("p", { id: "sc-summary", "class": "gap", role: "status" });
  function summary() {
    var rated = comps.filter(function (c) { return state.r[c.id] != null; }).length;
    sum.textContent = rated + " of " + comps.length + " competencies rated.";
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
      return el("span", { "class": "rating" }, [input, el("label", { "for": id, text: label })]);
    });
    var ta = el("textarea", { id: "sc-note-" + c.id, rows: "2" });
    ta.value = state.n[c.id] || "";
    ta.addEventListener("input", function () { state.n[c.id] = ta.value; save(); });
    slot.textContent = "";
    slot.appendChild(el("fieldset", { "class": "competency" }, [
      el("legend", { text: "Score: " + c.title }),
      el("div", { "class": "ratings", role: "radiogroup", "aria-label": "Against the signals for this level" }, opts),
      el("p", { "class": "field" }, [el("label", { "for": ta.id, text: "Evidence: what the candidate said" }), ta])
    ]));
  });
  document.documentElement.classList.add("scorecard-live");
  summary();
  var out = el("textarea", { id: "sc-export", rows: "8", readonly: "readonly", "aria-label": "Exported scorecard" });
  var dl = el("a", { id: "sc-download", "class": "download", download: "scorecard.md", hidden: "hidden" }); // no href until there is a file (pa11y H91)
  function show(text, name, type) {
    out.value = text;
    out.hidden = false;
    dl.hidden = false;
    dl.setAttribute("download", name);
    dl.textContent = "Download " + name;
    dl.href = URL.createObjectURL(new Blob([text], { type: type }));
  }
  var mdBtn = el("button", { type: "button", id: "sc-export-md", text: "Show as Markdown" });
  var csvBtn = el("button", { type: "button", id: "sc-export-csv", text: "Show as CSV" });
  mdBtn.addEventListener("click", function () { show(markdown(), "scorecard.md", "text/markdown"); });
  csvBtn.addEventListener("click", function () { show(csv(), "scorecard.csv", "text/csv"); });
  out.hidden = true;
  var clear = el("button", { type: "button", id: "sc-clear", text: "Clear the scorecard" });
  clear.addEventListener("click", function () {
    state = { r: {}, n: {} };
    try { localStorage.removeItem(KEY); } catch (e) {}
    history.replaceState(null, "", location.pathname + location.search);
    location.reload();
  });
  root.appendChild(sum);
  root.appendChild(el("p", { "class": "note", text: "Your marks and notes stay in this browser: in this page's address (share it only with the hiring panel) and in local storage. Nothing is sent anywhere." }));
  root.appendChild(el("div", { "class": "export" }, [el("h3", { id: "sc-export-h", text: "Export" }), mdBtn, csvBtn, dl, out]));
  root.appendChild(el("p", {}, [clear]));
  if (Object.keys(state.r).length || Object.keys(state.n).length) save();
})();
