(async (only) => {
  // The rules whose result depends on the viewport and the colour scheme run
  // in every view; the others once per page.
  const every = Object.fromEntries(axe.getRules().map(r => [r.ruleId, {enabled: !only || ['color-contrast', 'color-contrast-enhanced', 'target-size', 'link-in-text-block', 'scrollable-region-focusable', 'css-orientation-lock', 'meta-viewport', 'meta-viewport-large'].includes(r.ruleId)}]));
  const r = await axe.run(document, {rules: every, resultTypes: ['violations', 'incomplete']});
  // Text whose contrast axe could not work out (its background is an image, an
  // SVG, or hidden) is a finding too: pa11y reports it, and nobody checked it.
  // (Only where the background is an image or SVG: text under the sticky
  // header is "partially obscured" at some scroll positions, which says nothing.)
  const undecided = r.incomplete.filter(v => v.id === 'color-contrast')
    .map(v => ({...v, help: 'contrast could not be determined: ' + v.help,
      nodes: v.nodes.filter(n => n.any.some(a => a.data && a.data.messageKey === 'imgNode'))}))
    .filter(v => v.nodes.length > 0);
  return r.violations.concat(undecided).map(v => ({
    id: v.id, impact: v.impact || '', help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.map(x => String(x)).join(' '), summary: n.failureSummary || n.any.map(a => a.message).join('; ')})),
  }));
})
