// Compare any two releases: the form goes to the page of that pair, which
// the build made. Without JavaScript the list of every pair does the same.
// Its words come from the form (data-same, data-none: the theme's i18n files).

function start() {
  var form = document.getElementById("release-compare");
  if (!form) return;
  var from = document.getElementById("rc-from"), to = document.getElementById("rc-to"), msg = document.getElementById("rc-msg");
  var pages = {};
  Array.prototype.forEach.call(document.querySelectorAll(".release-pairs a"), function (a) {
    pages[a.pathname.replace(/\/$/, "").split("/").pop()] = a.href;
  });
  // The options are newest first: compare the previous release with the latest by default.
  if (from.options.length > 1) from.selectedIndex = 1;
  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var a = from.value, b = to.value;
    if (a === b) { msg.textContent = form.getAttribute("data-same"); return; }
    var href = pages[a + "..." + b] || pages[b + "..." + a];
    if (!href) { msg.textContent = form.getAttribute("data-none"); return; }
    location.href = href;
  });
}

start();
