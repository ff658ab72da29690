import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Tencent Cloud API signature v3 (TC3-HMAC-SHA256), for POST JSON requests (the only kind the adapters send):
 * CanonicalURI "/", empty query, the signed headers lower-cased and sorted, the body hashed.
 */
export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, msg: string) => createHmac('sha256', key).update(msg, 'utf8').digest();

/** UTC date of a Unix timestamp: the credential scope uses it, so a request signed at 00:30 Beijing time is still "yesterday". */
export const tc3Date = (timestamp: number) => new Date(timestamp * 1000).toISOString().slice(0, 10);

export interface Tc3CanonicalInput {
  /** Headers to sign; must include content-type and host. Names and values are lower-cased and trimmed, as the spec says. */
  headers: Record<string, string>;
  payload: string;
}

export function tc3CanonicalRequest({ headers, payload }: Tc3CanonicalInput): { canonicalRequest: string; signedHeaders: string } {
  const entries = Object.entries(headers)
    .map(([k, v]) => [k.trim().toLowerCase(), v.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalHeaders = entries.map(([k, v]) => `${k}:${v}\n`).join('');
  const signedHeaders = entries.map(([k]) => k).join(';');
  return { canonicalRequest: ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(payload)].join('\n'), signedHeaders };
}

export function tc3StringToSign(canonicalRequest: string, timestamp: number, service: string): string {
  return [TC3_ALGORITHM, String(timestamp), `${tc3Date(timestamp)}/${service}/tc3_request`, sha256Hex(canonicalRequest)].join('\n');
}

export function tc3Signature(secretKey: string, stringToSign: string, timestamp: number, service: string): string {
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, tc3Date(timestamp)), service), 'tc3_request');
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

export interface Tc3SignInput extends Tc3CanonicalInput {
  secretId: string;
  secretKey: string;
  service: string;
  timestamp: number;
}

/** The Authorization header value for one request. */
export function tc3Sign(input: Tc3SignInput): { authorization: string; signature: string; canonicalRequest: string; stringToSign: string } {
  const { canonicalRequest, signedHeaders } = tc3CanonicalRequest(input);
  const stringToSign = tc3StringToSign(canonicalRequest, input.timestamp, input.service);
  const signature = tc3Signature(input.secretKey, stringToSign, input.timestamp, input.service);
  const authorization = `${TC3_ALGORITHM} Credential=${input.secretId}/${tc3Date(input.timestamp)}/${input.service}/tc3_request, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { authorization, signature, canonicalRequest, stringToSign };
}

export interface Tc3Authorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Splits an Authorization header; undefined when it is not TC3-HMAC-SHA256 in the documented shape. */
export function parseTc3Authorization(header: string | undefined): Tc3Authorization | undefined {
  const m = /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9-]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(header?.trim() ?? '');
  if (!m) return undefined;
  return { secretId: m[1], date: m[2], service: m[3], signedHeaders: m[4].split(';'), signature: m[5] };
}

/** Constant-time comparison of two hex signatures. */
export function tc3SignaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
