(() => {
  const out = [], lang = document.documentElement.lang;
  const terms = [...document.querySelectorAll('main dl.glossary > dt')];
  if (terms.length < 5) return [terms.length + ' terms'];
  const names = terms.map(t => t.textContent.trim());
  const sorted = [...names].sort((a, b) => a.localeCompare(b, lang, { sensitivity: 'base' }));
  const at = names.findIndex((n, i) => n !== sorted[i]);
  if (at >= 0) out.push('terms out of order at ' + JSON.stringify(names[at]) + ' (want ' + JSON.stringify(sorted[at]) + ')');
  const jump = document.querySelectorAll('nav.az a[href^="#letter-"]');
  if (jump.length < 5) out.push('no A-Z jump (' + jump.length + ' letters)');
  for (const a of jump) if (!document.getElementById(a.hash.slice(1))) out.push('the jump to ' + a.textContent + ' goes nowhere');
  const t = terms[3], other = terms[4];
  location.hash = t.id;
  const bg = getComputedStyle(t).backgroundColor, plain = getComputedStyle(other).backgroundColor;
  if (bg === plain) out.push('the targeted entry (#' + t.id + ') looks like every other: ' + bg);
  return out;
})()
