// Copy buttons (data-copy: the address of a same-origin text file, such as a
// job description's Markdown): fetched and put on the clipboard. Without
// JavaScript the button stays hidden and the download links beside it serve.
document.querySelectorAll("button[data-copy]").forEach(function (b) {
  if (!navigator.clipboard) return;
  var msg = b.parentNode.querySelector(".copy-msg");
  b.hidden = false;
  b.addEventListener("click", function () {
    fetch(b.getAttribute("data-copy")).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.text();
    }).then(function (text) {
      return navigator.clipboard.writeText(text);
    }).then(function () {
      if (msg) msg.textContent = b.getAttribute("data-done");
    }, function () {
      if (msg) msg.textContent = b.getAttribute("data-failed");
    });
  });
});
// Print buttons (data-print): the browser's print command; hidden without JavaScript.
document.querySelectorAll("button[data-print]").forEach(function (b) {
  b.hidden = false;
  b.addEventListener("click", function () { window.print(); });
});
