import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SignJWT, jwtVerify } from 'jose';
import { CloudError } from '../errors';

export interface WebIdentity { uid: string; customUserId?: string; role?: string }

const TTL_S = 2 * 60 * 60;

/** Signed access tokens for web callers; the key lives in the data folder so sessions survive a restart. */
export function createTokenIssuer(dataDir: string, envId: string) {
  const file = path.join(dataDir, 'gateway', 'token-key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  const key = Buffer.from(readFileSync(file, 'utf8'), 'base64');
  const issuer = `local-cloud/${envId}`;

  return {
    async issue(who: WebIdentity): Promise<{ accessToken: string; expiresIn: number }> {
      const accessToken = await new SignJWT({ cid: who.customUserId, role: who.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(who.uid)
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(`${TTL_S}s`)
        .sign(key);
      return { accessToken, expiresIn: TTL_S };
    },
    /** The caller a request speaks for; a missing, forged or expired token is refused. */
    async verify(header: string | undefined): Promise<WebIdentity> {
      const token = header?.replace(/^Bearer\s+/i, '');
      if (!token) throw new CloudError('UNAUTHENTICATED', 'sign in first: missing access token');
      try {
        const { payload } = await jwtVerify(token, key, { issuer });
        return { uid: String(payload.sub), customUserId: payload.cid as string | undefined, role: payload.role as string | undefined };
      } catch (e) {
        const expired = (e as { code?: string }).code === 'ERR_JWT_EXPIRED';
        throw new CloudError(expired ? 'ACCESS_TOKEN_EXPIRED' : 'INVALID_ACCESS_TOKEN', expired ? 'the access token has expired; sign in again' : 'the access token is not valid');
      }
    },
  };
}

export type TokenIssuer = ReturnType<typeof createTokenIssuer>;
