// Sums the per-project Jest totals written by tools/jest/summary-reporter.js into one line.
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', '..', 'tmp', 'test-results');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
const sum = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const totals = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  for (const key of Object.keys(sum)) sum[key] += totals[key];
}
console.log(`tests: ${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`);
