import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Request, Router } from '../http/router';
import { sendJson } from '../http/router';
import type { Database } from '../db';
import { CloudError } from '../errors';
import type { TokenIssuer } from './tokens';
import { jsonBody, sendError } from './http';

type Env = Record<string, string | undefined>;

/** An env id is local when it is `local` or ends in `-local` (cloudbaserc.json's `daojia-local`). */
const LOCAL_ENV_ID = /^(.+-)?local$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** WeChat Pay configured for real: merchant credentials, with the API base left at WeChat's or pointing off this machine. */
function paysForReal(env: Env): boolean {
  if (!env.WECHATPAY_MCHID && !env.WECHATPAY_MERCHANT_PRIVATE_KEY && !env.WECHATPAY_APIV3_KEY) return false;
  if (!env.WECHATPAY_API_BASE) return true; // the adapter's default is api.mch.weixin.qq.com
  try {
    return !LOOPBACK.has(new URL(env.WECHATPAY_API_BASE).hostname);
  } catch {
    return true;
  }
}

/**
 * Why this cloud looks like production, if it does. Dev login makes anyone any demo account, so any sign of a
 * production configuration switches it off: `DAOJIA_MODE=production`, a non-local env id, or WeChat Pay credentials
 * for the real API in this process's environment or in a function's cloudbaserc.json `envVariables`.
 */
export function productionSign(c: { envId: string; env: Env; functionEnvs: Env[] }): string | undefined {
  if (c.env.DAOJIA_MODE === 'production') return 'DAOJIA_MODE is production';
  if (!LOCAL_ENV_ID.test(c.envId)) return `env id ${c.envId} is not a local one`;
  if ([c.env, ...c.functionEnvs].some(paysForReal)) return 'production WeChat Pay configuration (WECHATPAY_*) is present';
  return undefined;
}

const signInBody = z.object({ provider_id: z.literal('custom'), ticket: z.string().min(1) });
const refreshBody = z.object({ grant_type: z.literal('refresh_token'), refresh_token: z.string().min(1) });
const revokeBody = z.object({ token: z.string().min(1) });
const ticketBody = z.object({ accountId: z.string().min(1).max(64) });

const oauthError = (res: ServerResponse, status: number, error: string, description: string) => sendJson(res, status, { error, error_code: status, error_description: description });

/**
 * The sign-in endpoints @cloudbase/js-sdk calls (read from its source: `/auth/v1/signin/custom`, `/auth/v1/token`,
 * `/auth/v1/user/me`), plus the local dev-ticket issuer that stands in for a server calling `auth().createTicket`.
 */
export function mountAuth(router: Router, db: Database, tokens: TokenIssuer, production: () => string | undefined) {
  // OAuth endpoints answer a malformed body like a missing field: 400 invalid_argument.
  const json = (body: Buffer) => {
    try {
      return JSON.parse(body.toString('utf8') || '{}');
    } catch {
      return {};
    }
  };

  /** An OAuth grant: a body naming a credential, exchanged for fresh tokens when the credential verifies. */
  function grant<T>(path: string, body: z.ZodType<T>, needs: string, exchange: (b: T) => Promise<object>) {
    router.add('POST', path, async (req, res) => {
      const parsed = body.safeParse(json(req.body));
      if (!parsed.success) return oauthError(res, 400, 'invalid_argument', needs);
      try {
        sendJson(res, 200, await exchange(parsed.data));
      } catch (e) {
        oauthError(res, 401, 'invalid_grant', (e as CloudError).message);
      }
    });
  }

  const requireDevLogin = () => {
    const sign = production();
    if (sign) throw new CloudError('PERMISSION_DENIED', `dev login is disabled: ${sign}`);
  };

  router.add('GET', '/dev/accounts', (_req, res) => {
    try {
      requireDevLogin();
      const accounts = db.collectionNames().includes('dev_accounts')
        ? db.find('dev_accounts', {
            order: [
              ['role', 1],
              ['_id', 1],
            ],
          })
        : [];
      sendJson(res, 200, { accounts });
    } catch (e) {
      sendError(res, e);
    }
  });

  router.add('POST', '/dev/ticket', async (req, res) => {
    try {
      requireDevLogin();
      const parsed = ticketBody.safeParse(jsonBody(req));
      if (!parsed.success) throw new CloudError('INVALID_PARAM', 'accountId is required');
      const [account] = db.find('dev_accounts', { query: { _id: parsed.data.accountId } });
      if (!account) throw new CloudError('PERMISSION_DENIED', `no demo account ${parsed.data.accountId}`);
      const who = { uid: String(account._id), customUserId: String(account._id), role: String(account.role), name: String(account.name) };
      sendJson(res, 200, { ticket: await tokens.ticket(who), uid: who.uid, role: who.role, name: who.name });
    } catch (e) {
      sendError(res, e);
    }
  });

  grant('/auth/v1/signin/custom', signInBody, 'provider_id "custom" and a ticket are required', async (b) => tokens.signIn(await tokens.verifyTicket(b.ticket)));

  // Browsing the catalogue needs no account: an anonymous caller gets its own uid and only what rules give anyone.
  router.add('POST', '/auth/v1/signin/anonymously', async (_req, res) => {
    sendJson(res, 200, await tokens.signIn({ uid: `anon-${randomUUID()}`, role: 'anonymous', name: '游客', isAnonymous: true }));
  });

  grant('/auth/v1/token', refreshBody, 'grant_type refresh_token with a refresh_token is required', (b) => tokens.refresh(b.refresh_token));

  router.add('GET', '/auth/v1/user/me', async (req, res) => {
    try {
      const who = await tokens.verify(req.headers.authorization);
      sendJson(res, 200, { sub: who.uid, name: who.name ?? who.uid, username: who.customUserId ?? who.uid, groups: who.role ? [{ id: who.role }] : [] });
    } catch (e) {
      oauthError(res, 401, 'unauthenticated', (e as CloudError).message);
    }
  });

  // Signing out ends the session, access and refresh token alike. js-sdk's `auth.signOut()` posts the access token
  // to /auth/v1/revoke; `signOut(options)` posts to /auth/v1/user/signout with the token in the header.
  const signOut = (token: (req: Request) => string | undefined) => async (req: Request, res: ServerResponse) => {
    try {
      await tokens.signOut(token(req));
      sendJson(res, 200, {});
    } catch (e) {
      oauthError(res, 401, 'unauthenticated', (e as CloudError).message);
    }
  };
  router.add(
    'POST',
    '/auth/v1/user/signout',
    signOut((req) => req.headers.authorization?.replace(/^Bearer\s+/i, '')),
  );
  router.add(
    'POST',
    '/auth/v1/revoke',
    signOut((req) => revokeBody.safeParse(json(req.body)).data?.token),
  );
}
