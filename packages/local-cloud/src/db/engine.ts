import { Query, Aggregator } from 'mingo';
import { CloudError } from '../errors';
import type { Doc } from './ejson';
import { applyGeo, boxAround, extractGeo, geoBound, geoNearStage, pointOf } from './geo';
import { sortsLikeMongo } from './kinds';
import { checkPipeline, checkQuery } from './operators';
import { openStore, translateSqliteError, type Condition, type IndexSpec, type Order, type Row } from './store';
import { createTransactions, newId, txnDocId, type DocumentChange } from './transactions';
import { applyUpdate } from './update';

export type { DocumentChange } from './transactions';

export type SortSpec = [string, 1 | -1][];

export interface FindOptions {
  query?: Record<string, any>;
  order?: SortSpec;
  offset?: number;
  limit?: number;
  projection?: Record<string, any>;
}
export interface UpdateOptions {
  multi?: boolean;
  upsert?: boolean;
  replace?: boolean;
  transactionId?: string;
}

export const MAX_LIMIT = 1000;

const RANGE_OPS: Record<string, '=' | '>' | '>=' | '<' | '<='> = { $eq: '=', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };
const isPlain = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

export function createEngine(opts: { dataDir: string; collections?: Record<string, IndexSpec[]> }) {
  const store = openStore(opts.dataDir);
  for (const [collection, indexes] of Object.entries(opts.collections ?? {})) {
    store.createCollection(collection);
    for (const spec of indexes) store.ensureIndex(collection, spec);
  }
  const listeners = new Set<(c: DocumentChange) => void>();
  const txns = createTransactions(store);

  /** Every committed write passes here: open transactions keep their snapshot first, then listeners hear of it. */
  function emit(changes: DocumentChange[]) {
    txns.preserve(changes);
    for (const c of changes)
      for (const l of listeners) {
        try {
          l(c);
        } catch {
          /* a listener's failure is its own */
        }
      }
  }

  /**
   * Equality, range and $in conditions the store can answer from an index (or the primary key); the rest is filtered
   * in memory. A field that holds an array anywhere on its path in any document is left to memory: MongoDB matches an
   * array's elements (multikey), which one json_extract value per document cannot express.
   */
  function pushdown(collection: string, query: Record<string, any>): Condition[] {
    const out: Condition[] = [];
    for (const [field, cond] of Object.entries(query)) {
      if (field.startsWith('$') || !store.isIndexed(collection, field) || store.kinds(collection, field)?.has('array')) continue;
      if (isPlain(cond)) {
        out.push([field, '=', cond]);
        continue;
      }
      if (!cond || typeof cond !== 'object' || Array.isArray(cond) || cond instanceof RegExp || cond instanceof Date) continue;
      for (const [op, value] of Object.entries(cond)) {
        const sqlOp = RANGE_OPS[op];
        if (sqlOp && (typeof value === 'number' || typeof value === 'string' || (op === '$eq' && typeof value === 'boolean'))) out.push([field, sqlOp, value]);
        if (op === '$in' && Array.isArray(value) && value.every(isPlain)) out.push([field, 'IN', value]);
      }
    }
    return out;
  }

  /** The sort as SQL, when SQLite orders every sort field's values as MongoDB does; otherwise the sort runs in memory. */
  function sqlOrder(collection: string, order: SortSpec): Order | undefined {
    return order.every(([field]) => {
      const kinds = store.kinds(collection, field);
      return kinds && sortsLikeMongo(kinds);
    })
      ? order
      : undefined;
  }

  /** Matching rows, lazily, in `order`: a caller that needs only the first page stops reading there. */
  function* stream(collection: string, query: Record<string, any>, order: Order = []): Generator<Row> {
    store.requireCollection(collection);
    const test = matcher(query);
    for (const row of store.iterate(collection, pushdown(collection, query), order)) if (test(row.doc)) yield row;
  }

  /** A query the query library cannot build or evaluate is the caller's mistake, as an unsupported operator is. */
  function matcher(query: Record<string, any>) {
    checkQuery(query);
    const invalid = (e: unknown) => new CloudError('INVALID_PARAM', `invalid query: ${(e as Error).message}`);
    let q: Query;
    try {
      q = new Query(query);
    } catch (e) {
      throw invalid(e);
    }
    return (d: Doc) => {
      try {
        return q.test(d);
      } catch (e) {
        throw invalid(e);
      }
    };
  }

  function select(collection: string, query: Record<string, any> = {}): Row[] {
    const { rest, geo } = extractGeo(query);
    if (!geo.length) return [...stream(collection, rest)];
    store.requireCollection(collection);
    const test = matcher(rest);
    const geoField = store.geoField(collection);
    const bounded = geo.map((g) => g.field === geoField && geoBound(g)).find(Boolean);
    const rows = geoField && bounded ? store.scanBox(collection, geoField, boxAround(bounded.center, bounded.radiusM)) : store.scan(collection, pushdown(collection, rest));
    const matched = rows.filter((r) => test(r.doc));
    const byDoc = new Map(matched.map((r) => [r.doc, r]));
    return applyGeo(
      matched.map((r) => r.doc),
      geo,
    ).map((d) => byDoc.get(d)!);
  }

  /** offset/limit (read lazily, so a streamed source stops at the page's end), then the projection. */
  function page(docs: Iterable<Doc>, o: FindOptions): Doc[] {
    const offset = o.offset ?? 0;
    const limit = Math.min(o.limit ?? MAX_LIMIT, MAX_LIMIT);
    const out: Doc[] = [];
    let seen = 0;
    for (const d of docs) {
      if (out.length >= limit) break;
      if (seen++ >= offset) out.push(d);
    }
    if (!o.projection || !Object.keys(o.projection).length) return out;
    try {
      return new Aggregator([{ $project: o.projection }]).run(out) as Doc[];
    } catch (e) {
      throw new CloudError('INVALID_PARAM', `invalid projection: ${(e as Error).message}`);
    }
  }

  const sortInMemory = (docs: Doc[], order: SortSpec | undefined): Doc[] => (order?.length ? (new Aggregator([{ $sort: Object.fromEntries(order) }]).run(docs) as Doc[]) : docs);

  const api = {
    store,
    createCollection: (name: string) => store.createCollection(name),
    collectionNames: () => [...store.collections].sort(),

    find(collection: string, o: FindOptions = {}, transactionId?: string): Doc[] {
      if (transactionId) {
        const doc = txns.read(txns.live(transactionId), collection, txnDocId(o.query));
        return doc ? page([doc], o) : [];
      }
      const { rest, geo } = extractGeo(o.query);
      const docs = () => select(collection, o.query).map((r) => r.doc);
      if (geo.some((g) => g.op === '$nearSphere' || g.op === '$near')) return page(docs(), o); // nearest first, no other order
      // Sorted by SQLite (through an index when one fits) and read only up to the page's end; else sorted in memory.
      const order = geo.length ? undefined : o.order?.length ? sqlOrder(collection, o.order) : [];
      if (order) return page(mapRows(stream(collection, rest, order)), o);
      return page(sortInMemory(docs(), o.order), o);
    },

    count(collection: string, query?: Record<string, any>): number {
      return select(collection, query).length;
    },

    insert(collection: string, docs: Doc[], transactionId?: string): string[] {
      store.requireCollection(collection);
      const prepared = docs.map((d) => ({ ...d, _id: typeof d._id === 'string' && d._id ? d._id : newId() }));
      if (transactionId) {
        const t = txns.live(transactionId);
        for (const d of prepared) {
          if (txns.read(t, collection, d._id)) throw new CloudError('DATABASE_DUPLICATE_WRITE', `document ${d._id} already exists`);
          txns.stage(t, collection, d._id, d);
        }
        return prepared.map((d) => d._id);
      }
      try {
        store.transaction(() => {
          for (const d of prepared) store.insert(collection, d);
        });
      } catch (e) {
        translateSqliteError(e);
      }
      emit(prepared.map((d) => ({ collection, type: 'insert' as const, docId: d._id, doc: d, before: null, updatedFields: {}, removedFields: [] })));
      return prepared.map((d) => d._id);
    },

    /** Matches and writes in one synchronous SQLite transaction, so a conditional update is atomic. */
    update(collection: string, query: Record<string, any>, update: Record<string, any>, o: UpdateOptions = {}): { updated: number; upsertedId?: string; doc?: Doc | null } {
      if (o.transactionId) {
        const t = txns.live(o.transactionId);
        const id = txnDocId(query);
        const before = txns.read(t, collection, id);
        if (!before && !o.upsert) return { updated: 0, doc: null };
        const { doc } = applyUpdate(before ?? { _id: id }, update, !!o.replace, query);
        txns.stage(t, collection, id, doc);
        return before ? { updated: 1, doc } : { updated: 0, upsertedId: id, doc };
      }
      const changes: DocumentChange[] = [];
      let result: { updated: number; upsertedId?: string; doc?: Doc | null } = { updated: 0, doc: null };
      try {
        store.transaction(() => {
          const rows = select(collection, query);
          const targets = o.multi ? rows : rows.slice(0, 1);
          for (const row of targets) {
            const applied = applyUpdate(row.doc, update, !!o.replace, query);
            result.doc = applied.doc;
            if (!applied.changed) continue;
            store.replace(collection, applied.doc, row.version + 1);
            result.updated++;
            changes.push({ collection, type: 'update', docId: row.id, doc: applied.doc, before: row.doc, updatedFields: applied.updatedFields, removedFields: applied.removedFields });
          }
          if (!targets.length && o.upsert) {
            const seed: Doc = { _id: typeof query._id === 'string' ? query._id : newId() };
            const { doc } = applyUpdate(seed, update, !!o.replace);
            store.insert(collection, doc);
            result = { updated: 0, upsertedId: doc._id, doc };
            changes.push({ collection, type: 'insert', docId: doc._id!, doc, before: null, updatedFields: {}, removedFields: [] });
          }
        });
      } catch (e) {
        if (e instanceof CloudError) throw e;
        translateSqliteError(e);
      }
      emit(changes);
      return result;
    },

    remove(collection: string, query: Record<string, any>, o: { multi?: boolean; transactionId?: string } = {}): number {
      if (o.transactionId) {
        const t = txns.live(o.transactionId);
        const id = txnDocId(query);
        if (!txns.read(t, collection, id)) return 0;
        txns.stage(t, collection, id, null);
        return 1;
      }
      const changes: DocumentChange[] = [];
      store.transaction(() => {
        const rows = select(collection, query);
        for (const row of o.multi ? rows : rows.slice(0, 1)) {
          store.delete(collection, row.id);
          changes.push({ collection, type: 'delete', docId: row.id, doc: null, before: row.doc, updatedFields: {}, removedFields: [] });
        }
      });
      emit(changes);
      return changes.length;
    },

    aggregate(collection: string, pipeline: Record<string, any>[]): Doc[] {
      store.requireCollection(collection);
      checkPipeline(pipeline);
      let docs: Doc[];
      let rest = pipeline;
      const first = pipeline[0];
      if (first && '$geoNear' in first) {
        const spec = first.$geoNear;
        const q = spec.query ? matcher(spec.query) : () => true;
        const geoField = store.geoField(collection);
        const near = pointOf(spec.near);
        const rows =
          geoField && near && spec.maxDistance !== undefined && (spec.key ?? geoField) === geoField
            ? store.scanBox(collection, geoField, boxAround(near, spec.maxDistance))
            : store.scan(collection, []);
        docs = geoNearStage(
          rows.map((r) => r.doc),
          { key: geoField, ...spec },
          q,
        );
        rest = pipeline.slice(1);
      } else {
        docs = store.scan(collection, []).map((r) => r.doc);
      }
      if (rest.some((s) => '$geoNear' in s)) throw new CloudError('DATABASE_REQUEST_FAILED', '$geoNear is only valid as the first stage of a pipeline');
      const collectionResolver = (name: string) => {
        if (!store.collections.has(name)) return [];
        return store.scan(name, []).map((r) => r.doc);
      };
      // $sample must not repeat a document (the query library samples with replacement), so it runs here.
      let segment: Record<string, any>[] = [];
      const flush = () => {
        if (!segment.length) return;
        try {
          docs = new Aggregator(segment, { collectionResolver } as any).run(docs) as Doc[];
        } catch (e) {
          throw new CloudError('DATABASE_REQUEST_FAILED', `aggregation failed: ${(e as Error).message}`);
        }
        segment = [];
      };
      for (const stage of rest) {
        if ('$sample' in stage) {
          flush();
          const size = Number(stage.$sample?.size);
          if (!Number.isInteger(size) || size < 0) throw new CloudError('INVALID_PARAM', '$sample needs a non-negative integer size');
          const copy = [...docs];
          for (let i = copy.length - 1; i > 0; i--) {
            const j = Math.floor(Math.random() * (i + 1));
            [copy[i], copy[j]] = [copy[j], copy[i]];
          }
          docs = copy.slice(0, size);
        } else segment.push(stage);
      }
      flush();
      return docs;
    },

    startTransaction: txns.start,
    commitTransaction(id: string) {
      emit(txns.commit(id));
    },
    abortTransaction: txns.abort,

    onChange(listener: (c: DocumentChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** SQLite's query plan for the pushed-down part of a query (tests check indexes are used). */
    explainGeo(collection: string): string {
      const field = store.geoField(collection);
      return field ? store.explainBox(collection, field) : 'no geo index';
    },
    explain(collection: string, query: Record<string, any>, order: SortSpec = []): string {
      const sql = sqlOrder(collection, order);
      if (!sql) return 'sorted in memory';
      return store.explain(collection, pushdown(collection, extractGeo(query).rest), sql);
    },

    close() {
      store.close();
    },
  };
  return api;
}

function* mapRows(rows: Iterable<Row>): Generator<Doc> {
  for (const r of rows) yield r.doc;
}

export type Engine = ReturnType<typeof createEngine>;
