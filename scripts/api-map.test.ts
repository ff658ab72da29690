/**
 * The API map in @daojia/domain is what the front ends call through; the functions' action tables are what runs.
 * They must be the same thing: every callable function's actions, with the very same input and output schema objects
 * and the same declared errors. Any drift (an action added, renamed or removed, a schema swapped, an error code
 * declared on one side only) fails here, naming it.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { API } from '@daojia/domain';

// Loading a function module runs its tcb.init(); say where we are so the SDK does not probe cloud metadata hosts.
process.env.TENCENTCLOUD_RUNENV ??= 'SCF';
process.env.TENCENTCLOUD_REGION ??= 'ap-shanghai';
process.env.SCF_NAMESPACE ??= 'api-map';

const DIR = path.resolve(__dirname, '..', 'cloudfunctions');
interface Table {
  functionName: string;
  actions: Record<string, { input: unknown; output: unknown; errors: readonly string[] }>;
}

/** Every function folder whose entry point carries an action table (timers and HTTP callbacks do not). */
const callable = readdirSync(DIR)
  .filter((n) => existsSync(path.join(DIR, n, 'index.ts')))
  .sort()
  .flatMap((name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const main = (require(path.join(DIR, name, 'index.ts')) as { main?: Partial<Table> }).main;
    return main?.actions ? [{ name, table: main as Table }] : [];
  });

test('the map names exactly the callable functions', () => {
  expect(callable.map((f) => f.name)).toEqual(Object.keys(API).sort());
});

describe.each(callable)('$name', ({ name, table }) => {
  const mapped = (API as Record<string, Record<string, { input: unknown; output: unknown; errors: readonly string[] }>>)[name] ?? {};

  test('declares the actions the map lists, no more, no fewer', () => {
    expect(table.functionName).toBe(name);
    expect(Object.keys(table.actions).sort()).toEqual(Object.keys(mapped).sort());
  });

  test.each(Object.keys(table.actions))("%s uses the map's input and output schema objects and errors", (action) => {
    const def = table.actions[action];
    const entry = mapped[action];
    expect(entry).toBeDefined();
    // Identity, not likeness: a copied schema would drift the first time one side changes.
    expect(def.input === entry.input).toBe(true);
    expect(def.output === entry.output).toBe(true);
    expect([...def.errors].sort()).toEqual([...entry.errors].sort());
  });
});
