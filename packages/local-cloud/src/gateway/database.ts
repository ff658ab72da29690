import { EJSON } from 'bson';
import { z } from 'zod';
import type { Router, Request } from '../http/router';
import { sendJson } from '../http/router';
import type { Database, Doc } from '../db';
import { decode } from '../db/ejson';
import { MAX_LIMIT, type SortSpec } from '../db/engine';
import { applyUpdate, isOperatorUpdate } from '../db/update';
import { CloudError } from '../errors';
import { allowsAccess, bindCaller, pinnedId, readRuleOf, writeRuleOf, type CompiledRule, type RuleAuth } from './rules';
import type { TokenIssuer } from './tokens';
import { jsonBody, sendError } from './http';

const PREFIX = '/v1/database/instances/:instance/databases/:database/collections/:collection/documents';

const listQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(100),
  count: z.enum(['true', 'false']).optional(),
});
const updateBody = z.object({ query: z.unknown(), data: z.unknown(), multi: z.boolean().default(false), upsert: z.boolean().default(false), replaceMode: z.boolean().default(false) });
const insertBody = z.object({ data: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_LIMIT) });
const removeBody = z.object({ query: z.unknown(), multi: z.boolean().default(false) });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new CloudError('INVALID_PARAM', r.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  return r.data;
}

/** js-sdk sends `order` as `[{field, direction}]`. */
function sortOf(raw: string | null): SortSpec | undefined {
  if (!raw) return undefined;
  let sent: unknown;
  try {
    sent = JSON.parse(raw);
  } catch {
    throw new CloudError('INVALID_PARAM', 'order must be JSON: [{"field": "...", "direction": "asc" | "desc"}]');
  }
  const list = parse(z.array(z.object({ field: z.string().min(1), direction: z.enum(['asc', 'desc']) })), sent);
  return list.map((o) => [o.field, o.direction === 'desc' ? -1 : 1]);
}

/** Whether an update (plain fields or `$op: {field: …}`) writes `_openid`. */
const touchesOwner = (update: Record<string, unknown>): boolean =>
  Object.entries(update).some(([k, v]) => k === '_openid' || k.startsWith('_openid.') || (k.startsWith('$') && !!v && typeof v === 'object' && touchesOwner(v as Record<string, unknown>)));

/** Documents travel back as relaxed EJSON inside plain JSON; the SDK runs `EJSON.parse` over the whole body. */
const wire = (value: unknown) => EJSON.serialize(value as Doc, { relaxed: true });

/**
 * The js-sdk database gateway (`<GATEWAY>/database/instances/(default)/databases/(default)/collections/<c>/documents…`),
 * read from its source. Every request is a client request: the collection's security rule decides, and a query the
 * rule cannot prove safe is refused rather than filtered, as CloudBase does.
 */
export function mountDatabaseGateway(router: Router, db: Database, tokens: TokenIssuer) {
  async function caller(req: Request): Promise<{ collection: string; auth: RuleAuth }> {
    if (req.params.instance !== '(default)' || req.params.database !== '(default)') throw new CloudError('INVALID_PARAM', 'only the (default) database instance exists');
    const who = await tokens.verify(req.headers.authorization);
    const collection = decodeURIComponent(req.params.collection);
    if (!db.rules[collection]) throw new CloudError('PERMISSION_DENIED', `collection ${collection} has no security rules: clients may not use it`);
    return { collection, auth: { openid: who.uid, uid: who.uid } };
  }
  const allows = (rule: CompiledRule, collection: string, query: Record<string, unknown>, auth: RuleAuth) => allowsAccess(rule, query, auth, (id) => db.find(collection, { query: { _id: id } })[0]);
  const denied = (what: string) => new CloudError('PERMISSION_DENIED', `the security rule does not allow this ${what}; a query must name only documents the rule permits (e.g. include _openid)`);

  router.add('GET', PREFIX, async (req, res) => {
    try {
      const { collection, auth } = await caller(req);
      const query = bindCaller(decode(req.query.get('query'), 'query') ?? {}, auth);
      if (!allows(readRuleOf(db.rules[collection]), collection, query, auth)) throw denied('read');
      const p = parse(listQuery, Object.fromEntries(req.query));
      if (p.count === 'true') return sendJson(res, 200, { total: db.count(collection, query) });
      const list = db.find(collection, { query, order: sortOf(req.query.get('order')), offset: p.offset, limit: p.limit, projection: decode(req.query.get('projection'), 'projection') });
      sendJson(res, 200, wire({ list, offset: p.offset, limit: p.limit }));
    } catch (e) {
      sendError(res, e);
    }
  });

  router.add('GET', `${PREFIX}/:id`, async (req, res) => {
    try {
      const { collection, auth } = await caller(req);
      const query = { _id: decodeURIComponent(req.params.id) };
      const projection = decode(req.query.get('projection'), 'projection');
      // The rule sees the whole document, whatever the projection leaves out.
      const [doc] = db.find(collection, { query });
      // As CloudBase: a document that is there but not the caller's to read is refused, one that is not there is
      // missing (the SDK has no empty answer on this path: it wraps whatever comes back as the one document).
      if (!doc) throw new CloudError('DATABASE_DOCUMENT_NOT_EXIST', 'document does not exist');
      if (!readRuleOf(db.rules[collection]).allowsDoc(doc, auth)) throw denied('read');
      sendJson(res, 200, wire(projection ? db.find(collection, { query, projection })[0] : doc));
    } catch (e) {
      sendError(res, e);
    }
  });

  router.add('POST', PREFIX, async (req, res) => {
    try {
      const { collection, auth } = await caller(req);
      const p = parse(insertBody, jsonBody(req));
      // CloudBase stamps the creator; a client cannot write a document in someone else's name.
      const docs = p.data.map((d) => ({ ...decode(d, 'data'), _openid: auth.openid }));
      const rule = writeRuleOf(db.rules[collection]);
      if (!docs.every((d) => rule.allowsDoc(d, auth))) throw denied('write');
      sendJson(res, 200, { insertedIds: db.insert(collection, docs) });
    } catch (e) {
      sendError(res, e);
    }
  });

  // update, doc().update, doc().set and where().update all arrive here; set is an upsert with a replacement document.
  router.add('PATCH', PREFIX, async (req, res) => {
    try {
      const { collection, auth } = await caller(req);
      const p = parse(updateBody, jsonBody(req));
      const query = bindCaller(decode(p.query, 'query') ?? {}, auth);
      let update = decode(p.data, 'data');
      if (!update || typeof update !== 'object' || Array.isArray(update)) throw new CloudError('INVALID_PARAM', 'data must be an object');
      if (touchesOwner(update)) throw new CloudError('PERMISSION_DENIED', '_openid cannot be changed by a client');
      const rule = writeRuleOf(db.rules[collection]);
      if (!allows(rule, collection, query, auth)) throw denied('write');
      const replacement = p.replaceMode || !isOperatorUpdate(update);
      if (replacement && p.multi) throw new CloudError('INVALID_PARAM', 'a replacement document replaces one document; use update operators for multi');
      // Matching and writing below run without an await in between, so nothing can change what was checked.
      const [target] = db.find(collection, { query, limit: 1 });
      if (!target && p.upsert) {
        // An upsert that matches nothing creates a document: like add, stamped with its creator, and it must be a
        // document the rule allows (the check above only covered documents that already exist).
        const id = pinnedId(query);
        const created = { ...applyUpdate(id === undefined ? {} : { _id: id }, update, replacement).doc, _openid: auth.openid };
        if (!rule.allowsDoc(created, auth)) throw denied('write');
        return sendJson(res, 200, { updated: 0, upsert_id: db.insert(collection, [created])[0] });
      }
      // A replacement keeps the creator: a client cannot write _openid, so it cannot drop it either.
      if (replacement && target && target._openid !== undefined) update = { ...update, _openid: target._openid };
      const r = db.update(collection, query, update, { multi: p.multi, replace: p.replaceMode });
      sendJson(res, 200, { updated: r.updated });
    } catch (e) {
      sendError(res, e);
    }
  });

  router.add('POST', `${PREFIX}/remove`, async (req, res) => {
    try {
      const { collection, auth } = await caller(req);
      const p = parse(removeBody, jsonBody(req));
      const query = bindCaller(decode(p.query, 'query') ?? {}, auth);
      if (!allows(writeRuleOf(db.rules[collection]), collection, query, auth)) throw denied('write');
      sendJson(res, 200, { deleted: db.remove(collection, query, { multi: p.multi }) });
    } catch (e) {
      sendError(res, e);
    }
  });
}
