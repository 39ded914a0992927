// Applies the saved colour theme before the page paints, so there is no flash of the wrong theme.
document.documentElement.className += " js";
try {
  var t = localStorage.getItem("theme");
  if (t === "light" || t === "dark") document.documentElement.setAttribute("data-theme", t);
} catch (e) {}
