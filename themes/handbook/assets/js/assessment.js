// The self-assessment, for one person or for two (the person and their
// manager). Everything stays in this browser: a person's own ratings are
// kept in the address (after #, so never sent to a server) and in
// localStorage; the other person's assessment arrives as a file or a link
// the two exchange themselves. Nothing is fetched or sent. Without
// JavaScript the page shows the ladders to read and a blank form to print.
import { open, save } from "./assessment/state.js";
import { render } from "./assessment/form.js";
import { take, fromLink } from "./assessment/share.js";

function start() {
  const root = document.getElementById("assessment");
  if (!root) return;
  const blank = document.getElementById("sa-blank");
  if (blank) blank.hidden = true; // the printable blank form is for readers without JavaScript
  const a = open(root);
  const linked = /^#import=[A-Za-z0-9_-]+$/.test(location.hash) ? fromLink(location.hash) : null;
  if (linked !== null) {
    // A link with #import= brings the other person's assessment (the reader's own is the one kept in localStorage).
    take(a, linked, () => { render(a); save(a, true); });
    return;
  }
  render(a);
  if (Object.keys(a.state).length) save(a, true); // the address always holds the current state, ready to share
}

start();
