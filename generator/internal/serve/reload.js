// Served by `generator serve` only, never part of the site. It reloads the
// page when a rebuild changed it, and while the last edit does not build it
// shows the errors over the page (the last good build), until the next good
// build. No inline script or style: the page's Content-Security-Policy holds.
(function () {
  "use strict";
  var id = "handbook-build-errors";
  var here = location.pathname.replace(/index\.html$/, "");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function hide() {
    var old = document.getElementById(id);
    if (old) old.remove();
  }

  function show(errors) {
    hide();
    var box = el("aside", "hb-errors");
    box.id = id;
    box.setAttribute("aria-labelledby", id + "-title");
    box.setAttribute("aria-live", "assertive");
    box.setAttribute("lang", "en");
    box.setAttribute("dir", "ltr");
    var n = errors.length;
    var h = el("h2", "hb-errors-title", "The last edit does not build: " + n + (n === 1 ? " problem" : " problems"));
    h.id = id + "-title";
    box.appendChild(h);
    box.appendChild(el("p", "hb-errors-note",
      "This is the last good build. Fix the file and save: the page updates by itself. The same errors are in the terminal."));
    var list = el("ol", "hb-errors-list");
    errors.forEach(function (d) {
      var li = el("li", "hb-error");
      var head = el("p", "hb-error-head");
      head.appendChild(el("code", "hb-error-at", d.at));
      head.appendChild(document.createTextNode(" " + d.severity + ": " + d.message));
      li.appendChild(head);
      if (d.source) {
        var pre = el("pre", "hb-error-source");
        pre.appendChild(el("code", "", d.source));
        li.appendChild(pre);
      }
      if (d.hint) li.appendChild(el("p", "hb-error-hint", "hint: " + d.hint));
      list.appendChild(li);
    });
    box.appendChild(list);
    var close = el("button", "hb-errors-close", "Hide");
    close.type = "button";
    close.addEventListener("click", hide);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  var events = new EventSource("/_handbook/events");
  events.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    if (!d.pages || d.pages.indexOf(here) >= 0) {
      location.reload();
    } else if (d.errors && d.errors.length) {
      show(d.errors);
    } else {
      hide();
    }
  });
})();
