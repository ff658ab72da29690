import { audienceOf, permissionsOf, type MyStore, type Principal } from '@daojia/domain';
import { staffRowsOf } from '../access';
import { storeSummaries } from '../stores';

/**
 * The stores a person works at, each with their role and the staff permissions they hold there (the merchant app
 * shows a tile only when its permission is held), the store's status and its commission terms. Two reads.
 */
export async function storesOfPerson(userKey: string): Promise<MyStore[]> {
  const rows = await staffRowsOf(userKey);
  const summaries = new Map((await storeSummaries(rows.map((r) => r.storeId))).map((s) => [s._id, s]));
  const principal: Principal = { userKey, anonymous: false, stores: rows.map(({ storeId, role }) => ({ storeId, role })), platform: null };
  return rows.flatMap((row) => {
    const s = summaries.get(row.storeId);
    if (!s) return [];
    const permissions = permissionsOf(principal, { storeId: row.storeId }).filter((p) => audienceOf(p) === 'staff');
    return [{ storeId: s._id, name: s.name, category: s.category, region: s.region, status: s.status, role: row.role, permissions, ...(s.terms ? { terms: s.terms } : {}) }];
  });
}
