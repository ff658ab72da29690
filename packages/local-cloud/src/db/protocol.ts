import { z } from 'zod';
import { CloudError } from '../errors';
import { decode, encode } from './ejson';
import type { Engine, SortSpec } from './engine';

/** CloudBase's page size when a request names no limit (the SDKs send 100 themselves; a raw request may not). */
const DEFAULT_LIMIT = 100;

/**
 * `POST /admin` database actions as @cloudbase/node-sdk sends them (see @cloudbase/database's query.ts,
 * document.ts, aggregate.ts, transaction/index.ts). Each returns the reply fields beside `requestId`.
 */
const base = z.object({ collectionName: z.string().min(1), transactionId: z.string().optional() }).passthrough();
const queryParams = base.extend({
  query: z.unknown().optional(),
  order: z.unknown().optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(0).optional(),
  projection: z.unknown().optional(),
});
const modifyParams = base.extend({ query: z.unknown().optional(), data: z.unknown(), multi: z.boolean().optional(), merge: z.boolean().optional(), upsert: z.boolean().optional() });
const aggregateParams = base.extend({ stages: z.array(z.object({ stageKey: z.string(), stageValue: z.string() })) });
const txnParams = z.object({ transactionId: z.string().min(1) }).passthrough();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new CloudError('INVALID_PARAM', r.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  return r.data;
}

function order(raw: unknown): SortSpec | undefined {
  const value = decode(raw, 'order');
  if (!value) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const spec: SortSpec = [];
  for (const item of list) {
    // Current SDKs send [{field: 1|-1}]; older ones [{field, direction: 'asc'|'desc'}].
    if (item && typeof item.field === 'string') spec.push([item.field, item.direction === 'desc' ? -1 : 1]);
    else for (const [k, v] of Object.entries(item ?? {})) spec.push([k, v === -1 || v === 'desc' ? -1 : 1]);
  }
  return spec;
}

export async function handleDatabaseAction(engine: Engine, action: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  switch (action) {
    case 'database.insertDocument': {
      const p = parse(base.extend({ data: z.array(z.unknown()).min(1) }), body);
      const docs = p.data.map((d) => decode(d, 'data'));
      for (const d of docs) if (!d || typeof d !== 'object' || Array.isArray(d)) throw new CloudError('INVALID_PARAM', 'each document must be an object');
      return { data: { insertedIds: engine.insert(p.collectionName, docs, p.transactionId) } };
    }
    case 'database.getDocument': {
      const p = parse(queryParams, body);
      const docs = engine.find(
        p.collectionName,
        { query: decode(p.query, 'query'), order: order(p.order), offset: p.offset, limit: p.limit ?? DEFAULT_LIMIT, projection: decode(p.projection, 'projection') },
        p.transactionId,
      );
      return { data: { list: docs.map(encode) } };
    }
    case 'database.calculateDocument': {
      const p = parse(queryParams, body);
      return { data: { total: engine.count(p.collectionName, decode(p.query, 'query')) } };
    }
    case 'database.modifyDocument':
    case 'database.modifyAndReturnDoc': {
      const p = parse(modifyParams, body);
      const update = decode(p.data, 'data');
      if (!update || typeof update !== 'object' || Array.isArray(update)) throw new CloudError('INVALID_PARAM', 'data must be an object');
      const returning = action === 'database.modifyAndReturnDoc';
      const r = engine.update(p.collectionName, decode(p.query, 'query') ?? {}, update, {
        multi: returning ? false : (p.multi ?? false),
        upsert: p.upsert ?? false,
        replace: p.merge === false,
        transactionId: p.transactionId,
      });
      if (returning) return { data: { updated: r.updated, doc: r.updated ? encode(r.doc) : null } };
      return { data: { updated: r.updated, upsert_id: r.upsertedId } };
    }
    case 'database.removeDocument': {
      const p = parse(base.extend({ query: z.unknown().optional(), multi: z.boolean().optional() }), body);
      return { data: { deleted: engine.remove(p.collectionName, decode(p.query, 'query') ?? {}, { multi: p.multi ?? false, transactionId: p.transactionId }) } };
    }
    case 'database.aggregateDocuments': {
      const p = parse(aggregateParams, body);
      const pipeline = p.stages.map((s) => ({ [s.stageKey]: decode(s.stageValue, s.stageKey) }));
      return { data: { list: engine.aggregate(p.collectionName, pipeline).map(encode) } };
    }
    case 'database.addCollection': {
      const p = parse(base, body);
      if (!engine.createCollection(p.collectionName)) throw new CloudError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${p.collectionName} already exists`);
      return { data: {} };
    }
    case 'database.startTransaction': {
      const transactionId = engine.startTransaction();
      return { transactionId, data: { transactionId } };
    }
    case 'database.commitTransaction':
      engine.commitTransaction(parse(txnParams, body).transactionId);
      return { data: {} };
    case 'database.abortTransaction':
      engine.abortTransaction(parse(txnParams, body).transactionId);
      return { data: {} };
    default:
      throw new CloudError('INVALID_ACTION', `${action} is not supported by the local cloud`);
  }
}
