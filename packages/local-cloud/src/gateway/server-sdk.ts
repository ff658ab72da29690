import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { sign } from '@cloudbase/signature-nodejs';
import { z } from 'zod';
import type { Request } from '../http/router';
import { CloudError } from '../errors';

export interface ServerCredentials {
  secretId: string;
  secretKey: string;
}

const credentialsFile = z.object({ secretId: z.string().min(1), secretKey: z.string().min(16) });
/** How far a signature's timestamp may be from now: node-sdk declares its signatures valid for 600 s. */
const MAX_SKEW_S = 600;

/**
 * The key pair this cloud's functions sign their @cloudbase/node-sdk calls to /admin with (CloudBase hands a
 * function TENCENTCLOUD_SECRETID/SECRETKEY the same way). Generated once into the data folder.
 */
export function loadServerCredentials(dataDir: string): ServerCredentials {
  const file = path.join(dataDir, 'gateway', 'server-credentials.json');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const fresh: ServerCredentials = { secretId: `AKIDlocal${randomBytes(12).toString('hex')}`, secretKey: randomBytes(24).toString('base64url') };
    writeFileSync(file, JSON.stringify(fresh), { mode: 0o600 });
  }
  return credentialsFile.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Checks a /admin request's TC3-HMAC-SHA256 signature the way node-sdk makes it (its tcbapirequester signs method,
 * URL, the headers it lists and the body's parameters with @cloudbase/signature-nodejs): the same library recomputes
 * the Authorization header from what arrived, and it must match exactly. A request without one, with another key,
 * with a changed body or header, or older than the signature's lifetime is refused.
 */
export function verifyServerSignature(req: Request, body: Record<string, unknown>, creds: ServerCredentials): void {
  const authorization = String(req.headers.authorization ?? '');
  const refuse = (why: string): never => {
    throw new CloudError('PERMISSION_DENIED', `/admin needs a request signed with this cloud's server credentials: ${why}`);
  };
  const parts = /^TC3-HMAC-SHA256 Credential=[^,]+,(?: SignedParams=([^,]*),)? SignedHeaders=([^,]+), Signature=[0-9a-f]+$/.exec(authorization);
  if (!parts) return refuse('no TC3-HMAC-SHA256 Authorization header');
  const timestamp = Number(req.headers['x-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > MAX_SKEW_S) return refuse('X-Timestamp is missing or too far from now');
  const headers: Record<string, string> = {};
  for (const name of parts[2].split(';')) {
    const value = req.headers[name];
    if (typeof value !== 'string') return refuse(`signed header ${name} is missing`);
    headers[name] = value;
  }
  let expected: string;
  try {
    expected = sign({
      ...creds,
      method: req.method.toLowerCase(),
      url: `http://${req.headers.host}${req.raw.url}`,
      headers,
      params: body,
      timestamp,
      withSignedParams: true,
      includeKeys: parts[1] ? parts[1].split(';') : undefined,
    }).authorization;
  } catch (e) {
    return refuse((e as Error).message);
  }
  const a = Buffer.from(authorization);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) refuse('the signature does not match');
}
