import type { Server } from 'node:http';
import type { Router } from '../http/router';
import { sendJson } from '../http/router';
import type { Database } from '../db';
import type { FunctionHost } from '../functions/host';
import { createTokenIssuer } from './tokens';
import { mountAuth } from './auth';
import type { SitePolicy } from '../http/policy';
import { jsonBody, sendError } from './http';
import { mountDatabaseGateway } from './database';
import { mountRealtime } from './realtime';
import { readRuleOf, writeRuleOf } from './rules';
import { mountDashboard } from '../dashboard';
import { mountStorage, type Storage, type StorageRules } from '../storage';

export interface GatewayContext {
  router: Router;
  server: Server;
  db: Database;
  functions: FunctionHost;
  rootDir: string;
  dataDir: string;
  envId: string;
  url: string;
  log: (line: string) => void;
  accessTokenTtlS?: number;
  /** Why this cloud counts as production, if it does (see productionSign): dev login is off then. */
  production: () => string | undefined;
  policy?: () => SitePolicy | undefined;
  /** Cloud storage's rules and limits (storage-rules.json). */
  storageRules: StorageRules;
}

/**
 * What @cloudbase/js-sdk (the H5 apps, the admin panel) talks to: sign-in, function calls with the verified caller,
 * rule-checked database access and realtime watch. The caller a function sees comes from the token, never the body.
 */
export async function mountGateway(ctx: GatewayContext): Promise<{ close(): Promise<void>; storage: Storage }> {
  // A rule the gateway cannot evaluate stops the start, naming the file, instead of failing a request later.
  for (const [collection, rules] of Object.entries(ctx.db.rules)) {
    try {
      readRuleOf(rules);
      writeRuleOf(rules);
    } catch (e) {
      throw new Error(`database-rules/${collection}.json: ${(e as Error).message}`, { cause: e });
    }
  }
  const tokens = createTokenIssuer(ctx.dataDir, ctx.envId, ctx.accessTokenTtlS);
  const { router, db, functions } = ctx;

  mountAuth(router, db, tokens, ctx.production);
  mountDatabaseGateway(router, db, tokens);
  const realtime = mountRealtime({ router, server: ctx.server, db, tokens, policy: ctx.policy });
  const storage = mountStorage({ router, dataDir: ctx.dataDir, envId: ctx.envId, url: ctx.url, tokens, rules: ctx.storageRules });

  router.add('POST', '/v1/functions/:name', async (req, res) => {
    try {
      const who = await tokens.verify(req.headers.authorization);
      const event = jsonBody(req);
      const result = await functions.invoke(req.params.name, event, {
        uid: who.uid,
        customUserId: who.customUserId,
        isAnonymous: who.isAnonymous,
        source: 'web_client',
        clientIp: req.raw.socket.remoteAddress,
      });
      sendJson(res, 200, result ?? null);
    } catch (e) {
      sendError(res, e);
    }
  });

  mountDashboard({ router, db, functions, storage });

  return { close: () => realtime.close(), storage };
}
