import { CloudError } from '../errors';

/**
 * What CloudBase's database accepts, checked before the query library sees a request. The query library (mingo)
 * accepts more than CloudBase does ($where, $type, $jsonSchema, $function, …); a request using any of that is the
 * client's mistake and is refused with INVALID_PARAM naming the operator, never run or turned into an internal error.
 */

/** The wire form of db.command's query commands (eq, neq, …, geoNear, expr) and regular expressions. */
const FIELD_OPERATORS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$all',
  '$elemMatch',
  '$exists',
  '$size',
  '$mod',
  '$not',
  '$regex',
  '$options',
  '$nearSphere',
  '$near',
  '$geoWithin',
  '$geoIntersects',
]);
const LOGICAL = new Set(['$and', '$or', '$nor']);
/** Server-side JavaScript: never run, wherever it appears (queries, $expr, aggregation expressions). */
const SCRIPT = new Set(['$where', '$function', '$accumulator']);

/** The stages CloudBase's aggregate() offers; anything else (e.g. $out, $merge) is refused rather than half-run. */
const STAGES = new Set([
  '$addFields',
  '$bucket',
  '$bucketAuto',
  '$count',
  '$geoNear',
  '$group',
  '$limit',
  '$lookup',
  '$match',
  '$project',
  '$replaceRoot',
  '$sample',
  '$skip',
  '$sort',
  '$sortByCount',
  '$unwind',
]);

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

function refuse(op: string): never {
  if (SCRIPT.has(op)) throw new CloudError('INVALID_PARAM', `${op} runs JavaScript on the server, which CloudBase does not allow in a query`);
  throw new CloudError('INVALID_PARAM', `query operator ${op} is not supported by CloudBase (supported: ${[...LOGICAL, '$expr', ...FIELD_OPERATORS].join(', ')})`);
}

/** Refuses server-side JavaScript anywhere inside a value (an $expr or an aggregation stage). */
function denyScript(value: unknown) {
  if (Array.isArray(value)) {
    value.forEach(denyScript);
    return;
  }
  if (!isObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (SCRIPT.has(k)) refuse(k);
    denyScript(v);
  }
}

export function checkQuery(query: unknown) {
  if (!isObject(query)) throw new CloudError('INVALID_PARAM', 'a query must be an object of field conditions');
  for (const [key, value] of Object.entries(query)) {
    if (key === '$expr') denyScript(value);
    else if (LOGICAL.has(key)) {
      if (!Array.isArray(value) || !value.length) throw new CloudError('INVALID_PARAM', `${key} needs a non-empty array of conditions`);
      value.forEach(checkQuery);
    } else if (key.startsWith('$')) refuse(key);
    else checkCondition(key, value);
  }
}

/** A field's condition: a value to equal, or an object of operators (an object without operators is a value too). */
function checkCondition(field: string, condition: unknown) {
  if (!isObject(condition)) return;
  const keys = Object.keys(condition);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (!operators.length) return;
  if (operators.length !== keys.length) throw new CloudError('INVALID_PARAM', `the condition on ${field} mixes operators with plain fields (${keys.join(', ')})`);
  for (const op of operators) {
    if (!FIELD_OPERATORS.has(op)) refuse(op);
    const arg = condition[op];
    if (op === '$not') checkCondition(field, arg);
    if (op === '$elemMatch' && isObject(arg)) {
      // Either operators on the elements themselves ({$gte: 1}) or a query on embedded documents ({a: 1}).
      if (Object.keys(arg).every((k) => k.startsWith('$') && !LOGICAL.has(k) && k !== '$expr')) checkCondition(field, arg);
      else checkQuery(arg);
    }
  }
}

export function checkPipeline(pipeline: Record<string, any>[]) {
  for (const stage of pipeline) {
    const keys = Object.keys(stage);
    if (keys.length !== 1 || !STAGES.has(keys[0])) {
      throw new CloudError('DATABASE_REQUEST_FAILED', `aggregation stage ${keys.join(', ') || '{}'} is not supported (CloudBase offers ${[...STAGES].join(', ')})`);
    }
    denyScript(stage);
    if (stage.$match) checkQuery(stage.$match);
    if (stage.$geoNear?.query) checkQuery(stage.$geoNear.query);
    const sub = stage.$lookup?.pipeline;
    if (Array.isArray(sub)) checkPipeline(sub);
  }
}
