(() => {
  const text = n => n.textContent.replace(/\s+/g, ' ').trim();
  const vis = n => n.checkVisibility();
  const art = document.querySelector('article.kind-level');
  const r = {found: !!art, steps: [], current: [], job: -1, guide: -1, twice: [], marked: 0, markedAt: '', scrolls: []};
  for (const a of document.querySelectorAll('nav.lv-steps a')) {
    r.steps.push(new URL(a.href).pathname);
    if (a.getAttribute('aria-current') === 'page') r.current.push(new URL(a.href).pathname);
  }
  const bottom = re => {
    const a = Array.from(document.querySelectorAll('article a')).find(a => re.test(new URL(a.href).pathname) && vis(a));
    return a ? a.getBoundingClientRect().bottom + window.scrollY : -1;
  };
  if (art) { r.job = bottom(/\/job\/$/); r.guide = bottom(/\/interview\/$/); }
  const next = document.querySelector('article .lv-next');
  r.nextBottom = next && vis(next) ? next.getBoundingClientRect().bottom + window.scrollY : -1;
  r.nextLinks = next ? Array.from(next.querySelectorAll('a')).map(a => new URL(a.href).pathname) : [];
  const facts = document.querySelector('article .lv-facts');
  r.factsTop = facts ? facts.getBoundingClientRect().top : -1;
  r.actionsTop = Array.from(document.querySelectorAll('article .lv-actions a')).filter(vis).map(a => a.getBoundingClientRect().top);
  // Blocks of text: the innermost paragraphs, list items, definitions and cells.
  const seen = new Map();
  for (const n of document.querySelectorAll('article :is(p, li, dd, td, blockquote)')) {
    if (!vis(n) || n.querySelector('p, li, dd, td')) continue;
    const t = text(n);
    if (t.length < 40) continue;
    if (seen.has(t)) r.twice.push(t.slice(0, 80)); else seen.set(t, true);
  }
  // A comparison: any block of text with words marked as added or removed.
  for (const n of document.querySelectorAll('article :is(p, dd, td, li):has(> ins, > del, > mark)')) {
    if (!vis(n)) continue;
    const all = text(n).length;
    const marked = Array.from(n.querySelectorAll('ins, del, mark'), text).join('').length;
    if (all && marked / all > r.marked) { r.marked = marked / all; r.markedAt = text(n).slice(0, 60); }
  }
  for (const t of document.querySelectorAll('table')) {
    for (let e = t.parentElement; e && e !== document.body; e = e.parentElement) {
      const oy = getComputedStyle(e).overflowY;
      if ((oy === 'auto' || oy === 'scroll') && e.scrollHeight > e.clientHeight + 1) r.scrolls.push((e.className || e.tagName) + ' around #' + t.id);
    }
  }
  return r;
})()
