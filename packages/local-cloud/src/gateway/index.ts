import type { Server } from 'node:http';
import { z } from 'zod';
import type { Router, Request } from '../http/router';
import { sendJson } from '../http/router';
import type { Database } from '../db';
import type { FunctionHost } from '../functions/host';
import { CloudError } from '../errors';
import { createTokenIssuer } from './tokens';
import { readRuleOf, writeRuleOf } from './rules';
import { createWatchHub } from './watch';
import { mountDashboard } from '../dashboard';

export interface GatewayContext { router: Router; server: Server; db: Database; functions: FunctionHost; rootDir: string; dataDir: string; envId: string; url: string; log: (line: string) => void }

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type', 'access-control-allow-methods': 'GET, POST, OPTIONS' };

/** Dev login exists only for the local cloud; a production configuration switches it off. */
export const devLoginAllowed = () => process.env.DAOJIA_MODE !== 'production';

const loginBody = z.object({ accountId: z.string().min(1).max(64) });

function fail(res: Parameters<Parameters<Router['add']>[2]>[1], e: unknown, status = 200) {
  const err = e instanceof CloudError ? e : new CloudError('SYS_ERR', (e as Error).message);
  const code = err.code === 'UNAUTHENTICATED' || err.code === 'INVALID_ACCESS_TOKEN' || err.code === 'ACCESS_TOKEN_EXPIRED' ? 401 : err.code === 'PERMISSION_DENIED' ? 403 : status;
  sendJson(res, code, { code: err.code, message: err.message }, CORS);
}

const json = (req: Request) => {
  try { return JSON.parse(req.body.toString('utf8') || '{}'); } catch { throw new CloudError('INVALID_PARAM', 'the body must be JSON'); }
};

/**
 * What web clients (the H5 apps, the admin panel) talk to: sign-in, function calls with the verified caller, and
 * rule-checked realtime watch. The caller a function sees comes from the token, never from the request body.
 */
export async function mountGateway(ctx: GatewayContext): Promise<{ close(): Promise<void> }> {
  // A rule the gateway cannot evaluate stops the start, naming the file, instead of failing a request later.
  for (const [collection, rules] of Object.entries(ctx.db.rules)) {
    try { readRuleOf(rules); writeRuleOf(rules); } catch (e) { throw new Error(`database-rules/${collection}.json: ${(e as Error).message}`); }
  }
  const tokens = createTokenIssuer(ctx.dataDir, ctx.envId);
  const hub = createWatchHub(ctx.db);
  const { router, db, functions } = ctx;

  router.add('OPTIONS', '/v1/*', (_req, res) => { res.writeHead(204, CORS).end(); });
  router.add('OPTIONS', '/dev/*', (_req, res) => { res.writeHead(204, CORS).end(); });

  router.add('GET', '/dev/accounts', (_req, res) => {
    if (!devLoginAllowed()) return fail(res, new CloudError('PERMISSION_DENIED', 'dev login is disabled in production'));
    const accounts = db.collectionNames().includes('dev_accounts') ? db.find('dev_accounts', { order: [['role', 1], ['_id', 1]] }) : [];
    sendJson(res, 200, { accounts }, CORS);
  });

  router.add('POST', '/dev/login', async (req, res) => {
    try {
      if (!devLoginAllowed()) throw new CloudError('PERMISSION_DENIED', 'dev login is disabled in production');
      const parsed = loginBody.safeParse(json(req));
      if (!parsed.success) throw new CloudError('INVALID_PARAM', 'accountId is required');
      const [account] = db.find('dev_accounts', { query: { _id: parsed.data.accountId } });
      if (!account) throw new CloudError('PERMISSION_DENIED', `no demo account ${parsed.data.accountId}`);
      const token = await tokens.issue({ uid: String(account._id), customUserId: String(account._id), role: String(account.role) });
      sendJson(res, 200, { ...token, uid: account._id, customUserId: account._id, role: account.role, name: account.name }, CORS);
    } catch (e) { fail(res, e); }
  });

  router.add('POST', '/v1/functions/:name', async (req, res) => {
    try {
      const who = await tokens.verify(req.headers.authorization);
      const event = json(req);
      const result = await functions.invoke(req.params.name, event, { uid: who.uid, customUserId: who.customUserId, source: 'web_client', clientIp: req.raw.socket.remoteAddress });
      sendJson(res, 200, result ?? null, CORS);
    } catch (e) { fail(res, e); }
  });

  router.add('GET', '/v1/watch/:collection', async (req, res) => {
    try {
      const who = await tokens.verify(`Bearer ${req.query.get('access_token') ?? ''}`);
      const collection = req.params.collection;
      const rules = db.rules[collection];
      const auth = { openid: who.uid, uid: who.uid };
      const docId = req.query.get('docId') ?? undefined;
      const where = req.query.get('where') ? JSON.parse(req.query.get('where')!) : undefined;
      if (!rules) throw new CloudError('PERMISSION_DENIED', `collection ${collection} has no rules: clients may not read it`);
      if (!docId && !readRuleOf(rules).allowsQuery(where ?? {}, auth)) throw new CloudError('PERMISSION_DENIED', 'the query asks for documents the security rule does not allow');
      hub.subscribe({ collection, docId, where, auth, res, rules });
    } catch (e) { fail(res, e); }
  });

  mountDashboard({ router, db, functions });

  return { async close() { hub.close(); } };
}
