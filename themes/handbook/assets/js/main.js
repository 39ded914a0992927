// Progressive enhancements: the theme switch and the level picker. Everything
// works without this file; its words come from the page (the theme's i18n files).
import { fill } from "./lib/words.js";

var root = document.documentElement;
var btn = document.querySelector(".theme-toggle");
if (btn) {
  var order = ["system", "light", "dark"];
  var current = function () { return root.getAttribute("data-theme") || "system"; };
  // The visible text is the accessible name (no aria-label that could
  // say something else): "Theme: dark".
  // The words come from the page's language: data-name ("Theme: {t}") and data-system, data-light, data-dark.
  var show = function () { btn.textContent = fill(btn.getAttribute("data-name"), { t: btn.getAttribute("data-" + current()) }); };
  show();
  btn.addEventListener("click", function () {
    var next = order[(order.indexOf(current()) + 1) % order.length];
    if (next === "system") { root.removeAttribute("data-theme"); } else { root.setAttribute("data-theme", next); }
    try { if (next === "system") localStorage.removeItem("theme"); else localStorage.setItem("theme", next); } catch (e) {}
    show();
  });
}

// "Levels around mine": on ladder matrices, show one level and its
// neighbours. Without JavaScript every column stays visible. The picker
// goes into the slot drawn above the matrix, or below the matrix where
// there is none, so that adding it moves nothing the reader is looking at
// (Lighthouse counted the shift when it went above unreserved); its words
// come from the table, in the page's language.
Array.prototype.forEach.call(document.querySelectorAll("table.m-ladder"), function (table, n) {
  var heads = table.querySelectorAll("thead th");
  if (heads.length < 4) return;
  var wrap = table.closest(".matrix-wrap");
  var box = document.createElement("div");
  box.className = "picker";
  var id = "picker-" + n;
  var label = document.createElement("label");
  label.setAttribute("for", id);
  label.textContent = table.getAttribute("data-picker");
  var select = document.createElement("select");
  select.id = id;
  var all = document.createElement("option");
  all.value = "";
  all.textContent = table.getAttribute("data-picker-all");
  select.appendChild(all);
  for (var i = 1; i < heads.length; i++) {
    var o = document.createElement("option");
    o.value = String(i);
    o.textContent = heads[i].textContent.trim();
    select.appendChild(o);
  }
  box.appendChild(label);
  box.appendChild(select);
  // A page may draw a slot for the picker above the matrix (the track
  // page does): filling it moves nothing. Otherwise it goes below.
  var slot = wrap.previousElementSibling;
  if (slot && slot.classList.contains("picker-slot")) slot.appendChild(box);
  else wrap.parentNode.insertBefore(box, wrap.nextSibling);
  select.addEventListener("change", function () {
    var mine = parseInt(select.value, 10);
    Array.prototype.forEach.call(table.rows, function (row) {
      for (var c = 1; c < row.cells.length; c++) {
        var far = mine && Math.abs(c - mine) > 1;
        row.cells[c].classList.toggle("col-hidden", !!far);
      }
    });
  });
});
