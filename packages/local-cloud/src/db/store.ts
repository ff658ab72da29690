import Sqlite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CloudError } from '../errors';
import { fromStorage, toStorage, type Doc } from './ejson';
import { kindAt, type Kind } from './kinds';

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1 | '2dsphere'>;
  unique?: boolean;
}
export interface Row {
  id: string;
  version: number;
  doc: Doc;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const FIELD = /^[A-Za-z_$][A-Za-z0-9_.$]*$/;
const table = (c: string) => `"c_${c}"`;
export const fieldExpr = (field: string) => `json_extract(doc, '$.${field}')`;
const lngExpr = (field: string) => `json_extract(doc, '$.${field}.coordinates[0]')`;
const latExpr = (field: string) => `json_extract(doc, '$.${field}.coordinates[1]')`;

type Scalar = string | number | boolean;
/** A condition SQLite can answer from an index: field, comparison, plain value (a list for IN). */
export type Condition = [field: string, op: '=' | '>' | '>=' | '<' | '<=', value: Scalar] | [field: string, op: 'IN', value: Scalar[]];
/** An ORDER BY SQLite can apply: fields whose values it orders as MongoDB does (the engine checks their kinds). */
export type Order = [field: string, dir: 1 | -1][];

export interface Box {
  minLng: number;
  maxLng: number;
  minLat: number;
  maxLat: number;
}

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
  sql.exec('CREATE TABLE IF NOT EXISTS _field_kinds (collection TEXT NOT NULL, field TEXT NOT NULL, kinds TEXT NOT NULL, PRIMARY KEY (collection, field))');
  const collections = new Set((sql.prepare('SELECT name FROM _collections').all() as { name: string }[]).map((r) => r.name));
  const indexedFields = new Map<string, Set<string>>();
  const geoFields = new Map<string, string>();
  const fieldKinds = new Map<string, Map<string, Set<Kind>>>();
  const statements = new Map<string, Sqlite.Statement>();

  const prepare = (text: string) => {
    let s = statements.get(text);
    if (!s) {
      s = sql.prepare(text);
      statements.set(text, s);
    }
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

  const saveKinds = (collection: string, field: string, kinds: Set<Kind>) =>
    prepare('INSERT OR REPLACE INTO _field_kinds (collection, field, kinds) VALUES (?, ?, ?)').run(collection, field, JSON.stringify([...kinds].sort()));

  /** Starts tracking what an indexed field holds: from the saved record, or (a new index) from every document. */
  function trackKinds(collection: string, field: string) {
    const byField = fieldKinds.get(collection) ?? new Map<string, Set<Kind>>();
    fieldKinds.set(collection, byField);
    if (byField.has(field)) return;
    const saved = prepare('SELECT kinds FROM _field_kinds WHERE collection = ? AND field = ?').get(collection, field) as { kinds: string } | undefined;
    let kinds: Set<Kind>;
    if (saved) kinds = new Set(JSON.parse(saved.kinds) as Kind[]);
    else {
      kinds = new Set();
      for (const r of sql.prepare(`SELECT doc FROM ${table(collection)}`).iterate() as Iterable<{ doc: string }>) kinds.add(kindAt(fromStorage(r.doc), field));
      saveKinds(collection, field, kinds);
    }
    byField.set(field, kinds);
  }

  /** Records the kinds a written document adds (inside the write's transaction, so a rollback takes it back on disk). */
  function noteKinds(collection: string, doc: Doc) {
    for (const [field, kinds] of fieldKinds.get(collection) ?? []) {
      const kind = kindAt(doc, field);
      if (kinds.has(kind)) continue;
      kinds.add(kind);
      saveKinds(collection, field, kinds);
    }
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
    for (const [f] of fields) trackKinds(collection, f);
    const cols = fields.map(([f, dir]) => `${fieldExpr(f)} ${dir === -1 ? 'DESC' : 'ASC'}`).join(', ');
    sql.exec(`CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "i_${collection}_${spec.name}" ON ${table(collection)} (${cols})`);
  }

  const parse = (r: { id: string; version: number; doc: string }): Row => ({ id: r.id, version: r.version, doc: fromStorage(r.doc) });
  const column = (f: string) => (f === '_id' ? 'id' : fieldExpr(f));

  function select(collection: string, conditions: Condition[], order: Order, head = 'SELECT id, version, doc') {
    const where = conditions.map(([f, op, v]) => (op === 'IN' ? `${column(f)} IN (${v.map(() => '?').join(', ')})` : `${column(f)} ${op} ?`));
    // rowid last: ties keep insertion order, as the in-memory sort (stable over rowid order) does.
    const orderBy = [...order.map(([f, dir]) => `${column(f)} ${dir === -1 ? 'DESC' : 'ASC'}`), 'rowid'].join(', ');
    const params = conditions.flatMap(([, , v]) => (Array.isArray(v) ? v : [v])).map((v) => (typeof v === 'boolean' ? Number(v) : v));
    return { text: `${head} FROM ${table(collection)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy}`, params };
  }

  return {
    sql,
    collections,
    requireCollection,
    createCollection,
    ensureIndex,
    isIndexed: (collection: string, field: string) => field === '_id' || (indexedFields.get(collection)?.has(field) ?? false),
    /** The kinds of value an indexed field holds in this collection (undefined: not tracked, so unknown). */
    kinds: (collection: string, field: string): ReadonlySet<Kind> | undefined => (field === '_id' ? new Set<Kind>(['string']) : fieldKinds.get(collection)?.get(field)),
    get(collection: string, id: string): Row | undefined {
      const r = prepare(`SELECT id, version, doc FROM ${table(collection)} WHERE id = ?`).get(id) as any;
      return r ? parse(r) : undefined;
    },
    /**
     * Rows matching pushed-down conditions on indexed fields, in `order` then insertion order, read lazily (a caller
     * that stops early stops the scan). A prefilter only: it may return more than the query matches (SQLite orders
     * types differently from MongoDB), never less; the caller filters exactly afterwards.
     */
    *iterate(collection: string, conditions: Condition[], order: Order = []): Generator<Row> {
      const { text, params } = select(collection, conditions, order);
      for (const r of prepare(text).iterate(...params) as Iterable<any>) yield parse(r);
    },
    scan(collection: string, conditions: Condition[]): Row[] {
      const { text, params } = select(collection, conditions, []);
      return (prepare(text).all(...params) as any[]).map(parse);
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
    explain(collection: string, conditions: Condition[], order: Order = []): string {
      const { text, params } = select(collection, conditions, order, 'SELECT id');
      return (sql.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
    },
    insert(collection: string, doc: Doc) {
      prepare(`INSERT INTO ${table(collection)} (id, version, doc) VALUES (?, 1, ?)`).run(doc._id, toStorage(doc));
      noteKinds(collection, doc);
    },
    replace(collection: string, doc: Doc, version: number) {
      prepare(`UPDATE ${table(collection)} SET version = ?, doc = ? WHERE id = ?`).run(version, toStorage(doc), doc._id);
      noteKinds(collection, doc);
    },
    delete(collection: string, id: string) {
      prepare(`DELETE FROM ${table(collection)} WHERE id = ?`).run(id);
    },
    transaction<T>(fn: () => T): T {
      return sql.transaction(fn)();
    },
    close() {
      sql.close();
    },
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
