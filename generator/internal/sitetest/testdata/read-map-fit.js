(() => {
  const r = {maps: 0, overflow: [], slanted: []};
  for (const svg of document.querySelectorAll('svg.chart-career')) {
    if (!svg.checkVisibility()) continue;
    r.maps++;
    const b = svg.getBoundingClientRect();
    if (b.left < 0 || b.right > document.documentElement.clientWidth) r.overflow.push('the map spans ' + Math.round(b.left) + ' to ' + Math.round(b.right) + ' px');
    for (let e = svg.parentElement; e && e !== document.body; e = e.parentElement) {
      if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') r.overflow.push((e.className || e.tagName) + ' scrolls sideways');
    }
    for (const p of svg.querySelectorAll('path.move-cross')) {
      const a = p.getPointAtLength(0), z = p.getPointAtLength(p.getTotalLength());
      if (Math.abs(a.y - z.y) > 1) r.slanted.push(p.getAttribute('d'));
    }
  }
  return r;
})()
