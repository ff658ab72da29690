import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleFunctions } from './bundle-functions';

test('every function bundles into a deployable folder whose package.json names exactly its runtime dependencies', async () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'daojia-bundle-'));
  try {
    const built = await bundleFunctions(out);
    expect(built.map((b) => b.name)).toEqual(expect.arrayContaining(['order', 'pay', 'payNotify', 'merchantOrder', 'orderTimers', 'store', 'admin']));
    const order = JSON.parse(readFileSync(path.join(out, 'order', 'package.json'), 'utf8'));
    expect(Object.keys(order.dependencies)).toEqual(expect.arrayContaining(['@cloudbase/node-sdk', 'zod', 'dayjs']));
    expect(Object.keys(order.dependencies).some((d) => d.startsWith('@daojia/'))).toBe(false); // workspace code is inlined
    const code = readFileSync(path.join(out, 'order', 'index.js'), 'utf8');
    expect(code).toContain('OUT_OF_STOCK');
    expect(code).not.toContain('sourceMappingURL');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
