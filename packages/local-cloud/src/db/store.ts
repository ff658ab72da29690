import Sqlite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CloudError } from '../errors';
import { fromStorage, toStorage, type Doc } from './ejson';

export interface IndexSpec { name: string; keys: Record<string, 1 | -1 | '2dsphere'>; unique?: boolean }
export interface Row { id: string; version: number; doc: Doc }

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const FIELD = /^[A-Za-z_$][A-Za-z0-9_.$]*$/;
const table = (c: string) => `"c_${c}"`;
export const fieldExpr = (field: string) => `json_extract(doc, '$.${field}')`;
const lngExpr = (field: string) => `json_extract(doc, '$.${field}.coordinates[0]')`;
const latExpr = (field: string) => `json_extract(doc, '$.${field}.coordinates[1]')`;

/** A condition SQLite can answer from an index: field, comparison, plain value. */
export type Condition = [field: string, op: '=' | '>' | '>=' | '<' | '<=', value: string | number | boolean];

export interface Box { minLng: number; maxLng: number; minLat: number; maxLat: number }

/**
 * SQLite storage: a table per collection (id, version, doc JSON). WAL with synchronous=NORMAL survives a process
 * kill (only an OS crash may lose the last transactions). Indexes are expression indexes over json_extract, so an
 * equality on an indexed field is answered by SQLite.
 */
export function openStore(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const sql = new Sqlite(path.join(dataDir, 'database.sqlite'));
  sql.pragma('journal_mode = WAL');
  sql.pragma('synchronous = NORMAL');
  sql.exec('CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY)');
  const collections = new Set((sql.prepare('SELECT name FROM _collections').all() as { name: string }[]).map((r) => r.name));
  const indexedFields = new Map<string, Set<string>>();
  const geoFields = new Map<string, string>();
  const statements = new Map<string, Sqlite.Statement>();

  const prepare = (text: string) => {
    let s = statements.get(text);
    if (!s) { s = sql.prepare(text); statements.set(text, s); }
    return s;
  };

  function requireCollection(name: string) {
    if (!collections.has(name)) throw new CloudError('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`);
  }

  function createCollection(name: string): boolean {
    if (!NAME.test(name)) throw new CloudError('INVALID_PARAM', `invalid collection name ${name}`);
    if (collections.has(name)) return false;
    sql.exec(`CREATE TABLE IF NOT EXISTS ${table(name)} (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL)`);
    prepare('INSERT OR IGNORE INTO _collections (name) VALUES (?)').run(name);
    collections.add(name);
    return true;
  }

  function ensureIndex(collection: string, spec: IndexSpec) {
    createCollection(collection);
    const fields = Object.entries(spec.keys);
    for (const [f] of fields) if (!FIELD.test(f)) throw new CloudError('INVALID_PARAM', `invalid index field ${f}`);
    const set = indexedFields.get(collection) ?? new Set<string>();
    indexedFields.set(collection, set);
    const geoField = fields.find(([, dir]) => dir === '2dsphere')?.[0];
    if (geoField) {
      // A bounding box on indexed longitude/latitude narrows geo queries; exact distances are computed afterwards.
      geoFields.set(collection, geoField);
      sql.exec(`CREATE INDEX IF NOT EXISTS "i_${collection}_${spec.name}" ON ${table(collection)} (${lngExpr(geoField)}, ${latExpr(geoField)})`);
      return;
    }
    set.add(fields[0][0]);
    const cols = fields.map(([f, dir]) => `${fieldExpr(f)} ${dir === -1 ? 'DESC' : 'ASC'}`).join(', ');
    sql.exec(`CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "i_${collection}_${spec.name}" ON ${table(collection)} (${cols})`);
  }

  const parse = (r: { id: string; version: number; doc: string }): Row => ({ id: r.id, version: r.version, doc: fromStorage(r.doc) });

  return {
    sql,
    collections,
    requireCollection,
    createCollection,
    ensureIndex,
    isIndexed: (collection: string, field: string) => field === '_id' || (indexedFields.get(collection)?.has(field) ?? false),
    get(collection: string, id: string): Row | undefined {
      const r = prepare(`SELECT id, version, doc FROM ${table(collection)} WHERE id = ?`).get(id) as any;
      return r ? parse(r) : undefined;
    },
    /**
     * Rows matching pushed-down conditions on indexed fields. A prefilter only: it may return more than the query
     * matches (SQLite orders types differently from MongoDB), never less; the caller filters exactly afterwards.
     */
    scan(collection: string, conditions: Condition[]): Row[] {
      const where = conditions.map(([f, op]) => `${f === '_id' ? 'id' : fieldExpr(f)} ${op} ?`);
      const text = `SELECT id, version, doc FROM ${table(collection)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid`;
      return (prepare(text).all(...conditions.map(([, , v]) => (typeof v === 'boolean' ? Number(v) : v))) as any[]).map(parse);
    },
    geoField: (collection: string) => geoFields.get(collection),
    /** Documents whose indexed point lies in a lng/lat box (the caller then measures real distances). */
    scanBox(collection: string, field: string, box: Box): Row[] {
      const text = `SELECT id, version, doc FROM ${table(collection)} WHERE ${lngExpr(field)} BETWEEN ? AND ? AND ${latExpr(field)} BETWEEN ? AND ?`;
      return (prepare(text).all(box.minLng, box.maxLng, box.minLat, box.maxLat) as any[]).map(parse);
    },
    explainBox(collection: string, field: string): string {
      const text = `EXPLAIN QUERY PLAN SELECT id FROM ${table(collection)} WHERE ${lngExpr(field)} BETWEEN 0 AND 1 AND ${latExpr(field)} BETWEEN 0 AND 1`;
      return (sql.prepare(text).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    },
    explain(collection: string, conditions: Condition[]): string {
      const where = conditions.map(([f, op]) => `${f === '_id' ? 'id' : fieldExpr(f)} ${op} ?`);
      const text = `EXPLAIN QUERY PLAN SELECT id FROM ${table(collection)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
      return (sql.prepare(text).all(...conditions.map(([, , v]) => v)) as { detail: string }[]).map((r) => r.detail).join('\n');
    },
    insert(collection: string, doc: Doc) {
      prepare(`INSERT INTO ${table(collection)} (id, version, doc) VALUES (?, 1, ?)`).run(doc._id, toStorage(doc));
    },
    replace(collection: string, doc: Doc, version: number) {
      prepare(`UPDATE ${table(collection)} SET version = ?, doc = ? WHERE id = ?`).run(version, toStorage(doc), doc._id);
    },
    delete(collection: string, id: string) {
      prepare(`DELETE FROM ${table(collection)} WHERE id = ?`).run(id);
    },
    transaction<T>(fn: () => T): T {
      return sql.transaction(fn)();
    },
    close() { sql.close(); },
  };
}

export type Store = ReturnType<typeof openStore>;

/** SQLite's unique-constraint failure, as CloudBase reports a duplicate key. */
export function translateSqliteError(e: unknown): never {
  const err = e as { code?: string; message?: string };
  if (err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    throw new CloudError('DATABASE_DUPLICATE_WRITE', `duplicate key: ${err.message}`);
  }
  throw e;
}
