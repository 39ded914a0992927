// Runs Lighthouse (its default mobile preset) on every URL given, in one
// Chromium started through chrome-launcher, and prints one JSON object:
// {"<url>": {"scores": {"performance": 1, ...}, "failing": ["<category>: <audit> ..."]}}.
// Used by TestLighthouse (lighthouse_test.go); CHROME_PATH names the browser.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const out = {};
try {
  for (const url of process.argv.slice(2)) {
    const {lhr} = await lighthouse(url, {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories});
    if (lhr.runtimeError) throw new Error(url + ': ' + lhr.runtimeError.code + ': ' + lhr.runtimeError.message);
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
    out[url] = {scores, failing};
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(out) + '\n');
