import Module from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

export type CloudFunctionMain = (event: unknown, context: Record<string, unknown>) => unknown;

/** Bare imports stay external (resolved from node_modules at run time) except our own workspace packages. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@daojia/') ? undefined : { path: args.path, external: true }));
  },
};

/** The same bundle `npm run deploy` ships: one CommonJS file with the workspace packages inlined. */
export async function bundleFunction(entry: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    sourcemap: 'inline',
    metafile: true,
    logLevel: 'silent',
    plugins: [externalPackages],
  });
  const inputs = Object.keys(result.metafile!.inputs).map((p) => path.resolve(p));
  return { code: result.outputFiles[0].text, inputs };
}

/** Evaluates a bundle as if it were `<dir>/index.js`, so its requires resolve from the function's folder. */
export function loadBundle(code: string, dir: string): CloudFunctionMain {
  const filename = path.join(dir, 'index.js');
  const mod = new Module(filename) as Module & { _compile(code: string, filename: string): void; paths: string[] };
  mod.filename = filename;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dir);
  mod._compile(code, filename);
  const main = (mod.exports as { main?: unknown }).main;
  if (typeof main !== 'function') throw new Error(`${dir}/index.ts does not export main(event, context)`);
  return main as CloudFunctionMain;
}
