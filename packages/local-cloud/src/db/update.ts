import { update as applyModifier } from 'mingo';
import { CloudError } from '../errors';
import { encode, type Doc } from './ejson';

const OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$push', '$pop', '$addToSet', '$pull', '$pullAll', '$min', '$max', '$rename', '$currentDate']);
const NUMERIC = new Set(['$inc', '$mul']);
const ARRAY = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);

const get = (doc: any, path: string) => path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), doc);

export const isOperatorUpdate = (u: Record<string, unknown>) => Object.keys(u).some((k) => k.startsWith('$'));

/**
 * The SDK sends `_.addToSet({ each: [...] })` untranslated, as `$addToSet: { f: { each: [...] } }`; CloudBase reads
 * that shape as MongoDB's `$each` (its documented meaning), so it is rewritten before the query library sees it.
 * MongoDB also adds a value repeated within `$each` once, which the query library does not on a missing field.
 */
function normalize(update: Record<string, any>): Record<string, any> {
  const spec = update.$addToSet;
  if (!isObject(spec)) return update;
  const rewritten = Object.fromEntries(
    Object.entries(spec).map(([path, arg]) => {
      const each = !isObject(arg) ? undefined : Object.keys(arg).length === 1 && Array.isArray(arg.each) ? arg.each : Array.isArray(arg.$each) ? arg.$each : undefined;
      return [path, each ? { $each: unique(each) } : arg];
    }),
  );
  return { ...update, $addToSet: rewritten };
}

/** Values equal as MongoDB compares them (field order counts in embedded documents), first occurrence kept. */
const unique = (values: unknown[]) => [...new Map(values.map((v) => [encode(v), v])).values()];

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

export interface Applied {
  doc: Doc;
  updatedFields: Record<string, unknown>;
  removedFields: string[];
  changed: boolean;
}

/**
 * Applies an update as MongoDB does. The query library is lenient where MongoDB is not ($inc on a string, $push on a
 * non-array are errors there), so those are checked first: a failed update writes nothing. `query` is the matching
 * query: a positional path (`skus.$.stock`) names the first element of that array the query matched, as CloudBase
 * does (`where({ skus: _.elemMatch({ id }) }).update({ 'skus.$.stock': _.inc(-1) })`).
 */
export function applyUpdate(before: Doc, raw: Record<string, any>, replace: boolean, query?: Record<string, any>): Applied {
  const update = normalize(raw);
  if (replace || !isOperatorUpdate(update)) {
    if (isOperatorUpdate(update)) throw new CloudError('INVALID_PARAM', 'a replacement document cannot contain update operators');
    const doc = { ...structuredClone(update), _id: before._id } as Doc;
    const removedFields = Object.keys(before).filter((k) => !(k in doc));
    return { doc, updatedFields: { ...doc }, removedFields, changed: true };
  }
  for (const [op, spec] of Object.entries(update)) {
    if (!OPERATORS.has(op)) throw new CloudError('INVALID_PARAM', `update operator ${op} is not supported by CloudBase (supported: ${[...OPERATORS].join(', ')})`);
    for (const [path, arg] of Object.entries(spec ?? {})) {
      if (path === '_id' || path.startsWith('_id.')) throw new CloudError('INVALID_PARAM', 'cannot update _id');
      const current = get(before, path);
      if (NUMERIC.has(op) && (typeof arg !== 'number' || (current !== undefined && current !== null && typeof current !== 'number'))) {
        throw new CloudError('DATABASE_REQUEST_FAILED', `${op} on field ${path}: cannot apply to a non-numeric value`);
      }
      if (ARRAY.has(op) && current !== undefined && current !== null && !Array.isArray(current)) {
        throw new CloudError('DATABASE_REQUEST_FAILED', `${op} on field ${path}: the field is not an array`);
      }
    }
  }
  const positional = Object.values(update).some((spec) => Object.keys(spec ?? {}).some((path) => path.split('.').includes('$')));
  if (positional && !query) throw new CloudError('INVALID_PARAM', 'a positional update ($) needs a query on the array field');
  const doc = structuredClone(before);
  let paths: string[];
  try {
    paths = applyModifier(doc, update as any, [], positional ? query : undefined, { cloneMode: 'deep' });
  } catch (e) {
    // The query library's refusals (a positional path whose array the query does not name) are the request's fault.
    throw new CloudError('INVALID_PARAM', `update failed: ${(e as Error).message}`);
  }
  const unset = new Set(Object.keys(update.$unset ?? {}));
  const renamedFrom = Object.keys(update.$rename ?? {});
  const updatedFields: Record<string, unknown> = {};
  for (const p of paths) if (!unset.has(p) && !renamedFrom.includes(p)) updatedFields[p] = get(doc, p);
  const removedFields = [...unset, ...renamedFrom].filter((p) => get(before, p) !== undefined);
  return { doc, updatedFields, removedFields, changed: paths.length > 0 };
}
