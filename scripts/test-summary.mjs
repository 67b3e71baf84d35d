// Prints one plain closing line, `tests: N passed, N failed`, from Vitest's and Playwright's JSON reports
// (CI reads that line, not the runners' own summaries). Exits 1 when anything failed or nothing ran.
import { readFileSync, existsSync } from 'node:fs';

const read = (p) => (existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : null);
let passed = 0;
let failed = 0;
let skipped = 0;
const unit = read('reports/unit.json');
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  if (unit.success === false && (unit.numFailedTests ?? 0) === 0) failed += 1; // a suite that failed to load
} else {
  console.error('reports/unit.json is missing: the unit tests did not run');
  failed += 1;
}
const e2e = read('reports/e2e.json');
if (e2e) {
  passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected ?? 0;
  skipped += e2e.stats.skipped ?? 0;
  if ((e2e.errors ?? []).length > 0) failed += 1;
} else {
  console.error('reports/e2e.json is missing: the end-to-end tests did not run');
  failed += 1;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
