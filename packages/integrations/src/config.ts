import type { z } from 'zod';

/**
 * Every adapter's configuration is decoded the same way: a schema, and on failure one actionable message that names
 * each bad field, thrown as the adapter's own error so callers see one error type per integration.
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, fail: (fields: string) => Error): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw fail(r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return r.data;
}
