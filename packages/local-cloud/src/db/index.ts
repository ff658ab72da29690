/**
 * The local cloud's document database, CloudBase semantics over SQLite.
 *
 * In-process API (used by the gateway, triggers, the dashboard and tests):
 *   db.find(collection, { query, order: [[field, 1|-1]], offset, limit, projection }, transactionId?) → Doc[]
 *   db.count(collection, query) · db.insert(collection, docs) → ids
 *   db.update(collection, query, update, { multi, upsert, replace }) → { updated, upsertedId }
 *   db.remove(collection, query, { multi }) → deleted · db.aggregate(collection, pipeline) → Doc[]
 *   db.startTransaction() / commitTransaction(id) / abortTransaction(id)
 *   db.onChange(listener) → unsubscribe; listener gets { collection, type, docId, doc, before, updatedFields, removedFields }
 *   db.rules: the parsed database-rules/<collection>.json files
 * Queries and updates use MongoDB operators (as the SDKs send them); values are plain JS (Date, RegExp, numbers).
 */
import { createEngine, type Engine } from './engine';
import { loadCollectionRules, type CollectionRules } from './rules';

export type { Doc } from './ejson';
export type { DocumentChange, FindOptions } from './engine';

export type Database = Engine & { rules: Record<string, CollectionRules> };

export function openDatabase(opts: { dataDir: string; rulesDir?: string }): Database {
  const rules = loadCollectionRules(opts.rulesDir);
  const engine = createEngine({ dataDir: opts.dataDir, collections: Object.fromEntries(Object.entries(rules).map(([c, r]) => [c, r.indexes])) });
  return Object.assign(engine, { rules });
}

export { handleDatabaseAction } from './protocol';
