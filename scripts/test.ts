/**
 * `npm test`: everything. Builds the apps (the weapp smoke tests render the real weapp output, the browser tests
 * drive the real H5 builds), type-checks every workspace, lints and checks the format (scripts/lib/checks.ts: a failed check counts as
 * a failed test), runs unit + integration tests, then the browser end-to-end tests.
 * Ends with one plain summary line `tests: N passed, N failed`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { APPS, ROOT, buildApp, isStale } from './lib/apps';
import { runChecks } from './lib/checks';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function requireChromium() {
  if (existsSync(CHROMIUM)) return;
  console.error(`Chromium is missing at ${CHROMIUM}; the browser tests need it. Install it with:\n\n  sudo apt-get update && sudo apt-get install -y chromium\n`);
  process.exit(1);
}

interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTests: number;
  success: boolean;
}

function runJest(label: string, args: string[]): JestSummary {
  const out = path.join(ROOT, '.tmp', `jest-${label}.json`);
  console.log(`\n== ${label} tests`);
  const result = spawnSync('npx', ['jest', '--json', `--outputFile=${out}`, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(out)) throw new Error(`jest (${label}) produced no report (exit ${result.status})`);
  const summary = JSON.parse(readFileSync(out, 'utf8')) as JestSummary;
  if (result.status !== 0 && summary.numFailedTests === 0) summary.numFailedTests = 1; // a suite that failed to load
  return summary;
}

async function main() {
  requireChromium();
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const skipBuild = process.env.DAOJIA_SKIP_BUILD === '1';
  if (!skipBuild) {
    for (const app of APPS) {
      if (app.id !== 'admin') buildApp(app, 'build:weapp');
      if (isStale(app)) buildApp(app);
    }
  }
  // DAOJIA_SKIP_CHECKS=1 for a quick local rerun of the suites only; CI always runs them.
  const checks = process.env.DAOJIA_SKIP_CHECKS === '1' ? [] : (console.log('\n== type checks and lint'), await runChecks());
  const failedChecks = checks.filter((c) => !c.ok);
  const extra = process.argv.slice(2);
  const unit = runJest('unit', ['--maxWorkers=2', ...extra]);
  const e2e = runJest('e2e', ['-c', 'e2e/jest.config.js', '--runInBand', ...extra]);
  const passed = unit.numPassedTests + e2e.numPassedTests;
  const failed = unit.numFailedTests + e2e.numFailedTests + failedChecks.length;
  const skipped = unit.numPendingTests + e2e.numPendingTests;
  console.log('');
  if (checks.length)
    console.log(`checks: ${checks.length - failedChecks.length} passed, ${failedChecks.length} failed${failedChecks.length ? ` (${failedChecks.map((c) => c.name).join('; ')})` : ''}`);
  console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed === 0 && unit.success && e2e.success ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
