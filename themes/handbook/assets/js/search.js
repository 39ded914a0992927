// Full-text search on the search page. The index is fetched only when there
// is something to search for; nothing leaves the browser. The rules for
// splitting words mirror generator/internal/search (Tokens); the index maps
// every word as written to its stem, so no stemmer runs here.
import { el } from "./lib/dom.js";
import { fill } from "./lib/words.js";

function start() {
  var box = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var input = document.getElementById("sq") || document.getElementById("q");
  var jump = document.getElementById("search-jump");
  if (!box || !input || !jump) return;
  var index = null, loading = null, stop = {}, terms = [];
  var say = box.dataset;

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return Array.from(w).length >= 2 && !stop[w];
    });
  }
  function load() {
    if (!loading) {
      loading = fetch(box.getAttribute("data-index")).then(function (r) {
        if (!r.ok) throw new Error("index " + r.status);
        return r.json();
      }).then(function (ix) {
        ix.stop.split(" ").forEach(function (w) { stop[w] = true; });
        ix.posts = ix.posts.map(function (p) { for (var i = 1; i < p.length; i++) p[i] += p[i - 1]; return p; });
        // Every stem and every written form that differs from its stem, sorted, each with its stem.
        ix.words.forEach(function (w, i) { terms.push([w, i]); });
        Object.keys(ix.forms || {}).forEach(function (f) { terms.push([f, ix.forms[f]]); });
        terms.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
        index = ix;
        return ix;
      });
    }
    return loading;
  }
  // Find the stems of the words and forms that start with the typed word
  // (binary search over the sorted terms); exact when a term is the word.
  function matching(w) {
    var lo = 0, hi = terms.length, out = {};
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid][0] < w) lo = mid + 1; else hi = mid; }
    for (var i = lo; i < terms.length && terms[i][0].lastIndexOf(w, 0) === 0; i++) {
      out[terms[i][1]] = out[terms[i][1]] || terms[i][0] === w;
    }
    return out;
  }
  var weight = [1, 3, 4, 10];
  function run(q) {
    var terms = words(q);
    var scores = null;
    terms.forEach(function (t, n) {
      var s = {};
      var exactOnly = n < terms.length - 1; // earlier words whole, the last one as a prefix
      var found = matching(t);
      Object.keys(found).forEach(function (wi) {
        var exact = found[wi];
        if (exactOnly && !exact) return;
        index.posts[wi].forEach(function (p) {
          var doc = p >> 2, w = weight[p & 3] * (exact ? 2 : 1);
          if (!s[doc] || s[doc] < w) s[doc] = w;
        });
      });
      if (scores === null) { scores = s; return; }
      var both = {};
      Object.keys(scores).forEach(function (d) { if (s[d]) both[d] = scores[d] + s[d]; });
      scores = both;
    });
    return scores || {};
  }
  // The words of the query that start a word of the text, marked (<mark>).
  function marker(q) {
    var ws = words(q).map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    return ws.length ? new RegExp("(?<![\\p{L}\\p{N}])(?:" + ws.join("|") + ")[\\p{L}\\p{N}]*", "giu") : null;
  }
  function marked(tag, attrs, text, re) {
    var e = el(tag, attrs), at = 0, m;
    if (re) {
      re.lastIndex = 0;
      while ((m = re.exec(text))) {
        if (m.index > at) e.appendChild(document.createTextNode(text.slice(at, m.index)));
        e.appendChild(el("mark", { text: m[0] }));
        at = m.index + m[0].length;
      }
    }
    if (at < text.length) e.appendChild(document.createTextNode(text.slice(at)));
    return e;
  }
  var perGroup = +say.perGroup || 5;
  function show(q) {
    box.textContent = "";
    jump.textContent = "";
    jump.hidden = true;
    if (!q.trim()) { status.textContent = ""; return; }
    var scores = run(q), docs = Object.keys(scores), re = marker(q);
    status.textContent = fill(docs.length === 0 ? say.none : docs.length === 1 ? say.one : say.many,
      { n: docs.length.toLocaleString(document.documentElement.lang), q });
    var groups = index.groups.map(function () { return []; });
    docs.forEach(function (d) { groups[index.docs[d][2]].push(+d); });
    groups.forEach(function (list) {
      list.sort(function (a, b) { return scores[b] - scores[a] || (index.docs[a][0] < index.docs[b][0] ? -1 : 1); });
    });
    // Groups in order of their best match; equal ones in the page's kind order.
    var order = groups.map(function (_, g) { return g; }).filter(function (g) { return groups[g].length; });
    order.sort(function (a, b) { return scores[groups[b][0]] - scores[groups[a][0]] || a - b; });
    var jumps = el("ul");
    order.forEach(function (g) {
      var list = groups[g], n = list.length.toLocaleString(document.documentElement.lang);
      var sec = el("section", { "class": "search-group", id: "sg-" + g, "aria-labelledby": "sg-h-" + g });
      var h = el("h2", { id: "sg-h-" + g, text: index.groups[g] + " " });
      h.appendChild(el("span", { "class": "count", text: n }));
      sec.appendChild(h);
      var ja = el("a", { href: "#sg-" + g, text: index.groups[g] + " " });
      ja.appendChild(el("span", { "class": "count", text: n }));
      jumps.appendChild(el("li")).appendChild(ja);
      var ol = el("ol");
      list.forEach(function (d, i) {
        var li = el("li");
        if (i >= perGroup) li.hidden = true;
        li.appendChild(marked("a", { href: index.docs[d][1] }, index.docs[d][0], re));
        if (index.docs[d][3]) li.appendChild(marked("span", {}, index.docs[d][3], re));
        ol.appendChild(li);
      });
      sec.appendChild(ol);
      if (list.length > perGroup) {
        var more = el("button", { type: "button", "class": "show-all", text: fill(say.showAll, { n }) });
        more.addEventListener("click", function () {
          Array.prototype.forEach.call(ol.children, function (li) { li.hidden = false; });
          more.remove();
          ol.children[perGroup].querySelector("a").focus();
        });
        sec.appendChild(more);
      }
      box.appendChild(sec);
    });
    if (order.length > 1) { jump.appendChild(jumps); jump.hidden = false; }
  }
  function search(q) {
    if (!q.trim()) { show(""); return; }
    status.textContent = say.searching;
    load().then(function () { show(q); }, function () {
      status.textContent = say.failed;
    });
  }
  var params = new URLSearchParams(location.search);
  var q = params.get("q") || "";
  input.value = q;
  search(q);
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = new URL(location.href);
      if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
      search(input.value);
    }, 120);
  });
  input.form.addEventListener("submit", function (e) { e.preventDefault(); search(input.value); });
}

start();
