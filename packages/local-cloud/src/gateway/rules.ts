import jsep from 'jsep';
import type { Doc } from '../db';
import type { CollectionRules } from '../db/rules';

export interface RuleAuth {
  openid: string;
  uid: string;
}

/**
 * CloudBase security rules for client requests. A rule is `true`, `false` or an expression over `auth.openid`,
 * `auth.uid` and `doc.<field>` with `==`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `&&`, `||`, `!`, literals and arrays.
 * Anything else (e.g. `get()`) is refused when the rules are loaded, not guessed at.
 *
 * A client QUERY must be a subset of what the rule allows (CloudBase does not filter, it refuses): the rule is
 * evaluated with the query's pinned equalities standing in for `doc`, and anything it cannot decide counts as no.
 */
type Node = jsep.Expression;
jsep.addBinaryOp('in', 7); // CloudBase rules allow `doc.x in [...]`; jsep needs to be told
const UNKNOWN = Symbol('unknown');
type Value = unknown | typeof UNKNOWN;

export class RuleError extends Error {}

function check(node: Node): void {
  switch (node.type) {
    case 'Literal':
      return;
    case 'ArrayExpression':
      (node.elements as Node[]).forEach(check);
      return;
    case 'UnaryExpression':
      if (node.operator !== '!') throw new RuleError(`operator ${node.operator} is not supported`);
      check(node.argument as Node);
      return;
    case 'BinaryExpression':
      if (!['==', '!=', '<', '<=', '>', '>=', 'in', '&&', '||'].includes(node.operator as string)) throw new RuleError(`operator ${node.operator} is not supported`);
      check(node.left as Node);
      check(node.right as Node);
      return;
    case 'MemberExpression': {
      const root = rootOf(node);
      if (root !== 'auth' && root !== 'doc') throw new RuleError(`only auth.* and doc.* can be read in a rule, not ${root}`);
      return;
    }
    case 'Identifier':
      if (node.name === 'true' || node.name === 'false') return;
      throw new RuleError(`unknown name ${node.name}`);
    default:
      throw new RuleError(`${node.type} is not supported in rules`);
  }
}

function rootOf(node: Node): string {
  let n: Node = node;
  while (n.type === 'MemberExpression') n = n.object as Node;
  return n.type === 'Identifier' ? (n.name as string) : '?';
}

function pathOf(node: Node): string[] {
  const parts: string[] = [];
  let n: Node = node;
  while (n.type === 'MemberExpression') {
    const p = n.property as Node;
    parts.unshift(n.computed ? String((p as jsep.Literal).value) : (p.name as string));
    n = n.object as Node;
  }
  return parts;
}

type Resolve = (root: 'doc' | 'auth', path: string[]) => Value;

function evaluate(node: Node, resolve: Resolve): Value {
  switch (node.type) {
    case 'Literal':
      return node.value;
    case 'Identifier':
      return node.name === 'true';
    case 'ArrayExpression': {
      const items = (node.elements as Node[]).map((e) => evaluate(e, resolve));
      return items.includes(UNKNOWN) ? UNKNOWN : items;
    }
    case 'MemberExpression':
      return resolve(rootOf(node) as 'doc' | 'auth', pathOf(node));
    case 'UnaryExpression': {
      const v = evaluate(node.argument as Node, resolve);
      return v === UNKNOWN ? UNKNOWN : !v;
    }
    case 'BinaryExpression': {
      const op = node.operator;
      if (op === '&&' || op === '||') {
        const l = evaluate(node.left as Node, resolve);
        const r = evaluate(node.right as Node, resolve);
        if (op === '&&') return l === false || r === false ? false : l === UNKNOWN || r === UNKNOWN ? UNKNOWN : Boolean(l && r);
        return l === true || r === true ? true : l === UNKNOWN || r === UNKNOWN ? UNKNOWN : Boolean(l || r);
      }
      const l = evaluate(node.left as Node, resolve);
      const r = evaluate(node.right as Node, resolve);
      if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
      switch (op) {
        case '==':
          return l === r;
        case '!=':
          return l !== r;
        case '<':
          return (l as number) < (r as number);
        case '<=':
          return (l as number) <= (r as number);
        case '>':
          return (l as number) > (r as number);
        case '>=':
          return (l as number) >= (r as number);
        case 'in':
          return Array.isArray(r) && r.includes(l);
      }
    }
  }
  return UNKNOWN;
}

export interface CompiledRule {
  /** May this caller read this document? */
  allowsDoc(doc: Doc, auth: RuleAuth | null): boolean;
  /** Is every document this query could return readable by this caller? */
  allowsQuery(query: Record<string, unknown>, auth: RuleAuth | null): boolean;
}

export function compileRule(rule: boolean | string | undefined): CompiledRule {
  if (rule === undefined || rule === false || rule === 'false') return { allowsDoc: () => false, allowsQuery: () => false };
  if (rule === true || rule === 'true') return { allowsDoc: () => true, allowsQuery: () => true };
  let ast: Node;
  try {
    ast = jsep(String(rule));
  } catch (e) {
    throw new RuleError(`cannot parse rule "${rule}": ${(e as Error).message}`);
  }
  check(ast);
  const authValue = (auth: RuleAuth | null, path: string[]): Value => (auth && path.length === 1 && (path[0] === 'openid' || path[0] === 'uid') ? auth[path[0]] || null : null);
  const dig = (obj: unknown, path: string[]) => path.reduce<unknown>((v, k) => (v == null ? undefined : (v as Record<string, unknown>)[k]), obj);
  return {
    allowsDoc(doc, auth) {
      return evaluate(ast, (root, path) => (root === 'auth' ? authValue(auth, path) : (dig(doc, path) ?? null))) === true;
    },
    allowsQuery(query, auth) {
      return (
        evaluate(ast, (root, path) => {
          if (root === 'auth') return authValue(auth, path);
          const v = query[path.join('.')];
          const pinned = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 1 && '$eq' in (v as object) ? (v as { $eq: unknown }).$eq : v;
          return pinned === undefined || (typeof pinned === 'object' && pinned !== null) ? UNKNOWN : pinned;
        }) === true
      );
    },
  };
}

/**
 * CloudBase lets a client query name "me" without knowing its openid: the string `'{openid}'` anywhere in a query
 * stands for the caller's openid, bound before the rule is checked.
 */
export function bindCaller<T>(query: T, auth: RuleAuth): T {
  if (query === '{openid}') return auth.openid as T;
  if (Array.isArray(query)) return query.map((v) => bindCaller(v, auth)) as T;
  if (query && typeof query === 'object' && Object.getPrototypeOf(query) === Object.prototype) {
    return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, bindCaller(v, auth)])) as T;
  }
  return query;
}

/** The one `_id` a query is pinned to (`{_id: x}` or `{_id: {$eq: x}}`), if it is. */
export function pinnedId(query: Record<string, unknown>): string | undefined {
  const v = query._id;
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && Object.keys(v).length === 1 && typeof (v as { $eq?: unknown }).$eq === 'string') return (v as { $eq: string }).$eq;
  return undefined;
}

/**
 * Whether a client request may touch what `query` names: everything it could match is provably allowed, or it is
 * pinned to one `_id` (what `doc(id)` sends) and that document, if it exists, is allowed — CloudBase checks
 * single-document access against the document itself.
 */
export function allowsAccess(rule: CompiledRule, query: Record<string, unknown>, auth: RuleAuth, load: (id: string) => Doc | undefined): boolean {
  if (rule.allowsQuery(query, auth)) return true;
  const id = pinnedId(query);
  if (id === undefined) return false;
  const doc = load(id);
  return !doc || rule.allowsDoc(doc, auth);
}

/** The read rule of a collection; a collection without a rules file is closed. */
export const readRuleOf = (rules: CollectionRules | undefined) => compileRule(rules?.rules?.read);
export const writeRuleOf = (rules: CollectionRules | undefined) => compileRule(rules?.rules?.write);
