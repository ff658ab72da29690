import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { CloudError } from '../errors';

export interface WebIdentity {
  uid: string;
  customUserId?: string;
  role?: string;
  name?: string;
  isAnonymous?: boolean;
}
type Kind = 'access' | 'refresh' | 'ticket';

const DEFAULT_TTL_S: Record<Kind, number> = { access: 2 * 60 * 60, refresh: 30 * 24 * 60 * 60, ticket: 5 * 60 };
const ALGORITHMS = ['HS256']; // `alg: none` or any other algorithm is refused before the signature is looked at

/**
 * Signed tokens for web callers: custom-login tickets (what node-sdk's `auth().createTicket` is in production),
 * access tokens and refresh tokens. The key lives in the data folder so sessions survive a restart.
 *
 * Each sign-in is a session: its access and refresh tokens carry the session id (`sid`), and signing out revokes
 * the session, so both stop working at once. Revoked sessions are kept in the data folder until their last
 * refresh token would have expired anyway.
 */
export function createTokenIssuer(dataDir: string, envId: string, accessTtlS = DEFAULT_TTL_S.access) {
  const TTL_S: Record<Kind, number> = { ...DEFAULT_TTL_S, access: accessTtlS };
  const dir = path.join(dataDir, 'gateway');
  const file = path.join(dir, 'token-key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  const key = Buffer.from(readFileSync(file, 'utf8'), 'base64');
  const issuer = `local-cloud/${envId}`;

  const revokedFile = path.join(dir, 'revoked-sessions.json');
  /** session id → when (epoch s) its tokens expire anyway; after that it need not be remembered. */
  const revoked = new Map<string, number>(existsSync(revokedFile) ? Object.entries(JSON.parse(readFileSync(revokedFile, 'utf8')) as Record<string, number>) : []);
  const signedOut = new Set<(sid: string) => void>();
  function revoke(sid: string) {
    const now = Math.floor(Date.now() / 1000);
    for (const [s, until] of revoked) if (until < now) revoked.delete(s);
    revoked.set(sid, now + TTL_S.refresh);
    const tmp = `${revokedFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(revoked)), { mode: 0o600 });
    renameSync(tmp, revokedFile); // a crash mid-write leaves the old list, never half of one
    for (const l of signedOut) l(sid);
  }

  const sign = (kind: Kind, who: WebIdentity, sid?: string) =>
    new SignJWT({ kind, sid, cid: who.customUserId, role: who.role, name: who.name, anon: who.isAnonymous || undefined })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(who.uid)
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime(`${TTL_S[kind]}s`)
      .sign(key);

  const identityOf = (p: JWTPayload & Record<string, unknown>): WebIdentity & { sid: string } => ({
    uid: String(p.sub),
    sid: String(p.sid),
    customUserId: p.cid as string | undefined,
    role: p.role as string | undefined,
    name: p.name as string | undefined,
    isAnonymous: p.anon === true,
  });

  /** A token of `kind`; `expiredToo` accepts a correctly signed one past its expiry (signing out with it still works). */
  async function read(kind: Kind, token: string | undefined, expiredToo = false) {
    if (!token) throw new CloudError('UNAUTHENTICATED', 'sign in first: missing access token');
    let payload: JWTPayload & Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, { issuer, algorithms: ALGORITHMS, clockTolerance: expiredToo ? TTL_S.refresh : 0 }));
    } catch (e) {
      const expired = (e as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new CloudError(expired ? 'ACCESS_TOKEN_EXPIRED' : 'INVALID_ACCESS_TOKEN', expired ? `the ${kind} token has expired` : `the ${kind} token is not valid`);
    }
    if (payload.kind !== kind) throw new CloudError('INVALID_ACCESS_TOKEN', `the ${kind} token is not valid: it is a ${String(payload.kind)} token`);
    if (kind !== 'ticket' && (typeof payload.sid !== 'string' || revoked.has(payload.sid))) {
      throw new CloudError('INVALID_ACCESS_TOKEN', `the ${kind} token belongs to a session that was signed out; sign in again`);
    }
    return identityOf(payload);
  }

  async function credentials(who: WebIdentity, sid: string) {
    return { token_type: 'Bearer', access_token: await sign('access', who, sid), refresh_token: await sign('refresh', who, sid), expires_in: TTL_S.access, sub: who.uid, scope: 'user' };
  }

  return {
    ticket: (who: WebIdentity) => sign('ticket', who),
    /** OAuth-style credentials for a new session, the shape @cloudbase/js-sdk stores and refreshes. */
    signIn: (who: WebIdentity) => credentials(who, randomUUID()),
    verifyTicket: (t: string | undefined) => read('ticket', t),
    /** Fresh credentials for the session a refresh token belongs to. */
    async refresh(t: string | undefined) {
      const { sid, ...who } = await read('refresh', t);
      return credentials(who, sid);
    },
    /** The caller a request speaks for; a missing, forged, expired or signed-out token is refused. */
    verify: (header: string | undefined) => read('access', header?.replace(/^Bearer\s+/i, '')),
    /** Ends the session of an access or refresh token (expired ones too): both of its tokens stop working. */
    async signOut(token: string | undefined) {
      const session = await read('access', token, true).catch(() => read('refresh', token, true));
      revoke(session.sid);
    },
    /** Tells `listener` the id of each session that signs out (realtime closes its sockets). */
    onSignOut(listener: (sid: string) => void) {
      signedOut.add(listener);
      return () => {
        signedOut.delete(listener);
      };
    },
  };
}

export type TokenIssuer = ReturnType<typeof createTokenIssuer>;
