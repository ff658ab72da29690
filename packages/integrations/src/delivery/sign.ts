import { createHash, timingSafeEqual } from 'node:crypto';

const md5Hex = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/**
 * Dada request signature: every envelope field except `signature`, keys sorted, each key followed by its value with
 * no separators, the app secret on both ends, MD5, upper-case hex.
 */
export function dadaSignature(params: Record<string, string>, appSecret: string): string {
  const joined = Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join('');
  return md5Hex(`${appSecret}${joined}${appSecret}`).toUpperCase();
}

/**
 * Dada callback signature: the VALUES of client_id, order_id and update_time sorted as strings, joined, MD5. There is
 * no secret in it, so anyone can compute it: it proves nothing about the sender (re-check by status query).
 */
export function dadaCallbackSignature(c: { client_id: string; order_id: string; update_time: number | string }): string {
  return md5Hex([c.client_id, c.order_id, String(c.update_time)].sort().join(''));
}

export function dadaSignaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a.toUpperCase(), 'utf8');
  const y = Buffer.from(b.toUpperCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
