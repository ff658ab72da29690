import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsep from 'jsep';
import { z } from 'zod';

/**
 * Cloud storage security rules, CloudBase's model: one `read` and one `write` rule for the bucket, each `true`,
 * `false` or an expression over `auth` (null when the client is not signed in; `uid`, `openid`, `loginType`:
 * ANONYMOUS | CUSTOM | WECHAT) and `resource` (`path`, `segments` — the path split at '/' —, `openid`: who uploaded
 * the file, null for a file not there yet), with `==`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `&&`, `||`, `!`, literals
 * and arrays. Anything else is refused when the rules are loaded. They judge client requests only: functions (the
 * server SDK) bypass them. The same file declares the storage limits (types and sizes), which bind everyone.
 */
export interface StorageAuth {
  uid: string;
  openid: string;
  loginType: 'ANONYMOUS' | 'CUSTOM' | 'WECHAT';
}
export interface StorageResource {
  path: string;
  openid: string | null;
}

const limitSchema = z.object({ maxBytes: z.number().int().positive(), types: z.record(z.string().regex(/^[a-z0-9]+$/), z.string().min(3)) });
const rulesFile = z.object({
  read: z.union([z.boolean(), z.string()]),
  write: z.union([z.boolean(), z.string()]),
  limits: z.record(z.string(), limitSchema).default({}),
});

export interface FileType {
  kind: string;
  ext: string;
  contentType: string;
  maxBytes: number;
}

export interface StorageRules {
  canRead(auth: StorageAuth | null, resource: StorageResource): boolean;
  canWrite(auth: StorageAuth | null, resource: StorageResource): boolean;
  /** The declared type of a path (by its extension), or undefined: not a file the storage takes. */
  typeOf(filePath: string): FileType | undefined;
  /** The largest file any kind allows (the upload route's body cap). */
  maxBytes: number;
}

type Node = jsep.Expression;
const BINARY = ['==', '!=', '<', '<=', '>', '>=', 'in', '&&', '||'];
jsep.addBinaryOp('in', 7);

function check(node: Node): void {
  switch (node.type) {
    case 'Literal':
      return;
    case 'Identifier':
      if (!['auth', 'resource', 'true', 'false', 'null'].includes(node.name as string)) throw new Error(`unknown name ${node.name}`);
      return;
    case 'ArrayExpression':
      (node.elements as Node[]).forEach(check);
      return;
    case 'UnaryExpression':
      if (node.operator !== '!') throw new Error(`operator ${node.operator} is not supported`);
      check(node.argument as Node);
      return;
    case 'BinaryExpression':
      if (!BINARY.includes(node.operator as string)) throw new Error(`operator ${node.operator} is not supported`);
      check(node.left as Node);
      check(node.right as Node);
      return;
    case 'MemberExpression': {
      let n: Node = node;
      while (n.type === 'MemberExpression') {
        if (n.computed && (n.property as Node).type !== 'Literal') throw new Error('only literal indexes ([0], ["x"]) are supported');
        n = n.object as Node;
      }
      if (n.type !== 'Identifier' || (n.name !== 'auth' && n.name !== 'resource')) throw new Error('only auth.* and resource.* can be read in a storage rule');
      return;
    }
    default:
      throw new Error(`${node.type} is not supported in storage rules`);
  }
}

function evaluate(node: Node, vars: Record<string, unknown>): unknown {
  switch (node.type) {
    case 'Literal':
      return node.value;
    case 'Identifier':
      return node.name === 'true' ? true : node.name === 'false' ? false : node.name === 'null' ? null : (vars[node.name as string] ?? null);
    case 'ArrayExpression':
      return (node.elements as Node[]).map((e) => evaluate(e, vars));
    case 'MemberExpression': {
      const obj = evaluate(node.object as Node, vars);
      const key = node.computed ? String((node.property as jsep.Literal).value) : ((node.property as jsep.Identifier).name as string);
      return obj !== null && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key) ? ((obj as Record<string, unknown>)[key] ?? null) : null;
    }
    case 'UnaryExpression':
      return !evaluate(node.argument as Node, vars);
    case 'BinaryExpression': {
      const op = node.operator;
      if (op === '&&') return evaluate(node.left as Node, vars) === true && evaluate(node.right as Node, vars) === true;
      if (op === '||') return evaluate(node.left as Node, vars) === true || evaluate(node.right as Node, vars) === true;
      const l = evaluate(node.left as Node, vars);
      const r = evaluate(node.right as Node, vars);
      switch (op) {
        case '==':
          return l === r;
        case '!=':
          return l !== r;
        case 'in':
          return Array.isArray(r) && r.includes(l);
      }
      if (typeof l !== typeof r || (typeof l !== 'number' && typeof l !== 'string')) return false;
      const [a, b] = [l as string, r as string]; // same type, both numbers or both strings
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    }
  }
  return false;
}

export function compileStorageRule(rule: boolean | string): (auth: StorageAuth | null, resource: StorageResource) => boolean {
  if (rule === true || rule === 'true') return () => true;
  if (rule === false || rule === 'false') return () => false;
  let ast: Node;
  try {
    ast = jsep(rule);
  } catch (e) {
    throw new Error(`cannot parse rule "${rule}": ${(e as Error).message}`, { cause: e });
  }
  check(ast);
  return (auth, resource) => evaluate(ast, { auth, resource: { path: resource.path, segments: resource.path.split('/'), openid: resource.openid } }) === true;
}

/** storage-rules.json at the project root; a project without one has a closed storage (nothing read, nothing written). */
export function loadStorageRules(rootDir: string): StorageRules {
  const file = path.join(rootDir, 'storage-rules.json');
  let raw: unknown = { read: false, write: false, limits: {} };
  if (existsSync(file)) raw = JSON.parse(readFileSync(file, 'utf8'));
  const parsed = rulesFile.safeParse(raw);
  if (!parsed.success) throw new Error(`storage-rules.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const compile = (which: 'read' | 'write') => {
    try {
      return compileStorageRule(parsed.data[which]);
    } catch (e) {
      throw new Error(`storage-rules.json ${which}: ${(e as Error).message}`, { cause: e });
    }
  };
  const canRead = compile('read');
  const canWrite = compile('write');
  const types = new Map<string, FileType>();
  for (const [kind, limit] of Object.entries(parsed.data.limits)) for (const [ext, contentType] of Object.entries(limit.types)) types.set(ext, { kind, ext, contentType, maxBytes: limit.maxBytes });
  return {
    canRead,
    canWrite,
    typeOf(filePath) {
      const m = /\.([A-Za-z0-9]+)$/.exec(filePath);
      return m ? types.get(m[1].toLowerCase()) : undefined;
    },
    maxBytes: Math.max(0, ...[...types.values()].map((t) => t.maxBytes)),
  };
}
