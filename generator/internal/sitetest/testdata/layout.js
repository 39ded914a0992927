((opt) => {
  const out = [];
  const de = document.documentElement;
  const W = de.clientWidth, H = window.innerHeight;
  const add = (check, el, detail, group) => { const target = name(el); out.push({check, target, detail, group: group || target}); };
  const tag = (el) => el.tagName.toLowerCase() + (el.classList.length ? '.' + el.classList[0].slice(0, 24) : '');
  const name = (el) => {
    if (!el || !el.tagName) return String(el);
    if (el === de) return 'the page';
    if (el.id) return el.tagName.toLowerCase() + '#' + el.id;
    const up = el.parentElement && el.parentElement.closest('[id]');
    const t = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return (up ? '#' + up.id + ' ' : '') + tag(el) + (t ? ' "' + t + '"' : '');
  };
  // Inside a visually hidden box (1px, clipped), as a table head is for
  // screen readers when the table is shown as cards.
  const vhidden = (el, stop) => {
    for (let a = el; a && a !== stop; a = a.parentElement) {
      const b = a.getBoundingClientRect();
      if ((b.width <= 1 || b.height <= 1) && getComputedStyle(a).overflow !== 'visible') return true;
    }
    return false;
  };
  const shown = (el) => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const px = (n) => Math.round(n) + 'px';
  const savedX = window.scrollX, savedY = window.scrollY;

  // sideways
  for (const el of [de, document.body]) {
    const ox = getComputedStyle(el).overflowX;
    if (ox === 'hidden' || ox === 'clip') add('sideways', el, 'overflow-x: ' + ox + ' hides what is too wide instead of fixing it', el.tagName);
  }
  if (de.scrollWidth > W + 1) {
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= W + 1 || !shown(el)) continue;
      let inScroller = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= W + 1) { inScroller = true; break; }
      }
      if (!inScroller) wide.push(el);
    }
    const set = new Set(wide);
    const outer = wide.filter(el => !set.has(el.parentElement));
    add('sideways', de, 'the page is ' + px(de.scrollWidth) + ' wide in a ' + px(W) + ' viewport; too wide: ' +
      outer.slice(0, 3).map(el => name(el) + ' (' + px(el.getBoundingClientRect().width) + ')').join(', '), 'the page');
  }

  // Tables.
  for (const table of document.querySelectorAll('table')) {
    if (!shown(table)) continue;
    const asTable = getComputedStyle(table).display === 'table';
    const tname = table.id ? '#' + table.id : tag(table);
    for (const cell of table.querySelectorAll('th, td')) {
      if (!shown(cell) || vhidden(cell, table.parentElement)) continue;
      const r = cell.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(cell);
      const c = range.getBoundingClientRect();
      if (c.width > 0 && (c.right > r.right + 1 || c.left < r.left - 1)) {
        add('cell-cut', cell, 'its text is ' + px(c.width) + ' wide in a ' + px(r.width) + ' cell', tname + ' ' + tag(cell));
      }
      if (r.width < 64) {
        const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        let broken = '';
        for (let n = texts.nextNode(); n && !broken; n = texts.nextNode()) {
          for (const m of n.data.matchAll(/(?<![\p{L}\p{N}])[\p{L}\p{N}]{2,6}(?![\p{L}\p{N}])/gu)) {
            const w = document.createRange();
            w.setStart(n, m.index);
            w.setEnd(n, m.index + m[0].length);
            const lines = new Set(Array.from(w.getClientRects()).filter(q => q.width > 0).map(q => Math.round(q.top)));
            if (lines.size > 1) { broken = '"' + m[0] + '" is broken over ' + lines.size + ' lines in a ' + px(r.width) + ' cell'; break; }
          }
        }
        if (broken) add('word-broken', cell, broken, tname + ' ' + tag(cell));
      }
      for (const el of [cell, ...cell.querySelectorAll('*')]) {
        const s = getComputedStyle(el);
        const noWrap = s.textWrapMode === 'nowrap' || /nowrap|^pre$/.test(s.whiteSpace);
        const words = (el.textContent || '').trim().split(/\s+/).length;
        if (noWrap && words > 4) { add('cell-one-line', el, words + ' words kept on one line (white-space: ' + s.whiteSpace + ')', tname + ' ' + tag(cell) + ' ' + tag(el)); break; }
      }
    }
    if (!asTable) {
      // Shown as cards (phones): a row's heading spans its card.
      for (const th of table.querySelectorAll('tbody th[scope=row]')) {
        const w = th.getBoundingClientRect().width, rw = th.parentElement.getBoundingClientRect().width;
        if (shown(th) && w < rw * 0.95 - 2) add('card-heading', th, 'the row heading is ' + px(w) + ' wide in a ' + px(rw) + ' card', tname + ' tbody th');
      }
      continue;
    }
    if (!table.tHead) continue;
    const heads = Array.from(table.tHead.rows[table.tHead.rows.length - 1].cells);
    const cols = heads.reduce((n, th) => n + th.colSpan, 0);
    const wrap = table.closest('.matrix-wrap') || table.parentElement;
    const wr = wrap.getBoundingClientRect();
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (opt.print) {
      if (scrolls || table.getBoundingClientRect().right > W + 1) {
        add('print-column', table, 'printed, the table is ' + px(table.scrollWidth) + ' wide on a ' + px(Math.min(W, wr.width)) + ' page');
      }
      const hidden = heads.filter(th => !shown(th));
      if (hidden.length) add('print-column', table, hidden.length + ' of ' + heads.length + ' columns are not printed');
      continue;
    }
    if (opt.laptop && cols <= 4) {
      if (scrolls) add('fit', table, 'a ' + cols + '-column matrix is ' + px(wrap.scrollWidth) + ' wide in a ' + px(wrap.clientWidth) + ' box');
      for (const th of heads) {
        const h = th.getBoundingClientRect();
        if (!shown(th) || h.left < wr.left - 1 || h.right > wr.right + 1 || h.right > W + 1) {
          add('fit', th, 'column header not fully visible without scrolling sideways', tname + ' thead th');
        }
      }
    }
    if (cols > 4 && scrolls) {
      const hints = Array.from(wrap.querySelectorAll('.scroll-hint'));
      if (wrap.previousElementSibling && wrap.previousElementSibling.matches('.scroll-hint')) hints.push(wrap.previousElementSibling);
      const visible = hints.filter(h => {
        const b = h.getBoundingClientRect();
        return shown(h) && b.width > 0 && b.height > 0 && b.left >= -1 && b.right <= W + 1 && h.textContent.trim() !== '';
      });
      if (!visible.length) add('hint', table, 'a ' + cols + '-column matrix scrolls sideways (' + px(wrap.scrollWidth) + ' in ' + px(wrap.clientWidth) + ') without a visible .scroll-hint');
      // Scroll the box to its end: the first column must still be there, on top.
      const row = table.tBodies[0] && Array.from(table.tBodies[0].rows).find(tr => tr.cells.length > 1);
      if (row) {
        window.scrollTo(0, window.scrollY + row.getBoundingClientRect().top - H / 2);
        const before = wrap.scrollLeft;
        wrap.scrollLeft = wrap.scrollWidth;
        const first = row.cells[0], f = first.getBoundingClientRect();
        const hit = document.elementFromPoint(Math.max(f.left + 4, wr.left + 4), f.top + Math.min(f.height / 2, 12));
        if (f.left < wr.left - 1 || !hit || !first.contains(hit)) {
          add('sticky-column', first, 'scrolled sideways to the end, the first column ' + (f.left < wr.left - 1 ? 'scrolls out of view' : 'is covered by ' + name(hit)));
        }
        wrap.scrollLeft = before;
      }
    }
  }

  // The sticky header.
  const head = document.querySelector('body > header, .site-head');
  if (!opt.print && head && /sticky|fixed/.test(getComputedStyle(head).position)) {
    const maxY = de.scrollHeight - H;
    const ys = [0.25, 0.5, 0.75, 1].map(f => Math.round(maxY * f));
    for (const t of document.querySelectorAll('.matrix-wrap, table, figure, pre')) {
      ys.push(Math.round(window.scrollY + t.getBoundingClientRect().top + 40));
    }
    const seen = new Set();
    for (const y of ys.filter(y => y > 0 && y <= maxY).slice(0, 24)) {
      window.scrollTo(0, y);
      const h = head.getBoundingClientRect();
      for (const fx of [0.02, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 0.98]) {
        for (const fy of [0.2, 0.5, 0.8]) {
          const hit = document.elementFromPoint(W * fx, h.top + h.height * fy);
          if (hit && !head.contains(hit) && !seen.has(hit)) {
            seen.add(hit);
            add('header-overlap', hit, 'drawn over the sticky header when the page is scrolled to ' + px(y), tag(hit));
          }
        }
      }
    }
    const ids = new Set();
    for (const a of document.querySelectorAll('a[href^="#"]')) {
      const id = decodeURIComponent(a.getAttribute('href').slice(1));
      if (id && !ids.has(id) && ids.size < 30) ids.add(id);
    }
    for (const id of ids) {
      const el = document.getElementById(id);
      if (!el || !shown(el) || head.contains(el)) continue;
      el.scrollIntoView({block: 'start'});
      const h = head.getBoundingClientRect(), r = el.getBoundingClientRect();
      if (r.top < h.bottom - 1 && window.scrollY > 0) add('anchor-under-header', el, 'a link to #' + id + ' puts its top ' + px(h.bottom - r.top) + ' under the sticky header', tag(el));
    }
  }
  window.scrollTo(savedX, savedY);
  if (opt.print) return out;

  // edges: the blocks of the main column end at one of at most two
  // inline-end edges (the reading width and the wide width). Plain
  // wrappers (article, section, header, a div without a box) are looked
  // into; what is positioned out of the flow (a sticky contents rail) is
  // not a block of the column.
  const main = document.querySelector('main');
  const rtl = getComputedStyle(de).direction === 'rtl';
  const plain = (el) => {
    if (!/^(ARTICLE|SECTION|HEADER|DIV|FORM)$/.test(el.tagName) || el.matches('.matrix-wrap')) return false;
    const s = getComputedStyle(el);
    return s.display === 'block' && parseFloat(s.borderInlineEndWidth) === 0 && parseFloat(s.paddingInlineEnd) === 0 &&
      (s.backgroundColor === 'rgba(0, 0, 0, 0)' || s.backgroundColor === 'transparent');
  };
  const flow = (el) => !/absolute|fixed|sticky/.test(getComputedStyle(el).position) && getComputedStyle(el).float === 'none';
  const blocks = [];
  const blockKids = (el) => Array.from(el.children).filter(k => shown(k) && k.getBoundingClientRect().width > 0 && flow(k) &&
    !/^(inline|table-|list-item|contents)/.test(getComputedStyle(k).display) && !/^(SCRIPT|STYLE|TEMPLATE)$/.test(k.tagName));
  const walk = (el) => {
    for (const k of blockKids(el)) if (plain(k)) walk(k); else blocks.push(k);
  };
  if (main) walk(main);
  if (main && blocks.length) {
    const edge = (el) => { const r = el.getBoundingClientRect(); return rtl ? -r.left : r.right; };
    const found = [];
    for (const b of blocks) {
      const e = edge(b);
      const f = found.find(x => Math.abs(x.e - e) <= 2);
      if (f) f.n++; else found.push({e, el: b, n: 1});
    }
    if (found.length > 2) {
      found.sort((a, b) => a.e - b.e);
      add('edges', main, found.length + ' inline-end edges in the main column (at most 2: the reading and the wide width): ' +
        found.map(f => px(Math.abs(f.e)) + ' (' + f.n + ', e.g. ' + name(f.el) + ')').join(', '),
        'edges: ' + found.map(f => tag(f.el)).join(' | '));
    }
  }

  // badge-column: in a matrix whose value cells are badges, the label
  // column is at least as wide as each badge column.
  for (const table of document.querySelectorAll('main table')) {
    if (!shown(table) || getComputedStyle(table).display !== 'table') continue;
    const rows = Array.from(table.querySelectorAll('tbody tr')).filter(tr => tr.querySelector('th[scope=row]') && tr.querySelector('td'));
    if (!rows.length) continue;
    const badges = rows.every(tr => Array.from(tr.querySelectorAll('td')).every(td => {
      const t = td.textContent.trim();
      return t === '' || (td.children.length === 1 && td.children[0].matches('.tag') && td.children[0].textContent.trim() === t);
    }));
    if (!badges) continue;
    const th = rows[0].querySelector('th[scope=row]'), w = th.getBoundingClientRect().width;
    const cols = Array.from(rows[0].querySelectorAll('td')).map(td => td.getBoundingClientRect().width);
    const widest = Math.max(...cols);
    if (w < widest - 1) add('badge-column', table, 'the label column is ' + px(w) + ' wide, a badge column ' + px(widest), table.id ? '#' + table.id : tag(table));
  }

  // header: one row on a laptop, the site name on one line; at most
  // 64 px high on a phone.
  if (head && shown(head)) {
    const hb = head.getBoundingClientRect();
    if (W <= 400 && hb.height > 64.5) add('header', head, 'the header is ' + px(hb.height) + ' high at ' + px(W) + ' (at most 64px)', 'header height');
    if (W >= 1200) {
      const items = Array.from(head.querySelectorAll('.brand, a, button, input, select, summary')).filter(el => {
        if (!shown(el) || vhidden(el, head)) return false;
        const r = el.getBoundingClientRect();
        return r.width > 1 && r.height > 1 && r.top < hb.bottom && !(el.closest('details[open] > :not(summary)'));
      });
      const top = Math.max(...items.map(el => el.getBoundingClientRect().top)), bottom = Math.min(...items.map(el => el.getBoundingClientRect().bottom));
      if (items.length && top >= bottom) {
        const low = items.reduce((a, b) => a.getBoundingClientRect().top > b.getBoundingClientRect().top ? a : b);
        add('header', low, 'the header takes more than one row at ' + px(W) + ': ' + name(low) + ' starts at ' + px(top - hb.top) + ', below the end of the first row', 'header rows');
      }
      for (const el of items) {
        const tops = new Set();
        const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = texts.nextNode(); n; n = texts.nextNode()) {
          if (!n.textContent.trim() || vhidden(n.parentElement, head)) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top / 4));
        }
        if (tops.size > 1) add('header', el, 'wraps to ' + tops.size + ' lines in the header at ' + px(W), 'header wraps ' + tag(el));
      }
    }
  }

  // duplicate: two adjacent blocks do not show the same data twice: the
  // same numbers (a chart and its table side by side) or the same clause
  // of four words or more. Navigation repeats titles by design: not looked at.
  const visibleText = (el) => el instanceof SVGElement
    ? Array.from(el.querySelectorAll('text')).map(t => t.textContent).join(' ')
    : (el.innerText || '');
  const numbers = (t) => (t.match(/\d+(?:[.,]\d+)?/g) || []).sort();
  const clauses = (t) => new Set(t.toLowerCase().split(/[.,:;!?()\n·]+/).map(c => c.replace(/\s+/g, ' ').trim()).filter(c => c.split(' ').length >= 4));
  const svgOrText = (el) => { const svg = el.matches('svg') ? el : el.querySelector(':scope > svg'); return visibleText(svg || el); };
  const pairs = [];
  for (const el of main ? [main, ...main.querySelectorAll('*')] : []) {
    if (el.closest('nav, table, svg, ul, ol, dl')) continue;
    const kids = blockKids(el).filter(k => !k.matches('nav'));
    for (let i = 1; i < kids.length; i++) pairs.push([kids[i - 1], kids[i]]);
  }
  // Two blocks of one kind (the fieldsets of a form, the items of a series)
  // repeat their labels by design, and a form's choices are not data shown.
  const sameKind = (a, b) => a.tagName === b.tagName && a.className === b.className;
  const controls = (el) => el.matches('select, input, textarea') || el.querySelector('select, input, textarea');
  for (const [a, b] of pairs) {
    if (sameKind(a, b) || controls(a) || controls(b)) continue;
    const ta = svgOrText(a), tb2 = svgOrText(b);
    const na = numbers(ta), nb = numbers(tb2);
    const [small, big] = na.length <= nb.length ? [na, nb] : [nb, na];
    if (small.length >= 4 && small.length * 2 >= big.length) {
      const left = big.slice();
      const within = small.every(n => { const i = left.indexOf(n); if (i < 0) return false; left.splice(i, 1); return true; });
      if (within) { add('duplicate', b, 'shows the same ' + small.length + ' numbers as the block before it, ' + name(a), 'duplicate numbers ' + tag(a) + ' + ' + tag(b)); continue; }
    }
    // Labels (headings, terms, headers) name what follows: only the text
    // they label is compared.
    const said = (el) => { const c = el.cloneNode(true); c.querySelectorAll('h1, h2, h3, h4, h5, h6, dt, th, caption, label, legend, summary, svg, .vh').forEach(x => x.remove()); return c.textContent; };
    const ca = clauses(said(a));
    const same = Array.from(clauses(said(b))).find(c => ca.has(c));
    if (same) add('duplicate', b, 'repeats "' + same.slice(0, 60) + '" from the block before it, ' + name(a), 'duplicate text ' + tag(a) + ' + ' + tag(b));
  }
  return out;
})
