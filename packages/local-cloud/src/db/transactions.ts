import { randomBytes } from 'node:crypto';
import { CloudError } from '../errors';
import type { Doc } from './ejson';
import { translateSqliteError, type Store } from './store';

export interface DocumentChange {
  collection: string;
  type: 'insert' | 'update' | 'delete';
  docId: string;
  doc: Doc | null;
  before: Doc | null;
  updatedFields: Record<string, unknown>;
  removedFields: string[];
}

interface Staged {
  collection: string;
  id: string;
  doc: Doc | null;
}

interface Txn {
  id: string;
  expires: number;
  /**
   * Set at the first read or write (where MongoDB, under CloudBase, takes the snapshot). Holds the image, as of the
   * snapshot, of every document committed since (null: it did not exist); a key here means "changed after my snapshot".
   */
  snapshot?: Map<string, Doc | null>;
  writes: Map<string, Staged>;
}

const TXN_TTL_MS = 30_000;
export const newId = () => randomBytes(16).toString('hex');
const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`;

/**
 * CloudBase's transactions (MongoDB snapshot isolation): reads see the database as of the snapshot plus the
 * transaction's own writes; the first writer of a document wins and a later one gets DATABASE_TRANSACTION_CONFLICT on
 * the write itself, whether the first wrote outside after the snapshot or in another open transaction. A transaction
 * that hits a conflict is gone (node-sdk's runTransaction retries without aborting it). Reads never conflict, so a
 * read-only transaction always commits.
 */
export function createTransactions(store: Store) {
  const open = new Map<string, Txn>();
  const alive = (t: Txn, now = Date.now()) => t.expires >= now;

  function live(id: string): Txn {
    const t = open.get(id);
    if (!t || !alive(t)) {
      open.delete(id);
      throw new CloudError('DATABASE_TRANSACTION_FAIL', `transaction ${id} does not exist or has expired (a transaction must commit or abort within 30 s)`);
    }
    return t;
  }

  function conflict(t: Txn, why: string): never {
    open.delete(t.id);
    throw new CloudError('DATABASE_TRANSACTION_CONFLICT', `${why}; the transaction is released, retry it`);
  }

  function read(t: Txn, collection: string, id: string): Doc | null {
    t.snapshot ??= new Map();
    const key = keyOf(collection, id);
    const staged = t.writes.get(key);
    if (staged) return staged.doc;
    store.requireCollection(collection);
    if (t.snapshot.has(key)) return t.snapshot.get(key)!;
    return store.get(collection, id)?.doc ?? null;
  }

  function stage(t: Txn, collection: string, id: string, doc: Doc | null) {
    t.snapshot ??= new Map();
    const key = keyOf(collection, id);
    if (t.snapshot.has(key)) conflict(t, `document ${id} in ${collection} was changed after this transaction's snapshot`);
    const now = Date.now();
    for (const other of open.values()) {
      if (other !== t && alive(other, now) && other.writes.has(key)) conflict(t, `document ${id} in ${collection} is being written by another open transaction`);
    }
    t.writes.set(key, { collection, id, doc });
  }

  /** Called for every committed change, before anyone can read past it: open snapshots keep the image they saw. */
  function preserve(changes: DocumentChange[]) {
    if (!open.size) return;
    const now = Date.now();
    for (const t of open.values()) {
      if (!alive(t, now)) {
        open.delete(t.id);
        continue;
      }
      if (!t.snapshot) continue;
      for (const c of changes) {
        const key = keyOf(c.collection, c.docId);
        if (!t.snapshot.has(key)) t.snapshot.set(key, c.before);
      }
    }
  }

  /** Applies the staged writes in one SQLite transaction; returns the changes for the caller to announce. */
  function commit(id: string): DocumentChange[] {
    const t = live(id);
    // A plain write may land on a document this transaction already staged (MongoDB would make it wait): it wins.
    for (const [key, w] of t.writes) if (t.snapshot?.has(key)) conflict(t, `document ${w.id} in ${w.collection} was changed outside this transaction`);
    open.delete(id);
    const changes: DocumentChange[] = [];
    try {
      store.transaction(() => {
        for (const { collection, id: docId, doc } of t.writes.values()) {
          const current = store.get(collection, docId);
          if (doc === null) {
            if (current) {
              store.delete(collection, docId);
              changes.push({ collection, type: 'delete', docId, doc: null, before: current.doc, updatedFields: {}, removedFields: [] });
            }
          } else if (current) {
            store.replace(collection, doc, current.version + 1);
            changes.push({ collection, type: 'update', docId, doc, before: current.doc, updatedFields: diff(current.doc, doc), removedFields: Object.keys(current.doc).filter((k) => !(k in doc)) });
          } else {
            store.insert(collection, doc);
            changes.push({ collection, type: 'insert', docId, doc, before: null, updatedFields: {}, removedFields: [] });
          }
        }
      });
    } catch (e) {
      translateSqliteError(e);
    }
    return changes;
  }

  return {
    live,
    read,
    stage,
    preserve,
    commit,
    start(): string {
      const now = Date.now();
      for (const [id, t] of open) if (!alive(t, now)) open.delete(id);
      const id = newId();
      open.set(id, { id, writes: new Map(), expires: now + TXN_TTL_MS });
      return id;
    },
    abort(id: string) {
      open.delete(id);
    },
  };
}

/** Inside a transaction CloudBase reads and writes single documents addressed by _id. */
export function txnDocId(query: Record<string, any> | undefined): string {
  const id = query?._id;
  if (typeof id !== 'string' || Object.keys(query!).length !== 1) {
    throw new CloudError('DATABASE_TRANSACTION_FAIL', 'inside a transaction only single documents addressed by _id can be read or written');
  }
  return id;
}

function diff(before: Doc, after: Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) if (JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = v;
  return out;
}
