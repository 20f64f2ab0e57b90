// Writes each Jest run's totals to tmp/test-results so tools/scripts/test-summary.js can print one
// closing line for the whole workspace: "tests: N passed, N failed, N skipped".
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  // Every skipped test is named on its own line, so a skip can never pass unnoticed.
  onTestResult(_test, result) {
    for (const test of result.testResults) {
      if (test.status === 'pending' || test.status === 'todo') process.stderr.write(`○ ${test.title}\n`);
    }
  }

  onRunComplete(_contexts, results) {
    const dir = path.join(__dirname, '..', '..', 'tmp', 'test-results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${process.pid}-${Date.now()}.json`);
    const totals = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(file, JSON.stringify(totals));
  }
}

module.exports = SummaryReporter;
