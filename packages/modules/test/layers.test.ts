/**
 * The packages are layered (README, Architecture): domain ← modules ← function-kit ← cloudfunctions. A lower layer
 * importing a higher one would bring back the cycle the runtime folder removed, so each import is read from source.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const LAYERS = ['packages/domain/src', 'packages/modules/src', 'packages/function-kit/src', 'cloudfunctions'] as const;
const NAMES: Record<(typeof LAYERS)[number], RegExp> = {
  'packages/domain/src': /^@daojia\/domain(\/|$)/,
  'packages/modules/src': /^@daojia\/modules(\/|$)/,
  'packages/function-kit/src': /^@daojia\/function-kit(\/|$)/,
  cloudfunctions: /cloudfunctions\//,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'test') return [];
    return statSync(full).isDirectory() ? sources(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports. */
const specifiers = (text: string) => [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);

/** `file imports spec` pairs where a layer reaches a layer above it. */
function upwardImports(files: { layer: number; file: string; text: string }[]) {
  return files.flatMap(({ layer, file, text }) =>
    specifiers(text)
      .filter((spec) => LAYERS.slice(layer + 1).some((above) => NAMES[above].test(spec)))
      .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
  );
}

test('no layer imports one above it', () => {
  const files = LAYERS.flatMap((dir, layer) => sources(path.join(ROOT, dir)).map((file) => ({ layer, file, text: readFileSync(file, 'utf8') })));
  expect(files.length).toBeGreaterThan(50);
  expect(upwardImports(files)).toEqual([]);
});

test('the check sees an upward import', () => {
  const modulesFile = { layer: 1, file: path.join(ROOT, 'packages/modules/src/x.ts'), text: "import { db } from '@daojia/function-kit';" };
  const domainFile = { layer: 0, file: path.join(ROOT, 'packages/domain/src/y.ts'), text: "export { a } from '@daojia/modules/orders';" };
  expect(upwardImports([modulesFile, domainFile])).toEqual(['packages/modules/src/x.ts imports @daojia/function-kit', 'packages/domain/src/y.ts imports @daojia/modules/orders']);
});
