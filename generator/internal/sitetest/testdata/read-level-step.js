(() => {
  const art = document.querySelector('article.kind-level');
  if (!art) return {found: false};
  const head = art.querySelector(':scope > header.page-head');
  const sec = Array.from(art.querySelectorAll('section')).find(s => head && (head.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING));
  const text = n => n.textContent.replace(/\s+/g, ' ').trim();
  return {
    found: true,
    id: sec ? sec.id : '',
    heading: sec && sec.querySelector('h2') ? text(sec.querySelector('h2')) : '',
    first: !document.getElementById('lv-cmp'),
    steps: sec ? Array.from(sec.querySelectorAll('dl.lv-list > div'), d => ({
      comp: text(d.querySelector('dt a')),
      mode: Array.from(d.classList).find(c => c.startsWith('ex-')) || '',
      shown: !!(d.querySelector('ins') || d.querySelector('details.ex-below') || d.classList.contains('ex-same')),
    })) : [],
  };
})()
