import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A static reading of the modules' source: which collections each module declares as its own (`COLLECTIONS = [...]`)
 * and which collections each one writes (`db.collection(<name>)` followed, in the same statement, by add / update /
 * set / remove, directly or through an accessor such as `const orders = () => db.collection('orders')`).
 */
export const SRC = path.join(__dirname, '..', 'src');

export interface Source {
  module: string;
  file: string;
  text: string;
}
export interface Write {
  module: string;
  file: string;
  collection: string;
  line: number;
}

const WRITE = /\.(add|update|set|remove)\s*\(/;

export function moduleSources(src = SRC): Source[] {
  const out: Source[] = [];
  const walk = (module: string, dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(module, full);
      else if (name.endsWith('.ts')) out.push({ module, file: path.relative(src, full), text: readFileSync(full, 'utf8') });
    }
  };
  for (const name of readdirSync(src)) if (statSync(path.join(src, name)).isDirectory()) walk(name, path.join(src, name));
  return out;
}

/** `export const COLLECTIONS = ['a', 'b'] as const` in any of a module's files. */
export function declaredCollections(sources: Source[]): Map<string, string[]> {
  const owned = new Map<string, string[]>();
  for (const s of sources) {
    const m = /export const COLLECTIONS\s*=\s*\[([^\]]*)\]/.exec(s.text);
    if (!m) continue;
    const names = [...m[1].matchAll(/'([^']+)'|"([^"]+)"/g)].map((x) => x[1] ?? x[2]);
    owned.set(s.module, [...(owned.get(s.module) ?? []), ...names]);
  }
  return owned;
}

/** The rest of the statement starting at `from`: up to a `;` or a closing bracket at its own depth. */
function statementFrom(text: string, from: number): string {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth < 0) return text.slice(from, i);
    } else if (c === ';' && depth === 0) return text.slice(from, i);
  }
  return text.slice(from);
}

/** Comments blanked out (lines kept), so prose naming a collection or an accessor is not read as code. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (c) => c.replace(/[^\n]/g, ' '));

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Every write each source makes, by collection. A collection named by a non-literal the reader cannot resolve is reported as `?<expr>`. */
export function writes(sources: Source[]): Write[] {
  const out: Write[] = [];
  for (const original of sources) {
    const s = { ...original, text: withoutComments(original.text) };
    const consts = new Map([...s.text.matchAll(/const\s+(\w+)\s*=\s*'([^']+)'/g)].map((m) => [m[1], m[2]]));
    for (const m of s.text.matchAll(/collection\(\s*([^)]*?)\s*\)/g)) {
      const arg = m[1];
      const lit = /^'([^']+)'$|^"([^"]+)"$/.exec(arg);
      const collection = lit ? (lit[1] ?? lit[2]) : (consts.get(arg) ?? `?${arg}`);
      const at = m.index!;
      const push = (index: number) => out.push({ module: s.module, file: s.file, collection, line: lineOf(s.text, index) });
      if (WRITE.test(statementFrom(s.text, at + m[0].length))) push(at);
      // Bound to a name (`const orders = () => db.collection('orders')` or `= db.collection('orders')`): follow its uses.
      const before = s.text.slice(Math.max(0, at - 120), at);
      const bound = /(?:const|let)\s+(\w+)\s*=\s*(?:\(\)\s*=>\s*)?(?:\w+\.)?$/.exec(before);
      if (!bound) continue;
      for (const use of s.text.matchAll(new RegExp(`(?<![\\w.'"])${bound[1]}(\\(\\))?(?=\\s*\\.)`, 'g'))) {
        if (use.index! >= at - 120 && use.index! <= at) continue;
        if (WRITE.test(statementFrom(s.text, use.index! + use[0].length))) push(use.index!);
      }
    }
  }
  return out;
}

/** Writes to a collection the writing module does not declare as its own (another module's, or nobody's). */
export function foreignWrites(sources: Source[]): (Write & { owner: string })[] {
  const owned = declaredCollections(sources);
  const ownerOf = new Map([...owned].flatMap(([module, names]) => names.map((n) => [n, module] as const)));
  return writes(sources)
    .filter((w) => !(owned.get(w.module) ?? []).includes(w.collection))
    .map((w) => ({ ...w, owner: ownerOf.get(w.collection) ?? '(nobody declares it)' }));
}
