import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SignJWT, jwtVerify } from 'jose';
import { CloudError } from '../errors';

export interface WebIdentity { uid: string; customUserId?: string; role?: string; name?: string }
type Kind = 'access' | 'refresh' | 'ticket';

const DEFAULT_TTL_S: Record<Kind, number> = { access: 2 * 60 * 60, refresh: 30 * 24 * 60 * 60, ticket: 5 * 60 };

/**
 * Signed tokens for web callers: custom-login tickets (what node-sdk's `auth().createTicket` is in production),
 * access tokens and refresh tokens. The key lives in the data folder so sessions survive a restart.
 */
export function createTokenIssuer(dataDir: string, envId: string, accessTtlS = DEFAULT_TTL_S.access) {
  const TTL_S: Record<Kind, number> = { ...DEFAULT_TTL_S, access: accessTtlS };
  const file = path.join(dataDir, 'gateway', 'token-key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  const key = Buffer.from(readFileSync(file, 'utf8'), 'base64');
  const issuer = `local-cloud/${envId}`;

  const sign = (kind: Kind, who: WebIdentity) =>
    new SignJWT({ kind, cid: who.customUserId, role: who.role, name: who.name })
      .setProtectedHeader({ alg: 'HS256' }).setSubject(who.uid).setIssuer(issuer).setIssuedAt().setExpirationTime(`${TTL_S[kind]}s`).sign(key);

  async function read(kind: Kind, token: string | undefined): Promise<WebIdentity> {
    if (!token) throw new CloudError('UNAUTHENTICATED', 'sign in first: missing access token');
    try {
      const { payload } = await jwtVerify(token, key, { issuer });
      if (payload.kind !== kind) throw new Error(`not a ${kind} token`);
      return { uid: String(payload.sub), customUserId: payload.cid as string | undefined, role: payload.role as string | undefined, name: payload.name as string | undefined };
    } catch (e) {
      const expired = (e as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new CloudError(expired ? 'ACCESS_TOKEN_EXPIRED' : 'INVALID_ACCESS_TOKEN', expired ? `the ${kind} token has expired` : `the ${kind} token is not valid`);
    }
  }

  return {
    ticket: (who: WebIdentity) => sign('ticket', who),
    /** OAuth-style credentials, the shape @cloudbase/js-sdk stores and refreshes. */
    async credentials(who: WebIdentity) {
      return { token_type: 'Bearer', access_token: await sign('access', who), refresh_token: await sign('refresh', who), expires_in: TTL_S.access, sub: who.uid, scope: 'user' };
    },
    verifyTicket: (t: string | undefined) => read('ticket', t),
    verifyRefresh: (t: string | undefined) => read('refresh', t),
    /** The caller a request speaks for; a missing, forged or expired token is refused. */
    verify: (header: string | undefined) => read('access', header?.replace(/^Bearer\s+/i, '')),
  };
}

export type TokenIssuer = ReturnType<typeof createTokenIssuer>;
