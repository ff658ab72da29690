import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const indexSpec = z.object({
  name: z.string().regex(/^[A-Za-z0-9_]+$/),
  keys: z.record(z.string(), z.union([z.literal(1), z.literal(-1), z.literal('2dsphere')])),
  unique: z.boolean().optional(),
});

export const collectionRules = z.object({
  rules: z
    .object({ read: z.union([z.boolean(), z.string()]), write: z.union([z.boolean(), z.string()]) })
    .passthrough()
    .optional(),
  indexes: z.array(indexSpec).default([]),
});

export type CollectionRules = z.infer<typeof collectionRules>;

/** database-rules/<collection>.json: security rules and indexes. Each file also declares the collection. */
export function loadCollectionRules(rulesDir: string | undefined): Record<string, CollectionRules> {
  const out: Record<string, CollectionRules> = {};
  if (!rulesDir || !existsSync(rulesDir)) return out;
  for (const file of readdirSync(rulesDir).filter((f) => f.endsWith('.json'))) {
    const name = file.slice(0, -'.json'.length);
    const parsed = collectionRules.safeParse(JSON.parse(readFileSync(path.join(rulesDir, file), 'utf8')));
    if (!parsed.success) throw new Error(`database-rules/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    out[name] = parsed.data;
  }
  return out;
}
