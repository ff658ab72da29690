import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/**
 * The static checks `npm test` runs before the jest suites, each a separate command: jest (swc) strips types without
 * checking them, so a type error in a mini-program or a test would otherwise pass. Every workspace's TypeScript is
 * in one of these projects: the root one (packages' sources, cloud functions, scripts, bench, e2e, the admin web),
 * the packages' tests, and each mini-program (own compiler options and the weapp's global types).
 */
export const CHECKS: readonly { name: string; cmd: string; args: string[] }[] = [
  { name: 'typecheck: root (packages, cloudfunctions, scripts, e2e, admin-web)', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'typecheck: package tests', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.tests.json', '--noEmit'] },
  { name: 'typecheck: miniprogram', cmd: 'npx', args: ['tsc', '-p', 'miniprogram/tsconfig.json', '--noEmit'] },
  { name: 'typecheck: merchant-miniprogram', cmd: 'npx', args: ['tsc', '-p', 'merchant-miniprogram/tsconfig.json', '--noEmit'] },
  { name: 'lint: eslint', cmd: 'npx', args: ['eslint', '.'] },
  { name: 'format: prettier', cmd: 'npx', args: ['prettier', '--check', '.'] },
];

export interface CheckResult {
  name: string;
  ok: boolean;
  seconds: number;
  output: string;
}

function run(check: (typeof CHECKS)[number]): Promise<CheckResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(check.cmd, check.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c;
    });
    const done = (ok: boolean, extra = '') => resolve({ name: check.name, ok, seconds: (Date.now() - started) / 1000, output: output + extra });
    child.once('error', (e) => done(false, e.message));
    child.once('close', (code) => done(code === 0));
  });
}

/**
 * Runs the checks, as many at once as there are cores (each tsc is one busy thread with 0.5-0.7 GB), printing each
 * one's result as it ends, with its output when it failed.
 */
export async function runChecks(checks = CHECKS, parallel = Math.max(1, Math.min(cpus().length, 2))): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const queue = [...checks];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const r = await run(next);
      console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`);
      if (!r.ok) process.stdout.write(`${r.output.trimEnd()}\n`);
      results.push(r);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return checks.map((c) => results.find((r) => r.name === c.name)!);
}
