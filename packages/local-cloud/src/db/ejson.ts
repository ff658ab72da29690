import { EJSON, ObjectId, BSONRegExp, Decimal128, Long, Double, Int32 } from 'bson';
import { CloudError } from '../errors';

export type Doc = Record<string, unknown> & { _id?: string };

/**
 * The SDKs send queries, updates and documents as canonical EJSON strings. Decoded values become what the query
 * library understands: numbers, Date, RegExp, string ids, and CloudBase's server date resolved to now + offset.
 */
export function decode(text: unknown, what: string): any {
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') return normalize(text);
  try {
    return normalize(parse(text));
  } catch (e) {
    throw new CloudError('INVALID_PARAM', `${what} is not valid EJSON: ${(e as Error).message}`);
  }
}

/**
 * BSON refuses a NUL character in a regular expression's pattern (a C string there), while a JavaScript RegExp
 * matches it fine and CloudBase's SDKs send it as typed (e.g. db.RegExp built from a search box). Such patterns are
 * rewritten to the equivalent escape \x00 first; JSON text carries a NUL only as the escape \u0000.
 */
function parse(text: string): any {
  if (!text.includes('\\u0000')) return EJSON.parse(text, { relaxed: true });
  return EJSON.deserialize(escapeNul(JSON.parse(text)), { relaxed: true });
}

function escapeNul(value: any): any {
  if (Array.isArray(value)) return value.map(escapeNul);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(value)) out[k] = escapeNul(v);
  const re = out.$regularExpression;
  if (re && typeof re.pattern === 'string') out.$regularExpression = { ...re, pattern: escapePattern(re.pattern) };
  if (typeof out.$regex === 'string') out.$regex = escapePattern(out.$regex);
  return out;
}

/** An odd run of backslashes before the NUL escapes it (`\<NUL>` is a literal NUL too): that backslash goes. */
const escapePattern = (pattern: string) =>
  // eslint-disable-next-line no-control-regex -- the NUL is what this looks for
  pattern.replace(/(\\*)\u0000/g, (_m, slashes: string) => `${slashes.length % 2 ? slashes.slice(1) : slashes}\\x00`);

function normalize(value: any): any {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (value instanceof RegExp) return value;
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options.replace(/[^gimsuy]/g, ''));
  if (value instanceof ObjectId) return value.toHexString();
  if (value instanceof Long || value instanceof Double || value instanceof Int32 || value instanceof Decimal128) return Number(value.toString());
  if (Array.isArray(value)) return value.map(normalize);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number((value.$tcb_server_date as { offset?: number })?.offset ?? 0);
    return new Date(Date.now() + offset);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = normalize(value[k]);
  return out;
}

/** A document as the SDK expects it on the wire: a canonical EJSON string. */
export function encode(doc: unknown): string {
  return EJSON.stringify(doc as any, { relaxed: false });
}

/** Storage form: relaxed EJSON keeps plain numbers and strings readable (and indexable) by SQLite's json functions. */
export const toStorage = (doc: Doc): string => EJSON.stringify(doc as any, { relaxed: true });
export const fromStorage = (text: string): Doc => normalize(parse(text));
