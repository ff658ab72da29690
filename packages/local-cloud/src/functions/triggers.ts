import { randomUUID } from 'node:crypto';
import type { Database } from '../db';
import type { DatabaseTrigger, FunctionConfig } from './config';
import type { CallerIdentity, InvocationKind } from './host';
import { RETRY, withRetries } from './retry';

type Invoke = (name: string, event: unknown, identity?: CallerIdentity, kind?: InvocationKind) => Promise<unknown>;

export interface DocumentChange {
  collection: string;
  type: 'insert' | 'update' | 'delete';
  docId: string;
  doc: Record<string, unknown> | null;
  before?: Record<string, unknown> | null;
  updatedFields?: Record<string, unknown>;
  removedFields?: string[];
}

/** Runs trigger functions after committed changes, with CloudBase's CloudEvent shape; failures retry with backoff. */
export function startDatabaseTriggers(opts: { db: Database; functions: Map<string, FunctionConfig>; invoke: Invoke; log: (line: string) => void; track: (p: Promise<unknown>) => void }): () => void {
  const byCollection = new Map<string, { name: string; trigger: DatabaseTrigger }[]>();
  for (const [name, config] of opts.functions) {
    for (const t of config.triggers) {
      if (t.type !== 'database') continue;
      const list = byCollection.get(t.config.collection) ?? [];
      list.push({ name, trigger: t });
      byCollection.set(t.config.collection, list);
    }
  }
  const db = opts.db as Database & { onChange?: (l: (c: DocumentChange) => void) => () => void };
  if (!byCollection.size || typeof db.onChange !== 'function') return () => {};

  return db.onChange((change) => {
    for (const { name, trigger } of byCollection.get(change.collection) ?? []) {
      if (!trigger.config.events.includes(change.type)) continue;
      const event = {
        specversion: '1.0',
        id: randomUUID(),
        type: `com.tcb.database.${change.type}`,
        source: `tcb/database/${change.collection}`,
        time: new Date().toISOString(),
        data: {
          collection: change.collection,
          docId: change.docId,
          doc: change.doc,
          dataType: change.type,
          updatedFields: change.updatedFields ?? {},
          removedFields: change.removedFields ?? [],
        },
      };
      const run = withRetries(() => opts.invoke(name, event, { source: 'database_trigger' }, 'trigger'), {
        ...RETRY,
        onRetry: (n, e, delayMs) => opts.log(`[trigger] ${trigger.name} → ${name} failed (attempt ${n}): ${(e as Error).message}; retrying in ${delayMs} ms`),
      });
      run.catch((e) => opts.log(`[trigger] ${trigger.name} → ${name} gave up after ${RETRY.tries} attempts: ${(e as Error).message}`));
      opts.track(run);
    }
  });
}
