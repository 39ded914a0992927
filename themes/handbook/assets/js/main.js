// Progressive enhancements: the theme switch. Everything works without this file.
(function () {
  "use strict";
  var root = document.documentElement;
  var btn = document.querySelector(".theme-toggle");
  if (btn) {
    var order = ["system", "light", "dark"];
    var names = { system: "follow the system", light: "light", dark: "dark" };
    var current = function () { return root.getAttribute("data-theme") || "system"; };
    var show = function () {
      var t = current();
      btn.textContent = "Theme: " + t;
      btn.setAttribute("aria-label", "Colour theme: " + names[t] + ". Change it.");
    };
    btn.hidden = false;
    show();
    btn.addEventListener("click", function () {
      var next = order[(order.indexOf(current()) + 1) % order.length];
      if (next === "system") { root.removeAttribute("data-theme"); } else { root.setAttribute("data-theme", next); }
      try { if (next === "system") localStorage.removeItem("theme"); else localStorage.setItem("theme", next); } catch (e) {}
      show();
    });
  }
})();
