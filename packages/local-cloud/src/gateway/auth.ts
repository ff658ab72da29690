import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Router } from '../http/router';
import { sendJson } from '../http/router';
import type { Database } from '../db';
import { CloudError } from '../errors';
import type { TokenIssuer } from './tokens';

export const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type, x-request-id, x-sdk-version, x-device-id', 'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS' };

/** Dev login exists only for the local cloud; a production configuration switches it off. */
export const devLoginAllowed = () => process.env.DAOJIA_MODE !== 'production';

const signInBody = z.object({ provider_id: z.literal('custom'), ticket: z.string().min(1) });
const refreshBody = z.object({ grant_type: z.literal('refresh_token'), refresh_token: z.string().min(1) });
const ticketBody = z.object({ accountId: z.string().min(1).max(64) });

const oauthError = (res: Parameters<Parameters<Router['add']>[2]>[1], status: number, error: string, description: string) =>
  sendJson(res, status, { error, error_code: status, error_description: description }, CORS);

/**
 * The sign-in endpoints @cloudbase/js-sdk calls (read from its source: `/auth/v1/signin/custom`, `/auth/v1/token`,
 * `/auth/v1/user/me`), plus the local dev-ticket issuer that stands in for a server calling `auth().createTicket`.
 */
export function mountAuth(router: Router, db: Database, tokens: TokenIssuer) {
  const json = (body: Buffer) => { try { return JSON.parse(body.toString('utf8') || '{}'); } catch { return {}; } };

  router.add('OPTIONS', '/auth/*', (_req, res) => { res.writeHead(204, CORS).end(); });
  router.add('OPTIONS', '/dev/*', (_req, res) => { res.writeHead(204, CORS).end(); });

  router.add('GET', '/dev/accounts', (_req, res) => {
    if (!devLoginAllowed()) return sendJson(res, 403, { code: 'PERMISSION_DENIED', message: 'dev login is disabled in production' }, CORS);
    const accounts = db.collectionNames().includes('dev_accounts') ? db.find('dev_accounts', { order: [['role', 1], ['_id', 1]] }) : [];
    sendJson(res, 200, { accounts }, CORS);
  });

  router.add('POST', '/dev/ticket', async (req, res) => {
    if (!devLoginAllowed()) return sendJson(res, 403, { code: 'PERMISSION_DENIED', message: 'dev login is disabled in production' }, CORS);
    const parsed = ticketBody.safeParse(json(req.body));
    if (!parsed.success) return sendJson(res, 400, { code: 'INVALID_PARAM', message: 'accountId is required' }, CORS);
    const [account] = db.find('dev_accounts', { query: { _id: parsed.data.accountId } });
    if (!account) return sendJson(res, 403, { code: 'PERMISSION_DENIED', message: `no demo account ${parsed.data.accountId}` }, CORS);
    const who = { uid: String(account._id), customUserId: String(account._id), role: String(account.role), name: String(account.name) };
    sendJson(res, 200, { ticket: await tokens.ticket(who), uid: who.uid, role: who.role, name: who.name }, CORS);
  });

  router.add('POST', '/auth/v1/signin/custom', async (req, res) => {
    const parsed = signInBody.safeParse(json(req.body));
    if (!parsed.success) return oauthError(res, 400, 'invalid_argument', 'provider_id "custom" and a ticket are required');
    try {
      sendJson(res, 200, await tokens.credentials(await tokens.verifyTicket(parsed.data.ticket)), CORS);
    } catch (e) {
      oauthError(res, 401, 'invalid_grant', (e as CloudError).message);
    }
  });

  // Browsing the catalogue needs no account: an anonymous caller gets its own uid and only what rules give anyone.
  router.add('POST', '/auth/v1/signin/anonymously', async (_req, res) => {
    sendJson(res, 200, await tokens.credentials({ uid: `anon-${randomUUID()}`, role: 'anonymous', name: '游客' }), CORS);
  });

  router.add('POST', '/auth/v1/token', async (req, res) => {
    const parsed = refreshBody.safeParse(json(req.body));
    if (!parsed.success) return oauthError(res, 400, 'invalid_argument', 'grant_type refresh_token with a refresh_token is required');
    try {
      sendJson(res, 200, await tokens.credentials(await tokens.verifyRefresh(parsed.data.refresh_token)), CORS);
    } catch (e) {
      oauthError(res, 401, 'invalid_grant', (e as CloudError).message);
    }
  });

  router.add('GET', '/auth/v1/user/me', async (req, res) => {
    try {
      const who = await tokens.verify(req.headers.authorization);
      sendJson(res, 200, { sub: who.uid, name: who.name ?? who.uid, username: who.customUserId ?? who.uid, groups: who.role ? [{ id: who.role }] : [] }, CORS);
    } catch (e) {
      oauthError(res, 401, 'unauthenticated', (e as CloudError).message);
    }
  });

  router.add('POST', '/auth/v1/user/signout', (_req, res) => { sendJson(res, 200, {}, CORS); });
}
