import { update as applyModifier } from 'mingo';
import { CloudError } from '../errors';
import type { Doc } from './ejson';

const OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$push', '$pop', '$addToSet', '$pull', '$pullAll', '$min', '$max', '$rename', '$currentDate']);
const NUMERIC = new Set(['$inc', '$mul']);
const ARRAY = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);

const get = (doc: any, path: string) => path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), doc);

export const isOperatorUpdate = (u: Record<string, unknown>) => Object.keys(u).some((k) => k.startsWith('$'));

export interface Applied { doc: Doc; updatedFields: Record<string, unknown>; removedFields: string[]; changed: boolean }

/**
 * Applies an update as MongoDB does. The query library is lenient where MongoDB is not ($inc on a string, $push on a
 * non-array are errors there), so those are checked first: a failed update writes nothing.
 */
export function applyUpdate(before: Doc, update: Record<string, any>, replace: boolean): Applied {
  if (replace || !isOperatorUpdate(update)) {
    if (isOperatorUpdate(update)) throw new CloudError('INVALID_PARAM', 'a replacement document cannot contain update operators');
    const doc = { ...structuredClone(update), _id: before._id } as Doc;
    const removedFields = Object.keys(before).filter((k) => !(k in doc));
    return { doc, updatedFields: { ...doc }, removedFields, changed: true };
  }
  for (const [op, spec] of Object.entries(update)) {
    if (!OPERATORS.has(op)) throw new CloudError('DATABASE_REQUEST_FAILED', `unknown update operator ${op}`);
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
  const doc = structuredClone(before);
  const paths = applyModifier(doc, update as any, [], undefined, { cloneMode: 'deep' });
  const unset = new Set(Object.keys(update.$unset ?? {}));
  const renamedFrom = Object.keys(update.$rename ?? {});
  const updatedFields: Record<string, unknown> = {};
  for (const p of paths) if (!unset.has(p) && !renamedFrom.includes(p)) updatedFields[p] = get(doc, p);
  const removedFields = [...unset, ...renamedFrom].filter((p) => get(before, p) !== undefined);
  return { doc, updatedFields, removedFields, changed: paths.length > 0 };
}
