import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderApiDoc } from './api-doc';

test("docs/API.md is what the functions' schemas say (regenerate with `npx tsx scripts/api-doc.ts`)", () => {
  const committed = readFileSync(path.join(__dirname, '..', 'docs', 'API.md'), 'utf8');
  const fresh = renderApiDoc();
  expect(fresh).toContain('### `order.create`');
  expect(fresh).toContain('"idempotencyKey"');
  expect(committed).toBe(fresh);
});
