import Module from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

export type CloudFunctionMain = (event: unknown, context: Record<string, unknown>) => unknown;

/** Bare imports stay external (resolved from node_modules at run time) except our own workspace packages. */
function externalPackages(found: Set<string>): Plugin {
  return {
    name: 'external-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@daojia/')) return undefined;
        if (!args.path.startsWith('node:')) found.add(args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0]);
        return { path: args.path, external: true };
      });
    },
  };
}

const BUILTINS = new Set(Module.builtinModules);

/** The same bundle `npm run build:functions` ships: one CommonJS file with the workspace packages inlined. */
export async function bundleFunction(entry: string, opts: { sourcemap?: boolean } = {}): Promise<{ code: string; inputs: string[]; externals: string[] }> {
  const found = new Set<string>();
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    sourcemap: opts.sourcemap === false ? false : 'inline',
    metafile: true,
    logLevel: 'silent',
    plugins: [externalPackages(found)],
  });
  const inputs = Object.keys(result.metafile!.inputs).map((p) => path.resolve(p));
  return { code: result.outputFiles[0].text, inputs, externals: [...found].filter((d) => !BUILTINS.has(d)).sort() };
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
