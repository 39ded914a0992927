// The self-assessment, for one person or for two (the person and their
// manager). Everything stays in this browser: a person's own ratings are
// kept in the address (after #, so never sent to a server) and in
// localStorage; the other person's assessment arrives as a file or a link
// the two exchange themselves. Nothing is fetched or sent.
(function () {
  "use strict";
  var root = document.getElementById("assessment");
  if (!root) return;
  var blank = document.getElementById("sa-blank");
  if (blank) blank.hidden = true; // the printable blank form is for readers without JavaScript
  var tracks = JSON.parse(root.getAttribute("data-tracks"));
  // The release this build is (or "unreleased"), and per release the
  // competencies whose expectation changed on each level.
  var rel = JSON.parse(root.getAttribute("data-release") || "{}");
  var UI = {};
  try { UI = JSON.parse(root.getAttribute("data-ui") || "{}"); } catch (e) {}
  // say returns the page's words for id (data-ui, in the page's language), or the English default,
  // with {name} replaced by vars[name].
  function say(id, english, vars) {
    var s = UI[id] || english;
    Object.keys(vars || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(vars[k])); });
    return s;
  }
  var RATINGS = [say("sa_not_yet", "Not yet"), say("sa_partly", "Partly"), say("sa_consistently", "Consistently")];
  var WORDS = ["not-yet", "partly", "consistently"]; // ratings in files, in every language
  var KEY = "self-assessment", OTHER = "self-assessment-other";
  var FORMAT = "product-roles-handbook-assessment", VERSION = 1;
  var release = rel.current || "unreleased";

  // ---- encoding and storage ----
  function b64(text) { return btoa(unescape(encodeURIComponent(text))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""); }
  function unb64(t) { return decodeURIComponent(escape(atob(t.replace(/-/g, "+").replace(/_/g, "/")))); }
  function decode(t) { try { return JSON.parse(unb64(t)); } catch (e) { return null; } }
  function stored(key) { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; } }
  function load() {
    var m = /^#a=(.+)$/.exec(location.hash);
    var s = m && decode(m[1]);
    if (!s) s = stored(KEY);
    return s && typeof s === "object" ? s : {};
  }
  var state = load();
  var other = stored(OTHER); // {file: a checked file, shown: whether the reader chose to compare}
  if (!other || !other.file) other = null;
  function track() { return tracks.filter(function (t) { return t.id === state.t; })[0] || tracks[0]; }
  function rated() { return Object.keys(state.r || {}).length > 0; }
  function target(t) { var c = state.c || 0; return state.g == null ? Math.min(c + 1, t.levels.length - 1) : Math.min(state.g, t.levels.length - 1); }
  function role() { return state.p === "m" ? "manager" : "self"; }
  // save records the release the assessment is made against; keep leaves
  // the recorded one (when the page only reopens it).
  function save(keep) {
    if (!keep) state.v = release;
    history.replaceState(null, "", location.pathname + location.search + (Object.keys(state).length ? "#a=" + b64(JSON.stringify(state)) : ""));
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) {}
  }
  function saveOther() {
    try { if (other) localStorage.setItem(OTHER, JSON.stringify(other)); else localStorage.removeItem(OTHER); } catch (e) {}
  }

  // ---- SHA-256, for the check that tells a changed file from an exported one ----
  var K = [], H0 = [];
  (function () {
    function frac(x) { return ((x - Math.floor(x)) * 4294967296) | 0; }
    for (var n = 2, i = 0; i < 64; n++) {
      var prime = true;
      for (var d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
      if (!prime) continue;
      if (i < 8) H0[i] = frac(Math.sqrt(n));
      K[i++] = frac(Math.cbrt(n));
    }
  })();
  function sha256(text) {
    var s = unescape(encodeURIComponent(text)), len = s.length, words = [], i;
    for (i = 0; i < len; i++) words[i >> 2] |= s.charCodeAt(i) << (24 - (i % 4) * 8);
    words[len >> 2] |= 0x80 << (24 - (len % 4) * 8);
    var total = ((len + 8) >> 6) * 16 + 16;
    for (i = words.length; i < total; i++) words[i] = words[i] | 0;
    words[total - 1] = len * 8;
    words[total - 2] = Math.floor(len / 536870912);
    var h = H0.slice(), w = [];
    function rot(x, n) { return (x >>> n) | (x << (32 - n)); }
    for (var b = 0; b < total; b += 16) {
      var a = h.slice();
      for (i = 0; i < 64; i++) {
        if (i < 16) w[i] = words[b + i] | 0;
        else {
          var x = w[i - 15], y = w[i - 2];
          w[i] = ((rot(x, 7) ^ rot(x, 18) ^ (x >>> 3)) + w[i - 7] + (rot(y, 17) ^ rot(y, 19) ^ (y >>> 10)) + w[i - 16]) | 0;
        }
        var t1 = (a[7] + (rot(a[4], 6) ^ rot(a[4], 11) ^ rot(a[4], 25)) + ((a[4] & a[5]) ^ (~a[4] & a[6])) + K[i] + w[i]) | 0;
        var t2 = ((rot(a[0], 2) ^ rot(a[0], 13) ^ rot(a[0], 22)) + ((a[0] & a[1]) ^ (a[0] & a[2]) ^ (a[1] & a[2]))) | 0;
        a = [(t1 + t2) | 0, a[0], a[1], a[2], (a[3] + t1) | 0, a[4], a[5], a[6]];
      }
      for (i = 0; i < 8; i++) h[i] = (h[i] + a[i]) | 0;
    }
    return h.map(function (v) { return ("00000000" + (v >>> 0).toString(16)).slice(-8); }).join("");
  }

  // ---- the file ----
  function sorted(m) { var o = {}; Object.keys(m || {}).sort().forEach(function (k) { o[k] = m[k]; }); return o; }
  // canonical is the text the check is taken over: the fields in this order, maps by key.
  function canonical(f) {
    return JSON.stringify({ format: f.format, version: f.version, release: f.release, track: f.track, level: f.level,
      current: f.current, by: f.by, ratings: sorted(f.ratings), notes: sorted(f.notes) });
  }
  // fileOf is the reader's own assessment as a file: what they chose and typed, nothing else.
  function fileOf() {
    var t = track(), ratings = {}, notes = {};
    Object.keys(state.r || {}).forEach(function (c) { if (WORDS[state.r[c]]) ratings[c] = WORDS[state.r[c]]; });
    Object.keys(state.n || {}).forEach(function (c) { if (state.n[c]) notes[c] = state.n[c]; });
    var f = { format: FORMAT, version: VERSION, release: state.v || release, track: t.id, level: t.levels[target(t)].id,
      current: t.levels[state.c || 0].id, by: role(), ratings: sorted(ratings), notes: sorted(notes) };
    f.check = "sha256:" + sha256(canonical(f));
    return f;
  }
  function fileText() { return JSON.stringify(fileOf(), null, 2) + "\n"; }
  function fileName(f) { return "assessment-" + f.by + "-" + f.level + ".json"; }

  // check reads a file's text: the file, or {error} saying what is wrong with it.
  function check(text) {
    var f;
    try { f = JSON.parse(text); } catch (e) {
      return { error: say("sa_bad_json", "This file could not be read: it is not complete JSON, perhaps cut off in sending. Ask for the file again.") };
    }
    if (!f || typeof f !== "object" || f.format !== FORMAT) {
      return { error: say("sa_bad_format", "This is not an assessment from this handbook (it has no \"format\": \"{format}\"). Files of other career frameworks cannot be compared here.", { format: FORMAT }) };
    }
    if (typeof f.version !== "number" || f.version > VERSION || f.version < 1) {
      return { error: say("sa_bad_version", "This file has format version {v}, and this page reads version {ours}. Open it on the handbook site it came from, or ask for a file made here.", { v: f.version, ours: VERSION }) };
    }
    var fields = ["release", "track", "level", "current", "by"];
    var shape = fields.every(function (k) { return typeof f[k] === "string"; }) && f.ratings && typeof f.ratings === "object" &&
      f.notes && typeof f.notes === "object" && (f.by === "self" || f.by === "manager") &&
      Object.keys(f.ratings).every(function (c) { return WORDS.indexOf(f.ratings[c]) >= 0; }) &&
      Object.keys(f.notes).every(function (c) { return typeof f.notes[c] === "string"; });
    if (!shape || f.check !== "sha256:" + sha256(canonical(f))) {
      return { error: say("sa_bad_check", "This file was changed after it was exported: its check does not match its contents. Ask for a fresh export rather than an edited file.") };
    }
    var t = tracks.filter(function (x) { return x.id === f.track; })[0];
    var li = t ? t.levels.map(function (l) { return l.id; }).indexOf(f.level) : -1;
    if (li < 0) {
      return { error: say("sa_bad_level", "This file rates the level \"{level}\" of the track \"{track}\", which this handbook does not have. Was it made with another company's handbook?", { level: f.level, track: f.track }) };
    }
    return { file: f, track: t, level: li };
  }

  // ---- words ----
  function steps(n) { return n === 1 ? say("sa_step", "1 step") : say("sa_steps", "{n} steps", { n: n }); }
  function ratingWord(r) { return r == null ? say("sa_not_rated", "Not rated") : RATINGS[r]; }
  function byWord(by) { return by === "manager" ? say("sa_manager", "Manager") : say("sa_self", "Self"); }
  function whoWord(by) { return by === "manager" ? say("sa_who_manager", "the manager") : say("sa_who_self", "the person themselves"); }
  function oneLine(s) { return (s || "").replace(/\s+/g, " ").trim(); }
  // md escapes what Markdown would read as markup in text a person typed.
  function md(s) { return oneLine(s).replace(/([\\`*_\[\]<>|#])/g, "\\$1"); }
  // csvCell quotes every cell and defuses what a spreadsheet would run as a formula (OWASP, CSV injection).
  function csvCell(s) {
    s = String(s);
    if (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }

  // ---- the comparison ----
  // views returns both assessments as {self, manager}: each {r: ratings by competency, n: notes, release}.
  function views() {
    var mine = { r: state.r || {}, n: state.n || {}, release: state.v || release };
    if (!other) { var v = {}; v[role()] = mine; return v; }
    var f = other.file, theirs = { r: {}, n: f.notes, release: f.release };
    Object.keys(f.ratings).forEach(function (c) { theirs.r[c] = WORDS.indexOf(f.ratings[c]); });
    return f.by === "self" ? { self: theirs, manager: mine } : { self: mine, manager: theirs };
  }
  // rows is one entry per competency: both ratings, how far apart, the gap to the target.
  function rows(t, tgt, v) {
    return t.competencies.map(function (c, i) {
      var s = v.self ? v.self.r[c.id] : null, m = v.manager ? v.manager.r[c.id] : null;
      if (s == null) s = null;
      if (m == null) m = null;
      var both = s !== null && m !== null, low = both ? Math.min(s, m) : (s !== null ? s : m);
      return { c: c, i: i, e: c.e[tgt], s: s, m: m, apart: both ? Math.abs(s - m) : null, gap: low === null ? null : 2 - low,
        sn: v.self ? v.self.n[c.id] || "" : "", mn: v.manager ? v.manager.n[c.id] || "" : "" };
    });
  }
  function largest(rs) {
    return rs.filter(function (r) { return r.apart > 0; }).sort(function (a, b) { return b.apart - a.apart || a.i - b.i; }).slice(0, 3);
  }
  function agreement(r) {
    if (r.apart === null) return say("sa_one_rated", "Not rated by both");
    return r.apart === 0 ? say("sa_agreed", "Agreed") : say("sa_apart", "Apart by {steps}", { steps: steps(r.apart) });
  }
  function gapWord(r) { return r.gap === null ? say("sa_not_rated", "Not rated") : r.gap === 0 ? say("sa_no_gap", "None") : steps(r.gap); }
  // between lists the target level's expectations that changed between two releases,
  // or null when one of them is not a release this handbook lists.
  function between(t, li, a, b) {
    var rs = rel.releases || [], vs = rs.map(function (r) { return r.v; });
    var i = vs.indexOf(a), j = vs.indexOf(b);
    if (i < 0 || j < 0) return null;
    var ids = {}, key = t.id + "/" + t.levels[li].id;
    rs.slice(Math.min(i, j) + 1, Math.max(i, j) + 1).forEach(function (r) { ((r.levels || {})[key] || []).forEach(function (c) { ids[c] = true; }); });
    return t.competencies.filter(function (c) { return ids[c.id]; }).map(function (c) { return c.title; });
  }
  function releaseNote(t, tgt, v) {
    var a = v.self.release, b = v.manager.release;
    if (a === b) return "";
    var changed = between(t, tgt, a, b), vars = { a: a, b: b, level: t.levels[tgt].title };
    if (changed === null) return say("sa_rel_unknown", "The two assessments were made under different releases ({a} and {b}), and this handbook does not list both: read the expectations of {level} again before you compare.", vars);
    if (!changed.length) return say("sa_rel_same", "The two assessments were made under different releases ({a} and {b}); no expectation of {level} changed in between.", vars);
    vars.list = changed.join(", ");
    return say("sa_rel_changed", "The two assessments were made under different releases ({a} and {b}). These expectations of {level} changed in between: {list}. Talk about them in today's wording.", vars);
  }
  function tally(rs, tgtTitle) {
    var both = rs.filter(function (r) { return r.apart !== null; }), agreed = both.filter(function (r) { return r.apart === 0; }).length;
    var short = rs.filter(function (r) { return r.gap !== 0; }).length;
    return say("sa_tally", "Agreed on {agreed} of {total} expectations, apart on {apart}. {short} of {total} are not yet consistent at {level}, by the lower rating.",
      { agreed: agreed, apart: both.length - agreed, total: rs.length, short: short, level: tgtTitle });
  }

  // ---- exports ----
  function markdownOne() {
    var t = track(), cur = t.levels[state.c || 0], tgt = t.levels[target(t)];
    var lines = ["# " + say("sa_title", "Self-assessment: ") + t.title, "", say("sa_current", "Current level: ") + cur.title, say("sa_target", "Target level: ") + tgt.title, ""];
    if (rel.label) lines.splice(4, 0, say("sa_release", "Handbook release: ") + rel.label);
    t.competencies.forEach(function (c) {
      var r = (state.r || {})[c.id], n = (state.n || {})[c.id];
      lines.push("## " + c.title, "", say("sa_expected_at", "Expected at ") + tgt.title + ": " + c.e[t.levels.indexOf(tgt)], "",
        say("sa_rating", "Rating") + ": " + ratingWord(r), say("sa_evidence", "Evidence") + ": " + (n ? md(n) : say("sa_none", "(none)")), "");
    });
    lines.push(say("sa_aid", "This is a conversation aid, not a promotion checklist."), "");
    return lines.join("\n");
  }
  function markdownTwo() {
    var t = track(), tgt = target(t), v = views(), rs = rows(t, tgt, v), tt = t.levels[tgt].title;
    var lines = ["# " + say("sa_two_title", "Two views: ") + t.title, "", say("sa_current", "Current level: ") + t.levels[state.c || 0].title,
      say("sa_target", "Target level: ") + tt, say("sa_self_release", "Self-assessment made under: ") + v.self.release,
      say("sa_manager_release", "Manager's assessment made under: ") + v.manager.release, ""];
    var note = releaseNote(t, tgt, v);
    if (note) lines.push(note, "");
    lines.push(tally(rs, tt), "", "## " + say("sa_largest", "Largest disagreements"), "");
    var top = largest(rs);
    if (!top.length) lines.push(say("sa_no_disagreement", "None: you agree on every expectation you both rated."));
    top.forEach(function (r, i) {
      lines.push((i + 1) + ". " + say("sa_top_line", "{competency}: self {self}, manager {manager} ({steps} apart)",
        { competency: r.c.title, self: ratingWord(r.s), manager: ratingWord(r.m), steps: steps(r.apart) }));
    });
    lines.push("");
    rs.forEach(function (r) {
      lines.push("## " + r.c.title, "", say("sa_expected_at", "Expected at ") + tt + ": " + r.e, "",
        "- " + say("sa_self", "Self") + ": " + ratingWord(r.s), "- " + say("sa_manager", "Manager") + ": " + ratingWord(r.m),
        "- " + agreement(r), "- " + say("sa_gap_to", "Gap to {level}", { level: tt }) + ": " + gapWord(r),
        "- " + say("sa_self_notes", "Self's evidence") + ": " + (r.sn ? md(r.sn) : say("sa_none", "(none)")),
        "- " + say("sa_manager_notes", "Manager's evidence") + ": " + (r.mn ? md(r.mn) : say("sa_none", "(none)")), "");
    });
    lines.push(say("sa_aid", "This is a conversation aid, not a promotion checklist."), "");
    return lines.join("\n");
  }
  function csv() {
    var t = track(), tgt = target(t), rs = rows(t, tgt, views());
    var out = [[say("sa_competency", "Competency"), say("sa_expected_at", "Expected at ") + t.levels[tgt].title, say("sa_self", "Self"),
      say("sa_manager", "Manager"), say("sa_gap", "Gap"), say("sa_self_notes", "Self's evidence"), say("sa_manager_notes", "Manager's evidence")]];
    rs.forEach(function (r) {
      out.push([r.c.title, r.e, r.s === null ? "" : RATINGS[r.s], r.m === null ? "" : RATINGS[r.m], r.gap === null ? "" : String(r.gap), oneLine(r.sn), oneLine(r.mn)]);
    });
    return out.map(function (row) { return row.map(csvCell).join(","); }).join("\n") + "\n";
  }

  // changed lists the expectations of the given levels that changed in the
  // releases after the one the assessment was saved against.
  function changed(t, levels) {
    var rs = rel.releases || [], from = -1, out = [];
    if (!state.v || state.v === release) return out;
    rs.forEach(function (r, i) { if (r.v === state.v) from = i; });
    if (from < 0) return out;
    levels.forEach(function (li) {
      var key = t.id + "/" + t.levels[li].id, ids = {};
      rs.slice(from + 1).forEach(function (r) { ((r.levels || {})[key] || []).forEach(function (c) { ids[c] = true; }); });
      t.competencies.forEach(function (c) { if (ids[c.id]) out.push({ id: c.id, text: c.title + " (" + t.levels[li].title + ")" }); });
    });
    return out;
  }

  // ---- the page ----
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (kids || []).forEach(function (c) { if (c) e.appendChild(c); });
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
  function button(id, text, onclick, cls) {
    var b = el("button", { type: "button", id: id, "class": cls || "sa-button", text: text });
    b.addEventListener("click", onclick);
    return b;
  }
  var message = { text: "", error: false }; // what the last import said
  function tell(text, error) { message = { text: text, error: !!error }; }

  // take imports a file's text as the other view, or says why not; on any
  // problem nothing changes.
  function take(text) {
    var got = check(text);
    if (got.error) { tell(got.error, true); render(); return; }
    var f = got.file, t = track();
    var mineRated = rated();
    if (f.by === role() && mineRated) {
      tell(say("sa_same_role", "This file is an assessment by {who} too. To compare, one of you rates as the manager: change \"You are rating\" above if you are the manager.", { who: whoWord(f.by) }), true);
      render(); return;
    }
    if (mineRated && (t.id !== got.track.id || target(t) !== got.level)) {
      tell(say("sa_other_level", "This file rates {level} ({track}); you are rating {own}. Choose {level} as the target level to compare, or clear your ratings first.",
        { level: got.track.levels[got.level].title, track: got.track.title, own: t.levels[target(t)].title }), true);
      render(); return;
    }
    if (!mineRated) {
      var ci = got.track.levels.map(function (l) { return l.id; }).indexOf(f.current);
      state.t = got.track.id; state.c = ci < 0 ? got.level : ci; state.g = got.level;
      state.p = f.by === "self" ? "m" : "s";
      save();
    }
    var known = {}, dropped = 0;
    got.track.competencies.forEach(function (c) { known[c.id] = true; });
    Object.keys(f.ratings).forEach(function (c) { if (!known[c]) { delete f.ratings[c]; dropped++; } });
    other = { file: f, shown: false };
    saveOther();
    var words = say("sa_imported", "Imported the assessment by {who} for {level}, made under release {release}. Its ratings stay hidden until you choose to compare.",
      { who: whoWord(f.by), level: got.track.levels[got.level].title, release: f.release });
    if (dropped) words += " " + say("sa_dropped", "{n} of its ratings are for competencies this handbook does not have and were left out.", { n: dropped });
    tell(words, false);
    render();
  }

  function report(t, tgt) {
    var v = views(), rs = rows(t, tgt, v), tt = t.levels[tgt].title;
    var sec = el("section", { id: "sa-report", "class": "sa-report", "aria-labelledby": "sa-report-h" }, [
      el("h2", { id: "sa-report-h", text: say("sa_report", "Both views compared") }),
      el("p", { "class": "sa-meta", text: [t.title, say("sa_current", "Current level: ") + t.levels[state.c || 0].title, say("sa_target", "Target level: ") + tt].join(" · ") }),
      el("p", { "class": "sa-meta", text: say("sa_self_release", "Self-assessment made under: ") + v.self.release + " · " + say("sa_manager_release", "Manager's assessment made under: ") + v.manager.release })
    ]);
    var note = releaseNote(t, tgt, v);
    if (note) sec.appendChild(el("p", { id: "sa-report-changed", "class": "notice", text: note }));
    sec.appendChild(el("p", { id: "sa-tally", "class": "sa-tally", text: tally(rs, tt) }));
    sec.appendChild(el("h3", { id: "sa-largest-h", text: say("sa_largest", "Largest disagreements") }));
    var top = largest(rs);
    if (!top.length) sec.appendChild(el("p", { id: "sa-largest", text: say("sa_no_disagreement", "None: you agree on every expectation you both rated.") }));
    else {
      sec.appendChild(el("ol", { id: "sa-largest", "class": "sa-largest", "aria-labelledby": "sa-largest-h" }, top.map(function (r) {
        return el("li", { text: say("sa_top_line", "{competency}: self {self}, manager {manager} ({steps} apart)",
          { competency: r.c.title, self: ratingWord(r.s), manager: ratingWord(r.m), steps: steps(r.apart) }) });
      })));
    }
    sec.appendChild(el("h3", { id: "sa-each-h", text: say("sa_each", "Competency by competency") }));
    var list = el("div", { "class": "sa-rows" });
    rs.forEach(function (r) {
      var cls = "sa-row" + (r.apart > 0 ? " sa-apart" : "");
      list.appendChild(el("section", { "class": cls, id: "sa-row-" + r.c.id, "aria-labelledby": "sa-row-h-" + r.c.id }, [
        el("h4", { id: "sa-row-h-" + r.c.id, text: r.c.title }),
        el("p", { "class": "sa-expect", text: say("sa_expected_at", "Expected at ") + tt + ": " + r.e }),
        el("dl", { "class": "sa-pairs" }, [
          el("div", {}, [el("dt", { text: say("sa_self", "Self") }), el("dd", { "class": "sa-self", text: ratingWord(r.s) })]),
          el("div", {}, [el("dt", { text: say("sa_manager", "Manager") }), el("dd", { "class": "sa-manager", text: ratingWord(r.m) })]),
          el("div", {}, [el("dt", { text: say("sa_agreement", "Agreement") }), el("dd", { "class": "sa-agreement", text: agreement(r) })]),
          el("div", {}, [el("dt", { text: say("sa_gap_to", "Gap to {level}", { level: tt }) }), el("dd", { "class": "sa-gap", text: gapWord(r) })])
        ]),
        r.sn ? el("p", { "class": "sa-note" }, [el("strong", { text: say("sa_self_notes", "Self's evidence") + ": " }), document.createTextNode(oneLine(r.sn))]) : null,
        r.mn ? el("p", { "class": "sa-note" }, [el("strong", { text: say("sa_manager_notes", "Manager's evidence") + ": " }), document.createTextNode(oneLine(r.mn))]) : null
      ]));
    });
    sec.appendChild(list);
    sec.appendChild(el("p", { "class": "sa-aid", text: say("sa_aid", "This is a conversation aid, not a promotion checklist.") }));
    return sec;
  }

  function render() {
    var t = track();
    if (state.t !== t.id) state.t = t.id;
    var cur = state.c || 0;
    if (cur >= t.levels.length) cur = state.c = 0;
    var tgt = target(t);
    root.textContent = "";
    var names = t.levels.map(function (l) { return l.title; });
    var locked = !!other; // with an imported view, the level compared is the file's
    root.appendChild(el("div", { "class": "choices" }, [
      select("sa-role", say("sa_role", "You are rating"), [say("sa_role_self", "Yourself"), say("sa_role_manager", "Someone you manage")], state.p === "m" ? 1 : 0,
        function (i) { state.p = i ? "m" : "s"; save(); render(); }),
      select("sa-track", say("sa_track", "Track"), tracks.map(function (x) { return x.title; }), tracks.indexOf(t), function (i) { state = { t: tracks[i].id, p: state.p }; save(); render(); }),
      select("sa-current", say("sa_your_level", "Your current level"), names, cur, function (i) { state.c = i; save(); render(); }),
      select("sa-target", say("sa_aim", "Level you are aiming for"), names, tgt, function (i) { state.g = i; save(); render(); })
    ]));
    if (locked) ["sa-track", "sa-target"].forEach(function (id) { document.getElementById(id).disabled = true; });
    var moved = changed(t, cur === tgt ? [tgt] : [cur, tgt]);
    if (moved.length) {
      root.appendChild(el("p", { id: "sa-changed", "class": "notice", role: "status", text: say("sa_changed", "You saved this assessment against {v}; since then these expectations changed: {list}. Read them again before you rely on your ratings.",
        { v: state.v, list: moved.map(function (m) { return m.text; }).join(", ") }) }));
    }
    var sum = el("p", { id: "sa-summary", "class": "gap", role: "status" });
    function summary() {
      var r = state.r || {}, done = t.competencies.filter(function (c) { return r[c.id] != null; }).length;
      var n = t.competencies.filter(function (c) { return r[c.id] !== 2; }).length, vars = { n: n, total: t.competencies.length, level: t.levels[tgt].title, done: done,
        gaps: t.competencies.filter(function (c) { return r[c.id] != null && r[c.id] !== 2; }).length };
      // Nothing rated, nothing said: the page opens without a verdict.
      sum.textContent = done === 0 ? "" : done < t.competencies.length ? say("sa_progress", "{done} of {total} rated so far; {gaps} not yet consistent.", vars)
        : n === 0 ? say("sa_all_done", "You do every expectation of {level} consistently: bring your evidence to your next conversation.", vars)
          : say("sa_gaps", "{n} of {total} expectations of {level} are not yet consistent: these are the ones to talk about.", vars);
    }
    root.appendChild(sum);
    summary();
    var list = el("div", { "class": "competencies" });
    t.competencies.forEach(function (c) {
      var r = (state.r || {})[c.id];
      var opts = RATINGS.map(function (label, i) {
        var id = "sa-" + c.id + "-" + i;
        var input = el("input", { type: "radio", name: "sa-" + c.id, id: id, value: String(i) });
        if (r === i) input.checked = true;
        input.addEventListener("change", function () { state.r = state.r || {}; state.r[c.id] = i; save(); summary(); if (other && other.shown) render(); });
        return el("span", { "class": "rating choice" }, [input, el("label", { "for": id, text: label })]);
      });
      var note = el("textarea", { id: "sa-note-" + c.id, rows: "2" });
      note.value = (state.n || {})[c.id] || "";
      note.addEventListener("input", function () { state.n = state.n || {}; state.n[c.id] = note.value; save(); });
      list.appendChild(el("fieldset", { "class": "competency" }, [
        el("legend", { text: c.title }),
        cur !== tgt ? el("p", { "class": "expect-current", text: say("sa_at", "At ") + t.levels[cur].title + ": " + c.e[cur] }) : null,
        el("p", { "class": "expect-target", text: say("sa_at", "At ") + t.levels[tgt].title + ": " + c.e[tgt] }),
        el("div", { "class": "ratings choice-group", role: "radiogroup", "aria-label": say("sa_how", "How consistently you do this") }, opts),
        el("p", { "class": "field" }, [el("label", { "for": note.id, text: say("sa_notes", "Evidence and examples (optional)") }), note])
      ]));
    });
    root.appendChild(list);

    // Share and compare.
    var share = el("section", { "class": "sa-share", "aria-labelledby": "sa-share-h" }, [
      el("h2", { id: "sa-share-h", text: say("sa_share", "Compare with the other view") }),
      el("p", { text: say("sa_share_how", "The person and their manager each rate the same level on their own. One exports their assessment as a file or a link and sends it; the other imports it here. The imported ratings stay hidden until you choose to compare. Nothing is uploaded: the file holds only the levels, the ratings and the notes you typed.") })
    ]);
    var fileInput = el("input", { type: "file", id: "sa-import-file", accept: ".json,application/json" });
    fileInput.addEventListener("change", function () {
      var f = fileInput.files && fileInput.files[0];
      if (!f) return;
      var reader = new FileReader();
      reader.onload = function () { take(String(reader.result)); };
      reader.onerror = function () { tell(say("sa_bad_json", "This file could not be read: it is not complete JSON, perhaps cut off in sending. Ask for the file again."), true); render(); };
      reader.readAsText(f);
    });
    var paste = el("textarea", { id: "sa-import-text", rows: "3" });
    share.appendChild(el("div", { "class": "sa-import" }, [
      el("p", { "class": "field" }, [el("label", { "for": "sa-import-file", text: say("sa_import_file", "Import their file") }), fileInput]),
      el("p", { "class": "field" }, [el("label", { "for": "sa-import-text", text: say("sa_import_paste", "Or paste their file or link") }), paste]),
      el("p", {}, [button("sa-import-go", say("sa_import", "Import"), function () {
        var text = paste.value.trim(), m = /#import=([A-Za-z0-9_-]+)/.exec(text);
        if (m) { try { text = unb64(m[1]); } catch (e) { text = ""; } }
        take(text);
      })])
    ]));
    if (message.text) share.appendChild(el("p", { id: "sa-import-msg", "class": message.error ? "sa-msg sa-error" : "sa-msg", role: message.error ? "alert" : "status", text: message.text }));
    if (other) {
      var f = other.file;
      var ot = tracks.filter(function (x) { return x.id === f.track; })[0] || t;
      var olv = ot.levels.filter(function (l) { return l.id === f.level; })[0] || ot.levels[0];
      share.appendChild(el("p", { id: "sa-other", "class": "sa-other", text: say("sa_holding", "Imported: the assessment by {who} for {level}, made under release {release}.", { who: whoWord(f.by), level: olv.title, release: f.release }) }));
      share.appendChild(el("p", { "class": "sa-actions" }, [
        button("sa-compare", other.shown ? say("sa_hide_compare", "Hide the comparison") : say("sa_compare", "Compare the two views"), function () {
          other.shown = !other.shown; saveOther(); message = { text: "", error: false }; render();
          if (other.shown) document.getElementById("sa-report-h").focus();
        }),
        button("sa-forget", say("sa_forget", "Remove the imported assessment"), function () { other = null; saveOther(); message = { text: "", error: false }; render(); }, "sa-button sa-quiet")
      ]));
    }
    root.appendChild(share);
    if (other && other.shown) {
      var rep = report(t, tgt);
      rep.querySelector("h2").setAttribute("tabindex", "-1");
      root.appendChild(rep);
    }

    // Exports.
    var out = el("textarea", { id: "sa-export", rows: "8", readonly: "readonly", "aria-label": say("sa_exported", "Exported text") });
    var dl = el("a", { id: "sa-download", "class": "download", download: "self-assessment.md", hidden: "hidden" }); // no href until there is a file: an empty link with one is a link to nothing (pa11y H91)
    function show(text, name, type) {
      out.value = text;
      out.hidden = false;
      if (!name) { dl.hidden = true; dl.removeAttribute("href"); return; }
      dl.hidden = false;
      dl.setAttribute("download", name);
      dl.textContent = say("sa_download", "Download ") + name;
      dl.href = URL.createObjectURL(new Blob([text], { type: type }));
    }
    out.hidden = true;
    root.appendChild(el("div", { "class": "export" }, [
      el("h2", { id: "sa-export-h", text: say("sa_export", "Export") }),
      el("p", { "class": "sa-actions" }, [
        button("sa-export-file", say("sa_show_file", "File to send (JSON)"), function () { show(fileText(), fileName(fileOf()), "application/json"); }),
        button("sa-export-link", say("sa_show_link", "Link to send"), function () {
          show(location.origin + location.pathname + "#import=" + b64(JSON.stringify(fileOf())), "", "");
        }),
        button("sa-export-md", say("sa_show_md", "Show as Markdown"), function () {
          show(other && other.shown ? markdownTwo() : markdownOne(), other && other.shown ? "assessment-report.md" : "self-assessment.md", "text/markdown");
        }),
        button("sa-export-csv", say("sa_show_csv", "Show as CSV"), function () { show(csv(), "assessment.csv", "text/csv"); })
      ]),
      dl, out]));
    var clear = button("sa-clear", say("sa_clear", "Clear everything"), function () {
      state = {}; other = null; message = { text: "", error: false };
      try { localStorage.removeItem(KEY); localStorage.removeItem(OTHER); } catch (e) {}
      history.replaceState(null, "", location.pathname + location.search);
      render();
    }, "sa-button sa-quiet");
    root.appendChild(el("p", { "class": "sa-clear" }, [clear]));
  }

  // A link with #import= brings the other person's assessment.
  var link = /^#import=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (link) {
    var text = "";
    try { text = unb64(link[1]); } catch (e) {}
    state = stored(KEY) || {};
    take(text);
    save(true);
  } else {
    render();
    if (Object.keys(state).length) save(true); // the address always holds the current state, ready to share
  }
})();
