import { z } from 'zod';

/**
 * What every repository shares: documents read from the database are parsed with their domain schema, so a service
 * never works on a document that is not what the domain says (a bad migration, a hand edit in the console, a field
 * another writer got wrong) and fails loudly, naming the collection and the document, instead of pricing, paying
 * or refunding from it. Unknown fields are dropped: a repository's schema says what its collection holds.
 */
export class MalformedDocument extends Error {
  constructor(
    public readonly collection: string,
    public readonly docId: string,
    issues: string,
  ) {
    super(`${collection} document ${docId} does not match its schema: ${issues}`);
    this.name = 'MalformedDocument';
  }
}

export function parser<S extends z.ZodType>(collection: string, schema: S): (doc: unknown) => z.output<S> {
  return (doc) => {
    const parsed = schema.safeParse(doc);
    if (parsed.success) return parsed.data;
    const docId = String((doc as { _id?: unknown } | null)?._id ?? '(no _id)');
    throw new MalformedDocument(collection, docId, z.prettifyError(new z.ZodError(parsed.error.issues.slice(0, 5))).replace(/\n/g, '; '));
  };
}

/** A unique-id insert that lost a race (a resent notification, an overlapping timer): the first writer won. */
export const isDuplicate = (e: unknown) => (e as { code?: string })?.code === 'DATABASE_DUPLICATE_WRITE';

/** Inserts a document whose id says it may only exist once; false when it already did. */
export async function addOnce(add: () => Promise<unknown>): Promise<boolean> {
  try {
    await add();
    return true;
  } catch (e) {
    if (!isDuplicate(e)) throw e;
    return false;
  }
}
