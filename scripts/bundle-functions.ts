/**
 * `npm run build:functions`: one self-contained folder per function under dist/cloudfunctions/ (index.js bundled
 * exactly as the local cloud runs it, plus a package.json naming its runtime dependencies), which is what
 * `project.config.json` (cloudfunctionRoot) and the CloudBase CLI deploy.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleFunction } from '../packages/local-cloud/src/functions/loader';
import { loadProjectFunctions } from '../packages/local-cloud/src/functions/config';

const ROOT = path.resolve(__dirname, '..');

export async function bundleFunctions(outDir = path.join(ROOT, 'dist', 'cloudfunctions')) {
  const rootPkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const { functionRoot, functions } = loadProjectFunctions(ROOT);
  rmSync(outDir, { recursive: true, force: true });
  const built: { name: string; bytes: number; dependencies: string[] }[] = [];
  for (const name of functions.keys()) {
    const { code, externals } = await bundleFunction(path.join(functionRoot, name, 'index.ts'), { sourcemap: false });
    const dir = path.join(outDir, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.js'), code);
    const dependencies = Object.fromEntries(externals.map((dep) => [dep, versionOf(dep, rootPkg)]));
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', main: 'index.js', dependencies }, null, 2)}\n`);
    built.push({ name, bytes: Buffer.byteLength(code), dependencies: Object.keys(dependencies) });
  }
  return built;
}

function versionOf(dep: string, rootPkg: { dependencies?: Record<string, string> }): string {
  if (rootPkg.dependencies?.[dep]) return rootPkg.dependencies[dep];
  return `^${JSON.parse(readFileSync(require.resolve(`${dep}/package.json`, { paths: [ROOT] }), 'utf8')).version}`;
}

if (require.main === module) {
  bundleFunctions()
    .then((built) => {
      for (const b of built) console.log(`${b.name.padEnd(14)} ${(b.bytes / 1024).toFixed(0).padStart(5)} KiB  deps: ${b.dependencies.join(', ') || '-'}`);
      console.log('→ dist/cloudfunctions/');
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
