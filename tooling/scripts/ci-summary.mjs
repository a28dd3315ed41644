#!/usr/bin/env node
// Prints CI's last line, "N passed, N failed", from vitest's JSON report plus failed CI checks.
// A test file that fails to load counts as one failed test; a missing report counts as one.
import { existsSync, readFileSync } from 'node:fs';

const [resultsPath, failedChecksArg = '0', testStatusArg = '0'] = process.argv.slice(2);
let passed = 0;
let failed = Number(failedChecksArg);
if (resultsPath && existsSync(resultsPath)) {
  const report = JSON.parse(readFileSync(resultsPath, 'utf8'));
  passed = report.numPassedTests;
  failed += report.numFailedTests;
  for (const file of report.testResults) {
    if (file.status === 'failed' && file.assertionResults.every((a) => a.status !== 'failed')) failed += 1;
  }
} else {
  failed += 1;
}
if (failed === 0 && Number(testStatusArg) !== 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
