/**
 * `npm run size`: the consumer mini-program's main package size (WeChat caps it at 2 MB). Builds the weapp
 * output first when it is missing or when `--build` is given.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'miniprogram/dist/weapp');
const LIMIT = 2 * 1024 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

function subpackageRoots(): string[] {
  const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  return (app.subPackages ?? app.subpackages ?? []).map((s) => path.join(DIST, s.root));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function main() {
  if (process.argv.includes('--build') || !existsSync(path.join(DIST, 'app.json'))) {
    const started = Date.now();
    const r = spawnSync('npm', ['run', 'build:weapp', '-w', '@daojia/miniprogram'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('weapp build failed');
    console.log(`built consumer weapp in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const subRoots = subpackageRoots();
  // DevTools does not upload these; they are not part of the package.
  const main = files(DIST).filter((f) => !subRoots.some((r) => f.startsWith(r + path.sep)) && !f.endsWith('.LICENSE.txt'));
  const sized = main.map((f) => ({ file: path.relative(DIST, f), bytes: statSync(f).size })).sort((a, b) => b.bytes - a.bytes);
  const total = sized.reduce((n, f) => n + f.bytes, 0);
  console.log('largest files:');
  for (const f of sized.slice(0, 8)) console.log(`  ${kb(f.bytes).padStart(10)}  ${f.file}`);
  console.log(`consumer main package: ${kb(total)} (${((total / LIMIT) * 100).toFixed(1)}% of the 2 MB limit, ${sized.length} files)`);
  if (total > LIMIT) process.exitCode = 1;
}

main();
