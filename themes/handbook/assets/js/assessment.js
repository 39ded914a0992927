// The self-assessment: everything stays in this browser. The state is kept
// in the address (after #, so it is never sent to a server) and in
// localStorage; nothing is fetched or sent.
(function () {
  "use strict";
  var root = document.getElementById("assessment");
  if (!root) return;
  var tracks = JSON.parse(root.getAttribute("data-tracks"));
  // The release this build is (or "unreleased"), and per release the
  // competencies whose expectation changed on each level.
  var rel = JSON.parse(root.getAttribute("data-release") || "{}");
  var RATINGS = ["Not yet", "Partly", "Consistently"];
  var KEY = "self-assessment";

  function encode(s) { return btoa(unescape(encodeURIComponent(JSON.stringify(s)))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""); }
  function decode(t) {
    try { return JSON.parse(decodeURIComponent(escape(atob(t.replace(/-/g, "+").replace(/_/g, "/"))))); } catch (e) { return null; }
  }
  function load() {
    var m = /^#a=(.+)$/.exec(location.hash);
    var s = m && decode(m[1]);
    if (!s) { try { s = JSON.parse(localStorage.getItem(KEY) || "null"); } catch (e) { s = null; } }
    return s && typeof s === "object" ? s : {};
  }
  var state = load();
  function track() { return tracks.filter(function (t) { return t.id === state.t; })[0] || tracks[0]; }
  // save records the release the assessment is made against; keep leaves
  // the recorded one (when the page only reopens it).
  function save(keep) {
    if (!keep && rel.current) state.v = rel.current;
    var enc = encode(state);
    history.replaceState(null, "", location.pathname + location.search + "#a=" + enc);
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
  function select(id, label, options, value, onchange) {
    var s = el("select", { id: id });
    options.forEach(function (o, i) {
      var opt = el("option", { value: String(i), text: o });
      if (i === value) opt.selected = true;
      s.appendChild(opt);
    });
    s.addEventListener("change", function () { onchange(parseInt(s.value, 10)); });
    return el("p", { "class": "field" }, [el("label", { "for": id, text: label }), s]);
  }

  function markdown() {
    var t = track(), cur = t.levels[state.c || 0], tgt = t.levels[state.g == null ? Math.min((state.c || 0) + 1, t.levels.length - 1) : state.g];
    var lines = ["# Self-assessment: " + t.title, "", "Current level: " + cur.title, "Target level: " + tgt.title, ""];
    if (rel.label) lines.splice(4, 0, "Handbook release: " + rel.label);
    t.competencies.forEach(function (c) {
      var r = (state.r || {})[c.id], n = (state.n || {})[c.id];
      lines.push("## " + c.title, "", "Expected at " + tgt.title + ": " + c.e[t.levels.indexOf(tgt)], "",
        "Rating: " + (r == null ? "Not rated" : RATINGS[r]), "Evidence: " + (n ? n.replace(/\s+/g, " ") : "(none)"), "");
    });
    lines.push("This is a conversation aid, not a promotion checklist.", "");
    return lines.join("\n");
  }
  function csvCell(s) { return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
  function csv() {
    var t = track(), tgtIndex = state.g == null ? Math.min((state.c || 0) + 1, t.levels.length - 1) : state.g;
    var rows = [["Competency", "Expected at " + t.levels[tgtIndex].title, "Rating", "Evidence"]];
    t.competencies.forEach(function (c) {
      var r = (state.r || {})[c.id];
      rows.push([c.title, c.e[tgtIndex], r == null ? "Not rated" : RATINGS[r], (state.n || {})[c.id] || ""]);
    });
    return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\n") + "\n";
  }

  // changed lists the expectations of the given levels that changed in the
  // releases after the one the assessment was saved against.
  function changed(t, levels) {
    var rs = rel.releases || [], from = -1, out = [];
    if (!state.v || state.v === rel.current) return out;
    rs.forEach(function (r, i) { if (r.v === state.v) from = i; });
    if (from < 0) return out;
    levels.forEach(function (li) {
      var key = t.id + "/" + t.levels[li].id, ids = {};
      rs.slice(from + 1).forEach(function (r) { ((r.levels || {})[key] || []).forEach(function (c) { ids[c] = true; }); });
      t.competencies.forEach(function (c) { if (ids[c.id]) out.push({ id: c.id, text: c.title + " (" + t.levels[li].title + ")" }); });
    });
    return out;
  }

  function render() {
    var t = track();
    if (state.t !== t.id) state.t = t.id;
    var cur = state.c || 0;
    if (cur >= t.levels.length) cur = state.c = 0;
    var tgt = state.g == null ? Math.min(cur + 1, t.levels.length - 1) : Math.min(state.g, t.levels.length - 1);
    root.textContent = "";
    var names = t.levels.map(function (l) { return l.title; });
    root.appendChild(el("div", { "class": "choices" }, [
      select("sa-track", "Track", tracks.map(function (x) { return x.title; }), tracks.indexOf(t), function (i) { state = { t: tracks[i].id }; save(); render(); }),
      select("sa-current", "Your current level", names, cur, function (i) { state.c = i; save(); render(); }),
      select("sa-target", "Level you are aiming for", names, tgt, function (i) { state.g = i; save(); render(); })
    ]));
    var moved = changed(t, cur === tgt ? [tgt] : [cur, tgt]);
    if (moved.length) {
      root.appendChild(el("p", { id: "sa-changed", "class": "notice", role: "status", text: "You saved this assessment against " + state.v +
        "; since then these expectations changed: " + moved.map(function (m) { return m.text; }).join(", ") + ". Read them again before you rely on your ratings." }));
    }
    var gaps = 0;
    var list = el("div", { "class": "competencies" });
    t.competencies.forEach(function (c, ci) {
      var r = (state.r || {})[c.id];
      if (r !== 2) gaps++;
      var opts = RATINGS.map(function (label, i) {
        var id = "sa-" + c.id + "-" + i;
        var input = el("input", { type: "radio", name: "sa-" + c.id, id: id, value: String(i) });
        if (r === i) input.checked = true;
        input.addEventListener("change", function () { state.r = state.r || {}; state.r[c.id] = i; save(); summary(); });
        return el("span", { "class": "rating" }, [input, el("label", { "for": id, text: label })]);
      });
      var note = el("textarea", { id: "sa-note-" + c.id, rows: "2" });
      note.value = (state.n || {})[c.id] || "";
      note.addEventListener("input", function () { state.n = state.n || {}; state.n[c.id] = note.value; save(); });
      list.appendChild(el("fieldset", { "class": "competency" }, [
        el("legend", { text: c.title }),
        el("p", { "class": "expect-target", text: "At " + t.levels[tgt].title + ": " + c.e[tgt] }),
        cur !== tgt ? el("p", { "class": "expect-current", text: "At " + t.levels[cur].title + ": " + c.e[cur] }) : el("span"),
        el("div", { "class": "ratings", role: "radiogroup", "aria-label": "How consistently you do this" }, opts),
        el("p", { "class": "field" }, [el("label", { "for": note.id, text: "Evidence and examples (optional)" }), note])
      ]));
    });
    var sum = el("p", { id: "sa-summary", "class": "gap", role: "status" });
    function summary() {
      var n = t.competencies.filter(function (c) { return (state.r || {})[c.id] !== 2; }).length;
      sum.textContent = n === 0 ? "You do every expectation of " + t.levels[tgt].title + " consistently: bring your evidence to your next conversation."
        : n + " of " + t.competencies.length + " expectations of " + t.levels[tgt].title + " are not yet consistent: these are the ones to talk about.";
    }
    root.appendChild(sum);
    summary();
    root.appendChild(list);
    var out = el("textarea", { id: "sa-export", rows: "8", readonly: "readonly", "aria-label": "Exported text" });
    var mdBtn = el("button", { type: "button", id: "sa-export-md", text: "Show as Markdown" });
    var csvBtn = el("button", { type: "button", id: "sa-export-csv", text: "Show as CSV" });
    var dl = el("a", { id: "sa-download", "class": "download", href: "#", download: "self-assessment.md", hidden: "hidden" });
    function show(text, name, type) {
      out.value = text;
      out.hidden = false;
      dl.hidden = false;
      dl.setAttribute("download", name);
      dl.textContent = "Download " + name;
      dl.href = URL.createObjectURL(new Blob([text], { type: type }));
    }
    mdBtn.addEventListener("click", function () { show(markdown(), "self-assessment.md", "text/markdown"); });
    csvBtn.addEventListener("click", function () { show(csv(), "self-assessment.csv", "text/csv"); });
    out.hidden = true;
    root.appendChild(el("div", { "class": "export" }, [el("h2", { id: "sa-export-h", text: "Export" }), mdBtn, csvBtn, dl, out]));
    var clear = el("button", { type: "button", id: "sa-clear", text: "Clear everything" });
    clear.addEventListener("click", function () {
      state = {};
      try { localStorage.removeItem(KEY); } catch (e) {}
      history.replaceState(null, "", location.pathname + location.search);
      render();
    });
    root.appendChild(el("p", {}, [clear]));
  }
  render();
  if (Object.keys(state).length) save(true); // the address always holds the current state, ready to share
})();
