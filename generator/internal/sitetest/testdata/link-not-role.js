(() => {
  const out = [], root = document.documentElement, before = root.getAttribute('data-theme');
  // A role's colour as text (--role-t) and as a fill (--role-c), read from a probe in the role's class.
  const probe = (cls, v) => { const e = document.createElement('span'); e.className = cls; e.style.color = v; document.body.append(e); const c = getComputedStyle(e).color; e.remove(); return c; };
  const link = document.querySelector('main .prose a, main th[scope=row] a');
  if (!link) return ['no link in the prose or the row headers'];
  for (const theme of ['light', 'dark']) {
    root.setAttribute('data-theme', theme);
    const a = getComputedStyle(link).color;
    for (const [cls, who] of [['r-0', 'PM'], ['r-1', 'PO']]) for (const v of ['var(--role-t)', 'var(--role-c)']) {
      const c = probe(cls, v);
      if (a === c) out.push(theme + ': links are ' + a + ', the ' + who + ' colour (' + v + ')');
    }
  }
  if (before === null) root.removeAttribute('data-theme'); else root.setAttribute('data-theme', before);
  return out;
})()
