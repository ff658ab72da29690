import type { Server } from 'node:http';
import type { Router, Request } from '../http/router';
import { sendJson } from '../http/router';
import type { Database } from '../db';
import type { FunctionHost } from '../functions/host';
import { CloudError } from '../errors';
import { createTokenIssuer } from './tokens';
import { CORS, mountAuth } from './auth';
import { mountDatabaseGateway } from './database';
import { mountRealtime } from './realtime';
import { readRuleOf, writeRuleOf } from './rules';
import { mountDashboard } from '../dashboard';

export { devLoginAllowed } from './auth';

export interface GatewayContext { router: Router; server: Server; db: Database; functions: FunctionHost; rootDir: string; dataDir: string; envId: string; url: string; log: (line: string) => void; accessTokenTtlS?: number }

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401, INVALID_ACCESS_TOKEN: 401, ACCESS_TOKEN_EXPIRED: 401, PERMISSION_DENIED: 403,
  INVALID_PARAM: 400, DATABASE_DOCUMENT_NOT_EXIST: 404, FUNCTIONS_NOT_FOUND: 404,
};

/** Errors go out as `{code, message}` with an HTTP status, which is what js-sdk's fetch adapter rejects with. */
function fail(res: Parameters<Parameters<Router['add']>[2]>[1], e: unknown) {
  const err = e instanceof CloudError ? e : new CloudError('SYS_ERR', (e as Error).message);
  sendJson(res, STATUS[err.code] ?? 500, { code: err.code, message: err.message }, CORS);
}

const json = (req: Request) => {
  try { return JSON.parse(req.body.toString('utf8') || '{}'); } catch { throw new CloudError('INVALID_PARAM', 'the body must be JSON'); }
};

/**
 * What @cloudbase/js-sdk (the H5 apps, the admin panel) talks to: sign-in, function calls with the verified caller,
 * rule-checked database access and realtime watch. The caller a function sees comes from the token, never the body.
 */
export async function mountGateway(ctx: GatewayContext): Promise<{ close(): Promise<void> }> {
  // A rule the gateway cannot evaluate stops the start, naming the file, instead of failing a request later.
  for (const [collection, rules] of Object.entries(ctx.db.rules)) {
    try { readRuleOf(rules); writeRuleOf(rules); } catch (e) { throw new Error(`database-rules/${collection}.json: ${(e as Error).message}`); }
  }
  const tokens = createTokenIssuer(ctx.dataDir, ctx.envId, ctx.accessTokenTtlS);
  const { router, db, functions } = ctx;

  router.add('OPTIONS', '/v1/*', (_req, res) => { res.writeHead(204, CORS).end(); });
  mountAuth(router, db, tokens);
  mountDatabaseGateway(router, db, tokens, fail);
  const realtime = mountRealtime({ router, server: ctx.server, db, tokens });

  router.add('POST', '/v1/functions/:name', async (req, res) => {
    try {
      const who = await tokens.verify(req.headers.authorization);
      const event = json(req);
      const result = await functions.invoke(req.params.name, event, { uid: who.uid, customUserId: who.customUserId, source: 'web_client', clientIp: req.raw.socket.remoteAddress });
      sendJson(res, 200, result ?? null, CORS);
    } catch (e) { fail(res, e); }
  });

  mountDashboard({ router, db, functions });

  return { close: () => realtime.close() };
}
