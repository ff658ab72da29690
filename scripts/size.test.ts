import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/apps';

/**
 * `npm run size` reports the consumer weapp's main package from the built dist/weapp (`npm test` builds it first):
 * every file outside the subpackages, as WeChat DevTools uploads them.
 */
const DIST = path.join(ROOT, 'miniprogram/dist/weapp');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test('npm run size prints the main package size of the built consumer weapp', () => {
  expect(existsSync(path.join(DIST, 'app.json'))).toBe(true);
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/size.ts'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const m = r.stdout.match(/consumer main package: ([\d.]+) KB \(([\d.]+)% of the 2 MB limit, (\d+) files\)/);
  expect(m).not.toBeNull();

  const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => path.join(DIST, s.root) + path.sep);
  const main = walk(DIST).filter((f) => !subRoots.some((root) => f.startsWith(root)) && !f.endsWith('.LICENSE.txt'));
  const bytes = main.reduce((n, f) => n + statSync(f).size, 0);
  expect(Number(m![1])).toBeCloseTo(bytes / 1024, 1);
  expect(Number(m![3])).toBe(main.length);
  expect(bytes).toBeGreaterThan(100 * 1024); // a real build (Taro runtime, React, NutUI), not an empty folder
  // The largest files it lists are files of that build.
  for (const line of r.stdout.split('\n').filter((l) => /^\s+[\d.]+ KB\s+\S/.test(l))) {
    expect(existsSync(path.join(DIST, line.trim().split(/\s+/).pop()!))).toBe(true);
  }
});
