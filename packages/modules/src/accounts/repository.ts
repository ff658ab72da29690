import { address, type Address } from '@daojia/domain';
import { db } from '../runtime';
import { parser } from '../repository-kit';

/** The collections this module owns: no other module writes them (test/ownership.test.ts). */
export const COLLECTIONS = ['addresses'] as const;

const parse = parser('addresses', address);

/** The user's address with this id, or (no id) any one of theirs. */
export async function findAddress(userKey: string, addressId?: string): Promise<Address | undefined> {
  const where = addressId ? { _id: addressId, _openid: userKey } : { _openid: userKey };
  const doc = (await db.collection('addresses').where(where).limit(1).get()).data[0];
  return doc === undefined ? undefined : parse(doc);
}
