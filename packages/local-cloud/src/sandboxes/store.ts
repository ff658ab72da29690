import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { z } from 'zod';

/**
 * A sandbox's own SQLite file of JSON documents by (kind, id), kept in insertion order: the provider's state and its
 * outbox survive restarts, and none of it lands in the business database.
 */
export function openSandboxStore(dir: string, name: string) {
  mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, `${name}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS docs (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE (kind, id))');
  const q = {
    get: db.prepare<[string, string], { doc: string }>('SELECT doc FROM docs WHERE kind = ? AND id = ?'),
    list: db.prepare<[string], { seq: number; doc: string }>('SELECT seq, doc FROM docs WHERE kind = ? ORDER BY seq'),
    put: db.prepare('INSERT INTO docs (kind, id, doc) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET doc = excluded.doc'),
  };
  return {
    get: <T>(kind: string, id: string): T | undefined => {
      const r = q.get.get(kind, id);
      return r ? (JSON.parse(r.doc) as T) : undefined;
    },
    /** Oldest first, each with its insertion sequence number. */
    list: <T>(kind: string): Array<T & { seq: number }> => q.list.all(kind).map((r) => ({ ...(JSON.parse(r.doc) as T), seq: r.seq })),
    put: (kind: string, id: string, doc: unknown) => {
      q.put.run(kind, id, JSON.stringify(doc));
    },
    transact: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => db.close(),
  };
}

export type SandboxStore = ReturnType<typeof openSandboxStore>;

/** Loads `<dir>/<name>.json`, creating it on first start so credentials handed to functions stay valid across restarts. */
export function loadOrCreateCredentials<S extends z.ZodType>(dir: string, name: string, schema: S, create: () => z.infer<S>): z.infer<S> {
  const file = path.join(dir, `${name}.json`);
  if (existsSync(file)) return schema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const value = schema.parse(create());
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2), { mode: 0o600 });
  return value;
}
