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
    return normalize(EJSON.parse(text, { relaxed: true }));
  } catch (e) {
    throw new CloudError('INVALID_PARAM', `${what} is not valid EJSON: ${(e as Error).message}`);
  }
}

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
export const fromStorage = (text: string): Doc => normalize(EJSON.parse(text, { relaxed: true }));
