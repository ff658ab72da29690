/**
 * What an indexed field holds across a collection, like MongoDB's "multikey" flag but also recording value types.
 * An expression index over json_extract sees one value per document, which is only the whole story when the path never
 * crosses an array and (for sorting) SQLite orders the values as MongoDB does. Kinds only ever grow, so a flag, once
 * set, stays set, as MongoDB's does.
 */
export type Kind = 'null' | 'number' | 'string' | 'bool' | 'array' | 'other';

/** The kind of the value at a dotted path, 'array' when the path crosses or ends at an array. */
export function kindAt(doc: unknown, path: string): Kind {
  let v: unknown = doc;
  for (const key of path.split('.')) {
    if (Array.isArray(v)) return 'array';
    if (v === null || typeof v !== 'object' || v instanceof Date) return 'null';
    v = (v as Record<string, unknown>)[key];
  }
  if (Array.isArray(v)) return 'array';
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'other'; // dates, embedded documents, regular expressions
}

/**
 * SQLite sorts NULL < numbers < text, which is MongoDB's order for null/missing, numbers and strings (and booleans
 * alone sort false < true as 0 < 1). Any other mix, dates included (stored as JSON objects), is sorted in memory.
 */
export function sortsLikeMongo(kinds: ReadonlySet<Kind>): boolean {
  const present = [...kinds].filter((k) => k !== 'null');
  return present.every((k) => k === 'number' || k === 'string') || (present.length === 1 && present[0] === 'bool');
}
